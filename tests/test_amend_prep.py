"""coach edit (scripted and through $EDITOR), coach prep, the next meeting in ICS and followup."""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from coachcli.cli.app import run
from coachcli.conversation import amend
from coachcli.core.clock import SystemClock
from coachcli.core.model import (
    ActionItem,
    AfterCheck,
    AskedQuestion,
    CheckIn,
    Listening,
    OwnAgenda,
    Session,
)
from coachcli.storage.store import Store

TODAY = SystemClock().today()
WHEN = datetime.combine(TODAY - timedelta(days=7), datetime.min.time(), tzinfo=UTC)


def make_session(sid="20261124-abc234", person="Sam", *, when=WHEN, meeting=None, scale=6):
    return Session(
        id=sid,
        person=person,
        started_at=when,
        finished_at=when + timedelta(minutes=30),
        agenda=OwnAgenda(want="SECRET-WANT"),
        checkin=CheckIn(words="Tired", scale=scale),
        listening=Listening(values=["Time with family"]),
        questions=[AskedQuestion(text="What do you want?", answer="A calmer week")],
        actions=[ActionItem(id="open2345", text="Call Alex", created_at=when)],
        after_check=AfterCheck(agenda_took_over="no"),
        supervisor_notes="Don't raise it again until the rota is fixed",
        help_wanted="Review my draft",
        next_meeting=meeting or TODAY + timedelta(days=7),
        learning="Naming it helped",
    )


@pytest.fixture
def store(coach_home) -> Store:
    store = Store(coach_home)
    store.save_new_session(make_session())
    return store


def saved(store, sid="20261124-abc234") -> dict:
    return json.loads(store.session_path(sid).read_text())


def test_edit_adds_a_forgotten_step_and_records_the_change(store, capsys):
    rc = run(
        [
            "edit",
            "20261124",
            "--add-step",
            "Send Sam the rota draft",
            "--owner",
            "me",
            "--due",
            "in 3 days",
        ]
    )
    out, err = capsys.readouterr()
    assert rc == 0, err
    data = saved(store)
    step = data["actions"][-1]
    assert (step["text"], step["owner"], step["due"]) == (
        "Send Sam the rota draft",
        "supervisor",
        (TODAY + timedelta(days=3)).isoformat(),
    )
    assert step["history"][0]["event"] == "created"
    (edit,) = data["edits"]
    assert edit["changes"] == [f"added next step {step['id']}"]
    assert "Saved 20261124-abc234" in out


def test_edit_note_is_private_and_not_quoted_in_the_history(store, capsys):
    assert run(["edit", "20261124-abc234", "--note", "NOTE-TEXT-7"]) == 0
    data = saved(store)
    assert data["supervisor_notes"].endswith("\nNOTE-TEXT-7")
    assert "NOTE-TEXT-7" not in json.dumps(data["edits"])
    capsys.readouterr()
    assert run(["export", "20261124-abc234", "--format", "json", "--shared"]) == 0
    shared = capsys.readouterr().out
    assert "NOTE-TEXT-7" not in shared and "edits" not in json.loads(shared)


def test_a_flagged_step_is_kept_with_a_warning_and_recorded(store, capsys):
    assert run(["edit", "20261124-abc234", "--add-step", "Maybe think about calling"]) == 0
    err = capsys.readouterr().err
    assert "warning: step kept despite the next-step check" in err
    saved = store.load_session("20261124-abc234")
    assert saved.actions[-1].check == "hedge"


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--add-step", "Call Alex", "--due", "someday"], "--due"),
        (["--add-step", "Call Alex", "--due", "2001-01-01"], "past"),
        (["--add-step", "Call Alex", "--owner", "boss"], "--owner"),
        (["--due", "friday"], "--add-step"),
    ],
)
def test_edit_refuses_bad_input_and_saves_nothing(store, capsys, argv, needle):
    before = store.session_path("20261124-abc234").read_bytes()
    rc = run(["edit", "20261124-abc234", *argv])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert needle in err and len(err.strip().splitlines()) == 1
    assert store.session_path("20261124-abc234").read_bytes() == before


def test_edit_without_options_needs_a_terminal(store, capsys):
    assert run(["edit", "20261124-abc234"]) == 2
    assert "--add-step" in capsys.readouterr().err


