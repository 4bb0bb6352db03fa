"""Schema migrations for session files: a registry of ``version -> step`` functions.

A step takes the parsed JSON object of a file at ``schema_version`` N and returns the object at
N + 1. ``upgrade`` runs the steps in order, in memory; the file on disk is only rewritten when the
session is next changed, and the store backs up the old bytes first (``backups/<id>.v<N>.json``).

Only schema_version 1 exists today, so the registry is empty; tests register a synthetic v0 step
to prove the mechanism. A step must not drop unknown fields: anything it does not understand stays
in the object, so validation reports it as damaged instead of silently losing it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from coachcli.core.errors import CoachError, DamagedFileError, SaveError
from coachcli.storage.fsio import atomic_write_bytes, ensure_private_dir

Step = Callable[[dict[str, Any]], dict[str, Any]]

# from_version -> function returning the object at from_version + 1
STEPS: dict[int, Step] = {}


def register(from_version: int) -> Callable[[Step], Step]:
    """Decorator: ``@register(0)`` marks the step that turns a v0 object into v1."""

    def add(step: Step) -> Step:
        STEPS[from_version] = step
        return step

    return add


def file_version(data: dict[str, Any]) -> int | None:
    """The integer ``schema_version`` of a parsed file, or None if absent or not an integer."""
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool):
        return version
    return None


def upgrade(path: Path, data: dict[str, Any], current: int) -> dict[str, Any]:
    """Return ``data`` migrated to ``current`` (a new object; ``data`` is not changed).

    Raises ``DamagedFileError`` naming the path and version if a step is missing or fails.
    """
    version = file_version(data)
    if version is None or version >= current:
        return data
    if version < 0:
        raise DamagedFileError(path, f"schema_version {version} is not a valid version")
    result = dict(data)
    while version < current:
        step = STEPS.get(version)
        if step is None:
            raise DamagedFileError(path, f"schema_version {version} has no migration to {current}")
        try:
            result = step(dict(result))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DamagedFileError(
                path, f"cannot migrate from schema_version {version} ({type(exc).__name__})"
            ) from None
        if not isinstance(result, dict):
            raise DamagedFileError(path, f"migration from schema_version {version} failed")
        version += 1
        result["schema_version"] = version
    return result


def backup_path(backups_dir: Path, session_id: str, version: int) -> Path:
    """``backups/<session id>.v<old version>.json``: no person names in file names."""
    return backups_dir / f"{session_id}.v{version}.json"


def backup_old_version(backups_dir: Path, path: Path, session_id: str, version: int) -> Path:
    """Copy the bytes of an older-version file to the backups folder (once, 0600) before the
    store rewrites it in the current version. The first backup is kept if one exists."""
    target = backup_path(backups_dir, session_id, version)
    if target.exists():
        return target
    from coachcli.storage.readfile import MAX_FILE_BYTES, read_bounded

    try:
        raw = read_bounded(path, MAX_FILE_BYTES)
    except CoachError as exc:
        detail = getattr(exc, "detail", exc.message)
        raise SaveError(f"cannot back up {path} before migrating it: {detail}") from None
    ensure_private_dir(backups_dir)
    atomic_write_bytes(target, raw)
    return target
