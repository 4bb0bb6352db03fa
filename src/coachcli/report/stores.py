"""Other supervisors' stores (``coach report --store DIR``), read as untrusted input.

Another store is someone else's folder, maybe synced from elsewhere and maybe tampered with.
Nothing in it is believed that is not re-derived from its session files here:

* no cache of its own is read (its ``index*.json`` files, or any other derived file): every
  session file is read and validated, and the figures are counted from it;
* no link is followed: a sessions folder that is a symbolic link is refused, and a session
  file that is a link (to one of *your* sessions, say) is skipped as damaged, so no file from
  outside the store is counted;
* only regular files of at most 16 MiB are read (``storage.readfile``): a FIFO, device or
  huge file is skipped with a note-free message, never waited on or loaded;
* a file must be named after the session id it holds, so a copy is not counted twice;
* nothing is written into it: no index, no lock.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from coachcli.core.errors import (
    CoachError,
    DamagedFileError,
    NotFoundError,
    ReadOnlyError,
    UsageError,
)
from coachcli.core.ids import SESSION_FILE_NAMES
from coachcli.index.counts import Counted, by_person_month, counted
from coachcli.index.rows import session_row


def sessions_folder(root: Path) -> Path:
    """``root/sessions``, checked: a real folder inside the store, not a link out of it."""
    if not root.is_dir():
        raise NotFoundError(f"--store {root}: no such folder")
    folder = root / "sessions"
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise UsageError(f"--store {root}: cannot read: {exc.strerror or exc}") from None
    if st is not None and stat.S_ISLNK(st.st_mode):
        raise UsageError(
            f"--store {root}: its sessions folder is a symbolic link; not followed",
            hint="pass the folder the link points at, if it is a store you mean to report on",
        )
    if st is None or not stat.S_ISDIR(st.st_mode):
        raise NotFoundError(
            f"--store {root}: not a coach store (no sessions folder)",
            hint="pass the folder that holds sessions/ (a COACH_HOME)",
        )
    return folder


def read_store_rows(root: Path, *, months: bool = False) -> tuple[list[Counted], list[CoachError]]:
    """The counted conversations of a store that is not the user's own (summed per person and
    month with ``months``), each re-derived from its session file, and a note-free error for
    every file that is skipped."""
    from coachcli.storage.sessionfile import parse_session, read_json_file

    folder = sessions_folder(root)
    try:
        listing = "\n".join(os.listdir(folder))
    except OSError as exc:
        raise UsageError(f"--store {root}: cannot list {folder}: {exc.strerror or exc}") from None
    rows: list[Counted] = []
    errors: list[CoachError] = []
    for name in sorted(SESSION_FILE_NAMES.findall(listing)):
        path = folder / name
        try:
            session = parse_session(path, read_json_file(path))
        except (DamagedFileError, ReadOnlyError) as exc:
            errors.append(exc)
            continue
        except NotFoundError:
            continue  # removed while we read
        rows.append(counted(session_row(session.model_dump(mode="json"))))
    return (by_person_month(rows) if months else rows), errors
