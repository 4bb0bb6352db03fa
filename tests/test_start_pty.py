"""`coach start` in a real pseudo-terminal: arrow keys, typing, Ctrl-C, SIGTERM, resume."""

from __future__ import annotations

import json
import os
import signal
import sys

import pytest

from factories import ENTER, UP, finish, key, line, spawn
from factories import saved_sessions as sessions

pytestmark = pytest.mark.slow


def test_a_whole_conversation_at_a_real_terminal(coach_home):
    child = spawn(coach_home)
    line(child, "Who are you meeting", "Sam [red]Rivera[/red]")
    line(child, "What do you want from this conversation", "Sort out the rota")
    line(child, "What advice are you tempted", "")
    line(child, "In their words", "Tired")
    line(child, "scale of 1", "6")
    line(child, "Fact", "Late twice :smile:")
    line(child, "Fact", "")
    line(child, "Feeling", "Tired")
    line(child, "Feeling", "")
    line(child, "What matters to them", "Family time")
    line(child, "What matters to them", "")
    key(child, "Question 1", ENTER)  # the first offered question
    line(child, "Their answer", "The late rota")
    key(child, "Question 2", UP + ENTER)  # up wraps to the last choice: done
    line(child, "Restatement", "")
    line(child, "corrected or added", "Mostly the Thursday shift")
    key(child, "Pick a challenge", UP + ENTER)
    line(child, "Next step", "Ask Priya to swap Thursday")
    key(child, "Who owns it", ENTER)
    line(child, "Due when", "in 2 weeks")
    line(child, "How confident", "8")
    key(child, "Add another next step", "n")
    line(child, "help they want from you", "")
    line(child, "Next meeting", "")
    line(child, "Their answer", "")
    key(child, "own agenda take over", ENTER)
    line(child, "Private notes", "")
    child.expect("Saved to")
    status, rest = finish(child)
    assert status == 0, rest

    (saved,) = sessions(coach_home)
    assert saved["person"] == "Sam [red]Rivera[/red]"
    assert saved["listening"]["facts"] == ["Late twice :smile:"]
    assert saved["questions"][0]["answer"] == "The late rota"
    assert saved["actions"][0]["text"] == "Ask Priya to swap Thursday"
    assert saved["restatement_feedback"] == "Mostly the Thursday shift"
    assert saved["after_check"]["agenda_took_over"] == "no"
    assert saved["checkin"] == {"words": "Tired", "scale": 6}
    # Markup and emoji codes typed into notes show literally in the summary.
    screen = child.logfile_read.getvalue()
    summary = screen[screen.rindex("Session ") :]
    assert "Sam [red]Rivera[/red]" in summary, summary
    assert "Late twice :smile:" in summary, summary
    assert "Ask Priya to swap Thursday" in summary, summary


