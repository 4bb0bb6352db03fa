"""The mentoring conversation: the mentee leads, the mentor offers, goals span months.

The same four skills as coaching, weighted for mentoring (issue 16):

- set-up: your own agenda (what you are tempted to take over, privately), the check-in, the
  relationship (agreed the first time; checked every third conversation), last time's items,
  their development goals reviewed, then *their* agenda for today and the goal it serves;
- listen: facts, feelings, values, and what they hope to grow into;
- ask: the bank's mentee-led questions (an own question that asks permission to offer passes);
- balance: say back what you heard, offer experience, a suggestion, an introduction or
  sponsorship (each asked for first, recorded with whether they took it up), then challenge;
- next steps: the next meeting first, so that "before we next meet" means that day; owned by
  either of you; longer horizons are fine.

Chosen by the bank's ``kind`` (``coach start --mentoring`` or ``--bank mentoring``). The steps
that only mentoring has live in ``mentoring_steps``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from coachcli.conversation.engine import Conversation
from coachcli.conversation.state import ConversationState

if TYPE_CHECKING:
    from coachcli.banks.model import Phase
    from coachcli.core.goals import MenteeFile
    from coachcli.language.question import CheckResult

PHASES: Mapping[Phase, tuple[str, str]] = {
    "listen": ("Phase 1/4", "Listen: let them lead"),
    "ask": ("Phase 2/4", "Ask: their questions, their direction"),
    "balance": ("Phase 3/4", "Support, offer (with permission), challenge"),
    "next": ("Phase 4/4", "Next steps, at their pace"),
}
GROW_INTO = "What they hope to grow into (Enter: not today)"


class MentoringConversation(Conversation):
    kind = "mentoring"
    phases = PHASES

    def __init__(
        self, *args, mentee: Callable[[str], MenteeFile | None] | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.mentee_for = mentee
        self.mentee: MenteeFile | None = None

    def run(self, state=None, person=None, *, person_typed=False):
        if state is not None:
            state.kind = "mentoring"
            if state.person and self.mentee_for is not None:
                self.mentee = self.mentee_for(state.person)  # resuming: their goals again
        return super().run(state, person, person_typed=person_typed)

    def _steps(self):
        """The coaching steps, with mentoring's own put in: the relationship after the
        check-in, their goals and agenda after last time's items, offers after saying back,
        and next steps relative to the next meeting."""
        from coachcli.conversation.mentoring_steps import (
            goals_review_step,
            mentee_agenda_step,
            mentoring_next_step,
            relationship_step,
        )
        from coachcli.conversation.offers import offer_step

        after = {
            "checkin": [("relationship", lambda s: relationship_step(self, s))],
            "review": [
                ("goals", lambda s: goals_review_step(self, s)),
                ("mentee_agenda", lambda s: mentee_agenda_step(self, s)),
            ],
            "support": [("offer", lambda s: offer_step(self, s))],
        }
        steps = []
        for name, step in super()._steps():
            if name == "next":
                step = lambda s: mentoring_next_step(self, s)  # noqa: E731 - one of the list
            steps += [(name, step), *after.get(name, [])]
        return steps

    def question_check(self, text: str) -> CheckResult:
        """The question check in a mentoring context: asking permission to offer is right."""
        from coachcli.conversation.offers import mentoring_check

        return mentoring_check(text)

    def _carryover(self, state: ConversationState) -> None:
        super()._carryover(state)
        if self.mentee_for is not None and state.person:
            self.mentee = self.mentee_for(state.person)

    def _agenda(self, state: ConversationState) -> None:
        self._own_agenda(
            state,
            intro="Privately (never in a shared export): today they lead; name what you would "
            "like to steer so you can hold it lightly.",
            title=f"Your own agenda for mentoring {state.person}",
            want="What do you hope they get from this conversation?",
            tempted=(
                "take_over",
                "What are you tempted to take over (their agenda, the answers, the decisions)?",
            ),
            hint="Notice it and hand it back: they set the agenda, you offer when asked.",
        )

    def _listen(self, state: ConversationState) -> None:
        super()._listen(state)
        if not state.is_done("mentee.grow_into"):
            hints = self.rotated("listen", "values")[:1]
            if hints:
                self.say("hint", "You might ask:", lines=[q.text for q in hints])
            state.mentoring.grow_into = self.prompter.text("mentee.grow_into", GROW_INTO).strip()
            state.mark_done("mentee.grow_into")
