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


def display_names(people: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """``person_key`` -> the spelling shown, from entries ``{"person", "last", "sessions"}``
    (one per spelling, as the index's people summary holds them). Of several spellings of one
    name, the one written in the most sessions is shown (ties: the latest): a slip of the
    keyboard does not rename anyone, and new sessions reuse the shown spelling
    (``known_spelling``). ``coach rename`` changes it everywhere."""
    best: dict[str, tuple[int, str, str]] = {}
    for entry in people:
        key = person_key(entry["person"])
        rank = (int(entry.get("sessions", 1)), entry["last"], tidy_name(entry["person"]))
        if key not in best or rank > best[key]:
            best[key] = rank
    return {key: rank[2] for key, rank in best.items()}


def spellings(rows: Iterable[Mapping[str, Any]]) -> list[dict]:
    """Index rows (``person``, ``started_at``) as ``display_names`` entries, one per spelling."""
    found: dict[str, dict] = {}
    for row in rows:
        name = row["person"]
        entry = found.setdefault(name, {"person": name, "sessions": 0, "last": ""})
        entry["sessions"] += 1
        entry["last"] = max(entry["last"], row["started_at"])
    return list(found.values())


def known_people(people: Iterable[Mapping[str, Any]]) -> list[str]:
    """Everyone in the index's people summary, most recently seen first, each once, by the
    name ``display_names`` shows."""
    entries = list(people)
    latest: dict[str, str] = {}
    for entry in entries:
        key = person_key(entry["person"])
        latest[key] = max(latest.get(key, ""), entry["last"])
    shown = display_names(entries)
    order = sorted(latest, key=lambda k: (latest[k], shown[k]), reverse=True)
    return [shown[key] for key in order]


def known_spelling(name: str, known: Iterable[str]) -> str:
    """``name`` as already written for that person (same ``person_key``), else tidied: the
    display name stays the one first chosen, not the spelling typed last."""
    key = person_key(name)
    for spelling in known:
        if person_key(spelling) == key:
            return spelling
    return tidy_name(name)


def resolve_person(wanted: str, names: Iterable[str], *, prefixes: bool = True) -> str | None:
    """The one known name ``wanted`` stands for: the same name, else a unique prefix of a name
    (``priya`` for ``Priya Patel``), else a unique prefix of any word of one (``pat``). None
    when it names nobody; a UsageError when it could be several people.

    With ``prefixes=False`` (naming whom a new conversation is with) only whole words count:
    ``chen`` is Chen Wu, but ``jo`` is not Jon, who may well be someone else."""
    key = person_key(wanted)
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(person_key(name), name)
    if not key:
        return None
    if key in by_key:
        return by_key[key]
    candidates: tuple[list[str], ...]
    if prefixes:
        candidates = (
            [k for k in by_key if k.startswith(key)],
            [k for k in by_key if any(word.startswith(key) for word in k.split())],
        )
    else:
        candidates = ([k for k in by_key if key in k.split()],)
    for matches in candidates:
        if len(matches) == 1:
            return by_key[matches[0]]
        if len(matches) > 1:
            from coachcli.core.errors import UsageError

            shown = sorted(by_key[k] for k in matches)
            more = f" and {len(shown) - 4} more" if len(shown) > 4 else ""
            raise UsageError(
                f"that name could be any of {', '.join(shown[:4])}{more}; give more of the name"
            )
    return None
