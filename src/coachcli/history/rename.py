"""``coach rename OLD NEW``: the name a person is shown by, changed in every session with them.

The display name is the spelling first chosen (new sessions reuse it, ``core.people``); this is
how a user changes it on purpose: fix a typo, add a surname, or bring two spellings together.
Each session file is rewritten through ``Store.update_session`` (atomic, under the lock).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachcli.core.errors import NotFoundError, UsageError
from coachcli.core.people import resolve_person, same_person, tidy_name, valid_name

if TYPE_CHECKING:
    from coachcli.storage.store import Store


def rename_person(store: Store, rows: list[dict], old: str, new: str) -> tuple[str, str, int]:
    """(the name taken for ``old``, the new name, sessions changed)."""
    problem = valid_name(new)
    if problem:
        raise UsageError(f"the new name: {problem}")
    new = tidy_name(new)
    found = resolve_person(old, [row["person"] for row in rows])
    if found is None:
        raise NotFoundError("no sessions with that person", hint="`coach people` lists them")
    # Sessions already spelled ``new`` are left as they are (not rewritten, not counted).
    ids = [row["id"] for row in rows if same_person(row["person"], found) and row["person"] != new]
    changed = 0
    for session_id in ids:

        def rename(session) -> None:
            session.person = new

        store.update_session(session_id, rename)
        changed += 1
    return found, new, changed
