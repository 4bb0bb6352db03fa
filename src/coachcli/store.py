"""Session files and drafts on disk: one JSON file per session, written atomically, under a lock.

The JSON session files are the source of truth. Reads never modify a file; a file that cannot be
read is reported with its path and the position or field (never its text) and left alone.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachcli import paths
from coachcli.errors import (
    DamagedFileError,
    NotFoundError,
    ReadOnlyError,
    StoreBusyError,
    UsageError,
)
from coachcli.fsio import TMP_PREFIX, atomic_write_bytes, ensure_private_dir

if TYPE_CHECKING:
    from coachcli.model import Session

SESSION_ID = re.compile(r"^\d{8}-[a-z0-9]{4,16}$")
DRAFT_ID = re.compile(r"^[a-z0-9]{4,16}$")
LOCK_TIMEOUT = 10.0
MAX_FILE_BYTES = 16 * 1024 * 1024


def read_json_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """Parse a JSON file, or raise ``DamagedFileError`` naming the path and the position."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file") from None
    except OSError as exc:
        raise DamagedFileError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise DamagedFileError(path, f"larger than {max_bytes // (1024 * 1024)} MiB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DamagedFileError(path, f"not UTF-8 (byte {exc.start})") from None
    if not text.strip():
        raise DamagedFileError(path, "empty file")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DamagedFileError(
            path, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise DamagedFileError(path, "JSON nested too deeply") from None


def validation_detail(exc: Exception) -> str:
    """A pydantic ValidationError as ``field: message`` lines, without the input values."""
    parts = []
    for err in exc.errors(include_input=False, include_url=False):  # type: ignore[attr-defined]
        loc = ""
        for piece in err["loc"]:
            loc += f"[{piece}]" if isinstance(piece, int) else (f".{piece}" if loc else str(piece))
        parts.append(f"{loc or '(top)'}: {err['msg']}")
    shown = "; ".join(parts[:3])
    if len(parts) > 3:
        shown += f" (+{len(parts) - 3} more)"
    return shown


def parse_session(path: Path, data: Any) -> Session:
    """Validate parsed JSON as a session, or raise a note-free error naming path and field."""
    from pydantic import ValidationError

    from coachcli.model import SCHEMA_VERSION, Session

    if not isinstance(data, dict):
        raise DamagedFileError(path, "not a JSON object")
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise ReadOnlyError(
            f"{path}: written by a newer coachcli (schema_version {version}); it is left untouched",
            hint="upgrade coachcli to read or change it",
        )
    try:
        return Session.model_validate(data)
    except ValidationError as exc:
        raise DamagedFileError(path, validation_detail(exc)) from None


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

    def ensure(self) -> None:
        for folder in (self.root, self.sessions_dir, self.drafts_dir):
            ensure_private_dir(folder)

    # -- locking -------------------------------------------------------------------------
    @contextmanager
    def lock(self, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
        """Hold the store lock for one read-modify-write. Never hold it across a prompt."""
        from filelock import FileLock, Timeout

        ensure_private_dir(self.root)
        lock_file = paths.lock_path(self.root)
        if not lock_file.exists():
            fd = os.open(lock_file, os.O_WRONLY | os.O_CREAT, 0o600)
            os.close(fd)
        lock = FileLock(str(lock_file), timeout=timeout, mode=0o600)
        try:
            lock.acquire()
        except Timeout:
            raise StoreBusyError(
                f"the store is busy: another coach process has held {lock_file} "
                f"for more than {timeout:g} s",
                hint="wait for the other coach command to finish, then try again",
            ) from None
        try:
            yield
        finally:
            lock.release()

    # -- sessions ------------------------------------------------------------------------
    def session_path(self, session_id: str) -> Path:
        if not SESSION_ID.match(session_id or ""):
            raise UsageError(f"not a session id: {session_id[:40]!r} (expected YYYYMMDD-xxxxxx)")
        return self.sessions_dir / f"{session_id}.json"

    def session_files(self) -> list[Path]:
        """Session files, oldest first; temp files and strays are not sessions."""
        try:
            names = os.listdir(self.sessions_dir)
        except FileNotFoundError:
            return []
        return [
            self.sessions_dir / name
            for name in sorted(names)
            if name.endswith(".json")
            and not name.startswith(TMP_PREFIX)
            and SESSION_ID.match(name[:-5])
        ]

    def load_session(self, session_id: str) -> Session:
        path = self.session_path(session_id)
        if not path.exists():
            raise NotFoundError(f"no session {session_id}", hint="`coach sessions` lists them")
        return parse_session(path, read_json_file(path))

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

    def write_session(self, session: Session) -> Path:
        """Write (create or replace) a session file. Callers hold the lock."""
        path = self.session_path(session.id)
        atomic_write_bytes(path, session.to_json_bytes())
        return path

    def save_new_session(self, session: Session) -> Path:
        self.ensure()
        with self.lock():
            return self.write_session(session)

    def update_session(self, session_id: str, change: Callable[[Session], None]) -> Session:
        """Re-read the session under the lock, apply ``change``, write it back atomically.

        Re-reading inside the lock is what keeps another process's change to the same file.
        """
        with self.lock():
            session = self.load_session(session_id)
            change(session)
            self.write_session(session)
            return session

    # -- drafts --------------------------------------------------------------------------
    def draft_files(self) -> list[Path]:
        """Drafts, newest first."""
        try:
            entries = [
                e
                for e in os.scandir(self.drafts_dir)
                if e.name.endswith(".json") and DRAFT_ID.match(e.name[:-5])
            ]
        except FileNotFoundError:
            return []
        entries.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
        return [Path(e.path) for e in entries]

    def save_draft(self, draft_id: str, state: dict[str, Any]) -> Path:
        if not DRAFT_ID.match(draft_id):
            raise UsageError("not a draft id")
        self.ensure()
        path = self.drafts_dir / f"{draft_id}.json"
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
        with suppress(FileNotFoundError):
            path.unlink()
