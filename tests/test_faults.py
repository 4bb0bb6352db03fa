"""Fault injection: every failed save leaves the old file intact, no temp file, one SaveError.

Faults: os.replace failing, a full disk (RLIMIT_FSIZE in a subprocess), short writes, fsync
errors, a read-only store, a store that stays locked, concurrent writers in real processes, and
SIGKILL at random moments during saves.
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from coachcli.cli.app import run
from coachcli.core.errors import ExitCode, SaveError, StoreBusyError
from coachcli.storage import fsio, paths
from coachcli.storage.fsio import TMP_PREFIX
from coachcli.storage.store import Store
from factories import seed

SID = "20261124-s0001x"


@pytest.fixture
def store(store) -> Store:
    return seed(store, "Sam", "Robin")


def temp_files(root) -> list:
    return [p for p in root.rglob("*") if p.name.startswith(TMP_PREFIX)]


def change_notes(session) -> None:
    session.supervisor_notes = "changed " * 1000


def assert_failed_cleanly(store: Store, before: bytes, exc: BaseException) -> None:
    assert isinstance(exc, SaveError)
    assert exc.exit_code == ExitCode.SAVE_FAILED
    assert "\n" not in str(exc)
    assert str(store.session_path(SID)) in str(exc)
    assert "previous file is intact" in str(exc)
    assert store.session_path(SID).read_bytes() == before
    assert temp_files(store.root) == []
    sessions, problems = store.load_all()
    assert len(sessions) == 2 and problems == []


# -- one process, monkeypatched faults --------------------------------------------------------
def test_replace_failing(store, monkeypatch):
    before = store.session_path(SID).read_bytes()

    def broken_replace(src, dst):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(fsio.os, "replace", broken_replace)
    with pytest.raises(SaveError) as info:
        store.update_session(SID, change_notes)
    assert_failed_cleanly(store, before, info.value)


def test_short_write_then_disk_full(store, monkeypatch):
    before = store.session_path(SID).read_bytes()
    real_write = os.write
    calls = []

    def half_then_full(fd, data):
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsio.os, "write", half_then_full)
    with pytest.raises(SaveError, match="disk full") as info:
        store.update_session(SID, change_notes)
    assert len(calls) == 2
    assert_failed_cleanly(store, before, info.value)


def test_fsync_failing(store, monkeypatch):
    before = store.session_path(SID).read_bytes()

    def broken_fsync(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(fsio.os, "fsync", broken_fsync)
    with pytest.raises(SaveError) as info:
        store.update_session(SID, change_notes)
    assert_failed_cleanly(store, before, info.value)


def test_interrupt_during_write_removes_temp(store, monkeypatch):
    before = store.session_path(SID).read_bytes()

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(fsio.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.update_session(SID, change_notes)
    assert store.session_path(SID).read_bytes() == before
    assert temp_files(store.root) == []


def test_failing_change_writes_nothing(store):
    before = store.session_path(SID).read_bytes()

    def bad_change(session):
        session.supervisor_notes = "half done"
        raise ValueError("boom")

    with pytest.raises(ValueError):
        store.update_session(SID, bad_change)
    assert store.session_path(SID).read_bytes() == before
    assert temp_files(store.root) == []


def _make_writes_fail(store: Store, monkeypatch) -> str:
    """chmod 0500 the folders; as root that does not stop writes, so fail them with EROFS."""
    for folder in (store.sessions_dir, store.root):
        os.chmod(folder, 0o500)
    probe = store.sessions_dir / "probe"
    try:
        probe.write_bytes(b"")
    except PermissionError:
        return "chmod"
    probe.unlink()
    real_open = os.open

    def read_only_open(path, flags, *args, **kwargs):
        # like a 0500 folder: existing files (the lock) open, no new entry can be made
        if flags & os.O_CREAT and str(path).startswith(str(store.root)):
            if os.path.exists(path) and flags & os.O_EXCL:
                raise FileExistsError(errno.EEXIST, "File exists", str(path))
            if not os.path.exists(path):
                raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(fsio.os, "open", read_only_open)
    return "erofs"


def _erofs_under(folder, monkeypatch) -> None:
    real_open = os.open

    def erofs_open(path, flags, *args, **kwargs):
        writing = flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        if writing and str(path).startswith(str(folder)):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(fsio.os, "open", erofs_open)


def test_read_only_store_fails_at_the_write_and_changes_nothing(store, monkeypatch):
    """The lock lives in this machine's state folder, so a read-only data folder is found at
    the write, which leaves the old file."""
    before = store.session_path(SID).read_bytes()
    _erofs_under(store.root, monkeypatch)
    with pytest.raises(SaveError) as info:
        store.update_session(SID, change_notes)
    assert str(info.value) == (
        f"cannot write {store.session_path(SID)}: read-only file system; "
        "the previous file is intact"
    )
    assert store.session_path(SID).read_bytes() == before
    assert temp_files(store.root) == []


def test_read_only_state_folder_fails_at_the_lock_and_changes_nothing(store, monkeypatch):
    before = store.session_path(SID).read_bytes()
    _erofs_under(paths.state_root(), monkeypatch)
    with pytest.raises(SaveError) as info:
        store.update_session(SID, change_notes)
    assert str(info.value) == (
        f"cannot lock the store ({store.lock_path}): read-only file system; nothing was changed"
    )
    assert store.session_path(SID).read_bytes() == before
    assert temp_files(store.root) == []


def test_read_only_store(store, monkeypatch):
    before = store.session_path(SID).read_bytes()
    store.lock_path.touch()
    how = _make_writes_fail(store, monkeypatch)
    try:
        with pytest.raises(SaveError) as info:
            store.update_session(SID, change_notes)
        expected = "Permission denied" if how == "chmod" else "read-only file system"
        assert expected in str(info.value)
        assert_failed_cleanly(store, before, info.value)
    finally:
        for folder in (store.sessions_dir, store.root):
            os.chmod(folder, 0o700)


def test_read_only_store_through_the_cli_is_exit_4(store, monkeypatch, capsys):
    before = store.session_path(SID).read_bytes()
    store.lock_path.touch()
    _make_writes_fail(store, monkeypatch)
    try:
        rc = run(["followup", "done", "item010x"])
    finally:
        for folder in (store.sessions_dir, store.root):
            os.chmod(folder, 0o700)
    out, err = capsys.readouterr()
    assert rc == ExitCode.SAVE_FAILED, out + err
    assert err.startswith("coach: cannot write "), err
    assert "Traceback" not in err
    assert store.session_path(SID).read_bytes() == before
    assert temp_files(store.root) == []


def test_failed_backup_means_no_rewrite(store, monkeypatch):
    from coachcli.storage import migrate

    monkeypatch.setitem(migrate.STEPS, 0, lambda d: d)
    path = store.session_path(SID)
    data = json.loads(path.read_bytes())
    data["schema_version"] = 0
    before = json.dumps(data).encode()
    path.write_bytes(before)
    store.backups_dir.write_bytes(b"")  # a file where the backups folder should be
    with pytest.raises(SaveError, match="cannot create folder"):
        store.update_session(SID, change_notes)
    assert path.read_bytes() == before
    assert temp_files(store.root) == []


# -- real processes --------------------------------------------------------------------------
def _env(coach_home) -> dict:
    env = dict(os.environ, COACH_HOME=str(coach_home))
    env.pop("COACH_DEBUG", None)
    return env


FULL_DISK = textwrap.dedent(
    """
    import resource, sys
    from coachcli.core.errors import CoachError
    from coachcli.storage.store import Store

    store = Store.default()
    store.load_session(sys.argv[1])  # imports done before the limit
    limit = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    def grow(session):
        session.supervisor_notes = "x" * (4 * limit)

    try:
        store.update_session(sys.argv[1], grow)
    except CoachError as exc:
        print(int(exc.exit_code))
        print(exc.message)
        sys.exit(0)
    print("saved")
    """
)


@pytest.mark.slow
def test_full_disk_via_rlimit_fsize(store):
    path = store.session_path(SID)
    before = path.read_bytes()
    limit = len(before) + 4096  # the old file fits; the new one does not
    proc = subprocess.run(
        [sys.executable, "-c", FULL_DISK, SID, str(limit)],
        env=_env(store.root),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    code, message = proc.stdout.splitlines()
    assert code == str(int(ExitCode.SAVE_FAILED)), proc.stdout
    assert "disk full; the previous file is intact" in message
    assert str(path) in message
    assert path.read_bytes() == before
    assert temp_files(store.root) == []


HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from coachcli.storage.store import Store

    with Store.default().lock():
        print("locked", flush=True)
        time.sleep(60)
    """
)