def test_the_yaml_view_round_trips_and_applies_changes(store):
    session = store.load_session("20261124-abc234")
    text = amend.view_text(session)
    assert "(private)" in text.split("my_agenda")[0]  # private parts are marked
    unchanged = amend.apply_view(session.model_copy(deep=True), amend.parse_view(text), WHEN)
    assert unchanged == []
    edited = text.replace("Call Alex", "Call Alex about the rota").replace(
        "next_steps:\n", "next_steps:\n- text: Book a room\n  owner: me\n  confidence: 8\n", 1
    )
    changes = amend.apply_view(session, amend.parse_view(edited), WHEN)
    assert sorted(changes) == [f"added next step {session.actions[-1].id}", "next step open2345"]
    assert session.actions[0].text == "Call Alex about the rota"
    assert session.actions[-1].owner == "supervisor"


def test_a_step_edited_into_a_vague_one_is_kept_and_flagged(store):
    session = store.load_session("20261124-abc234")
    text = amend.view_text(session).replace("text: Call Alex", "text: maybe call Alex")
    amend.apply_view(session, amend.parse_view(text), WHEN)
    assert session.actions[0].check == "hedge"


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda t: t.replace("- id: open2345\n", "- id: zzzz2345\n"), "missing"),
        (lambda t: t.replace("confidence: 7", "confidence: 12"), "confidence"),
        (lambda t: t + "mood: great\n", "mood"),
    ],
)
def test_a_bad_yaml_edit_is_refused(store, change, needle):
    from coachcli.core.errors import UsageError

    session = store.load_session("20261124-abc234")
    with pytest.raises(UsageError) as caught:
        amend.apply_view(session, amend.parse_view(change(amend.view_text(session))), WHEN)
    assert needle in caught.value.message


@pytest.mark.slow
def test_edit_in_the_editor_saves_what_the_editor_wrote(store, monkeypatch, tmp_path, capsys):
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\np = sys.argv[1]\ns = open(p).read()\n"
        "s = s.replace('help_wanted: Review my draft', 'help_wanted: Review my rota draft')\n"
        "open(p, 'w').write(s)\n"
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    monkeypatch.setattr("coachcli.ui.terminal.interactive", lambda: True)
    assert run(["edit", "20261124-abc234"]) == 0
    data = saved(store)
    assert data["help_wanted"] == "Review my rota draft"
    assert data["edits"][0]["changes"] == ["help_wanted"]
    assert "help_wanted" in capsys.readouterr().out


