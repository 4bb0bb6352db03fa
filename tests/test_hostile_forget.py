"""``coach forget`` against an unlucky store: huge and sparse files, files it cannot remove,
names split across read chunks. It checks everything before deleting anything, never reads a
file whole, and says exactly what is left."""

from __future__ import annotations

import os
import resource

import pytest

from coachcli.cli.app import run
from coachcli.core.errors import ExitCode, SaveError
from coachcli.storage import forget as forgetting
from coachcli.storage import fsio, mentions
from coachcli.storage.store import Store
from factories import make_session
from probes import assert_clean_failure, coach

NAME = "Samantha Quill"
GIB = 1024**3


@pytest.fixture
def store(coach_home) -> Store:
    s = Store(coach_home)
    s.save_new_session(make_session(NAME, 1))
    s.save_new_session(make_session(NAME, 2))
    s.save_new_session(make_session("Robin", 3))
    return s


def sparse(path, size: int = 2 * GIB) -> None:
    with open(path, "wb") as fh:
        fh.truncate(size)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 * GIB, 1 * GIB))


@pytest.mark.slow
def test_sparse_2gib_files_cost_neither_time_nor_memory(store):
    """Under a 1 GiB address-space limit (reading one such file whole would need 2 GiB)."""
    sparse(store.root / "huge.bin")
    sparse(store.sessions_dir / "20261124-huge99.json")
    sparse(store.root / "drafts-huge.json")
    import subprocess
    import sys

    env = dict(os.environ, COACH_HOME=str(store.root))
    proc = subprocess.run(
        [sys.executable, "-m", "coachcli", "forget", NAME, "--yes"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Removed 2 sessions" in proc.stdout
    assert "MemoryError" not in proc.stderr and "unexpected" not in proc.stderr
    assert not store.session_path("20261124-s0001x").exists()
    assert store.session_path("20261124-s0003x").exists()  # Robin's stays
    # the session-named sparse file could not be attributed: it is said, and left
    assert "20261124-huge99.json" in proc.stdout


def test_a_file_with_too_much_data_is_reported_unchecked_not_read(store, monkeypatch, capsys):
    monkeypatch.setattr(mentions, "MAX_SCAN_BYTES", 64 * 1024)
    big = store.root / "notes.txt"
    big.write_bytes(b"x" * (128 * 1024) + NAME.encode())
    rc = run(["forget", NAME, "--yes"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    assert "1 file(s) too large or unreadable to look for the name in" in out
    assert str(big) in out


def test_a_name_split_across_two_chunks_is_still_found(store, monkeypatch, tmp_path):
    monkeypatch.setattr(mentions, "CHUNK", 7)
    path = tmp_path / "notes.txt"
    path.write_bytes(b"abc " * 5 + "Zoë Ångström".encode() + b" end")
    assert mentions.file_mentions(path, mentions.variants("zoë ångström"))
    assert not mentions.file_mentions(path, mentions.variants("Zoë Ångströn"))


def test_nothing_is_deleted_when_one_file_cannot_be(store, monkeypatch, capsys):
    """A folder coach may not change is found before the first deletion."""
    real = os.access
    before = sorted(p.name for p in store.sessions_dir.iterdir())

    def access(path, mode, **kw):
        if str(path) == str(store.sessions_dir) and mode & os.W_OK:
            return False
        return real(path, mode, **kw)

    monkeypatch.setattr(os, "access", access)
    rc = run(["forget", NAME, "--yes"])
    out, err = capsys.readouterr()
    assert rc == ExitCode.SAVE_FAILED, out + err
    assert "nothing was removed" in err and NAME not in err
    assert sorted(p.name for p in store.sessions_dir.iterdir()) == before


def test_a_removal_that_fails_anyway_finishes_the_rest_and_says_so(store, monkeypatch, capsys):
    real = fsio.remove_file
    first = store.session_path("20261124-s0001x")

    def remove_file(path):
        if path == first:
            raise SaveError(f"cannot remove {path}: read-only file system")
        return real(path)

    monkeypatch.setattr(forgetting, "remove_file", remove_file)
    rc = run(["forget", NAME, "--yes"])
    _out, err = capsys.readouterr()
    assert rc == ExitCode.SAVE_FAILED
    assert "removed 1 of 2 files about that person; 1 could not be removed" in err
    assert "run `coach forget` again" in err and NAME not in err
    assert first.exists() and not store.session_path("20261124-s0002x").exists()
    monkeypatch.setattr(forgetting, "remove_file", real)
    assert run(["forget", NAME, "--yes"]) == 0  # a second run finishes the job
    assert not first.exists()


@pytest.mark.slow
def test_forget_in_a_read_only_store_changes_nothing(store, tmp_path):
    """As another user (a store they may read but not change): one clear line, exit 4."""
    import shutil
    import tempfile

    outer = tempfile.mkdtemp(prefix="coach-ro-")  # pytest's tmp is 0700: nobody cannot reach it
    os.chmod(outer, 0o755)
    shared = os.path.join(outer, "home")
    shutil.copytree(store.root, shared)
    shared = type(store.root)(shared)
    try:
        for folder, _dirs, files in os.walk(shared):
            os.chmod(folder, 0o755)
            for name in files:
                os.chmod(os.path.join(folder, name), 0o644)
        before = sorted(p.name for p in (shared / "sessions").iterdir())
        proc = coach(shared, "forget", NAME, "--yes", as_other_user=True)
        assert_clean_failure(proc, ExitCode.SAVE_FAILED)
        assert len(proc.stderr.strip().splitlines()) <= 2 and NAME not in proc.stderr
        assert sorted(p.name for p in (shared / "sessions").iterdir()) == before
    finally:
        shutil.rmtree(outer, ignore_errors=True)
