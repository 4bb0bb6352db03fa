"""``coach doctor``: the store's shape, before any file in it is read.

Is the store a folder coach can use? Its folders must be folders, owned by the user running
coach and writable; the lock must be a plain file; nothing in the store may be a FIFO, socket or
device (coach never opens one, but a file of that kind where a session belongs is a problem the
user must hear about). These findings are never fixable by ``--fix``: coach does not move, chown
or delete what it did not create. They name the path and say who can fix it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from coachcli.storage.readfile import file_kind

if TYPE_CHECKING:
    from coachcli.storage.store import Store

# damaged: a file or folder that cannot be read as what it should be (exit 3); blocked: coach
# cannot use or save in the store and cannot fix it (exit 4); warning; info.
Severity = Literal["damaged", "blocked", "warning", "info"]


@dataclass
class Finding:
    kind: str  # permissions, damaged, newer-version, older-version, stale-temp, lock, index, ...
    path: Path
    detail: str
    severity: Severity = "warning"
    fixable: bool = False

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "path": str(self.path),
            "detail": self.detail,
            "severity": self.severity,
            "fixable": self.fixable,
        }


def _finding(kind: str, path: Path, detail: str, severity: Severity) -> Finding:
    return Finding(kind, path, detail, severity)


def _euid() -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") else None


def mine(st: os.stat_result) -> bool:
    """True when coach may change its mode: the user running coach owns it, or is root."""
    euid = _euid()
    return euid is None or euid == 0 or st.st_uid == euid


def foreign(st: os.stat_result) -> bool:
    """True when another user owns it (they can read and change what is inside)."""
    euid = _euid()
    return euid is not None and st.st_uid != euid


def store_root_problem(root: Path) -> Finding | None:
    """The store path itself: a folder, or a blocking finding."""
    try:
        st = os.stat(root)  # the store folder may be a link (a synced folder): followed
    except OSError as exc:
        return _finding("store", root, f"cannot be checked: {exc.strerror or exc}", "blocked")
    if not stat.S_ISDIR(st.st_mode):
        return _finding(
            "store",
            root,
            f"the store must be a folder but this is {file_kind(st.st_mode)}; coach cannot "
            "keep sessions here (move it away, or set COACH_HOME to a folder)",
            "blocked",
        )
    return None


def folders(store: Store) -> list[Path]:
    return [
        store.root,
        store.sessions_dir,
        store.drafts_dir,
        store.backups_dir,
        store.root / "banks",
        store.root / "goals",  # mentees' development goals (storage.goals)
    ]


def check_layout(store: Store) -> Iterator[Finding]:
    """Folders that are not folders, not the user's, or not writable; a lock that is not a file."""
    for folder in folders(store):
        try:
            st = os.lstat(folder)
        except FileNotFoundError:
            continue  # created when first needed
        except OSError as exc:
            yield _finding("store", folder, f"cannot be checked: {exc.strerror or exc}", "blocked")
            continue
        if folder != store.root and not stat.S_ISDIR(st.st_mode):
            yield _finding(
                "store",
                folder,
                f"should be a folder but is {file_kind(st.st_mode)}; coach cannot use it "
                "(move it out of the store)",
                "damaged",
            )
            continue
        if folder == store.root:
            st = os.stat(folder)
        if foreign(st):
            yield _finding(
                "owner",
                folder,
                f"owned by another user (uid {st.st_uid}), who can read and change your notes; "
                "coach cannot fix this (its owner or root can: chown it to you)",
                "blocked",
            )
        elif not os.access(folder, os.W_OK | os.X_OK):
            yield _finding(
                "unwritable",
                folder,
                "not writable: coach cannot save here (read-only file system or permissions); "
                "coach cannot fix this",
                "blocked",
            )
    yield from _check_lock_file(store.lock_path)
    yield from _check_own_files(store.root)


OWN_FILES = ("report-salt",)  # files coach keeps in the store root besides sessions


def _check_own_files(root: Path) -> Iterator[Finding]:
    for name in OWN_FILES:
        path = root / name
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISDIR(st.st_mode):  # links and special files: found by the walk
            yield _finding(
                "store",
                path,
                f"should be a file but is {file_kind(st.st_mode)}; coach never follows or opens "
                "it (move it out of the store)",
                "damaged",
            )


def _check_lock_file(lock: Path) -> Iterator[Finding]:
    try:
        st = os.lstat(lock)
    except OSError:
        return
    if not stat.S_ISREG(st.st_mode):
        yield _finding(
            "lock",
            lock,
            f"the lock must be a file but this is {file_kind(st.st_mode)}; every change fails "
            "until it is moved away",
            "blocked",
        )


def special_file(path: Path, st: os.stat_result) -> Finding | None:
    """A FIFO, socket or device inside the store: coach never opens it; the user should know."""
    mode = st.st_mode
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode):
        return None
    return _finding(
        "special",
        path,
        f"{file_kind(mode)} where coach keeps only files; it is skipped, never opened "
        "(move it out of the store)",
        "damaged",
    )
