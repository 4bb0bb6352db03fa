"""One item change written without the model: the lean path of ``coach followup done`` & co.

A session file that ``index.validate.plainly_valid`` accepts (the plain form coach writes) is
changed as JSON data: ``core.plain.canonical`` gives it the model's form, ``core.plainitems``
applies the change, and ``core.plain.to_json_bytes`` writes exactly the bytes the model path
would (``tests/test_plain_session.py`` compares the two on many sessions). The store reads and
writes it (``Store.rewrite_session``: the lock, the rewrite guard, the atomic write, the index
row). Anything else (another form, a remainder item to add, a note over the limit) returns None
and the caller takes the model path, which gives the verdict. No pydantic on this path.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachcli.core.errors import NotFoundError
from coachcli.core.plain import NotPlain, canonical, to_json_bytes
from coachcli.core.plainitems import apply_plain_change
from coachcli.index.validate import plainly_valid
from coachcli.storage.sessionfile import check_file_name

if TYPE_CHECKING:
    from coachcli.storage.store import Store


def change_plainly(
    store: Store,
    session_id: str,
    item_id: str,
    change: str,
    *,
    at: datetime,
    due: date | None = None,
    note: str = "",
    done_on: date | None = None,
) -> str | None:
    """The outcome (changed, amended, unchanged) of ``change`` to one item, written to its
    session file; None when the file is not in the plain form (nothing written)."""
    outcome: list[str] = []

    def edit(path: Path, data: Any) -> bytes | None:
        if not plainly_valid(data):
            return None
        check_file_name(path, data["id"])
        session = canonical(data)
        for action in session["actions"]:
            if action["id"] != item_id:
                continue
            try:
                outcome.append(
                    apply_plain_change(action, change, at=at, due=due, note=note, done_on=done_on)
                )
            except NotPlain:
                return None
            return to_json_bytes(session)
        raise NotFoundError(f"no action item {item_id} in session {session_id}")

    if not store.rewrite_session(session_id, edit):
        return None
    return outcome[0]
