"""The index of an encrypted store: the same SQLite database, kept in memory while coach runs
and on disk only as age-encrypted images, so the cache folder holds no name and no note text,
and SQLite writes no journal or WAL beside it.

Two images are written together (``serialize``, zlib level 1, encrypted to this device's own
key: the cache is local), each tagged with the same random generation:

* ``index.sqlite.age``: the whole database;
* ``index-warm.sqlite.age``: the same database without the bodies a warm listing does not read
  (only those of sessions with open items and of each person's latest sessions are kept) and
  without the item table: about a sixth of the size, so ``coach followup`` decrypts and
  decompresses that much.

A command starts on the warm image. The first statement that needs the rest (any change to a
row, a read of the items or of other bodies) loads the whole image into the same connection
first; if its generation is not the warm one's (two processes saved at once), the index is
``Tampered`` and derived again from the session files, as with any index that does not add up.
Closing writes both images again only when a row or the state of the checks changed, not when a
listing only moved the cursor of its rolling check, so a warm ``coach followup`` writes nothing.
An image that cannot be used (damaged, another key's, no identity here) is dropped. A plaintext
index of the same store (from before encryption was turned on) is removed when this one opens.

Why whole images rather than an index without text: the listings, the report and the
completion all read text from the index; measured on 10,000 sessions, one decryption of the
warm image costs less than one X25519 operation per listed session (benchmarks/README.md).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from coachcli.index.db import KEY_BYTES, Index, Tampered, Unavailable
from coachcli.index.query import RECENT
from coachcli.storage import agefile
from coachcli.storage.fsio import atomic_write_bytes, ensure_private_dir

SEALED_SUFFIX = ".age"
WARM_NAME = "index-warm.sqlite.age"
MAX_SEALED_BYTES = 1024**3
GEN_TABLE = "CREATE TABLE IF NOT EXISTS sealed_gen (k INTEGER PRIMARY KEY, gen TEXT)"
# What a warm image cannot answer: a change to any table but meta and memo (the checks' state
# and summaries, which alone are never saved), the items, other bodies.
_WRITE = re.compile(r"^\s*(INSERT|DELETE|UPDATE|REPLACE|DROP|CREATE)\b", re.IGNORECASE)
_META_WRITE = re.compile(r"\b(INTO|FROM|UPDATE)\s+(meta|memo)\b", re.IGNORECASE)
# Warm bodies: every session with open items, and each person's RECENT latest (query.people).
_WARM_BODIES = f"""
DELETE FROM bodies WHERE name NOT IN (
  SELECT name FROM files WHERE hot = 1
  UNION
  SELECT name FROM (
    SELECT name, ROW_NUMBER() OVER (
      PARTITION BY pkey, person ORDER BY started_at DESC, name DESC
    ) AS n FROM files WHERE state = 0
  ) WHERE n <= {RECENT}
)
"""


def sealed_path(index_path: Path) -> Path:
    return index_path.with_name(index_path.name + SEALED_SUFFIX)


def warm_path(index_path: Path) -> Path:
    return index_path.with_name(WARM_NAME)


def _warm_safe(sql: str) -> bool:
    """Can the warm image answer ``sql``? (the bodies it keeps are those two queries')."""
    if _WRITE.match(sql):
        return bool(_META_WRITE.search(sql))
    if re.search(r"\bitems\b", sql):
        return False
    if "bodies" not in sql:
        return True
    hot = "b.open_row" in sql and "f.hot = 1" in sql
    recent = "b.row" in sql and "f.pkey = ?" in sql and "LIMIT ?" in sql
    return hot or recent


def _read_image(path: Path) -> bytes | None:
    """The decrypted, decompressed image at ``path``; None (and the file removed) if unusable."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(path)
        return None
    try:
        st = os.fstat(fd)
        if st.st_size > MAX_SEALED_BYTES or (st.st_mode & 0o170000) != 0o100000:
            raise ValueError("not a plain file of a sane size")
        with os.fdopen(os.dup(fd), "rb") as fh:
            raw = fh.read()
        import pyrage

        identity = agefile.identity()
        if identity is None or not agefile.is_sealed(raw):
            raise ValueError("no identity, or not an age file")
        return zlib.decompress(pyrage.decrypt(raw, [identity]))
    except Exception:  # damaged, another key's: derive it again
        with contextlib.suppress(OSError):
            os.unlink(path)
        return None
    finally:
        os.close(fd)


def _gen(conn: sqlite3.Connection) -> str | None:
    with contextlib.suppress(sqlite3.Error):
        found = conn.execute("SELECT gen FROM sealed_gen WHERE k = 1").fetchone()
        return None if found is None else found[0]
    return None


class Lazy:
    """A connection on the warm image that loads the whole one before the first statement the
    warm image cannot answer. Everything else is the connection's own."""

    def __init__(self, conn: sqlite3.Connection, full_path: Path | None, prepare: Callable):
        self._conn = conn
        self._full_path = full_path  # None: the whole image is already loaded
        self._prepare = prepare

    @property
    def warm(self) -> bool:
        return self._full_path is not None

    def load_full(self) -> None:
        """Replace the warm image by the whole one (same generation), or ``Tampered``."""
        if self._full_path is None:
            return
        path, self._full_path = self._full_path, None
        in_tx = self._conn.in_transaction
        if in_tx:  # a change is about to start: nothing was written in it yet
            self._conn.rollback()
        wanted = _gen(self._conn)
        image = _read_image(path)
        ok = False
        if image is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.deserialize(image)
                ok = wanted is not None and _gen(self._conn) == wanted
        if not ok:  # start from nothing: the caller derives every row again
            self._conn.deserialize(_empty_image(self._prepare))
        if in_tx:
            self._conn.execute("BEGIN IMMEDIATE")
        if not ok:
            raise Tampered

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if self._full_path is not None and not _warm_safe(sql):
            self.load_full()
        return self._conn.execute(sql, *args)

    def executemany(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if self._full_path is not None and not _warm_safe(sql):
            self.load_full()
        return self._conn.executemany(sql, *args)

    def __enter__(self) -> sqlite3.Connection:
        return self._conn.__enter__()

    def __exit__(self, *exc: Any) -> Any:
        return self._conn.__exit__(*exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def _empty_image(prepare: Callable) -> bytes:
    conn = sqlite3.connect(":memory:")
    try:
        prepare(conn, on_disk=False)
        return conn.serialize()
    finally:
        conn.close()


def _meta_data(conn: Any) -> dict | None:
    with contextlib.suppress(sqlite3.Error, ValueError, TypeError):
        found = conn.execute("SELECT data FROM meta WHERE k = 1").fetchone()
        if found is not None:
            data = json.loads(found[0])
            data.pop("cursor", None)  # a listing's turn of the rolling check: not worth a write
            return data
    return None


def open_sealed(
    store_root: Path, index_path: Path, key_of, connect, prepare, remove_plain
) -> tuple[Index, bool]:
    """The encrypted index of ``store_root`` in memory; (index, created)."""
    remove_plain(index_path)  # a plaintext index holds names and item text: never kept
    real = os.path.realpath(store_root)
    try:
        own = agefile.public_key()
    except Exception as exc:
        raise Unavailable(str(exc)) from None
    if own is None:  # it cannot read the files either: each says so; nothing is kept
        conn = connect(":memory:")
        prepare(conn, on_disk=False)
        return Index(conn, os.urandom(KEY_BYTES), None, real), True
    folder = index_path.parent
    try:
        ensure_private_dir(folder)
    except Exception as exc:
        raise Unavailable(str(exc)) from None
    mac_key = key_of(folder)
    full, warm = sealed_path(index_path), warm_path(index_path)
    conn = connect(":memory:")
    image = _read_image(warm)
    lazy_from: Path | None = full if image is not None else None
    if image is None:
        image = _read_image(full)
    loaded = False
    if image is not None:
        with contextlib.suppress(sqlite3.Error):
            conn.deserialize(image)
            loaded = True
    try:
        created = prepare(conn, on_disk=False)
    except sqlite3.DatabaseError:
        conn.close()
        conn, lazy_from = connect(":memory:"), None
        created = prepare(conn, on_disk=False)
    if created:
        lazy_from = None
    lazy = Lazy(conn, lazy_from, prepare)
    # ``Lazy`` answers every call ``Index`` makes of a connection (it loads the full image
    # first when the warm one cannot answer): a connection in all but its class.
    ix = Index(cast(sqlite3.Connection, lazy), mac_key, full, real)
    # No warm image yet (an index saved by an older coach, or a cold build): write both.
    before = (-1 if lazy_from is None else conn.total_changes, _meta_data(conn))
    ix.on_close = lambda: _save(ix, lazy, own, warm, before)
    return ix, created or not loaded


def _save(ix: Index, lazy: Lazy, own: str, warm: Path, before: tuple[int, dict | None]) -> None:
    """Write both images back, encrypted, when something worth keeping changed."""
    conn = lazy._conn
    if ix.path is None:
        return
    if before[0] != -1:  # -1: there is no warm image yet, write both whatever changed
        if conn.total_changes == before[0]:
            return
        if _meta_data(conn) == before[1] and before[1] is not None:
            return  # only the rolling check's cursor moved
    if lazy.warm:  # only the checks' state changed: keep it, on the whole image
        meta = conn.execute("SELECT data, mac FROM meta WHERE k = 1").fetchone()
        try:
            lazy.load_full()
        except Tampered:
            return
        if meta is not None:
            conn.execute("INSERT OR REPLACE INTO meta (k, data, mac) VALUES (1, ?, ?)", meta)
            conn.commit()
    conn.execute(GEN_TABLE)
    conn.execute("INSERT OR REPLACE INTO sealed_gen (k, gen) VALUES (1, ?)", (os.urandom(9).hex(),))
    conn.commit()
    whole = conn.serialize()
    part = sqlite3.connect(":memory:")
    try:
        part.deserialize(whole)
        part.execute(_WARM_BODIES)
        part.execute("DELETE FROM items")
        part.commit()
        part.execute("VACUUM")
        small = part.serialize()
    finally:
        part.close()
    atomic_write_bytes(ix.path, agefile.seal_to(zlib.compress(whole, 1), [own]))
    atomic_write_bytes(warm, agefile.seal_to(zlib.compress(small, 1), [own]))


__all__ = ["KEY_BYTES", "open_sealed", "sealed_path", "warm_path"]
