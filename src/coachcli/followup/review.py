"""Walk open action items and close the loop: done, partly, not yet, drop.

Used by ``coach followup`` and, for one person's open items, at the start of
``coach start --person NAME`` (carry-over), which ends with the one-line summary
("Reviewed 3: 1 done, 1 partly, 1 moved"). The questions per answer are in
``followup.asking``. The loop talks to a ``Prompter`` and never touches the disk itself: every
answer goes to ``apply``, which for the real store is ``store_applier(store)`` — one
``Store.update_session`` per item, so the lock is held only while that one file is re-read and
written, never while a prompt waits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from coachcli.core.errors import DamagedFileError, NotFoundError, ReadOnlyError
from coachcli.followup.asking import DUE_KEY, LEARNED_KEY, Answer, ask_about
from coachcli.followup.listing import Item, in_order, items_from_rows

if TYPE_CHECKING:
    from coachcli.core.clock import Clock
    from coachcli.storage.store import Store
    from coachcli.ui.prompting import Prompter

__all__ = ["CHOICE_KEY", "DUE_KEY", "LEARNED_KEY", "Answer", "review_items", "store_applier"]

CHOICE_KEY = "followup.choice"
STOP = "stop"
SKIP = "skip"
SKIP_LABEL = "Not due yet: leave it as it is"
CHOICES = (
    ("done", "Done"),
    ("partly", "Partly done"),
    ("keep", "Not done yet"),
    ("drop", "Drop it"),
    (STOP, "Stop reviewing (the rest stay as they are)"),
)
LABELS = ("done", "partly", "moved", "kept", "dropped")


class Apply(Protocol):
    def __call__(self, item: Item, answer: Answer, *, at: datetime) -> str: ...


@dataclass
class ReviewSummary:
    reviewed: int = 0
    changes: list[tuple[str, str]] = field(default_factory=list)  # (item id, summary label)
    missing: list[str] = field(default_factory=list)  # ids whose file went away or broke meanwhile
    stopped: bool = False

    def count(self, label: str) -> int:
        return sum(1 for _, done in self.changes if done == label)

    def line(self) -> str:
        """``Reviewed 3: 1 done, 1 partly, 1 moved`` (moved: not yet, with a new date)."""
        if not self.reviewed:
            return "Nothing reviewed; the items stay as they were."
        parts = [f"{self.count(label)} {label}" for label in LABELS if self.count(label)]
        text = f"Reviewed {self.reviewed}: " + ", ".join(parts)
        return text + (" (stopped early)" if self.stopped else "")


def describe(item: Item, today) -> str:
    from coachcli.followup.view import cut, detail

    return f"{cut(item.action, 300)}\n{detail(item, today)}"


def choices_for(item: Item, today, choices: list) -> tuple[list, str | None]:
    """The choices for one item and the one the cursor starts on, fitted to the item: not yet
    due → "leave it" first and chosen; due or overdue → no answer presumed (a coach asks)."""
    from coachcli.ui.prompting import Choice

    if item.due is not None and item.due > today:
        return [Choice(value=SKIP, label=SKIP_LABEL), *choices], SKIP
    return choices, None


def review_items(
    items: Sequence[Item], prompter: Prompter, clock: Clock, apply: Apply
) -> ReviewSummary:
    """Ask about each open item in turn and send each answer to ``apply``."""
    from coachcli.ui.prompting import Choice, Message

    summary = ReviewSummary()
    choices = [Choice(value=value, label=label) for value, label in CHOICES]
    today = clock.today()
    todo = [item for item in items if item.is_open]
    for number, item in enumerate(todo, start=1):
        title = f"Item {number} of {len(todo)} ({item.id}, {item.person})"
        prompter.say(Message(kind="info", text=describe(item, today), title=title))
        offered, default = choices_for(item, today, choices)
        change = prompter.select(CHOICE_KEY, "How did it go?", offered, default=default)
        if change == STOP:
            summary.stopped = True
            break
        if change == SKIP:
            continue  # not due yet: nothing to ask, nothing changed
        answer = ask_about(item, change, prompter, today)
        try:
            apply(item, answer, at=clock.now())
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
        summary.changes.append((item.id, answer.label))
    return summary


def store_applier(store: Store, taken: Iterable[str] = ()) -> Apply:
    """``apply`` for the real store: re-read the item's session under the lock, change, write.
    ``taken``: ids in use elsewhere, which a remainder item's id is kept unlike."""
    in_use = list(taken)

    def apply(item: Item, answer: Answer, *, at: datetime) -> str:
        outcome, new_id = change_item(store, item.session_id, item.id, answer, at=at, taken=in_use)
        if new_id:
            in_use.append(new_id)
        return outcome

    return apply


def change_item(
    store: Store,
    session_id: str,
    item_id: str,
    answer: Answer,
    *,
    at: datetime,
    taken: Iterable[str] = (),
) -> tuple[str, str | None]:
    """One answer to one item, through ``items.apply_change`` and ``Store.update_session``
    (or, for a file in the plain form, the same change without the model: ``plainchange``):
    the outcome (changed, amended, unchanged) and the id of the remainder item, if one was
    added (a partly done item with something left, in the same session file)."""
    if not answer.left:  # no remainder item to make: the lean path, when the file is plain
        from coachcli.followup.plainchange import change_plainly

        outcome = change_plainly(
            store,
            session_id,
            item_id,
            answer.change,
            at=at,
            due=answer.due,
            note=answer.note,
            done_on=answer.done_on,
        )
        if outcome is not None:
            return outcome, None
    from coachcli.core.items import apply_change, remainder_item

    result: list[tuple[str, str | None]] = []

    def edit(session) -> None:
        for action in session.actions:
            if action.id != item_id:
                continue
            was = action.status
            outcome = apply_change(
                action,
                answer.change,
                at=at,
                due=answer.due,
                note=answer.note,
                done_on=answer.done_on,
            )
            added = None
            if answer.left and answer.left_due and was != "partly" and outcome == "changed":
                ids = [a.id for a in session.actions] + list(taken)
                rest = remainder_item(action, answer.left, answer.left_due, at=at, taken=ids)
                session.actions.append(rest)
                added = rest.id
            result.append((outcome, added))
            return
        raise NotFoundError(f"no action item {item_id} in session {session_id}")

    store.update_session(session_id, edit)
    return result[0]


def item_from_pair(row: Mapping[str, Any], action: Mapping[str, Any]) -> Item:
    """An ``Item`` from an index row and one of its actions."""
    one = {
        "id": row["id"],
        "person": row["person"],
        "started_at": row["started_at"],
        "actions": [action],
    }
    return items_from_rows([one])[0]


def review_open_items(
    store: Store,
    open_items: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]],
    prompter: Prompter,
    clock: Clock,
) -> list[str]:
    """The carry-over at ``coach start``: review ``(row, action)`` pairs from the index, write
    each change to its session file, end with the one-line summary, and return the ids of the
    items that were answered."""
    from coachcli.ui.prompting import Message

    items = in_order([item_from_pair(row, action) for row, action in open_items], clock.today())
    taken = [action["id"] for _, action in open_items]
    summary = review_items(items, prompter, clock, store_applier(store, taken))
    prompter.say(Message(kind="summary", text=summary.line()))
    return [item_id for item_id, _ in summary.changes]
