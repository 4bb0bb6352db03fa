"""``coach doctor``: check the whole store and mend only what is safe to mend.

Checks permissions (folders 0700, files 0600), damaged session files and drafts (path + detail,
never their text), files from a newer coachcli, files from an older one (migrated when next
changed), stale temp files, the lock, and the derived index. ``fix`` repairs permissions and
removes stale temp files, under the store lock; it never rewrites or deletes a session, draft or
backup, damaged or not.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from coachcli.core.errors import (
    CoachError,
    DamagedFileError,
    NotFoundError,
    ReadOnlyError,
    SaveError,
)
from coachcli.storage import paths
from coachcli.storage.copies import ConflictCopy, copy_in, find_copies
from coachcli.storage.doctor_layout import (
    Finding,
    Severity,
    check_layout,
    mine,
    special_file,
    store_root_problem,
)
from coachcli.storage.fsio import (
    DIR_MODE,
    FILE_MODE,
    TMP_PREFIX,
    os_error_reason,
    stale_temp_files,
)
from coachcli.storage.sessionfile import parse_session, read_json_file
from coachcli.storage.store import Store

SYMLINK = "a symbolic link in the store (not followed)"


@dataclass
class Report:
    root: Path
    exists: bool = True
    sessions: int = 0
    drafts: int = 0
    backups: int = 0
    findings: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)

    @property
    def damaged(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "damaged"]

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "info"]

    @property
    def healthy(self) -> bool:
        return not self.problems

    @property
    def exit_code(self) -> int:
        """3 when something is damaged, 4 when coach cannot use the store as it is (and cannot
        fix it), else 0 (what is left can be fixed with --fix, or is only a note)."""
        from coachcli.core.errors import ExitCode

        if self.damaged:
            return int(ExitCode.DAMAGED)
        if any(f.severity == "blocked" for f in self.findings):
            return int(ExitCode.SAVE_FAILED)
        return int(ExitCode.OK)

    def to_dict(self) -> dict:
        return {
            "root": str(self.root),
            "exists": self.exists,
            "sessions": self.sessions,
            "drafts": self.drafts,
            "backups": self.backups,
            "healthy": self.healthy,
            "findings": [f.to_dict() for f in self.findings],
            "fixed": [f.to_dict() for f in self.fixed],
        }


def _mode(st: os.stat_result) -> int:
    return stat.S_IMODE(st.st_mode)


def check_permissions(root: Path) -> list[Finding]:
    """Folders wider than 0700 and files wider than 0600 anywhere in the store."""
    found: list[Finding] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        base = Path(folder)
        entries = [(base, DIR_MODE, "folder")]
        entries += [(base / n, FILE_MODE, "file") for n in files if not n.startswith(TMP_PREFIX)]
        for path, want, what in entries:
            try:
                st = os.lstat(path)
            except OSError:
                continue
            if stat.S_ISLNK(st.st_mode):
                found.append(Finding("symlink", path, SYMLINK))
                continue
            special = special_file(path, st)
            if special is not None:
                found.append(special)
                continue
            if _mode(st) & ~want & 0o777:
                ours = mine(st)
                found.append(
                    Finding(
                        "permissions",
                        path,
                        f"{what} is {_mode(st):04o}, should be {want:04o}"
                        + ("" if ours else f"; owned by uid {st.st_uid}, so coach cannot fix it"),
                        fixable=ours,
                    )
                )
        for name in list(dirs):
            if os.path.islink(base / name):
                found.append(Finding("symlink", base / name, SYMLINK))
                dirs.remove(name)
    return found


def _check_sessions(store: Store, report: Report) -> None:
    from coachcli.core.model import SCHEMA_VERSION
    from coachcli.storage.migrate import file_version

    files = _listed(report, store.session_files)
    items: dict[str, Path] = {}  # item id -> the first file holding it
    for path in files:
        try:
            data = read_json_file(path)
            session = parse_session(path, data)
        except DamagedFileError as exc:
            report.findings.append(Finding("damaged", path, _damage(store, exc), "damaged"))
            continue
        except ReadOnlyError:
            version = file_version(data)
            report.findings.append(
                Finding(
                    "newer-version",
                    path,
                    f"written by a newer coachcli (schema_version {version}); "
                    "read-only, left as is",
                )
            )
            continue
        except NotFoundError:
            continue
        for action in session.actions:
            first = items.setdefault(action.id, path)
            if first != path:
                report.findings.append(
                    Finding(
                        "duplicate-id",
                        path,
                        f"item {action.id} is also in {first.name}; `coach followup` will not "
                        "change it until one copy is moved out of the store",
                    )
                )
        report.sessions += 1
        version = file_version(data)
        if version is not None and version < SCHEMA_VERSION:
            report.findings.append(
                Finding(
                    "older-version",
                    path,
                    f"schema_version {version}: read by migrating in memory; backed up and "
                    "upgraded when next changed",
                    "info",
                )
            )
    try:
        names = sorted(os.listdir(store.sessions_dir))
    except OSError:
        names = []
    known = {p.name for p in files}
    for name in names:
        if copy_in(store.sessions_dir, name, "session") is not None:
            continue  # a conflict copy: ``check_copies`` names it
        if name not in known and not name.startswith(TMP_PREFIX):
            report.findings.append(
                Finding("stray", store.sessions_dir / name, "not a session file; ignored", "info")
            )


def read_copy(copy: ConflictCopy) -> object:
    """The copy validated as what its original is (a session holding the original's id, or a
    goals file), or a ``DamagedFileError``/``ReadOnlyError`` naming the copy."""
    from coachcli.storage.goals import parse_mentee

    data = read_json_file(copy.path)
    try:
        if copy.kind == "session":
            return parse_session(copy.original, data)
        return parse_mentee(copy.original, data)
    except DamagedFileError as exc:
        raise DamagedFileError(copy.path, exc.detail) from None
    except ReadOnlyError as exc:
        exc.path = copy.path
        raise


def check_copies(store: Store) -> list[Finding]:
    """Each conflict copy a folder-sync tool left (``storage.copies``), by path: one that can
    be merged (or put in place of a missing original) by ``coach doctor --fix``, or a damaged
    one, which is never rewritten or deleted."""
    found: list[Finding] = []
    for copy in find_copies(store.root):
        said = f"a {copy.tool} conflicted copy of {copy.what}"
        try:
            read_copy(copy)
        except DamagedFileError as exc:
            found.append(
                Finding(
                    "damaged", copy.path, f"{said} that cannot be read: {exc.detail}", "damaged"
                )
            )
            continue
        except ReadOnlyError:
            found.append(
                Finding(
                    "conflict-copy", copy.path, f"{said}, written by a newer coachcli; left as is"
                )
            )
            continue
        except NotFoundError:
            continue
        if os.path.lexists(copy.original):
            detail = f"{said}; `coach doctor --fix` merges it into {copy.original.name}"
        else:
            detail = f"{said}, whose own file is missing; `coach doctor --fix` puts it in place"
        found.append(Finding("conflict-copy", copy.path, detail, fixable=True))
    return found


def _listed(report: Report, files: Callable[[], list[Path]]) -> list[Path]:
    """A folder's files, or none and a finding when the folder cannot be listed."""
    try:
        return files()
    except DamagedFileError as exc:
        report.findings.append(Finding("store", Path(str(exc.path)), exc.detail, "blocked"))
        return []


