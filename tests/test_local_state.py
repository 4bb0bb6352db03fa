"""What stays on this machine: the store lock lives in the platform's state folder, keyed by
the store's real path, never in the (synced) data folder; an older store's ``.lock`` goes on
first use. And a store path that is not a folder is one clear error for every command."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest
from filelock import FileLock

from coachcli.core.errors import ExitCode, StoreBusyError
from coachcli.storage import paths
from coachcli.storage.store import Store
from factories import coach, seed


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_lock_lives_in_the_state_folder_keyed_by_the_store(store, coach_home):
    seed(store, "Sam")
    state = Path(os.environ["XDG_STATE_HOME"]) / "coachcli" / "stores"
    assert store.lock_path == state / paths.store_key(coach_home) / "lock"
    assert store.lock_path.is_file()
    assert not (coach_home / ".lock").exists()
    assert not any(p.name == "lock" or p.name == ".lock" for p in coach_home.rglob("*"))
    assert mode(store.lock_path) == 0o600
    for folder in (store.lock_path.parent, state, state.parent):
        assert mode(folder) == 0o700, folder


def test_coach_state_dir_overrides_the_platform_folder(store, tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_STATE_DIR", str(tmp_path / "state"))
    seed(store, "Sam")
    assert store.lock_path == tmp_path / "state" / "stores" / paths.store_key(store.root) / "lock"
    assert store.lock_path.is_file()


def test_two_stores_have_two_locks(tmp_path):
    assert Store(tmp_path / "a").lock_path != Store(tmp_path / "b").lock_path


@pytest.mark.parametrize("how", ["symlink", "relative", "dotted"])
def test_one_store_reached_by_another_path_takes_the_same_lock(store, tmp_path, how, monkeypatch):
    seed(store, "Sam")
    if how == "symlink":
        other = tmp_path / "link-to-store"
        other.symlink_to(store.root, target_is_directory=True)
    elif how == "relative":
        monkeypatch.chdir(store.root.parent)
        other = Path(store.root.name)
    else:
        other = store.root / "sessions" / ".."
    assert Store(other).lock_path == store.lock_path
    taken, release = threading.Event(), threading.Event()

    def holder() -> None:
        with Store(store.root).lock(timeout=5):
            taken.set()
            release.wait(30)

    thread = threading.Thread(target=holder, daemon=True)
    thread.start()
    assert taken.wait(10)
    try:
        with pytest.raises(StoreBusyError), Store(other).lock(timeout=0.1):
            pass
    finally:
        release.set()
        thread.join(10)


def test_an_older_stores_lock_is_removed_on_first_use(store):
    seed(store, "Sam")
    legacy = store.root / ".lock"
    legacy.write_bytes(b"")
    with store.lock():
        assert not legacy.exists()
    assert store.lock_path.is_file()


def test_an_older_coach_holding_the_old_lock_is_waited_for(store, monkeypatch):
    """An older coach still running holds ``<data>/.lock``: the change waits for it (and gives
    up as busy), so the two never write at once."""
    seed(store, "Sam")
    legacy = store.root / ".lock"
    old = FileLock(str(legacy), mode=0o600)
    old.acquire()
    try:
        with pytest.raises(StoreBusyError) as info, store.lock(timeout=0.1):
            pass
        assert str(legacy) in str(info.value)
        assert legacy.exists()
    finally:
        old.release()
    with store.lock(timeout=1):
        pass
    assert not legacy.exists()


def test_a_fifo_where_the_old_lock_was_is_never_opened(store):
    seed(store, "Sam")
    legacy = store.root / ".lock"
    os.mkfifo(legacy, 0o600)
    with store.lock(timeout=1):  # would hang if it were opened
        pass
    assert stat.S_ISFIFO(os.lstat(legacy).st_mode)  # left for the user; doctor names it


def test_doctor_notes_the_old_lock_and_checks_the_state_folder(store, capsys):
    seed(store, "Sam")
    legacy = store.root / ".lock"
    legacy.write_bytes(b"")
    os.chmod(legacy, 0o600)
    os.chmod(store.lock_path, 0o644)
    os.chmod(store.lock_path.parent, 0o755)
    rc, out, err = coach(capsys, "doctor")
    assert rc == 0, out + err
    assert f"note       {legacy}: the lock of an older coachcli" in out
    assert f"{store.lock_path}: file is 0644, should be 0600" in out
    assert f"{store.lock_path.parent}: folder is 0755, should be 0700" in out
    rc, out, err = coach(capsys, "doctor", "--fix")
    assert rc == 0, out + err
    assert "Healthy." in out, out
    assert not legacy.exists()
    assert mode(store.lock_path) == 0o600 and mode(store.lock_path.parent) == 0o700


def test_coach_path_json_names_the_lock(store, capsys):
    rc, out, _ = coach(capsys, "path", "--json")
    assert rc == 0
    data = json.loads(out)
    assert data["lock"] == str(store.lock_path)
    assert not data["lock"].startswith(str(store.root))


def test_sync_never_carries_the_lock_or_drafts():
    from coachcli.sync.repo import GITIGNORE

    lines = GITIGNORE.splitlines()
    for pattern in ("/.lock", "/stores/", "/drafts/", "/backups/", "/index*.json"):
        assert pattern in lines


# -- a store path that is not a folder ----------------------------------------------------------
COMMANDS = [
    ("followup",),
    ("followup", "--json"),
    ("people",),
    ("sessions",),
    ("report",),
    ("show", "20261124-s0001x"),
    ("goals",),
    ("prep", "Sam"),
    ("export", "--person", "Sam", "--format", "json"),
    ("forget", "Sam", "--yes"),
    ("followup", "done", "item010x"),
    ("import", "/nonexistent"),
    ("sync", "status"),
    ("bank", "list"),
    ("path",),
]


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("where", ["itself", "a parent"])
def test_a_store_path_that_is_a_file_is_one_clear_error(
    coach_home, capsys, monkeypatch, argv, where
):
    coach_home.parent.mkdir(parents=True, exist_ok=True)
    if where == "itself":
        coach_home.write_text("not a store\n")
        file, home = coach_home, coach_home
    else:
        file = coach_home
        file.write_text("not a store\n")
        home = coach_home / "inside"
        monkeypatch.setenv("COACH_HOME", str(home))
    rc, out, err = coach(capsys, *argv)
    assert rc == ExitCode.SAVE_FAILED, (rc, out, err)
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"coach: {home}: not a folder"), err
    assert str(file) in lines[0] and "regular file" in lines[0]
    assert len(lines) <= 2 and "Traceback" not in err  # the message, and a hint
    assert out == ""
    assert file.read_text() == "not a store\n"  # left as it was


def test_doctor_still_reports_a_store_that_is_a_file(coach_home, capsys):
    coach_home.parent.mkdir(parents=True, exist_ok=True)
    coach_home.write_text("x")
    rc, out, _ = coach(capsys, "doctor")
    assert rc == ExitCode.SAVE_FAILED
    assert f"{coach_home}: the store must be a folder" in out
