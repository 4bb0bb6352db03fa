"""What every step of the conversation shares: the ``Conversation`` it runs in (a protocol that
``engine.Conversation`` satisfies) and the prompts for a date and a confidence.

Kept apart from the steps so that the step modules import it, never each other or the engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol

from coachcli.conversation.state import PendingAction
from coachcli.language import steps as step_rules
from coachcli.language.steps import LOW_CONFIDENCE, check_due, parse_confidence

if TYPE_CHECKING:
    from coachcli.banks.model import Bank, Question
    from coachcli.conversation.state import PersonContext
    from coachcli.core.clock import Clock
    from coachcli.ui.prompting import MessageKind, Prompter


class Conversation(Protocol):
    """What a step needs of the running conversation (``engine.Conversation`` is one)."""

    @property
    def bank(self) -> Bank: ...
    @property
    def prompter(self) -> Prompter: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def context(self) -> PersonContext: ...

    def say(
        self, kind: MessageKind, text: str, *, title: str = "", lines: Sequence[str] = ()
    ) -> None: ...

    def phase(self, key: str) -> None: ...

    def rotated(self, skill: str, focus: str | None = None) -> list[Question]: ...


def step_problem(text: str) -> str | None:
    """What is wrong with ``text`` as a next step (None when it will do): the one place the
    conversation asks ``language.steps``, which owns the rule (a verb first; a richer
    ``check_step`` when the language package offers one)."""
    if not text.strip():
        return "A next step needs words: what will be done, e.g. 'Draft the rota for December'."
    check_step = getattr(step_rules, "check_step", None)
    if check_step is not None:
        result = check_step(text)
        return None if result.ok else result.message
    return step_rules.check_action_text(text)


def date_examples(today: date) -> str:
    """Due-date examples computed from today, so the ISO one is never in the past."""
    from datetime import timedelta

    return f"{(today + timedelta(days=7)).isoformat()}, friday, in 2 weeks, tomorrow"


def ask_due(
    c: Conversation, key: str = "next.due", prompt: str = "Due when?", *, default: str = ""
) -> date:
    today = c.clock.today()

    def validate(text: str) -> str | None:
        return check_due(text, today)[1]

    text = c.prompter.text(
        key, f"{prompt} (e.g. {date_examples(today)})", default=default, validate=validate
    )
    due, _ = check_due(text, today)
    assert due is not None  # the validator ensures it
    from coachcli.core.dates import describe_date

    c.say("echo", f"{'Due' if key.endswith('due') else 'On'} {describe_date(due, today)}")
    return due


def ask_confidence(
    c: Conversation,
    pending: PendingAction,
    key: str = "next.confidence",
    smaller_key: str = "next.smaller",
) -> None:
    while pending.confidence is None:
        raw = c.prompter.text(
            key,
            "How confident is the owner it will happen? (1–10)",
            validate=lambda t: parse_confidence(t)[1],
        )
        confidence, _ = parse_confidence(raw)
        if confidence is not None and confidence < LOW_CONFIDENCE:
            c.say("hint", f"Confidence {confidence}: a smaller step is more likely to happen.")
            smaller = c.prompter.text(
                smaller_key,
                "A smaller step (edit it, or press Enter to keep this one)",
                default=pending.text or "",
                validate=step_problem,
            ).strip()
            if smaller and smaller != pending.text:
                pending.text = smaller
                continue  # ask the confidence again for the smaller step
        pending.confidence = confidence
