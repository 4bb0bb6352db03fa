"""A mentor's five months with one mentee, replayed through the real command line.

Three mentoring conversations with Ana Costa (11 January, 8 February, 8 March 2027, moved with
COACH_TODAY) through ``--answers``: the agreement and two goals the first time with an
introduction she takes up (a next step the mentor owns); both goals reviewed the second time, one
changed; the third time the relationship itself is checked and a goal achieved. Then `coach goals`,
`coach followup`, `coach show`, the exports (md, json, ics) and `coach report` all say mentoring;
a coaching conversation with her afterwards still runs the coaching flow; and a session file
written before mentoring existed still loads.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from icalendar import Calendar

from coachcli.cli.app import run

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def coach(monkeypatch, capsys):
    def call(today: str, *args: str) -> tuple[int, str, str]:
        monkeypatch.setenv("COACH_TODAY", today)
        capsys.readouterr()
        rc = run(list(args))
        out, err = capsys.readouterr()
        return rc, out, err

    return call


def write(tmp_path: Path, name: str, data: dict) -> str:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


BASE = {
    "person": "Ana Costa",
    "facts": ["Applications close in six weeks"],
    "feelings": ["Excited and unsure"],
    "values": ["Building things customers love"],
    "questions": [{"id": "aspire-ideal-role", "answer": "Owning a small product area"}],
    "after_check": "no",
}


def goals(coach, today: str) -> list[dict]:
    rc, out, err = coach(today, "goals", "Ana", "--json")
    assert rc == 0, err
    return json.loads(out)


def session_ids(coach, today: str) -> list[str]:
    rc, out, err = coach(today, "sessions", "--json")
    assert rc == 0, err
    return [s["id"] for s in json.loads(out)]


def test_three_mentoring_conversations_over_months(coach, tmp_path):
    # -- 1. January: the agreement, two goals, an introduction taken up ------------------------
    first = BASE | {
        "bank": "mentoring",
        "agenda": {"want": "Ana leaves clearer", "take_over": "Planning her path for her"},
        "relationship": {"cadence": "every 4 weeks", "expects": "A sounding board"},
        "mentee_agenda": "Whether to apply for the APM role",
        "goals": [
            {"goal": "Move into a product role", "horizon": "by September"},
            {"goal": "Speak at an internal meetup", "horizon": "in 2 months"},
        ],
        "serves_goal": "Move into a product role",
        "grow_into": "A product manager who still talks to customers",
        "offers": [
            {"kind": "experience", "text": "How I prepared for my interview", "taken_up": True},
            {"kind": "introduction", "text": "Priya in Ops", "taken_up": True, "due": "in 1 week"},
        ],
        "next_meeting": "in 4 weeks",
        "next_steps": [
            {"action": "Draft the interview answers", "due": "before we next meet", "confidence": 8}
        ],
    }
    rc, out, err = coach("2027-01-11", "start", "--answers", write(tmp_path, "one", first))
    assert rc == 0, err
    assert "Next meeting Monday 2027-02-08" in out
    found = goals(coach, "2027-01-11")
    assert [(g["text"], g["horizon"], g["status"]) for g in found] == [
        ("Move into a product role", "by September", "open"),
        ("Speak at an internal meetup", "in 2 months", "open"),
    ]
    rc, out, err = coach("2027-01-11", "followup", "--json")
    items = json.loads(out)
    mine = [i for i in items if i["owner"] == "supervisor"]
    assert [i["action"] for i in mine] == ["Introduce Ana Costa to Priya in Ops"]
    assert mine[0]["status"] == "open" and mine[0]["due"] == "2027-01-18"
    theirs = [i for i in items if i["owner"] == "person"]
    assert theirs[0]["due"] == "2027-02-08"  # "before we next meet"

    # The goals file: its own versioned file, private, named by a hash (no name in the path).
    files = list((Path(os.environ["COACH_HOME"]) / "goals").iterdir())
    assert len(files) == 1 and "ana" not in files[0].name.lower()
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert json.loads(files[0].read_text())["schema_version"] == 1

    # -- followup on the day of the next meeting: the goals are due for review ------------------
    rc, out, err = coach("2027-02-08", "followup", "--no-review")
    assert rc == 0, err
    assert "Development goals due for review" in out
    assert "Move into a product role" in out and "Speak at an internal meetup" in out

    # -- 2. February: both goals reviewed, one changed -----------------------------------------
    ids = {g["text"]: g["id"] for g in found}
    second = BASE | {
        "kind": "mentoring",
        "goal_reviews": [
            {"goal": ids["Move into a product role"][:5], "progress": "Shadowed a PM", "scale": 5},
            {
                "goal": "Speak at an internal meetup",
                "progress": "Too big for now",
                "scale": 2,
                "status": "changed",
                "changed_to": "Give a lightning talk to my team",
            },
        ],
        "mentee_agenda": "Preparing for the APM interview",
        "serves_goal": "Move into a product role",
        "offers": [{"kind": "suggestion", "text": "Ask for a mock interview", "taken_up": False}],
        "next_meeting": "in 4 weeks",
        "next_steps": [
            {"action": "Book a mock interview", "due": "in 2 weeks", "confidence": 7},
            {
                "action": "Send Ana the product guild agenda",
                "owner": "me",
                "due": "before we next meet",
                "confidence": 9,
            },
        ],
    }
    rc, out, err = coach("2027-02-08", "start", "--answers", write(tmp_path, "two", second))
    assert rc == 0, err
    found = {g["text"]: g for g in goals(coach, "2027-02-08")}
    assert found["Move into a product role"]["reviews"][0]["scale"] == 5
    assert found["Move into a product role"]["reviews"][0]["progress"] == "Shadowed a PM"
    assert found["Speak at an internal meetup"]["status"] == "changed"
    assert found["Give a lightning talk to my team"]["status"] == "open"
    assert (
        found["Give a lightning talk to my team"]["replaces"] == ids["Speak at an internal meetup"]
    )

    # -- 3. March: the relationship checked, a goal achieved -----------------------------------
    third = BASE | {
        "bank": "mentoring",
        "relationship": {"check": "Useful; more challenge please", "check_scale": 8},
        "goal_reviews": [
            {
                "goal": "Give a lightning talk to my team",
                "progress": "Gave it!",
                "scale": 9,
                "status": "achieved",
            },
            {"goal": "Move into a product role", "progress": "Interview booked", "scale": 7},
        ],
        "mentee_agenda": "What comes after the interview",
        "offers": [
            {
                "kind": "sponsorship",
                "text": "Speak up for Ana at the hiring panel",
                "taken_up": True,
            }
        ],
        "next_meeting": "in 4 weeks",
        "next_steps": [
            {
                "action": "Write down three questions for the panel",
                "due": "before we next meet",
                "confidence": 8,
            }
        ],
    }
    rc, out, err = coach("2027-03-08", "start", "--answers", write(tmp_path, "three", third))
    assert rc == 0, err
    found = {g["text"]: g for g in goals(coach, "2027-03-08")}
    assert found["Give a lightning talk to my team"]["status"] == "achieved"
    assert [r["scale"] for r in found["Move into a product role"]["reviews"]] == [5, 7]
    rc, out, err = coach("2027-03-08", "goals")
    assert "Ana Costa: mentoring since 2027-01-11, meeting every 4 weeks" in out
    assert "[achieved]" in out and "Interview booked" in out

    # The sponsorship taken up is the mentor's item too.
    rc, out, err = coach("2027-03-08", "followup", "--json")
    mine = {i["action"] for i in json.loads(out) if i["owner"] == "supervisor"}
    assert "Speak up for Ana at the hiring panel" in mine
    assert "Introduce Ana Costa to Priya in Ops" in mine

    # -- show, sessions, exports say mentoring --------------------------------------------------
    ids_ = session_ids(coach, "2027-03-08")
    assert len(ids_) == 3
    rc, out, err = coach("2027-03-08", "show", ids_[0], "--json")
    shown = json.loads(out)
    assert shown["kind"] == "mentoring"
    assert shown["mentoring"]["offers"][1]["kind"] == "introduction"
    rc, out, err = coach("2027-03-08", "show", ids_[2])
    assert "mentoring conversation" in out and "How the mentoring is going" in out
    assert "What I offered" in out and "sponsorship: Speak up for Ana" in out
    rc, out, err = coach("2027-03-08", "sessions")
    assert out.count("mentoring") >= 6  # bank and kind on each of the three lines
    rc, out, err = coach("2027-03-08", "export", ids_[0], "--format", "md")
    assert rc == 0, err
    assert out.splitlines()[0].startswith("# Mentoring conversation with Ana Costa")
    assert "Planning her path for her" in out  # your own export keeps your private agenda
    rc, out, err = coach("2027-03-08", "export", ids_[0], "--format", "md", "--shared")
    assert out.splitlines()[0].startswith("# Our mentoring conversation")
    assert "Planning her path" not in out and "Priya in Ops" in out
    assert "## Your agenda for today" in out and "## What I offered" in out  # spoken to her
    rc, out, err = coach("2027-03-08", "export", ids_[2], "--format", "json")
    assert json.loads(out)["kind"] == "mentoring"
    rc, out, err = coach("2027-03-08", "export", ids_[0], "--format", "ics")
    calendar = Calendar.from_ical(out)
    texts = " ".join(
        str(e.get("description", "")) + str(e.get("summary", "")) for e in calendar.walk("VEVENT")
    )
    assert "mentoring conversation" in texts and "coaching conversation" not in texts

    # -- report: mentoring beside the coaching figures ------------------------------------------
    rc, out, err = coach("2027-03-20", "report", "--json")
    assert rc == 0, err
    m = json.loads(out)["mentoring"]
    assert m["relationships"] == 1 and m["conversations"] == 3
    assert (m["goals_set"], m["goals_achieved"], m["goals_changed"]) == (3, 1, 1)
    assert m["goals_reviewed"] == 4
    assert m["offers"]["introduction"] == {"made": 1, "taken_up": 1}
    assert m["offers"]["suggestion"] == {"made": 1, "taken_up": 0}
    assert (m["meetings_agreed"], m["meetings_kept"]) == (2, 2)
    assert m["relationship_checks"] == 1 and m["relationship_check_average"] == 8
    rc, out, err = coach("2027-03-20", "report")
    assert "Mentoring (relationships, goals, offers)" in out
    assert "introduction 1/1" in out
    # A program report over the store: counts only, no goal text, no name.
    rc, out, err = coach("2027-03-20", "report", "--store", os.environ["COACH_HOME"], "--csv")
    assert rc == 0, err
    assert "mentoring,(all),,,goals_achieved,1" in out
    assert "product role" not in out and "Ana" not in out

    # -- a coaching conversation with her afterwards is a coaching conversation -----------------
    coaching = BASE | {
        "agenda": {"advice": "Tell her to apply"},
        "questions": [{"question": "What is the real challenge here for you?", "answer": "Time"}],
        "next_steps": [{"action": "Block two hours on Friday", "due": "friday", "confidence": 8}],
    }
    rc, out, err = coach("2027-03-22", "start", "--answers", write(tmp_path, "four", coaching))
    assert rc == 0, err
    last = session_ids(coach, "2027-03-22")[-1]
    rc, out, err = coach("2027-03-22", "show", last, "--json")
    shown = json.loads(out)
    assert shown["kind"] == "coaching" and shown["mentoring"] is None
    assert shown["agenda"]["advice"] == "Tell her to apply"
    assert len(goals(coach, "2027-03-22")) == 3  # untouched by coaching


def test_a_session_written_before_mentoring_still_loads(coach):
    home = Path(os.environ["COACH_HOME"])
    (home / "sessions").mkdir(parents=True)
    old = {
        "schema_version": 1,
        "id": "20260105-old234",
        "person": "Sam",
        "bank": "coaching",
        "started_at": "2026-01-05T10:00:00+00:00",
        "finished_at": "2026-01-05T10:30:00+00:00",
        "actions": [
            {"id": "old23456", "text": "Call the client", "created_at": "2026-01-05T10:30:00+00:00"}
        ],
        "after_check": {"agenda_took_over": "no"},
    }
    (home / "sessions" / "20260105-old234.json").write_text(json.dumps(old), encoding="utf-8")
    rc, out, err = coach("2026-01-06", "show", "20260105-old234", "--json")
    assert rc == 0, err
    assert json.loads(out)["kind"] == "coaching"
    rc, out, err = coach("2026-01-06", "goals")
    assert rc == 0 and "No development goals yet" in out


def test_the_example_mentoring_file_runs(coach):
    rc, out, err = coach(
        "2027-01-11", "start", "--answers", str(REPO / "examples" / "mentoring.yaml")
    )
    assert rc == 0, err
    rc, out, err = coach("2027-01-11", "goals", "--json")
    assert len(json.loads(out)) == 2


def test_forget_removes_the_goals_file(coach):
    rc, _out, err = coach(
        "2027-01-11", "start", "--answers", str(REPO / "examples" / "mentoring.yaml")
    )
    assert rc == 0, err
    goals_dir = Path(os.environ["COACH_HOME"]) / "goals"
    assert list(goals_dir.iterdir())
    rc, _out, err = coach("2027-01-11", "forget", "Ana Costa", "--yes")
    assert rc == 0, err
    assert list(goals_dir.iterdir()) == []


def test_mentoring_answers_errors_point_at_the_field(coach, tmp_path):
    bad = BASE | {
        "bank": "mentoring",
        "goals": [{"goal": "A real goal", "horizon": "someday soon"}],
        "next_steps": [{"action": "Draft it", "due": "friday", "confidence": 8}],
    }
    rc, _out, err = coach("2027-01-11", "start", "--answers", write(tmp_path, "bad", bad))
    assert rc == 2 and "goals[0].horizon" in err and "Traceback" not in err
    bad["goals"] = [{"goal": "A real goal", "horizon": "by June"}]
    bad["serves_goal"] = "Another goal entirely"
    rc, _out, err = coach("2027-01-11", "start", "--answers", write(tmp_path, "bad", bad))
    assert rc == 2 and "serves_goal" in err
    rc, out, _err = coach("2027-01-11", "sessions", "--json")
    assert json.loads(out) == []  # nothing saved


def test_check_question_in_a_mentoring_context(coach):
    question = "Would it help if I introduced you to Priya in Ops?"
    rc, out, _err = coach("2027-01-11", "check-question", "--mentoring", "--json", question)
    assert rc == 0 and json.loads(out)["ok"] and json.loads(out)["issues"] == []
    rc, out, _err = coach("2027-01-11", "check-question", "--mentoring", "--strict", "Did you?")
    assert rc == 2
