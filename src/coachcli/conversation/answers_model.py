"""The answers file as pydantic models: the definition of a valid file, and of every error.

``load_answers`` reads a file with the plain check first (``answers_plain``); only a file it
cannot vouch for, which is almost always a wrong one, is validated here, so that the message
(``answers.yaml:31:5: next_steps[0].due: Field required``) is the model's own. What is valid
turns into the records of ``answers.py`` and ``answers_mentoring.py``: the same field names and
defaults, and the same class names, which also appear in messages ("Input should be a valid
dictionary or instance of AgendaAnswers"). ``tests/test_answers_plain.py`` pins the records
to these models. Imported only when needed: pydantic is most of a scripted run's start-up.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Line = Annotated[str, StringConstraints(strip_whitespace=True)]
Required = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)


class AgendaAnswers(_Model):
    want: Line = ""
    advice: Line = ""
    take_over: Line = ""  # mentoring: what you are tempted to take over


class QuestionAnswer(_Model):
    question: Required | None = None
    id: str | None = None  # a bank question id instead of the text
    answer: Line = ""


class AssumptionAnswer(_Model):
    assumption: Required
    reframe: Line = ""
    prompt_id: str | None = None


class NextStepAnswer(_Model):
    action: Required
    owner: Literal["person", "supervisor", "me"] = "person"
    due: Required
    confidence: int = Field(ge=1, le=10)


class CheckInAnswer(_Model):
    words: Line = ""
    scale: int | None = Field(default=None, ge=1, le=10)


class GoalAnswer(_Model):
    """Mentoring: a new development goal, in their words, with a horizon ("by June")."""

    goal: Required
    horizon: Required


class GoalReviewAnswer(_Model):
    """Mentoring: the review of an existing goal, named by its id (or id prefix) or words."""

    goal: Required
    progress: Line = ""
    scale: int | None = Field(default=None, ge=1, le=10)
    status: Literal["open", "achieved", "changed", "dropped"] = "open"
    changed_to: Required | None = None  # status changed: the goal as they put it now
    horizon: Line = ""  # status changed: its horizon (default: the old one)


class OfferAnswer(_Model):
    """Mentoring: an offer made after asking permission."""

    kind: Literal["experience", "suggestion", "introduction", "sponsorship"]
    text: Required
    taken_up: bool = False
    action: Line = ""  # an introduction or sponsorship taken up: your step (default: worded)
    due: Required = "in 2 weeks"
    confidence: int = Field(default=8, ge=1, le=10)


class RelationshipAnswer(_Model):
    """Mentoring: the agreement (asked the first time) and the check of how it is going."""

    cadence: Line = ""
    expects: Line = ""
    offers: Line = ""
    confidentiality: Line | None = None  # None: the standard sentence
    check: Line = ""
    check_scale: int | None = Field(default=None, ge=1, le=10)


class AnswersFile(_Model):
    person: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    bank: str | None = None
    kind: Literal["coaching", "mentoring"] | None = None  # mentoring: the mentoring flow
    agenda: AgendaAnswers = Field(default_factory=AgendaAnswers)
    checkin: CheckInAnswer = Field(default_factory=CheckInAnswer)
    facts: list[Required] = Field(default_factory=list)
    feelings: list[Required] = Field(default_factory=list)
    values: list[Required] = Field(default_factory=list)
    questions: list[QuestionAnswer] = Field(default_factory=list)
    restatement: str | None = None
    restatement_feedback: Line = ""  # what they corrected or added when asked if it landed
    assumptions: list[AssumptionAnswer] = Field(default_factory=list)
    next_steps: list[NextStepAnswer] = Field(min_length=1)
    help_wanted: Line = ""  # what help they want from you: becomes a step you own
    help_confidence: int = Field(default=8, ge=1, le=10)  # your confidence in giving it
    next_meeting: Line = ""  # when you will next meet: a date in the same words as due dates
    learning: Line = ""  # their answer to the closing question
    after_check: Literal["yes", "partly", "no"]
    notes: Line = ""  # private notes
    # Mentoring (kind or bank mentoring); see docs/answers.md and examples/mentoring.yaml.
    relationship: RelationshipAnswer = Field(default_factory=RelationshipAnswer)
    goal_reviews: list[GoalReviewAnswer] = Field(default_factory=list)
    mentee_agenda: Line = ""  # their agenda for today, in their words
    goals: list[GoalAnswer] = Field(default_factory=list)
    serves_goal: Line = ""  # the goal today serves: id, id prefix or words (new goals too)
    grow_into: Line = ""  # what they hope to grow into
    offers: list[OfferAnswer] = Field(default_factory=list)
