"""The end of phase 4: what help they want from you, and when you will next meet.

"How can I help?" is asked after the steps are agreed; a named help becomes a next step owned by
you. Then you agree when to meet again (a date, or words such as "in 2 weeks"): it is saved with
the session, shown by `coach followup`, carried into the next `coach start` and exported as a
calendar event. The bank's own wording is used when it has one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from coachcli.conversation.state import ConversationState
from coachcli.language.steps import check_due

if TYPE_CHECKING:
    from coachcli.conversation.base import Conversation

HELP_QUESTION = "How can I help?"
MEETING_QUESTION = "When shall we look at how it went?"
_NO_HELP = re.compile(r"^(no|none|nothing|n/?a|-+|no thanks?|nothing (right now|for now))\W*$")
# A question about when to meet again names a time and a meeting, e.g. "When shall we look back
# at how it went?" (not "How will you let me know how it went?").
_WHEN = re.compile(r"\b(when|time|date|day)\b", re.I)
_MEET = re.compile(r"\b(review|meet|talk|look (back )?at|catch up|check in)\b", re.I)


def no_help(text: str) -> bool:
    return not text.strip() or _NO_HELP.match(text.strip().lower()) is not None


def _bank_text(c: Conversation, stage: str, fits, fallback: str) -> str:
    """The bank's wording: a commit question tagged ``stage``, else the first that ``fits``."""
    commit = c.bank.questions_for("commit")
    for question in commit:
        if question.stage == stage:
            return question.text
    for question in commit:
        if fits(question.text):
            return question.text
    return fallback


def _help_step_text(help_wanted: str, person: str) -> str:
    """The help as a step of yours: as they said it when it starts with a verb."""
    from coachcli.language.steps import check_step

    text = " ".join(help_wanted.split())
    if check_step(text).ok:
        return text[0].upper() + text[1:]
    return f"Give {person} the help asked for: {text}"


def agree_help_and_meeting(c: Conversation, state: ConversationState) -> None:
    if not state.is_done("next.help"):
        asked = _bank_text(c, "lazy", re.compile(r"\bhelp\b", re.I).search, HELP_QUESTION)
        c.say("info", f"Ask: “{asked}”")
        answer = c.prompter.text("next.help", "The help they want from you (Enter: none)").strip()
        state.help_wanted = "" if no_help(answer) else answer
        state.mark_done("next.help")
    if not state.is_done("next.meeting"):
        today = c.clock.today()
        asked = _bank_text(
            c, "review", lambda t: bool(_WHEN.search(t) and _MEET.search(t)), MEETING_QUESTION
        )
        c.say("info", f"Ask: “{asked}”")

        def validate(text: str) -> str | None:
            return None if not text.strip() else check_due(text, today)[1]

        from coachcli.conversation.base import date_examples

        raw = c.prompter.text(
            "next.meeting",
            f"Next meeting (e.g. {date_examples(today)}; Enter: not yet)",
            validate=validate,
        ).strip()
        state.next_meeting = check_due(raw, today)[0] if raw else None
        if state.next_meeting is not None:
            from coachcli.core.dates import describe_date

            c.say("echo", f"Next meeting {describe_date(state.next_meeting, today)}")
        state.mark_done("next.meeting")
    if state.help_wanted and not state.is_done("next.help_step"):
        _help_step(c, state)
        state.mark_done("next.help_step")


def _help_step(c: Conversation, state: ConversationState) -> None:
    """The help they asked for, as a next step you own (you can reword it)."""
    from coachcli.conversation.base import own_step

    own_step(
        c,
        state,
        keys="next.help_",
        prompt="Your step for that help (Enter keeps it)",
        text=_help_step_text(state.help_wanted, state.person or "them"),
        due=state.next_meeting.isoformat() if state.next_meeting else "in 1 week",
    )
