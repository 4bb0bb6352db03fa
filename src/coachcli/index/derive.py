"""One session file read for the index: its identity on disk and its row, or why it cannot be read.

Only regular files are read (opened non-blocking without following a symlink, so a FIFO or a
link in the sessions folder is reported, never waited on or followed), at most
``MAX_FILE_BYTES``. The identity (inode, size, mtime, ctime) is taken from the open file, so it
describes the bytes that were read. A file in the plain form coach writes is checked by
``validate.plainly_valid``; anything else goes through the pydantic model, which decides.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from coachcli.core.bulkjson import written_loads
from coachcli.core.errors import DamagedFileError, NotFoundError, ReadOnlyError
from coachcli.index.rows import DAMAGED, NEWER, FileState, session_row
from coachcli.index.validate import plainly_valid
from coachcli.storage.sessionfile import MAX_FILE_BYTES, check_file_name, parse_json_bytes

# The fast decoder of files exactly as coach writes them (``core.bulkjson.written_loads``): set
# by ``use_written_decoder`` in a big build's workers (its import is not worth it for a few).
_written: Callable[[bytes], Any] | None = None


def use_written_decoder() -> None:
    global _written
    _written = written_loads()


_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)


@contextmanager
def open_folder(folder: Path) -> Iterator[int | None]:
    """An open descriptor of the sessions folder (shorter lookups), or None if unsupported."""
    if os.stat not in os.supports_dir_fd:
        yield None
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        yield fd
    finally:
        os.close(fd)


def stat_entry(name: str, dir_fd: int | None, folder: Path) -> os.stat_result | None:
    """``lstat`` of a session file, or None when it is gone."""
    try:
        if dir_fd is not None:
            return os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        return os.lstat(folder / name)
    except (FileNotFoundError, NotADirectoryError):
        return None


def identity(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _state(name: str, st: os.stat_result, kind: int = 0, detail: str = "") -> FileState:
    return FileState(name, *identity(st), state=kind, detail=detail)


def derive(name: str, dir_fd: int | None, folder: Path) -> FileState | None:
    """The index's view of one session file; None when it no longer exists."""
    try:
        if dir_fd is not None:
            fd = os.open(name, _FLAGS, dir_fd=dir_fd)
        else:
            fd = os.open(os.path.join(folder, name), _FLAGS)
    except FileNotFoundError:
        return None
    except OSError as exc:
        st = stat_entry(name, dir_fd, folder)
        if st is None:
            return None
        if exc.errno == errno.ELOOP or stat.S_ISLNK(st.st_mode):
            return _state(name, st, DAMAGED, "a symbolic link (not followed)")
        return _state(name, st, DAMAGED, f"cannot read: {exc.strerror or type(exc).__name__}")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return _state(name, st, DAMAGED, "not a regular file")
        if st.st_size > MAX_FILE_BYTES:
            return _state(name, st, DAMAGED, f"larger than {MAX_FILE_BYTES // 1024**2} MiB")
        # The size fstat gave and one byte more: exactly that size read is the whole file the
        # identity describes (one read, not a second one to see the end).
        raw = os.read(fd, st.st_size + 1)
        if len(raw) != st.st_size:  # it grew or shrank meanwhile: read on to its end
            chunks = [raw]
            left = MAX_FILE_BYTES + 1 - len(raw)
            while left > 0:
                chunk = os.read(fd, min(left, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
            raw = b"".join(chunks)
    except OSError as exc:
        return FileState(name, 0, 0, 0, 0, DAMAGED, f"cannot read: {exc.strerror or exc}")
    finally:
        os.close(fd)
    return from_bytes(name, st, raw, folder)


def from_bytes(name: str, st: os.stat_result, raw: bytes, folder: Path) -> FileState:
    """The row (or the note-free reason there is none) for the bytes of one session file.

    The JSON is read as strictly as ``storage.sessionfile`` reads it (UTF-8, duplicate keys and
    lone surrogates are damage); a session in the plain form coach writes is then checked by
    ``plainly_valid``, anything else by the model. A file named unlike the id it holds is damage.
    """
    from coachcli.storage.agefile import unseal

    state = _state(name, st)
    path = os.path.join(folder, name)  # for messages: a Path costs more than the check
    try:
        raw = unseal(path, raw)  # an encrypted file is decrypted
        data = None if _written is None else _written(raw)
        if data is None:
            data = parse_json_bytes(path, raw)
        state.row = session_row(data) if plainly_valid(data) else _slow(Path(path), data)
        if name[:-5] != state.row["id"]:  # named after the id it holds: nothing to check
            check_file_name(Path(path), state.row["id"])
    except DamagedFileError as exc:
        state.state, state.detail, state.row = DAMAGED, exc.detail, None
    except ReadOnlyError as exc:
        state.state, state.row = NEWER, None
        state.detail = exc.message.removeprefix(f"{path}: ")
    except NotFoundError:
        state.state, state.detail, state.row = DAMAGED, "not found", None
    return state


def _slow(path: Path, data: object):
    """The model's verdict (and its note-free error) for anything not in the plain form."""
    from coachcli.storage.sessionfile import parse_session

    session = parse_session(path, data)
    return session_row(session.model_dump(mode="json"))