def _start(script: str, coach_home, *args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        env=_env(coach_home),
        stdout=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_store_that_stays_locked_is_busy_not_a_hang(store, monkeypatch, capsys):
    holder = _start(HOLD_LOCK, store.root)
    try:
        assert holder.stdout.readline().strip() == "locked"
        before = store.session_path(SID).read_bytes()
        with pytest.raises(StoreBusyError) as info, store.lock(timeout=0.2):
            pass
        assert str(store.lock_path) in str(info.value)
        assert "held by another coach process" in str(info.value)

        monkeypatch.setenv("COACH_LOCK_TIMEOUT", "0.2")
        rc = run(["followup", "done", "item010x"])
        out, err = capsys.readouterr()
        assert rc == ExitCode.BUSY, out + err
        assert f"waited 0.2 s for the lock {store.lock_path}" in err
        assert store.session_path(SID).read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
    # the kernel drops a killed holder's lock: the next change just works
    store.update_session(SID, change_notes)
    assert store.load_session(SID).supervisor_notes.startswith("changed")


BUMP = textwrap.dedent(
    """
    import sys
    from coachcli.storage.store import Store

    store = Store.default()
    sid, k, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

    def bump(session):
        item = session.actions[k]
        item.learned = str(int(item.learned or 0) + 1)

    for _ in range(n):
        store.update_session(sid, bump)
    """
)


@pytest.mark.slow
def test_two_processes_changing_different_items_of_one_session_keep_both(store):
    def reset(session):
        for item in session.actions:
            item.learned = ""

    store.update_session(SID, reset)
    rounds = 100
    procs = [_start(BUMP, store.root, SID, k, rounds) for k in (0, 1)]
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    session = store.load_session(SID)
    assert [item.learned for item in session.actions] == [str(rounds), str(rounds)]
    assert temp_files(store.root) == []


WRITE_LOOP = textwrap.dedent(
    """
    import sys
    from coachcli.core.model import Session
    from coachcli.storage.store import Store

    store = Store.default()
    variants = [Session.model_validate_json(open(p, "rb").read()) for p in sys.argv[1:3]]
    print("ready", flush=True)
    i = 0
    while True:
        with store.lock():
            store.write_session(variants[i % 2])
        i += 1
    """
)


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_old_or_new_never_partial(store, tmp_path):
    base = store.load_session(SID)
    variants = []
    for k, fill in enumerate("ab"):
        v = base.model_copy(deep=True)
        v.listening.facts = [fill * 99_000] * 15  # big, to widen the window for a torn write
        src = tmp_path / f"variant{k}.json"
        src.write_bytes(v.to_json_bytes())
        variants.append(src)
    allowed = {store.session_path(SID).read_bytes()} | {p.read_bytes() for p in variants}
    other = store.session_path("20261124-s0002x").read_bytes()
    rng = random.Random(4)
    kills = 12
    seen = set()
    for _ in range(kills):
        proc = _start(WRITE_LOOP, store.root, *variants)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        current = store.session_path(SID).read_bytes()
        assert current in allowed, "a torn session file"
        seen.add(current)
        sessions, problems = store.load_all()
        assert len(sessions) == 2 and problems == []
        assert store.session_path("20261124-s0002x").read_bytes() == other
        assert [p.name for p in store.session_files()] == [
            f"{SID}.json",
            "20261124-s0002x.json",
        ]
    assert len(seen) >= 2, "the writer never got to replace the file"
    # temp files of killed writers are swept by the next locked write
    store.update_session("20261124-s0002x", lambda s: None)
    assert temp_files(store.root) == []
