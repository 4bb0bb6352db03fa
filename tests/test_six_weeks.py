"""A supervisor's six weeks, replayed through the real command line with COACH_TODAY moved.

Two people (Priya Patel and Chen Wu), conversations on 2 and 16 November and 1 December 2026,
reviews at the following one-to-ones (after the due dates, as in real life): items done early
and late, one partly done with what was left as a new item, one not done yet with a new date,
one dropped. Then: true on-time figures in ``coach report``, every date entry point refusing
the wrong side of today and echoing what it understood, ``--since`` with past forms, short ids
and first names, and ICS exports that parse, name the person and update on re-import.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from icalendar import Calendar

import factories

pytestmark = pytest.mark.slow


@pytest.fixture
def coach(monkeypatch, capsys):
    """``coach(today, *args)`` -> (exit status, stdout, stderr), on the day ``today``."""

    def call(today: str, *args: str) -> tuple[int, str, str]:
        monkeypatch.setenv("COACH_TODAY", today)
        capsys.readouterr()
        return factories.coach(capsys, *args)

    return call


def answers(tmp_path, name: str, person: str, steps: list[dict]) -> str:
    path = tmp_path / f"{name}.json"
    data = {
        "person": person,
        "facts": ["The rota changed twice"],
        "feelings": ["Stretched"],
        "values": ["Fairness"],
        "questions": [{"question": "What would help most this week?", "answer": "Clarity"}],
        "next_steps": steps,
        "after_check": "no",
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def step(action: str, due: str, owner: str = "person") -> dict:
    return {"action": action, "owner": owner, "due": due, "confidence": 8}


def items(coach, today: str) -> dict[str, dict]:
    rc, out, err = coach(today, "followup", "--json", "--all")
    assert rc == 0, err
    return {item["action"]: item for item in json.loads(out)}


def session_file(home, session_id: str) -> dict:
    return json.loads((home / "sessions" / f"{session_id}.json").read_text(encoding="utf-8"))


def test_six_weeks_of_follow_through(coach, tmp_path, coach_home):
    # -- Week 1, Monday 2 November: two conversations ------------------------------------
    monday = "2026-11-02"
    rc, _, err = coach(
        monday,
        "start",
        "--answers",
        answers(
            tmp_path,
            "priya1",
            "Priya Patel",
            [
                step("Draft the onboarding checklist", "friday"),  # Friday 6 November
                step("Ask Sam for feedback on the rota", "in 2 weeks"),  # 16 November
                step("Book a room for the retro", "next friday", "supervisor"),  # 13 November
            ],
        ),
    )
    assert rc == 0, err
    rc, out, err = coach(
        monday,
        "start",
        "--answers",
        answers(tmp_path, "chen1", "Chen Wu", [step("Write the incident summary", "2026-11-09")]),
    )
    assert rc == 0, err
    assert out.startswith("✓ Due Monday 2026-11-09 (in 7 days)\n")  # what it understood
    # A due date in the past is refused where a conversation takes it, too.
    rc, _, err = coach(
        monday,
        "start",
        "--answers",
        answers(tmp_path, "past", "Chen Wu", [step("Send the late notes", "2026-10-30")]),
    )
    assert rc == 2 and "in the past" in err, err

    found = items(coach, monday)
    draft = found["Draft the onboarding checklist"]
    feedback = found["Ask Sam for feedback on the rota"]
    room = found["Book a room for the retro"]
    incident = found["Write the incident summary"]
    assert (draft["due"], feedback["due"], room["due"], incident["due"]) == (
        "2026-11-06",
        "2026-11-16",
        "2026-11-13",
        "2026-11-09",
    )
    assert draft["session_date"] == monday
    # Item ids people can type: no two open items share their first four characters.
    assert len({item["id"][:4] for item in found.values()}) == len(found)

    # -- Week 2, Monday 9 November: the review, after the due date -----------------------
    week2 = "2026-11-09"
    rc, out, err = coach(week2, "followup", "done", draft["id"][:4], "--on", "last wednesday")
    assert rc == 0, err
    assert "Wednesday 2026-11-04 (5 days ago)" in out  # early, though reviewed late
    rc, _, err = coach(week2, "followup", "done", draft["id"], "--on", "tomorrow")
    assert rc == 2 and "in the future" in err and len(err.splitlines()) == 2, err
    rc, out, err = coach(week2, "followup", "done", draft["id"][:4])
    assert rc == 0 and "already done" in out, err  # a repeated mark changes nothing
    stored = {a["id"]: a for a in session_file(coach_home, draft["session_id"])["actions"]}
    history = stored[draft["id"]]["history"]
    assert [h["event"] for h in history] == ["created", "done"]

    rc, _, err = coach(week2, "followup", "due", incident["id"], "2026-11-01")
    assert rc == 2 and "in the past" in err and "Sunday 2026-11-01" in err, err
    rc, _, err = coach(week2, "followup", "due", incident["id"], "15/11")
    assert rc == 2 and "either way round" in err, err
    rc, out, err = coach(
        week2, "followup", "due", incident["id"], "next friday", "--note", "Waiting on ops"
    )
    assert rc == 0, err
    assert "now due Friday 2026-11-20 (in 11 days)" in out

    # First names: --person takes "chen" and says whom it took.
    rc, out, err = coach(week2, "followup", "--no-review", "--person", "chen")
    assert rc == 0 and "taking Chen Wu" in err, err
    assert "Write the incident summary" in out
    assert out.splitlines()[-1] == "0 overdue, 0 due within 7 days, 1 open"
    # The summary line and the rows are one selection.
    rc, out, err = coach(week2, "followup", "--no-review", "--person", "chen", "--due-within", "3")
    assert rc == 0, err
    assert "No open action items for Chen Wu due within 3 days." in out
    assert out.splitlines()[-1] == "0 overdue, 0 due within 3 days, 0 open"

    # -- Week 3, Monday 16 November: a second conversation with Priya --------------------
    week3 = "2026-11-16"
    rc, _, err = coach(
        week3,
        "start",
        "--answers",
        answers(
            tmp_path,
            "priya2",
            "priya patel",  # another spelling: the name stays the one first chosen
            [step("Run the first onboarding session", "end of next week")],  # 27 November
        ),
    )
    assert rc == 0, err
    rc, out, err = coach(week3, "followup", "done", room["id"])  # the supervisor's, 3 days late
    assert rc == 0, err
    found = items(coach, week3)
    session_run = found["Run the first onboarding session"]
    assert session_run["person"] == "Priya Patel" and session_run["due"] == "2026-11-27"

    # -- Week 4, Monday 23 November: partly done, what is left becomes a new item --------
    week4 = "2026-11-23"
    rc, out, err = coach(
        week4,
        "followup",
        "partly",
        feedback["id"],
        "--on",
        "last wednesday",
        "--left",
        "Share the rota feedback with the team",
        "--due",
        "friday",
        "--note",
        "Asking one person at a time works",
    )
    assert rc == 0, err
    assert "Wednesday 2026-11-18" in out and "Friday 2026-11-27 (in 4 days)" in out
    rest = items(coach, week4)["Share the rota feedback with the team"]
    assert rest["status"] == "open" and rest["due"] == "2026-11-27"
    assert rest["session_id"] == feedback["session_id"]
    stored = {a["id"]: a for a in session_file(coach_home, feedback["session_id"])["actions"]}
    assert stored[rest["id"]]["follows"] == feedback["id"]
    assert stored[feedback["id"]]["done_on"] == "2026-11-18"
    assert stored[feedback["id"]]["learned"] == "Asking one person at a time works"

    # -- Week 5, Monday 30 November: done on Friday; a drop --------------------------------
    week5 = "2026-11-30"
    rc, out, err = coach(week5, "followup", "done", session_run["id"], "--on", "friday")
    assert rc == 0 and "Friday 2026-11-27 (3 days ago)" in out, err  # on the due day
    rc, out, err = coach(
        week5, "followup", "drop", incident["id"], "--why", "Ops closed the incident"
    )
    assert rc == 0, err
    rc, out, err = coach(
        "2026-12-01",
        "start",
        "--answers",
        answers(tmp_path, "chen2", "Chen", [step("Pair with Ana on the next incident", "eoy")]),
    )
    assert rc == 0, err
    assert "✓ With Chen Wu, already known" in out and "Thursday 2026-12-31 (in 30 days)" in out

    # -- Week 6, Monday 7 December: the remainder, done late --------------------------------
    week6 = "2026-12-07"
    rc, out, err = coach(week6, "followup", "done", rest["id"], "--on", "2026-12-02")
    assert rc == 0, err
    # Reopening clears what closed it.
    rc, _, err = coach(week6, "followup", "reopen", draft["id"])
    assert rc == 0, err
    reopened = items(coach, week6)["Draft the onboarding checklist"]
    assert reopened["status"] == "open" and reopened["learned"] == ""
    rc, _, err = coach(week6, "followup", "done", draft["id"], "--on", "2026-11-04")
    assert rc == 0, err

    # -- The report tells the truth: on time by the day the work happened ----------------
    rc, out, err = coach("2026-12-14", "report", "--json")
    assert rc == 0, err
    figures = json.loads(out)["actions"]
    # Done: the checklist (4 Nov, due 6 Nov), the room (16 Nov, due 13 Nov), the session
    # (27 Nov, due 27 Nov), the remainder (2 Dec, due 27 Nov): 2 of 4 on time, though every
    # one was marked done after its due date.
    assert (figures["done"], figures["on_time"]) == (4, 2)
    assert (figures["partly"], figures["dropped"], figures["created"]) == (1, 1, 7)
    rc, out, err = coach("2026-12-14", "report", "--person", "priya", "--json")
    assert rc == 0 and "taking Priya Patel" in err, err

    # -- --since reads backward, like git log --since ------------------------------------
    today = "2026-12-16"

    def since(*args: str) -> list[str]:
        rc, out, err = coach(today, "sessions", "--json", *args)
        assert rc == 0, err
        return [s["date"] for s in json.loads(out)]

    assert since("--since", "1 dec") == ["2026-12-01"]  # the most recent 1 December
    assert since("--since", "last month") == ["2026-11-16", "2026-12-01"]  # from 16 Nov
    assert since("--since", "3 weeks ago") == ["2026-12-01"]
    assert since("--since", "2 nov", "--until", "15 nov") == ["2026-11-02", "2026-11-02"]
    assert since("--since", "yesterday") == []
    rc, _, err = coach(today, "sessions", "--since", "1 dec")
    assert err == "coach: --since: Tuesday 2026-12-01 (15 days ago)\n"  # what it understood
    rc, _, err = coach(today, "sessions", "--since", "tomorrow")
    assert rc == 2 and "after today" in err, err
    assert since("--person", "chen") == ["2026-11-02", "2026-12-01"]

    # -- Short session names: the random part, or PERSON last / -2 ------------------------
    rc, out, err = coach(today, "sessions", "--json", "--person", "priya")
    first_id, second_id = [s["id"] for s in json.loads(out)]
    rc, out, err = coach(today, "show", first_id.split("-")[1][:4])
    assert rc == 0 and first_id in out, err
    rc, out, err = coach(today, "show", "priya", "last")
    assert rc == 0 and second_id in out, err
    rc, out, err = coach(today, "show", "Priya", "-2")
    assert rc == 0 and first_id in out and "work done Wednesday 2026-11-18" in out, err

    # -- ICS: parses, names the person, updates on re-import -----------------------------
    rc, out, err = coach(today, "export", "--person", "priya", "--format", "ics")
    assert rc == 0, err
    before = {str(t["uid"]): t for t in Calendar.from_ical(out).walk("VTODO")}
    assert len(before) == 5
    assert all("Priya Patel" in str(t["summary"]) for t in before.values())
    rc, out, err = coach(today, "followup", "due", reopened["id"], "2026-12-18")
    assert rc == 2 and "reopen it first" in err, err  # a done item is not moved silently
    rc, _, err = coach(today, "followup", "reopen", reopened["id"])
    assert rc == 0, err
    rc, _, err = coach(today, "followup", "due", reopened["id"], "friday")
    assert rc == 0, err
    rc, out, err = coach("2026-12-17", "export", "--person", "priya", "--format", "ics")
    after = {str(t["uid"]): t for t in Calendar.from_ical(out).walk("VTODO")}
    assert after.keys() == before.keys()  # the same UIDs: a re-import updates
    uid = f"{reopened['id']}@coachcli"
    assert int(after[uid]["sequence"]) > int(before[uid]["sequence"])
    assert after[uid].decoded("last-modified") > before[uid].decoded("last-modified")
    assert after[uid].decoded("due") == date(2026, 12, 18)
    assert str(after[uid]["status"]) == "NEEDS-ACTION"
    unchanged = f"{session_run['id']}@coachcli"
    assert int(after[unchanged]["sequence"]) == int(before[unchanged]["sequence"])

    rc, out, err = coach(today, "export", "priya", "last", "--format", "ics", "--as-events")
    assert rc == 0, err
    [event] = Calendar.from_ical(out).walk("VEVENT")
    assert event.decoded("dtstart") == date(2026, 11, 27)  # all day, on the due date
    assert event.decoded("dtend") == date(2026, 11, 28)
    assert "Priya Patel" in str(event["summary"])

    # -- The shared export speaks to Priya, steps by due date ----------------------------
    rc, out, err = coach(today, "export", first_id, "--shared")
    assert rc == 0, err
    assert "Priya Patel, these are my notes" in out and "What I heard from you" in out
    assert "my supervisor" not in out and "What I heard\n" not in out
    order = [out.index(text) for text in ("Book a room", "Ask Sam", "Share the rota")]
    assert order == sorted(order)  # 13 Nov, 16 Nov, 27 Nov: by due date
