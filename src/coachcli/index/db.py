"""The index on disk: one SQLite file per store in the local cache folder, or one in memory.

Why SQLite: it is in the standard library, updates one row without rewriting the rest, survives
a kill mid-write (WAL), lets readers run while a writer commits, and answers a listing by reading
only the rows it needs (measured in benchmarks/README.md).

Nothing in the file is believed on its own. Every row carries a keyed MAC (BLAKE2b under a
random key kept beside it, 0600) over all it says, the ``meta`` row a MAC over the row count and
the sum of all row MACs (and of the "hot" rows a listing reads), so an edited, added or removed
row is noticed and the rows are derived again from the session files. A damaged, foreign or
special file in the index's place is removed, never read whole (``opener``).
"""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coachcli.core.bulkjson import bulk_encoder
from coachcli.core.people import person_key
from coachcli.index.counts import tally_row
from coachcli.index.rows import READABLE, FileState, IndexRow, open_row

try:
    from _blake2 import blake2b  # hashlib would load OpenSSL first (~3 ms)
except ImportError:  # pragma: no cover - other interpreters
    from hashlib import blake2b

SCHEMA = 9  # PRAGMA user_version of a current index (9: rows carry the MAC of their line)
KEY_BYTES = 32
BUSY_TIMEOUT_MS = 10_000  # how long a write waits for another process's (opener)

TABLES = """
CREATE TABLE IF NOT EXISTS files (
  name TEXT PRIMARY KEY, ino INTEGER, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER,
  state INTEGER, detail TEXT, sid TEXT, pkey TEXT, person TEXT, started_at TEXT, bank TEXT,
  n_actions INTEGER, n_open INTEGER, hot INTEGER, open_h INTEGER, row_h INTEGER,
  counted_h INTEGER, kind TEXT, mac INTEGER NOT NULL, hot_mac INTEGER NOT NULL,
  line_mac INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS files_mac ON files(mac);
-- The hot rows in name order, with their MACs: a listing reads them without a sort or a scan.
CREATE INDEX IF NOT EXISTS files_hot ON files(name, hot_mac) WHERE hot = 1;
CREATE INDEX IF NOT EXISTS files_sid ON files(sid);
CREATE INDEX IF NOT EXISTS files_person ON files(state, pkey, person, started_at);
CREATE TABLE IF NOT EXISTS bodies (name TEXT PRIMARY KEY, open_row TEXT, row TEXT, counted TEXT);
CREATE TABLE IF NOT EXISTS items (item_id TEXT, name TEXT);
CREATE INDEX IF NOT EXISTS items_id ON items(item_id);
CREATE INDEX IF NOT EXISTS items_name ON items(name);
CREATE TABLE IF NOT EXISTS meta (k INTEGER PRIMARY KEY CHECK (k = 1), data TEXT, mac INTEGER);
-- Summaries of every row (the people), kept for the rows they were made from (Index.memo).
CREATE TABLE IF NOT EXISTS memo (k TEXT PRIMARY KEY, rows INTEGER, mac_sum INTEGER, data TEXT,
  mac INTEGER);
"""
# Indexes whose keys come in random order (MACs, item ids): every batch of a build would
# rewrite most of their pages. A build of many files drops them and makes each once at its end
# (one sort); ``TABLES`` makes the same ones.
LATE_INDEXES = (
    "CREATE INDEX IF NOT EXISTS files_mac ON files(mac)",
    "CREATE INDEX IF NOT EXISTS files_hot ON files(name, hot_mac) WHERE hot = 1",
    "CREATE INDEX IF NOT EXISTS items_id ON items(item_id)",
)
# Columns a row's MAC covers, in order (the texts in ``bodies`` through their hashes).
MAC_COLUMNS = (
    "name, ino, size, mtime_ns, ctime_ns, state, detail, sid, pkey, person, started_at, bank, "
    "n_actions, n_open, hot, open_h, row_h, counted_h, kind"
)
# The same, qualified for a join with ``bodies`` (as ``f`` and ``b``).
F_COLUMNS = ", ".join(f"f.{c.strip()}" for c in MAC_COLUMNS.split(","))


class Tampered(Exception):
    """The index says something its MACs do not vouch for: derive it again."""


class Unavailable(Exception):
    """The index file cannot be opened or written (read-only, full, damaged, in the way)."""


