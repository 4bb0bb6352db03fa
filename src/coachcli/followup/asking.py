"""The questions a coach asks about one action item, and the answer they add up to.

- Done: when was it done (Enter for today), and what did the owner learn — asked as theirs
  ("What did Priya learn?"; "What did you learn?" only for the supervisor's own items).
- Partly: when was that part done, what is left (it becomes a new item, linked to this one, with
  its own due date), and what they learned.
- Not done yet: what got in the way, and when now (Enter keeps a due date still ahead).
- Drop: why (no "what did you learn": dropping is a decision, not a lesson).

Every date is read by ``coachcli.core.dates`` with the rule of its question and echoed as
weekday, ISO date and distance. Nothing here writes: the answers go back as an ``Answer``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from coachcli.core.sanitize import one_line

if TYPE_CHECKING:
    from coachcli.followup.listing import Item
    from coachcli.ui.prompting import Prompter

DONE_ON_KEY = "followup.done_on"
LEARNED_KEY = "followup.learned"
LEFT_KEY = "followup.left"
LEFT_DUE_KEY = "followup.left_due"
OBSTACLE_KEY = "followup.obstacle"
DUE_KEY = "followup.due"
WHY_DROP_KEY = "followup.why_drop"


@dataclass
class Answer:
    """What the review learned about one item; ``change`` is a ``core.items`` change."""

    change: str
    due: date | None = None  # not yet: the new due date (None keeps the old one)
    note: str = ""  # done/partly: learned; not yet: what got in the way; drop: why
    done_on: date | None = None  # done/partly: the day the work happened
    left: str = ""  # partly: what is left, to become a new item
    left_due: date | None = None

    @property
    def label(self) -> str:
        """How the summary line counts it: done, partly, moved, kept or dropped."""
        if self.change == "keep":
            return "moved" if self.due is not None else "kept"
        return {"drop": "dropped", "reschedule": "moved"}.get(self.change, self.change)


def whose(item: Item) -> str:
    """Who learned: the person by name, or "you" for the supervisor's own items."""
    return "you" if item.owner == "supervisor" else one_line(item.person, 60)


def _checked(parse: Callable[[str, date], date], today: date, *, blank_ok: bool):
    from coachcli.core.dates import DateError, prompt_problem

    def check(text: str) -> str | None:
        if not text.strip():
            return None if blank_ok else "a date is needed, e.g. friday or in 2 weeks"
        try:
            parse(text, today)
        except DateError as exc:
            return prompt_problem(exc)
        return None

    return check


def _echo(prompter: Prompter, what: str, day: date, today: date) -> None:
    from coachcli.core.dates import describe_date
    from coachcli.ui.prompting import Message

    prompter.say(Message(kind="echo", text=f"{what} {describe_date(day, today)}"))


def ask_work_date(prompter: Prompter, today: date, what: str = "it") -> date:
    from coachcli.core.dates import day_month, parse_past, shifted

    answer = prompter.text(
        DONE_ON_KEY,
        f"When was {what} done? (Enter for today; e.g. yesterday, tuesday, "
        f"{day_month(shifted(today, -10))})",
        validate=_checked(parse_past, today, blank_ok=True),
    )
    day = parse_past(answer, today) if answer.strip() else today
    _echo(prompter, "Done", day, today)
    return day


def ask_due(prompter: Prompter, key: str, prompt: str, today: date, keep: date | None) -> date:
    """A due date from today on; Enter keeps ``keep`` when it is given (still ahead)."""
    from coachcli.core.dates import day_month, describe_date, parse_due, shifted

    if keep is not None:
        prompt += f" (Enter keeps {describe_date(keep, today)})"
    else:
        later = day_month(shifted(today, 13))
        prompt += f" (e.g. friday, next friday, in 2 weeks, {later})"
    answer = prompter.text(key, prompt, validate=_checked(parse_due, today, blank_ok=bool(keep)))
    due = parse_due(answer, today) if answer.strip() or keep is None else keep
    _echo(prompter, "Due", due, today)
    return due


def ask_learned(prompter: Prompter, item: Item) -> str:
    return prompter.text(LEARNED_KEY, f"What did {whose(item)} learn? (optional)").strip()


def ask_about(item: Item, change: str, prompter: Prompter, today: date) -> Answer:
    """The follow-up questions for ``change`` (done, partly, keep or drop) on ``item``."""
    if change == "done":
        done_on = ask_work_date(prompter, today)
        return Answer("done", done_on=done_on, note=ask_learned(prompter, item))
    if change == "partly":
        done_on = ask_work_date(prompter, today, "that part")
        left = prompter.text(LEFT_KEY, "What is left to do? (Enter if nothing)").strip()
        left_due = None
        if left:
            left_due = ask_due(prompter, LEFT_DUE_KEY, "When is the rest due?", today, None)
        note = ask_learned(prompter, item)
        return Answer("partly", done_on=done_on, left=left, left_due=left_due, note=note)
    if change == "keep":
        note = prompter.text(OBSTACLE_KEY, "What got in the way? (optional)").strip()
        still_ahead = item.due if item.due is not None and item.due >= today else None
        due = ask_due(prompter, DUE_KEY, "New due date", today, still_ahead)
        return Answer("keep", due=None if due == item.due else due, note=note)
    if change == "drop":
        note = prompter.text(WHY_DROP_KEY, "Why drop it? (optional)").strip()
        return Answer("drop", note=note)
    return Answer(change)
