"""Ids of sessions, action items and drafts: how they are made and the one pattern each.

A session id is ``YYYYMMDD-xxxxxx`` (sorts by date, holds no name); an item or draft id is the
random part alone. Every check of an id, in the model, the store and the index scan, uses the
patterns here.
"""

from __future__ import annotations

import re
import secrets
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


def new_id(length: int = 8) -> str:
    return "".join(secrets.choice(ID_ALPHABET) for _ in range(length))


def new_session_id(when: datetime) -> str:
    """``YYYYMMDD-xxxxxx``: sorts by date, holds no name."""
    return f"{when:%Y%m%d}-{new_id(6)}"