def _damage(store: Store, exc: DamagedFileError) -> str:
    """The detail, naming the other file when this one is a copy of a session that exists."""
    held = getattr(exc, "held_id", None)
    if isinstance(held, str):
        try:
            original = store.session_path(held)
        except CoachError:
            return exc.detail
        if os.path.lexists(original):
            return f"{exc.detail}; a duplicate of session {held} ({original.name})"
    return exc.detail


def _check_drafts(store: Store, report: Report) -> None:
    for path in _listed(report, store.draft_files):
        try:
            store.load_draft(path)
        except DamagedFileError as exc:
            report.findings.append(Finding("damaged", path, exc.detail, "damaged"))
        except NotFoundError:
            continue
        else:
            report.drafts += 1
    if report.drafts:
        plural = "s" if report.drafts != 1 else ""
        report.findings.append(
            Finding("drafts", store.drafts_dir, f"{report.drafts} unfinished draft{plural}", "info")
        )


def _check_lock(store: Store, report: Report) -> None:
    from filelock import FileLock, Timeout

    lock_file = store.lock_path
    try:
        if not stat.S_ISREG(os.lstat(lock_file).st_mode):
            return  # reported by check_layout: never opened
    except OSError:
        return  # missing, or its folder cannot be reached (``_check_local_state`` says so)
    probe = FileLock(str(lock_file), mode=0o600)  # an older filelock chmods to its default
    try:
        probe.acquire(timeout=0)
    except Timeout:
        report.findings.append(
            Finding("lock", lock_file, "held by another coach process right now", "info")
        )
    except OSError as exc:
        report.findings.append(
            Finding("lock", lock_file, f"cannot be taken: {exc.strerror or type(exc).__name__}")
        )
    else:
        probe.release()


