"""Opening the index file safely, or making one in memory when it cannot be used.

Something else in the index's place (a FIFO would hang the open, a symlink point elsewhere, a
garbage or huge file be read) is removed without being read; a folder cannot be, so the index
is then ``Unavailable`` and the caller reads the session files into ``memory_index``. The files
are 0600 in a 0700 folder; SQLite gives its ``-wal`` and ``-shm`` files the database's mode.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from pathlib import Path

from coachcli.index.db import BUSY_TIMEOUT_MS, KEY_BYTES, SCHEMA, TABLES, Index, Unavailable
from coachcli.storage.fsio import FILE_MODE, ensure_private_dir

MAX_INDEX_BYTES = 4 * 1024**3  # larger than any real index: garbage, removed
_SUFFIXES = ("", "-wal", "-shm")


def _clear_the_way(path: Path) -> None:
    """Remove what must not be opened as the index: anything but a regular file of a sane size
    (a FIFO would hang the open, a symlink point elsewhere). A folder cannot be: Unavailable."""
    for suffix in _SUFFIXES:
        target = Path(f"{path}{suffix}")
        try:
            st = os.lstat(target)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise Unavailable(f"{target}: {exc.strerror or exc}") from None
        if stat.S_ISREG(st.st_mode) and st.st_size <= MAX_INDEX_BYTES:
            continue
        if stat.S_ISDIR(st.st_mode):
            raise Unavailable(f"{target} is a folder")
        try:
            os.unlink(target)
        except OSError as exc:
            raise Unavailable(f"{target}: {exc.strerror or exc}") from None


def remove_index_files(path: Path) -> bool:
    """Delete the index file and its WAL companions; True if anything was removed."""
    removed = False
    for suffix in _SUFFIXES:
        with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
            os.unlink(f"{path}{suffix}")
            removed = True
    return removed


def _key(folder: Path) -> bytes:
    """The MAC key beside the index (created once, 0600); a new key voids every old row."""
    path = folder / "key"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                key = os.read(fd, KEY_BYTES + 1)
                if len(key) == KEY_BYTES:
                    return key
        finally:
            os.close(fd)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise Unavailable(f"{path}: {exc.strerror or exc}") from None
    from coachcli.storage.fsio import atomic_write_bytes

    key = os.urandom(KEY_BYTES)
    try:
        if os.path.isdir(path):
            raise Unavailable(f"{path} is a folder")
        atomic_write_bytes(path, key)  # replaces a FIFO, a link or a short file
    except Exception as exc:
        raise Unavailable(str(exc)) from None
    return key


def _connect(path: Path | str) -> sqlite3.Connection:
    conn = sqlite3.connect(
        path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )
    conn.isolation_level = "DEFERRED"  # ``with conn`` is one transaction
    return conn


def _prepare(conn: sqlite3.Connection, on_disk: bool) -> bool:
    """Set the connection up; True when the tables had to be created (a new index)."""
    if on_disk:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = OFF")  # a cache: a torn write is noticed and rebuilt
    conn.execute("PRAGMA secure_delete = ON")  # a forgotten row leaves no text in free pages
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA:
        return False
    with conn:
        for table in ("files", "bodies", "items", "meta", "memo"):
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        conn.executescript(TABLES)
        conn.execute(f"PRAGMA user_version = {SCHEMA}")
    return True


def open_index(store_root: Path, index_path: Path) -> tuple[Index, bool]:
    """The store's index file, made safe to open; (index, created). ``Unavailable`` if it
    cannot be used (the caller then reads the session files into ``memory_index``)."""
    from coachcli.storage.agefile import enabled

    if enabled(store_root):  # no text on disk: the index is kept encrypted (``sealed``)
        from coachcli.index.sealed import open_sealed

        return open_sealed(store_root, index_path, _key, _connect, _prepare, remove_index_files)
    real = os.path.realpath(store_root)
    folder = index_path.parent
    try:
        ensure_private_dir(folder)
    except Exception as exc:
        raise Unavailable(str(exc)) from None
    key = _key(folder)
    for attempt in (1, 2):
        _clear_the_way(index_path)
        try:
            if not index_path.exists():
                fd = os.open(index_path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
                os.fchmod(fd, FILE_MODE)  # SQLite gives its -wal and -shm files this mode too
                os.close(fd)
            conn = _connect(index_path)
        except (OSError, sqlite3.Error) as exc:
            raise Unavailable(f"{index_path}: {exc}") from None
        try:
            created = _prepare(conn, on_disk=True)
            return Index(conn, key, index_path, real), created
        except sqlite3.DatabaseError as exc:  # not a database, damaged, read-only, full
            conn.close()
            if attempt == 2 or isinstance(exc, sqlite3.OperationalError):
                raise Unavailable(f"{index_path}: {exc}") from None
            remove_index_files(index_path)  # garbage or damaged: start again
    raise AssertionError("unreachable")


def memory_index(store_root: Path) -> Index:
    conn = _connect(":memory:")
    _prepare(conn, on_disk=False)
    return Index(conn, os.urandom(KEY_BYTES), None, os.path.realpath(store_root))
