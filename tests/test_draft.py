"""Drafts and the new session file, now that the conversation's state is plain records.

A draft is validated by the model in ``conversation.draft`` when read back and written from the
records with ``core.parts.data``; the new session's bytes are checked plainly, or by the model
when the plain check says no (``conversation.start.file_bytes``).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from coachcli.conversation import draft
from coachcli.conversation import state as plain
from coachcli.conversation.start import file_bytes
from coachcli.core import model, parts

AT = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def _state() -> plain.ConversationState:
    state = plain.ConversationState(started_at=AT, bank="coaching", person="Zoë")
    state.listening.facts.append("Two late shifts")
    state.questions.append(parts.AskedQuestion(text="What matters most?", answer="Trust"))
    state.pending_action = plain.PendingAction(
        text="Call Ana", owner="person", due=date(2026, 12, 8)
    )
    state.pending_question = plain.PendingQuestion(text="What else?", source="own")
    state.partial["ask.answer"] = "half a thou"
    state.done += ["who", "agenda.want"]
    state.checkin = parts.CheckIn(scale=4)
    return state


def test_the_draft_model_mirrors_the_records_field_by_field() -> None:
    for name in ("ConversationState", "PendingAction", "PendingQuestion"):
        record, cls = getattr(plain, name), getattr(draft, name)
        assert [key for key, _ in record.__fields__] == list(cls.model_fields), name


def test_a_draft_reads_back_as_the_same_state() -> None:
    state = _state()
    assert draft.read_draft(json.loads(json.dumps(parts.data(state)))) == state


def test_a_draft_written_by_the_model_reads_back() -> None:
    """Drafts written before the state was plain (the model's JSON dump) still resume."""
    state = _state()
    dumped = draft.ConversationState.model_validate(parts.data(state)).model_dump(mode="json")
    assert dumped == parts.data(state)
    assert draft.read_draft(dumped) == state


@pytest.mark.parametrize(
    "damage",
    [
        {"started_at": "not a time"},
        {"questions": "none"},
        {"colour": "red"},
        {"pending_action": {"text": "x", "confidence": "many"}},
    ],
)
def test_a_damaged_draft_is_not_resumed(damage: dict) -> None:
    assert draft.read_draft({**parts.data(_state()), **damage}) is None


def _session(**changes) -> parts.Session:
    state = _state()
    state.after_check = "no"
    item = parts.ActionItem(text="Call Ana", created_at=AT, history=[parts.created_entry(AT, None)])
    state.actions.append(item)
    session = plain.build_session(state, AT + timedelta(minutes=40))
    for key, value in changes.items():
        setattr(session, key, value)
    return session


def test_a_plain_session_is_written_with_the_models_bytes() -> None:
    session = _session()
    assert file_bytes(session) == model.Session.model_validate(parts.data(session)).to_json_bytes()


def test_a_time_the_plain_writer_cannot_write_goes_through_the_model() -> None:
    odd = timezone(timedelta(hours=1, seconds=30))  # local mean time: an offset with seconds
    session = _session(started_at=datetime(2026, 12, 1, 9, 30, tzinfo=odd))
    written = json.loads(file_bytes(session))
    assert written["started_at"].startswith("2026-12-01T09:30:00")


def test_a_session_the_model_refuses_is_never_written() -> None:
    session = _session()
    session.actions[0].confidence = 11  # a bug somewhere upstream: records check nothing
    with pytest.raises(ValidationError):
        file_bytes(session)
