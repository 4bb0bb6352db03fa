"""Session files and drafts on disk: one JSON file per session, written atomically, under a lock.

The JSON session files are the source of truth. Reads never modify a file; a file that cannot be
read is reported with its path and the position or field (never its text) and left alone. Files
from a newer coachcli are read-only; older ones are migrated in memory (``storage.migrate``) and
backed up before their first rewrite. Every read-modify-write holds the store lock, and only for
that: a lock held elsewhere for longer than ``LOCK_TIMEOUT`` is a ``StoreBusyError``, not a hang.
The lock file lives in this machine's state folder (``paths.lock_path``), never in the data
folder, so a synced folder never carries it.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachcli.core.errors import (
    DamagedFileError,
    NotFoundError,
    ReadOnlyError,
    SaveError,
    StoreBusyError,
    UsageError,
)
from coachcli.core.ids import DRAFT_ID, SESSION_ID
from coachcli.storage import paths
from coachcli.storage.fsio import (
    TMP_PREFIX,
    atomic_write_bytes,
    ensure_private_dir,
    os_error_reason,
    remove_file,
    remove_stale_temp_files,
)
from coachcli.storage.sessionfile import newer_version_error, parse_session, read_json_file

if TYPE_CHECKING:
    from coachcli.core.model import Session
    from coachcli.core.parts import Session as NewSession

LOCK_TIMEOUT = 10.0  # seconds; COACH_LOCK_TIMEOUT overrides it
_held = threading.local()  # store locks this thread holds: path -> depth

# Called after a session file is written or removed, with the lock still held: (store, file
# name, the sessions folder's mtime_ns before the change). The derived index registers itself
# here (``coachcli.index.cache``) to update that one row. A watcher must not raise: caches are
# advisory, and the write has already happened.
Watcher = Callable[["Store", str, int], None]
WATCHERS: list[Watcher] = []


def _folder_mtime(folder: Path) -> int:
    try:
        return os.stat(folder).st_mtime_ns
    except OSError:
        return -1


def lock_timeout(default: float = LOCK_TIMEOUT) -> float:
    try:
        value = float(os.environ.get("COACH_LOCK_TIMEOUT", default))
    except ValueError:
        return default
    return value if value >= 0 else default


def _check_lock_file(lock_file: Path) -> None:
    """A FIFO, folder or link where the lock file should be could block or mislead the lock:
    refuse it (nothing is changed) rather than open it."""
    import stat

    from coachcli.storage.readfile import file_kind

    try:
        st = os.lstat(lock_file)
    except OSError:
        return  # missing: created below; other errors surface when it is opened
    if not stat.S_ISREG(st.st_mode):
        raise SaveError(
            f"cannot lock the store: {lock_file} is {file_kind(st.st_mode)}, not a file; "
            "nothing was changed",
            hint="move it away, then try again (`coach doctor` lists it)",
        )


def _retire_legacy_lock(legacy: Path, wait: float) -> None:
    """Remove the ``.lock`` an earlier coachcli kept in the data folder (a folder-sync tool or
    git would carry it to other machines). Called with the new lock held; the old one is taken
    first, so an older coach still running on this store finishes its change before it goes.
    Anything but a plain file there is left alone (``coach doctor`` names it)."""
    import stat

    try:
        if not stat.S_ISREG(os.lstat(legacy).st_mode):
            return
    except OSError:
        return  # none: the usual case, one lstat
    try:
        old = _waited_lock(legacy, wait, holder="an older coach process")
    except OSError:
        return  # a read-only store: it is harmless where it is
    try:
        remove_file(legacy)
    except SaveError:
        pass  # cannot go (read-only folder): harmless, retried next time
    finally:
        old.release()


def _unlistable(folder: Path, exc: OSError) -> DamagedFileError:
    """A store folder that exists but cannot be listed (permissions, I/O): exit 3, named."""
    return DamagedFileError(
        folder, f"cannot list the folder: {os_error_reason(exc)}", hint="run `coach doctor`"
    )


def _mtime_ns(entry: os.DirEntry) -> int:
    """The entry's own mtime (a link is not followed; one that vanished sorts last)."""
    try:
        return entry.stat(follow_symlinks=False).st_mtime_ns
    except OSError:
        return 0


