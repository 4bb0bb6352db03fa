"""The git merge driver for session files: ``coach sync merge-driver %O %A %B %P``.

git hands over the common ancestor (empty when both sides added the file), this machine's
version (which the result replaces) and the other's. The merged session is validated before it
is written; anything that cannot be merged as a session is left to git as a conflict (exit 1),
so the sync stops instead of writing a damaged file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from coachcli.core.errors import CoachError
from coachcli.storage import agefile
from coachcli.storage.fsio import atomic_write_bytes
from coachcli.storage.sessionfile import parse_session, read_json_file
from coachcli.sync.merge import MISSING, merge
from coachcli.sync.resolve import save_records


def _read(path: Path) -> Any:
    if path.stat().st_size == 0:
        return MISSING
    return read_json_file(path)


def merge_files(base: Path, ours: Path, theirs: Path, root: Path) -> int:
    """0 when merged (conflicts resolved by rule are recorded), 1 to leave it to git."""
    try:
        merged = merge(_read(base), read_json_file(ours), read_json_file(theirs))
        session = parse_session(ours, merged.data)
    except (CoachError, OSError, json.JSONDecodeError):
        return 1
    data = session.to_json_bytes()
    if agefile.enabled(root):  # git's temp file for the result: encrypted like the session
        data = agefile.seal(root, data)
    atomic_write_bytes(ours, data)
    if merged.conflicts:
        save_records(root, session.id, merged.conflicts)
    return 0