@dataclass
class Meta:
    store: str
    dir_mtime_ns: int = -1  # the sessions folder's mtime when every file was last checked
    checked_at: float = 0.0  # time.time() when the current round of slices (or a full check) began
    cursor: str = ""  # the last file checked by a listing's slice
    complete: bool = False  # every file has a row (False while a cold build runs)
    rows: int = 0
    mac_sum: int = 0
    hot: int = 0
    hot_sum: int = 0
    line_sum: int = 0


def _h(text: str | None) -> int:
    if text is None:
        return 0
    return int.from_bytes(blake2b(text.encode("utf-8", "surrogatepass"), digest_size=7).digest())


@functools.lru_cache(maxsize=8)
def _keyed(key: bytes) -> Any:
    """BLAKE2b under ``key`` with the key block already absorbed: each MAC copies it (a listing
    checks 100,000 rows, a build MACs as many)."""
    return blake2b(digest_size=5, key=key)


def row_mac(
    key: bytes, values: Iterable[object], *, tag: bytes = b"", text: str | None = None
) -> int:
    """The keyed MAC of a row's values (``MAC_COLUMNS`` order) or of the meta text; the hot and
    line MACs below are this one over other values, a ``tag`` before them or a ``text`` after."""
    return _mac_from(_started(key, tag), tuple(values), text)


def _started(key: bytes, tag: bytes) -> Any:
    """The keyed hash with ``tag`` absorbed: where every MAC under that key and tag starts."""
    digest = _keyed(key).copy()
    digest.update(tag)
    return digest


def _mac_from(started: Any, values: tuple, text: str | None) -> int:
    """``row_mac`` from a copy of its ``_started`` hash (an ``Index`` keeps one per tag, so a
    check of 100,000 rows makes no key block and builds no argument tuple: half the time)."""
    digest = started.copy()
    digest.update(repr(values).encode("utf-8", "surrogatepass"))  # ints, texts, None
    if text is not None:
        digest.update(b"\x00" + text.encode("utf-8", "surrogatepass"))
    return int.from_bytes(digest.digest())  # 40 bits: sums of a million fit in SQLite's int


# The columns a hot row's own MAC covers, with its open items' text: what a listing reads.
HOT_COLUMNS = 7  # name, ino, size, mtime_ns, ctime_ns, state, detail
HOT_SELECT = "f.name, f.ino, f.size, f.mtime_ns, f.ctime_ns, f.state, f.detail, f.hot_mac"


def hot_mac(key: bytes, values: tuple, open_text: str | None) -> int:
    """The keyed MAC of what a listing reads of a hot row: its first ``HOT_COLUMNS`` values
    and the text of its open items (None for a file that cannot be read). One hash per row
    instead of the row's MAC and its body's hash: 100,000 open sessions are read in a third
    of the time."""
    return row_mac(key, values, text=open_text)


# The columns a row's line MAC covers: what ``coach sessions`` shows of it and how it is chosen
# (``LINE_AT``: their places among ``MAC_COLUMNS``).
LINE_SELECT = "name, state, sid, pkey, person, started_at, bank, kind, n_open, n_actions, line_mac"
_MAC_NAMES = [column.strip() for column in MAC_COLUMNS.split(",")]
LINE_AT = tuple(_MAC_NAMES.index(column.strip()) for column in LINE_SELECT.split(",")[:-1])


LINE_TAG = b"line\x00"


def line_mac(key: bytes, values: tuple) -> int:
    """The keyed MAC of a row's ``LINE_SELECT`` values (without the MAC itself): ten short
    values instead of the row's nineteen, so listing 100,000 sessions checks each in half the
    time and reads eleven columns instead of twenty."""
    return row_mac(key, values, tag=LINE_TAG)


# json.dumps with options builds an encoder per call; a cold build makes 300,000 texts.
_json_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_dumps: Callable[[object], str] = _json_dumps


def use_bulk_encoder() -> None:
    """The same texts through orjson (``core.bulkjson``): for a big build's workers, which
    write three per file."""
    global _dumps
    _dumps = bulk_encoder(_json_dumps)


