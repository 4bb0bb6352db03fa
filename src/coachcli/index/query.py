"""What each command reads from the index, and nothing more; every row is checked by its MAC.

A query raises ``db.Tampered`` when a row or the set of rows is not what the index vouched for;
``index.cache`` then derives the index again from the session files and asks once more.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, NamedTuple, TypedDict, TypeVar, cast

from coachcli.core.bulkjson import bulk_loads
from coachcli.core.collector import paused
from coachcli.core.people import person_key
from coachcli.index.counts import Counted
from coachcli.index.db import (
    F_COLUMNS,
    HOT_SELECT,
    LINE_SELECT,
    MAC_COLUMNS,
    Index,
    Meta,
    Tampered,
)
from coachcli.index.derive import identity, open_folder, stat_entry
from coachcli.index.rows import DAMAGED, NEWER, READABLE, ActionRow, IndexRow, OpenRow

T = TypeVar("T")
RECENT = 8  # session ids kept per person, for question rotation and carry-over
BULK_ROWS = 2000  # rows to decode from which orjson is worth its import (core.bulkjson)
_SELECT = f"SELECT {MAC_COLUMNS}, mac"
# The hot rows in name order, read through the partial index ``files_hot`` (no scan, no sort):
# what a listing needs of each, checked by the row's hot MAC (``Index.check_hot``).
HOT_QUERY = (
    f"SELECT {HOT_SELECT}, b.open_row FROM files f LEFT JOIN bodies b ON b.name = f.name "
    "WHERE f.hot = 1 ORDER BY f.name"
)
_JOINED = f"SELECT {F_COLUMNS}, f.mac, b.{{}} FROM files f LEFT JOIN bodies b ON b.name = f.name"
# Positions in a MAC_COLUMNS row.
NAME, STATE, DETAIL, SID, PKEY, PERSON, STARTED, BANK = 0, 5, 6, 7, 8, 9, 10, 11
INO, CTIME_END = 1, 5  # found[INO:CTIME_END]: inode, size, mtime, ctime
N_ACTIONS, N_OPEN, ROW_H, COUNTED_H, KIND = 12, 13, 16, 17, 18
# Positions in a LINE_SELECT row.
L_STATE, L_SID, L_PKEY, L_PERSON, L_STARTED, L_BANK, L_KIND, L_OPEN, L_ACTIONS = range(1, 10)


class Person(TypedDict):
    """Someone with at least one readable session."""

    person: str  # as last written
    sessions: int
    last: str  # started_at of the latest session
    recent: list[str]  # up to RECENT session ids, most recent first
    next_meeting: str | None  # YYYY-MM-DD agreed in the latest session, or None


class Problem(TypedDict):
    file: str
    kind: str  # damaged | read_only
    detail: str


class SessionLine(NamedTuple):
    """One line of ``coach sessions`` (a tuple: 100,000 of them stay small)."""

    id: str
    date: str
    person: str
    bank: str
    kind: str  # coaching | mentoring
    open: int
    actions: int


class Stale(Exception):
    """A hot file is not what its row describes (changed, replaced or gone since it was read)."""


def hot(
    ix: Index,
    meta: Meta,
    convert: Callable[[OpenRow], Iterable[T]] | None = None,
    folder: Path | None = None,
) -> tuple[list, list[Problem]]:
    """Open items (sessions with any, oldest first) and the files that cannot be read.

    With ``convert``, each row is handed to it as soon as it is decoded and the results are
    kept instead of the rows (200,000 items then never exist twice in memory). With the
    sessions ``folder``, each file is ``lstat``ed as its row is read and ``Stale`` raised if
    one is not the file the row describes (the refresh then left the hot files to this)."""
    if folder is None:
        return _hot(ix, meta, convert, None, None)
    with ExitStack() as stack:
        try:
            fd = stack.enter_context(open_folder(folder))
        except OSError:  # no sessions folder (yet), or not one: the refresh says what it is
            raise Stale from None
        return _hot(ix, meta, convert, fd, folder)


def _hot(ix: Index, meta: Meta, convert, fd: int | None, folder: Path | None):
    ix.verify_totals(meta, hot_only=True)
    rows: list = []
    problems: list[Problem] = []
    loads = bulk_loads() if meta.hot > BULK_ROWS else json.loads
    keep = rows.append if convert is None else (lambda row: rows.extend(convert(row)))
    check = ix.check_hot
    same: Callable[[str, tuple], bool] | None = None
    if folder is not None:

        def same(name: str, known: tuple) -> bool:
            st = stat_entry(name, fd, folder)
            return st is not None and identity(st) == known

    with paused():  # hundreds of thousands of new objects, none of them cyclic garbage
        for found in ix.conn.execute(HOT_QUERY):
            check(found)
            if same is not None and not same(found[NAME], found[INO:CTIME_END]):
                raise Stale
            if found[STATE] != READABLE:
                problems.append(_problem(found))
            elif found[-1] is None:  # a readable hot row has open items: not vouched for
                raise Tampered
            else:
                keep(loads(found[-1]))
    return rows, problems


def _problem(found: tuple) -> Problem:
    kind = "read_only" if found[STATE] == NEWER else "damaged"
    return {"file": found[NAME], "kind": kind, "detail": found[DETAIL]}


def problems(ix: Index, meta: Meta) -> list[Problem]:
    return hot(ix, meta)[1]


PEOPLE = "people"  # the memo of ``people``


def people(ix: Index, meta: Meta) -> list[Person]:
    """One entry per spelling of a name with a readable session: its sessions, the latest
    one's date and next meeting, and its recent session ids (each entry proven by the MACs of
    the rows it names). Kept in the index's memo until a session changes."""
    kept = ix.memo(PEOPLE, meta)
    if isinstance(kept, list):
        return kept
    ix.verify_totals(meta)
    found: list[Person] = []
    spellings = ix.conn.execute(
        "SELECT pkey, person, count(*) FROM files WHERE state = ? GROUP BY pkey, person",
        (READABLE,),
    ).fetchall()
    for pkey, name, count in spellings:
        recent = ix.conn.execute(
            f"{_JOINED.format('row')} WHERE f.state = ? AND f.pkey = ? AND f.person = ? "
            "ORDER BY f.started_at DESC, f.name DESC LIMIT ?",
            (READABLE, pkey, name, RECENT),
        ).fetchall()
        if not recent:
            raise Tampered
        for row in recent[1:]:
            ix.check(row[:-1])
        latest = ix.check(recent[0][:-1])
        if person_key(latest[PERSON]) != latest[PKEY]:
            raise Tampered
        whole = json.loads(ix.check_text(recent[0][-1], latest[ROW_H]))
        found.append(
            {
                "person": latest[PERSON],
                "sessions": count,
                "last": latest[STARTED],
                "recent": [row[SID] for row in recent],
                "next_meeting": whole.get("next_meeting"),
            }
        )
    ix.keep_memo(PEOPLE, meta, found)
    return found


