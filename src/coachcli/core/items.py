"""Changes to an action item, each recorded in its status history.

Shared by ``coach followup`` and the carry-over review at the start of a conversation, so the two
close the loop in exactly the same way.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from coachcli.core.errors import UsageError
from coachcli.core.model import ActionItem, ItemStatus, StatusChange, StatusEvent

Change = Literal["done", "partly", "keep", "reschedule", "drop", "reopen"]
CHANGES: tuple[Change, ...] = ("done", "partly", "keep", "reschedule", "drop", "reopen")
# Changes that close the loop and so ask "What did you learn?".
ASKS_LEARNING: frozenset[str] = frozenset({"done", "partly", "drop"})

_EFFECT: dict[str, tuple[ItemStatus | None, StatusEvent]] = {
    "done": ("done", "done"),
    "partly": ("partly", "partly"),
    "drop": ("dropped", "dropped"),
    "reopen": ("open", "reopened"),
    "keep": (None, "kept"),
    "reschedule": ("open", "rescheduled"),
}


def apply_change(
    item: ActionItem,
    change: str,  # a Change; anything else is refused with a usage error
    *,
    at: datetime,
    due: date | None = None,
    note: str = "",
) -> ActionItem:
    """Apply ``change`` to ``item`` in place, append the history entry, return the item."""
    if change not in _EFFECT:
        raise UsageError(f"unknown change {change!r}; expected one of {', '.join(CHANGES)}")
    status, event = _EFFECT[change]
    if change == "reschedule":
        if due is None:
            raise UsageError("a new due date is needed to reschedule")
        item.due = due
    if status is not None:
        item.status = status
    if note and change in ASKS_LEARNING:
        item.learned = note
    item.history.append(
        StatusChange(at=at, status=item.status, due=item.due, note=note, event=event)
    )
    return item


def created_entry(at: datetime, due: date | None) -> StatusChange:
    return StatusChange(at=at, status="open", due=due, event="created")
