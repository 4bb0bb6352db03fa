"""coach people, coach sessions and coach show."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from coachcli.cli.app import run
from coachcli.core.clock import SystemClock
from coachcli.core.errors import NotFoundError, UsageError
from coachcli.core.model import (
    ActionItem,
    AfterCheck,
    AskedQuestion,
    Assumption,
    Listening,
    OwnAgenda,
    Session,
    StatusChange,
)
from coachcli.history import view as history
from coachcli.storage.store import Store

TODAY = SystemClock().today()


def make_session(sid: str, person: str, *, due_days: int = -2, status: str = "open") -> Session:
    when = datetime.strptime(sid[:8], "%Y%m%d").replace(hour=9, tzinfo=UTC)
    due = TODAY + timedelta(days=due_days)
    return Session(
        id=sid,
        person=person,
        started_at=when,
        finished_at=when + timedelta(minutes=30),
        agenda=OwnAgenda(want="SECRET-WANT", advice="SECRET-ADVICE"),
        listening=Listening(facts=["Deadline moved"], feelings=["tired"], values=["fairness"]),
        questions=[AskedQuestion(text="What matters most?", answer="Being heard")],
        restatement="You want to be heard.",
        assumptions=[Assumption(assumption="Nobody listens", reframe="Some do")],
        actions=[
            ActionItem(
                id=f"it{sid[-6:]}",
                text="Talk to the lead",
                due=due,
                status=status,
                created_at=when,
                learned="Went well" if status != "open" else "",
                history=[
                    StatusChange(at=when, status="open", due=due, event="created"),
                    *(
                        [StatusChange(at=when, status=status, event=status, note="Went well")]
                        if status != "open"
                        else []
                    ),
                ],
            )
        ],
        after_check=AfterCheck(agenda_took_over="partly", note="SECRET-CHECK"),
        supervisor_notes="SECRET-NOTES",
    )


@pytest.fixture
def store(store) -> Store:
    store.save_new_session(make_session("20260105-sam234", "Sam"))
    store.save_new_session(make_session("20260301-sam567", "Sam", due_days=5))
    store.save_new_session(make_session("20260210-kim234", "Kim", status="done"))
    return store


def test_people(store, capsys):
    rc = run(["people"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["PERSON", "LAST", "SESSION", "SESSIONS", "OPEN", "OVERDUE"]
    assert lines[1].split() == ["Kim", "2026-02-10", "1", "0", "0"]
    assert lines[2].split() == ["Sam", "2026-03-01", "2", "2", "1"]
    rc = run(["people", "--json"])
    out, _ = capsys.readouterr()
    assert json.loads(out)[1] == {
        "person": "Sam",
        "last_session": "2026-03-01",
        "sessions": 2,
        "open": 2,
        "overdue": 1,
    }


def test_people_with_no_sessions(capsys):
    assert run(["people"]) == 0
    out, _ = capsys.readouterr()
    assert "No sessions yet" in out


def test_sessions_lists_and_filters(store, capsys):
    rc = run(["sessions"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["ID", "DATE", "PERSON", "BANK"]
    assert [line.split()[0] for line in lines[1:]] == [
        "20260105-sam234",
        "20260210-kim234",
        "20260301-sam567",
    ]
    assert lines[2].split() == [
        "20260210-kim234",
        "2026-02-10",
        "Kim",
        "coaching",
        "coaching",  # the kind, after the bank
        "0/1",
    ]
    run(["sessions", "--person", "SAM", "--since", "2026-02-01", "--json"])
    out, _ = capsys.readouterr()
    assert [s["id"] for s in json.loads(out)] == ["20260301-sam567"]
    rc = run(["sessions", "--since", "yesterday-ish"])
    _, err = capsys.readouterr()
    assert rc == 2, err


def test_show_everything_with_private_parts_marked(store, capsys):
    rc = run(["show", "20260105-sam"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    for expected in (
        "Session with Sam",
        "My agenda (private)",
        "SECRET-WANT",
        "Facts: Deadline moved",
        "1. What matters most?",
        "Answer: Being heard",
        "You want to be heard.",
        "Nobody listens",
        "Reframe: Some do",
        "[open] itsam234",
        "created",
        "After-check (private)",
        "partly",
        "SECRET-CHECK",
        "My notes (private)",
        "SECRET-NOTES",
    ):
        assert expected in out, expected
    assert "\x1b" not in out


def test_show_history_of_a_closed_item(store, capsys):
    assert run(["show", "20260210-kim234"]) == 0
    out, _ = capsys.readouterr()
    assert "[done]" in out and "done: Went well" in out and "learned: Went well" in out


def test_show_json_is_the_session_file(store, capsys, coach_home):
    assert run(["show", "20260105-sam234", "--json"]) == 0
    out, _ = capsys.readouterr()
    on_disk = (coach_home / "sessions" / "20260105-sam234.json").read_text()
    assert json.loads(out) == json.loads(on_disk)


@pytest.mark.parametrize("argv", [["show", "Sam", "last"], ["export", "sam", "-2"]])
def test_naming_a_session_decodes_no_index_row(store, capsys, monkeypatch, argv):
    """``show``/``export``/``edit`` find the session from the index's id, person and start
    columns: no row is decoded (at 100,000 sessions that was most of the time)."""
    from coachcli.index import query

    assert run(["sessions"]) == 0  # the index is built
    capsys.readouterr()

    def refuse(*args, **kwargs):
        raise AssertionError("every row decoded to find one session")

    monkeypatch.setattr(query, "rows", refuse)
    assert run(argv) == 0
    out, _ = capsys.readouterr()
    assert ("20260301-sam567" if argv[0] == "show" else "20260105-sam234") in out


@pytest.mark.parametrize(("given", "code"), [("2026", 2), ("2025", 8), ("abc", 2)])
def test_show_bad_ids(store, capsys, given, code):
    rc = run(["show", given])
    _, err = capsys.readouterr()
    assert rc == code, err


def test_resolve_session_id():
    rows = [{"id": "20260105-sam234"}, {"id": "20260105-sbm234"}]
    assert history.resolve_session_id(rows, "20260105-sam234") == "20260105-sam234"
    assert history.resolve_session_id(rows, "20260105-sa") == "20260105-sam234"
    with pytest.raises(UsageError):
        history.resolve_session_id(rows, "20260105")
    with pytest.raises(NotFoundError):
        history.resolve_session_id(rows, "20270101")


def test_hostile_text_is_shown_literally(coach_home, capsys):
    session = make_session("20260105-sam234", "Sam")
    session.restatement = "\x1b[2J[red]boom[/red]\nsecond line"
    Store(coach_home).save_new_session(session)
    assert run(["show", "20260105-sam234"]) == 0
    out, _ = capsys.readouterr()
    assert "\x1b" not in out and "[red]boom[/red]" in out
    assert "\n  second line" in out


def test_columns_align():
    assert history.columns([["A", "BB"], ["CCC", "D"]]) == ["A    BB", "CCC  D"]


def test_history_commands_have_examples(capsys):
    for name in ("people", "sessions", "show", "export"):
        assert run([name, "--help"]) == 0
        out, _ = capsys.readouterr()
        assert f"Example: coach {name}" in out


def test_people_counts_use_today():
    rows = [
        {
            "id": "20260105-sam234",
            "person": "Sam",
            "started_at": "2026-01-05T09:00:00+00:00",
            "actions": [
                {
                    "id": "a",
                    "text": "x",
                    "owner": "person",
                    "due": "2026-01-10",
                    "status": "open",
                    "confidence": 7,
                    "created_at": None,
                    "closed_at": None,
                    "learned": "",
                }
            ],
        }
    ]
    known = [{"person": "Sam", "sessions": 3, "last": "2026-01-05T09:00:00+00:00"}]
    before = history.people(rows, known, date(2026, 1, 9))[0]
    after = history.people(rows, known, date(2026, 1, 11))[0]
    assert (before["open"], before["overdue"]) == (1, 0)
    assert (after["open"], after["overdue"], after["sessions"]) == (1, 1, 3)


def test_people_merges_names_that_differ_in_case_and_spacing():
    known = [
        {"person": "sam  lee", "sessions": 1, "last": "2026-01-05T09:00:00+00:00"},
        {"person": "Sam Lee", "sessions": 2, "last": "2026-02-05T09:00:00+00:00"},
    ]
    [entry] = history.people([], known, date(2026, 3, 1))
    assert entry == {
        "person": "Sam Lee",
        "last_session": "2026-02-05",
        "sessions": 3,
        "open": 0,
        "overdue": 0,
    }


@pytest.mark.parametrize("width", [60, 120])
def test_a_long_line_wraps_under_its_own_start_at_a_terminal(width):
    from rich.console import Console
    from rich.panel import Panel

    from coachcli.history.view import rich_view

    fact = "late twice this week because the bus is unreliable and the rota changed " * 2
    console = Console(width=width, force_terminal=True, color_system=None, record=True)
    console.print(Panel(rich_view([("", "  Facts: ", fact), ("", "", "[b]x[/b]")]), expand=False))
    shown = console.export_text()
    facts = [line for line in shown.splitlines() if "│" in line][:-1]
    assert len(facts) >= 2 and facts[0].startswith("│   Facts: late")
    assert all(line.startswith("│          ") for line in facts[1:])  # under "late", not "Facts"
    assert " ".join(line.strip("│ ") for line in facts).count("bus is unreliable") == 2
    assert "[b]x[/b]" in shown  # user text is never markup


def test_a_label_too_wide_for_a_narrow_terminal_still_shows_the_text():
    from rich.console import Console

    from coachcli.history.view import rich_view

    console = Console(width=20, force_terminal=True, color_system=None, record=True)
    console.print(rich_view([("", "  Their answer (theirs): ", "be on time")]))
    assert "be on time" in " ".join(console.export_text().split())
