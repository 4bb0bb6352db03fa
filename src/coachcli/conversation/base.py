"""What every step of the conversation shares: the ``Conversation`` it runs in (a protocol that
``engine.Conversation`` satisfies) and the prompts for a date and a confidence.

Kept apart from the steps so that the step modules import it, never each other or the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol, cast

from coachcli.conversation.state import ConversationState, PendingAction, new_action
from coachcli.language.steps import (
    LOW_CONFIDENCE,
    check_due,
    check_step,
    parse_confidence,
    voice_of,
)
from coachcli.ui.prompting import Choice

if TYPE_CHECKING:
    from coachcli.banks.model import Phase
    from coachcli.banks.parts import Bank, Question
    from coachcli.conversation.state import PersonContext
    from coachcli.core.clock import Clock
    from coachcli.core.model import Owner
    from coachcli.core.parts import ActionItem
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

    def phase(self, key: Phase) -> None: ...

    def rotated(self, skill: str, focus: str | None = None) -> list[Question]: ...


STEP_CHECK_TITLE = "Next-step check"
QUESTION_CHECK_TITLE = "Question check"


def step_problem(text: str) -> str | None:
    """An empty next step is refused at the prompt; what it says is judged by
    ``check_step_flow`` afterwards, where the supervisor may keep a flagged step."""
    if not text.strip():
        return "A next step needs words: what will be done, e.g. 'Draft the rota for December'."
    return None


def check_step_flow(c: Conversation, pending: PendingAction) -> None:
    """The next-step check on ``pending.text``: write it again, or keep it and record the flag.

    Its message and example speak of the step's owner in one voice: "they" for the person's
    step, "you" for the supervisor's own (so "work on my confidence" becomes "… their
    confidence" or "… your confidence", never "my")."""
    while not pending.checked:
        result = check_step(pending.text or "", voice_of(pending.owner))
        if result.ok:
            pending.checked = True
            return
        lines = [f"For example: {result.suggestion}"] if result.suggestion else []
        c.say("warning", result.message or "", title=STEP_CHECK_TITLE, lines=lines)
        picked = c.prompter.select(
            "next.check",
            "What would you like to do?",
            [
                Choice("edit", "Edit the step"),
                Choice("new", "Write a new step"),
                Choice("keep", "Keep it as it is"),
            ],
        )
        if picked == "keep":
            pending.check, pending.checked = result.kind, True
            return
        # Editing starts from the words as written (a hedge is one word to delete); a goal
        # usually wants a step written afresh, and typing over old words would join them.
        pending.text = c.prompter.text(
            "next.action",
            "Next step (what will be done?)",
            default=(pending.text or "") if picked == "edit" else "",
            validate=step_problem,
        ).strip()


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
    # The scale is a question a coach asks the person about their step; for a step of your
    # own it is a question to yourself, and said as one.
    asked = (
        "Your own step: how sure are you that you'll do it? (1–10)"
        if pending.owner == "supervisor"
        else "How confident are they that it will happen? (1–10)"
    )
    while pending.confidence is None:
        raw = c.prompter.text(key, asked, validate=lambda t: parse_confidence(t)[1])
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
                pending.text, pending.checked, pending.check = smaller, False, None
                check_step_flow(c, pending)
                continue  # ask the confidence again for the smaller step
        pending.confidence = confidence


def ask_owner(c: Conversation, person: str | None) -> Owner:
    """Who owns the step being written: the person, or the supervisor."""
    picked = c.prompter.select(
        "next.owner",
        "Who owns it?",
        [Choice("person", person or "They do"), Choice("supervisor", "Me")],
    )
    # A prompter answers with the value of one of the choices offered, and both are owners.
    return cast("Owner", picked)


def next_steps(
    c: Conversation,
    state: ConversationState,
    *,
    action_prompt: str,
    due: Callable[[], date],
    check: bool = True,
) -> None:
    """Next steps until the supervisor has no more: what will be done, who owns it (and, with
    ``check``, the next-step check, in the owner's voice), when (``due`` asks), how confident
    the owner is. The step being written is kept in ``state.pending_action``, so a draft
    resumes it."""
    while True:
        pending = state.pending_action or PendingAction()
        state.pending_action = pending
        if pending.text is None:
            pending.text = c.prompter.text(
                "next.action", action_prompt, validate=step_problem
            ).strip()
        if pending.owner is None:  # asked first: the check speaks of the step's owner
            pending.owner = ask_owner(c, state.person)
        if check:
            check_step_flow(c, pending)
        if pending.due is None:
            pending.due = due()
        ask_confidence(c, pending)
        state.actions.append(new_action(pending, c.clock.now()))
        state.pending_action = None
        if not c.prompter.confirm("next.more", "Add another next step?", default=False):
            return


def own_step(
    c: Conversation, state: ConversationState, *, keys: str, prompt: str, text: str, due: str
) -> ActionItem:
    """A next step the supervisor owns, drafted for them (``text``; Enter keeps it), with its
    due date (``due`` offered) and confidence. ``keys`` is the prompts' key prefix:
    ``offer.`` asks ``offer.action``, ``offer.due``, ``offer.confidence``, ``offer.smaller``."""
    pending = state.pending_action or PendingAction(owner="supervisor")
    state.pending_action = pending
    if pending.text is None:
        pending.text = c.prompter.text(
            f"{keys}action", prompt, default=text, validate=step_problem
        ).strip()
    if pending.due is None:
        pending.due = ask_due(c, f"{keys}due", "When will you do it?", default=due)
    ask_confidence(c, pending, f"{keys}confidence", f"{keys}smaller")
    action = new_action(pending, c.clock.now())
    state.actions.append(action)
    state.pending_action = None
    return action
