"""The readable YAML view of a saved session that `coach edit` opens in $EDITOR, and reading it
back: strict YAML, every field validated (``SessionView``), dates in the same words as the
prompts. Private parts come last under a "(private)" line. ``amend.apply_view`` applies it.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from coachcli.core.errors import UsageError
from coachcli.core.model import MAX_TEXT, Session

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
