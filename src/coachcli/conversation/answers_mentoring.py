"""The mentoring part of ``coach start --answers``: relationship, goal reviews, new goals, the
mentee's agenda, offers. ``AnswersPrompter`` asks these first; ``None`` means "not a mentoring
prompt". A goal in ``goal_reviews`` or ``serves_goal`` is named by its id, an id prefix or its
words, and must be one of the goals offered at that prompt.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from coachcli.conversation.ask import question_key
from coachcli.core.errors import UsageError
from coachcli.ui.prompting import Choice, Validator

Line = Annotated[str, StringConstraints(strip_whitespace=True)]
Required = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)


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


class _Fields(Protocol):
    """What of ``answers.AnswersFile`` the mentoring prompts read."""

    agenda: Any
    relationship: RelationshipAnswer
    goal_reviews: list[GoalReviewAnswer]
    goals: list[GoalAnswer]
    offers: list[OfferAnswer]
    mentee_agenda: str
    grow_into: str
    serves_goal: str


def _matches(choice: Choice, wanted: str) -> bool:
    if choice.value == wanted or (len(wanted) >= 4 and choice.value.startswith(wanted)):
        return True
    label, key = question_key(choice.label), question_key(wanted)
    return label == key or label.startswith(key + " (")


class MentoringAnswers:
    a: _Fields
    source: str

    if TYPE_CHECKING:  # AnswersPrompter's, which this is mixed into

        def _field_error(self, field: str, error: str) -> UsageError: ...

        def _checked(self, field: str, value: str, validate: Validator | None) -> str: ...

    def _init_mentoring(self) -> None:
        self._review = -1  # the goal review being answered
        self._goal = -1  # the new goal being answered
        self._changing = False  # goals.text/horizon answer a changed goal, not a new one
        self._offer = -1

    def mentoring_text(self, key: str, default: str, validate: Validator | None) -> str | None:
        a, rel = self.a, self.a.relationship
        simple = {
            "agenda.take_over": lambda: a.agenda.take_over,
            "relationship.cadence": lambda: rel.cadence,
            "relationship.expects": lambda: rel.expects,
            "relationship.offers": lambda: rel.offers,
            "relationship.confidentiality": lambda: (
                default if rel.confidentiality is None else rel.confidentiality
            ),
            "relationship.check": lambda: rel.check,
            "relationship.check_scale": lambda: (
                "" if rel.check_scale is None else str(rel.check_scale)
            ),
            "mentee.agenda": lambda: a.mentee_agenda,
            "mentee.grow_into": lambda: a.grow_into,
            "goals.progress": lambda: a.goal_reviews[self._review].progress,
            "goals.scale": lambda: self._scale(),
            "offer.text": lambda: a.offers[self._offer].text,
            "offer.action": lambda: a.offers[self._offer].action or default,
            "offer.smaller": lambda: default,
        }
        if key in simple:
            return simple[key]()
        if key in ("goals.text", "goals.horizon"):
            return self._goal_text(key, default, validate)
        if key == "offer.due":
            field = f"offers[{self._offer}].due"
            return self._checked(field, a.offers[self._offer].due, validate)
        if key == "offer.confidence":
            field = f"offers[{self._offer}].confidence"
            return self._checked(field, str(a.offers[self._offer].confidence), validate)
        return None

    def _scale(self) -> str:
        scale = self.a.goal_reviews[self._review].scale
        return "" if scale is None else str(scale)

    def _goal_text(self, key: str, default: str, validate: Validator | None) -> str:
        if self._changing:
            review = self.a.goal_reviews[self._review]
            field = f"goal_reviews[{self._review}]"
            if key == "goals.text":
                if not review.changed_to:
                    raise self._field_error(f"{field}.changed_to", "a changed goal needs its words")
                return review.changed_to
            self._changing = False
            return self._checked(f"{field}.horizon", review.horizon or default, validate)
        goal = self.a.goals[self._goal]
        if key == "goals.text":
            return goal.goal
        return self._checked(f"goals[{self._goal}].horizon", goal.horizon, validate)

    def mentoring_select(self, key: str, choices: Sequence[Choice]) -> str | None:
        a = self.a
        if key == "goals.pick":
            index = self._review + 1
            if index >= len(a.goal_reviews):
                return "done"
            wanted = a.goal_reviews[index].goal
            found = [c.value for c in choices if c.value != "done" and _matches(c, wanted)]
            if not found:
                raise self._field_error(
                    f"goal_reviews[{index}].goal", "not one of their open goals (coach goals)"
                )
            self._review = index
            return found[0]
        if key == "goals.status":
            status = a.goal_reviews[self._review].status
            self._changing = status == "changed"
            return status
        if key == "mentee.serves":
            if not a.serves_goal:
                return "none"
            found = [c.value for c in choices if c.value != "none" and _matches(c, a.serves_goal)]
            if not found:
                raise self._field_error("serves_goal", "not one of their goals (old or new)")
            return found[0]
        if key == "offer.kind":
            self._offer += 1
            return a.offers[self._offer].kind if self._offer < len(a.offers) else "done"
        return None

    def mentoring_confirm(self, key: str) -> bool | None:
        if key == "goals.new":
            self._goal += 1
            return self._goal < len(self.a.goals)
        if key == "offer.taken_up":
            return self.a.offers[self._offer].taken_up
        return None