def _check_local_state(store: Store, report: Report) -> None:
    """This machine's state folder for the store (the lock): private like the store. A lock
    file an older coachcli left in the data folder is noted (removed on the next change)."""
    folder = paths.state_dir(store.root)
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        st = None  # created with the first change
    except OSError as exc:
        report.findings.append(
            Finding(
                "lock",
                folder,
                f"this machine's folder for the store lock cannot be checked: "
                f"{os_error_reason(exc)}; coach cannot change anything in the store",
                "blocked",
            )
        )
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        report.findings.extend(check_permissions(folder))
    legacy = paths.legacy_lock_path(store.root)
    try:
        regular = stat.S_ISREG(os.lstat(legacy).st_mode)
    except OSError:
        return
    if regular:
        report.findings.append(
            Finding(
                "lock",
                legacy,
                "the lock of an older coachcli (the lock now lives in this machine's state "
                f"folder, {store.lock_path.parent}); removed on the next change",
                "info",
            )
        )


def _check_index(store: Store, report: Report) -> None:
    """The derived index in the local cache folder: only what is in its way is a problem (the
    index itself is checked against every session file by ``coach doctor``, and rebuilt when
    it does not hold up); JSON index files of older versions are noted (removed on next use)."""
    main = paths.index_path(store.root)
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{main}{suffix}")
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISDIR(st.st_mode):
            report.findings.append(
                Finding(
                    "index",
                    path,
                    "a folder in the index's place: coach reads the session files directly "
                    "(slower) until it is moved away",
                )
            )
        elif not stat.S_ISREG(st.st_mode):
            report.findings.append(
                Finding("index", path, "not a regular file; removed on the next read", "info")
            )
    for name in paths.LEGACY_INDEX_NAMES:
        path = store.root / name
        if os.path.lexists(path):
            report.findings.append(
                Finding(
                    "index",
                    path,
                    "an index file of an older coachcli (the index now lives in the cache "
                    "folder); removed on the next read",
                    "info",
                )
            )


def _check_temp_files(store: Store, report: Report) -> None:
    for folder, _dirs, _files in os.walk(store.root, followlinks=False):
        for path in stale_temp_files(Path(folder)):
            report.findings.append(
                Finding("stale-temp", path, "temp file left by an interrupted write", fixable=True)
            )


def _check_encryption(store: Store, report: Report) -> None:
    """Encryption (``coach help encryption``): this device's identity and the recipients, files
    left in plaintext or encrypted to fewer devices, files this device cannot decrypt."""
    from coachcli.storage.encryption import problems

    for kind, path, detail in problems(store):
        severity: Severity = "damaged" if kind == "no-key" else "warning"
        report.findings.append(Finding(kind, path, detail, severity))


def check(store: Store, *, probe_lock: bool = True) -> Report:
    """Look at everything; change nothing. (``probe_lock=False`` when we hold the lock.)"""
    report = Report(store.root)
    if not os.path.lexists(store.root):
        report.exists = False
        return report
    problem = store_root_problem(store.root)
    if problem is not None:
        report.findings.append(problem)
        return report
    report.findings.extend(check_layout(store))
    report.findings.extend(check_permissions(store.root))
    _check_encryption(store, report)
    _check_sessions(store, report)
    report.findings.extend(check_copies(store))
    _check_drafts(store, report)
    report.backups = len(_listed(report, store.backup_files))
    _check_temp_files(store, report)
    if probe_lock:
        _check_lock(store, report)
    _check_local_state(store, report)
    _check_index(store, report)
    report.findings = _once_per_path(report.findings)
    return report


