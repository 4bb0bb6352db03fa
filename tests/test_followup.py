"""coach followup: the listing, --json, --check, filters, and the scripted changes."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from coachcli.cli.app import run
from coachcli.core.clock import SystemClock
from coachcli.core.dates import describe_date
from coachcli.followup import listing as fu
from coachcli.storage.store import Store
from factories import coach, write_actions

TODAY = SystemClock().today()


def action(aid: str, text: str, due: int | None, **extra) -> dict:
    """An action item due ``due`` days from today (negative: overdue)."""
    data = {
        "id": aid,
        "text": text,
        "due": (TODAY + timedelta(days=due)).isoformat() if due is not None else None,
        "created_at": "2026-01-05T09:00:00+00:00",
    }
    data.update(extra)
    return data


@pytest.fixture
def sample(coach_home):
    write_actions(
        coach_home,
        "20260105-sam234",
        "Sam",
        [
            action("late2345", "Send the plan to Alex", -3),
            action("soon2345", "Book the training", 2, owner="supervisor"),
            action("gone2345", "Old idea", -40, status="dropped", learned="Not needed"),
        ],
    )
    write_actions(
        coach_home,
        "20260110-kim234",
        "Kim",
        [action("kim22345", "Write the summary", 20), action("kimnodue", "Think about it", None)],
    )
    return coach_home


def listing(capsys, *args: str) -> tuple[int, str, str]:
    return coach(capsys, "followup", *args)


def test_listing_orders_overdue_then_soon_then_later(sample, capsys):
    rc, out, err = listing(capsys, "--no-review")
    assert rc == 0, err
    lines = out.splitlines()
    assert lines[0] == "Overdue"
    assert out.index("late2345") < out.index("soon2345") < out.index("kim22345")
    assert "3 days late" in out
    assert "Due within 7 days" in out and "Later or no due date" in out
    assert "owner me" in out  # the supervisor's own item
    assert "owner Sam" in out
    assert "from session 2026-01-05 (20260105-sam234)" in out
    assert "gone2345" not in out  # closed items only with --all
    assert lines[-1] == "1 overdue, 1 due within 7 days, 4 open"
    assert "\x1b" not in out and "│" not in out  # plain when not a terminal


def test_all_shows_closed_items_with_what_was_learned(sample, capsys):
    rc, out, err = listing(capsys, "--no-review", "--all")
    assert rc == 0, err
    assert "Closed" in out and "gone2345" in out and "learned: Not needed" in out


def test_filters(sample, capsys):
    rc, out, _ = listing(capsys, "--no-review", "--person", "kim")
    assert rc == 0 and "kim22345" in out and "late2345" not in out
    assert out.splitlines()[-1] == "0 overdue, 0 due within 7 days, 2 open"
    _, out, _ = listing(capsys, "--no-review", "--overdue")
    assert "late2345" in out and "soon2345" not in out and "kim22345" not in out
    _, out, _ = listing(capsys, "--no-review", "--due-within", "3")
    assert "late2345" in out and "soon2345" in out and "kim22345" not in out
    assert "Due within 3 days" in out


def test_unknown_person_is_not_found(sample, capsys):
    rc, out, err = listing(capsys, "--no-review", "--person", "Nobody")
    assert rc == 8, out + err
    assert err.count("\n") <= 2 and "Nobody" not in err


def test_json_has_one_object_per_item(sample, capsys):
    rc, out, err = listing(capsys, "--json")
    assert rc == 0, err
    data = json.loads(out)
    assert [d["id"] for d in data] == ["late2345", "soon2345", "kim22345", "kimnodue"]
    late = data[0]
    assert late == {
        "id": "late2345",
        "session_id": "20260105-sam234",
        "person": "Sam",
        "action": "Send the plan to Alex",
        "owner": "person",
        "due": (TODAY - timedelta(days=3)).isoformat(),
        "status": "open",
        "overdue": True,
        "days_overdue": 3,
        "session_date": "2026-01-05",
        "confidence": 7,
        "learned": "",
        "done_on": None,
    }
    assert data[1]["overdue"] is False and data[1]["days_overdue"] == 0
    assert data[3]["due"] is None
    rc, out, _ = listing(capsys, "--json", "--all")
    assert {d["status"] for d in json.loads(out)} == {"open", "dropped"}


def test_check_exit_codes(sample, capsys, coach_home):
    rc, out, _ = listing(capsys, "--check")
    assert rc == 6, out
    assert out.strip() == "1 overdue, 1 due within 7 days, 4 open"
    rc, out, _ = listing(capsys, "--check", "--person", "Kim")
    assert rc == 0, out
    assert out.strip() == "0 overdue, 0 due within 7 days, 2 open"


def test_empty_store(capsys):
    rc, out, err = listing(capsys, "--no-review")
    assert rc == 0, err
    assert "No open action items." in out
    rc, out, _ = listing(capsys, "--check")
    assert rc == 0 and out.strip() == "0 overdue, 0 due within 7 days, 0 open"
    rc, out, _ = listing(capsys, "--json")
    assert rc == 0 and json.loads(out) == []


def test_damaged_file_is_skipped_with_one_line(sample, capsys):
    (sample / "sessions" / "20260111-bad234.json").write_text("{ secret words", encoding="utf-8")
    rc, out, err = listing(capsys, "--no-review")
    assert rc == 0, err
    assert "late2345" in out
    assert err.strip() == "coach: 1 session file skipped (cannot be read); run `coach doctor`"
    assert "secret" not in err


def test_long_and_hostile_text_is_cut_and_cleaned(coach_home, capsys):
    text = "\x1b[31mRed[/] [bold]x " + "word " * 60
    write_actions(
        coach_home, "20260105-sam234", "Sam\x1b]0;title\x07", [action("long2345", text, 1)]
    )
    rc, out, err = listing(capsys, "--no-review")
    assert rc == 0, err
    assert "\x1b" not in out and "\x07" not in out
    assert "Red[/] [bold]x" in out
    assert "… (+" in out and "characters)" in out


def test_review_without_a_terminal_is_a_usage_error(sample, capsys):
    rc, out, err = listing(capsys, "--review")
    assert rc == 2, out + err
    assert "terminal" in err


def item_of(home, sid: str, aid: str) -> dict:
    data = json.loads((home / "sessions" / f"{sid}.json").read_text())
    return next(a for a in data["actions"] if a["id"] == aid)


def test_done_with_note_by_prefix(sample, capsys):
    rc = run(["followup", "done", "late", "--note", "Asking early helped"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    assert out.strip() == f"late2345: marked done, the work done {describe_date(TODAY, TODAY)}"
    item = item_of(sample, "20260105-sam234", "late2345")
    assert item["status"] == "done" and item["learned"] == "Asking early helped"
    assert item["history"][-1]["event"] == "done"
    assert item["history"][-1]["note"] == "Asking early helped"
    # The other items of the same session are untouched and the listing sees the change.
    assert item_of(sample, "20260105-sam234", "soon2345")["status"] == "open"
    rc, out, _ = listing(capsys, "--check")
    assert rc == 0 and out.strip() == "0 overdue, 1 due within 7 days, 3 open"


def test_partly_drop_reopen_and_due(sample, capsys):
    assert run(["followup", "partly", "soon2345"]) == 0
    assert item_of(sample, "20260105-sam234", "soon2345")["status"] == "partly"
    assert run(["followup", "reopen", "soon2345"]) == 0
    reopened = item_of(sample, "20260105-sam234", "soon2345")
    assert reopened["status"] == "open" and reopened["history"][-1]["event"] == "reopened"
    assert run(["followup", "drop", "kimnodue", "--note", "Moved on"]) == 0
    assert item_of(sample, "20260110-kim234", "kimnodue")["status"] == "dropped"
    assert run(["followup", "due", "kim22345", "2030-01-31"]) == 0
    moved = item_of(sample, "20260110-kim234", "kim22345")
    assert moved["due"] == "2030-01-31" and moved["history"][-1]["event"] == "rescheduled"
    out, _ = capsys.readouterr()
    assert "kim22345: now due Thursday 2030-01-31 (in " in out


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["done", "zzzz9999"], 8, "no action item"),
        (["done", "lat"], 2, "at least 4"),
        (["due", "late2345", "2020-01-01"], 2, "in the past"),
        (["due", "late2345", "yesterday"], 2, "in the past"),
        (["done", "late2345", "--on", "tomorrow"], 2, "in the future"),
        (["partly", "late2345", "--left", "The rest"], 2, "--left needs --due"),
        (["due", "late2345", "15/12"], 2, "either way round"),
        (["due", "late2345", "not-a-date"], 2, "date"),
    ],
)
def test_change_errors(sample, capsys, args, code, words):
    rc = run(["followup", *args])
    out, err = capsys.readouterr()
    assert rc == code, out + err
    assert words in err and len(err.strip().splitlines()) <= 2


def test_ambiguous_prefix(coach_home, capsys):
    write_actions(coach_home, "20260105-sam234", "Sam", [action("abcd2345", "A", 1)])
    write_actions(coach_home, "20260106-sam234", "Sam", [action("abcd6789", "B", 1)])
    rc = run(["followup", "done", "abcd"])
    _, err = capsys.readouterr()
    assert rc == 2 and "abcd2345" in err and "abcd6789" in err


def test_followup_help_has_an_example(capsys):
    assert run(["followup", "--help"]) == 0
    out, _ = capsys.readouterr()
    assert "coach followup --check" in out
    for sub in ("done", "partly", "drop", "reopen", "due"):
        assert run(["followup", sub, "--help"]) == 0
        out, _ = capsys.readouterr()
        assert "Example: coach followup" in out


# -- pure functions ------------------------------------------------------------------------


def make(aid: str, due: int | None, person: str = "Sam", status: str = "open") -> fu.Item:
    today = date(2026, 11, 24)
    return fu.Item(
        id=aid,
        session_id="20261101-abc234",
        person=person,
        action="x",
        owner="person",
        due=today + timedelta(days=due) if due is not None else None,
        status=status,
        confidence=7,
        learned="",
        session_date=date(2026, 11, 1),
    )


def test_arrange_groups_by_person_inside_each_section():
    today = date(2026, 11, 24)
    items = [
        make("a", -1, "Kim"),
        make("b", -10, "Sam"),
        make("c", -2, "Kim"),
        make("d", 3, "Sam"),
        make("e", None, "Ann"),
        make("f", 30, "Kim"),
        make("g", 1, "Kim", status="done"),
    ]
    sections = fu.arrange(items, today)
    shape = [(kind, [(p, [i.id for i in g]) for p, g in groups]) for kind, groups in sections]
    assert shape == [
        ("overdue", [("Sam", ["b"]), ("Kim", ["c", "a"])]),
        ("soon", [("Sam", ["d"])]),
        ("later", [("Kim", ["f"]), ("Ann", ["e"])]),
        ("closed", [("Kim", ["g"])]),
    ]
    assert [i.id for i in fu.in_order(items, today)] == ["b", "c", "a", "d", "f", "e", "g"]
    summary = fu.summarize(items, today)
    assert (summary.overdue, summary.soon, summary.open) == (3, 1, 6)
    assert fu.summarize(items, today, soon_days=1).line() == "3 overdue, 0 due within 1 day, 6 open"


def test_find_and_days_overdue():
    today = date(2026, 11, 24)
    items = [make("abcd2345", -5), make("abce2345", 0)]
    assert fu.find(items, "ABCD").id == "abcd2345"
    assert items[0].days_overdue(today) == 5 and items[1].days_overdue(today) == 0
    assert fu.bucket(items[1], today) == "soon"


def test_json_output_for_a_real_store_roundtrip(coach_home, capsys):
    # Items saved through the model and the store show up in the listing.
    from coachcli.core.model import ActionItem, AfterCheck, Session

    now = datetime(2026, 11, 20, 9, tzinfo=UTC)
    session = Session(
        id="20261120-real23",
        person="Ana",
        started_at=now,
        finished_at=now,
        actions=[ActionItem(text="Try it", created_at=now, due=TODAY)],
        after_check=AfterCheck(agenda_took_over="no"),
    )
    Store(coach_home).save_new_session(session)
    rc = run(["followup", "--json"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    [item] = json.loads(out)
    assert item["person"] == "Ana" and item["due"] == TODAY.isoformat()
    assert item["id"] == session.actions[0].id and len(item["id"]) == 8


def test_due_accepts_the_words_people_type(sample, capsys):
    assert run(["followup", "due", "kim22345", "in 2 weeks"]) == 0
    moved = item_of(sample, "20260110-kim234", "kim22345")
    assert moved["due"] == (TODAY + timedelta(days=14)).isoformat()


def test_json_escapes_what_a_terminal_would_act_on(coach_home, capsys):
    text = "Tomás \x9b31m red \u202e evil \x1b[2J"
    write_actions(coach_home, "20260105-sam234", "Sam", [action("json2345", text, 1)])
    rc, out, err = listing(capsys, "--json")
    assert rc == 0, err
    assert "\x9b" not in out and "\u202e" not in out and "\x1b" not in out
    assert "Tomás" in out  # readable text stays readable
    assert json.loads(out)[0]["action"] == text  # and scripts get the exact text back


def _plain_order(items, today, soon_days):
    """The listing order as the docs state it, written the slow and obvious way."""

    def key(kind, item):
        if kind == "overdue":
            return (-item.days_overdue(today), item.session_date, item.id)
        if kind == "closed":
            return (item.closed_at or "", item.id)
        return (item.due or date.max, item.session_date, item.id)

    out = []
    for kind in fu.BUCKETS:
        chosen = sorted(
            (i for i in items if fu.bucket(i, today, soon_days) == kind),
            key=lambda i, kind=kind: key(kind, i),
        )
        groups: dict[str, list] = {}
        for item in chosen:
            groups.setdefault(item.person, []).append(item)
        out += [(kind, person, [i.id for i in group]) for person, group in groups.items()]
    return out


@pytest.mark.parametrize("seed", range(40))
def test_the_listing_order_is_the_documented_one(seed):
    import random

    rng = random.Random(seed)
    today = date(2026, 12, 2)
    days = [None, date.max, date.min, today, *(today + timedelta(d) for d in range(-40, 40, 3))]
    items = [
        fu.Item(
            id=f"{rng.randrange(36**4):04x}{n:04d}",
            session_id="s",
            person=rng.choice(["Ana", "Bo", "Chen", "Zoë"]),
            action="a",
            owner="person",
            due=rng.choice(days),
            status=rng.choice(["open", "open", "open", "done", "dropped", "partly"]),
            confidence=7,
            learned="",
            session_date=rng.choice(days[2:]),
            closed_at=rng.choice([None, "2026-11-01T09:00:00+00:00", "2026-11-02T09:00:00+00:00"]),
        )
        for n in range(rng.randrange(0, 60))
    ]
    for soon_days in (7, 0, -3, 10**6, -(10**6)):
        got = [
            (kind, person, [i.id for i in group])
            for kind, groups in fu.arrange(items, today, soon_days)
            for person, group in groups
        ]
        assert got == _plain_order(items, today, soon_days), soon_days
