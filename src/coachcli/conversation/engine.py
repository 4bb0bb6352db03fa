"""The coaching conversation: four skills in order, driven through a ``Prompter``.

Pure: it takes a bank, a prompter and a clock and returns a ``Session``. No terminal, no disk:
the carry-over review of earlier items arrives as a callable in ``PersonContext``. Ctrl-C or
Ctrl-D at any prompt raises ``ConversationInterrupted`` carrying the state so far; passing that
state back in resumes where it stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from coachcli.conversation.state import (
    ConversationInterrupted,
    ConversationState,
    PersonContext,
    build_session,
)
from coachcli.conversation.steps import ask_step, challenge_step, next_step
from coachcli.conversation.who import ask_person
from coachcli.core.clock import Clock
from coachcli.core.errors import Cancelled
from coachcli.core.model import MAX_TEXT, Session
from coachcli.core.people import tidy_name
from coachcli.language.restate import compose_restatement
from coachcli.ui.prompting import CappedPrompter, Choice, Message, Prompter

if TYPE_CHECKING:
    from coachcli.banks.load import Bank

PHASES = {
    "listen": ("Phase 1/4", "Listen to understand"),
    "ask": ("Phase 2/4", "Ask powerful questions"),
    "balance": ("Phase 3/4", "Balance challenge and support"),
    "next": ("Phase 4/4", "End with clear next steps"),
}
FOCUS_PROMPTS = {
    "facts": "A fact they told you (what happened, who, when)",
    "feelings": "A feeling they expressed (in their words)",
    "values": "Something that matters to them (what they value)",
}


class Conversation:
    def __init__(
        self,
        bank: Bank,
        prompter: Prompter,
        clock: Clock,
        *,
        known_people: Sequence[str] = (),
        context: Callable[[str], PersonContext] | None = None,
    ) -> None:
        self.bank = bank
        self.prompter = CappedPrompter(prompter, MAX_TEXT)
        self.clock = clock
        self.known_people = list(known_people)
        self.context_for = context
        self.context = PersonContext()
        self.state: ConversationState | None = None

    def run(self, state: ConversationState | None = None, person: str | None = None) -> Session:
        if state is None:
            state = ConversationState(started_at=self.clock.now(), bank=self.bank.name)
        self.state = state
        if person and not state.person:
            state.person = tidy_name(person)
        try:
            for name, step in self._steps():
                if not state.is_done(name):
                    step(state)
                    state.mark_done(name)
        except Cancelled:
            raise ConversationInterrupted(state) from None
        return build_session(state, self.clock.now())

    def _steps(self) -> list[tuple[str, Callable[[ConversationState], None]]]:
        return [
            ("who", self._who),
            ("agenda", self._agenda),
            ("carryover", self._carryover),
            ("listen", self._listen),
            ("ask", lambda s: ask_step(self, s)),
            ("support", self._support),
            ("challenge", lambda s: challenge_step(self, s)),
            ("next", lambda s: next_step(self, s)),
            ("close", self._close),
        ]

    # -- helpers used by the steps -------------------------------------------------------
    def say(self, kind, text: str, *, title: str = "", lines: Sequence[str] = ()) -> None:
        self.prompter.say(Message(kind, text, title=title, lines=tuple(lines)))

    def phase(self, key: str) -> None:
        number, title = PHASES[key]
        self.say("phase", self.bank.purpose(key), title=f"{number} · {title}")

    def rotated(self, skill: str, focus: str | None = None):
        from coachcli.banks.load import rotate

        return rotate(self.bank.questions_for(skill, focus), self.context.recent_question_ids)

    # -- steps ---------------------------------------------------------------------------
    def _who(self, state: ConversationState) -> None:
        if state.person:
            return
        state.person = ask_person(self.prompter, self.known_people)

    def _agenda(self, state: ConversationState) -> None:
        self.say(
            "info",
            "Your own agenda, privately (never in a shared export): name it so you can set it "
            "aside.",
            title=f"Before you meet {state.person}",
        )
        if not state.is_done("agenda.want"):
            state.agenda.want = self.prompter.text(
                "agenda.want", "What do you want from this conversation?"
            ).strip()
            state.mark_done("agenda.want")
        state.agenda.advice = self.prompter.text(
            "agenda.advice", "What advice are you tempted to give?"
        ).strip()
        if state.agenda.advice:
            self.say("hint", "Park that advice for now: today they do the thinking.")

    def _carryover(self, state: ConversationState) -> None:
        if self.context_for is None or not state.person:
            return
        self.context = ctx = self.context_for(state.person)
        lines = [f"They valued: {v}" for v in ctx.last_values]
        lines += [f"Assumption surfaced: {a}" for a in ctx.last_assumptions]
        if lines:
            when = ctx.last_session_date.isoformat() if ctx.last_session_date else "last time"
            self.say(
                "info", "From your last conversation", title=f"Last time ({when})", lines=lines
            )
        if ctx.review is not None and ctx.open_items:
            state.reviewed_items = ctx.review(self.prompter)

    def _listen(self, state: ConversationState) -> None:
        self.phase("listen")
        openers = self.rotated("open")[:1] + self.rotated("listen")[:2]
        if openers:
            self.say("hint", "You might open with:", lines=[q.text for q in openers])
        for focus in ("facts", "feelings", "values"):
            if state.is_done(f"listen.{focus}"):
                continue
            entries: list[str] = getattr(state.listening, focus)
            if entries:
                self.say("info", f"Already noted: {len(entries)} {focus}.")
            while True:
                entry = self.prompter.text(
                    f"listen.{focus}",
                    f"{FOCUS_PROMPTS[focus]} — Enter on an empty line to move on",
                ).strip()
                if not entry:
                    break
                entries.append(entry)
            state.mark_done(f"listen.{focus}")

    def _support(self, state: ConversationState) -> None:
        self.phase("balance")
        listening = state.listening
        composed = state.restatement or compose_restatement(
            listening.facts, listening.feelings, listening.values
        )
        if composed:
            self.say("restatement", composed, title="Support: say this back in your own words")
        else:
            self.say("hint", "Nothing was captured to restate; say back what you heard.")
        state.restatement = self.prompter.text(
            "support.restatement",
            "Restatement (edit it, or press Enter to keep it)",
            default=composed,
        ).strip()
        checks = self.rotated("support")[:1]
        if checks:
            self.say("hint", "Then check it landed:", lines=[q.text for q in checks])

    def _close(self, state: ConversationState) -> None:
        self.say("info", "A short after-check, for you only.", title="Close")
        closing = self.rotated("close")[:1]
        if closing and not state.is_done("close.learning"):
            question = closing[0]
            answer = self.prompter.text(
                "close.learning", f"Ask: “{question.text}” — their answer (optional)"
            ).strip()
            if answer:
                from coachcli.core.model import AskedQuestion

                state.questions.append(
                    AskedQuestion(text=question.text, answer=answer, question_id=question.id)
                )
            state.mark_done("close.learning")
        if state.after_check is None:
            state.after_check = self.prompter.select(  # type: ignore[assignment]
                "close.after_check",
                "Did your own agenda take over?",
                [Choice("no", "No"), Choice("partly", "Partly"), Choice("yes", "Yes")],
            )
        state.supervisor_notes = self.prompter.text(
            "close.notes", "Private notes for yourself (optional)"
        ).strip()