def _once_per_path(findings: list[Finding]) -> list[Finding]:
    """A FIFO named like a session is found by the walk and by the session check: say it once
    (the first finding that a path is damaged, special or a link)."""
    out: list[Finding] = []
    seen: set[Path] = set()
    for finding in findings:
        key = finding.kind in ("lock", "special", "damaged", "symlink")
        if key and finding.path in seen:
            continue
        if key:
            seen.add(finding.path)
        out.append(finding)
    return out


def fix(store: Store) -> Report:
    """Mend permissions and remove stale temp files under the lock; return the new report
    with what was fixed in ``fixed``. Damaged files are left exactly as they are."""
    fixed: list[Finding] = []
    first = check(store)
    if not first.exists or any(f.kind == "store" and f.path == store.root for f in first.findings):
        return first  # no folder to lock or mend: say what is wrong, change nothing
    before = first.findings
    with contextlib.ExitStack() as held:
        try:
            held.enter_context(store.lock())  # taking it also sweeps stale temp files
        except SaveError as exc:  # the lock cannot be taken here: say so, change nothing
            if not any(f.kind == "lock" and f.severity == "blocked" for f in first.findings):
                first.findings.append(Finding("lock", store.lock_path, str(exc), "blocked"))
            return first
        for finding in before + check(store, probe_lock=False).findings:
            if finding in fixed:
                continue
            if not finding.fixable:
                continue
            try:
                if finding.kind == "permissions":
                    want = DIR_MODE if finding.path.is_dir() else FILE_MODE
                    os.chmod(finding.path, want, follow_symlinks=False)
                elif finding.kind == "stale-temp":
                    os.unlink(finding.path)
                else:
                    continue
            except FileNotFoundError:
                pass  # gone: the lock sweep removes stale temp files
            except OSError:
                continue
            fixed.append(finding)
    report = check(store)
    report.fixed = fixed
    return report


def render(report: Report) -> list[str]:
    """The report as plain lines: paths, counts and details only, never note text."""
    if not report.exists:
        return [f"No store yet at {report.root}: nothing to check."]
    lines = [
        f"Store: {report.root}",
        f"  {report.sessions} readable session{'s' if report.sessions != 1 else ''}, "
        f"{report.drafts} draft{'s' if report.drafts != 1 else ''}, "
        f"{report.backups} backup{'s' if report.backups != 1 else ''}",
    ]
    for finding in report.fixed:
        lines.append(f"  fixed      {finding.path}: {finding.detail}")
    order = {"damaged": 0, "blocked": 1, "warning": 2, "info": 3}
    labels = {"damaged": "DAMAGED", "blocked": "CANNOT FIX", "warning": "problem", "info": "note"}
    for finding in sorted(report.findings, key=lambda f: order[f.severity]):
        label = labels[finding.severity]
        lines.append(f"  {label:<10} {finding.path}: {finding.detail}")
    fixable = sum(1 for f in report.findings if f.fixable)
    damaged = len(report.damaged)
    if report.healthy:
        lines.append("Healthy.")
    else:
        summary = []
        if damaged:
            summary.append(
                f"{damaged} damaged file{'s' if damaged != 1 else ''} (left untouched: "
                "restore from a backup or move out of the store)"
            )
        blocked = sum(1 for f in report.findings if f.severity == "blocked")
        if blocked:
            summary.append(
                f"{blocked} problem{'s' if blocked != 1 else ''} coach cannot fix "
                "(it cannot use this store as it is)"
            )
        if fixable:
            summary.append(f"{fixable} can be fixed with `coach doctor --fix`")
        other = len(report.problems) - damaged - blocked - fixable
        if other:
            summary.append(f"{other} other problem{'s' if other != 1 else ''}")
        lines.append("Found: " + "; ".join(summary) + ".")
    return lines
