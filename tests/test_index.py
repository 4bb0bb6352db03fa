"""The derived index: rows match the session files, only changed files are read again, it lives
in the cache folder (private), damaged files are reported without their text, the fast path
stays light. (Tampering, races and special files: test_index_safety.py.)"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest

from coachcli.core.errors import DamagedFileError, ReadOnlyError
from coachcli.index import cache as index
from coachcli.index import refresh as index_refresh
from coachcli.storage import paths
from coachcli.storage.store import Store
from factories import session_dict, write

AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def test_row_holds_the_counts_and_actions(store, coach_home):
    closed = {
        "id": "done2345",
        "text": "Send the draft",
        "owner": "supervisor",
        "status": "done",
        "created_at": AT.isoformat(),
        "learned": "Early is better",
        "history": [
            {"at": AT.isoformat(), "status": "open", "event": "created"},
            {"at": "2026-11-26T10:00:00+00:00", "status": "done", "event": "done"},
        ],
    }
    opened = {"id": "open2345", "text": "Ask Kim", "created_at": AT.isoformat()}
    write(coach_home, session_dict("20261124-abc234", actions=[closed, opened]))
    rows, errors = index.load_rows(store)
    assert errors == []
    [row] = rows
    assert (row["facts"], row["feelings"], row["values"]) == (1, 1, 0)
    assert (row["questions"], row["what_how_questions"]) == (4, 2)
    assert row["restatement"] is True and row["assumptions"] == 1
    assert row["after_check"] == "partly"
    assert row.keys() == index.ROW_KEYS
    done, still_open = row["actions"]
    assert done["closed_at"].startswith("2026-11-26T10:00:00")
    assert done["owner"] == "supervisor" and done["learned"] == "Early is better"
    assert still_open["closed_at"] is None and still_open["status"] == "open"
    assert still_open["due"] is None and still_open["confidence"] == 7


def test_index_lives_in_the_cache_folder_privately(store, coach_home, tmp_path):
    write(coach_home, session_dict("20261124-bbb234", person="Kim"))
    write(coach_home, session_dict("20261101-aaa234"))
    rows, _ = index.load_rows(store)
    assert [r["id"] for r in rows] == ["20261101-aaa234", "20261124-bbb234"]
    where = paths.index_path(coach_home)
    assert where.is_relative_to(paths.cache_root() / "stores")
    assert sorted(p.name for p in coach_home.iterdir()) == ["sessions"]  # nothing derived
    for path in [where, where.parent / "key"]:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    for folder in [where.parent, where.parent.parent]:
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert paths.index_path(coach_home / "sessions" / "..") == where  # keyed by the real path


def test_old_json_index_files_in_the_data_folder_are_removed(store, coach_home):
    write(coach_home, session_dict("20261124-abc234"))
    for name in paths.LEGACY_INDEX_NAMES:
        (coach_home / name).write_text("{}")
    index.load_open_rows(store)
    assert sorted(p.name for p in coach_home.iterdir()) == ["sessions"]


def test_unchanged_files_are_not_read_again(store, coach_home, monkeypatch):
    write(coach_home, session_dict("20261124-abc234"))
    index.load_rows(store)

    def no_read(*args, **kwargs):
        raise AssertionError("an unchanged file was read again")

    monkeypatch.setattr(index_refresh, "derive", no_read)
    for full in (False, True):
        monkeypatch.setattr(index_refresh, "FULL_CHECK_SECONDS", 0.0 if full else 3600.0)
        rows, _ = index.load_rows(store)
        rows_fast, _, people = index.load_open_rows(store)
        assert len(rows) == 1 and len(rows_fast) == 1
        assert people == [
            {
                "person": "Sam",
                "sessions": 1,
                "last": rows[0]["started_at"],
                "recent": [rows[0]["id"]],
                "next_meeting": None,
            }
        ]


def test_changed_and_removed_files_are_seen(store, coach_home):
    write(coach_home, session_dict("20261124-abc234"))
    write(coach_home, session_dict("20261125-abc234", person="Kim"))
    index.load_rows(store)
    changed = session_dict("20261124-abc234", person="Samira")
    changed["restatement"] = "A longer restatement so the size changes for sure."
    write(coach_home, changed)
    (coach_home / "sessions" / "20261125-abc234.json").unlink()
    rows, _ = index.load_rows(store)
    assert [(r["id"], r["person"]) for r in rows] == [("20261124-abc234", "Samira")]
    open_rows, _, people = index.load_open_rows(store)
    assert [r["person"] for r in open_rows] == ["Samira"]
    assert [p["person"] for p in people] == ["Samira"]


def test_an_edit_in_place_keeping_size_and_mtime_is_seen_by_followup(store, coach_home):
    # No folder change, same size, mtime set back: only the ctime tells. Followup checks
    # every file it shows, so the closed item is not listed as open.
    write(coach_home, session_dict("20261124-abc234"))
    index.load_open_rows(store)
    path = coach_home / "sessions" / "20261124-abc234.json"
    st = path.stat()
    raw = path.read_bytes()
    edited = raw.replace(b'"due": "2026-12-01"', b'"due": "2026-12-02"')
    assert len(edited) == len(raw) and edited != raw
    with open(path, "r+b") as fh:  # in place: the folder's mtime does not move
        fh.write(edited)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    open_rows, _, _ = index.load_open_rows(store)
    assert open_rows[0]["actions"][0]["due"] == "2026-12-02"


def test_a_new_file_is_seen_through_the_folder_mtime(store, coach_home):
    write(coach_home, session_dict("20261124-abc234"))
    index.load_open_rows(store)
    write(coach_home, session_dict("20261125-abc234", person="Kim"))
    open_rows, _, people = index.load_open_rows(store)
    assert [r["person"] for r in open_rows] == ["Sam", "Kim"]
    assert {p["person"] for p in people} == {"Sam", "Kim"}


def test_closed_items_are_left_out_of_the_open_rows(store, coach_home):
    closed = {
        "id": "done2345",
        "text": "Done already",
        "status": "dropped",
        "created_at": AT.isoformat(),
    }
    write(coach_home, session_dict("20261124-abc234", actions=[closed]))
    open_rows, _, people = index.load_open_rows(store)
    assert open_rows == [] and people[0]["sessions"] == 1


def test_damaged_and_newer_files_are_reported_without_their_text(store, coach_home, monkeypatch):
    write(coach_home, session_dict("20261124-abc234"))
    folder = coach_home / "sessions"
    (folder / "20261125-bad234.json").write_text('{"secret note": ', encoding="utf-8")
    newer = session_dict("20261126-new234", schema_version=99)
    write(coach_home, newer)
    (folder / ".tmp-20261127-tmp234.json.1.abc").write_text("{}")
    (folder / "notes.txt").write_text("not a session")
    rows, errors = index.load_rows(store)
    assert [r["id"] for r in rows] == ["20261124-abc234"]
    kinds = sorted(type(e).__name__ for e in errors)
    assert kinds == ["DamagedFileError", "ReadOnlyError"]
    for error in errors:
        assert "secret" not in error.message
        assert "2026112" in error.message  # names the file
    assert any(isinstance(e, DamagedFileError) and "line 1" in e.message for e in errors)
    assert any(
        isinstance(e, ReadOnlyError) and e.path.name == "20261126-new234.json" for e in errors
    )

    # Remembered: the damaged file is not read again while it stays the same.
    monkeypatch.setattr(index_refresh, "derive", lambda *a: (_ for _ in ()).throw(AssertionError))
    _, again = index.load_rows(store)
    _, fast_errors, _ = index.load_open_rows(store)
    assert [e.message for e in again] == [e.message for e in errors]
    assert len(fast_errors) == 2


def test_rebuild_starts_from_the_files(store, coach_home):
    write(coach_home, session_dict("20261124-abc234"))
    index.load_rows(store)
    (coach_home / "sessions" / "20261124-abc234.json").unlink()
    write(coach_home, session_dict("20261201-xyz234", person="Kim"))
    index.rebuild(store)
    rows, _ = index.load_rows(store)
    assert [r["person"] for r in rows] == ["Kim"]


def test_no_store_means_no_rows_and_no_files(store, coach_home, tmp_path):
    assert index.load_rows(store) == ([], [])
    assert index.load_open_rows(store) == ([], [], [])
    assert not coach_home.exists()
    assert not paths.cache_root().exists()


def test_session_row_from_a_plain_dict():
    row = index.session_row(session_dict("20261124-abc234"))
    assert row["id"] == "20261124-abc234" and "file" not in row
    assert row["actions"][0]["due"] == "2026-12-01"


@pytest.mark.slow
def test_fast_path_imports_no_pydantic_and_no_rich(coach_home):
    write(coach_home, session_dict("20261124-abc234"))
    Store(coach_home).ensure()
    index.load_open_rows(Store(coach_home))
    code = (
        "import sys\n"
        "from coachcli.cli.app import run\n"
        "rc = run(['followup', '--no-review'])\n"
        "heavy = [m for m in ('pydantic', 'rich', 'questionary', 'yaml', 'filelock')"
        " if m in sys.modules]\n"
        "assert rc == 6 or rc == 0, rc\n"
        "print('HEAVY', heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=dict(os.environ), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "HEAVY []" in done.stdout, done.stdout + done.stderr
    assert "Call the client" in done.stdout


def test_today_is_not_part_of_the_index():
    # The index holds dates as text only; "overdue" is worked out at listing time.
    row = index.session_row(session_dict("20261124-abc234"))
    assert "overdue" not in row["actions"][0]
    assert date.fromisoformat(row["actions"][0]["due"]) == date(2026, 12, 1)


def test_an_unreadable_sessions_folder_is_one_clear_error(store, coach_home, capsys, monkeypatch):
    from coachcli.cli.app import run

    write(coach_home, session_dict("20261124-abc234"))
    real_listdir = os.listdir

    def refuse(path):
        if str(path).endswith("sessions"):
            raise PermissionError(13, "Permission denied")
        return real_listdir(path)

    monkeypatch.setattr(index_refresh.os, "listdir", refuse)
    rc = run(["followup", "--no-review"])
    _, err = capsys.readouterr()
    assert rc == 3, err
    assert "cannot list the folder: Permission denied" in err
    assert len(err.strip().splitlines()) <= 2


def test_works_without_folder_relative_stat(store, coach_home, monkeypatch):
    write(coach_home, session_dict("20261124-abc234"))
    monkeypatch.setattr(index_refresh.os, "supports_dir_fd", set())
    rows, _ = index.load_rows(store)
    assert [r["id"] for r in rows] == ["20261124-abc234"]


def test_a_file_removed_while_the_index_is_built_is_left_out(store, coach_home, monkeypatch):
    write(coach_home, session_dict("20261124-abc234"))
    write(coach_home, session_dict("20261125-abc234"))
    real = index_refresh.derive

    def vanishing(name, *args):
        if name == "20261124-abc234.json":
            (coach_home / "sessions" / name).unlink()
            return None
        return real(name, *args)

    monkeypatch.setattr(index_refresh, "derive", vanishing)
    rows, _ = index.load_rows(store)
    assert [r["id"] for r in rows] == ["20261125-abc234"]


@pytest.mark.parametrize("off_by", [-7, 0, 9])
def test_a_file_read_once_is_read_whole_even_if_its_size_moved_after_fstat(coach_home, off_by):
    from coachcli.index import derive as index_derive

    write(coach_home, session_dict("20261124-abc234"))
    folder = coach_home / "sessions"
    real = os.fstat

    class Moved:  # what fstat said, with the size it had a moment before the read
        def __init__(self, st):
            self._st, self.st_size = st, st.st_size + off_by

        def __getattr__(self, name):
            return getattr(self._st, name)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_derive.os, "fstat", lambda fd: Moved(real(fd)))
        state = index_derive.derive("20261124-abc234.json", None, folder)
    assert state is not None and state.detail == "" and state.row is not None
    assert state.row["id"] == "20261124-abc234"


def test_the_last_session_going_leaves_an_empty_index(store, coach_home):
    for n in range(3):
        write(coach_home, session_dict(f"2026112{n}-abc234"))
    index.load_rows(store)
    for path in (coach_home / "sessions").iterdir():
        path.unlink()
    assert index.load_rows(store) == ([], [])
    assert index.load_open_rows(store) == ([], [], [])


def test_an_in_place_edit_of_a_file_without_open_items_is_seen_in_its_turn(
    store, coach_home, monkeypatch
):
    closed = {"id": "done2345", "text": "Reopened later", "status": "done", "created_at": "x"}
    for n in range(4):
        closed["created_at"] = AT.isoformat()
        write(
            coach_home, session_dict(f"2026112{n}-abc234", actions=[dict(closed, id=f"d{n}bc2345")])
        )
    index.load_open_rows(store)
    monkeypatch.setattr(index_refresh, "SLICE_MIN", 1)
    monkeypatch.setattr(index_refresh, "SLICE_SHARE", 1000)  # one file a listing
    path = coach_home / "sessions" / "20261122-abc234.json"
    st = path.stat()
    raw = path.read_bytes()
    edited = raw.replace(b'"status": "done"', b'"status": "open"')
    with open(path, "r+b") as fh:  # in place, same size and mtime: only its turn finds it
        fh.write(edited)
        fh.truncate()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    seen = []
    for _ in range(4):
        open_rows, _, _ = index.load_open_rows(store)
        seen.append([row["id"] for row in open_rows])
    assert seen[0] == [] and seen[-1] == ["20261122-abc234"]  # seen in its turn, not before


def test_a_batch_replacing_many_rows_keeps_the_sums_true(tmp_path):
    from coachcli.index.db import prepare
    from coachcli.index.opener import memory_index
    from coachcli.index.rows import DAMAGED, FileState

    ix = memory_index(tmp_path)
    meta = ix.reset()

    def batch(inode: int) -> list:
        states = [
            FileState(f"2026110{n:04d}.json", inode, 1, 2, 3, DAMAGED, "x") for n in range(1200)
        ]
        return [prepare(state, ix.key) for state in states]

    with ix.conn:
        ix.put_many(meta, batch(1))
    with ix.conn:
        ix.put_many(meta, batch(2))  # every row again: each old one forgotten first
    ix.verify_totals(meta)
    assert meta.rows == 1200 == ix.conn.execute("SELECT count(*) FROM files").fetchone()[0]
    assert {ino for (ino,) in ix.conn.execute("SELECT DISTINCT ino FROM files")} == {2}
    ix.close()


def test_a_listing_checks_each_hot_file_once(store, coach_home, monkeypatch):
    """The hot rows' files are checked as the rows are read, not also by the refresh before."""
    from coachcli.index import derive, query

    for n in range(5):
        write(coach_home, session_dict(f"2026112{n}-abc23{n}"))
    index.load_open_rows(store)
    seen: list[str] = []
    real = derive.stat_entry

    def counted(name, dir_fd, folder):
        seen.append(name)
        return real(name, dir_fd, folder)

    monkeypatch.setattr(index_refresh, "stat_entry", counted)
    monkeypatch.setattr(query, "stat_entry", counted)
    rows, errors, _ = index.load_open_rows(store)
    assert len(rows) == 5 and not errors
    hot = [f"2026112{n}-abc23{n}.json" for n in range(5)]
    assert sorted(name for name in seen if name in hot) == hot  # once each
    # A file changed behind coach's back is still read again before it is shown.
    path = coach_home / "sessions" / hot[2]
    path.write_bytes(path.read_bytes().replace(b"2026-12-01", b"2026-12-09"))
    rows, _, _ = index.load_open_rows(store)
    assert {row["actions"][0]["due"] for row in rows} == {"2026-12-01", "2026-12-09"}
    (coach_home / "sessions" / hot[4]).unlink()  # and one removed is no longer listed
    rows, errors, _ = index.load_open_rows(store)
    assert len(rows) == 4 and not errors
