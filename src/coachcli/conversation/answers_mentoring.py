"""The mentoring part of ``coach start --answers``: relationship, goal reviews, new goals, the
mentee's agenda, offers. ``AnswersPrompter`` asks these first; ``None`` means "not a mentoring
prompt". A goal in ``goal_reviews`` or ``serves_goal`` is named by its id, an id prefix or its
words, and must be one of the goals offered at that prompt.

The fields are plain records (``core.record``), each with its plain check (``answers_plain``);
their pydantic models, for a file the checks cannot vouch for, are in ``answers_model.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol

from coachcli.conversation import answers_plain as plain
from coachcli.core.errors import UsageError
from coachcli.core.record import Record

if TYPE_CHECKING:  # in annotations only: reading a file needs neither (nor dataclasses)
    from coachcli.ui.prompting import Choice, Validator


class GoalAnswer(Record):
    """Mentoring: a new development goal, in their words, with a horizon ("by June")."""

    goal: str
    horizon: str


class GoalReviewAnswer(Record):
    """Mentoring: the review of an existing goal, named by its id (or id prefix) or words."""

    goal: str
    progress: str = ""
    scale: int | None = None
    status: Literal["open", "achieved", "changed", "dropped"] = "open"
    changed_to: str | None = None  # status changed: the goal as they put it now
    horizon: str = ""  # status changed: its horizon (default: the old one)


class OfferAnswer(Record):
    """Mentoring: an offer made after asking permission."""

    kind: Literal["experience", "suggestion", "introduction", "sponsorship"]
    text: str
    taken_up: bool = False
    action: str = ""  # an introduction or sponsorship taken up: your step (default: worded)
    due: str = "in 2 weeks"
    confidence: int = 8


class RelationshipAnswer(Record):
    """Mentoring: the agreement (asked the first time) and the check of how it is going."""

    cadence: str = ""
    expects: str = ""
    offers: str = ""
    confidentiality: str | None = None  # None: the standard sentence
    check: str = ""
    check_scale: int | None = None


# Each record's plain check (answers_plain): the rules of its model in answers_model.py.
CHECK_GOAL = plain.part(GoalAnswer, goal=plain.required, horizon=plain.required)
CHECK_GOAL_REVIEW = plain.part(
    GoalReviewAnswer,
    goal=plain.required,
    progress=plain.line,
    scale=plain.optional(plain.whole(1, 10)),
    status=plain.one_of("open", "achieved", "changed", "dropped"),
    changed_to=plain.optional(plain.required),
    horizon=plain.line,
)
CHECK_OFFER = plain.part(
    OfferAnswer,
    kind=plain.one_of("experience", "suggestion", "introduction", "sponsorship"),
    text=plain.required,
    taken_up=plain.boolean,
    action=plain.line,
    due=plain.required,
    confidence=plain.whole(1, 10),
)
CHECK_RELATIONSHIP = plain.part(
    RelationshipAnswer,
    cadence=plain.line,
    expects=plain.line,
    offers=plain.line,
    confidentiality=plain.optional(plain.line),
    check=plain.line,
    check_scale=plain.optional(plain.whole(1, 10)),
)
CHECK_GOALS, CHECK_GOAL_REVIEWS, CHECK_OFFERS = (
    plain.list_of(CHECK_GOAL),
    plain.list_of(CHECK_GOAL_REVIEW),
    plain.list_of(CHECK_OFFER),
)
RECORDS: dict[str, type[Record]] = {
    cls.__name__: cls for cls in (GoalAnswer, GoalReviewAnswer, OfferAnswer, RelationshipAnswer)
}


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
    # Imported here: the ask step loads the engine's state, which reading the file does not
    # need; by the time a goal is matched the engine has loaded it anyway.
    from coachcli.conversation.ask import question_key

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
