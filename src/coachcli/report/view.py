"""``coach report`` in the terminal: tables and charts drawn with rich from ``build_report`` data.

Charts are text: bars made of block characters (``█`` and eighths) and sparklines
(``▁▂▃▄▅▆▇█``). When stdout is not a terminal the output is plain: no colour and no box drawing;
bars and sparklines stay (they are letters, not boxes) unless the output encoding cannot show
them, then ``#`` bars and digit sparklines are used. Names and store labels are shown through
``render.user_text``; nothing else in the report is text someone typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from coachcli.ui.console import plain, user_text

EIGHTHS = " ▏▎▍▌▋▊▉█"
SPARKS = "▁▂▃▄▅▆▇█"
BAR_WIDTH = 24
BAR_NARROW = 14  # terminals under 100 columns
NO_BARS_UNDER = 70  # columns: below this the figures alone fit, bars would push them off
PLAIN_WIDTH = 1000
MONTHS_SHOWN = 24  # the month table shows the newest months; --json/--csv hold them all
MONTHS_SPARK = 60
NEGLECT_FLAG = "check in"
SKILL_LABELS = {
    "listened": "Listened: facts, feelings, values",
    "what_how": "Asked a what/how question",
    "balanced": "Restated, then challenged",
    "next_step": "Ended with a next step",
    "all_four": "All four skills",
}


# -- chart pieces (pure; tested directly) ------------------------------------------------------
def bar(fraction: float | None, width: int = BAR_WIDTH, *, unicode: bool = True) -> str:
    """A horizontal bar ``width`` cells wide filled to ``fraction`` (0..1), padded with spaces."""
    fraction = min(max(fraction or 0.0, 0.0), 1.0)
    if not unicode:
        filled = round(fraction * width)
        return "#" * filled + " " * (width - filled)
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (EIGHTHS[part] if part else "")
    return text + " " * (width - len(text))


def sparkline(values: list[float | None], *, top: float | None = None, unicode: bool = True) -> str:
    """One character per value, scaled to ``top`` (default: the largest value); a gap (no data)
    is a middle dot, or ``.`` without unicode."""
    known = [v for v in values if v is not None]
    top = top or max(known, default=0) or 1
    levels = SPARKS if unicode else "0123456789"
    out = []
    for value in values:
        if value is None:
            out.append("·" if unicode else ".")
        else:
            level = min(max(value / top, 0.0), 1.0)
            out.append(levels[round(level * (len(levels) - 1))])
    return "".join(out)


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _unicode_ok(console: Console) -> bool:
    return "utf" in (console.encoding or "").lower()


# -- sections ----------------------------------------------------------------------------------
def _table(console: Console, *columns: str, right: tuple[int, ...] = (), header=True) -> Table:
    """A table; plain (no box drawing, no colour) when stdout is not a terminal. ``right``
    holds the positions of right-aligned columns. Call ``_fit`` once the rows are in."""
    if plain(console):
        table = Table(box=None, show_edge=False, pad_edge=False, padding=(0, 2, 0, 0))
    else:
        table = Table(
            box=box.SIMPLE_HEAD,
            header_style="bold",
            show_edge=False,
            pad_edge=False,
            padding=(0, 1, 0, 0),
        )
    table.show_header = header
    for i, column in enumerate(columns):
        table.add_column(column, justify="right" if i in right else "left")
    return table


def _fit(table: Table) -> Table:
    """Never cut a figure: each column is at least as wide as its widest cell, so on a narrow
    terminal only the headers wrap."""
    for column in table.columns:
        widths = [c.cell_len if isinstance(c, Text) else cell_len(str(c)) for c in column.cells]
        column.min_width = max(widths, default=0)
    return table


def _title(report: dict) -> Text:
    since, until = report["since"] or "the first conversation", report["until"] or "today"
    kind = "Program report" if report["program"] else "Coaching report"
    text = Text(f"{kind}: {since} to {until} (today {report['today']})", style="bold")
    if report["one_person"]:
        text.append(", one person")
    return text


@dataclass
class _Look:
    """How charts are drawn on this console."""

    unicode: bool
    width: int

    def bar(self, fraction: float | None) -> Text:
        return Text(bar(fraction, self.width, unicode=self.unicode), style="green")


def _stores(report: dict, console: Console) -> Table:
    table = _table(
        console,
        "Store",
        "Conversations",
        "People",
        "Steps",
        "Done",
        "On time",
        "Overdue",
        "Yours",
        "4 skills",
        right=tuple(range(1, 9)),
    )
    for s in report["stores"]:
        table.add_row(
            user_text(s["store"], limit=40),
            str(s["conversations"]),
            str(s["people"]),
            str(s["actions_created"]),
            pct(s["completion_rate"]),
            pct(s["on_time_rate"]),
            str(s["overdue"]),
            pct(s["supervisor_share"]),
            pct(s["all_four_share"]),
        )
    return _fit(table)


def _months(report: dict, console: Console, look: _Look) -> Table:
    months = report["months"][-MONTHS_SHOWN:]
    top = max((m["conversations"] for m in months), default=0) or 1
    table = _table(console, "Month", "Conversations", "", "Completion", "4 skills", right=(1, 3, 4))
    for m in months:
        table.add_row(
            m["month"],
            str(m["conversations"]),
            look.bar(m["conversations"] / top),
            pct(m["completion_rate"]),
            pct(m["all_four_share"]),
        )
    return _fit(table)


def _checkin_cell(person: dict, unicode: bool) -> str:
    """The check-in trend as a small figure: one spark a month (out of 10), then the average."""
    if not person.get("checkins"):
        return "–"
    trend: list[float | None] = [float(v) for v in person["checkin_trend"].split()]
    return f"{sparkline(trend, top=10, unicode=unicode)} {person['checkin_average']:g}"


def _people(report: dict, console: Console) -> Table:
    checkins = any(p.get("checkins") for p in report["people"])  # a column only when any
    columns = ["Person", "Conversations", "Last", "Days", "Done", *["How they are"] * checkins, ""]
    if report["program"]:
        columns.insert(0, "Store")
    shift = 1 if report["program"] else 0
    table = _table(console, *columns, right=(1 + shift, 3 + shift, 4 + shift))
    for p in report["people"]:
        done = f"{p['done']}/{p['actions_created']}" if p["actions_created"] else "–"
        cells = [
            user_text(p["person"], limit=40),
            str(p["conversations"]),
            p["last"] or "–",
            "–" if p["days_since_last"] is None else str(p["days_since_last"]),
            done,
            *[_checkin_cell(p, _unicode_ok(console))] * checkins,
            Text(NEGLECT_FLAG, style="yellow") if p["neglected"] else Text(""),
        ]
        if report["program"]:
            cells.insert(0, user_text(p["store"], limit=40))
        table.add_row(*cells)
    return _fit(table)


RateRow = tuple[str, float | None, str]  # label, rate, detail


def _rate_table(console: Console, look: _Look, rows: list[RateRow]) -> Table:
    """Label, bar, percentage, detail. At a terminal the bars give way to the figures: a narrow
    window shortens the bars rather than cutting "12 of 34" to "12 o"."""
    width = look.width
    if not plain(console):
        label = max((cell_len(row[0]) for row in rows), default=0)
        detail = max((cell_len(row[2]) for row in rows), default=0)
        # each column pads one space on its right, and the box puts one between columns
        room = console.width - label - detail - len("100%") - 4 - 3
        width = max(1, min(width, room))
    narrow = _Look(look.unicode, width)
    table = _table(console, "", "", "", "", right=(2,), header=False)
    for label_text, value, detail_text in rows:
        table.add_row(label_text, narrow.bar(value), pct(value), detail_text)
    return _fit(table)


def _actions(report: dict, console: Console, look: _Look) -> list:
    a = report["actions"]
    lines: list = [
        Text(
            f"{a['created']} created: {a['done']} done, {a['partly']} partly, "
            f"{a['dropped']} dropped, {a['open']} open ({a['overdue']} overdue)"
        )
    ]
    detail = f"{a['on_time']} of {a['done']} done"
    if a["done_without_due"]:
        detail += f" ({a['done_without_due']} without a due date)"
    person_share = None if a["supervisor_share"] is None else 1 - a["supervisor_share"]
    owner = "Owned by supervisors" if report["program"] else "Owned by you"
    rows: list[RateRow] = [
        ("Completion", a["completion_rate"], f"{a['done']} of {a['created']}"),
        ("On time", a["on_time_rate"], detail),
        ("Owned by the person", person_share, str(a["owner_person"])),
        (owner, a["supervisor_share"], str(a["owner_supervisor"])),
    ]
    lines.append(_rate_table(console, look, rows))
    if a["supervisor_owns_most"]:
        who = "Supervisors own" if report["program"] else "You own"
        lines.append(
            Text(
                f"{who} most of the next steps. People grow when they own their steps: next "
                'time, try asking "What will you do first?" before offering to do it yourself.',
                style="yellow",
            )
        )
    return lines


def _skills(report: dict, console: Console, look: _Look) -> list:
    s = report["skills"]
    rows: list[RateRow] = [
        (label, s[name]["share"], f"{s[name]['count']} of {s['conversations']}")
        for name, label in SKILL_LABELS.items()
    ]
    table = _rate_table(console, look, rows)
    agenda = s["agenda_took_over"]
    took = Text("Own agenda took over: ")
    took.append(
        ", ".join(
            f"{answer} {pct(agenda[answer]['share'])} ({agenda[answer]['count']})"
            for answer in ("no", "partly", "yes")
        )
    )
    return [table, took]


def _trends(report: dict, console: Console, look: _Look) -> Table:
    months = report["months"][-MONTHS_SPARK:]
    table = _table(console, "", "", "", header=False)
    span = f"{months[0]['month']} to {months[-1]['month']}" if months else ""
    series: list[tuple[str, list, Callable[[Any], str], float | None]] = [
        # counts scale to the busiest month, rates to 100%
        ("Conversations", [m["conversations"] for m in months], str, None),
        ("Completion", [m["completion_rate"] for m in months], pct, 1.0),
        ("All four skills", [m["all_four_share"] for m in months], pct, 1.0),
    ]
    for label, values, fmt, top in series:
        last = next((v for v in reversed(values) if v is not None), None)
        table.add_row(
            label,
            Text(sparkline(values, top=top, unicode=look.unicode), style="cyan"),
            f"{span}, latest {fmt(last) if last is not None else '–'}",
        )
    _fit(table)
    table.columns[-1].min_width = None  # words: they may wrap on a narrow terminal
    return table


def _heading(console: Console, text: str) -> None:
    console.print()
    console.print(Text(text, style="bold"))


def render_report(report: dict, console: Console) -> None:
    """Print the whole report: headline, stores (program view), months, people, next steps,
    skills and trends. Plain output (not a terminal) is never cut and has no trailing blanks."""
    if not plain(console):
        width = console.width
        bars = BAR_WIDTH if width >= 100 else BAR_NARROW if width >= NO_BARS_UNDER else 0
        _render(report, console, _Look(_unicode_ok(console), bars))
        return
    console.width = max(console.width, PLAIN_WIDTH)
    with console.capture() as captured:
        _render(report, console, _Look(_unicode_ok(console), BAR_WIDTH))
    lines = [line.rstrip() for line in captured.get().splitlines()]
    console.file.write("\n".join(lines) + "\n")
    console.file.flush()


def _render(report: dict, console: Console, look: _Look) -> None:
    summary = report["summary"]
    console.print(_title(report))
    if report["program"]:
        _heading(console, "Stores (Yours: share of next steps the supervisor owns)")
        console.print(_stores(report, console))
        skipped = sum(s["skipped_files"] for s in report["stores"])
        if skipped:
            console.print(f"{skipped} session files could not be read and were skipped.")
    people = "person" if summary["people"] == 1 else "people"
    _heading(
        console, f"Conversations: {summary['conversations']} with {summary['people']} {people}"
    )
    if not summary["conversations"]:
        console.print("No conversations in this period.")
    elif report["months"]:
        console.print(_months(report, console, look))
        hidden = len(report["months"]) - MONTHS_SHOWN
        if hidden > 0:
            console.print(f"({hidden} earlier months are in --json and --csv)")
    if report["people"]:
        _heading(console, "People")
        console.print(_people(report, console))
        console.print(
            f"Days since the last conversation (all time); {NEGLECT_FLAG!r}: none in "
            f"{report['neglect_days']} days."
        )
    from coachcli.report.mentoring import mentoring_lines

    mentoring = mentoring_lines(report["mentoring"]) if report.get("mentoring") else []
    if mentoring:
        _heading(console, "Mentoring (relationships, goals, offers)")
        for line in mentoring:
            console.print(Text(line))
    if not summary["conversations"]:
        _practice(report, console)
        return
    _heading(console, "Next steps from these conversations")
    for part in _actions(report, console, look):
        console.print(part)
    _heading(console, "Coaching skills (share of conversations)")
    for part in _skills(report, console, look):
        console.print(part)
    _heading(console, "Trends by month")
    console.print(_trends(report, console, look))
    _practice(report, console)


def _practice(report: dict, console: Console) -> None:
    """Practice drills (``coach practice``), kept apart from the conversations above."""
    practice = report.get("practice")
    if not practice:
        return
    _heading(console, f"Practice: {practice['attempts']} drills, {practice['passed']} passed")
    table = _table(console, "skill", "drills", "passed", "recent average", right=(1, 2, 3))
    for skill, row in practice["skills"].items():
        average = row["recent_average"]
        table.add_row(
            skill,
            str(row["attempts"]),
            str(row["passed"]),
            "–" if average is None else str(average),
        )
    console.print(_fit(table))
    console.print(f"Next drill: coach practice --skill {practice['next_skill']}")