def person_facts(ix: Index, name: str) -> tuple | None:
    """What ``people`` reads of one file's row: whether it is readable, the name as written,
    the start, the session id and the next meeting; None when the file has no row or its row
    is not vouched for. A write that leaves these the same leaves the people as they were."""
    try:
        found = _row_of(ix, name)
    except (Tampered, ValueError):
        return None
    if found is None:
        return None
    columns, whole = found
    if whole is None:
        return (columns[STATE],)
    return (
        READABLE,
        *(columns[at] for at in (PKEY, PERSON, STARTED, SID)),
        whole.get("next_meeting"),
    )


def _row_of(ix: Index, name: str) -> tuple[tuple, IndexRow | None] | None:
    """One file's checked columns and, when it is readable, its row decoded (its hash checked);
    None when it has no row. ``Tampered`` when its MACs do not hold."""
    found = ix.conn.execute(_JOINED.format("row") + " WHERE f.name = ?", (name,)).fetchone()
    if found is None:
        return None
    columns = ix.check(found[:-1])
    if columns[STATE] != READABLE:
        return columns, None
    return columns, json.loads(ix.check_text(found[-1], columns[ROW_H]))


def _readable(ix: Index, meta: Meta, column: str, hashed_at: int) -> Iterator[tuple[Any, Any]]:
    """Each readable session's columns with its ``column`` text decoded, checked against the
    hash at ``hashed_at``, oldest first."""
    ix.verify_totals(meta)
    loads = json.loads
    query = _JOINED.format(column) + " WHERE f.state = ? ORDER BY f.name"
    for found in ix.conn.execute(query, (READABLE,)):
        ix.check(found[:-1])
        yield found, loads(ix.check_text(found[-1], found[hashed_at]))


def rows(ix: Index, meta: Meta) -> list[IndexRow]:
    """Every readable session's full row, oldest first."""
    return [row for _, row in _readable(ix, meta, "row", ROW_H)]


