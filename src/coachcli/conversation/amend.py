"""Amending a saved session (`coach edit`): scripted changes, or a readable YAML view to edit.

``apply_view`` and ``add_step``/``add_note`` change a ``Session`` in place and return the names
of what changed; the command runs them inside ``Store.update_session`` (re-read under the lock,
validated, written atomically) and records them in ``session.edits`` — when, and which parts,
never the text. Private parts stay private: the view marks them, and a shared export still
leaves them out.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from coachcli.core.errors import UsageError
from coachcli.core.items import created_entry
from coachcli.core.model import (
    MAX_TEXT,
    ActionItem,
    AskedQuestion,
    Assumption,
    CheckIn,
    Edit,
    Session,
    StatusChange,
)

Text = Annotated[str, StringConstraints(max_length=MAX_TEXT, strip_whitespace=True)]
VIEW_HEAD = """\
# coach edit {id}
# The session with {person} on {day}.
# Change any text and save; quit without saving to keep
# it as it was. Lines starting with # are ignored.
# A next step without an id is added (owner person or me;
# due as in the prompts: 2026-12-04, friday, in 2 weeks).
# To close or drop a step use `coach followup`.
# Parts below "(private)" are yours only: never shared.
"""


def _blank_is_none(value: Any) -> Any:
    """An empty value (``due:`` or ``due: ''``) means none: the strict loader keeps text."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "null", "none")):
        return None
    return value


Maybe = BeforeValidator(_blank_is_none)


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)


class StepView(_View):
    id: str | None = None
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    owner: Literal["person", "me", "supervisor"] = "person"
    due: Annotated[date | None, Maybe] = None
    confidence: int = Field(default=7, ge=1, le=10)


class QuestionView(_View):
    question: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    answer: Text = ""


class AssumptionView(_View):
    assumption: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    reframe: Text = ""


class AgendaView(_View):
    want: Text = ""
    advice: Text = ""


class CheckInView(_View):
    words: Text = ""
    scale: Annotated[int | None, Maybe, Field(ge=1, le=10)] = None


class SessionView(_View):
    checkin: CheckInView = Field(default_factory=CheckInView)
    facts: list[Text] = Field(default_factory=list)
    feelings: list[Text] = Field(default_factory=list)
    values: list[Text] = Field(default_factory=list)
    questions: list[QuestionView] = Field(default_factory=list)
    restatement: Text = ""
    restatement_feedback: Text = ""
    assumptions: list[AssumptionView] = Field(default_factory=list)
    next_steps: list[StepView] = Field(min_length=1)
    help_wanted: Text = ""
    next_meeting: Annotated[date | None, Maybe] = None
    learning: Text = ""
    my_agenda: AgendaView = Field(default_factory=AgendaView)  # private
    after_check: Literal["yes", "partly", "no"] = "no"  # private
    after_check_note: Text = ""  # private
    my_notes: Text = ""  # private


def session_to_view(session: Session) -> dict[str, Any]:
    return {
        "checkin": session.checkin.model_dump() if session.checkin else {"words": "", "scale": ""},
        "facts": list(session.listening.facts),
        "feelings": list(session.listening.feelings),
        "values": list(session.listening.values),
        "questions": [{"question": q.text, "answer": q.answer} for q in session.questions],
        "restatement": session.restatement,
        "restatement_feedback": session.restatement_feedback,
        "assumptions": [
            {"assumption": a.assumption, "reframe": a.reframe} for a in session.assumptions
        ],
        "next_steps": [
            {
                "id": a.id,
                "text": a.text,
                "owner": "me" if a.owner == "supervisor" else "person",
                "due": a.due or "",
                "confidence": a.confidence,
            }
            for a in session.actions
        ],
        "help_wanted": session.help_wanted,
        "next_meeting": session.next_meeting or "",
        "learning": session.learning,
        "my_agenda": {"want": session.agenda.want, "advice": session.agenda.advice},
        "after_check": session.after_check.agenda_took_over,
        "after_check_note": session.after_check.note,
        "my_notes": session.supervisor_notes,
    }


def view_text(session: Session) -> str:
    import yaml

    head = VIEW_HEAD.format(
        id=session.id,
        person=" ".join(session.person.split()),
        day=session.started_at.date().isoformat(),
    )
    data = session_to_view(session)
    shared = {k: v for k, v in data.items() if not k.startswith(("my_", "after_check"))}
    private = {k: v for k, v in data.items() if k not in shared}

    def dump(part: dict) -> str:
        return yaml.safe_dump(part, sort_keys=False, allow_unicode=True, width=88)

    return head + "\n" + dump(shared) + "\n# ---- (private) yours only ----\n" + dump(private)


def _dates_in_words(raw: dict, today: date) -> None:
    """Due dates and the next meeting may be written as in the prompts ("friday", "in 2
    weeks"): resolved against ``today`` before validation; what cannot be read is left for the
    validator to report."""
    from coachcli.core.dates import DateError, parse_date

    def resolved(value: Any) -> Any:
        if not isinstance(value, str) or _blank_is_none(value) is None:
            return value
        try:
            return parse_date(value, today)
        except DateError:
            return value

    if "next_meeting" in raw:
        raw["next_meeting"] = resolved(raw["next_meeting"])
    steps = raw.get("next_steps")
    for step in steps if isinstance(steps, list) else ():
        if isinstance(step, dict) and "due" in step:
            step["due"] = resolved(step["due"])


def parse_view(text: str, filename: str = "edit.yaml", today: date | None = None) -> SessionView:
    from pydantic import ValidationError

    from coachcli.core.errors import BankError
    from coachcli.storage.sessionfile import validation_detail
    from coachcli.storage.yamlsafe import load_yaml_with_positions

    try:
        raw, positions = load_yaml_with_positions(text.encode("utf-8"), filename)
    except BankError as exc:
        raise UsageError(exc.message) from None
    if not isinstance(raw, dict):
        raise UsageError(f"{filename}: expected the fields of the session (next_steps, …)")
    if today is not None:
        _dates_in_words(raw, today)
    try:
        return SessionView.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors(include_input=False)[0]
        line, col = positions.value(first["loc"])
        raise UsageError(f"{filename}:{line}:{col}: {validation_detail(exc)}") from None


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
        owner = "supervisor" if step.owner in ("me", "supervisor") else "person"
        if step.id is None:
            _check_step(step.text, step.due, today)
            session.actions.append(_new_step(step.text, owner, step.due, step.confidence, now))
            changes.append(f"added next step {session.actions[-1].id}")
            continue
        item = by_id[step.id]
        _check_step(step.text, step.due, today, old_due=item.due)
        before = (item.text, item.owner, item.due, item.confidence)
        if step.due != item.due:
            item.history.append(
                StatusChange(at=now, status=item.status, due=step.due, event="rescheduled")
            )
        item.text, item.owner, item.due = step.text, owner, step.due  # type: ignore[assignment]
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
    _check_step(text, due, now.date())
    session.actions.append(
        _new_step(
            text, "supervisor" if owner in ("me", "supervisor") else "person", due, confidence, now
        )
    )
    return [f"added next step {session.actions[-1].id}"]


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
