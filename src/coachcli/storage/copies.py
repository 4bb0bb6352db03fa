"""Conflict copies that folder-sync tools leave beside a file, recognised by name.

When two machines change one file before they have heard from each other, a folder-sync tool
keeps both: one under the file's name, the other renamed beside it. The names, as each tool
writes them (``<stem>`` is the original name without ``.json``):

- Syncthing: ``<stem>.sync-conflict-YYYYMMDD-HHMMSS-<first 7 characters of the device
  id>.json`` (versions before 0.14 left the device part out);
- Dropbox: ``<stem> (conflicted copy).json``, ``<stem> (<device or user>'s conflicted copy
  YYYY-MM-DD).json``, a second one the same day ``… YYYY-MM-DD (1)).json``;
- Nextcloud and ownCloud desktop clients: ``<stem> (conflicted copy [<user> ]YYYY-MM-DD
  HHMMSS).json``; older ownCloud clients ``<stem>_conflict-YYYYMMDD-HHMMSS.json``.

A copy of a copy is stripped layer by layer down to the original. Only copies of coach's own
files are recognised: session files (``sessions/<id>.json``) and goals files
(``goals/<hash>.json``); their originals are named by the one pattern each, so a file a user
named "notes (conflicted copy).json" is never taken for anything else. Merging a copy into its
original needs the sync layer's merge (``sync.copies``, run by ``coach doctor --fix``); this
module only finds them, so ``coach doctor`` can name each one.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from coachcli.core.ids import SESSION_ID
from coachcli.storage.fsio import TMP_PREFIX

Kind = Literal["session", "goals"]
GOALS_NAME = re.compile(r"[0-9a-f]{24}")  # storage.goals: 24 hex digits of a hash
FOLDERS: tuple[tuple[str, Kind], ...] = (("sessions", "session"), ("goals", "goals"))

# (tool, pattern over the name without ".json"); each strips one layer.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Syncthing", re.compile(r"(?P<stem>.+)\.sync-conflict-\d{8}-\d{6}(?:-[A-Z0-9]{7})?")),
    (
        "Nextcloud/ownCloud",
        re.compile(r"(?P<stem>.+?) \(conflicted copy (?:[^()]* )?\d{4}-\d{2}-\d{2} \d{6}\)", re.I),
    ),
    (
        "Dropbox",
        re.compile(
            r"(?P<stem>.+?) \((?:[^()]*['\u2019]s )?conflicted copy"
            r"(?: \d{4}-\d{2}-\d{2})?(?: \(\d+\))?\)",
            re.I,
        ),
    ),
    ("ownCloud", re.compile(r"(?P<stem>.+)_conflict-\d{8}-\d{6}")),
)


@dataclass(frozen=True)
class ConflictCopy:
    path: Path  # the copy
    original: Path  # the file it is a copy of (may be missing)
    tool: str  # which tool's naming it follows
    kind: Kind

    @property
    def what(self) -> str:
        """``session 20261124-ab12cd`` or ``a goals file (<name>)``: names no person."""
        stem = self.original.name[: -len(".json")]
        return f"session {stem}" if self.kind == "session" else f"goals file {stem}"


def original_stem(stem: str) -> tuple[str, str] | None:
    """The original's stem and the (outermost) tool, when ``stem`` is a conflict copy's."""
    tool = None
    while True:
        for name, pattern in PATTERNS:
            match = pattern.fullmatch(stem)
            if match:
                stem = match["stem"]
                tool = tool or name
                break
        else:
            return (stem, tool) if tool else None


def _is_original(kind: Kind, stem: str) -> bool:
    return bool((SESSION_ID if kind == "session" else GOALS_NAME).fullmatch(stem))


def copy_in(folder: Path, name: str, kind: Kind) -> ConflictCopy | None:
    """The conflict copy ``folder/name`` is, or None (not a copy of one of coach's files)."""
    if not name.endswith(".json") or name.startswith(TMP_PREFIX):
        return None
    found = original_stem(name[: -len(".json")])
    if found is None or not _is_original(kind, found[0]):
        return None
    return ConflictCopy(folder / name, folder / f"{found[0]}.json", found[1], kind)


def find_copies(root: Path) -> list[ConflictCopy]:
    """Every conflict copy of a session or goals file in the store at ``root``, by name."""
    found: list[ConflictCopy] = []
    for sub, kind in FOLDERS:
        folder = root / sub
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue  # missing or unlistable: doctor reports the folder itself
        for name in names:
            copy = copy_in(folder, name, kind)
            if copy is not None:
                found.append(copy)
    return found
