"""``core.items.apply_change`` on an action item as plain JSON data (``core.plain.canonical``).

The same rules, outcomes and messages as the model version, which stays the reference:
``tests/test_plain_session.py`` applies every change both ways to many sessions and compares the
bytes written. Used by ``coach followup done/partly/…`` so one item change needs no pydantic.
Standard library only.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from coachcli.core.errors import UsageError
from coachcli.core.plain import MAX_TEXT, NotPlain, day, stamp

if TYPE_CHECKING:
    from coachcli.core.model import ItemStatus, StatusEvent

# The changes an item can take, and what each does: one table for the model path
# (``core.items``) and this plain one, kept here because this module never loads pydantic.
Change = Literal["done", "partly", "keep", "reschedule", "drop", "reopen"]
CHANGES: tuple[Change, ...] = ("done", "partly", "keep", "reschedule", "drop", "reopen")
# Changes that close the loop: they record the day the work happened and what was learned.
TAKES_WORK_DATE: frozenset[str] = frozenset({"done", "partly"})
EFFECT: dict[str, tuple[ItemStatus, StatusEvent]] = {  # change -> (status, event)
    "done": ("done", "done"),
    "partly": ("partly", "partly"),
    "drop": ("dropped", "dropped"),
    "reopen": ("open", "reopened"),
    "keep": ("open", "kept"),
    "reschedule": ("open", "rescheduled"),
}


def _amend(item: dict[str, Any], change: str, note: str, done_on: str | None) -> str:
    """The item already has the status ``change`` gives: correct its closing entry in place."""
    last = next((h for h in reversed(item["history"]) if h["status"] == item["status"]), None)
    outcome = "unchanged"
    if note:
        field = "drop_reason" if change == "drop" else "learned"
        if item[field] != note:
            item[field] = note
            if last is not None:
                last["note"] = note
            outcome = "amended"
    if done_on is not None and change in TAKES_WORK_DATE and item["done_on"] != done_on:
        item["done_on"] = done_on
        if last is not None:
            last["done_on"] = done_on
        outcome = "amended"
    return outcome


def apply_plain_change(
    item: dict[str, Any],
    change: str,
    *,
    at: datetime,
    due: date | None = None,
    note: str = "",
    done_on: date | None = None,
) -> str:
    """Apply ``change`` to ``item`` (an action item in canonical form) in place and record it;
    say whether anything changed: changed, amended or unchanged. ``NotPlain`` when only the
    model can say what to write (a note over the length limit, an odd UTC offset)."""
    if change not in EFFECT:
        raise UsageError(f"unknown change {change!r}; expected one of {', '.join(CHANGES)}")
    if len(note) > MAX_TEXT:
        raise NotPlain("a note over the length limit")
    status, event = EFFECT[change]
    due_text, done_text = day(due), day(done_on)
    if change in ("keep", "reschedule") and item["status"] != "open":
        raise UsageError(
            f"item {item['id']} is {item['status']}; reopen it first to give it a new due date"
        )
    if change == "reschedule" and due is None:
        raise UsageError("a new due date is needed to reschedule")
    if change == "reopen" and item["status"] == "open":
        return "unchanged"
    if change == "reschedule" and due_text == item["due"]:
        return "unchanged"
    if change in ("done", "partly", "drop") and item["status"] == status:
        return _amend(item, change, note, done_text)
    if change == "keep" and due is not None and due_text != item["due"]:
        event = "rescheduled"
    when = stamp(at)  # before any change: NotPlain leaves the item as it was
    if due_text is not None:
        item["due"] = due_text
    item["status"] = status
    entry = {"at": when, "status": status, "due": item["due"], "note": note, "event": event}
    entry["done_on"] = None
    if change in TAKES_WORK_DATE:
        item["done_on"] = entry["done_on"] = done_text or at.date().isoformat()
        item["learned"] = note or item["learned"]
        item["drop_reason"] = ""
    elif change == "drop":
        item["drop_reason"] = note
        item["learned"], item["done_on"] = "", None
    elif change == "reopen":
        item["learned"], item["done_on"], item["drop_reason"] = "", None, ""
    item["history"].append(entry)
    return "changed"