def session_lines(
    ix: Index,
    meta: Meta,
    *,
    pkey: str | None = None,
    since: str | None = None,
    until: str | None = None,
    last: int | None = None,
) -> tuple[list[SessionLine], int]:
    """``coach sessions`` lines, oldest first (only the ``last`` N when given: a terminal
    reads no more rows than it shows), without decoding any row; and how many match.

    Each row read is checked by its line MAC and chosen here (readable, the person, the dates),
    not by the query, so that a row marked unreadable, moved to another name or to other dates
    behind coach's back is checked and noticed rather than skipped. The last N without dates
    are read from the newest back, stopping at the Nth."""
    ix.verify_totals(meta, lines=True)
    tail = last is not None and since is None and until is None
    total = 0
    if tail:  # the number in all: shown beside the lines (as "the last 50 of ...")
        query = "SELECT count(*) FROM files WHERE state = ?"
        args: list[int | str] = [READABLE]
        if pkey is not None:
            query, args = f"{query} AND pkey = ?", [READABLE, pkey]
        total = ix.conn.execute(query, args).fetchone()[0]
    order = "DESC" if tail else ""
    lines: list[SessionLine] = []
    for f in map(
        ix.check_line, ix.conn.execute(f"SELECT {LINE_SELECT} FROM files ORDER BY name {order}")
    ):
        if tail and len(lines) >= cast(int, last):
            break
        if f[L_STATE] != READABLE or (pkey is not None and f[L_PKEY] != pkey):
            continue
        day = f[L_STARTED][:10]
        if (since is not None and day < since) or (until is not None and day > until):
            continue
        lines.append(
            SessionLine(f[L_SID], day, f[L_PERSON], f[L_BANK], f[L_KIND], f[L_OPEN], f[L_ACTIONS])
        )
    if tail:
        lines.reverse()
        return lines, total
    total = len(lines)
    if last is not None:
        lines = lines[len(lines) - last :] if last > 0 else []
    return lines, total


def as_dict(line: SessionLine) -> dict[str, Any]:
    """A line as its ``--json`` object (the fields in ``SessionLine`` order)."""
    return {
        "id": line[0],
        "date": line[1],
        "person": line[2],
        "bank": line[3],
        "kind": line[4],
        "open": line[5],
        "actions": line[6],
    }


class SessionKey(TypedDict):
    """What naming a session needs (``history.find``): no row is decoded for it."""

    id: str
    person: str
    started_at: str


def session_keys(ix: Index, meta: Meta) -> list[SessionKey]:
    """Every readable session's id, person and start, oldest first (verified)."""
    ix.verify_totals(meta)
    query = f"{_SELECT} FROM files WHERE +state = ? ORDER BY name"
    return [
        {"id": f[SID], "person": f[PERSON], "started_at": f[STARTED]}
        for f in map(ix.check, ix.conn.execute(query, (READABLE,)))
    ]


def count_sessions(ix: Index) -> int:
    return ix.conn.execute("SELECT count(*) FROM files WHERE state = ?", (READABLE,)).fetchone()[0]


def session_ids(ix: Index, meta: Meta, prefix: str) -> list[str]:
    """Ids of readable sessions starting with ``prefix`` (verified)."""
    ix.verify_totals(meta)
    query = f"{_SELECT} FROM files WHERE state = ? AND sid >= ? AND sid < ? ORDER BY sid"
    found = ix.conn.execute(query, (READABLE, prefix, prefix + "\U0010ffff")).fetchall()
    return [ix.check(row)[SID] for row in found]


def item_rows(ix: Index, meta: Meta, prefix: str) -> list[tuple[IndexRow, ActionRow]]:
    """(session row, action) for every item whose id starts with ``prefix`` (verified)."""
    ix.verify_totals(meta)
    names = ix.conn.execute(
        "SELECT DISTINCT name FROM items WHERE item_id >= ? AND item_id < ?",
        (prefix, prefix + "\U0010ffff"),
    ).fetchall()
    pairs: list[tuple[IndexRow, ActionRow]] = []
    for (name,) in names:
        found = _row_of(ix, name)
        if found is None or found[1] is None:  # an item of no file, or of one not readable
            raise Tampered
        row = found[1]
        pairs += [(row, action) for action in row["actions"] if action["id"].startswith(prefix)]
    return pairs


def item_ids(ix: Index, meta: Meta) -> list[str]:
    """Every item id the readable sessions hold (to make a new one unlike them: no text)."""
    return [item_id for (item_id,) in ix.conn.execute("SELECT item_id FROM items")]


def counted(ix: Index, meta: Meta) -> list[Counted]:
    """Every readable conversation as the report counts it (no text but the name)."""
    return [
        Counted(found[PERSON], found[STARTED], counts, dues)
        for found, (counts, dues) in _readable(ix, meta, "counted", COUNTED_H)
    ]


__all__ = ["DAMAGED", "NEWER", "RECENT", "Person", "Problem", "SessionKey", "SessionLine"]
