"""The state of a conversation in progress, which is also what a draft holds.

The engine fills it one answer at a time; when the user presses Ctrl-C the state so far travels
in ``ConversationInterrupted`` and the command line saves it as a draft. ``build_session`` turns
a finished state into the ``Session`` to save.

Everything here is a plain record (``core.record``, the session parts from ``core.parts``): a
conversation needs no pydantic. A draft read back from disk is validated by the model in
``conversation.draft`` first, the file's boundary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal, cast

from coachcli.core.errors import Cancelled
from coachcli.core.ids import new_id, new_session_id
from coachcli.core.parts import (
    ActionItem,
    AfterCheck,
    AskedQuestion,
    Assumption,
    CheckIn,
    Listening,
    Mentoring,
    OwnAgenda,
    Session,
    created_entry,
)
from coachcli.core.record import Record, field
from coachcli.ui.prompting import Prompter

if TYPE_CHECKING:
    from coachcli.core.model import AgendaTookOver, Owner

    StepCheck = Literal["vague", "hedge", "non-action"] | None


@dataclass(frozen=True)
class PersonContext:
    """What earlier sessions with this person bring into a new one."""

    recent_question_ids: tuple[str, ...] = ()  # most recent first
    last_session_date: date | None = None
    last_values: tuple[str, ...] = ()
    last_assumptions: tuple[str, ...] = ()
    open_items: int = 0
    review: Callable[[Prompter], list[str]] | None = None  # returns reviewed item ids
    # The carry-over brief (conversation.brief.brief_lines) and the check-in trend.
    brief: tuple[tuple[str, tuple[str, ...], bool], ...] = ()  # (title, lines, private)
    checkins: tuple[tuple[date, int | None, str], ...] = ()  # oldest first


class PendingAction(Record):
    """A next step being typed: what was answered so far."""

    text: str | None = None
    owner: Owner | None = None
    due: date | None = None
    confidence: int | None = None
    checked: bool = False  # the next-step check has run on ``text``
    check: str | None = None  # its kind, when the supervisor kept a flagged step


class PendingQuestion(Record):
    """A question chosen and not yet answered (kept in a draft with its half-typed answer)."""

    text: str
    source: Literal["bank", "own"] = "bank"
    question_id: str | None = None
    check_issues: list[str] = field(default_factory=list)


class ConversationState(Record):
    draft_id: str = field(default_factory=new_id)
    started_at: datetime
    bank: str
    kind: Literal["coaching", "mentoring"] = "coaching"
    mentoring: Mentoring = field(default_factory=Mentoring)  # kind mentoring only
    person: str | None = None
    agenda: OwnAgenda = field(default_factory=OwnAgenda)
    listening: Listening = field(default_factory=Listening)
    questions: list[AskedQuestion] = field(default_factory=list)
    restatement: str | None = None
    restatement_feedback: str = ""  # what they corrected or added when asked if it landed
    assumptions: list[Assumption] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    pending_action: PendingAction | None = None
    after_check: AgendaTookOver | None = None
    supervisor_notes: str = ""
    reviewed_items: list[str] = field(default_factory=list)
    checkin: CheckIn | None = None
    pending_question: PendingQuestion | None = None
    help_wanted: str = ""
    next_meeting: date | None = None
    learning_question: str = ""
    learning: str = ""
    # Text typed at a prompt when Ctrl-C was pressed, by prompt key: offered again on resume.
    partial: dict[str, str] = field(default_factory=dict)
    # Steps (Conversation._steps) and single prompts (e.g. "agenda.want") already completed.
    done: list[str] = field(default_factory=list)

    def is_done(self, step: str) -> bool:
        return step in self.done

    def mark_done(self, step: str) -> None:
        if step not in self.done:
            self.done.append(step)

    @property
    def typed_anything(self) -> bool:
        listening = self.listening
        return bool(
            (self.person and self.is_done("who.asked"))
            or self.checkin
            or any(text.strip() for text in self.partial.values())
            or self.pending_question
            or self.agenda.want
            or self.agenda.advice
            or listening.facts
            or listening.feelings
            or listening.values
            or self.questions
            or self.assumptions
            or self.actions
            or self.mentoring != Mentoring()
        )


class ConversationInterrupted(Cancelled):
    """Ctrl-C or Ctrl-D mid-conversation: carries everything answered so far."""

    def __init__(self, state: ConversationState) -> None:
        super().__init__("cancelled")
        self.state = state


def build_session(state: ConversationState, finished_at: datetime) -> Session:
    assert state.person is not None and state.after_check is not None  # the engine ensures it
    return Session(
        id=new_session_id(state.started_at),
        person=state.person,
        bank=state.bank,
        kind=state.kind,
        mentoring=state.mentoring if state.kind == "mentoring" else None,
        started_at=state.started_at,
        finished_at=finished_at,
        agenda=state.agenda,
        listening=state.listening,
        questions=state.questions,
        restatement=state.restatement or "",
        restatement_feedback=state.restatement_feedback,
        assumptions=state.assumptions,
        actions=state.actions,
        after_check=AfterCheck(agenda_took_over=state.after_check),
        supervisor_notes=state.supervisor_notes,
        reviewed_items=state.reviewed_items,
        checkin=state.checkin,
        help_wanted=state.help_wanted,
        next_meeting=state.next_meeting,
        learning_question=state.learning_question,
        learning=state.learning,
    )


def new_action(pending: PendingAction, at: datetime) -> ActionItem:
    assert pending.text and pending.owner and pending.confidence is not None
    return ActionItem(
        text=pending.text,
        owner=pending.owner,
        due=pending.due,
        confidence=pending.confidence,
        check=cast("StepCheck", pending.check),  # a kind the next-step check gave
        created_at=at,
        history=[created_entry(at, pending.due)],
    )
