"""``coach forget PERSON``: remove everything the store holds about one person.

Sessions (with their action items), drafts and backups whose ``person`` matches (case-insensitive,
after stripping) are deleted, and so is their goals file (``storage.goals``); the derived index
is deleted too (it is rebuilt on the next read) and stale temp files go. Everyone else's files
are not touched. Files that cannot be parsed cannot be attributed to anyone: they are left and
reported by path. Results are counts and paths only.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachcli.core.errors import CoachError, NotFoundError, UsageError
from coachcli.core.ids import SESSION_ID
from coachcli.core.people import person_key
from coachcli.storage import paths
from coachcli.storage.fsio import TMP_PREFIX, remove_file, stale_temp_files
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
    """The derived caches in the store root (``index.json``, ``index-open.json``, ...): they
    hold rows about everyone and are rebuilt from the session files on the next read."""
    main = paths.index_path(store.root)
    try:
        names = os.listdir(store.root)
    except OSError:
        return []
    stem = main.name.removesuffix(".json")
    return [
        store.root / n
        for n in sorted(names)
        if n == main.name or (n.startswith(stem + "-") and n.endswith(".json"))
    ]


def _variants(person: str) -> list[str]:
    """The name as it may appear in a file: as typed, and JSON-escaped (non-ASCII as \\uXXXX)."""
    key = person_key(person)
    escaped = json.dumps(key)[1:-1].casefold()
    return sorted({key, escaped})


def files_mentioning(store: Store, person: str) -> list[Path]:
    """Files left in the store whose bytes still contain the name anywhere (e.g. another
    session's notes). Reported, never edited."""
    variants = _variants(person)
    found = []
    for folder, _dirs, files in os.walk(store.root, followlinks=False):
        for name in sorted(files):
            path = Path(folder) / name
            try:
                text = path.read_bytes().decode("utf-8", errors="ignore")
            except OSError:
                continue
            folded = unicodedata.normalize("NFC", text).casefold()
            if any(v in folded for v in variants):
                found.append(path)
    return found


def forget(store: Store, person: str) -> Result:
    """Delete everything about ``person`` under the store lock. NotFoundError if nothing is."""
    with store.lock():
        todo = plan(store, person)  # again, under the lock: what is there now
        if not todo.found:
            raise not_found(todo)
        result = Result(todo)
        for path in [*todo.sessions, *todo.drafts, *todo.backups, *todo.goals]:
            remove_file(path)
        for path in index_files(store):
            result.index_removed = remove_file(path) or result.index_removed
        for folder, _dirs, _files in os.walk(store.root, followlinks=False):
            for path in stale_temp_files(Path(folder)):
                if path.name.startswith(TMP_PREFIX) and remove_file(path):
                    result.temp_removed += 1
    result.still_mentioned = files_mentioning(store, person)
    return result


def not_found(todo: Plan) -> NotFoundError:
    hint = "names are matched ignoring case and surrounding spaces"
    if todo.unattributed:
        hint += f"; {len(todo.unattributed)} unreadable file(s) could not be checked (coach doctor)"
    return NotFoundError("no sessions, drafts or backups about that person", hint=hint)
