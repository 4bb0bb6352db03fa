"""The one write path: private folders, atomic private files.

Every file coach writes goes through ``atomic_write_bytes``: the content is serialized fully
before anything touches the disk, written to a temp file in the same folder (0600 whatever the
umask), fsynced, moved over the target with ``os.replace`` and the folder fsynced. A crash at any
moment leaves the old file or the new one, never a mix. Temp files start with ``.tmp-`` so no
listing mistakes them for sessions, and a failed write removes its own.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from coachcli.errors import SaveError

DIR_MODE = 0o700
FILE_MODE = 0o600
TMP_PREFIX = ".tmp-"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) as 0700 if missing. Existing folders are left as they are;
    ``coach doctor`` reports (and with --fix mends) wider permissions."""
    if not path.is_dir():
        try:
            path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            os.chmod(path, DIR_MODE)  # mkdir's mode is filtered by the umask
        except OSError as exc:
            raise SaveError(f"cannot create folder {path}: {exc.strerror or exc}") from None
    return path


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; the file is 0600. Raises ``SaveError``."""
    folder = ensure_private_dir(path.parent)
    tmp = folder / f"{TMP_PREFIX}{path.name}.{os.getpid()}.{os.urandom(3).hex()}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    except OSError as exc:
        raise SaveError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        reason = "disk full" if exc.errno in (errno.ENOSPC, errno.EFBIG) else exc.strerror
        raise SaveError(
            f"cannot write {path}: {reason or exc}; the previous file is intact"
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def remove_stale_temp_files(folder: Path) -> int:
    """Remove temp files left by a killed process. Returns how many were removed."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if entry.name.startswith(TMP_PREFIX) and entry.is_file(follow_symlinks=False):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed += 1
    return removed