def test_prep_prints_the_brief_with_private_notes_marked(store, capsys):
    store.save_new_session(make_session("20261201-def234", when=WHEN + timedelta(days=1), scale=8))
    assert run(["prep", "sam"]) == 0
    out = capsys.readouterr().out
    for expected in (
        "Before you meet Sam",
        "[open2345] Call Alex",
        "Help they asked of you: Review my draft",
        "Next meeting agreed for",
        "Most useful for them: Naming it helped",
        "They valued: Time with family",
        "6 → 8",
        "yours only",
        "Don't raise it again until the rota is fixed",
    ):
        assert expected in out, expected
    assert run(["prep", "Sam", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["last_time"]["help_wanted"] == "Review my draft"
    assert [c["scale"] for c in data["checkins"]] == [6, 8]
    assert data["private"]["notes"].startswith("Don't raise")


def test_prep_for_someone_unknown_is_not_found(store, capsys):
    assert run(["prep", "Nobody"]) == 8
    assert "no sessions" in capsys.readouterr().err


def test_ics_holds_the_next_meeting_as_an_event_beside_the_todos(store, capsys):
    assert run(["export", "20261124-abc234", "--format", "ics"]) == 0
    calendar = Calendar.from_ical(capsys.readouterr().out)
    events = [c for c in calendar.walk("VEVENT")]
    todos = [c for c in calendar.walk("VTODO")]
    assert len(events) == 1 and len(todos) == 1
    assert events[0].decoded("dtstart") == TODAY + timedelta(days=7)
    assert "Sam" in str(events[0]["summary"])
    assert "SECRET" not in str(events[0]["description"])


def test_a_shared_calendar_does_not_carry_the_supervisors_prep_reminder(store, capsys):
    """The person's copy said 'Before it: coach prep "Sam"', a note to the supervisor."""
    assert run(["export", "20261124-abc234", "--format", "ics", "--shared"]) == 0
    shared = Calendar.from_ical(capsys.readouterr().out).walk("VEVENT")[0]
    assert "coach prep" not in str(shared["description"])
    assert run(["export", "20261124-abc234", "--format", "ics"]) == 0
    own = Calendar.from_ical(capsys.readouterr().out).walk("VEVENT")[0]
    assert 'coach prep "Sam"' in str(own["description"])


def test_only_the_latest_meeting_per_person_is_exported(store, capsys):
    store.save_new_session(
        make_session(
            "20261201-def234", when=WHEN + timedelta(days=1), meeting=TODAY + timedelta(days=9)
        )
    )
    assert run(["export", "--person", "Sam", "--format", "ics"]) == 0
    events = list(Calendar.from_ical(capsys.readouterr().out).walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events] == [TODAY + timedelta(days=9)]


def test_followup_shows_the_next_meeting(store, capsys):
    assert run(["followup", "--no-review"]) == 0
    out = capsys.readouterr().out
    when = TODAY + timedelta(days=7)
    assert f"Next meeting with Sam: {when:%a %d %b} (in 7 days)" in out
    assert run(["followup", "--all", "--no-review"]) == 0
    assert "Next meeting with Sam" in capsys.readouterr().out


def test_older_session_files_without_the_new_fields_still_load(coach_home):
    data = json.loads(make_session().to_json_bytes())
    for name in ("checkin", "help_wanted", "next_meeting", "learning", "edits"):
        data.pop(name)
    session = Session.model_validate(data)
    assert session.checkin is None and session.next_meeting is None and session.edits == []
    assert date.fromisoformat("2026-01-01")  # the schema keeps dates as ISO text


def test_schema_lists_the_new_fields(capsys):
    assert run(["schema"]) == 0
    props = json.loads(capsys.readouterr().out)["properties"]
    for name in ("checkin", "help_wanted", "restatement_feedback", "next_meeting", "learning"):
        assert name in props, name
    assert props["edits"].get("private") is True


def test_dates_in_the_view_can_be_words_as_in_the_prompts(store):
    session = store.load_session("20261124-abc234")
    edited = amend.view_text(session).replace(
        "next_steps:\n", "next_steps:\n- text: Book a room\n  owner: me\n  due: in 2 weeks\n", 1
    )
    edited = edited.replace(
        f"next_meeting: {(TODAY + timedelta(days=7)).isoformat()}", "next_meeting: in 3 weeks"
    )
    view = amend.parse_view(edited, today=TODAY)
    amend.apply_view(session, view, WHEN)
    assert session.actions[-1].due == TODAY + timedelta(days=14)
    assert session.next_meeting == TODAY + timedelta(days=21)


def test_prep_takes_a_unique_first_name_as_start_and_followup_do(store, capsys):
    """`coach prep zoë` for "Zoë Ñúñez": the help's `coach prep Sam` for a full name, any script."""
    store.save_new_session(make_session("20261201-def234", person="Zoë Ñúñez"))
    for typed in ("zoë", "ZOË", "Ñúñez"):
        assert run(["prep", typed]) == 0, typed
        assert "Before you meet Zoë Ñúñez" in capsys.readouterr().out
    store.save_new_session(make_session("20261202-ghj234", person="Zoe Lee"))
    assert run(["prep", "zo"]) == 2  # two people: refused, not a guess
    assert "Zoe Lee" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["prep", "zo"], ["show", "zo", "last"], ["rename", "zo", "Z"]])
def test_an_ambiguous_name_is_refused_without_naming_an_option_not_given(store, capsys, argv):
    """`coach show zo last` said "--person could be any of …": there was no --person."""
    store.save_new_session(make_session("20261201-def234", person="Zoë Ñúñez"))
    store.save_new_session(make_session("20261202-ghj234", person="Zoe Lee"))
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert "--person" not in err and "Zoe Lee" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "code"),
    [('{"id": "20261124-abc234", "person": "Sam SECRET', 3), (None, 7)],
)
def test_edit_of_a_damaged_or_newer_session_says_so_like_show(store, capsys, content, code):
    """`coach edit ID` on an unreadable file said "no session with that id" (8), show said 3."""
    path = store.session_path("20261124-abc234")
    if content is None:
        data = json.loads(path.read_text())
        data["schema_version"] = 99
        content = json.dumps(data)
    path.write_text(content)
    before = path.read_bytes()
    for argv in (["show", "abc234"], ["edit", "abc234", "--note", "x"]):
        assert run(argv) == code, argv
        err = capsys.readouterr().err
        assert "no session with that id" not in err and "SECRET" not in err
    assert path.read_bytes() == before
