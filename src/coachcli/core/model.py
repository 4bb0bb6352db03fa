"""The saved session: pydantic models, ``schema_version`` 1.

Unknown fields are refused (``extra="forbid"``) so nothing a newer or hand-edited file holds is
silently dropped; the store reports such a file as damaged instead of rewriting it.

What is private (the supervisor's alone: never in a shared export) is declared here, on the
field, with ``PRIVATE``; ``core.privacy`` reads it and everything that prints or exports a
session goes through that.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from coachcli.core.ids import ITEM_ID_PATTERN, SESSION_ID_PATTERN, new_id
from coachcli.core.plain import MAX_TEXT as MAX_TEXT  # characters in one note
from coachcli.core.plain import SCHEMA_VERSION as SCHEMA_VERSION

Owner = Literal["person", "supervisor"]
ItemStatus = Literal["open", "done", "partly", "dropped"]
AgendaTookOver = Literal["yes", "partly", "no"]
ConversationKind = Literal["coaching", "mentoring"]
OfferKind = Literal["experience", "suggestion", "introduction", "sponsorship"]
OFFER_KINDS: tuple[str, ...] = ("experience", "suggestion", "introduction", "sponsorship")
GoalStatus = Literal["open", "achieved", "changed", "dropped"]
StatusEvent = Literal["created", "done", "partly", "dropped", "reopened", "rescheduled", "kept"]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
# Marks a field as the supervisor's alone (see core.privacy).
PRIVATE: dict[str, Any] = {"private": True}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, validate_assignment=True)


class OwnAgenda(Strict):
    """Private: what the supervisor wants and the advice they are tempted to give (in a
    mentoring conversation: what the mentor is tempted to take over)."""

    want: Text = ""
    advice: Text = ""
    take_over: Text = ""


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
    check_issues: list[str] = Field(default_factory=list, json_schema_extra=PRIVATE)


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
    event: StatusEvent
    # done/partly: the day the work happened (``--on``), which may be before ``at``, the day
    # it was recorded; on-time figures use it.
    done_on: date | None = None


class ActionItem(Strict):
    id: str = Field(default_factory=new_id, pattern=ITEM_ID_PATTERN)
    text: Text
    owner: Owner = "person"
    due: date | None = None
    confidence: int = Field(default=7, ge=1, le=10)
    # The next-step check's kind (vague, hedge, non-action) when the step was kept despite it.
    check: Literal["vague", "hedge", "non-action"] | None = Field(
        default=None, json_schema_extra=PRIVATE
    )
    status: ItemStatus = "open"
    created_at: datetime
    learned: Text = ""  # done/partly: what the owner learned, in the supervisor's words
    done_on: date | None = None  # done/partly: the day the work happened
    drop_reason: Text = ""  # dropped: why
    follows: str | None = Field(default=None, pattern=ITEM_ID_PATTERN)  # the item this continues
    history: list[StatusChange] = Field(default_factory=list)


class AfterCheck(Strict):
    agenda_took_over: AgendaTookOver
    note: Text = ""


class CheckIn(Strict):
    """How they are today, at the start: their words and/or a 1–10 scale (both optional)."""

    words: Text = ""
    scale: int | None = Field(default=None, ge=1, le=10)


class Offer(Strict):
    """Mentoring: something the mentor offered, after asking permission, and whether the mentee
    took it up. A taken-up introduction or sponsorship is an action item the mentor owns."""

    kind: OfferKind
    text: Text
    asked: Text = ""  # the permission question asked first
    taken_up: bool = False
    item_id: str | None = Field(default=None, pattern=ITEM_ID_PATTERN)


class GoalReview(Strict):
    """Mentoring: one development goal reviewed at the start (the goal lives in goals/)."""

    goal_id: str = Field(pattern=ITEM_ID_PATTERN)
    goal: Text  # its words at the time, so the session reads on its own
    progress: Text = ""  # in their words
    scale: int | None = Field(default=None, ge=1, le=10)
    status: GoalStatus = "open"


class NewGoal(Strict):
    """Mentoring: a development goal set in this conversation, in the mentee's words."""

    goal_id: str = Field(pattern=ITEM_ID_PATTERN)
    goal: Text
    horizon: Text = ""  # as they said it: "by June"
    horizon_date: date | None = None
    replaces: str | None = Field(default=None, pattern=ITEM_ID_PATTERN)  # a goal they changed


