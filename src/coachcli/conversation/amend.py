"""Amending a saved session (`coach edit`): scripted changes, or an edited YAML view.

``apply_view`` (the view is ``edit_view.SessionView``) and ``add_step``/``add_note`` change a
``Session`` in place and return the names of what changed; the command runs them inside
``Store.update_session`` (re-read under the lock, validated, written atomically) and records them
in ``session.edits`` — when, and which parts, never the text. Private parts stay private: the
view marks them, and a shared export still leaves them out.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from coachcli.conversation.edit_view import SessionView, StepView, parse_view, view_text
from coachcli.core.errors import UsageError
from coachcli.core.items import created_entry
from coachcli.core.model import (
    ActionItem,
    AskedQuestion,
    Assumption,
    CheckIn,
    Edit,
    Owner,
    Session,
    StatusChange,
)

__all__ = ["add_note", "add_step", "apply_view", "parse_view", "record", "view_text"]


def _check_step(text: str, due: date | None, today: date, old_due: date | None = None) -> None:
    from coachcli.conversation.base import step_problem

    if (error := step_problem(text)) is not None:
        raise UsageError(error)
    if due is not None and due < today and due != old_due:
        raise UsageError(f"{due.isoformat()} is in the past; a next step needs a date still ahead")


def _set(session: Any, name: str, value: Any, changes: list[str], label: str = "") -> None:
    if getattr(session, name) != value:
        setattr(session, name, value)
        changes.append(label or name)


def apply_view(session: Session, view: SessionView, now: datetime) -> list[str]:
    """Apply an edited view to ``session``; the names of the parts that changed."""
    changes: list[str] = []
    today = now.date()
    checkin = CheckIn(words=view.checkin.words, scale=view.checkin.scale)
    _set(session, "checkin", checkin if checkin != CheckIn() else None, changes)
    heard = session.listening
    for name in ("facts", "feelings", "values"):
        _set(heard, name, [t for t in getattr(view, name) if t], changes, name)
    old_questions = {q.text: q for q in session.questions}
    questions = []
    for item in view.questions:
        kept = old_questions.get(item.question)
        if kept is not None:
            questions.append(kept.model_copy(update={"answer": item.answer}))
        else:
            questions.append(AskedQuestion(text=item.question, answer=item.answer, source="own"))
    _set(session, "questions", questions, changes)
    old_assumptions = {a.assumption: a for a in session.assumptions}
    assumptions = [
        old_assumptions[a.assumption].model_copy(update={"reframe": a.reframe})
        if a.assumption in old_assumptions
        else Assumption(assumption=a.assumption, reframe=a.reframe)
        for a in view.assumptions
    ]
    _set(session, "assumptions", assumptions, changes)
    for name in ("restatement", "restatement_feedback", "help_wanted", "next_meeting", "learning"):
        _set(session, name, getattr(view, name), changes)
    changes += _apply_steps(session, view.next_steps, now, today)
    _set(session.agenda, "want", view.my_agenda.want, changes, "my agenda")
    _set(session.agenda, "advice", view.my_agenda.advice, changes, "my agenda")
    _set(session.after_check, "agenda_took_over", view.after_check, changes, "after-check")
    _set(session.after_check, "note", view.after_check_note, changes, "after-check")
    _set(session, "supervisor_notes", view.my_notes, changes, "my notes")
    return list(dict.fromkeys(changes))


def _apply_steps(session: Session, steps: list[StepView], now: datetime, today: date) -> list:
    changes: list[str] = []
    by_id = {a.id: a for a in session.actions}
    seen = {s.id for s in steps if s.id}
    if missing := [i for i in by_id if i not in seen]:
        raise UsageError(
            f"next step {missing[0]} is missing from the edit; "
            "to drop a step use `coach followup drop ID`"
        )
    if unknown := [i for i in seen if i not in by_id]:
        raise UsageError(
            f"no next step {unknown[0]!r} in this session; leave out the id to add one"
        )
    for step in steps:
        owner: Owner = "supervisor" if step.owner in ("me", "supervisor") else "person"
        if step.id is None:
            changes += add_step(session, step.text, owner, step.due, step.confidence, now)
            continue
        item = by_id[step.id]
        _check_step(step.text, step.due, today, old_due=item.due)
        before = (item.text, item.owner, item.due, item.confidence)
        if step.due != item.due:
            item.history.append(
                StatusChange(at=now, status=item.status, due=step.due, event="rescheduled")
            )
        if step.text != item.text:
            from coachcli.language.steps import check_step

            result = check_step(step.text)
            item.check = None if result.ok else result.kind
        item.text, item.owner, item.due = step.text, owner, step.due
        item.confidence = step.confidence
        if before != (item.text, item.owner, item.due, item.confidence):
            changes.append(f"next step {item.id}")
    return changes


def _new_step(text: str, owner: str, due: date | None, confidence: int, now: datetime):
    return ActionItem(
        text=" ".join(text.split()),
        owner=owner,
        due=due,
        confidence=confidence,
        created_at=now,
        history=[created_entry(now, due)],
    )


def add_step(
    session: Session, text: str, owner: str, due: date | None, confidence: int, now: datetime
) -> list[str]:
    """Add a next step. One the next-step check flags is kept, as in an answers file, with the
    kind recorded on the item (``check``) for the caller to warn about."""
    from coachcli.language.steps import check_step

    _check_step(text, due, now.date())
    item = _new_step(
        text, "supervisor" if owner in ("me", "supervisor") else "person", due, confidence, now
    )
    result = check_step(item.text)
    if not result.ok:
        item.check = result.kind
    session.actions.append(item)
    return [f"added next step {item.id}"]


def add_note(session: Session, note: str) -> list[str]:
    """A private note for yourself, added after the notes already there."""
    note = note.strip()
    if not note:
        raise UsageError("--note needs some text")
    joined = f"{session.supervisor_notes}\n{note}" if session.supervisor_notes else note
    session.supervisor_notes = joined
    return ["added a private note"]


def record(session: Session, changes: list[str], now: datetime) -> None:
    if changes:
        session.edits.append(Edit(at=now, changes=changes[:20]))
