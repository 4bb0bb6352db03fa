"""The one way coach opens a file to read it: regular files only, bounded, symlinks by one rule.

Every read of a store file (sessions, drafts, backups, user banks, the report salt, what
``forget`` and ``doctor`` look through) and of an answers file goes through ``read_bounded``
or ``stream_chunks``:

* only a regular file is read. A FIFO, socket, device or folder is refused before a byte is
  read, so nothing can block: the file is opened with ``O_NONBLOCK`` (a FIFO with no writer
  does not hang the open) and then ``fstat`` decides;
* at most ``max_bytes`` are read (a file whose size says more is refused without reading it, a
  file that grows while read is refused at ``max_bytes + 1``), so a huge or sparse file is a
  clear error, never a MemoryError or minutes of reading;
* the symlink rule (docs/session-format.md, "Symbolic links"): a file *inside the store* that
  is a symbolic link is never followed (``O_NOFOLLOW``): it is reported as damaged, whatever it
  points at. The store folder itself may be a link (a synced folder); ``report --store`` also
  refuses a sessions folder that is a link. A file the user names on the command line (``coach
  start --answers FILE``, ``coach bank validate FILE``) is followed: the user chose it.

A file that begins with the age header is decrypted (``agefile.unseal``): an encrypted store reads
like a plain one; a file this device cannot decrypt is a ``NoKeyError`` (exit 11).

Errors are ``DamagedFileError`` (exit 3) naming the path and the reason, or ``NotFoundError``
(exit 8) only when no file of that name exists at all. They never hold the file's content.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from coachcli.core.errors import DamagedFileError, NotFoundError
from coachcli.storage.agefile import MAGIC, is_sealed, unseal

if TYPE_CHECKING:
    from importlib.abc import Traversable

CHUNK = 1024 * 1024
MAX_FILE_BYTES = 16 * 1024 * 1024  # a session, draft or backup file
_KINDS = (
    (stat.S_ISREG, "a regular file"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISLNK, "a symbolic link (not followed)"),
)


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words (``a FIFO (named pipe)``, ``a folder`` …)."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return "a special file"


def size_words(limit: int) -> str:
    if limit >= 1024 * 1024 and limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MiB"
    if limit >= 1024 and limit % 1024 == 0:
        return f"{limit // 1024} KiB"
    return f"{limit} bytes"


def _reason(exc: OSError) -> str:
    return " ".join(str(exc.strerror or type(exc).__name__).split())


def open_regular(path: Path | str, *, follow: bool = False) -> tuple[int, os.stat_result]:
    """An fd open for reading on the regular file ``path``, and its ``fstat``.

    Raises ``NotFoundError`` when nothing is there and ``DamagedFileError`` for anything that is
    not a regular file (a symlink too, unless ``follow``) or cannot be opened.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        # Look before opening: a device is never opened at all (opening some has effects);
        # fstat below settles it for a file swapped in between.
        before = os.stat(path, follow_symlinks=follow)
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file") from None
    except OSError:
        before = None  # e.g. permissions: the open below says why
    if before is not None and not stat.S_ISREG(before.st_mode):
        if stat.S_ISLNK(before.st_mode):
            raise DamagedFileError(
                path, "a symbolic link; coach does not follow links inside the store"
            )
        raise DamagedFileError(path, f"{file_kind(before.st_mode)}, not a regular file")
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow:
            raise DamagedFileError(
                path, "a symbolic link; coach does not follow links inside the store"
            ) from None
        if exc.errno == errno.ENXIO:  # a socket, or a device with nothing behind it
            raise DamagedFileError(path, "a socket or device, not a regular file") from None
        raise DamagedFileError(path, f"cannot read: {_reason(exc)}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise DamagedFileError(path, f"{file_kind(st.st_mode)}, not a regular file")
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def read_bounded(path: Path | str, max_bytes: int, *, follow: bool = False) -> bytes:
    """The whole content of the regular file ``path``, at most ``max_bytes`` long."""
    fd, st = open_regular(path, follow=follow)
    try:
        if st.st_size > max_bytes:
            raise DamagedFileError(path, f"larger than {size_words(max_bytes)}; not read")
        parts: list[bytes] = []
        total = 0
        while total <= max_bytes:
            try:
                part = os.read(fd, min(CHUNK, max_bytes + 1 - total))
            except OSError as exc:
                raise DamagedFileError(path, f"cannot read: {_reason(exc)}") from None
            if not part:
                break
            parts.append(part)
            total += len(part)
    finally:
        os.close(fd)
    if total > max_bytes:
        raise DamagedFileError(path, f"larger than {size_words(max_bytes)}; not read")
    data = b"".join(parts)
    if is_sealed(data):  # an encrypted store's file: decrypted here (agefile)
        return unseal(path, data)
    return data


def stream_chunks(path: Path | str, *, chunk: int = CHUNK) -> Iterator[bytes]:
    """The content of the regular file ``path`` in chunks of at most ``chunk`` bytes, skipping
    the holes of a sparse file (they read as zeros: no text can be there), so memory stays
    bounded and a 2 GiB sparse file costs no more than its data."""
    fd, st = open_regular(path)
    try:
        if is_sealed(os.pread(fd, len(MAGIC), 0)):  # encrypted: decrypt it whole, then chunk
            whole = read_bounded(path, MAX_FILE_BYTES * 4)  # decrypts
            for start in range(0, len(whole), chunk):
                yield whole[start : start + chunk]
            return
        offset = 0
        end = st.st_size
        while offset < end:
            offset = _next_data(fd, offset)
            if offset < 0:
                return
            try:
                part = os.pread(fd, chunk, offset)
            except OSError as exc:
                raise DamagedFileError(path, f"cannot read: {_reason(exc)}") from None
            if not part:
                return
            yield part
            offset += len(part)
    finally:
        os.close(fd)


def _next_data(fd: int, offset: int) -> int:
    """The next offset at or after ``offset`` that holds data (-1 when only a hole is left)."""
    seek_data = getattr(os, "SEEK_DATA", None)
    if seek_data is None:  # pragma: no cover - Linux and macOS have it
        return offset
    try:
        return os.lseek(fd, offset, seek_data)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # nothing but a hole up to the end
            return -1
        return offset  # the file system does not say: read everything


def folder_entries(folder: Path | Traversable) -> list[Path | Traversable]:
    """What ``folder`` holds (files or resources of the package), by name; nothing when it is
    not a folder or cannot be listed."""
    try:
        if not folder.is_dir():
            return []
        return sorted(folder.iterdir(), key=lambda entry: entry.name)
    except OSError:
        return []
