"""The pieces under the six-week replay: item changes, ids, names, the clock, on-time counts,
session names, damaged files, ICS and the shared export."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from coachcli.cli.app import run
from coachcli.core.clock import SystemClock
from coachcli.core.errors import DamagedFileError, NotFoundError, UsageError
from coachcli.core.ids import distinct_id, new_item_id, new_session_id, random_part
from coachcli.core.items import apply_change, remainder_item
from coachcli.core.model import ActionItem, AfterCheck, Session, StatusChange
from coachcli.core.people import display_names, known_spelling, resolve_person
from coachcli.history.export import render
from coachcli.history.find import resolve_session_id
from coachcli.index.counts import AT, tally_row
from coachcli.storage.store import Store

AT_NOON = datetime(2026, 12, 9, 12, 0, tzinfo=UTC)


def item(**kw) -> ActionItem:
    base = {"id": "k7m2abcd", "text": "Send the plan", "due": date(2026, 12, 4)}
    base.update(kw)
    return ActionItem(
        created_at=AT_NOON - timedelta(days=8),
        history=[StatusChange(at=AT_NOON - timedelta(days=8), status="open", event="created")],
        **base,
    )


# -- item changes -------------------------------------------------------------------------


def test_done_records_the_work_date_and_a_repeat_adds_no_line():
    it = item()
    assert apply_change(it, "done", at=AT_NOON, note="Early helps", done_on=date(2026, 12, 2))
    assert (it.status, it.done_on, it.learned) == ("done", date(2026, 12, 2), "Early helps")
    assert it.history[-1].done_on == date(2026, 12, 2)
    assert apply_change(it, "done", at=AT_NOON) == "unchanged"
    assert len(it.history) == 2
    # A repeat with a new date corrects the closing entry in place.
    assert apply_change(it, "done", at=AT_NOON, done_on=date(2026, 12, 3)) == "amended"
    assert len(it.history) == 2 and it.history[-1].done_on == date(2026, 12, 3)


def test_done_without_a_date_is_done_on_the_day_it_is_recorded():
    it = item()
    apply_change(it, "done", at=AT_NOON)
    assert it.done_on == AT_NOON.date()


def test_reopen_clears_the_closing_fields():
    it = item()
    apply_change(it, "done", at=AT_NOON, note="Learned a lot", done_on=date(2026, 12, 1))
    assert apply_change(it, "reopen", at=AT_NOON) == "changed"
    assert (it.status, it.learned, it.done_on, it.drop_reason) == ("open", "", None, "")
    assert apply_change(it, "reopen", at=AT_NOON) == "unchanged"
    apply_change(it, "drop", at=AT_NOON, note="Moot")
    assert (it.drop_reason, it.learned) == ("Moot", "")
    apply_change(it, "reopen", at=AT_NOON)
    assert it.drop_reason == ""


def test_not_yet_keeps_the_obstacle_and_moves_the_date():
    it = item()
    apply_change(it, "keep", at=AT_NOON, due=date(2026, 12, 18), note="Waiting on data")
    last = it.history[-1]
    assert (last.event, last.due, last.note) == (
        "rescheduled",
        date(2026, 12, 18),
        "Waiting on data",
    )
    apply_change(it, "keep", at=AT_NOON, note="Still waiting")
    assert it.history[-1].event == "kept" and it.due == date(2026, 12, 18)


def test_a_closed_item_is_not_rescheduled_silently():
    it = item()
    apply_change(it, "done", at=AT_NOON)
    with pytest.raises(UsageError, match="reopen it first"):
        apply_change(it, "reschedule", at=AT_NOON, due=date(2026, 12, 20))
    assert it.status == "done"


def test_a_remainder_is_linked_and_unlike_the_ids_in_use():
    first = item()
    rest = remainder_item(first, "The rest", date(2026, 12, 11), at=AT_NOON, taken=["abcd2345"])
    assert rest.follows == first.id and rest.status == "open" and rest.owner == first.owner
    assert rest.id[:1] not in (first.id[:1], "a")


# -- ids ------------------------------------------------------------------------------------


def test_ids_in_use_never_share_a_typed_prefix_while_there_is_room():
    taken: list[str] = []
    for _ in range(300):
        taken.append(new_item_id(taken))
    assert len({t[:2] for t in taken}) == 300  # up to 961 ids differ in their first two
    crowded = [f"{a}{b}xxxxxx" for a in "23456789abcdefghjkmnpqrstuvwxyz" for b in "2345"]
    fresh = distinct_id(crowded)
    assert all(fresh[:3] != t[:3] for t in crowded)


def test_session_ids_have_a_distinct_random_part():
    taken = [f"20261201-{c}bcdef" for c in "23456789abcdefghjkmnpqrstuvwxy"]
    made = new_session_id(datetime(2026, 12, 2), taken)
    assert made.startswith("20261202-") and random_part(made)[0] == "z"


# -- names ------------------------------------------------------------------------------------


def test_person_resolution():
    names = ["Priya Patel", "Chen Wu", "Sam Lee", "Sam Ortiz"]
    assert resolve_person("priya", names) == "Priya Patel"
    assert resolve_person("PRIYA  patel", names) == "Priya Patel"
    assert resolve_person("wu", names) == "Chen Wu"  # a unique word prefix
    assert resolve_person("Nobody", names) is None
    with pytest.raises(UsageError, match="Sam Lee, Sam Ortiz"):
        resolve_person("sam", names)


def test_a_new_conversation_takes_whole_names_only():
    names = ["Jon Bell", "Chen Wu"]
    assert resolve_person("jo", names, prefixes=False) is None  # Jo is someone new
    assert resolve_person("jon", names, prefixes=False) == "Jon Bell"
    assert resolve_person("wu", names, prefixes=False) == "Chen Wu"
    assert resolve_person("jo", names) == "Jon Bell"  # listings may take a prefix


def test_start_with_a_prefix_of_a_known_name_is_a_new_person(tmp_path, capsys):
    from coachcli.cli.app import run

    answers = tmp_path / "a.yaml"
    for person in ("Jon", "Jo"):
        answers.write_text(
            f"person: {person}\nnext_steps:\n  - action: Send Dana the draft\n"
            "    due: tomorrow\n    confidence: 8\nafter_check: 'no'\n"
        )
        assert run(["start", "--answers", str(answers)]) == 0, capsys.readouterr()
    capsys.readouterr()
    assert run(["people", "--json"]) == 0
    people = capsys.readouterr().out
    assert '"Jo"' in people and '"Jon"' in people


def test_the_display_name_is_the_spelling_in_use_not_the_last_typed():
    people = [
        {"person": "Chen Wu", "sessions": 4, "last": "2026-11-30"},
        {"person": "chen wu", "sessions": 1, "last": "2026-12-07"},
    ]
    assert display_names(people) == {"chen wu": "Chen Wu"}
    assert known_spelling("CHEN WU", ["Chen Wu"]) == "Chen Wu"
    assert known_spelling("New  Person", ["Chen Wu"]) == "New Person"


# -- the clock --------------------------------------------------------------------------------


def test_coach_today_fixes_the_date_not_the_time(monkeypatch):
    monkeypatch.setenv("COACH_TODAY", "2027-02-28")
    now = SystemClock().now()
    assert now.date() == date(2027, 2, 28) and now.tzinfo is not None
    assert SystemClock().today() == date(2027, 2, 28)
    monkeypatch.setenv("COACH_TODAY", "28/02/2027")
    with pytest.raises(UsageError, match="COACH_TODAY"):
        SystemClock().today()


def test_a_bad_coach_today_is_one_line_and_exit_2(monkeypatch, capsys):
    monkeypatch.setenv("COACH_TODAY", "tomorrow")
    assert run(["followup", "--check"]) == 2
    _, err = capsys.readouterr()
    assert err.startswith("coach: COACH_TODAY must be a date") and len(err.splitlines()) == 2


# -- on time by the day the work happened ----------------------------------------------------


def test_on_time_counts_the_work_date_not_the_click():
    def row(done_on):
        action = {
            "status": "done",
            "due": "2026-12-04",
            "closed_at": "2026-12-09T12:00:00+00:00",  # marked done after the due date
            "done_on": done_on,
        }
        return {"actions": [action]}

    assert tally_row(row("2026-12-02"))[0][AT["on_time"]] == 1
    assert tally_row(row("2026-12-05"))[0][AT["on_time"]] == 0
    assert tally_row(row(None))[0][AT["on_time"]] == 0  # no work date: the click decides


# -- naming sessions ---------------------------------------------------------------------------

ROWS = [
    {"id": "20261201-atgx7k", "person": "Priya Patel", "started_at": "2026-12-01T09:00:00"},
    {"id": "20261208-b3cd45", "person": "Priya Patel", "started_at": "2026-12-08T09:00:00"},
    {"id": "20261208-atmn22", "person": "Chen Wu", "started_at": "2026-12-08T10:00:00"},
]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("atgx", "20261201-atgx7k"),
        ("atgx7k", "20261201-atgx7k"),
        ("ATGX", "20261201-atgx7k"),
        ("20261201", "20261201-atgx7k"),
        ("priya last", "20261208-b3cd45"),
        ("Priya Patel latest", "20261208-b3cd45"),
        ("priya -2", "20261201-atgx7k"),
        ("chen last", "20261208-atmn22"),
    ],
)
def test_sessions_by_the_random_part_or_person_and_position(typed, expected):
    assert resolve_session_id(ROWS, typed) == expected


def test_session_names_that_do_not_fit():
    with pytest.raises(UsageError, match="several"):
        resolve_session_id(ROWS, "20261208")
    with pytest.raises(NotFoundError, match="only 2 sessions"):
        resolve_session_id(ROWS, "priya -3")
    with pytest.raises(NotFoundError):
        resolve_session_id(ROWS, "zzzz")
    with pytest.raises(UsageError, match="at least 4"):
        resolve_session_id(ROWS, "at")


def test_a_damaged_session_is_named_by_its_error(coach_home, capsys):
    folder = coach_home / "sessions"
    folder.mkdir(parents=True)
    (folder / "20261210-zzqq22.json").write_text('{"secret": ', encoding="utf-8")
    for args in (["show", "zzqq"], ["show", "20261210-zzqq22"], ["export", "zzqq22"]):
        assert run(args) == 3, args
        _, err = capsys.readouterr()
        assert "20261210-zzqq22.json" in err and "secret" not in err
    with pytest.raises(DamagedFileError):
        resolve_session_id([], "zzqq", [DamagedFileError(folder / "20261210-zzqq22.json", "x")])


# -- exports -----------------------------------------------------------------------------------


def session(actions: list[ActionItem]) -> Session:
    when = datetime(2026, 12, 1, 9, tzinfo=UTC)
    return Session(
        id="20261201-atgx7k",
        person="Priya Patel",
        started_at=when,
        finished_at=when,
        actions=actions,
        after_check=AfterCheck(agenda_took_over="no", note="PRIVATE"),
        supervisor_notes="PRIVATE",
    )


def test_ics_sequence_and_last_modified_follow_the_item():
    it = item()
    before = Calendar.from_ical(render([session([it])], "ics", now=AT_NOON)).walk("VTODO")[0]
    later = AT_NOON + timedelta(days=1)
    apply_change(it, "reschedule", at=later, due=date(2026, 12, 11))
    after = Calendar.from_ical(render([session([it])], "ics", now=later)).walk("VTODO")[0]
    assert str(before["uid"]) == str(after["uid"]) == "k7m2abcd@coachcli"
    assert (int(before["sequence"]), int(after["sequence"])) == (0, 1)
    assert after.decoded("last-modified") == later
    assert str(after["summary"]) == "Priya Patel: Send the plan"


def test_ics_events_are_all_day_on_the_due_date_and_skip_undated_items():
    dated, undated = item(), item(id="nodate23", due=None, owner="supervisor")
    dropped = item(id="gone2345", status="dropped")
    cal = Calendar.from_ical(
        render([session([dated, undated, dropped])], "ics", now=AT_NOON, as_events=True)
    )
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"k7m2abcd-due@coachcli", "gone2345-due@coachcli"}
    event = events["k7m2abcd-due@coachcli"]
    assert event.decoded("dtstart") == date(2026, 12, 4)
    assert event["dtstart"].params.get("VALUE") == "DATE"
    assert str(events["gone2345-due@coachcli"]["status"]) == "CANCELLED"
    assert not cal.walk("VTODO")


def test_the_shared_export_speaks_to_the_person_by_due_date():
    later = item(id="later234", text="Later step", due=date(2026, 12, 20))
    mine = item(id="mine2345", text="My step", due=date(2026, 12, 3), owner="supervisor")
    done = item(id="done2345", text="Done step", due=date(2026, 12, 10))
    apply_change(done, "done", at=AT_NOON, note="Ask early", done_on=date(2026, 12, 8))
    text = render([session([later, mine, done])], "md", shared=True).decode()
    assert text.startswith("# Our conversation, Tuesday 2026-12-01")
    assert "PRIVATE" not in text and "my supervisor" not in text
    assert text.index("My step") < text.index("Done step") < text.index("Later step")
    assert "Me, due Thursday 2026-12-03" in text
    assert "You, due Thursday 2026-12-10, done on Tuesday 2026-12-08" in text
    assert "What you learned: Ask early" in text
    own = render([session([later, mine, done])], "md").decode()
    assert "Priya Patel, due Thursday 2026-12-10" in own and "PRIVATE" in own


def test_rename_changes_every_session_of_that_person(coach_home, capsys):
    store = Store(coach_home)
    for sid in ("20261201-aaaa22", "20261208-bbbb22"):
        s = session([item(id=f"{sid[-6:]}zz")])
        s.id, s.person = sid, "chen wu"
        store.save_new_session(s)
    assert run(["rename", "chen", "Chen Wu"]) == 0
    out, _ = capsys.readouterr()
    assert out.strip() == "Renamed chen wu to Chen Wu in 2 sessions."
    for sid in ("20261201-aaaa22", "20261208-bbbb22"):
        data = json.loads((coach_home / "sessions" / f"{sid}.json").read_text())
        assert data["person"] == "Chen Wu"
    assert run(["rename", "Nobody", "X"]) == 8


def test_not_yet_from_the_command_line(coach_home, capsys, monkeypatch):
    monkeypatch.setenv("COACH_TODAY", "2026-12-09")
    store = Store(coach_home)
    store.save_new_session(session([item(), item(id="soon2345", due=date(2026, 12, 11))]))
    assert run(["followup", "not-yet", "k7m2", "--why", "Waiting on data"]) == 2
    _, err = capsys.readouterr()
    assert "was due Friday 2026-12-04 (5 days ago)" in err and "--due" in err
    assert run(["followup", "not-yet", "k7m2", "--why", "Waiting on data", "--due", "fri"]) == 0
    out, _ = capsys.readouterr()
    assert out.strip() == "k7m2abcd: not done yet, now due Friday 2026-12-11 (in 2 days)"
    assert run(["followup", "not-yet", "soon"]) == 0
    out, _ = capsys.readouterr()
    assert out.strip() == "soon2345: not done yet, still due Friday 2026-12-11 (in 2 days)"
    data = json.loads((coach_home / "sessions" / "20261201-atgx7k.json").read_text())
    moved = data["actions"][0]["history"][-1]
    assert (moved["event"], moved["note"], moved["due"]) == (
        "rescheduled",
        "Waiting on data",
        "2026-12-11",
    )


def test_report_periods_read_backward_and_say_so(coach_home, capsys, monkeypatch):
    monkeypatch.setenv("COACH_TODAY", "2026-12-16")
    Store(coach_home).save_new_session(session([item()]))
    assert run(["report", "--since", "1 dec", "--until", "yesterday", "--json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert (data["since"], data["until"], data["today"]) == (
        "2026-12-01",
        "2026-12-15",
        "2026-12-16",
    )
    assert "--since: Tuesday 2026-12-01 (15 days ago)" in err
    assert run(["report", "--since", "next friday"]) == 2
    _, err = capsys.readouterr()
    assert "after today" in err


def test_closed_items_say_whether_the_work_was_on_time(coach_home, capsys, monkeypatch):
    monkeypatch.setenv("COACH_TODAY", "2026-12-16")
    early, late = item(id="erly2345"), item(id="late2345")
    apply_change(early, "done", at=AT_NOON, done_on=date(2026, 12, 3))
    apply_change(late, "partly", at=AT_NOON, done_on=date(2026, 12, 7))
    Store(coach_home).save_new_session(session([early, late]))
    assert run(["followup", "--all", "--no-review"]) == 0
    out, _ = capsys.readouterr()
    assert "done on 2026-12-03, on time" in out
    assert "partly on 2026-12-07, 3 days late" in out


def test_a_name_alone_says_how_to_pick_a_session():
    with pytest.raises(UsageError, match="'Priya last' or 'Priya -2'"):
        resolve_session_id(ROWS, "priya")


def test_every_label_in_the_shared_export_speaks_to_the_person_not_about_them():
    """Not "They said" / "Their answer" / "(theirs)" in a document addressed to "you"."""
    import re

    from coachcli.core.model import CheckIn
    from factories import make_session

    s = make_session("Zoë Ñúñez", tag="ZZ")
    s.checkin = CheckIn(words="ZZwords", scale=5)
    s.restatement_feedback, s.help_wanted = "ZZfeedback", "ZZhelp"
    s.learning, s.learning_question = "ZZlearning", "What was most useful for you?"
    text = render([s], "md", shared=True).decode()
    assert "ZZfeedback" in text and "ZZlearning" in text and "ZZwords" in text
    ours = [line.split("ZZ")[0] for line in text.splitlines()]
    third_person = [line for line in ours if re.search(r"\b(they|their|theirs|them)\b", line, re.I)]
    assert third_person == []


def test_rename_to_the_name_already_shown_changes_nothing_and_says_so(coach_home, capsys):
    """`coach rename sam Sam` said "Renamed Sam to Sam in 1 session." and rewrote the file."""
    store = Store(coach_home)
    for sid, name in (("20261201-aaaa22", "Chen Wu"), ("20261208-bbbb22", "chen wu")):
        s = session([item(id=f"{sid[-6:]}zz")])
        s.id, s.person = sid, name
        store.save_new_session(s)
    first = coach_home / "sessions" / "20261201-aaaa22.json"
    before = first.read_bytes()
    assert run(["rename", "chen", "Chen Wu"]) == 0
    assert capsys.readouterr().out.strip().endswith("to Chen Wu in 1 session.")
    assert first.read_bytes() == before  # already spelled so: not rewritten
    assert run(["rename", "chen", "Chen Wu"]) == 0
    assert capsys.readouterr().out.strip().startswith("Nothing to rename")
