"""``coach import PATH``: sessions from another store, a sessions folder, a session file, a JSON
export or a backup, merged into this store by id with the same merge as ``coach sync``.

A session this store lacks is added; one it has is merged (with no common ancestor, so what
either side holds is kept and a field the two disagree on keeps this store's value and is
reported). Every incoming session is validated before anything is written; a damaged one is
reported by its path and skipped. A shared export (``--shared``) lacks the private parts; they are
not lost here, since a field only this store holds is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachcli.core.errors import CoachError, NotFoundError
from coachcli.core.ids import SESSION_ID
from coachcli.storage.sessionfile import parse_session, read_json_file
from coachcli.storage.store import Store
from coachcli.sync.merge import merge

MAX_FILES = 100_000


@dataclass
class ImportPlan:
    added: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # session id, field
    skipped: list[str] = field(default_factory=list)  # paths that are not valid sessions
    writes: dict[str, bytes] = field(default_factory=dict)


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise NotFoundError(f"{path}: no such file or folder")
    folder = path / "sessions" if (path / "sessions").is_dir() else path
    return sorted(p for p in folder.iterdir() if p.suffix == ".json" and p.is_file())[:MAX_FILES]


def _sessions_in(path: Path, plan: ImportPlan) -> list[tuple[Path, dict]]:
    found: list[tuple[Path, dict]] = []
    for file in _files(path):
        try:
            data = read_json_file(file)
        except CoachError:
            plan.skipped.append(str(file))
            continue
        for entry in data if isinstance(data, list) else [data]:
            if isinstance(entry, dict):
                entry = {k: v for k, v in entry.items() if k != "shared"}
            found.append((file, entry))
    return found


def plan_import(store: Store, path: Path) -> ImportPlan:
    plan = ImportPlan()
    for file, incoming in _sessions_in(path, plan):
        try:
            theirs = parse_session(file, incoming)
        except CoachError:
            plan.skipped.append(str(file))
            continue
        sid = theirs.id
        if not SESSION_ID.fullmatch(sid):
            plan.skipped.append(str(file))
            continue
        target = store.session_path(sid)
        if not target.exists():
            plan.added.append(sid)
            plan.writes[sid] = theirs.to_json_bytes()
            continue
        ours_data: Any = read_json_file(target)
        merged = merge({}, ours_data, theirs.model_dump(mode="json"))
        result = parse_session(target, merged.data)
        plan.conflicts += [(sid, c.path) for c in merged.conflicts]
        new = result.to_json_bytes()
        if new == parse_session(target, ours_data).to_json_bytes():
            plan.unchanged.append(sid)
        else:
            plan.merged.append(sid)
            plan.writes[sid] = new
    return plan


def apply_import(store: Store, plan: ImportPlan) -> None:
    from coachcli.storage.fsio import atomic_write_bytes

    store.ensure()
    with store.lock():
        for sid, data in plan.writes.items():
            atomic_write_bytes(store.session_path(sid), data)
