"""``coach doctor --fix``: merge the conflict copies folder-sync tools leave into their files.

Each copy (found by name, ``storage.copies``) is validated first; a damaged one, or one from a
newer coachcli, is left exactly as it is (``coach doctor`` names it). A valid copy whose file is
missing is renamed into its place. Otherwise the two are merged with the merge ``coach sync``
uses (``sync.merge``), with no common ancestor: what either side added is kept, a field empty on
one side takes the other's value, and a field the two hold two ways is settled by the sync
rule (inside a next step, the side whose status history is newer; anywhere else this store's
file) and reported by session and field, never by its text. The merged file is validated and
written atomically (a session through the store, so an older version is backed up and the
index follows); only then is the copy removed, and only when it holds nothing the merged file
lacks: a copy whose value lost a conflict stays, so nothing is lost, and is reported.

All of it runs under the store lock.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from typing import Any

from coachcli.core.errors import CoachError, SaveError
from coachcli.storage.copies import ConflictCopy, find_copies
from coachcli.storage.doctor import Finding, Report, read_copy
from coachcli.storage.fsio import FILE_MODE, atomic_write_bytes, fsync_dir, remove_file
from coachcli.storage.sessionfile import read_json_file
from coachcli.storage.store import Store
from coachcli.sync.merge import MISSING, Conflict, merge


@dataclass
class Mended:
    fixed: list[Finding] = field(default_factory=list)  # merged or put in place, copy removed
    kept: list[Finding] = field(default_factory=list)  # merged, copy left (a true conflict)

    def annotate(self, report: Report) -> None:
        """Put what was done into ``report``: the fixed copies, and each kept copy's finding
        replaced by one naming the fields that differ."""
        report.fixed[:0] = self.fixed
        kept = {f.path: f for f in self.kept}
        report.findings = [
            kept.pop(f.path) if f.kind == "conflict-copy" and f.path in kept else f
            for f in report.findings
        ]
        report.findings.extend(kept.values())


def _fields(conflicts: list[Conflict]) -> str:
    names = [c.path for c in conflicts]
    shown = ", ".join(names[:5])
    return shown + (f" and {len(names) - 5} more" if len(names) > 5 else "")


def _put_in_place(copy: ConflictCopy) -> None:
    """Rename the copy to its missing original's name (never over a file that appeared)."""
    try:
        os.link(copy.path, copy.original)  # fails if the name is taken
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if os.path.lexists(copy.original):
            raise FileExistsError(copy.original) from None
        os.rename(copy.path, copy.original)
    else:
        os.unlink(copy.path)
    os.chmod(copy.original, FILE_MODE)
    fsync_dir(copy.original.parent)


def _write(store: Store, copy: ConflictCopy, data: Any) -> None:
    """Validate the merged JSON as what the original is, then write it atomically."""
    from coachcli.storage.goals import parse_mentee
    from coachcli.storage.sessionfile import parse_session

    if copy.kind == "session":
        store.write_session(parse_session(copy.original, data))
    else:
        atomic_write_bytes(copy.original, parse_mentee(copy.original, data).to_json_bytes())


def _two_values(conflicts: list[Conflict]) -> str:
    n = len(conflicts)
    return f"{n} field{'s' * (n != 1)} hold{'s' * (n == 1)} two values ({_fields(conflicts)})"


def _mend_one(store: Store, copy: ConflictCopy, mended: Mended, *, write: bool) -> None:
    said = f"a {copy.tool} conflicted copy of {copy.what}"
    try:
        read_copy(copy)  # damaged or newer: left as it is; doctor names it
    except CoachError:
        return
    if not os.path.lexists(copy.original):
        if not write:
            return  # doctor's own finding says it will be put in place
        try:
            _put_in_place(copy)
        except OSError:
            return  # reported again by doctor, as before
        mended.fixed.append(
            Finding("conflict-copy", copy.path, f"{said}: put in place of its missing file")
        )
        return
    try:
        ours = read_json_file(copy.original)
        theirs = read_json_file(copy.path)
        merged = merge(MISSING, ours, theirs)
        if write and merged.data != ours:
            _write(store, copy, merged.data)
    except CoachError:
        return  # the original is damaged or newer, or the write failed: doctor names it
    lost = [c for c in merged.conflicts if c.kept == "ours"]
    taken = [c for c in merged.conflicts if c.kept == "theirs"]
    if lost and not write:
        detail = (
            f"{said}: {_two_values(lost)}; `coach doctor --fix` merges the rest into "
            f"{copy.original.name}, keeps this store's values and leaves the copy"
        )
        mended.kept.append(Finding("conflict-copy", copy.path, detail))
        return
    if lost:
        detail = (
            f"{said}: merged into {copy.original.name}, but {_two_values(lost)}; this "
            "store's value was kept and the copy left, so the other is not lost: take what "
            "you want from it (`coach edit`), then delete the copy"
        )
        mended.kept.append(Finding("conflict-copy", copy.path, detail))
        return
    if not write:
        return
    try:
        remove_file(copy.path)
    except CoachError:
        return
    detail = f"{said}: merged into {copy.original.name}"
    if taken:
        detail += f"; the copy's value was kept for {_fields(taken)} (its history is newer)"
    mended.fixed.append(Finding("conflict-copy", copy.path, detail))


def preview_copies(store: Store) -> Mended:
    """What ``mend_copies`` would do, changing nothing: the copies it would leave (a field held
    two ways), so ``coach doctor`` does not promise a fix it cannot make."""
    mended = Mended()
    for copy in find_copies(store.root):
        with contextlib.suppress(FileNotFoundError):
            _mend_one(store, copy, mended, write=False)
    return mended


def mend_copies(store: Store) -> Mended:
    """Merge every conflict copy in the store into its file (under the store lock)."""
    mended = Mended()
    if not find_copies(store.root):
        return mended
    with contextlib.ExitStack() as held:
        try:
            held.enter_context(store.lock())
        except SaveError:
            return mended  # the lock cannot be taken here: doctor's own fix reports why
        for copy in find_copies(store.root):  # again, under the lock
            with contextlib.suppress(FileNotFoundError):
                _mend_one(store, copy, mended, write=True)
    return mended
