"""A session being made, as plain records: what the conversation engine builds and saves.

``core.model`` defines a session file (pydantic, which validates what is read). A conversation
only ever makes a session, so it builds these records instead and needs no pydantic: the same
classes, field names, order and defaults as the models (``tests/test_parts.py`` pins the three
together: these records, ``core.model`` and ``core.plain.FIELDS``). Records validate nothing;
``data`` gives a session's JSON data in the model's form and the caller checks it
(``index.validate.plainly_valid``, the model where that says no) before ``core.plain`` writes
the very bytes ``Session.to_json_bytes`` would. Standard library only.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from coachcli.core.ids import new_id
from coachcli.core.plain import FIELDS, SCHEMA_VERSION, stamp
from coachcli.core.record import Record, field

if TYPE_CHECKING:
    from coachcli.core.model import (
        AgendaTookOver,
        ConversationKind,
        GoalStatus,
        ItemStatus,
        OfferKind,
        Owner,
        StatusEvent,
    )

__all__ = [
    "CLASSES",
    "ActionItem",
    "AfterCheck",
    "AskedQuestion",
    "Assumption",
    "CheckIn",
    "Edit",
    "GoalReview",
    "Listening",
    "Mentoring",
    "NewGoal",
    "Offer",
    "OwnAgenda",
    "Relationship",
    "Session",
    "StatusChange",
    "created_entry",
    "data",
    "from_json",
]


class OwnAgenda(Record):
    want: str = ""
    advice: str = ""
    take_over: str = ""


class Listening(Record):
    facts: list[str] = field(default_factory=list)
    feelings: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)

    def entries(self) -> list[tuple[str, str]]:
        """("Facts" | "Feelings" | "Values", entry) for every entry that is not blank."""
        return [
            (label, entry)
            for label, entries in (
                ("Facts", self.facts),
                ("Feelings", self.feelings),
                ("Values", self.values),
            )
            for entry in entries
            if entry.strip()
        ]


class AskedQuestion(Record):
    text: str
    answer: str = ""
    source: Literal["bank", "own"] = "bank"
    question_id: str | None = None
    check_issues: list[str] = field(default_factory=list)

    __private__: ClassVar[frozenset[str]] = frozenset({"check_issues"})


class Assumption(Record):
    prompt: str = ""
    prompt_id: str | None = None
    assumption: str
    reframe: str = ""


class StatusChange(Record):
    at: datetime
    status: ItemStatus
    due: date | None = None
    note: str = ""
    event: StatusEvent
    done_on: date | None = None


class ActionItem(Record):
    id: str = field(default_factory=new_id)
    text: str
    owner: Owner = "person"
    due: date | None = None
    confidence: int = 7
    check: Literal["vague", "hedge", "non-action"] | None = None
    status: ItemStatus = "open"
    created_at: datetime
    learned: str = ""
    done_on: date | None = None
    drop_reason: str = ""
    follows: str | None = None
    history: list[StatusChange] = field(default_factory=list)

    __private__: ClassVar[frozenset[str]] = frozenset({"check"})


class AfterCheck(Record):
    agenda_took_over: AgendaTookOver
    note: str = ""


class CheckIn(Record):
    words: str = ""
    scale: int | None = None


class Offer(Record):
    kind: OfferKind
    text: str
    asked: str = ""
    taken_up: bool = False
    item_id: str | None = None


class GoalReview(Record):
    goal_id: str
    goal: str
    progress: str = ""
    scale: int | None = None
    status: GoalStatus = "open"


class NewGoal(Record):
    goal_id: str
    goal: str
    horizon: str = ""
    horizon_date: date | None = None
    replaces: str | None = None


class Relationship(Record):
    agreed: bool = False
    cadence: str = ""
    mentee_expects: str = ""
    mentor_offers: str = ""
    confidentiality: str = ""
    check_words: str = ""
    check_scale: int | None = None


class Mentoring(Record):
    agenda: str = ""
    serves_goal: str | None = None
    grow_into: str = ""
    goal_reviews: list[GoalReview] = field(default_factory=list)
    goals_set: list[NewGoal] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    relationship: Relationship | None = None


class Edit(Record):
    at: datetime
    changes: list[str]


class Session(Record):
    schema_version: Literal[1] = SCHEMA_VERSION
    id: str
    person: str
    bank: str = "coaching"
    kind: ConversationKind = "coaching"
    started_at: datetime
    finished_at: datetime
    agenda: OwnAgenda = field(default_factory=OwnAgenda)
    listening: Listening = field(default_factory=Listening)
    questions: list[AskedQuestion] = field(default_factory=list)
    restatement: str = ""
    restatement_feedback: str = ""
    assumptions: list[Assumption] = field(default_factory=list)
    actions: list[ActionItem]
    after_check: AfterCheck
    supervisor_notes: str = ""
    reviewed_items: list[str] = field(default_factory=list)
    checkin: CheckIn | None = None
    help_wanted: str = ""
    next_meeting: date | None = None
    learning_question: str = ""
    learning: str = ""
    mentoring: Mentoring | None = None
    edits: list[Edit] = field(default_factory=list)

    __private__: ClassVar[frozenset[str]] = frozenset(
        {"agenda", "after_check", "supervisor_notes", "edits"}
    )

    def to_json_bytes(self) -> bytes:
        """The file's bytes, as the model writes them. Check ``data(self)`` first: a record
        holds whatever it was given (``core.plain.NotPlain`` for a time it cannot write)."""
        from coachcli.core.plain import to_json_bytes

        return to_json_bytes(data(self))


def created_entry(at: datetime, due: date | None) -> StatusChange:
    """The first line of a new item's history (``core.items.created_entry``, as a record)."""
    return StatusChange(at=at, status="open", due=due, event="created")


