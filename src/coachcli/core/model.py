"""The saved session: pydantic models, ``schema_version`` 1.

Unknown fields are refused (``extra="forbid"``) so nothing a newer or hand-edited file holds is
silently dropped; the store reports such a file as damaged instead of rewriting it.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = 1

# Lower-case letters and digits without look-alikes (no 0/o, 1/l/i): easy to read and type.
ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"

Owner = Literal["person", "supervisor"]
ItemStatus = Literal["open", "done", "partly", "dropped"]
AgendaTookOver = Literal["yes", "partly", "no"]
MAX_TEXT = 1_000_000  # characters in one note; the engine cuts longer answers and says so
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]


def new_id(length: int = 8) -> str:
    return "".join(secrets.choice(ID_ALPHABET) for _ in range(length))


def new_session_id(when: datetime) -> str:
    """``YYYYMMDD-xxxxxx``: sorts by date, holds no name."""
    return f"{when:%Y%m%d}-{new_id(6)}"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, validate_assignment=True)


class OwnAgenda(Strict):
    """Private: what the supervisor wants and the advice they are tempted to give."""

    want: Text = ""
    advice: Text = ""


class Listening(Strict):
    facts: list[Text] = Field(default_factory=list)
    feelings: list[Text] = Field(default_factory=list)
    values: list[Text] = Field(default_factory=list)

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


class AskedQuestion(Strict):
    text: Text
    answer: Text = ""
    source: Literal["bank", "own"] = "bank"
    question_id: str | None = None  # the bank question's id, when from a bank
    # Kinds of problems the question check found in an own question the supervisor kept.
    check_issues: list[str] = Field(default_factory=list)


class Assumption(Strict):
    prompt: Text = ""  # the challenge prompt that surfaced it
    prompt_id: str | None = None
    assumption: Text
    reframe: Text = ""


class StatusChange(Strict):
    at: datetime
    status: ItemStatus
    due: date | None = None
    note: Text = ""
    event: Literal["created", "done", "partly", "dropped", "reopened", "rescheduled", "kept"]


class ActionItem(Strict):
    id: str = Field(default_factory=new_id, pattern=r"^[a-z0-9]{4,16}$")
    text: Text
    owner: Owner = "person"
    due: date | None = None
    confidence: int = Field(default=7, ge=1, le=10)
    # The next-step check's kind (vague, hedge, non-action) when the step was kept despite it.
    check: Literal["vague", "hedge", "non-action"] | None = None
    status: ItemStatus = "open"
    created_at: datetime
    learned: Text = ""
    history: list[StatusChange] = Field(default_factory=list)


class AfterCheck(Strict):
    agenda_took_over: AgendaTookOver
    note: Text = ""


class Session(Strict):
    schema_version: Literal[1] = SCHEMA_VERSION
    id: str = Field(pattern=r"^\d{8}-[a-z0-9]{4,16}$")
    person: Name
    bank: str = "coaching"
    started_at: datetime
    finished_at: datetime
    agenda: OwnAgenda = Field(default_factory=OwnAgenda)
    listening: Listening = Field(default_factory=Listening)
    questions: list[AskedQuestion] = Field(default_factory=list)
    restatement: Text = ""
    # Their answer when asked whether the restatement landed: what they corrected or added.
    restatement_feedback: Text = ""
    assumptions: list[Assumption] = Field(default_factory=list)
    actions: list[ActionItem] = Field(min_length=1)
    after_check: AfterCheck
    supervisor_notes: Text = ""  # private, like the agenda and the after-check
    # Items from earlier sessions reviewed at the start of this one (ids; they stay in their
    # own session files).
    reviewed_items: list[str] = Field(default_factory=list)

    def to_json_bytes(self) -> bytes:
        return (self.model_dump_json(indent=2) + "\n").encode("utf-8")


def session_json_schema() -> dict:
    schema = Session.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "coachcli session"
    return schema
