"""Walk open action items and close the loop: done, partly, not yet, new due date, drop.

Used by ``coach followup`` and, for one person's open items, at the start of
``coach start --person NAME`` (carry-over). The loop talks to a ``Prompter`` and never touches
the disk itself: every change goes to ``apply``, which for the real store is
``store_applier(store)`` — one ``Store.update_session`` per change, so the lock is held only while
that one file is re-read and written, never while a prompt waits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from coachcli.core.errors import DamagedFileError, NotFoundError, ReadOnlyError, UsageError
from coachcli.followup.listing import Item, in_order, items_from_rows

if TYPE_CHECKING:
    from coachcli.core.clock import Clock
    from coachcli.index.rows import ActionRow, OpenRow
    from coachcli.storage.store import Store
    from coachcli.ui.prompting import Prompter

CHOICE_KEY = "followup.choice"
DUE_KEY = "followup.due"
LEARNED_KEY = "followup.learned"
LEARNED_PROMPT = "What did you learn? (optional)"
DUE_PROMPT = "New due date (e.g. friday, in 2 weeks, 2026-12-01)"
STOP = "stop"
CHOICES = (
    ("done", "Done"),
    ("partly", "Partly done"),
    ("keep", "Not done yet (keep open)"),
    ("reschedule", "New due date"),
    ("drop", "Drop it"),
    (STOP, "Stop reviewing (the rest stay as they are)"),
)


class Apply(Protocol):
    def __call__(
        self, item: Item, change: str, *, at: datetime, due: date | None, note: str
    ) -> None: ...


@dataclass
class ReviewSummary:
    reviewed: int = 0
    changes: list[tuple[str, str]] = field(default_factory=list)  # (item id, change)
    missing: list[str] = field(default_factory=list)  # ids whose file went away or broke meanwhile
    stopped: bool = False

    def count(self, change: str) -> int:
        return sum(1 for _, done in self.changes if done == change)

    def line(self) -> str:
        if not self.reviewed:
            return "Nothing reviewed."
        names = {
            "done": "done",
            "partly": "partly done",
            "keep": "kept open",
            "reschedule": "rescheduled",
            "drop": "dropped",
        }
        parts = [f"{self.count(key)} {label}" for key, label in names.items() if self.count(key)]
        text = f"Reviewed {self.reviewed}: " + (", ".join(parts) or "no changes")
        return text + (" (stopped early)" if self.stopped else "")


def _validate_due(today: date) -> Callable[[str], str | None]:
    def check(text: str) -> str | None:
        if not text.strip():
            return "a date is needed, e.g. 2026-12-01"
        from coachcli.core.dates import parse_date

        try:
            parse_date(text, today)
        except UsageError as exc:
            return exc.message
        return None

    return check


def describe(item: Item, today: date) -> str:
    from coachcli.followup.view import cut, detail

    return f"{cut(item.action, 300)}\n{detail(item, today)}"


def review_items(
    items: Sequence[Item], prompter: Prompter, clock: Clock, apply: Apply
) -> ReviewSummary:
    """Ask about each open item in turn and send each answer to ``apply``."""
    from coachcli.core.items import ASKS_LEARNING
    from coachcli.ui.prompting import Choice, Message

    summary = ReviewSummary()
    choices = [Choice(value=value, label=label) for value, label in CHOICES]
    today = clock.today()
    todo = [item for item in items if item.is_open]
    for number, item in enumerate(todo, start=1):
        title = f"Item {number} of {len(todo)} ({item.id}, {item.person})"
        prompter.say(Message(kind="info", text=describe(item, today), title=title))
        change = prompter.select(CHOICE_KEY, "How did it go?", choices, default="keep")
        if change == STOP:
            summary.stopped = True
            break
        due, note = None, ""
        if change == "reschedule":
            answer = prompter.text(DUE_KEY, DUE_PROMPT, validate=_validate_due(today))
            from coachcli.core.dates import parse_date

            due = parse_date(answer, today)
        elif change in ASKS_LEARNING:
            note = prompter.text(LEARNED_KEY, LEARNED_PROMPT).strip()
        try:
            apply(item, change, at=clock.now(), due=due, note=note)
        except NotFoundError:
            summary.missing.append(item.id)
            prompter.say(
                Message(kind="warning", text=f"{item.id}: its session is gone; not changed")
            )
            continue
        except (DamagedFileError, ReadOnlyError) as exc:  # changed by someone else meanwhile
            summary.missing.append(item.id)
            prompter.say(Message(kind="warning", text=f"{item.id}: not changed: {exc.message}"))
            continue
        summary.reviewed += 1
        summary.changes.append((item.id, change))
    return summary


def store_applier(store: Store) -> Apply:
    """``apply`` for the real store: re-read the item's session under the lock, change, write."""

    def apply(item: Item, change: str, *, at: datetime, due: date | None, note: str) -> None:
        change_item(store, item.session_id, item.id, change, at=at, due=due, note=note)

    return apply


def change_item(
    store: Store,
    session_id: str,
    item_id: str,
    change: str,
    *,
    at: datetime,
    due: date | None = None,
    note: str = "",
) -> None:
    """One change to one item through ``items.apply_change`` and ``Store.update_session``."""
    from coachcli.core.items import apply_change

    def edit(session) -> None:
        for action in session.actions:
            if action.id == item_id:
                apply_change(action, change, at=at, due=due, note=note)
                return
        raise NotFoundError(f"no action item {item_id} in session {session_id}")

    store.update_session(session_id, edit)


def item_from_pair(row: OpenRow, action: ActionRow) -> Item:
    """An ``Item`` from an index row and one of its actions."""
    one: OpenRow = {
        "id": row["id"],
        "person": row["person"],
        "started_at": row["started_at"],
        "actions": [action],
    }
    return items_from_rows([one])[0]


def review_open_items(
    store: Store,
    open_items: Sequence[tuple[OpenRow, ActionRow]],
    prompter: Prompter,
    clock: Clock,
) -> list[str]:
    """The carry-over at ``coach start``: review ``(row, action)`` pairs from the index, write
    each change to its session file, and return the ids of the items that were answered."""
    items = in_order([item_from_pair(row, action) for row, action in open_items], clock.today())
    summary = review_items(items, prompter, clock, store_applier(store))
    return [item_id for item_id, _ in summary.changes]