class Index:
    """An open index: a SQLite connection, its MAC key, and where it lives (None: in memory)."""

    def __init__(self, conn: sqlite3.Connection, key: bytes, path: Path | None, store: str):
        self.conn = conn
        self.key = key
        self.path = path
        self.store = store
        self.on_close: Callable[[], None] | None = None  # an encrypted index saves itself here
        self._plain, self._line = _started(key, b""), _started(key, LINE_TAG)  # for the checks

    # -- MACs ---------------------------------------------------------------------------
    def mac(self, values: Iterable[object]) -> int:
        return _mac_from(self._plain, tuple(values), None)

    def check(self, row: tuple) -> tuple:
        """``row`` (MAC_COLUMNS then mac) if its MAC holds, else ``Tampered``."""
        if _mac_from(self._plain, row[:-1], None) != row[-1]:
            raise Tampered
        return row

    def check_hot(self, found: tuple) -> tuple:
        """``found`` (``HOT_SELECT`` then the open items' text) if its hot MAC holds, else
        ``Tampered``."""
        text = found[HOT_COLUMNS + 1]
        if _mac_from(self._plain, found[:HOT_COLUMNS], text) != found[HOT_COLUMNS]:
            raise Tampered
        return found

    def check_line(self, found: tuple) -> tuple:
        """``found`` (``LINE_SELECT``) if its line MAC holds, else ``Tampered``."""
        if _mac_from(self._line, found[:-1], None) != found[-1]:
            raise Tampered
        return found

    def check_text(self, text: str | None, expected: int) -> str:
        """``text`` (a body's JSON) if its hash is the one its checked row vouches for, else
        ``Tampered``; a missing body is never vouched for."""
        if text is None or _h(text) != expected:
            raise Tampered
        return text

    # -- meta -----------------------------------------------------------------------------
    def meta(self) -> Meta | None:
        """The meta row if its MAC holds and it describes this store, else None."""
        found = self.conn.execute("SELECT data, mac FROM meta WHERE k = 1").fetchone()
        if found is None or self.mac([found[0]]) != found[1]:
            return None
        try:
            meta = Meta(**json.loads(found[0]))
        except (ValueError, TypeError):
            return None
        return meta if meta.store == self.store else None

    def save_meta(self, meta: Meta) -> None:
        data = _dumps(meta.__dict__)
        self.conn.execute(
            "INSERT OR REPLACE INTO meta (k, data, mac) VALUES (1, ?, ?)", (data, self.mac([data]))
        )

    # -- memo -------------------------------------------------------------------------------
    def _memo_of(self, key: str, rows: int, mac_sum: int) -> str | None:
        """The text of the summary ``key`` if it was made from the rows ``rows`` and ``mac_sum``
        describe and its MAC holds, else None."""
        found = self.conn.execute(
            "SELECT rows, mac_sum, data, mac FROM memo WHERE k = ?", (key,)
        ).fetchone()
        if found is None or (found[0], found[1]) != (rows, mac_sum):
            return None
        if self.mac([key, *found[:3]]) != found[3]:
            return None
        return found[2]

    def _put_memo(self, key: str, meta: Meta, data: str) -> None:
        values = (key, meta.rows, meta.mac_sum, data)
        self.conn.execute(
            "INSERT OR REPLACE INTO memo (k, rows, mac_sum, data, mac) VALUES (?, ?, ?, ?, ?)",
            (*values, self.mac(values)),
        )

    def memo(self, key: str, meta: Meta) -> object | None:
        """The summary kept under ``key`` if its MAC holds and it was made from exactly the rows
        ``meta`` vouches for (their count and MAC sum: any changed row changes the sum); else
        None. A summary of 100,000 rows then costs one row read until a session changes."""
        data = self._memo_of(key, meta.rows, meta.mac_sum)
        return None if data is None else json.loads(data)

    def keep_memo(self, key: str, meta: Meta, value: object) -> None:
        """Keep ``value`` (made from the rows ``meta`` vouches for) as the summary ``key``, if
        the index still holds those rows. Never waits for a writer and never fails: a summary
        not kept is made again next time."""
        data = _dumps(value)
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA busy_timeout = 0")
            try:
                with self.conn:
                    self.conn.execute("BEGIN IMMEDIATE")
                    current = self.meta()
                    if current is None or (current.rows, current.mac_sum) != (
                        meta.rows,
                        meta.mac_sum,
                    ):
                        return
                    self._put_memo(key, meta, data)
            finally:
                self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def carry_memo(self, key: str, before: tuple[int, int], meta: Meta) -> None:
        """Inside a write's transaction: the summary ``key``, made from the rows ``before``
        (their count and MAC sum), now vouched for by ``meta``'s, for a write that the caller
        found leaves it true. Nothing is carried unless that summary's MAC holds."""
        data = self._memo_of(key, *before)
        if data is not None:
            self._put_memo(key, meta, data)

    def reset(self) -> Meta:
        """Forget every row (the next refresh reads every file again)."""
        with self.conn:
            for table in ("files", "bodies", "items", "memo"):
                self.conn.execute(f"DELETE FROM {table}")
            meta = Meta(self.store)
            self.save_meta(meta)
        return meta

    # -- rows -----------------------------------------------------------------------------
    def identities(self, hot_only: bool = False) -> dict[str, tuple[int, int, int, int]]:
        where = " WHERE hot = 1" if hot_only else ""
        return {
            name: (ino, size, mtime_ns, ctime_ns)
            for name, ino, size, mtime_ns, ctime_ns in self.conn.execute(
                f"SELECT name, ino, size, mtime_ns, ctime_ns FROM files{where}"
            )
        }

    def slice_after(self, cursor: str, count: int) -> tuple[dict[str, tuple], bool]:
        """Identities of the ``count`` files without open items after ``cursor`` (by name,
        wrapping around), and whether the slice wrapped past the last one. (The hot files are
        checked by every listing anyway.)"""
        query = "SELECT name, ino, size, mtime_ns, ctime_ns FROM files WHERE hot = 0 AND name {} ? "
        query += "ORDER BY name LIMIT ?"
        found = self.conn.execute(query.format(">"), (cursor, count)).fetchall()
        wrapped = len(found) < count
        if wrapped:
            found += self.conn.execute(query.format("<="), (cursor, count - len(found))).fetchall()
        return {name: tuple(rest) for name, *rest in found}, wrapped

    def _old(self, name: str) -> tuple[int, int, int, int] | None:
        return self.conn.execute(
            "SELECT mac, hot, hot_mac, line_mac FROM files WHERE name = ?", (name,)
        ).fetchone()

    def _forget(self, meta: Meta, name: str) -> None:
        old = self._old(name)
        if old is None:
            return
        meta.rows -= 1
        meta.mac_sum -= old[0]
        meta.line_sum -= old[3]
        if old[1]:
            meta.hot -= 1
            meta.hot_sum -= old[2]
        for table in ("files", "bodies", "items"):
            self.conn.execute(f"DELETE FROM {table} WHERE name = ?", (name,))

    def put(self, meta: Meta, ready: Prepared) -> None:
        """Insert or replace one file's row (inside a transaction), keeping ``meta``'s sums."""
        self.put_many(meta, [ready])

    def put_many(self, meta: Meta, ready: list[Prepared]) -> None:
        """Insert or replace these files' rows (inside a transaction), keeping ``meta``'s sums:
        one look-up of the rows they replace, then one statement per table for all of them."""
        if not ready:
            return
        names = [values[0] for values, _texts, _ids in ready]
        replaced: list[tuple[str]] = []
        for i in range(0, len(names), _LOOKUP):  # under any SQLite's limit of parameters
            chunk = names[i : i + _LOOKUP]
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT name FROM files WHERE name IN ({marks})"
            replaced += self.conn.execute(query, chunk).fetchall()
        for (name,) in replaced:  # none in a cold build
            self._forget(meta, name)
        self.conn.executemany(
            f"INSERT INTO files ({MAC_COLUMNS}, mac, hot_mac, line_mac) VALUES ({_MARKS})",
            [values for values, _texts, _ids in ready],
        )
        self.conn.executemany(
            "INSERT INTO bodies (name, open_row, row, counted) VALUES (?, ?, ?, ?)",
            [(values[0], *texts) for values, texts, _ids in ready if texts is not None],
        )
        self.conn.executemany(
            "INSERT INTO items (item_id, name) VALUES (?, ?)",
            [(item_id, values[0]) for values, _texts, ids in ready for item_id in ids],
        )
        meta.rows += len(ready)
        for values, _texts, _ids in ready:
            meta.mac_sum += values[-3]
            meta.line_sum += values[-1]
            if values[14]:
                meta.hot += 1
                meta.hot_sum += values[-2]

    def drop_late_indexes(self) -> None:
        """Drop ``LATE_INDEXES`` (inside a transaction) before a build writes many rows."""
        for statement in LATE_INDEXES:
            name = statement.split(" ON ")[0].rsplit(" ", 1)[1]
            self.conn.execute(f"DROP INDEX IF EXISTS {name}")

    def make_late_indexes(self) -> None:
        """Make ``LATE_INDEXES`` again (nothing to do where they exist)."""
        with self.conn:
            for statement in LATE_INDEXES:
                self.conn.execute(statement)

    def drop(self, meta: Meta, names: Iterable[str]) -> None:
        for name in names:
            self._forget(meta, name)

    def verify_totals(self, meta: Meta, *, hot_only: bool = False, lines: bool = False) -> None:
        """``Tampered`` unless the rows (or the hot rows) are exactly those ``meta`` vouches for
        (by their row MACs, their hot MACs, or with ``lines`` their line MACs)."""
        if hot_only:  # the rows a listing reads, vouched for by their own MACs
            query = "SELECT count(*), coalesce(sum(hot_mac), 0) FROM files WHERE hot = 1"
            expected = (meta.hot, meta.hot_sum)
        elif lines:
            query = "SELECT count(*), coalesce(sum(line_mac), 0) FROM files"
            expected = (meta.rows, meta.line_sum)
        else:
            query = "SELECT count(*), coalesce(sum(mac), 0) FROM files"  # exact integers
            expected = (meta.rows, meta.mac_sum)
        count, total = self.conn.execute(query).fetchone()
        if (count, total) != expected:
            raise Tampered

    def close(self) -> None:
        if self.on_close is not None:
            save, self.on_close = self.on_close, None
            with contextlib.suppress(Exception):  # a cache: what is not saved is derived again
                save()
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()