@pytest.mark.parametrize("columns", [60, 120])
def test_check_in_and_what_else_by_number_help_meeting_ctrl_c_and_resume(coach_home, columns):
    child = spawn(coach_home, "--person", "Sam", columns=columns)
    line(child, "What do you want from this conversation", "Check in on the rota")
    line(child, "What advice are you tempted", "")
    line(child, "In their words", "Better this week")
    line(child, "scale of 1", "7")
    for prompt in ("Fact", "Feeling", "What matters to them"):
        line(child, prompt, "")
    key(child, "Question 1", "1" + ENTER)
    line(child, "Their answer", "Saying no to extra shifts")
    key(child, "Question 2", "1" + ENTER)  # "And what else?" is at the top, key 1
    line(child, "Their answer", "The rota comes out late")
    key(child, "Question 3", "1" + ENTER)  # …and again, until an empty answer declines it
    child.expect("Their answer")
    child.send("Childcare is hard to pla")  # half typed, then Ctrl-C
    child.sendcontrol("c")
    status, out = finish(child)
    assert status == 130, out
    (draft,) = (coach_home / "drafts").glob("*.json")
    state = json.loads(draft.read_text())["state"]
    assert state["pending_question"]["text"] == "And what else?"
    assert state["partial"] == {"ask.answer": "Childcare is hard to pla"}

    child = spawn(coach_home, "--person", "Sam", columns=columns)
    key(child, "unfinished conversation", "1" + ENTER)
    child.expect("Resuming the conversation with Sam")
    child.expect("Check-in: 7/10")
    child.expect("You were asking")
    line(child, "Their answer", "n")  # the half-typed text is there: finish the word
    key(child, "Question 4", "d" + ENTER)
    line(child, "Restatement", "")
    line(child, "corrected or added", "You missed how tired I am")
    key(child, "Pick a challenge", "d" + ENTER)
    line(child, "Next step", "Ask Priya to swap Thursday")
    key(child, "Who owns it", ENTER)
    line(child, "Due when", "in 2 weeks")
    line(child, "How confident", "8")
    key(child, "Add another next step", "n")
    line(child, "help they want from you", "Review my draft rota")
    line(child, "Next meeting", "in 1 week")
    line(child, "Your step for that help", "")
    line(child, "When will you do it", "")
    line(child, "Your own step: how sure", "9")  # your step, asked as yours
    line(child, "Their answer", "Saying it out loud")
    key(child, "own agenda take over", ENTER)
    line(child, "Private notes", "Don't raise it again until the rota is fixed")
    child.expect("Saved to")
    status, rest = finish(child)
    assert status == 0, rest
    (saved,) = sessions(coach_home)
    assert [q["answer"] for q in saved["questions"]] == [
        "Saying no to extra shifts",
        "The rota comes out late",
        "Childcare is hard to plan",
    ]
    assert saved["restatement_feedback"] == "You missed how tired I am"
    assert saved["help_wanted"] == "Review my draft rota"
    assert saved["next_meeting"] is not None
    assert saved["learning"] == "Saying it out loud"
    assert [a["owner"] for a in saved["actions"]] == ["person", "supervisor"]
    assert not list((coach_home / "drafts").glob("*.json"))

    # A week later (same store): the carry-over brief shows what was agreed and private notes.
    child = spawn(coach_home, "--person", "Sam", columns=columns)
    child.expect("Open items")
    child.expect("Help they asked of you")
    child.expect("Next meeting agreed for")
    child.expect("Don't raise it again")
    line(child, "What do you want from this conversation", "")
    line(child, "What advice are you tempted", "")
    child.expect("Earlier check-ins: 7")  # the trend, at the check-in
    line(child, "In their words", "")
    line(child, "scale of 1", "")
    child.expect("How did it go")  # then, with them, last time's items
    child.sendcontrol("c")
    finish(child)


def test_ctrl_c_keeps_a_draft_and_the_next_start_resumes_it(coach_home):
    child = spawn(coach_home)
    line(child, "Who are you meeting", "Ana")
    line(child, "What do you want from this conversation", "Hear her out")
    child.expect("What advice are you tempted")
    child.sendcontrol("c")
    status, out = finish(child)
    assert status == 130, out
    assert "draft" in out
    assert (
        not list((coach_home / "sessions").glob("*.json"))
        if (coach_home / "sessions").exists()
        else True
    )
    drafts = list((coach_home / "drafts").glob("*.json"))
    assert len(drafts) == 1
    assert oct(drafts[0].stat().st_mode & 0o777) == "0o600"

    child = spawn(coach_home)
    key(child, "Resume the conversation with Ana", ENTER)  # resume
    line(child, "What advice are you tempted", "")  # picks up where it stopped
    child.sendcontrol("c")
    status, _ = finish(child)
    assert status == 130
    state = json.loads(drafts[0].read_text())["state"]
    assert state["agenda"]["want"] == "Hear her out"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_keep_a_draft(coach_home, sig):
    child = spawn(coach_home)
    line(child, "Who are you meeting", "Lee")
    child.expect("What do you want from this conversation")
    child.kill(sig)
    status, out = finish(child)
    assert status == 130, out
    (draft,) = (coach_home / "drafts").glob("*.json")
    assert json.loads(draft.read_text())["state"]["person"] == "Lee"


def test_no_terminal_points_at_answers(coach_home):
    import subprocess

    proc = subprocess.run(
        [sys.executable, "-m", "coachcli", "start"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=dict(os.environ, COACH_HOME=str(coach_home)),
    )
    assert proc.returncode == 2, proc.stderr
    assert "--answers" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert not coach_home.exists() or not any(coach_home.rglob("*.json"))
