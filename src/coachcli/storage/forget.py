"""``coach forget PERSON``: remove everything the store holds about one person.

Sessions (with their action items), drafts and backups whose ``person`` matches (case-insensitive,
after stripping) are deleted, and so is their goals file (``storage.goals``); the derived index
(in the local cache folder) is deleted too (it is rebuilt on the next read) and stale temp files
go. Everyone else's files are not touched. Files that cannot be parsed cannot be attributed to
anyone: they are left and reported by path. Results are counts and paths only.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachcli.core.errors import CoachError, NotFoundError, SaveError, UsageError
from coachcli.core.ids import SESSION_ID
from coachcli.core.people import person_key
from coachcli.storage import paths
from coachcli.storage.fsio import TMP_PREFIX, os_error_reason, remove_file, stale_temp_files
from coachcli.storage.mentions import files_mentioning
from coachcli.storage.sessionfile import read_json_file
from coachcli.storage.store import Store


def _mentions_person(data: Any, key: str, depth: int = 0) -> bool:
    """True if any ``person`` field in ``data`` (at any depth) names ``key``."""
    if depth > 50:
        return False
    if isinstance(data, dict):
        value = data.get("person")
        if isinstance(value, str) and person_key(value) == key:
            return True
        children: Iterable[Any] = data.values()
    elif isinstance(data, list):
        children = data
    else:
        return False
    return any(_mentions_person(child, key, depth + 1) for child in children)


def _count_items(data: dict) -> int:
    items = data.get("actions", data.get("action_items"))
    return len(items) if isinstance(items, list) else 0


@dataclass
class Plan:
    sessions: list[Path] = field(default_factory=list)
    session_ids: set[str] = field(default_factory=set)
    items: int = 0
    drafts: list[Path] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)
    unattributed: list[Path] = field(default_factory=list)  # cannot be parsed: left alone
    goals: list[Path] = field(default_factory=list)  # the mentee's goals file (storage.goals)

    @property
    def found(self) -> bool:
        return bool(self.sessions or self.drafts or self.backups or self.goals)

    def summary(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 else 's'}"

        return (
            f"{n(len(self.sessions), 'session')} ({n(self.items, 'action item')}), "
            f"{n(len(self.drafts), 'draft')}, {n(len(self.backups), 'backup')}"
            + (f", {n(len(self.goals), 'goals file')}" if self.goals else "")
        )


@dataclass
class Result:
    plan: Plan
    index_removed: bool = False
    temp_removed: int = 0
    still_mentioned: list[Path] = field(default_factory=list)
    unchecked: list[Path] = field(default_factory=list)  # too large or unreadable to look into


def _read(path: Path) -> Any:
    try:
        return read_json_file(path)
    except CoachError:
        return None


def plan(store: Store, person: str) -> Plan:
    """What ``forget`` would remove. Reads only."""
    key = person_key(person)
    if not key:
        raise UsageError("a person's name is needed")
    result = Plan()
    for path in store.session_files():
        data = _read(path)
        if not isinstance(data, dict) or not isinstance(data.get("person"), str):
            result.unattributed.append(path)
        elif person_key(data["person"]) == key:
            result.sessions.append(path)
            result.session_ids.add(path.name[:-5])
            result.items += _count_items(data)
    for path in store.draft_files():
        _attribute(path, key, result.drafts, result)
    for path in store.backup_files():
        session_id = path.name.split(".", 1)[0]
        if SESSION_ID.fullmatch(session_id) and session_id in result.session_ids:
            result.backups.append(path)
        else:
            _attribute(path, key, result.backups, result)
    from coachcli.storage.goals import goals_path

    goals = goals_path(store, person)
    if goals.is_file():
        result.goals.append(goals)
    return result


def _attribute(path: Path, key: str, found: list[Path], result: Plan) -> None:
    """A draft or backup goes to ``found`` if it names the person, to ``unattributed`` if it
    cannot be read."""
    data = _read(path)
    if data is None:
        result.unattributed.append(path)
    elif _mentions_person(data, key):
        found.append(path)


def index_files(store: Store) -> list[Path]:
    """The derived index of the store (in the local cache folder, with its SQLite companions)
    and the JSON index files older versions kept in the data folder: they hold rows about
    everyone and are rebuilt from the session files on the next read."""
    main = paths.index_path(store.root)
    found = [Path(f"{main}{suffix}") for suffix in ("", "-wal", "-shm", ".age")]
    found.append(main.with_name("index-warm.sqlite.age"))  # an encrypted store's (index.sealed)
    found += [store.root / name for name in paths.LEGACY_INDEX_NAMES]
    return [path for path in found if os.path.lexists(path)]


def _check_removable(paths_: list[Path]) -> None:
    """Before anything is deleted: every file is still a regular file in a folder coach may
    change. A read-only or foreign folder is found here, so forget never stops half done."""
    for path in paths_:
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            continue  # gone meanwhile: nothing to remove
        except OSError as exc:
            raise SaveError(
                f"cannot remove {path}: {os_error_reason(exc)}; nothing was removed"
            ) from None
        if not stat.S_ISREG(st.st_mode):
            raise SaveError(f"cannot remove {path}: not a regular file; nothing was removed")
        if not os.access(path.parent, os.W_OK | os.X_OK):
            raise SaveError(
                f"cannot remove files in {path.parent}: not writable; nothing was removed"
            )


def forget(store: Store, person: str) -> Result:
    """Delete everything about ``person`` under the store lock. NotFoundError if nothing is.

    Every file is read and checked before the first one is deleted; if a removal still fails
    (the disk changed under us), the others are removed anyway and one ``SaveError`` says what
    is left, so a second run can finish the job.
    """
    with store.lock():
        todo = plan(store, person)  # again, under the lock: what is there now
        if not todo.found:
            raise not_found(todo)
        targets = [*todo.sessions, *todo.drafts, *todo.backups, *todo.goals]
        _check_removable(targets)
        result = Result(todo)
        failed: list[tuple[Path, SaveError]] = []
        for path in targets:
            try:
                remove_file(path)
            except SaveError as exc:
                failed.append((path, exc))
        for path in index_files(store):
            if os.path.isdir(path):  # a folder in the index's place is doctor's to report
                continue
            with contextlib.suppress(SaveError):
                result.index_removed = remove_file(path) or result.index_removed
        for folder, _dirs, _files in os.walk(store.root, followlinks=False):
            for path in stale_temp_files(Path(folder)):
                if path.name.startswith(TMP_PREFIX) and remove_file(path):
                    result.temp_removed += 1
        if failed:
            raise SaveError(
                f"removed {len(targets) - len(failed)} of {len(targets)} files about that "
                f"person; {len(failed)} could not be removed ({failed[0][1].message})",
                hint="fix the cause and run `coach forget` again to finish",
            )
    mentions = files_mentioning(store.root, person)
    result.still_mentioned = mentions.found
    result.unchecked = mentions.unchecked
    return result


def not_found(todo: Plan) -> NotFoundError:
    hint = "names are matched ignoring case and surrounding spaces"
    if todo.unattributed:
        hint += f"; {len(todo.unattributed)} unreadable file(s) could not be checked (coach doctor)"
    return NotFoundError("no sessions, drafts or backups about that person", hint=hint)
