"""Which session a few typed words name, for ``coach show`` and ``coach export``.

A session can be named by:

- its id, ``20261201-atgx7k``, or a unique prefix of it (at least 4 characters);
- the random part alone, ``atgx7k``, or a unique prefix of that (``atgx``);
- a person and a position: ``Priya last`` (or ``latest``), ``Priya -2`` (the one before), the
  person as ``--person`` takes it (a unique first name or prefix will do).

A name that matches a session file that cannot be read is that file's error (exit 3, naming the
file), not "no session". Works on index rows (no pydantic).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from coachcli.core.errors import CoachError, NotFoundError, UsageError
from coachcli.core.ids import random_part
from coachcli.core.people import resolve_person, same_person

MIN_PREFIX = 4
LAST_WORDS = ("last", "latest")


def _position(word: str) -> int | None:
    """``last`` -> 1, ``-2`` -> 2 (how far back from the latest session)."""
    if word in LAST_WORDS:
        return 1
    if word.startswith("-") and word[1:].isdigit() and int(word[1:]) >= 1:
        return int(word[1:])
    return None


def _by_person(rows: Sequence[Mapping[str, Any]], words: list[str]) -> tuple[str, str] | None:
    """(session id, person) for ``PERSON last`` / ``PERSON -N``; None when not that shape."""
    if len(words) < 2:
        return None
    back = _position(words[-1].lower())
    if back is None:
        return None
    person = resolve_person(" ".join(words[:-1]), [row.get("person", "") for row in rows])
    if person is None:
        raise NotFoundError(
            "no sessions with that person", hint="`coach people` lists everyone coached"
        )
    theirs = sorted(
        (row for row in rows if same_person(row["person"], person)),
        key=lambda row: (row["started_at"], row["id"]),
    )
    if back > len(theirs):
        count = len(theirs)
        raise NotFoundError(
            f"there {'is' if count == 1 else 'are'} only {count} session"
            f"{'' if count == 1 else 's'} with {person}",
            hint=f"`coach sessions --person {person.split()[0]}` lists them",
        )
    return theirs[-back]["id"], person


def _a_person_alone(rows: Sequence[Mapping[str, Any]], text: str) -> None:
    """A name without a position ("Priya"): say how to pick one of their sessions."""
    try:
        person = resolve_person(text, [row.get("person", "") for row in rows])
    except UsageError:
        return
    if person is not None:
        first = person.split()[0]
        raise UsageError(
            f"which session with {person}? say e.g. '{first} last' or '{first} -2'",
            hint=f"`coach sessions --person {first}` lists them",
        )


def _matches(ids: Sequence[str], wanted: str) -> list[str]:
    return sorted(
        {sid for sid in ids if sid.startswith(wanted) or random_part(sid).startswith(wanted)}
    )


def _broken_id(error: CoachError) -> str:
    name = getattr(getattr(error, "path", None), "name", "")
    return name[:-5] if name.endswith(".json") else ""


def resolve_session_id(
    rows: Sequence[Mapping[str, Any]], text: str, broken: Sequence[CoachError] = ()
) -> str:
    """The session id ``text`` names (see the module). ``broken``: the errors of session files
    that cannot be read; one whose id is named is raised."""
    words = text.split()
    found = _by_person(rows, words)
    if found is not None:
        return found[0]
    wanted = text.strip().lower()
    ids = [row["id"] for row in rows]
    if wanted in ids:
        return wanted
    for error in broken:
        if _broken_id(error) and _broken_id(error) == wanted:
            raise error
    if len(wanted) < MIN_PREFIX:
        raise UsageError(
            f"a session id needs at least {MIN_PREFIX} characters (or say e.g. 'Sam last')",
            hint="`coach sessions` lists them",
        )
    matches = _matches(ids, wanted)
    if not matches:
        damaged = [e for e in broken if _broken_id(e) in _matches([_broken_id(e)], wanted)]
        if len(damaged) == 1:
            raise damaged[0]
        _a_person_alone(rows, text)
        raise NotFoundError("no session with that id", hint="`coach sessions` lists them")
    if len(matches) > 1:
        shown = ", ".join(matches[:5]) + (" …" if len(matches) > 5 else "")
        raise UsageError(f"the id prefix matches several sessions ({shown}); give more characters")
    return matches[0]
