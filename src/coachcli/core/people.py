"""People: how names match, who is already known, and asking who the conversation is with.

Light on purpose (no pydantic, no rich): ``coach start`` asks who the conversation is with before
it loads the rest of the engine, so the first prompt is on screen fast.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from coachcli.ui.prompting import Choice, Prompter

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


def known_people(people: Iterable[dict]) -> list[str]:
    """Everyone in the index's people summary (``{"person", "last"}``), most recently seen
    first; spellings of one name are offered once, as last written."""
    latest: dict[str, tuple[str, str]] = {}
    for entry in people:
        key = person_key(entry["person"])
        if key not in latest or entry["last"] > latest[key][0]:
            latest[key] = (entry["last"], entry["person"])
    return [name for _, name in sorted(latest.values(), reverse=True)]


def ask_person(prompter: Prompter, known: Sequence[str]) -> str:
    """Pick someone already known, or type a new name."""
    if known:
        choices = [Choice(f"p{i}", name) for i, name in enumerate(known)]
        choices.append(Choice("new", "Someone new…"))
        picked = prompter.select("who.person", "Who are you meeting?", choices)
        if picked != "new":
            return known[int(picked[1:])]
    return tidy_name(prompter.text("who.name", "Who are you meeting? (name)", validate=valid_name))
