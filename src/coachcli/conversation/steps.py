"""The looping steps of the conversation after the ask step: challenge, next steps (with the
help they want from you and when you will next meet).

Each loop keeps its results in the state as soon as they are complete, so an interrupted loop
resumes with what was already recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol

from coachcli.conversation.paging import pick
from coachcli.conversation.state import ConversationState, PendingAction, new_action
from coachcli.core.model import Assumption
from coachcli.language.steps import (
    LOW_CONFIDENCE,
    check_action_text,
    check_due,
    parse_confidence,
)
from coachcli.ui.prompting import Choice

if TYPE_CHECKING:
    from coachcli.banks.model import Bank, Question
    from coachcli.core.clock import Clock
    from coachcli.ui.prompting import MessageKind, Prompter


class Conversation(Protocol):
    """What a step needs of the running conversation (``engine.Conversation`` is one)."""

    bank: Bank
    prompter: Prompter
    clock: Clock

    def say(
        self, kind: MessageKind, text: str, *, title: str = "", lines: Sequence[str] = ()
    ) -> None: ...

    def phase(self, key: str) -> None: ...

    def rotated(self, skill: str, focus: str | None = None) -> list[Question]: ...


def question_key(text: str) -> str:
    from coachcli.conversation.ask import question_key as key

    return key(text)


def challenge_step(c: Conversation, state: ConversationState) -> None:
    c.say("info", "Now challenge: what is being taken for granted?", title="Challenge")
    own = Choice("own", "Note an assumption I noticed myself…", key="w")
    done = Choice("done", "Done — move on to next steps", key="d")
    while True:
        used = {a.prompt_id for a in state.assumptions}
        pool = [q for q in c.rotated("challenge") if q.id not in used]
        picked = pick(c.prompter, "challenge.pick", "Pick a challenge to ask", pool, [own], done)
        if picked == "done":
            return
        if isinstance(picked, str):
            prompt, prompt_id = "", None
        else:
            prompt, prompt_id = picked.text, picked.id
        assumption = c.prompter.text(
            "challenge.assumption", "The assumption that surfaced (empty to skip)"
        ).strip()
        if not assumption:
            continue
        reframe = c.prompter.text("challenge.reframe", "How did they reframe it?").strip()
        state.assumptions.append(
            Assumption(prompt=prompt, prompt_id=prompt_id, assumption=assumption, reframe=reframe)
        )


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
                validate=check_action_text,
            ).strip()
            if smaller and smaller != pending.text:
                pending.text = smaller
                continue  # ask the confidence again for the smaller step
        pending.confidence = confidence


def next_step(c: Conversation, state: ConversationState) -> None:
    from coachcli.conversation.agree import agree_help_and_meeting

    if not state.is_done("next.steps"):
        c.phase("next")
        hints = c.rotated("commit")[:2]
        if hints:
            c.say("hint", "You might ask:", lines=[q.text for q in hints])
        _steps(c, state)
        state.mark_done("next.steps")
    agree_help_and_meeting(c, state)


def _steps(c: Conversation, state: ConversationState) -> None:
    while True:
        pending = state.pending_action or PendingAction()
        state.pending_action = pending
        if pending.text is None:
            pending.text = c.prompter.text(
                "next.action", "Next step (start with a verb)", validate=check_action_text
            ).strip()
        if pending.owner is None:
            pending.owner = c.prompter.select(  # type: ignore[assignment]
                "next.owner",
                "Who owns it?",
                [Choice("person", state.person or "They do"), Choice("supervisor", "Me")],
            )
        if pending.due is None:
            pending.due = ask_due(c)
        ask_confidence(c, pending)
        state.actions.append(new_action(pending, c.clock.now()))
        state.pending_action = None
        if not c.prompter.confirm("next.more", "Add another next step?", default=False):
            return
