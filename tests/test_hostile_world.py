"""An unlucky world: a store coach may read but not change, a full disk, two processes at once,
kill -9 in the middle of forget. Each probe expects a clear one-line error with the documented
exit code, nothing lost, nothing leaked (no note text in any error) and no hang."""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from coachcli.core.errors import ExitCode
from coachcli.storage.fsio import TMP_PREFIX
from coachcli.storage.store import Store
from factories import make_session
from probes import assert_clean_failure, coach

TAG = "Zq7SECRET"
SAM = "20261124-s0001x"
ITEM = "item010x"


def snapshot(root: Path) -> dict[str, bytes | None]:
    found: dict[str, bytes | None] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            found[str(path.relative_to(root))] = path.read_bytes() if path.is_file() else None
    return found


def sessions_only(snap: dict) -> dict:
    return {k: v for k, v in snap.items() if k.startswith(("sessions", "drafts", "backups"))}


def fill(root: Path, n: int = 3) -> Store:
    store = Store(root)
    names = ["Sam", "Robin", "Alex", "Kim"]
    for k in range(1, n + 1):
        store.save_new_session(make_session(names[(k - 1) % 4], k, tag=TAG))
    return store


ANSWERS = f"""\
person: Sam
facts: [{TAG}fact]
next_steps:
  - action: Draft the plan with Kim
    owner: person
    due: "2099-01-08"
    confidence: 8
after_check: "no"
notes: "{TAG}{"n" * 20000}"
"""


@pytest.fixture
def shared_home():
    """A store under a folder another user can reach (pytest's own tmp is 0700 root)."""
    outer = Path(tempfile.mkdtemp(prefix="coach-world-"))
    os.chmod(outer, 0o755)
    yield outer / "home"
    shutil.rmtree(outer, ignore_errors=True)


READS = [
    ("sessions",),
    ("people",),
    ("followup", "--json"),
    ("followup", "--no-review"),
    ("show", SAM),
    ("export", SAM, "--format", "json"),
    ("report", "--json"),
    ("bank", "list"),
]


@pytest.mark.slow
def test_a_store_coach_may_read_but_not_change(shared_home, tmp_path):
    """Run as another user over a store of 0755 folders and 0644 files: reads answer (or, where a
    cache cannot be saved, fail cleanly), every change is exit 4 and changes nothing."""
    store = fill(shared_home)
    for folder, _dirs, files in os.walk(shared_home):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)
    answers = Path(tempfile.mkstemp(suffix=".yaml", dir=shared_home.parent)[1])
    answers.write_text(ANSWERS)
    os.chmod(answers, 0o644)
    before = snapshot(shared_home)
    for args in READS:
        proc = coach(shared_home, *args, as_other_user=True)
        assert_clean_failure(proc, 0, 4)
        assert TAG not in proc.stderr
    for args, code in [
        (("followup", "done", ITEM), ExitCode.SAVE_FAILED),
        (("start", "--answers", str(answers)), ExitCode.SAVE_FAILED),
        (("forget", "Robin", "--yes"), ExitCode.SAVE_FAILED),
        (("doctor", "--fix"), ExitCode.SAVE_FAILED),
    ]:
        proc = coach(shared_home, *args, as_other_user=True)
        assert_clean_failure(proc, code)
        assert TAG not in proc.stderr and TAG not in proc.stdout, (args, proc.stderr)
    assert sessions_only(snapshot(shared_home)) == sessions_only(before)
    assert store.load_session(SAM).actions[0].status == "open"


def _fsize(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write fails with EFBIG instead

    return apply


def _run_limited(home: Path, limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COACH_HOME=str(home))
    env.pop("COACH_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "coachcli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_fsize(limit),
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.slow
def test_full_disk_start_and_done_fail_cleanly_and_lose_nothing(coach_home, tmp_path):
    store = fill(coach_home)
    answers = tmp_path / "a.yaml"
    answers.write_text(ANSWERS)
    before = sessions_only(snapshot(coach_home))
    limit = 8 * 1024  # the existing files fit; a 20 kB note does not
    proc = _run_limited(coach_home, limit, "start", "--answers", str(answers))
    assert_clean_failure(proc, ExitCode.SAVE_FAILED)
    assert "disk full" in proc.stderr and TAG not in proc.stderr
    assert sessions_only(snapshot(coach_home)) == before  # nothing half-written, nothing lost
    assert not [p for p in coach_home.rglob("*") if p.name.startswith(TMP_PREFIX)]
    # Growing an existing file past the limit: `followup done` with a long note.
    proc = _run_limited(coach_home, limit, "followup", "done", ITEM, "--note", "d" * 20000)
    assert_clean_failure(proc, ExitCode.SAVE_FAILED)
    assert "disk full" in proc.stderr and "previous file is intact" in proc.stderr
    assert store.load_session(SAM).actions[0].status == "open"
    assert not [p for p in coach_home.rglob("*") if p.name.startswith(TMP_PREFIX)]


@pytest.mark.slow
def test_two_processes_forget_and_done_at_once_keep_both_changes(coach_home):
    fill(coach_home, 8)
    env = dict(os.environ, COACH_HOME=str(coach_home))
    for _round in range(3):
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "coachcli", *args],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                text=True,
            )
            for args in (("forget", "Robin", "--yes"), ("followup", "done", ITEM))
        ]
        codes = []
        for proc in procs:
            try:
                _out, err = proc.communicate(timeout=120)
            except subprocess.TimeoutExpired:
                proc.kill()
                pytest.fail("a concurrent coach hung")
            codes.append(proc.returncode)
            assert "Traceback" not in err
        assert codes[1] == 0
        assert codes[0] in (0, ExitCode.NOT_FOUND)  # later rounds: Robin is already gone
    store = Store(coach_home)
    sessions, problems = store.load_all()
    assert problems == []
    assert not [s for s in sessions if s.person == "Robin"]
    (sam,) = [s for s in sessions if s.id == SAM]
    assert sam.actions[0].status == "done"


@pytest.mark.slow
def test_kill_9_during_forget_leaves_whole_files_and_a_rerun_finishes(coach_home):
    rng = random.Random(12)
    env = dict(os.environ, COACH_HOME=str(coach_home))
    for _trial in range(4):
        shutil.rmtree(coach_home, ignore_errors=True)
        fill(coach_home, 24)
        proc = subprocess.Popen(
            [sys.executable, "-m", "coachcli", "forget", "Robin", "--yes"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.2, 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        store = Store(coach_home)
        _sessions, problems = store.load_all()  # every file left is whole
        assert problems == []
        again = coach(coach_home, "forget", "Robin", "--yes")
        assert again.returncode in (0, ExitCode.NOT_FOUND), again.stderr
        left = [json.loads(p.read_text()) for p in store.session_files()]
        assert not [s for s in left if s["person"] == "Robin"]
        assert len(left) == 18  # everyone else's sessions are all there
