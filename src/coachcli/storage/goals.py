"""Mentees' development goals on disk: ``goals/<hash>.json``, one versioned file per mentee.

The file name is a hash of the person key (``core.people.person_key``), so a listing of the
folder names nobody. Reads are note-free on error (``DamagedFileError``); writes are atomic
(``fsio.atomic_write_bytes``), files 0600 in a 0700 folder, under the store lock.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coachcli.core.errors import DamagedFileError, NotFoundError, ReadOnlyError
from coachcli.core.people import person_key
from coachcli.storage.copies import GOALS_NAME
from coachcli.storage.fsio import atomic_write_bytes, ensure_private_dir
from coachcli.storage.sessionfile import newer_version_error, read_json_file, validation_detail

if TYPE_CHECKING:
    from coachcli.core.goals import MenteeFile
    from coachcli.storage.store import Store

FOLDER = "goals"


def goals_dir(store: Store) -> Path:
    return store.root / FOLDER


def goals_path(store: Store, person: str) -> Path:
    import hashlib  # OpenSSL (~3 ms): only when one person's goals are read or written

    digest = hashlib.sha256(person_key(person).encode("utf-8")).hexdigest()[:24]
    return goals_dir(store) / f"{digest}.json"


def goal_files(store: Store) -> list[Path]:
    folder = goals_dir(store)
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    # Only names this module writes: a folder-sync tool's conflict copy beside one (``<hash>
    # (conflicted copy).json``) is not a second mentee; ``coach doctor --fix`` merges it.
    return [
        folder / n for n in sorted(names) if n.endswith(".json") and GOALS_NAME.fullmatch(n[:-5])
    ]


def parse_mentee(path: Path, data: object) -> MenteeFile:
    from pydantic import ValidationError

    from coachcli.core.goals import GOALS_SCHEMA_VERSION, MenteeFile

    if not isinstance(data, dict):
        raise DamagedFileError(path, "not a JSON object")
    version = data.get("schema_version")
    if isinstance(version, int) and version > GOALS_SCHEMA_VERSION:
        raise newer_version_error(path, version)
    try:
        return MenteeFile.model_validate(data)
    except ValidationError as exc:
        raise DamagedFileError(path, validation_detail(exc)) from None


def load_mentee(store: Store, person: str) -> MenteeFile | None:
    """The person's goals file, or None when there is none yet."""
    path = goals_path(store, person)
    try:
        data = read_json_file(path)
    except NotFoundError:
        return None
    return parse_mentee(path, data)


def load_all_mentees(
    store: Store,
) -> tuple[list[MenteeFile], list[DamagedFileError | ReadOnlyError]]:
    found: list[MenteeFile] = []
    problems: list[DamagedFileError | ReadOnlyError] = []
    for path in goal_files(store):
        try:
            found.append(parse_mentee(path, read_json_file(path)))
        except (DamagedFileError, ReadOnlyError) as exc:
            problems.append(exc)
        except NotFoundError:
            continue
    found.sort(key=lambda m: person_key(m.person))
    return found, problems


def update_mentee(
    store: Store, person: str, change: Callable[[MenteeFile | None], MenteeFile]
) -> MenteeFile:
    """Re-read the person's file under the lock, apply ``change``, write it atomically."""
    store.ensure()
    with store.lock():
        mentee = change(load_mentee(store, person))
        ensure_private_dir(goals_dir(store))
        atomic_write_bytes(goals_path(store, person), mentee.to_json_bytes())
        return mentee
