"""`coach start` in a real pseudo-terminal: arrow keys, typing, Ctrl-C, SIGTERM, resume."""

from __future__ import annotations

import io
import json
import os
import signal
import sys

import pexpect
import pytest

pytestmark = pytest.mark.slow

UP = "\x1b[A"
ENTER = "\r"


def spawn(home, *args: str) -> pexpect.spawn:
    env = dict(
        os.environ,
        COACH_HOME=str(home),
        PROMPT_TOOLKIT_NO_CPR="1",
        TERM="xterm",
        NO_COLOR="1",
        COLUMNS="120",
        LINES="40",
    )
    child = pexpect.spawn(
        sys.executable,
        ["-m", "coachcli", "start", *args],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 120),
    )
    child.logfile_read = io.StringIO()  # the whole transcript, for assertions
    return child


def line(child: pexpect.spawn, expect: str, text: str) -> None:
    child.expect(expect)
    child.send(text + ENTER)


def key(child: pexpect.spawn, expect: str, keys: str) -> None:
    child.expect(expect)
    child.send(keys)


def finish(child):
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.before


def sessions(home):
    return [json.loads(p.read_text()) for p in sorted((home / "sessions").glob("*.json"))]


def test_a_whole_conversation_at_a_real_terminal(coach_home):
    child = spawn(coach_home)
    line(child, "Who are you meeting", "Sam [red]Rivera[/red]")
    line(child, "What do you want from this conversation", "Sort out the rota")
    line(child, "What advice are you tempted", "")
    line(child, "A fact they told you", "Late twice :smile:")
    line(child, "A fact they told you", "")
    line(child, "A feeling they expressed", "Tired")
    line(child, "A feeling they expressed", "")
    line(child, "Something that matters", "Family time")
    line(child, "Something that matters", "")
    key(child, "Question 1", ENTER)  # the first offered question
    line(child, "what did they say", "The late rota")
    key(child, "Question 2", UP + ENTER)  # up wraps to the last choice: done
    line(child, "Restatement", "")
    line(child, "correct or add", "Mostly the Thursday shift")
    key(child, "Pick a challenge", UP + ENTER)
    line(child, "Next step", "Ask Priya to swap Thursday")
    key(child, "Who owns it", ENTER)
    line(child, "Due when", "in 2 weeks")
    line(child, "How confident", "8")
    key(child, "Add another next step", "n")
    line(child, "their answer", "")
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
    # Markup and emoji codes typed into notes show literally in the summary.
    screen = child.logfile_read.getvalue()
    summary = screen[screen.rindex("Session ") :]
    assert "Sam [red]Rivera[/red]" in summary, summary
    assert "Late twice :smile:" in summary, summary
    assert "Ask Priya to swap Thursday" in summary, summary


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
    key(child, "unfinished conversation with Ana", ENTER)  # resume
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
