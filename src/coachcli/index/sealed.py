"""The index of an encrypted store: the same SQLite database, kept in memory while coach runs
and on disk only as one age-encrypted file (``index.sqlite.age``), so the cache folder holds no
name and no note text, and SQLite writes no journal or WAL beside it.

Opening reads the file, decrypts it with this device's identity, decompresses it (zlib, level 1:
the rows are JSON, about five times smaller) and loads it with ``sqlite3.Connection.deserialize``.
Closing writes it back (``serialize``, compress, encrypt to this device's own key: the cache is
local) only when a row or the state of the checks changed, not when a listing only moved the
cursor of its rolling check, so a warm ``coach followup`` writes nothing. Two processes saving
at once: the last one wins, and what the other wrote is found changed (by inode, size, mtime) and
read again on the next refresh, as with any stale row. Any file that cannot be used (damaged,
from another key, no identity here) is dropped and the index is derived again from the session
files. A plaintext index of the same store (from before encryption was turned on) is removed
when this one is opened.

Why a whole-database file rather than an index without text: the listings, the report and the
completion all read text from the index, and measured on 10,000 sessions the whole file costs one
decryption and one decompression per command (benchmarks/README.md) where decrypting each
listed session would cost one X25519 operation per file.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import zlib
from pathlib import Path

from coachcli.index.db import KEY_BYTES, Index, Unavailable
from coachcli.storage import agefile
from coachcli.storage.fsio import atomic_write_bytes, ensure_private_dir

SEALED_SUFFIX = ".age"
MAX_SEALED_BYTES = 1024**3


def sealed_path(index_path: Path) -> Path:
    return index_path.with_name(index_path.name + SEALED_SUFFIX)


def _load(conn: sqlite3.Connection, path: Path) -> bool:
    """Load the encrypted index into ``conn``; False when there is none usable."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return False
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(path)
        return False
    try:
        st = os.fstat(fd)
        if st.st_size > MAX_SEALED_BYTES or not (st.st_mode & 0o170000 == 0o100000):
            raise ValueError("not a plain file of a sane size")
        with os.fdopen(os.dup(fd), "rb") as fh:
            raw = fh.read()
        import pyrage

        identity = agefile.identity()
        if identity is None or not agefile.is_sealed(raw):
            raise ValueError("no identity, or not an age file")
        conn.deserialize(zlib.decompress(pyrage.decrypt(raw, [identity])))
        return True
    except Exception:  # damaged, another key's, not a database: derive it again
        with contextlib.suppress(OSError):
            os.unlink(path)
        return False
    finally:
        os.close(fd)


def _meta_data(conn: sqlite3.Connection) -> dict | None:
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
    """The encrypted index of ``store_root`` in memory; (index, created). ``Unavailable`` when
    this device has no identity (the caller then reads the session files directly)."""
    remove_plain(index_path)  # a plaintext index holds names and item text: never kept
    try:
        own = agefile.public_key()
    except Exception as exc:
        raise Unavailable(str(exc)) from None
    if own is None:  # it cannot read the files either: each says so; nothing is kept
        conn = connect(":memory:")
        prepare(conn, on_disk=False)
        return Index(conn, os.urandom(KEY_BYTES), None, os.path.realpath(store_root)), True
    folder = index_path.parent
    try:
        ensure_private_dir(folder)
    except Exception as exc:
        raise Unavailable(str(exc)) from None
    mac_key = key_of(folder)
    path = sealed_path(index_path)
    conn = connect(":memory:")
    loaded = _load(conn, path)
    try:
        created = prepare(conn, on_disk=False)
    except sqlite3.DatabaseError:
        conn.close()
        conn = connect(":memory:")
        created = prepare(conn, on_disk=False)
    created = created or not loaded
    ix = Index(conn, mac_key, path, os.path.realpath(store_root))
    before = (conn.total_changes, _meta_data(conn))
    ix.on_close = lambda: _save(ix, own, before)
    return ix, created


def _save(ix: Index, own: str, before: tuple[int, dict | None]) -> None:
    """Write the index back, encrypted, when something worth keeping changed."""
    if ix.path is None or ix.conn.total_changes == before[0]:
        return
    if _meta_data(ix.conn) == before[1] and before[1] is not None:
        return  # only the rolling check's cursor moved
    data = zlib.compress(ix.conn.serialize(), 1)
    atomic_write_bytes(ix.path, agefile.seal_to(data, [own]))


__all__ = ["KEY_BYTES", "open_sealed", "sealed_path"]
