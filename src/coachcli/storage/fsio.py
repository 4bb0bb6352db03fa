"""The one write path: private folders, atomic private files.

Every file coach writes goes through ``atomic_write_bytes``: the content is serialized fully
before anything touches the disk (and, in an encrypted store, encrypted: ``agefile``), written
to a temp file in the same folder (0600 whatever the umask), fsynced, moved over the target with
``os.replace`` and the folder fsynced. A crash at any moment leaves the old file or the new one,
never a mix. Temp files start with ``.tmp-`` so no listing mistakes them for sessions, and a
failed write removes its own; those left by a killed process are removed by
``remove_stale_temp_files`` (on the next locked write, or ``coach doctor --fix``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from pathlib import Path

from coachcli.core.errors import SaveError
from coachcli.storage.agefile import seal_for_path

DIR_MODE = 0o700
FILE_MODE = 0o600
TMP_PREFIX = ".tmp-"
# A temp file whose writer is not running any more is stale at once; one whose writer cannot be
# told (a reused pid, another machine on a shared folder) is stale after this long.
STALE_TEMP_SECONDS = 3600.0


def os_error_reason(exc: OSError) -> str:
    """A one-line, note-free reason for a failed file operation."""
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return "disk full"
    if exc.errno == errno.EROFS:
        return "read-only file system"
    text = exc.strerror or type(exc).__name__
    return " ".join(str(text).split())


def _save_error(path: Path, exc: OSError) -> SaveError:
    return SaveError(f"cannot write {path}: {os_error_reason(exc)}; the previous file is intact")


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and any missing parents) as 0700. Existing folders are left as they are;
    ``coach doctor`` reports (and with --fix mends) wider permissions."""
    if path.is_dir():
        return path
    missing: list[Path] = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
            os.chmod(folder, DIR_MODE)  # mkdir's mode is filtered by the umask
        except FileExistsError:
            if not folder.is_dir():
                raise SaveError(f"cannot create folder {folder}: a file is in the way") from None
        except OSError as exc:
            raise SaveError(f"cannot create folder {folder}: {os_error_reason(exc)}") from None
    if not path.is_dir():
        raise SaveError(f"cannot create folder {path}: a file is in the way")
    return path


def fsync_dir(path: Path) -> None:
    """Make a rename or unlink in ``path`` durable (best effort: not every OS allows it)."""
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


def temp_path_for(path: Path) -> Path:
    """The temp file a write of ``path`` uses: same folder, hidden, tagged with our pid."""
    return path.parent / f"{TMP_PREFIX}{path.name}.{os.getpid()}.{os.urandom(3).hex()}"


def atomic_write_bytes(path: Path, data: bytes | bytearray) -> None:
    """Replace ``path`` with ``data`` atomically; the file is 0600. Raises ``SaveError``.

    On any failure the previous file (if any) is untouched and no temp file is left behind.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("atomic_write_bytes needs bytes, serialized before the write starts")
    # An encrypted store's text files are encrypted here, before any byte touches the disk.
    data = seal_for_path(path, data)
    folder = ensure_private_dir(path.parent)
    tmp = temp_path_for(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    except OSError as exc:
        raise _save_error(path, exc) from None
    try:
        try:
            os.fchmod(fd, FILE_MODE)  # the umask filtered the mode given to open
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
        raise _save_error(path, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def remove_file(path: Path) -> bool:
    """Delete ``path`` durably. False if it was already gone; ``SaveError`` if it cannot go."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise SaveError(f"cannot remove {path}: {os_error_reason(exc)}") from None
    fsync_dir(path.parent)
    return True


def _pid_running(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but belongs to someone else
    return True


def temp_file_is_stale(name: str, mtime: float, *, now: float | None = None) -> bool:
    """True if the temp file ``name`` was left by a writer that is gone.

    Names are ``.tmp-<target>.<pid>.<random>``: a dead pid means stale; a live one is trusted
    until the file is ``STALE_TEMP_SECONDS`` old (the pid may have been reused).
    """
    if not name.startswith(TMP_PREFIX):
        return False
    parts = name.rsplit(".", 2)
    pid = int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else -1
    age = (time.time() if now is None else now) - mtime
    return age > STALE_TEMP_SECONDS or not _pid_running(pid)


def stale_temp_files(folder: Path) -> list[Path]:
    """Temp files in ``folder`` left behind by a killed process."""
    try:
        names = [n for n in os.listdir(folder) if n.startswith(TMP_PREFIX)]
    except OSError:
        return []
    found = []
    for name in sorted(names):
        path = folder / name
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode) and temp_file_is_stale(name, st.st_mtime):
            found.append(path)
    return found


def remove_stale_temp_files(folder: Path) -> int:
    """Remove temp files left by a killed process. Returns how many were removed."""
    removed = 0
    for path in stale_temp_files(folder):
        with contextlib.suppress(OSError):
            os.unlink(path)
            removed += 1
    if removed:
        fsync_dir(folder)
    return removed
