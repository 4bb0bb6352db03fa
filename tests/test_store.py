"""The session store: paths, listing, loading, damaged files, versions, migrations, drafts."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coachcli.core.errors import (
    DamagedFileError,
    ExitCode,
    NotFoundError,
    ReadOnlyError,
    UsageError,
)
from coachcli.storage import migrate
from coachcli.storage.sessionfile import parse_session, read_json_file
from coachcli.storage.store import Store
from factories import make_session

AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def saved(store: Store, *sessions) -> list[Path]:
    return [store.save_new_session(s) for s in sessions]


# -- paths and ids ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "bad",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "20261124-abc234/../../x",
        "20261124-abc\x00234",
        "20261124-abc234\n",
        "20261124-ABC234",
        "",
        "..",
        "20261124-abc234.json",
    ],
)
def test_bad_session_ids_never_become_paths(store, bad):
    with pytest.raises(UsageError) as info:
        store.session_path(bad)
    assert "\n" not in str(info.value)
    with pytest.raises(UsageError):
        store.load_session(bad)
    with pytest.raises(UsageError):
        store.update_session(bad, lambda s: None)


def test_session_path_stays_in_sessions_folder(store):
    path = store.session_path("20261124-abc234")
    assert path.parent == store.sessions_dir
    assert path.name == "20261124-abc234.json"


def test_file_names_hold_no_person_names(store):
    saved(store, make_session("Alexandra Quartermaine", 1))
    store.save_draft("d4ft1234", {"person": "Alexandra Quartermaine"})
    for path in store.root.rglob("*"):
        assert "alexandra" not in path.name.lower()
        assert "quartermaine" not in path.name.lower()


def test_draft_paths_are_confined(store, tmp_path):
    outside = tmp_path / "victim.json"
    outside.write_text("{}")
    with pytest.raises(UsageError):
        store.discard_draft(outside)
    assert outside.exists()
    with pytest.raises(UsageError):
        store.save_draft("../../x", {})
    path = store.save_draft("d4ft1234", {"step": 1})
    assert store.load_draft(path) == {"step": 1}
    store.discard_draft(path)
    assert not path.exists()


# -- round trip and listing ------------------------------------------------------------------
def test_save_load_round_trip(store):
    s = make_session("Sam", 1)
    (path,) = saved(store, s)
    assert store.load_session(s.id) == s
    assert store.session_files() == [path]


def test_temp_and_stray_files_are_not_sessions(store):
    saved(store, make_session("Sam", 1))
    (store.sessions_dir / ".tmp-20261124-s0001x.json.1.abc").write_text("{")
    (store.sessions_dir / "notes.txt").write_text("x")
    (store.sessions_dir / "20261124-s0002x.json.bak").write_text("x")
    assert [p.name for p in store.session_files()] == ["20261124-s0001x.json"]
    sessions, problems = store.load_all()
    assert len(sessions) == 1
    assert problems == []


def test_missing_session_is_not_found(store):
    with pytest.raises(NotFoundError) as info:
        store.load_session("20261124-zzzz99")
    assert info.value.exit_code == ExitCode.NOT_FOUND


# -- damaged files ---------------------------------------------------------------------------
def _valid_dict(n: int = 9) -> dict:
    return json.loads(make_session("Sam", n).to_json_bytes())


DAMAGE = {
    "truncated": (lambda raw: raw[: len(raw) // 2], "invalid JSON at line"),
    "empty": (lambda raw: b"", "empty file"),
    "bad utf-8": (lambda raw: raw[:40] + b"\xff\xfe" + raw[40:], "not UTF-8 (byte 40)"),
    "invalid json": (lambda raw: raw.replace(b'"person"', b"person", 1), "invalid JSON"),
    "not an object": (lambda raw: b"[1, 2, 3]", "not a JSON object"),
    "null": (lambda raw: b"null", "not a JSON object"),
    "wrong type": (
        lambda raw: json.dumps({**_valid_dict(), "actions": "lots"}).encode(),
        "actions: Input should be a valid list",
    ),
    "unknown field": (
        lambda raw: json.dumps({**_valid_dict(), "mood": "x"}).encode(),
        "mood: Extra inputs are not permitted",
    ),
    "impossible date": (
        lambda raw: raw.replace(b"2026-11-24T09:00:00Z", b"2026-02-30T09:00:00Z", 1),
        "started_at:",
    ),
    "nested wrong": (
        lambda raw: json.dumps(
            {**_valid_dict(), "actions": [{**_valid_dict()["actions"][0], "confidence": 99}]}
        ).encode(),
        "actions[0].confidence:",
    ),
    "huge number": (lambda raw: b'{"schema_version": ' + b"9" * 5000 + b"}", "too long"),
    "lone surrogate": (
        lambda raw: raw.replace(b'"restatement": "', b'"restatement": "\\udc00', 1),
        "restatement: text holds an unpaired",
    ),
    "deep nesting": (lambda raw: b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damaged_file_reported_with_path_and_detail_never_touched(store, kind):
    damage, expected = DAMAGE[kind]
    good = make_session("Robin", 1)
    bad = make_session("Sam", 2)
    saved(store, good, bad)
    path = store.session_path(bad.id)
    raw = damage(path.read_bytes())
    path.write_bytes(raw)

    sessions, problems = store.load_all()
    assert [s.id for s in sessions] == [good.id]
    assert len(problems) == 1, problems
    problem = problems[0]
    assert isinstance(problem, DamagedFileError)
    assert str(path) in str(problem)
    assert expected in str(problem), str(problem)
    assert "\n" not in str(problem)
    assert "restatement 2" not in str(problem)
    with pytest.raises(DamagedFileError):
        store.update_session(bad.id, lambda s: None)
    assert path.read_bytes() == raw  # never rewritten or deleted


def test_huge_file_is_damaged_not_read(store):
    s = make_session("Sam", 1)
    (path,) = saved(store, s)
    with open(path, "ab") as fh:
        fh.truncate(17 * 1024 * 1024)
    with pytest.raises(DamagedFileError, match="larger than 16 MiB"):
        store.load_session(s.id)
    assert path.stat().st_size == 17 * 1024 * 1024


def test_unreadable_path_is_damaged(store):
    store.ensure()
    folder = store.sessions_dir / "20261124-abcd23.json"
    folder.mkdir()
    sessions, problems = store.load_all()
    assert sessions == []
    assert "a folder, not a regular file" in str(problems[0])


def test_write_refuses_to_replace_a_damaged_file(store):
    s = make_session("Sam", 1)
    (path,) = saved(store, s)
    path.write_bytes(b"[]")
    with pytest.raises(DamagedFileError):
        store.save_new_session(s)
    assert path.read_bytes() == b"[]"


# -- schema versions -------------------------------------------------------------------------
def test_newer_version_is_read_only_and_never_rewritten(store):
    s = make_session("Sam", 1)
    (path,) = saved(store, s)
    data = json.loads(path.read_bytes())
    data["schema_version"] = 2
    data["mood"] = "new field"
    raw = json.dumps(data).encode()
    path.write_bytes(raw)

    with pytest.raises(ReadOnlyError) as info:
        store.load_session(s.id)
    assert info.value.exit_code == ExitCode.READ_ONLY
    assert "newer coachcli (schema_version 2)" in str(info.value)
    with pytest.raises(ReadOnlyError):
        store.update_session(s.id, lambda x: None)
    with pytest.raises(ReadOnlyError):
        store.save_new_session(s)
    _, problems = store.load_all()
    assert isinstance(problems[0], ReadOnlyError)
    assert path.read_bytes() == raw


@pytest.fixture
def v0_layout(monkeypatch):
    """A synthetic v0: ``action_items`` where v1 has ``actions``."""

    def v0_to_v1(data: dict) -> dict:
        data["actions"] = data.pop("action_items")
        return data

    monkeypatch.setitem(migrate.STEPS, 0, v0_to_v1)


def _write_v0(store: Store, s) -> tuple[Path, bytes]:
    data = json.loads(s.to_json_bytes())
    data["schema_version"] = 0
    data["action_items"] = data.pop("actions")
    raw = json.dumps(data, indent=1).encode()
    path = store.session_path(s.id)
    store.ensure()
    path.write_bytes(raw)
    return path, raw


def test_older_version_migrates_in_memory_without_writing(store, v0_layout):
    s = make_session("Sam", 1)
    path, raw = _write_v0(store, s)
    assert store.load_session(s.id) == s
    sessions, problems = store.load_all()
    assert sessions == [s] and problems == []
    assert path.read_bytes() == raw
    assert not store.backups_dir.exists()


def test_first_rewrite_of_older_version_backs_it_up(store, v0_layout):
    s = make_session("Sam", 1)
    path, raw = _write_v0(store, s)

    def change(session):
        session.restatement = "changed"

    store.update_session(s.id, change)
    backup = store.backups_dir / f"{s.id}.v0.json"
    assert backup.read_bytes() == raw
    assert backup.stat().st_mode & 0o777 == 0o600
    assert store.backups_dir.stat().st_mode & 0o777 == 0o700
    on_disk = json.loads(path.read_bytes())
    assert on_disk["schema_version"] == 1 and "actions" in on_disk
    assert store.load_session(s.id).restatement == "changed"
    # a second rewrite keeps the first backup
    store.update_session(s.id, change)
    assert backup.read_bytes() == raw
    assert len(list(store.backups_dir.iterdir())) == 1


def test_older_version_without_migration_is_damaged(store):
    s = make_session("Sam", 1)
    path, raw = _write_v0(store, s)
    with pytest.raises(DamagedFileError, match="schema_version 0 has no migration"):
        store.load_session(s.id)
    assert path.read_bytes() == raw


def test_migration_keeps_unknown_fields_so_they_are_reported(store, v0_layout):
    s = make_session("Sam", 1)
    path, _ = _write_v0(store, s)
    data = json.loads(path.read_bytes())
    data["mood"] = "kept"
    path.write_bytes(json.dumps(data).encode())
    with pytest.raises(DamagedFileError, match="mood: Extra inputs are not permitted"):
        store.load_session(s.id)


def test_failing_migration_step_is_damaged(store, monkeypatch):
    monkeypatch.setitem(migrate.STEPS, 0, lambda data: data["missing"])
    s = make_session("Sam", 1)
    _write_v0(store, s)
    with pytest.raises(DamagedFileError, match="cannot migrate from schema_version 0"):
        store.load_session(s.id)


def test_read_json_file_missing_is_not_found(tmp_path):
    with pytest.raises(NotFoundError):
        read_json_file(tmp_path / "nope.json")


def test_parse_session_rejects_non_objects(tmp_path):
    for value in ([], "x", 3, None, True):
        with pytest.raises(DamagedFileError, match="not a JSON object"):
            parse_session(tmp_path / "x.json", value)


# -- locking ---------------------------------------------------------------------------------
def test_lock_is_reentrant_and_update_inside_lock_works(store):
    s = make_session("Sam", 1)
    saved(store, s)
    with store.lock():
        store.update_session(s.id, lambda x: setattr(x, "restatement", "inner"))
    assert store.load_session(s.id).restatement == "inner"


def test_locked_write_removes_stale_temp_files(store):
    s = make_session("Sam", 1)
    saved(store, s)
    stale = store.sessions_dir / f".tmp-{s.id}.json.999999999.abcdef"
    stale.write_bytes(b'{"half": ')
    old = store.sessions_dir / f".tmp-{s.id}.json.{os.getpid()}.abcdef"
    old.write_bytes(b"{")
    os.utime(old, (1, 1))  # our own pid, but ancient: a reused pid
    live = store.sessions_dir / f".tmp-{s.id}.json.{os.getpid()}.fedcba"
    live.write_bytes(b"{")  # a live writer's (ours, fresh): kept
    store.update_session(s.id, lambda x: None)
    assert not stale.exists()
    assert not old.exists()
    assert live.exists()


HOLD_WITH_FILELOCK = """
import sys
from filelock import FileLock, Timeout
lock = FileLock(sys.argv[1], mode=0o600)
try:
    lock.acquire(timeout=float(sys.argv[2]))
except Timeout:
    sys.exit(5)
print("held", flush=True)
sys.stdin.read()
"""


@pytest.mark.slow  # two processes
def test_the_quick_lock_and_filelock_exclude_each_other(store):
    """The store lock is taken with ``flock`` directly when it is free (no filelock import) and
    through filelock when it is not: a process holding it either way keeps the other out."""
    import subprocess
    import sys

    from coachcli.core.errors import StoreBusyError

    store.ensure()
    argv = [sys.executable, "-c", HOLD_WITH_FILELOCK, str(store.lock_path)]
    holder = subprocess.Popen(
        [*argv, "5"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreBusyError), store.lock(timeout=0.2):
            pass
    finally:
        holder.stdin.close()
        holder.wait(10)
    with store.lock(timeout=1):
        other = subprocess.run([*argv, "0.2"], stdin=subprocess.DEVNULL, capture_output=True)
        assert other.returncode == 5, other.stderr
    other = subprocess.run([*argv, "1"], input="", capture_output=True, text=True)
    assert other.returncode == 0 and "held" in other.stdout  # released when the block ended
