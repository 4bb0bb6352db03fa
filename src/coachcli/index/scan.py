"""Which session files exist, and whether they changed: the index's freshness check.

``scan`` stats every session file (the one cost of a listing that grows with history) and
``digest`` folds names, mtimes and sizes into one value that the cached index sections carry,
so a section is used only when it describes exactly the files on disk.
"""

from __future__ import annotations

import os
from array import array
from typing import TYPE_CHECKING

from coachcli.core.errors import DamagedFileError
from coachcli.core.ids import SESSION_FILE_NAMES

if TYPE_CHECKING:
    from pathlib import Path

    from coachcli.storage.store import Store

INDEX_VERSION = 3  # 2: rows carry next_meeting and checkin_scale, people next_meeting; 3: kind
SCAN_CHUNK = 512

Scan = tuple[list[str], list[int], list[int]]  # file names (sorted), mtime_ns, sizes


def scan(store: Store) -> Scan:
    """Names, mtime_ns and sizes of every session file, sorted by name (= by date).

    The hot loop of every listing: one ``stat`` per file (relative to an open folder where the
    platform allows it: shorter path lookups), nothing else per file in Python.
    """
    folder = store.sessions_dir
    try:
        listing = "\n".join(os.listdir(folder))
        relative = os.stat in os.supports_dir_fd
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if relative else None
    except (FileNotFoundError, NotADirectoryError):
        return [], [], []
    except OSError as exc:
        raise DamagedFileError(
            folder, f"cannot list the folder: {exc.strerror or exc}", hint="run `coach doctor`"
        ) from None
    names = sorted(SESSION_FILE_NAMES.findall(listing))
    mtimes: list[int] = []
    sizes: list[int] = []
    try:
        try:
            # In chunks: a stat result is ~700 bytes, 10,000 at once would be 7 MB of peak memory.
            for start in range(0, len(names), SCAN_CHUNK):
                stats = _stat_all(folder, names[start : start + SCAN_CHUNK], fd)
                mtimes += [st.st_mtime_ns for st in stats]
                sizes += [st.st_size for st in stats]
        except OSError:  # a file went away meanwhile: the slow way, skipping it
            names, stats = _stat_each(folder, names, fd)
            mtimes = [st.st_mtime_ns for st in stats]
            sizes = [st.st_size for st in stats]
    finally:
        if fd is not None:
            os.close(fd)
    return names, mtimes, sizes


def _stat_all(folder: Path, names: list[str], fd: int | None) -> list[os.stat_result]:
    stat = os.stat
    if fd is not None:
        return [stat(name, dir_fd=fd) for name in names]
    return [stat(os.path.join(folder, name)) for name in names]


def _stat_each(folder: Path, names: list[str], fd: int | None) -> tuple[list, list]:
    kept, stats = [], []
    for name in names:
        try:
            st = os.stat(name, dir_fd=fd) if fd is not None else os.stat(folder / name)
        except OSError:
            continue
        kept.append(name)
        stats.append(st)
    return kept, stats


def columns(stats: list[tuple[str, int, int]]) -> Scan:
    return [s[0] for s in stats], [s[1] for s in stats], [s[2] for s in stats]


def digest(scan: Scan) -> str:
    try:
        from _blake2 import blake2b  # hashlib would load OpenSSL first (~3 ms)
    except ImportError:  # pragma: no cover - other interpreters
        from hashlib import blake2b
    names, mtimes, sizes = scan
    hasher = blake2b(f"v{INDEX_VERSION}\n".encode(), digest_size=16)
    hasher.update("\n".join(names).encode("utf-8", "surrogateescape"))
    hasher.update(array("q", mtimes).tobytes())
    hasher.update(array("q", sizes).tobytes())
    return hasher.hexdigest()