# One file ready to store, as ``prepare`` works it out (in a worker process, for a build):
# (the values of ``MAC_COLUMNS`` then the row's MAC, its hot MAC (``hot_mac``, 0 for a row
# without open items) and its line MAC (``line_mac``); the texts for ``bodies``: open items,
# row, counts as JSON, or None for a file that cannot be read; the ids of its items). Plain
# tuples: a build sends 100,000 of them from its workers, and tuples are the cheapest to send.
Prepared = tuple[tuple, tuple[str | None, str, str] | None, tuple[str, ...]]
_MARKS = ", ".join("?" * (MAC_COLUMNS.count(",") + 4))
_LOOKUP = 500  # names per look-up of the rows a batch replaces


def prepared_identity(ready: Prepared) -> tuple[int, int, int, int]:
    """The identity on disk (inode, size, mtime, ctime) of the bytes ``ready`` describes."""
    values = ready[0]
    return (values[1], values[2], values[3], values[4])


def prepare(state: FileState, key: bytes) -> Prepared:
    """The MAC'd columns of one file (``MAC_COLUMNS`` order, then their MAC under ``key``) and
    its texts for ``bodies``."""
    row: IndexRow | None = state.row if state.state == READABLE else None
    ident = (state.name, state.ino, state.size, state.mtime_ns, state.ctime_ns)
    values: tuple[object, ...]
    if row is None:
        values = (*ident, state.state, state.detail, *(None,) * 5, 0, 0, 1, 0, 0, 0, None)
        hot = hot_mac(key, values[:HOT_COLUMNS], None)
        line = line_mac(key, tuple(values[i] for i in LINE_AT))
        return (*values, row_mac(key, values), hot, line), None, ()
    slim = open_row(row)
    open_text = _dumps(slim) if slim is not None else None
    row_text = _dumps(row)
    counted_text = _dumps(tally_row(row))
    n_open = len(slim["actions"]) if slim is not None else 0
    values = (
        *ident,
        *(state.state, "", row["id"], person_key(row["person"]), row["person"]),
        *(row["started_at"], row["bank"], len(row["actions"]), n_open, int(n_open > 0)),
        *(_h(open_text), _h(row_text), _h(counted_text)),
        row.get("kind", "coaching"),
    )
    texts = (open_text, row_text, counted_text)
    hot = hot_mac(key, values[:HOT_COLUMNS], open_text) if n_open else 0
    line = line_mac(key, tuple(values[i] for i in LINE_AT))
    ids = tuple(a["id"] for a in row["actions"])
    return (*values, row_mac(key, values), hot, line), texts, ids
