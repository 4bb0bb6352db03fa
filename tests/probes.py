"""Run coach in a real process, as a hostile-world probe: with a timeout (a hang fails the test),
optionally as another user, and check its stderr is a clear one-line error without a stack."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coachcli.core.errors import ExitCode

DOCUMENTED = {int(code) for code in ExitCode}
TIMEOUT = 60.0  # generous on a loaded machine; a FIFO hang never ends by itself


def other_user_prefix() -> list[str]:
    """Run as ``nobody`` when we are root (tests run as root, where chmod stops nothing); as
    ourselves otherwise (then the permissions bite as they are)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        runuser = shutil.which("runuser")
        if setpriv:
            return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
        if runuser:  # pragma: no cover - setpriv is in util-linux with runuser
            return [runuser, "-u", "nobody", "--"]
        pytest.fail("running as root without setpriv or runuser: cannot drop privileges")
    return []


def coach(
    home: Path,
    *args: str,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    as_other_user: bool = False,
    timeout: float = TIMEOUT,
) -> subprocess.CompletedProcess[str]:
    """``coach ARGS`` in a subprocess with COACH_HOME=home; fails the test if it hangs."""
    full_env = dict(os.environ, COACH_HOME=str(home), NO_COLOR="1", COLUMNS="100")
    full_env.pop("COACH_DEBUG", None)
    full_env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    full_env.update(env or {})
    prefix = other_user_prefix() if as_other_user else []
    argv = [*prefix, sys.executable, "-m", "coachcli", *args]
    try:
        return subprocess.run(
            argv,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=timeout,
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            cwd="/",
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"coach {' '.join(args)} hung (no answer in {timeout:g} s)")


def assert_clean_failure(proc: subprocess.CompletedProcess[str], *codes: int) -> None:
    """Exit status is one of ``codes`` (all documented), stderr has no stack, and a failure
    starts with coach's own ``coach: …`` line."""
    assert proc.returncode in codes, (proc.returncode, proc.stdout[-500:], proc.stderr[-500:])
    assert proc.returncode in DOCUMENTED
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "unexpected error" not in proc.stderr, proc.stderr
    assert not any(line.startswith('  File "') for line in proc.stderr.splitlines())
    if proc.returncode and proc.stderr:  # (doctor reports on stdout)
        assert proc.stderr.startswith("coach: "), proc.stderr  # the error is coach's own line
