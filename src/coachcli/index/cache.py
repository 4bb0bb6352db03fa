"""The derived index: one plain-JSON row per session file, so listings never parse every session.

``$COACH_HOME/index.json`` is a cache; the session files stay the source of truth. Each run
scans the sessions folder and compares every file's ``(mtime_ns, size)`` with its row: only new
or changed files are read again (fully validated, so pydantic is loaded only then), rows of
removed files are dropped, and the index is rewritten atomically under the store lock only when
something changed. A missing, corrupt or foreign index is rebuilt, never trusted blindly.

Files that cannot be read are remembered too (path, stat and the note-free error), so a damaged
file costs one parse, not one per run. This module imports only the standard library on the fast
path: no pydantic, no rich.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from coachcli.core.errors import (
    CoachError,
    DamagedFileError,
    NotFoundError,
    ReadOnlyError,
    StoreBusyError,
)
from coachcli.index.counts import FIELDS, Counted, by_person_month, counted
from coachcli.index.rows import (
    ACTION_KEYS,
    OPEN_ROW_KEYS,
    ROW_KEYS,
    expand_stats_row,
    open_row,
    session_row,
    stats_row,
    valid_broken,
    valid_person,
    valid_row,
)
from coachcli.index.scan import INDEX_VERSION, Scan, columns, digest, scan
from coachcli.storage import paths
from coachcli.storage.fsio import atomic_write_bytes

if TYPE_CHECKING:
    from pathlib import Path

    from coachcli.storage.store import Store

__all__ = ["ACTION_KEYS", "ROW_KEYS", "load_open_rows", "load_rows", "rebuild", "session_row"]

INDEX_KIND = "coachcli-index"
# The index starts with exactly this head (the length of the "fast" section in bytes, 12 digits),
# so the fast path reads and parses that section alone, not every row.
FAST_HEAD = '{"schema_version":%d,"kind":"%s","fast_bytes":"%012d","fast":'
FAST_HEAD_SIZE = len(FAST_HEAD % (INDEX_VERSION, INDEX_KIND, 0))
WRITE_CHUNK = 256
WRITE_LOCK_TIMEOUT = 1.0  # a busy store only means the cache is written by the next run


def _read_text(store: Store) -> str | None:
    try:
        with open(paths.index_path(store.root), "rb") as fh:
            return fh.read().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _read_index(store: Store) -> tuple[dict[str, dict], dict[str, dict], bool]:
    """Cached rows and broken-file entries by file name, and whether the file was usable."""
    text = _read_text(store)
    try:
        data = json.loads(text) if text else None
    except (ValueError, RecursionError):
        data = None
    if (
        not isinstance(data, dict)
        or data.get("schema_version") != INDEX_VERSION
        or data.get("kind") != INDEX_KIND
        or not isinstance(data.get("rows"), list)
        or not isinstance(data.get("broken"), list)
    ):
        return {}, {}, False
    rows = {row["file"]: row for row in data["rows"] if valid_row(row)}
    broken = {entry["file"]: entry for entry in data["broken"] if valid_broken(entry)}
    usable = len(rows) == len(data["rows"]) and len(broken) == len(data["broken"])
    return rows, broken, usable


def _read_fast(store: Store, digest: str) -> dict | None:
    """The ``fast`` section at the head of the index, if it describes exactly these files."""
    try:
        with open(paths.index_path(store.root), "rb") as fh:
            head = fh.read(FAST_HEAD_SIZE).decode("ascii")
            size = int(head[-21:-9])
            if head != FAST_HEAD % (INDEX_VERSION, INDEX_KIND, size):
                return None
            fast = json.loads(fh.read(size))
    except (OSError, ValueError, RecursionError):
        return None
    if (
        isinstance(fast, dict)
        and fast.get("digest") == digest
        and isinstance(fast.get("open_rows"), list)
        and isinstance(fast.get("broken"), list)
        and isinstance(fast.get("people"), list)
        and all(valid_row(row, OPEN_ROW_KEYS) for row in fast["open_rows"])
        and all(valid_broken(entry) for entry in fast["broken"])
        and all(valid_person(entry) for entry in fast["people"])
    ):
        return fast
    return None


def _error(store: Store, entry: dict) -> CoachError:
    path = store.sessions_dir / entry["file"]
    if entry["kind"] == "read_only":
        exc = ReadOnlyError(
            f"{path}: {entry['detail']}", hint="upgrade coachcli to read or change it"
        )
        exc.path = path  # as coachcli.storage.store sets it
        return exc
    return DamagedFileError(path, entry["detail"], hint="run `coach doctor`")


def _parse(store: Store, name: str, mtime_ns: int, size: int) -> tuple[dict | None, dict | None]:
    """Read one session file fully: (row, None), (None, broken entry), or (None, None) if gone."""
    from coachcli.storage.sessionfile import parse_session, read_json_file

    path = store.sessions_dir / name
    stats = {"file": name, "mtime_ns": mtime_ns, "size": size}
    try:
        session = parse_session(path, read_json_file(path))
    except DamagedFileError as exc:
        return None, {**stats, "kind": "damaged", "detail": exc.detail}
    except ReadOnlyError as exc:
        detail = exc.message.removeprefix(f"{path}: ")
        return None, {**stats, "kind": "read_only", "detail": detail}
    except NotFoundError:
        return None, None
    row = stats
    row.update(session_row(session.model_dump(mode="json")))
    return row, None


def _refresh(store: Store, scanned: Scan) -> tuple[list[dict], list[dict], bool]:
    """Rows and broken entries for ``scanned``, re-reading only new or changed files."""
    cached_rows, cached_broken, usable = _read_index(store)
    rows: list[dict] = []
    broken: list[dict] = []
    changed = not usable
    for name, mtime_ns, size in zip(*scanned, strict=True):
        row = cached_rows.get(name)
        if row is not None and row["mtime_ns"] == mtime_ns and row["size"] == size:
            rows.append(row)
            continue
        entry = cached_broken.get(name)
        if entry is None or entry["mtime_ns"] != mtime_ns or entry["size"] != size:
            changed = True
            row, entry = _parse(store, name, mtime_ns, size)
            if row is not None:
                rows.append(row)
                continue
            if entry is None:
                continue
        broken.append(entry)
    if len(rows) != len(cached_rows) or len(broken) != len(cached_broken):
        changed = True  # files were removed
    return rows, broken, changed


def load_rows(store: Store) -> tuple[list[dict], list[CoachError]]:
    """One row per readable session file, oldest first, and a note-free error per unreadable one.

    Refreshes the index when any session file was added, changed or removed.
    """
    rows, broken, changed = _refresh(store, scan(store))
    if changed:
        _write(store, rows, broken)
    return rows, [_error(store, entry) for entry in broken]


# The report's text-free views of the index: every conversation counted (any period), and the
# same summed per person and month (periods of whole months: a few hundred rows to add up).
REPORT_FILES = {
    False: ("index-report.json", "coachcli-report-index"),
    True: ("index-report-months.json", "coachcli-report-months"),
}


def report_index_path(store: Store, *, whole_months: bool = False) -> Path:
    return store.root / REPORT_FILES[whole_months][0]


def _read_report(
    store: Store, digest: str, whole_months: bool
) -> tuple[list[Counted], list[dict]] | None:
    """The counted rows and broken entries of a report index if it describes exactly the files
    scanned (same digest), counts the same fields, and every row has the expected shape."""
    try:
        with open(report_index_path(store, whole_months=whole_months), "rb") as fh:
            data = json.loads(fh.read())
    except (OSError, ValueError, RecursionError):
        return None
    if (
        not isinstance(data, dict)
        or data.get("kind") != REPORT_FILES[whole_months][1]
        or data.get("schema_version") != INDEX_VERSION
        or data.get("digest") != digest
        or data.get("fields") != list(FIELDS)
        or not isinstance(data.get("rows"), list)
        or not isinstance(data.get("broken"), list)
        or not all(valid_broken(entry) for entry in data["broken"])
    ):
        return None
    rows = [expand_stats_row(values) for values in data["rows"]]
    if any(row is None for row in rows):
        return None
    return rows, data["broken"]  # type: ignore[return-value]


def load_report_rows(
    store: Store, *, write: bool = True, whole_months: bool = False
) -> tuple[list[Counted], list[CoachError]]:
    """Every readable conversation as the report counts it (``report_counts.Counted``), with no
    text but the person's name; with ``whole_months``, the same summed per person and month
    (``report_counts.by_person_month``), which give the same figures for any period made of
    whole months.

    Read from the report index when it matches the session files; otherwise from the full
    index and any changed files, then (with ``write``) every index file is rewritten. With
    ``write=False`` nothing is written: for another supervisor's store, read as it is.
    """
    scanned = scan(store)
    cached = _read_report(store, digest(scanned), whole_months)
    if cached is not None:
        conversations, broken = cached
    else:
        rows, broken, _ = _refresh(store, scanned)
        if write:
            _write(store, rows, broken)
        conversations = [counted(row) for row in rows]
        if whole_months:
            conversations = by_person_month(conversations)
    return conversations, [_error(store, entry) for entry in broken]


def _open_only(rows: list[dict]) -> list[dict]:
    return [slim for slim in map(open_row, rows) if slim is not None]


RECENT = 8  # session ids kept per person, for question rotation and carry-over


def _people(rows: list[dict]) -> list[dict]:
    people: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: r["started_at"]):
        entry = people.setdefault(
            row["person"], {"person": row["person"], "sessions": 0, "recent": []}
        )
        entry["sessions"] += 1
        entry["last"] = row["started_at"]
        entry["next_meeting"] = row.get("next_meeting")  # agreed in the latest session
        entry["recent"] = [row["id"], *entry["recent"][: RECENT - 1]]  # most recent first
    return list(people.values())


def load_open_rows(store: Store) -> tuple[list[dict], list[CoachError], list[dict]]:
    """The fast path of ``coach followup``: slim rows (``file``, ``id``, ``person``,
    ``started_at`` and only the open ``actions``; rows without any are left out), the errors,
    and per person ``{"person", "sessions", "last", "recent", "next_meeting"}`` (``recent``: up
    to ``RECENT`` session ids, most recent first; ``next_meeting``: the ISO date agreed in the
    latest session, or None).

    The head of the index keeps exactly this, tagged with a digest of every session file's name,
    mtime and size; when the digest matches, neither the full rows nor any session is read.
    """
    scanned = scan(store)
    fast = _read_fast(store, digest(scanned))
    if fast is not None:
        errors = [_error(store, entry) for entry in fast["broken"]]
        return fast["open_rows"], errors, fast["people"]
    rows, broken, _ = _refresh(store, scanned)
    _write(store, rows, broken)  # the fast section was stale even if no row changed
    return _open_only(rows), [_error(store, entry) for entry in broken], _people(rows)


def rebuild(store: Store) -> None:
    """Throw the cache away and index every session file again (``coach forget``, doctor)."""
    rows: list[dict] = []
    broken: list[dict] = []
    for name, mtime_ns, size in zip(*scan(store), strict=True):
        row, entry = _parse(store, name, mtime_ns, size)
        if row is not None:
            rows.append(row)
        elif entry is not None:
            broken.append(entry)
    _write(store, rows, broken, wait=True)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _write(store: Store, rows: list[dict], broken: list[dict], *, wait: bool = False) -> None:
    """Write the index: the ``fast`` section (open items, people, a digest of the files) first,
    then every row. Without ``wait`` a busy store skips the write: the index is only a cache and
    the next run mends it. Nothing is created in a store with no sessions and no index yet.
    """
    index_file = paths.index_path(store.root)
    if not (rows or broken or index_file.exists()):
        return
    stats = [(r["file"], r["mtime_ns"], r["size"]) for r in rows]
    stats += [(e["file"], e["mtime_ns"], e["size"]) for e in broken]
    fast = {
        "digest": digest(columns(sorted(stats))),
        "open_rows": _open_only(rows),
        "broken": broken,
        "people": _people(rows),
    }
    fast_bytes = _dumps(fast).encode("utf-8")
    head = (FAST_HEAD % (INDEX_VERSION, INDEX_KIND, len(fast_bytes))).encode("ascii")
    # The rows are megabytes on a large store: encode them a slice at a time into one buffer
    # rather than holding the whole text, its bytes and a joined copy at once.
    data = bytearray(head + fast_bytes + b',"rows":[')
    for start in range(0, len(rows), WRITE_CHUNK):
        if start:
            data += b","
        data += _dumps(rows[start : start + WRITE_CHUNK])[1:-1].encode("utf-8")
    data += b'],"broken":' + _dumps(broken).encode("utf-8") + b"}"
    conversations = [stats_row(row) for row in rows]
    reports = {
        whole_months: {
            "schema_version": INDEX_VERSION,
            "kind": REPORT_FILES[whole_months][1],
            "fields": FIELDS,
            "digest": fast["digest"],
            "broken": broken,
            "rows": by_person_month(counted(row) for row in rows)
            if whole_months
            else conversations,
        }
        for whole_months in (False, True)
    }
    try:
        with store.lock() if wait else store.lock(timeout=WRITE_LOCK_TIMEOUT):
            atomic_write_bytes(index_file, data)  # a bytearray: bytes-like, no extra copy
            for whole_months, report in reports.items():
                path = report_index_path(store, whole_months=whole_months)
                atomic_write_bytes(path, _dumps(report).encode("utf-8"))
    except StoreBusyError:
        if wait:
            raise
