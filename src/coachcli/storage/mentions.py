"""Which files left in the store still hold a person's name (``coach forget`` reports them).

Every file is streamed a chunk at a time through ``storage.readfile`` (regular files only,
holes of a sparse file skipped, links not followed), so memory stays bounded whatever is in the
store. A file with more than ``MAX_SCAN_BYTES`` of data is not read at all: it is reported as
not checked rather than costing minutes.
"""

from __future__ import annotations

import json
import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from coachcli.core.errors import CoachError
from coachcli.core.people import person_key
from coachcli.storage.readfile import stream_chunks

MAX_SCAN_BYTES = 64 * 1024 * 1024
CHUNK = 1024 * 1024


@dataclass
class Mentions:
    found: list[Path] = field(default_factory=list)  # hold the name
    unchecked: list[Path] = field(default_factory=list)  # too large or unreadable: not looked at


def variants(person: str) -> list[str]:
    """The name as it may appear in a file: as typed, and JSON-escaped (non-ASCII as \\uXXXX)."""
    key = person_key(person)
    escaped = json.dumps(key)[1:-1].casefold()
    return sorted({key, escaped})


def _fold(raw: bytes) -> str:
    return unicodedata.normalize("NFC", raw.decode("utf-8", errors="ignore")).casefold()


def file_mentions(path: Path, names: list[str]) -> bool:
    """True if the file's text holds one of ``names`` (folded). Streams in chunks, keeping an
    overlap so a name split across two chunks is still found."""
    overlap = 4 * max(len(n) for n in names) + 8  # bytes: a character is at most 4
    carry = b""
    for part in stream_chunks(path, chunk=CHUNK):
        window = carry + part
        folded = _fold(window)
        if any(n in folded for n in names):
            return True
        carry = window[-overlap:]
    return False


def files_mentioning(root: Path, person: str) -> Mentions:
    """Files under ``root`` whose text still contains the name anywhere (e.g. another session's
    notes). Reported, never edited. Non-regular files and links are not looked into."""
    names = variants(person)
    result = Mentions()
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            try:
                st = os.lstat(path)
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode):
                continue
            if _data_bytes(path, st) > MAX_SCAN_BYTES:
                result.unchecked.append(path)
                continue
            try:
                if file_mentions(path, names):
                    result.found.append(path)
            except CoachError:
                result.unchecked.append(path)
    return result


def _data_bytes(path: Path, st: os.stat_result) -> int:
    """About how many bytes of data (not holes) the file holds: its allocated blocks when the
    platform says, else its size."""
    blocks = getattr(st, "st_blocks", None)
    if blocks is None:  # pragma: no cover - POSIX has st_blocks
        return st.st_size
    return min(st.st_size, blocks * 512)
