"""The derived index: rows match the session files, only changed files are read again, a broken
index is rebuilt, damaged files are reported without their text, the fast path stays light."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest

from coachcli.core.errors import DamagedFileError, ReadOnlyError
from coachcli.index import cache as index
from coachcli.index import scan as index_scan
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
    assert row["file"] == "20261124-abc234.json"
    assert (row["facts"], row["feelings"], row["values"]) == (1, 1, 0)
    assert (row["questions"], row["what_how_questions"]) == (4, 2)
    assert row["restatement"] is True and row["assumptions"] == 1
    assert row["after_check"] == "partly"
    assert row.keys() == index.ROW_KEYS
    done, still_open = row["actions"]
    assert done["closed_at"] == "2026-11-26T10:00:00Z" or done["closed_at"].startswith(
        "2026-11-26T10:00:00"
    )
    assert done["owner"] == "supervisor" and done["learned"] == "Early is better"
    assert still_open["closed_at"] is None and still_open["status"] == "open"
    assert still_open["due"] is None and still_open["confidence"] == 7


def test_index_is_private_and_rows_are_oldest_first(store, coach_home):
    write(coach_home, session_dict("20261124-bbb234", person="Kim"))
    write(coach_home, session_dict("20261101-aaa234"))
    rows, _ = index.load_rows(store)
    assert [r["id"] for r in rows] == ["20261101-aaa234", "20261124-bbb234"]
    mode = stat.S_IMODE(os.stat(paths.index_path(coach_home)).st_mode)
    assert mode == 0o600


def test_unchanged_files_are_not_parsed_again(store, coach_home, monkeypatch):
    write(coach_home, session_dict("20261124-abc234"))
    index.load_rows(store)
    written = os.stat(paths.index_path(coach_home)).st_mtime_ns

    def no_parse(*args, **kwargs):
        raise AssertionError("an unchanged file was parsed again")

    monkeypatch.setattr(index, "_parse", no_parse)
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
    assert os.stat(paths.index_path(coach_home)).st_mtime_ns == written


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


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b'{"schema_version": 1, "kind": "coachcli-index", "rows": 3}', b"[]"],
)
def test_a_corrupt_index_is_rebuilt(store, coach_home, content):
    write(coach_home, session_dict("20261124-abc234"))
    coach_home.mkdir(exist_ok=True)
    paths.index_path(coach_home).write_bytes(content)
    rows, errors = index.load_rows(store)
    assert [r["id"] for r in rows] == ["20261124-abc234"] and errors == []
    open_rows, _, _ = index.load_open_rows(store)
    assert len(open_rows) == 1
    data = json.loads(paths.index_path(coach_home).read_text())
    assert data["kind"] == "coachcli-index" and len(data["rows"]) == 1


def test_a_tampered_row_is_not_trusted(store, coach_home):
    write(coach_home, session_dict("20261124-abc234"))
    index.load_rows(store)
    path = paths.index_path(coach_home)
    data = json.loads(path.read_text())
    data["rows"][0]["actions"] = "oops"
    data["fast"]["open_rows"][0]["actions"] = [{"id": 3}]
    path.write_text(json.dumps(data))
    rows, _ = index.load_rows(store)
    assert rows[0]["actions"][0]["text"] == "Call the client"
    open_rows, _, _ = index.load_open_rows(store)
    assert open_rows[0]["actions"][0]["text"] == "Call the client"


def test_fast_section_is_used_only_when_it_matches_the_files(store, coach_home):
    write(coach_home, session_dict("20261124-abc234"))
    index.load_open_rows(store)
    text = paths.index_path(coach_home).read_text()
    assert text.startswith(
        f'{{"schema_version":{index.INDEX_VERSION},"kind":"coachcli-index","fast_bytes":"'
    )
    json.loads(text)  # still one valid JSON document
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

    # Remembered: the damaged file is not parsed again while it stays the same.
    monkeypatch.setattr(index, "_parse", lambda *a: (_ for _ in ()).throw(AssertionError))
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
    data = json.loads(paths.index_path(coach_home).read_text())
    assert [r["person"] for r in data["rows"]] == ["Kim"]
    assert [r["person"] for r in data["fast"]["open_rows"]] == ["Kim"]


def test_no_store_means_no_rows_and_no_files(store, coach_home):
    assert index.load_rows(store) == ([], [])
    assert index.load_open_rows(store) == ([], [], [])
    assert not coach_home.exists()


def test_session_row_from_a_plain_dict():
    row = index.session_row(session_dict("20261124-abc234"))
    assert row["id"] == "20261124-abc234" and "file" not in row
    assert row["actions"][0]["due"] == "2026-12-01"


def test_fast_path_imports_no_pydantic_and_no_rich(coach_home):
    write(coach_home, session_dict("20261124-abc234"))
    Store(coach_home).ensure()
    index.load_open_rows(Store(coach_home))
    code = (
        "import sys\n"
        "from coachcli.cli.app import run\n"
        "rc = run(['followup', '--no-review'])\n"
        "heavy = [m for m in ('pydantic', 'rich', 'questionary', 'yaml') if m in sys.modules]\n"
        "assert rc == 6 or rc == 0, rc\n"
        "print('HEAVY', heavy)\n"
    )
    env = {**os.environ, "COACH_HOME": str(coach_home)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
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

    monkeypatch.setattr(index_scan.os, "listdir", refuse)
    rc = run(["followup", "--no-review"])
    _, err = capsys.readouterr()
    assert rc == 3, err
    assert "cannot list the folder: Permission denied" in err
    assert len(err.strip().splitlines()) <= 2


def test_scan_works_without_folder_relative_stat(store, coach_home, monkeypatch):
    write(coach_home, session_dict("20261124-abc234"))
    with_fd = index_scan.scan(store)
    monkeypatch.setattr(index_scan.os, "supports_dir_fd", set())
    assert index_scan.scan(store) == with_fd
    assert with_fd[0] == ["20261124-abc234.json"]


def test_a_file_removed_during_the_scan_is_skipped(store, coach_home, monkeypatch):
    write(coach_home, session_dict("20261124-abc234"))
    write(coach_home, session_dict("20261125-abc234"))
    real_stat = os.stat

    def vanishing(path, *args, **kwargs):
        if str(path).endswith("20261124-abc234.json"):
            raise FileNotFoundError(2, "No such file")
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(index_scan.os, "stat", vanishing)
    names, mtimes, sizes = index_scan.scan(store)
    assert names == ["20261125-abc234.json"] and len(mtimes) == len(sizes) == 1


def test_index_stays_valid_json_when_the_last_session_goes(store, coach_home):
    for n in range(3):
        write(coach_home, session_dict(f"2026112{n}-abc234"))
    index.load_rows(store)
    for path in (coach_home / "sessions").iterdir():
        path.unlink()
    assert index.load_rows(store) == ([], [])
    data = json.loads(paths.index_path(coach_home).read_text())
    assert data["rows"] == [] and data["fast"]["open_rows"] == []


def test_many_rows_are_written_in_slices_and_read_back(store, coach_home, monkeypatch):
    monkeypatch.setattr(index, "WRITE_CHUNK", 2)
    for n in range(5):
        write(coach_home, session_dict(f"2026112{n}-abc234"))
    rows, _ = index.load_rows(store)
    data = json.loads(paths.index_path(coach_home).read_text())
    assert [r["id"] for r in data["rows"]] == [r["id"] for r in rows]
    assert len(rows) == 5
