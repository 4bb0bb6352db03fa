"""Changes to an action item, each recorded in its status history.

Shared by ``coach followup`` and the carry-over review at the start of a conversation, so the two
close the loop in exactly the same way:

- ``done`` / ``partly``: the day the work happened (``done_on``, default the day it is recorded)
  and what the owner learned (``note``).
- ``keep`` (not done yet): what got in the way (``note``) and, when given, a new due date.
- ``reschedule``: a new due date for an open item.
- ``drop``: why (``note``, kept as ``drop_reason``).
- ``reopen``: open again; the closing fields (learned, done_on, drop_reason) are cleared.

Marking an item with the status it already has adds no history line: with nothing new it is
``unchanged``; a new note or work date corrects the closing entry in place (``amended``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Literal

from coachcli.core.errors import UsageError
from coachcli.core.model import ActionItem, StatusChange
from coachcli.core.plainitems import CHANGES, EFFECT, TAKES_WORK_DATE, Change

__all__ = ["CHANGES", "TAKES_WORK_DATE", "Change", "Outcome", "apply_change"]

Outcome = Literal["changed", "amended", "unchanged"]


def _amend(item: ActionItem, change: str, note: str, done_on: date | None) -> Outcome:
    """The item already has the status ``change`` gives: correct its closing entry in place."""
    last = next((h for h in reversed(item.history) if h.status == item.status), None)
    outcome: Outcome = "unchanged"
    if note:
        field = "drop_reason" if change == "drop" else "learned"
        if getattr(item, field) != note:
            setattr(item, field, note)
            if last is not None:
                last.note = note
            outcome = "amended"
    if done_on is not None and change in TAKES_WORK_DATE and item.done_on != done_on:
        item.done_on = done_on
        if last is not None:
            last.done_on = done_on
        outcome = "amended"
    return outcome


def apply_change(
    item: ActionItem,
    change: str,  # a Change; anything else is refused with a usage error
    *,
    at: datetime,
    due: date | None = None,
    note: str = "",
    done_on: date | None = None,
) -> Outcome:
    """Apply ``change`` to ``item`` in place and record it; say whether anything changed."""
    if change not in EFFECT:
        raise UsageError(f"unknown change {change!r}; expected one of {', '.join(CHANGES)}")
    status, event = EFFECT[change]
    if change in ("keep", "reschedule") and item.status != "open":
        raise UsageError(
            f"item {item.id} is {item.status}; reopen it first to give it a new due date"
        )
    if change == "reschedule" and due is None:
        raise UsageError("a new due date is needed to reschedule")
    if change == "reopen" and item.status == "open":
        return "unchanged"
    if change == "reschedule" and due == item.due:
        return "unchanged"
    if change in ("done", "partly", "drop") and item.status == status:
        return _amend(item, change, note, done_on)
    if change == "keep" and due is not None and due != item.due:
        event = "rescheduled"
    if due is not None:
        item.due = due
    item.status = status
    entry = StatusChange(at=at, status=item.status, due=item.due, note=note, event=event)
    if change in TAKES_WORK_DATE:
        item.done_on = entry.done_on = done_on or at.date()
        item.learned = note or item.learned
        item.drop_reason = ""
    elif change == "drop":
        item.drop_reason = note
        item.learned, item.done_on = "", None
    elif change == "reopen":
        item.learned, item.done_on, item.drop_reason = "", None, ""
    item.history.append(entry)
    return "changed"


def remainder_item(
    first: ActionItem, text: str, due: date, *, at: datetime, taken: Iterable[str] = ()
) -> ActionItem:
    """What is left of a partly done item, as a new open item linked to it (``follows``)."""
    from coachcli.core.ids import new_item_id

    return ActionItem(
        id=new_item_id([first.id, *taken]),
        text=text,
        owner=first.owner,
        due=due,
        confidence=first.confidence,
        created_at=at,
        follows=first.id,
        history=[created_entry(at, due)],
    )


def created_entry(at: datetime, due: date | None) -> StatusChange:
    return StatusChange(at=at, status="open", due=due, event="created")
