"""A draft on disk: the conversation's state, written as JSON and validated when read back.

The engine's state is plain records (``conversation.state``); a draft file is the one place
where it crosses a file boundary, so reading one is validated by the pydantic models below (the
records' mirror, pinned field by field by ``tests/test_draft.py``) and then turned back into
records. Writing one needs no model: ``core.parts.data`` gives the JSON the model would dump.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coachcli.conversation import state as plain
from coachcli.core import parts
from coachcli.core.ids import new_id
from coachcli.core.model import (
    ActionItem,
    AgendaTookOver,
    AskedQuestion,
    Assumption,
    CheckIn,
    Listening,
    Mentoring,
    OwnAgenda,
    Owner,
)
from coachcli.core.record import from_model

__all__ = ["read_draft"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)


class PendingAction(_Model):
    text: str | None = None
    owner: Owner | None = None
    due: date | None = None
    confidence: int | None = None
    checked: bool = False
    check: str | None = None


class PendingQuestion(_Model):
    text: str
    source: Literal["bank", "own"] = "bank"
    question_id: str | None = None
    check_issues: list[str] = Field(default_factory=list)


class ConversationState(_Model):
    draft_id: str = Field(default_factory=new_id)
    started_at: datetime
    bank: str
    kind: Literal["coaching", "mentoring"] = "coaching"
    mentoring: Mentoring = Field(default_factory=Mentoring)
    person: str | None = None
    agenda: OwnAgenda = Field(default_factory=OwnAgenda)
    listening: Listening = Field(default_factory=Listening)
    questions: list[AskedQuestion] = Field(default_factory=list)
    restatement: str | None = None
    restatement_feedback: str = ""
    assumptions: list[Assumption] = Field(default_factory=list)
    actions: list[ActionItem] = Field(default_factory=list)
    pending_action: PendingAction | None = None
    after_check: AgendaTookOver | None = None
    supervisor_notes: str = ""
    reviewed_items: list[str] = Field(default_factory=list)
    checkin: CheckIn | None = None
    pending_question: PendingQuestion | None = None
    help_wanted: str = ""
    next_meeting: date | None = None
    learning_question: str = ""
    learning: str = ""
    partial: dict[str, str] = Field(default_factory=dict)
    done: list[str] = Field(default_factory=list)


RECORDS: dict[str, type[Any]] = {
    **parts.CLASSES,
    "PendingAction": plain.PendingAction,
    "PendingQuestion": plain.PendingQuestion,
    "ConversationState": plain.ConversationState,
}


def read_draft(data: Any) -> plain.ConversationState | None:
    """The state a draft's JSON holds, or None when the model refuses it."""
    try:
        model = ConversationState.model_validate(data)
    except ValidationError:
        return None
    state: plain.ConversationState = from_model(model, RECORDS)
    return state
