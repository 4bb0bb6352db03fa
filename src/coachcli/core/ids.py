"""Ids of sessions, action items and drafts: how they are made and the one pattern each.

A session id is ``YYYYMMDD-xxxxxx`` (sorts by date, holds no name); an item or draft id is the
random part alone. Every check of an id, in the model, the store and the index scan, uses the
patterns here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime

# Lower-case letters and digits without look-alikes (no 0/o, 1/l/i): easy to read and type.
ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"

RANDOM_PART = r"[a-z0-9]{4,16}"
SESSION_ID_PATTERN = rf"^\d{{8}}-{RANDOM_PART}$"
ITEM_ID_PATTERN = rf"^{RANDOM_PART}$"

SESSION_ID = re.compile(SESSION_ID_PATTERN)
DRAFT_ID = re.compile(ITEM_ID_PATTERN)
# Session file names in a folder listing read as one text (one name a line).
SESSION_FILE_NAMES = re.compile(rf"^\d{{8}}-{RANDOM_PART}\.json$", re.MULTILINE)


def _choice(letters: Sequence[str]) -> str:
    import secrets  # loads OpenSSL's hashlib (~4 ms): only a command that makes an id needs it

    return secrets.choice(letters)


def new_id(length: int = 8) -> str:
    return "".join(_choice(ID_ALPHABET) for _ in range(length))


TYPED_PREFIX = 4  # what people type: no two ids in use should share this many characters


def distinct_id(taken: Iterable[str], length: int = 8) -> str:
    """A random id that looks unlike every id in ``taken``: built a character at a time, each
    one random among those no taken id has at that place after the same start, so the new id
    shares the shortest possible prefix with any of them (``764z8nbn`` is not given beside
    ``764n3c4z``). With up to 31 ids in use the first character already differs from all of
    them; with up to 961, the first two. Never an id already taken."""
    used = {t.lower() for t in taken}
    while True:
        prefix = ""
        pool = used
        while pool and len(prefix) < length:
            at = len(prefix)
            counts = Counter(t[at] for t in pool if len(t) > at)
            free = [c for c in ID_ALPHABET if c not in counts]
            if free:
                prefix += _choice(free)
                break
            fewest = min(counts[c] for c in ID_ALPHABET)
            prefix += _choice([c for c in ID_ALPHABET if counts[c] == fewest])
            pool = {t for t in pool if t.startswith(prefix)}
        found = prefix + new_id(length - len(prefix))
        if found not in used:
            return found


def new_item_id(taken: Iterable[str] = ()) -> str:
    """An action item id unlike the ids in ``taken`` (the open items, at least)."""
    return distinct_id(taken, 8)


def random_part(session_id: str) -> str:
    """``xxxxxx`` of ``YYYYMMDD-xxxxxx``: what ``coach show`` accepts on its own."""
    return session_id.partition("-")[2]


def new_session_id(when: datetime, taken: Iterable[str] = ()) -> str:
    """``YYYYMMDD-xxxxxx``: sorts by date, holds no name; the random part unlike the random
    parts of ``taken`` (existing session ids), so a few of its letters name it."""
    return f"{when:%Y%m%d}-{distinct_id(map(random_part, taken), 6)}"
