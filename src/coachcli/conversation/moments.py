"""The short steps around the loops: the check-in, the support (saying back), the close.

Check-in: how they are today, in their words and/or on a 1–10 scale, with the trend of earlier
check-ins. Support: the restatement is composed from what was heard (or, when no facts, feelings
or values were noted, from their answers), then what they corrected or added is recorded. Close:
their answer to the learning question is theirs; the after-check is yours and private.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from coachcli.conversation.state import ConversationState
from coachcli.core.parts import CheckIn
from coachcli.ui.prompting import Choice

if TYPE_CHECKING:
    from coachcli.conversation.base import Conversation
    from coachcli.core.model import AgendaTookOver


def parse_scale(text: str) -> tuple[int | None, str | None]:
    raw = text.strip().removesuffix("/10").strip()
    if not raw:
        return None, None
    if not raw.isdigit() or not 1 <= int(raw) <= 10:
        return None, "A whole number from 1 (low) to 10 (great), or Enter to skip."
    return int(raw), None


def trend_line(checkins: tuple[tuple[object, int | None, str], ...]) -> str:
    """Earlier scales, oldest first: "5 → 6 → 8 (last on 2026-11-24)"."""
    scales = [str(scale) for _, scale, _ in checkins if scale is not None]
    if not checkins:
        return ""
    last = checkins[-1][0]
    shown = " → ".join(scales[-5:]) if scales else "words only"
    return f"Earlier check-ins: {shown} (last on {last})"


def checkin_step(c: Conversation, state: ConversationState) -> None:
    lines = []
    if trend := trend_line(c.context.checkins):
        lines.append(trend)
    if c.context.checkins and c.context.checkins[-1][2]:
        lines.append(f"Last time they said: {c.context.checkins[-1][2]}")
    c.say("info", "How are they today? Optional: Enter skips.", title="Check-in", lines=lines)
    checkin = state.checkin or CheckIn()
    if not state.is_done("checkin.words"):
        checkin.words = c.prompter.text("checkin.words", "In their words").strip()
        state.checkin = checkin if checkin.words else None
        state.mark_done("checkin.words")
    raw = c.prompter.text(
        "checkin.scale", "On a scale of 1–10", validate=lambda t: parse_scale(t)[1]
    )
    checkin.scale = parse_scale(raw)[0]
    state.checkin = checkin if (checkin.words or checkin.scale) else None


def support_step(c: Conversation, state: ConversationState) -> None:
    from coachcli.language.restate import compose_restatement

    c.phase("balance")
    if not state.is_done("support.restatement"):
        heard = state.listening
        composed = state.restatement or compose_restatement(
            heard.facts,
            heard.feelings,
            heard.values,
            answers=[(q.text, q.answer) for q in state.questions],
            person=state.person or "",
        )
        if composed:
            c.say("restatement", composed, title="Support: say this back in your own words")
        else:
            c.say("hint", "Nothing was noted to restate; say back what you heard.")
        state.restatement = c.prompter.text(
            "support.restatement", "Restatement (Enter keeps it)", default=composed
        ).strip()
        state.mark_done("support.restatement")
    checks = c.rotated("support")[:1]
    check = checks[0].text if checks else "What have I missed or got wrong?"
    c.say("info", f"Then check it landed: “{check}”")
    state.restatement_feedback = c.prompter.text(
        "support.feedback", "What they corrected or added (Enter: it landed)"
    ).strip()


def close_step(c: Conversation, state: ConversationState) -> None:
    closing = c.rotated("close")[:1]
    if closing and not state.is_done("close.learning"):
        question = closing[0]
        c.say("info", f"Ask them: “{question.text}”", title="Close")
        state.learning_question = question.text
        state.learning = c.prompter.text("close.learning", "Their answer (optional)").strip()
        state.mark_done("close.learning")
    c.say("info", "Just for you: not shared, never in a shared export.", title="Your after-check")
    if state.after_check is None:
        picked = c.prompter.select(
            "close.after_check",
            "Did your own agenda take over?",
            [Choice("no", "No"), Choice("partly", "Partly"), Choice("yes", "Yes")],
        )
        # A prompter answers with the value of one of the choices offered: each is an answer.
        state.after_check = cast("AgendaTookOver", picked)
    state.supervisor_notes = c.prompter.text(
        "close.notes", "Private notes for yourself (optional)"
    ).strip()
