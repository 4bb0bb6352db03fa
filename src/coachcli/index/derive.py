"""One session file read for the index: its identity on disk and its row, or why it cannot be read.

Only regular files are read (opened non-blocking without following a symlink, so a FIFO or a
link in the sessions folder is reported, never waited on or followed), at most
``MAX_FILE_BYTES``. The identity (inode, size, mtime, ctime) is taken from the open file, so it
describes the bytes that were read. A file in the plain form coach writes is checked by
``validate.plainly_valid``; anything else goes through the pydantic model, which decides.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

from coachcli.core.errors import DamagedFileError, NotFoundError, ReadOnlyError
from coachcli.index.rows import DAMAGED, NEWER, FileState, session_row
from coachcli.index.validate import plainly_valid
from coachcli.storage.sessionfile import MAX_FILE_BYTES

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)


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
        chunks = []
        left = MAX_FILE_BYTES + 1
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
    state = _state(name, st)
    data = None
    if b"\\u" not in raw or b"\\ud" not in raw.lower():  # no escaped surrogate to check
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            data = None
    if data is not None and plainly_valid(data):
        state.row = session_row(data)
    else:
        path = folder / name
        try:
            state.row = _slow(path, raw)
        except DamagedFileError as exc:
            state.state, state.detail = DAMAGED, exc.detail
            return state
        except ReadOnlyError as exc:
            state.state, state.detail = NEWER, exc.message.removeprefix(f"{path}: ")
            return state
        except NotFoundError:
            state.state, state.detail = DAMAGED, "not found"
            return state
    if state.row["id"] != name.removesuffix(".json"):
        state.state, state.detail = DAMAGED, "its id differs from the file name (a copy?)"
        state.row = None
    return state


def _slow(path: Path, raw: bytes):
    """The model's verdict (and its note-free error) for anything not in the plain form."""
    from coachcli.storage.sessionfile import parse_json_bytes, parse_session

    session = parse_session(path, parse_json_bytes(path, raw))
    return session_row(session.model_dump(mode="json"))
