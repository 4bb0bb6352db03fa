"""Conflicts, after the merge: the merge driver's records, and switching a field to the other
side's value (``coach sync resolve``).

A record holds a field's two values; it lives in ``.git/coachcli-conflicts/`` (this machine only,
0600) until it is resolved, and is the only place the other side's value survives the merge.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coachcli.core.errors import DamagedFileError, UsageError
from coachcli.storage import agefile
from coachcli.storage.fsio import atomic_write_bytes, ensure_private_dir, remove_file
from coachcli.storage.sessionfile import parse_session, read_json_file
from coachcli.sync.git import Git
from coachcli.sync.merge import MISSING, Conflict

CONFLICTS = "coachcli-conflicts"  # a folder in .git: the other side's values, this machine only

_STEP = re.compile(r"([^.\[\]]+)|\[([^\]]+)\]")


def conflicts_dir(root: Path) -> Path:
    return Git(root).git_dir() / CONFLICTS


def as_record(conflict: Conflict) -> dict:
    def boxed(value: Any) -> list:
        return [] if value is MISSING else [value]

    return {
        "path": conflict.path,
        "kept": conflict.kept,
        "ours": boxed(conflict.ours),
        "theirs": boxed(conflict.theirs),
    }


def save_records(root: Path, session_id: str, conflicts: list[Conflict]) -> None:
    folder = conflicts_dir(root)
    ensure_private_dir(folder)
    path = folder / f"{session_id}.json"
    old = _records(path) if os.path.lexists(path) else []
    data = [*old, *(as_record(c) for c in conflicts)]
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    if agefile.enabled(root):  # the record holds both versions of a field: note text
        raw = agefile.seal(root, raw)
    atomic_write_bytes(path, raw)


def _records(path: Path) -> list[dict]:
    """A conflicts record, read like every store file (``storage.readfile``: a regular file,
    bounded, not a link) and checked, or a ``DamagedFileError`` naming it."""
    data = read_json_file(path)
    keys = {"path", "kept", "ours", "theirs"}
    if not isinstance(data, list) or not all(
        isinstance(e, dict) and keys <= e.keys() and e["kept"] in ("ours", "theirs") for e in data
    ):
        raise DamagedFileError(path, "not a list of conflict records")
    return data


@dataclass(frozen=True)
class Pending:
    session_id: str
    path: str
    kept: str
    other: list  # the value not kept: [] when that side had deleted the field


def pending(root: Path) -> list[Pending]:
    found: list[Pending] = []
    folder = conflicts_dir(root)
    if not folder.is_dir():
        return found
    for record in sorted(folder.glob("*.json")):
        for entry in _records(record):
            other = entry["theirs"] if entry["kept"] == "ours" else entry["ours"]
            found.append(Pending(record.stem, entry["path"], entry["kept"], other))
    return found


def _set(data: Any, path: str, value: list) -> None:
    """Set (``[v]``) or delete (``[]``) the field at ``path`` ("actions[k3m9].due")."""
    steps = [name or key for name, key in _STEP.findall(path)]
    node = data
    for step in steps[:-1]:
        node = _child(node, step)
    last = steps[-1]
    if isinstance(node, list):
        index = _index(node, last)
        if value:
            node[index] = value[0]
        else:
            del node[index]
    elif value:
        node[last] = value[0]
    else:
        node.pop(last, None)


def _index(items: list, step: str) -> int:
    for i, item in enumerate(items):
        if isinstance(item, dict) and item.get("id") == step:
            return i
    if step.isdigit() and int(step) < len(items):
        return int(step)
    raise KeyError(step)


def _child(node: Any, step: str) -> Any:
    return node[_index(node, step)] if isinstance(node, list) else node[step]


def take_other(root: Path, sessions_dir: Path, item: Pending) -> None:
    """Switch one field to the value that was not kept; validated before it is written."""
    path = sessions_dir / f"{item.session_id}.json"
    data = read_json_file(path)
    try:
        _set(data, item.path, item.other)
    except (KeyError, IndexError, TypeError):
        raise UsageError(f"session {item.session_id}: {item.path} is no longer there") from None
    try:
        session = parse_session(path, data)
    except DamagedFileError:
        raise UsageError(
            f"session {item.session_id}: the other version of {item.path} no longer fits"
        ) from None
    atomic_write_bytes(path, session.to_json_bytes())


def forget_records(root: Path, session_id: str) -> None:
    remove_file(conflicts_dir(root) / f"{session_id}.json")
