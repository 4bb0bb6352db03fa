"""People: how names match, how a name is tidied and checked, who is already known.

Pure and light (no pydantic, no rich): ``coach start`` and ``coach followup`` match names with it
before anything heavy loads.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

MAX_NAME = 100


def person_key(name: str) -> str:
    """Names match ignoring case, Unicode form and runs of spaces ("sam  lee" is "Sam Lee")."""
    return " ".join(unicodedata.normalize("NFKC", name or "").casefold().split())


def same_person(name: str, wanted: str) -> bool:
    return person_key(name) == person_key(wanted)


def tidy_name(name: str) -> str:
    """The name as it is saved: spaces collapsed, nothing else changed."""
    return " ".join(name.split())


def valid_name(text: str) -> str | None:
    name = tidy_name(text)
    if not name:
        return "A name is needed (a first name is enough)."
    if len(name) > MAX_NAME:
        return f"Keep the name under {MAX_NAME} characters."
    return None


def known_people(people: Iterable[Mapping[str, Any]]) -> list[str]:
    """Everyone in the index's people summary (``{"person", "last"}``), most recently seen
    first; spellings of one name are offered once, as last written."""
    latest: dict[str, tuple[str, str]] = {}
    for entry in people:
        key = person_key(entry["person"])
        if key not in latest or entry["last"] > latest[key][0]:
            latest[key] = (entry["last"], entry["person"])
    return [name for _, name in sorted(latest.values(), reverse=True)]
