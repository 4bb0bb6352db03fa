"""The coaching conversation: four skills in order, driven through a ``Prompter``.

Pure: it takes a bank, a prompter and a clock and returns a ``Session``. No terminal, no disk:
the carry-over review of earlier items arrives as a callable in ``PersonContext``. Ctrl-C or
Ctrl-D at any prompt raises ``ConversationInterrupted`` carrying the state so far; passing that
state back in resumes where it stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar, Literal

from coachcli.conversation.ask import ask_step
from coachcli.conversation.moments import checkin_step, close_step, support_step
from coachcli.conversation.recap import KeepTyped, recap_lines
from coachcli.conversation.state import (
    ConversationInterrupted,
    ConversationState,
    PersonContext,
    build_session,
)
from coachcli.conversation.steps import challenge_step, next_step
from coachcli.conversation.who import ask_person
from coachcli.core.clock import Clock
from coachcli.core.errors import Cancelled
from coachcli.core.parts import Session
from coachcli.core.people import tidy_name
from coachcli.core.plain import MAX_TEXT
from coachcli.ui.prompting import CappedPrompter, Message, Prompter

if TYPE_CHECKING:
    from coachcli.banks.load import Bank
    from coachcli.banks.model import Phase

PHASES: Mapping[Phase, tuple[str, str]] = {
    "listen": ("Phase 1/4", "Listen to understand"),
    "ask": ("Phase 2/4", "Ask powerful questions"),
    "balance": ("Phase 3/4", "Balance challenge and support"),
    "next": ("Phase 4/4", "End with clear next steps"),
}
FOCUS_PROMPTS = {"facts": "Fact", "feelings": "Feeling", "values": "What matters to them"}
LISTEN_HOW = (
    "Note each on its own line, as you hear it: facts (what happened, who, when), feelings (in "
    "their words), what matters to them. Enter on an empty line moves on; end a line with :e "
    "to write a long note in your editor."
)


class Conversation:
    kind: Literal["coaching", "mentoring"] = "coaching"  # what a new state records
    phases: ClassVar[Mapping[Phase, tuple[str, str]]] = PHASES  # number and title of each

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
        self.keeper = KeepTyped(CappedPrompter(prompter, MAX_TEXT))
        self.prompter: Prompter = self.keeper
        self.clock = clock
        self.known_people = list(known_people)
        self.context_for = context
        self.context = PersonContext()
        self.state: ConversationState | None = None

    def run(
        self,
        state: ConversationState | None = None,
        person: str | None = None,
        *,
        person_typed: bool = False,
    ) -> Session:
        """Run (or resume) the conversation. ``person_typed``: the name was typed at a prompt
        before the engine started (so it counts as something typed, worth a draft)."""
        resuming = state is not None
        if state is None:
            state = ConversationState(
                started_at=self.clock.now(), bank=self.bank.name, kind=self.kind
            )
        self.state = state
        self.keeper.state = state
        if person and not state.person:
            state.person = tidy_name(person)
            if person_typed:
                state.mark_done("who.asked")
        if state.is_done("carryover") and self.context_for is not None and state.person:
            self.context = self.context_for(state.person)  # rotation and trend on resume too
        if resuming:
            lines = recap_lines(state) or ["Nothing noted yet."]
            self.say(
                "info",
                "So far:",
                title=f"Resuming the conversation with {state.person}",
                lines=lines,
            )
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
            ("carryover", self._carryover),  # the brief first: read before you set your agenda
            ("agenda", self._agenda),
            ("checkin", lambda s: checkin_step(self, s)),
            ("review", self._review),
            ("listen", self._listen),
            ("ask", lambda s: ask_step(self, s)),
            ("support", lambda s: support_step(self, s)),
            ("challenge", lambda s: challenge_step(self, s)),
            ("next", lambda s: next_step(self, s)),
            ("close", lambda s: close_step(self, s)),
        ]

    # -- helpers used by the steps -------------------------------------------------------
    def say(self, kind, text: str, *, title: str = "", lines: Sequence[str] = ()) -> None:
        self.prompter.say(Message(kind, text, title=title, lines=tuple(lines)))

    def phase(self, key: Phase) -> None:
        number, title = self.phases[key]
        self.say("phase", self.bank.purpose(key), title=f"{number} · {title}")

    def rotated(self, skill: str, focus: str | None = None):
        from coachcli.banks.load import rotate

        return rotate(self.bank.questions_for(skill, focus), self.context.recent_question_ids)

    # -- steps ---------------------------------------------------------------------------
    def _who(self, state: ConversationState) -> None:
        if state.person:
            return
        state.person = ask_person(self.prompter, self.known_people)
        state.mark_done("who.asked")

    def _agenda(self, state: ConversationState) -> None:
        self._own_agenda(
            state,
            intro="Privately (never in a shared export): name it so you can set it aside.",
            title=f"Your own agenda for the conversation with {state.person}",
            want="What do you want from this conversation?",
            tempted=("advice", "What advice are you tempted to give?"),
            hint="Park that advice for now: today they do the thinking.",
        )

    def _own_agenda(
        self,
        state: ConversationState,
        *,
        intro: str,
        title: str,
        want: str,
        tempted: tuple[str, str],
        hint: str,
    ) -> None:
        """The supervisor's private agenda: what they want, then what they are tempted to do
        (``tempted``: the agenda field and its prompt, asked as ``agenda.<field>``)."""
        self.say("info", intro, title=title)
        if not state.is_done("agenda.want"):
            state.agenda.want = self.prompter.text("agenda.want", want).strip()
            state.mark_done("agenda.want")
        field, prompt = tempted
        answer = self.prompter.text(f"agenda.{field}", prompt).strip()
        setattr(state.agenda, field, answer)
        if answer:
            self.say("hint", hint)

    def _carryover(self, state: ConversationState) -> None:
        if self.context_for is None or not state.person:
            return
        self.context = ctx = self.context_for(state.person)
        if ctx.brief:
            self.say(
                "info",
                "What your earlier conversations bring: read it before you set your agenda.",
                title=f"Before you meet {state.person}",
            )
        for title, lines, private in ctx.brief:
            self.say(
                "info",
                "Yours only: never shared." if private else "",
                title=title,
                lines=lines,
            )

    def _review(self, state: ConversationState) -> None:
        """With them, after the check-in: how the open items from last time went."""
        ctx = self.context
        if ctx.review is not None and ctx.open_items and not state.reviewed_items:
            state.reviewed_items = ctx.review(self.prompter)

    def _listen(self, state: ConversationState) -> None:
        self.phase("listen")
        openers = self.rotated("open")[:1] + self.rotated("listen")[:2]
        if openers:
            self.say("hint", "You might open with:", lines=[q.text for q in openers])
        self.say("hint", LISTEN_HOW)  # once, not on every line
        for focus in ("facts", "feelings", "values"):
            if state.is_done(f"listen.{focus}"):
                continue
            entries: list[str] = getattr(state.listening, focus)
            if entries:
                self.say("info", f"Already noted: {len(entries)} {focus}.")
            while True:
                entry = self.prompter.text(f"listen.{focus}", FOCUS_PROMPTS[focus]).strip()
                if not entry:
                    break
                entries.append(entry)
            state.mark_done(f"listen.{focus}")
