"""The terminal view of ``coach report``: charts, plain output, literal names, the gentle note."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from rich.console import Console

from coachcli.report.build import StoreRows, build_report
from coachcli.report.view import bar, pct, render_report, sparkline
from factories import action, row

TODAY = date(2026, 11, 24)
BOX_DRAWING = re.compile("[\u2500-\u257f]")


def rendered(rows, *, terminal: bool, width: int = 80, program: bool = False, **kw) -> str:
    report = build_report(
        [StoreRows("store 1" if program else "own", rows)], today=TODAY, program=program, **kw
    )
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=terminal,
        no_color=not terminal,
        markup=False,
        emoji=False,
        highlight=False,
        color_system="standard" if terminal else None,
    )
    render_report(report, console)
    return out.getvalue()


def sample() -> list[dict]:
    return [
        row("Sam", "2026-09-03", actions=[action("done", due="2026-09-10", closed="2026-09-09")]),
        row("Sam", "2026-09-20", actions=[action("open", due="2026-09-25")]),
        row("Alex", "2026-11-02", values=0, actions=[action("done", closed="2026-11-03")]),
    ]


# -- chart pieces ------------------------------------------------------------------------------
def test_bar_fills_in_eighths_and_keeps_its_width():
    assert bar(1.0, 4) == "████"
    assert bar(0.0, 4) == "    "
    assert bar(0.5, 4) == "██  "
    assert bar(1 / 32, 4) == "▏   "  # one eighth of one cell
    assert bar(None, 3) == "   "
    assert bar(2.5, 3) == "███"  # clamped
    assert bar(0.5, 4, unicode=False) == "##  "


def test_sparkline_scales_to_the_top_and_shows_gaps():
    assert sparkline([0, 5, 10]) == "▁▅█"
    assert sparkline([0.5, None, 1.0], top=1.0) == "▅·█"
    assert sparkline([0.25], top=1.0) == "▃"
    assert sparkline([]) == ""
    assert sparkline([0, 0]) == "▁▁"
    assert sparkline([0, None, 9], unicode=False) == "0.9"


def test_pct_rounds_and_marks_missing_rates():
    assert pct(0.4444) == "44%"
    assert pct(1.0) == "100%"
    assert pct(None) == "–"


# -- the whole view ----------------------------------------------------------------------------
def test_plain_output_has_every_section_and_no_colour_or_boxes():
    out = rendered(sample(), terminal=False)
    for heading in (
        "Coaching report: the first conversation to today (today 2026-11-24)",
        "Conversations: 3 with 2 people",
        "People",
        "Next steps from these conversations",
        "Coaching skills (share of conversations)",
        "Trends by month",
    ):
        assert heading in out, out
    assert "\x1b" not in out
    assert not BOX_DRAWING.search(out), out
    assert all(line == line.rstrip() for line in out.splitlines()), out
    assert "3 created: 2 done, 0 partly, 0 dropped, 1 open (1 overdue)" in out
    assert re.search(r"2026-09\s+2\s+█+", out), out
    assert re.search(r"2026-10\s+0\s", out), out  # the empty month is shown, not skipped
    assert re.search(r"Completion\s+█+\s+67%\s+2 of 3", out), out
    assert re.search(r"Listened: facts, feelings, values\s+█+\s+67%\s+2 of 3", out), out
    assert re.search(r"Conversations\s+█▁▅\s+2026-09 to 2026-11, latest 1", out), out
    assert re.search(r"Completion\s+▅·█\s+2026-09 to 2026-11, latest 100%", out), out
    assert re.search(r"Alex\s+1\s+2026-11-02\s+22\s+1/1", out), out
    assert re.search(r"Sam\s+2\s+2026-09-20\s+65\s+1/2\s+check in", out), out


def test_terminal_output_draws_charts_and_never_cuts_a_figure_at_80_columns():
    rows = sample() + [row(f"Person {i}", "2026-10-05") for i in range(3)]
    out = rendered(rows, terminal=True, width=80, program=True, label=lambda n: f"p-{len(n)}")
    plain_text = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "\x1b[" in out  # coloured
    assert "…" not in plain_text, plain_text
    assert all(len(line) <= 80 for line in plain_text.splitlines()), plain_text
    assert "Stores" in plain_text and "store 1" in plain_text
    assert "█" in plain_text and "▁" in plain_text


@pytest.mark.parametrize("width", [60, 70, 80])
def test_in_a_narrow_window_the_bars_shrink_and_every_rate_keeps_its_figures(width):
    """At 60 columns "Listened: facts, feelings, values … 50%  1 of 2" was cut to "1 o"."""
    rows = [row(f"P{i}", "2026-10-05", values=i % 2) for i in range(123)]
    text = re.sub(r"\x1b\[[0-9;]*m", "", rendered(rows, terminal=True, width=width))
    skills = [line for line in text.splitlines() if "%" in line and " of " in line]
    assert len(skills) >= 6, text
    assert all(re.search(r"\d+ of \d+( done)?$", line.rstrip()) for line in skills), skills
    assert "of 123" in text


def test_a_supervisor_owning_most_steps_gets_a_gentle_note():
    mine = [row(actions=[action(owner="supervisor"), action(owner="supervisor"), action()])]
    theirs = [row(actions=[action(owner="supervisor"), action()])]
    assert "You own most of the next steps" in rendered(mine, terminal=False)
    assert "own most of the next steps" not in rendered(theirs, terminal=False)


def test_names_are_shown_literally_without_markup_or_controls():
    out = rendered([row("[red]Sam[/red]\x1b[2J\u202e")], terminal=True)
    assert "[red]Sam[/red]" in out
    assert "\x1b[2J" not in out and "\u202e" not in out


def test_an_empty_period_says_so():
    out = rendered([row("Sam", "2026-01-05")], terminal=False, since=date(2026, 11, 1))
    assert "Conversations: 0 with 0 people" in out
    assert "No conversations in this period." in out
    assert "Next steps" not in out
    assert re.search(r"Sam\s+0\s+2026-01-05\s+323\s+–\s+check in", out), out


def test_long_histories_show_the_newest_months_and_say_where_the_rest_is():
    rows = [row(started=f"{2024 + (m // 12)}-{m % 12 + 1:02d}-10") for m in range(30)]
    out = rendered(rows, terminal=False)
    assert "(6 earlier months are in --json and --csv)" in out
    trends = out.split("Trends by month")[1]
    assert "2024-01 to 2026-06" in trends  # the sparklines still cover every month
    assert re.search(r"Conversations\s+█{30}\s", trends), trends
    assert "2024-06" not in out.split("People")[0]
