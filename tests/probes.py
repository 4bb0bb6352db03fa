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


def _environment(home: Path, env: dict[str, str] | None) -> dict[str, str]:
    """A probe's environment: this one, the store at ``home``, plain 100-column output, no
    debug stack, this interpreter's import path; then ``env``."""
    full_env = dict(os.environ, COACH_HOME=str(home), NO_COLOR="1", COLUMNS="100")
    full_env.pop("COACH_DEBUG", None)
    full_env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    full_env.update(env or {})
    return full_env


def coach(
    home: Path,
    *args: str,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    as_other_user: bool = False,
    timeout: float = TIMEOUT,
) -> subprocess.CompletedProcess[str]:
    """``coach ARGS`` in a subprocess with COACH_HOME=home; fails the test if it hangs."""
    full_env = _environment(home, env)
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


# The child side of ``Coaches``: an interpreter that imports the command line once, then forks
# one process per command it is sent (a JSON line: the arguments), each with its own standard
# streams (files, read back once it ends) and its own alarm, and answers with a JSON line.
_DRIVER = r"""
import base64, importlib, json, os, signal, sys, tempfile
import coachcli.cli.app, coachcli.entry
timeout = int(sys.argv[1])
for name in sys.argv[2:]:
    importlib.import_module(name)
for line in sys.stdin:
    args = json.loads(line)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        pid = os.fork()
        if pid == 0:
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            os.dup2(out.fileno(), 1)
            os.dup2(err.fileno(), 2)
            signal.alarm(timeout)  # a hang ends as SIGALRM, which the test reports
            sys.argv = ["coach", *args]
            code = 0
            try:
                coachcli.entry.main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except BaseException:
                code = 70
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except Exception:
                    pass
            os._exit(code)
        _, status = os.waitpid(pid, 0)
        rc = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        answer = {"rc": rc, "out": base64.b64encode(out.read()).decode(),
                  "err": base64.b64encode(err.read()).decode()}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
"""


class Coaches:
    """Many ``coach`` commands, each a real process of its own, without paying the interpreter
    and the command line's start-up for each: one driver process imports the command line,
    then forks a fresh process per command (its own exit status, standard streams that are
    not terminals, an alarm after ``timeout`` seconds). Environment variables that the
    interpreter reads at start (``PYTHONIOENCODING``, ``LC_ALL``) are the driver's, so one
    ``Coaches`` serves one environment. ``warm`` modules are imported before any fork (what
    the commands import anyway, paid once; a test of what a command loads must not use this).
    Use as a context manager."""

    WARM = ("coachcli.core.model", "coachcli.storage.store", "rich.console", "yaml")

    def __init__(
        self,
        home: Path,
        env: dict[str, str] | None = None,
        timeout: float = TIMEOUT,
        warm: tuple[str, ...] = WARM,
    ) -> None:
        full_env = _environment(home, env)
        self._driver = subprocess.Popen(
            [sys.executable, "-c", _DRIVER, str(int(timeout)), *warm],
            env=full_env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd="/",
        )

    def __enter__(self) -> Coaches:
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._driver.stdin is not None
        self._driver.stdin.close()
        self._driver.wait(30)

    def run(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        import base64
        import json

        assert self._driver.stdin is not None and self._driver.stdout is not None
        self._driver.stdin.write(json.dumps(list(args)) + "\n")
        self._driver.stdin.flush()
        line = self._driver.stdout.readline()
        if not line:
            pytest.fail(f"the coach driver stopped before answering coach {' '.join(args)}")
        answer = json.loads(line)
        if answer["rc"] == -14:  # SIGALRM: the command never ended by itself
            pytest.fail(f"coach {' '.join(args)} hung")
        return subprocess.CompletedProcess(
            ["coach", *args],
            answer["rc"],
            base64.b64decode(answer["out"]),
            base64.b64decode(answer["err"]),
        )

    def text(self, *args: str) -> subprocess.CompletedProcess[str]:
        """``run``, its output as text (UTF-8, as ``probes.coach`` reads it)."""
        done = self.run(*args)
        return subprocess.CompletedProcess(
            done.args,
            done.returncode,
            done.stdout.decode("utf-8", "replace"),
            done.stderr.decode("utf-8", "replace"),
        )