def data(record: Record) -> dict[str, Any]:
    """A record's JSON data in the model's form: fields in order, days as ``YYYY-MM-DD``, times
    as the model writes them (``core.plain.stamp``), parts as mappings."""
    return {name: _json(getattr(record, name)) for name, _ in record.__fields__}


def _json(value: Any) -> Any:
    kind = type(value)
    if kind is str or value is None or kind is int or kind is bool:
        return value
    if isinstance(value, Record):
        return data(value)
    if kind is list:
        return [_json(entry) for entry in value]
    if kind is dict:
        return {key: _json(entry) for key, entry in value.items()}
    if isinstance(value, datetime):
        return stamp(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write a {kind.__name__} in a session")


CLASSES: dict[str, type[Record]] = {name: globals()[name] for name in FIELDS}  # by model name
# The fields that hold a day (``YYYY-MM-DD`` in the file), by part: those the record declares
# as ``date`` or ``date | None`` (annotations are their source text here).
DAYS: dict[str, frozenset[str]] = {
    name: days
    for name, cls in CLASSES.items()
    if (
        days := frozenset(
            key
            for key, annotation in cls.__annotations__.items()
            if str(annotation).split(" | ")[0] == "date"
        )
    )
}


def from_json(values: dict[str, Any], name: str = "Session") -> Any:
    """Records from session JSON that ``index.validate.plainly_valid`` accepts (trusted: call
    it on nothing else), with the values the model would make: days and times as objects,
    defaults filled in."""
    days = DAYS.get(name, ())
    made: dict[str, Any] = {}
    for key, how, _ in FIELDS[name]:
        if key not in values:
            continue
        value = values[key]
        if how == "dt":
            value = datetime.fromisoformat(value)
        elif how == "v":
            if key in days and value is not None:
                value = date.fromisoformat(value)
            elif type(value) is list:
                value = list(value)
        elif how.startswith("["):
            value = [from_json(entry, how[1:-1]) for entry in value]
        elif value is not None:
            value = from_json(value, how.rstrip("?"))
        made[key] = value
    return CLASSES[name](**made)