class Relationship(Strict):
    """Mentoring: what you agreed the first time, and how the mentoring itself is going."""

    agreed: bool = False  # this conversation recorded the agreement
    cadence: Text = ""  # how often you meet
    mentee_expects: Text = ""
    mentor_offers: Text = ""
    confidentiality: Text = ""
    check_words: Text = ""  # how the mentoring is going, in their words
    check_scale: int | None = Field(default=None, ge=1, le=10)


class Mentoring(Strict):
    """What only a mentoring conversation holds (``Session.kind == "mentoring"``)."""

    agenda: Text = ""  # the mentee's agenda for today, in their words
    serves_goal: str | None = Field(default=None, pattern=ITEM_ID_PATTERN)
    grow_into: Text = ""  # what they hope to grow into
    goal_reviews: list[GoalReview] = Field(default_factory=list)
    goals_set: list[NewGoal] = Field(default_factory=list)
    offers: list[Offer] = Field(default_factory=list)
    relationship: Relationship | None = None


class Edit(Strict):
    """One amendment of a saved session (`coach edit`): when, and which parts changed.

    ``changes`` names the parts ("added next step k7m2x9qa", "supervisor_notes"); it never
    quotes the text, so the history carries no note text.
    """

    at: datetime
    changes: list[Annotated[str, StringConstraints(max_length=200)]] = Field(min_length=1)


class Session(Strict):
    schema_version: Literal[1] = SCHEMA_VERSION
    id: str = Field(pattern=SESSION_ID_PATTERN)
    person: Name
    bank: str = "coaching"
    kind: ConversationKind = "coaching"  # mentoring: the mentee leads (see ``mentoring``)
    started_at: datetime
    finished_at: datetime
    agenda: OwnAgenda = Field(default_factory=OwnAgenda, json_schema_extra=PRIVATE)
    listening: Listening = Field(default_factory=Listening)
    questions: list[AskedQuestion] = Field(default_factory=list)
    restatement: Text = ""
    # Their answer when asked whether the restatement landed: what they corrected or added.
    restatement_feedback: Text = ""
    assumptions: list[Assumption] = Field(default_factory=list)
    actions: list[ActionItem] = Field(min_length=1)
    after_check: AfterCheck = Field(json_schema_extra=PRIVATE)
    supervisor_notes: Text = Field(default="", json_schema_extra=PRIVATE)
    # Items from earlier sessions reviewed at the start of this one (ids; they stay in their
    # own session files).
    reviewed_items: list[str] = Field(default_factory=list)
    # Added later; every one has a default so that older session files still load.
    checkin: CheckIn | None = None
    help_wanted: Text = ""  # what help they want from the supervisor
    next_meeting: date | None = None  # when you agreed to meet again
    learning_question: Text = ""  # the closing question that was asked…
    learning: Text = ""  # …and their answer, theirs (not one of the questions asked)
    mentoring: Mentoring | None = None  # kind mentoring only
    # `coach edit` history: when and which parts changed (private: it is your record-keeping).
    edits: list[Edit] = Field(default_factory=list, json_schema_extra=PRIVATE)

    def to_json_bytes(self) -> bytes:
        return (self.model_dump_json(indent=2) + "\n").encode("utf-8")


def session_json_schema() -> dict:
    """The JSON Schema of a session file; private fields carry ``"private": true``."""
    schema = Session.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "coachcli session"
    return schema
