"""Long output goes through $PAGER on a terminal, never into a pipe; --no-pager turns it off.
A progress line appears on stderr only on a terminal, only for slow work."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from pathlib import Path

import pexpect
import pytest

from coachcli.ui import pager
from coachcli.ui.progress import progress

ROOT = Path(__file__).resolve().parent.parent


def in_terminal(argv: list[str], env: dict[str, str], rows: int = 12) -> str:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "coachcli", *argv],
        env=dict(os.environ, **env),
        dimensions=(rows, 80),
        encoding="utf-8",
        timeout=60,
    )
    out = child.read()
    child.close()
    assert child.exitstatus == 0, out
    return out


@pytest.mark.slow
def test_a_long_help_topic_is_paged_on_a_terminal(tmp_path):
    got = tmp_path / "paged.txt"
    out = in_terminal(["help", "answers"], {"PAGER": f"sh -c 'cat > {got}'"})
    assert got.read_text(encoding="utf-8").strip() == (
        (ROOT / "docs" / "answers.md").read_text(encoding="utf-8").strip()
    )
    assert "next_steps" not in out  # it went to the pager, not the screen


@pytest.mark.slow
def test_no_pager_and_short_output_and_pipes_are_never_paged(tmp_path):
    got = tmp_path / "paged.txt"
    env = {"PAGER": f"sh -c 'cat > {got}'"}
    out = in_terminal(["--no-pager", "help", "answers"], env)
    assert "next_steps" in out and not got.exists()
    out = in_terminal(["help", "answers", "--no-pager"], env)
    assert "next_steps" in out and not got.exists()
    out = in_terminal(["help"], env, rows=40)  # fits the screen
    assert "exit-codes" in out and not got.exists()
    proc = subprocess.run(
        [sys.executable, "-m", "coachcli", "help", "answers"],
        env=dict(os.environ, **env),
        capture_output=True,
        text=True,
    )
    assert "next_steps" in proc.stdout and not got.exists()


def test_pager_command_from_the_environment(monkeypatch):
    monkeypatch.delenv("PAGER", raising=False)
    assert pager.pager_command() == ["less", "-FRX"]
    monkeypatch.setenv("PAGER", "most -s")
    assert pager.pager_command() == ["most", "-s"]
    for off in ("", "cat", "cat -v"):
        monkeypatch.setenv("PAGER", off)
        assert pager.pager_command() is None


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_appears_for_slow_work_and_is_cleared():
    stream = FakeTerminal()
    seen = threading.Event()
    with progress("indexing 5,000 sessions", delay=0.0, stream=stream):
        for _ in range(500):  # wait for the timer thread, whatever the machine's speed
            if stream.getvalue():
                seen.set()
                break
            threading.Event().wait(0.01)
    assert seen.is_set()
    text = stream.getvalue()
    assert text.startswith("coach: indexing 5,000 sessions…")
    assert text.endswith("\r")  # cleared, the cursor back at the start of the line


def test_progress_says_nothing_for_quick_work_or_off_a_terminal():
    stream = FakeTerminal()
    with progress("building", delay=3600, stream=stream):
        pass
    assert stream.getvalue() == ""
    piped = io.StringIO()
    with progress("building", delay=0.0, stream=piped):
        threading.Event().wait(0.05)
    assert piped.getvalue() == ""
