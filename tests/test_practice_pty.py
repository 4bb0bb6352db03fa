"""`coach practice` in a real pseudo-terminal: pick a drill with the arrow keys, type, read the
feedback and the model answer, and see it in the history."""

from __future__ import annotations

import json

import pexpect
import pytest

from factories import DOWN, ENTER
from factories import spawn as spawn_coach

pytestmark = pytest.mark.slow


def spawn(home, *args: str) -> pexpect.spawn:
    return spawn_coach(home, *args, command="practice")


def test_a_drill_chosen_with_the_arrow_keys(coach_home):
    child = spawn(coach_home)
    child.expect("Which skill do you want to practise")
    child.send(DOWN + ENTER)  # listen is suggested first; one down is ask
    child.expect("Which situation")
    child.send(ENTER)  # the suggested scenario
    for n, question in enumerate(
        ("Why did you say that?", "What matters most to you here?", "How do you see it now?"), 1
    ):
        child.expect(f"Question {n} you would ask")
        child.send(question + ENTER)
    child.expect("A model answer:")
    child.expect("What next")
    child.send(DOWN + ENTER)  # from "Another drill" (the default) down to "Done for now"
    child.expect(pexpect.EOF)
    child.close()
    transcript = child.logfile_read.getvalue()
    assert child.exitstatus == 0, transcript
    assert "Ask powerful questions: 67/100 — not yet" in transcript
    assert "'Why' can sound like a demand" in transcript
    (saved,) = (coach_home / "practice" / "attempts").iterdir()
    doc = json.loads(saved.read_text())
    assert (doc["skill"], doc["score"]) == ("ask", 67)


def test_ctrl_c_in_a_drill_keeps_nothing(coach_home):
    child = spawn(coach_home, "overload", "--skill", "commit")
    child.expect("Their next step")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert not (coach_home / "practice").exists()
