"""Resuming a draft: what was typed at an interrupted prompt, and a recap of the state so far.

``KeepTyped`` sits between the engine and the prompter: when Ctrl-C interrupts a text prompt it
keeps what was typed (``Cancelled.partial``) in the state, by prompt key, and offers it again as
the starting text when that prompt comes back after a resume. ``recap_lines`` says where the
conversation got to, including the step or question being answered when it stopped.
"""

from __future__ import annotations

from coachcli.conversation.state import ConversationState
from coachcli.core.errors import Cancelled
from coachcli.ui.prompting import ForwardingPrompter, Prompter, Validator


class KeepTyped(ForwardingPrompter):
    def __init__(self, inner: Prompter) -> None:
        super().__init__(inner)
        self.state: ConversationState | None = None

    def text(
        self,
        key: str,
        prompt: str,
        *,
        default: str = "",
        multiline: bool = False,
        validate: Validator | None = None,
    ) -> str:
        state = self.state
        if state is not None and key in state.partial:
            default = state.partial.pop(key) or default
        try:
            return super().text(
                key, prompt, default=default, multiline=multiline, validate=validate
            )
        except Cancelled as exc:
            if state is not None and exc.partial.strip():
                state.partial[key] = exc.partial
            raise


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


def recap_lines(state: ConversationState) -> list[str]:
    """Where the conversation got to, for the screen on resume."""
    lines: list[str] = []
    if state.agenda.want or state.agenda.advice:
        lines.append("Your own agenda: noted (private)")
    if state.reviewed_items:
        lines.append(f"Earlier items reviewed: {len(state.reviewed_items)}")
    if state.checkin is not None:
        scale = f" {state.checkin.scale}/10" if state.checkin.scale else ""
        words = f" “{state.checkin.words}”" if state.checkin.words else ""
        lines.append(f"Check-in:{scale}{words}")
    heard = state.listening
    noted = [
        _count(len(entries), word)
        for entries, word in ((heard.facts, "fact"), (heard.feelings, "feeling"))
        if entries
    ] + ([f"{len(heard.values)} that matter to them"] if heard.values else [])
    if noted:
        lines.append("Heard: " + ", ".join(noted))
    for question in state.questions[-3:]:
        lines.append(f"Asked “{question.text}” → {question.answer or '(no answer)'}")
    if len(state.questions) > 3:
        lines.append(f"({len(state.questions)} questions asked in all)")
    if state.restatement:
        lines.append("Restatement said back")
    if state.assumptions:
        lines.append(f"Assumptions: {len(state.assumptions)}")
    for action in state.actions:
        due = f", due {action.due.isoformat()}" if action.due else ""
        lines.append(f"Step: {action.text}{due}")
    if state.help_wanted:
        lines.append(f"Help they want from you: {state.help_wanted}")
    if state.next_meeting:
        lines.append(f"Next meeting: {state.next_meeting.isoformat()}")
    if state.pending_question is not None:
        lines.append(f"Stopped while noting the answer to “{state.pending_question.text}”")
    pending = state.pending_action
    if pending is not None and pending.text:
        owner = {"person": state.person, "supervisor": "you"}.get(pending.owner or "")
        parts = [f"owner {owner}"] if owner else []
        if pending.due:
            parts.append(f"due {pending.due.isoformat()}")
        detail = f" ({', '.join(parts)})" if parts else ""
        lines.append(f"Stopped in the middle of the step “{pending.text}”{detail}")
    if state.partial:
        lines.append("What you were typing is kept: it is there when that prompt comes back.")
    return lines
