"""``coach doctor``: check the whole store and mend only what is safe to mend.

Checks permissions (folders 0700, files 0600), damaged session files and drafts (path + detail,
never their text), files from a newer coachcli, files from an older one (migrated when next
changed), stale temp files, the lock, and the derived index. ``fix`` repairs permissions and
removes stale temp files, under the store lock; it never rewrites or deletes a session, draft or
backup, damaged or not.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from coachcli.core.errors import CoachError, DamagedFileError, NotFoundError, ReadOnlyError
from coachcli.storage import paths
from coachcli.storage.doctor_layout import (
    Finding,
    Severity,
    check_layout,
    mine,
    special_file,
    store_root_problem,
)
from coachcli.storage.fsio import DIR_MODE, FILE_MODE, TMP_PREFIX, stale_temp_files
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
        if name not in known and not name.startswith(TMP_PREFIX):
            report.findings.append(
                Finding("stray", store.sessions_dir / name, "not a session file; ignored", "info")
            )


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
    if not lock_file.is_file() or lock_file.is_symlink():
        return  # missing, or reported by check_layout: never opened
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
    _check_drafts(store, report)
    report.backups = len(_listed(report, store.backup_files))
    _check_temp_files(store, report)
    if probe_lock:
        _check_lock(store, report)
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
    with store.lock():  # taking it also sweeps stale temp files
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