class _Flock:
    """The store lock taken at once with ``flock``, as filelock takes it on this platform (the
    same lock on the same file: coach processes using either exclude each other)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def release(self) -> None:
        import fcntl

        try:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        finally:
            os.close(self.fd)


def _free_lock(lock_file: Path) -> _Flock | None:
    """The lock when nobody holds it, without importing filelock (~10 ms of every change);
    None when it is held, or ``flock`` cannot be used here (filelock then waits, or falls back
    to its own way for such a file system)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not a POSIX system
        return None
    try:
        fd = os.open(lock_file, os.O_RDWR | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None  # filelock opens it itself and says why it cannot
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return _Flock(fd)


def _waited_lock(lock_file: Path, wait: float, holder: str = "another coach process") -> Any:
    """The lock through filelock, waiting up to ``wait`` seconds: ``StoreBusyError`` after."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(lock_file), mode=0o600)
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise StoreBusyError(
            f"the store is busy: waited {wait:g} s for the lock {lock_file}, held by {holder}",
            hint="wait for the other coach command to finish, then try again",
        ) from None
    return lock


@dataclass
class Store:
    root: Path

    @classmethod
    def default(cls) -> Store:
        return cls(paths.data_dir())

    @property
    def sessions_dir(self) -> Path:
        return paths.sessions_dir(self.root)

    @property
    def drafts_dir(self) -> Path:
        return paths.drafts_dir(self.root)

    @property
    def backups_dir(self) -> Path:
        return paths.backups_dir(self.root)

    @property
    def lock_path(self) -> Path:
        return paths.lock_path(self.root)

    def ensure(self) -> None:
        for folder in (self.root, self.sessions_dir, self.drafts_dir):
            ensure_private_dir(folder)

    # -- locking -------------------------------------------------------------------------
    @contextmanager
    def lock(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the store lock for one read-modify-write. Never hold it across a prompt.

        Re-entrant within a thread (a locked caller may call ``update_session``). The outermost
        acquisition removes temp files a killed writer left in the small folders; the sessions
        folder (maybe 10,000 files) is swept by ``write_session`` only.
        """
        wait = lock_timeout() if timeout is None else timeout
        ensure_private_dir(self.root)
        lock_file = self.lock_path
        key = str(lock_file)
        depth: dict[str, int] = _held.__dict__.setdefault("depth", {})
        if depth.get(key):
            depth[key] += 1
            try:
                yield
            finally:
                depth[key] -= 1
            return
        _check_lock_file(lock_file)
        try:
            ensure_private_dir(lock_file.parent)
            if not lock_file.exists():
                os.close(os.open(lock_file, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, 0o600))
            lock = _free_lock(lock_file) or _waited_lock(lock_file, wait)
        except SaveError as exc:  # its folder cannot be made
            raise SaveError(f"cannot lock the store: {exc}; nothing was changed") from None
        except OSError as exc:  # e.g. a read-only state folder: nothing can be changed
            raise SaveError(
                f"cannot lock the store ({lock_file}): {os_error_reason(exc)}; nothing was changed"
            ) from None
        depth[key] = 1
        try:
            _retire_legacy_lock(paths.legacy_lock_path(self.root), wait)
            for folder in (self.root, self.backups_dir, self.drafts_dir):
                remove_stale_temp_files(folder)
            yield
        finally:
            depth[key] = 0
            lock.release()

    # -- sessions ------------------------------------------------------------------------
    def session_path(self, session_id: str) -> Path:
        if not isinstance(session_id, str) or not SESSION_ID.fullmatch(session_id):
            shown = session_id[:40] if isinstance(session_id, str) else type(session_id).__name__
            raise UsageError(f"not a session id: {shown!r} (expected YYYYMMDD-xxxxxx)")
        return self.sessions_dir / f"{session_id}.json"

    def session_files(self) -> list[Path]:
        """Session files, oldest first; temp files and strays are not sessions."""
        try:
            names = os.listdir(self.sessions_dir)
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as exc:
            raise _unlistable(self.sessions_dir, exc) from None
        return [
            self.sessions_dir / name
            for name in sorted(names)
            if name.endswith(".json")
            and not name.startswith(TMP_PREFIX)
            and SESSION_ID.fullmatch(name[:-5])
        ]

    def _existing(self, session_id: str) -> Path:
        path = self.session_path(session_id)
        if not os.path.lexists(path):  # a link or FIFO of that name is damage (exit 3), not "none"
            raise NotFoundError(f"no session {session_id}", hint="`coach sessions` lists them")
        return path

    def load_session(self, session_id: str) -> Session:
        return parse_session(*self.read_session_json(session_id))

    def read_session_json(self, session_id: str) -> tuple[Path, Any]:
        """A session file's path and parsed JSON, not yet validated (``parse_session`` does
        that, or ``index.validate.plainly_valid`` for the form coach writes)."""
        path = self._existing(session_id)
        return path, read_json_file(path)

    def load_all(self) -> tuple[list[Session], list[DamagedFileError | ReadOnlyError]]:
        """Every readable session, oldest first, and the errors for those that are not."""
        sessions: list[Session] = []
        problems: list[DamagedFileError | ReadOnlyError] = []
        for path in self.session_files():
            try:
                sessions.append(parse_session(path, read_json_file(path)))
            except (DamagedFileError, ReadOnlyError) as exc:
                problems.append(exc)
            except NotFoundError:
                continue  # removed meanwhile
        return sessions, problems

    def _guard_rewrite(self, path: Path, session_id: str, data: Any = None) -> None:
        """Before replacing ``path``: refuse newer or damaged files; back up older versions.

        ``data`` is the file's parsed JSON when the caller has just read it; otherwise the file
        is read here.
        """
        from coachcli.core.plain import SCHEMA_VERSION
        from coachcli.storage.migrate import backup_old_version, file_version

        if data is None:
            try:
                data = read_json_file(path)
            except NotFoundError:
                return
        if not isinstance(data, dict):
            raise DamagedFileError(path, "not a JSON object; it is left untouched")
        version = file_version(data)
        if version is not None and version > SCHEMA_VERSION:
            raise newer_version_error(path, version)
        if version is not None and version < SCHEMA_VERSION:
            backup_old_version(self.backups_dir, path, session_id, version)

    def _replace(self, path: Path, data: bytes) -> Path:
        before = _folder_mtime(self.sessions_dir)
        remove_stale_temp_files(self.sessions_dir)
        atomic_write_bytes(path, data)
        self._changed(path.name, before)
        return path

    def _changed(self, name: str, before: int) -> None:
        for watcher in WATCHERS:
            # A cache that cannot follow is rebuilt on the next read.
            with contextlib.suppress(Exception):
                watcher(self, name, before)

    def write_session(self, session: Session | NewSession, data: bytes | None = None) -> Path:
        """Write (create or replace) a session file. Callers hold the lock. ``data``: the
        file's bytes when the caller made them already (a conversation's session is plain
        records, checked and written by the conversation), else the model's.

        A file from a newer coachcli, or one that is damaged, is never replaced; a file from an
        older one is backed up first.
        """
        path = self.session_path(session.id)
        if data is None:
            data = session.to_json_bytes()  # serialize before touching anything
        self._guard_rewrite(path, session.id)
        return self._replace(path, data)

    def save_new_session(self, session: Session | NewSession, data: bytes | None = None) -> Path:
        self.ensure()
        with self.lock():
            return self.write_session(session, data)

    def update_session(self, session_id: str, change: Callable[[Session], None]) -> Session:
        """Re-read the session under the lock, apply ``change``, write it back atomically.

        Re-reading inside the lock is what keeps another process's change to the same file.
        The file is read once: the JSON it held is what the rewrite guard checks.
        """
        self.session_path(session_id)  # a bad id is a usage error before any lock
        with self.lock():
            path = self._existing(session_id)
            raw = read_json_file(path)
            session = parse_session(path, raw)
            change(session)
            data = session.to_json_bytes()
            self._guard_rewrite(path, session_id, raw)
            self._replace(path, data)
            return session

    def rewrite_session(self, session_id: str, change: Callable[[Path, Any], bytes | None]) -> bool:
        """``update_session`` for a caller that changes the parsed JSON itself, without the
        model: under the lock, ``change(path, data)`` gets the file's JSON and returns the new
        file's bytes (written atomically, behind the same guard), or None to leave the file
        alone (it is not in a form the caller handles; it may then call ``update_session``,
        which the re-entrant lock lets it do at once). True when the file was written."""
        self.session_path(session_id)  # a bad id is a usage error before any lock
        with self.lock():
            path = self._existing(session_id)
            raw = read_json_file(path)
            data = change(path, raw)
            if data is None:
                return False
            self._guard_rewrite(path, session_id, raw)
            self._replace(path, data)
            return True

    def delete_session(self, session_id: str) -> bool:
        """Remove a session file (``coach forget``). Callers hold the lock."""
        path = self.session_path(session_id)
        before = _folder_mtime(self.sessions_dir)
        removed = remove_file(path)
        if removed:
            self._changed(path.name, before)
        return removed

    # -- backups -------------------------------------------------------------------------
    def backup_files(self) -> list[Path]:
        try:
            names = sorted(os.listdir(self.backups_dir))
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as exc:
            raise _unlistable(self.backups_dir, exc) from None
        return [
            self.backups_dir / n for n in names if n.endswith(".json") and not n.startswith(".")
        ]

    # -- drafts --------------------------------------------------------------------------
    def draft_files(self) -> list[Path]:
        """Drafts, newest first."""
        try:
            entries = [
                e
                for e in os.scandir(self.drafts_dir)
                if e.name.endswith(".json") and DRAFT_ID.fullmatch(e.name[:-5])
            ]
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as exc:
            raise _unlistable(self.drafts_dir, exc) from None
        entries.sort(key=_mtime_ns, reverse=True)
        return [Path(e.path) for e in entries]

    def draft_path(self, draft_id: str) -> Path:
        if not isinstance(draft_id, str) or not DRAFT_ID.fullmatch(draft_id):
            raise UsageError("not a draft id")
        return self.drafts_dir / f"{draft_id}.json"

    def _own_draft(self, path: Path) -> Path:
        """``path`` if it names a draft inside this store, else a UsageError."""
        path = Path(path)
        if path.parent.resolve() != self.drafts_dir.resolve() or not (
            path.name.endswith(".json") and DRAFT_ID.fullmatch(path.name[:-5])
        ):
            raise UsageError(f"not a draft of this store: {path.name[:60]!r}")
        return path

    def save_draft(self, draft_id: str, state: dict[str, Any]) -> Path:
        path = self.draft_path(draft_id)
        self.ensure()
        payload = {"schema_version": 1, "kind": "coachcli-draft", "state": state}
        atomic_write_bytes(path, (json.dumps(payload, indent=2, default=str) + "\n").encode())
        return path

    def load_draft(self, path: Path) -> dict[str, Any]:
        data = read_json_file(path)
        if not isinstance(data, dict) or data.get("kind") != "coachcli-draft":
            raise DamagedFileError(path, "not a coachcli draft")
        state = data.get("state")
        if not isinstance(state, dict):
            raise DamagedFileError(path, "state: not an object")
        return state

    def discard_draft(self, path: Path) -> None:
        remove_file(self._own_draft(path))
