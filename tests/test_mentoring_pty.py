"""One mentoring conversation at a real pseudo-terminal: `coach start --mentoring`."""

from __future__ import annotations

import json

import pytest

from factories import DOWN, ENTER, UP, finish, key, line, spawn
from factories import saved_sessions as sessions

pytestmark = pytest.mark.slow


def test_a_first_mentoring_conversation_at_a_real_terminal(coach_home, monkeypatch):
    monkeypatch.setenv("COACH_TODAY", "2027-01-11")
    child = spawn(coach_home, "--mentoring", "--person", "Ana Costa")
    line(child, "What do you hope they get", "A clearer next move")
    line(child, "tempted to take over", "Planning her path")
    line(child, "In their words", "Energised")
    line(child, "scale of 1", "7")
    line(child, "How often will you meet", "every 4 weeks")
    line(child, "hope to get from the mentoring", "A sounding board")
    line(child, "What you offer", "My experience; introductions")
    line(child, "confidentiality", "")  # Enter keeps the standard sentence
    line(child, "What they want from today", "Whether to apply for the APM role")
    key(child, "set a new development goal", "y")
    line(child, "The goal, in their words", "Move into a product role")
    line(child, "By when", "by September")
    key(child, "set a new development goal", "n")
    key(child, "Which of their development goals", ENTER)
    for prompt in ("Fact", "Feeling", "What matters to them"):
        line(child, prompt, "")
    line(child, "hope to grow into", "A product manager")
    key(child, "Question 1", ENTER)
    line(child, "Their answer", "A product area of my own")
    key(child, "Question 2", UP + ENTER)  # done asking
    line(child, "Restatement", "")
    line(child, "corrected or added", "")
    key(child, "Offer something", DOWN + DOWN + ENTER)  # an introduction
    child.expect("Would it help if I introduced you")
    line(child, "introduce them to", "Priya in Ops")
    key(child, "Did they take it up", "y")
    line(child, "Your step", "")  # Enter keeps "Introduce Ana Costa to Priya in Ops"
    line(child, "When will you do it", "")  # Enter keeps "in 2 weeks"
    line(child, "Your own step: how sure", "9")  # the mentor's own step, asked as yours
    key(child, "Offer something", UP + ENTER)  # no more offers
    key(child, "Pick a challenge", UP + ENTER)
    line(child, "Next meeting", "")  # Enter keeps four weeks from today, as agreed
    line(child, "Next step", "Draft the interview answers")
    key(child, "Who owns it", ENTER)
    line(child, "Due when", "before we next meet")
    line(child, "How confident", "8")
    key(child, "Add another next step", "n")
    line(child, "help they want from you", "")
    line(child, "Their answer", "")
    key(child, "own agenda take over", ENTER)
    line(child, "Private notes", "")
    child.expect("Saved to")
    status, rest = finish(child)
    assert status == 0, rest

    (saved,) = sessions(coach_home)
    assert saved["kind"] == "mentoring"
    assert saved["next_meeting"] == "2027-02-08"
    mentoring = saved["mentoring"]
    assert mentoring["goals_set"][0]["goal"] == "Move into a product role"
    assert mentoring["offers"][0]["kind"] == "introduction" and mentoring["offers"][0]["taken_up"]
    mine = [a for a in saved["actions"] if a["owner"] == "supervisor"]
    assert mine[0]["text"] == "Introduce Ana Costa to Priya in Ops"
    assert mine[0]["due"] == "2027-01-25"
    theirs = [a for a in saved["actions"] if a["owner"] == "person"]
    assert theirs[0]["due"] == "2027-02-08"
    screen = child.logfile_read.getvalue()
    assert "advice" not in screen.lower()  # the mentor is never told to park advice
    (goals,) = (coach_home / "goals").glob("*.json")
    assert json.loads(goals.read_text())["goals"][0]["horizon_date"] == "2027-09-30"
