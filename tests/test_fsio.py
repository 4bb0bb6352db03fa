"""The one write path: atomic, private (0600 files, 0700 folders) whatever the umask."""

from __future__ import annotations

import json
import os
import stat
import time

import pytest

from coachcli.core.errors import SaveError
from coachcli.storage import fsio
from coachcli.storage.fsio import (
    atomic_write_bytes,
    ensure_private_dir,
    remove_file,
    stale_temp_files,
    temp_file_is_stale,
)
from coachcli.storage.store import Store
from factories import make_session


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture(params=[0o000, 0o022, 0o077], ids=["umask0", "umask022", "umask077"])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def test_every_file_and_folder_is_private_whatever_the_umask(coach_home, umask, monkeypatch):
    from coachcli.storage import migrate

    temp_modes = []
    real_replace = os.replace

    def spy_replace(src, dst):
        temp_modes.append(mode(src))
        return real_replace(src, dst)

    monkeypatch.setattr(fsio.os, "replace", spy_replace)
    store = Store(coach_home)
    session = make_session("Sam", 1)
    store.save_new_session(session)
    store.save_draft("d4ft2345", {"person": "Sam"})
    # an older-version file rewritten once leaves a backup
    monkeypatch.setitem(migrate.STEPS, 0, lambda d: d)
    path = store.session_path(session.id)
    data = json.loads(path.read_bytes())
    data["schema_version"] = 0
    path.write_bytes(json.dumps(data).encode())
    os.chmod(path, 0o600)
    store.update_session(session.id, lambda s: None)
    atomic_write_bytes(store.root / "index.json", b"{}")

    files = [p for p in coach_home.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"index.json", f"{session.id}.json", "d4ft2345.json"} <= names
    assert ".lock" not in names  # the lock lives in this machine's state folder
    lock = store.lock_path
    assert mode(lock) == 0o600
    for d in (lock.parent, lock.parent.parent, lock.parent.parent.parent):
        assert mode(d) == 0o700, (d, oct(mode(d)))
    assert f"{session.id}.v0.json" in names
    for p in files:
        assert mode(p) == 0o600, (p, oct(mode(p)))
    for d in [coach_home, *[p for p in coach_home.rglob("*") if p.is_dir()]]:
        assert mode(d) == 0o700, (d, oct(mode(d)))
    assert temp_modes and set(temp_modes) == {0o600}


def test_missing_parents_are_created_private(tmp_path, umask):
    deep = tmp_path / "a" / "b" / "c"
    os.chmod(tmp_path, 0o755)
    ensure_private_dir(deep)
    for d in (tmp_path / "a", tmp_path / "a" / "b", deep):
        assert mode(d) == 0o700
    assert mode(tmp_path) == 0o755  # it existed: not ours to change


def test_existing_folder_permissions_are_left_for_doctor(tmp_path):
    folder = tmp_path / "open"
    folder.mkdir()
    os.chmod(folder, 0o755)
    ensure_private_dir(folder)
    assert mode(folder) == 0o755


def test_a_file_in_the_way_of_a_folder_is_a_save_error(tmp_path):
    (tmp_path / "x").write_text("")
    with pytest.raises(SaveError, match="cannot create folder"):
        ensure_private_dir(tmp_path / "x" / "y")


def test_write_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "f.json"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert os.listdir(tmp_path) == ["f.json"]


def test_write_needs_bytes_serialized_first(tmp_path):
    with pytest.raises(TypeError):
        atomic_write_bytes(tmp_path / "f", "text")  # type: ignore[arg-type]
    assert os.listdir(tmp_path) == []


def test_symlink_target_is_replaced_not_followed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep")
    store_dir = tmp_path / "store"
    store_dir.mkdir()
    link = store_dir / "f.json"
    link.symlink_to(outside)
    atomic_write_bytes(link, b"new")
    assert outside.read_bytes() == b"keep"
    assert not link.is_symlink() and link.read_bytes() == b"new"


def test_stale_temp_detection():
    now = time.time()
    dead = ".tmp-f.json.999999999.abcdef"
    mine = f".tmp-f.json.{os.getpid()}.abcdef"
    assert temp_file_is_stale(dead, now)
    assert not temp_file_is_stale(mine, now)
    assert temp_file_is_stale(mine, now - fsio.STALE_TEMP_SECONDS - 1)
    assert not temp_file_is_stale("f.json", 0)
    assert temp_file_is_stale(".tmp-odd-name", now)  # no pid in the name: nobody owns it


def test_stale_temp_files_lists_only_stale_regular_files(tmp_path):
    (tmp_path / ".tmp-a.json.999999999.abcdef").write_bytes(b"")
    (tmp_path / f".tmp-a.json.{os.getpid()}.abcdef").write_bytes(b"")
    (tmp_path / "a.json").write_bytes(b"")
    (tmp_path / ".tmp-dir.999999999.abc").mkdir()
    assert [p.name for p in stale_temp_files(tmp_path)] == [".tmp-a.json.999999999.abcdef"]
    assert stale_temp_files(tmp_path / "missing") == []


def test_remove_file(tmp_path):
    f = tmp_path / "f"
    f.write_bytes(b"x")
    assert remove_file(f) is True
    assert remove_file(f) is False
