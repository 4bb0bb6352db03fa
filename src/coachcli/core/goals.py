"""A mentee's development goals and the mentoring relationship: one file per mentee.

``goals/<hash of the person key>.json`` (``storage.goals``), ``schema_version`` 1. Goals outlive
sessions: each is the mentee's own words with a horizon ("by June"), reviewed at the start of
each mentoring conversation (progress in their words, a 1–10 scale) and closed or changed when
they say so. The relationship part holds when it began, how often you meet, what each agreed
(asked the first time) and the checks of how the mentoring itself is going.

``apply_session`` folds a saved mentoring session into the file; it is pure.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Literal

from pydantic import Field

from coachcli.core.ids import ITEM_ID_PATTERN
from coachcli.core.model import GoalStatus, Name, Session, Strict, Text

GOALS_SCHEMA_VERSION: Literal[1] = 1
CHECK_EVERY = 3  # the relationship check comes every third mentoring conversation…
CHECK_AFTER_DAYS = 90  # …or when the last one is this old


class GoalReviewEntry(Strict):
    on: date
    session_id: str | None = None
    progress: Text = ""  # in their words
    scale: int | None = Field(default=None, ge=1, le=10)
    status: GoalStatus = "open"


class Goal(Strict):
    id: str = Field(pattern=ITEM_ID_PATTERN)
    text: Text  # in the mentee's words
    horizon: Text = ""  # as they said it: "by June"
    horizon_date: date | None = None  # what the horizon was read as
    set_on: date
    session_id: str | None = None  # the conversation it was set in
    status: GoalStatus = "open"
    closed_on: date | None = None
    replaces: str | None = Field(default=None, pattern=ITEM_ID_PATTERN)  # a changed goal
    reviews: list[GoalReviewEntry] = Field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def last_touched(self) -> date:
        return self.reviews[-1].on if self.reviews else self.set_on


class Agreement(Strict):
    """What each of you agreed to, asked the first time."""

    agreed_on: date
    cadence: Text = ""  # how often you meet, in words
    cadence_days: int | None = Field(default=None, ge=1, le=400)
    mentee_expects: Text = ""
    mentor_offers: Text = ""
    confidentiality: Text = ""


class RelationshipCheck(Strict):
    on: date
    session_id: str | None = None
    words: Text = ""
    scale: int | None = Field(default=None, ge=1, le=10)


class Visit(Strict):
    """One mentoring conversation, as the report counts it: counts only, no text."""

    id: str
    on: date
    next_meeting: date | None = None  # agreed for the one after
    offers_made: dict[str, int] = Field(default_factory=dict)  # by kind
    offers_taken: dict[str, int] = Field(default_factory=dict)


class MenteeFile(Strict):
    schema_version: Literal[1] = GOALS_SCHEMA_VERSION
    person: Name
    began: date | None = None  # the first mentoring conversation
    agreement: Agreement | None = None
    checks: list[RelationshipCheck] = Field(default_factory=list)
    sessions: list[Visit] = Field(default_factory=list)  # the mentoring conversations, oldest first
    next_meeting: date | None = None
    goals: list[Goal] = Field(default_factory=list)

    def to_json_bytes(self) -> bytes:
        return (self.model_dump_json(indent=2) + "\n").encode("utf-8")

    def open_goals(self) -> list[Goal]:
        return [g for g in self.goals if g.is_open]

    def find(self, wanted: str) -> Goal | None:
        """A goal by id, id prefix (4+ characters) or its words (case and spaces ignored)."""
        key = " ".join(wanted.casefold().split())
        for goal in self.goals:
            if goal.id == wanted or " ".join(goal.text.casefold().split()) == key:
                return goal
        matches = [g for g in self.goals if len(wanted) >= 4 and g.id.startswith(wanted)]
        return matches[0] if len(matches) == 1 else None

    def check_due(self, today: date) -> bool:
        """Is it time to ask how the mentoring itself is going? Every third conversation (the
        first one agrees how you will work), or when the last check is three months old."""
        if not self.sessions:
            return False
        ids = [visit.id for visit in self.sessions]
        since, last_day = ids, self.began
        if self.checks:
            last = self.checks[-1]
            last_day = last.on
            if last.session_id in ids:
                since = ids[ids.index(last.session_id) + 1 :]
        old = last_day is not None and (today - last_day).days >= CHECK_AFTER_DAYS
        return len(since) >= CHECK_EVERY - 1 or old


def goals_due(mentee: MenteeFile, today: date) -> list[tuple[Goal, str]]:
    """Open goals due for review and why (``core.goaldue`` holds the rule)."""
    from coachcli.core.goaldue import due_reason

    due = []
    for goal in mentee.open_goals():
        why = due_reason(goal.model_dump(mode="json"), mentee.next_meeting, today)
        if why is not None:
            due.append((goal, why))
    return due


# -- horizons ---------------------------------------------------------------------------------
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_LEAD = re.compile(r"^((by|before|until|till|around|in|for)\s+)?(the\s+)?(end\s+of\s+)?", re.I)
_CADENCE = re.compile(
    r"\b(?:every\s+(\d+|two|three|four|six)\s+(day|week|month)s?|(daily|weekly|fortnightly|"
    r"biweekly|monthly|quarterly)|every\s+(day|week|fortnight|month|quarter))\b",
    re.I,
)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "six": 6}
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "quarter": 91}
_WORD_DAYS = {
    "daily": 1,
    "weekly": 7,
    "fortnightly": 14,
    "biweekly": 14,
    "monthly": 30,
    "quarterly": 91,
}


def month_horizon(text: str, today: date) -> date | None:
    """ "by June", "end of June 2027", "June", "by the end of the year": the last day of that
    month (the next one to come), or None when it is not a month."""
    words = _LEAD.sub("", " ".join(text.strip().rstrip(".").split())).lower()
    if words in ("the year", "this year", "year", "year end", "year-end"):
        return date(today.year, 12, 31)
    if words in ("next year", "the next year"):
        return date(today.year + 1, 12, 31)
    parts = words.split()
    if not parts or parts[0] not in _MONTHS or len(parts) > 2:
        return None
    month = _MONTHS[parts[0]]
    if len(parts) == 2:
        if not parts[1].isdigit() or len(parts[1]) != 4:
            return None
        year = int(parts[1])
    else:
        year = today.year if month >= today.month else today.year + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def cadence_days(text: str) -> int | None:
    """How many days apart "every 4 weeks", "monthly", "every fortnight" mean (None: unread)."""
    match = _CADENCE.search(text)
    if match is None:
        return None
    number, unit, word, every = match.groups()
    if word:
        return _WORD_DAYS[word.lower()]
    if every:
        return _UNIT_DAYS[every.lower()]
    count = int(number) if number.isdigit() else _NUMBERS[number.lower()]
    return max(1, count * _UNIT_DAYS[unit.lower()])


# -- folding a session in ---------------------------------------------------------------------
def apply_session(mentee: MenteeFile | None, session: Session) -> MenteeFile:
    """The mentee's file after ``session`` (a mentoring conversation): new goals, reviews,
    status changes, the agreement, the relationship check and the next meeting."""
    notes = session.mentoring
    assert notes is not None
    day = session.started_at.date()
    mentee = mentee or MenteeFile(person=session.person)
    if any(visit.id == session.id for visit in mentee.sessions):
        return mentee
    made: dict[str, int] = {}
    taken: dict[str, int] = {}
    for offer in notes.offers:
        made[offer.kind] = made.get(offer.kind, 0) + 1
        taken[offer.kind] = taken.get(offer.kind, 0) + offer.taken_up
    mentee.sessions.append(
        Visit(
            id=session.id,
            on=day,
            next_meeting=session.next_meeting,
            offers_made=made,
            offers_taken=taken,
        )
    )
    mentee.sessions.sort(key=lambda visit: visit.on)
    if mentee.began is None or day < mentee.began:
        mentee.began = day
    by_id = {g.id: g for g in mentee.goals}
    for review in notes.goal_reviews:
        goal = by_id.get(review.goal_id)
        if goal is None:
            continue
        goal.reviews.append(
            GoalReviewEntry(
                on=day,
                session_id=session.id,
                progress=review.progress,
                scale=review.scale,
                status=review.status,
            )
        )
        if review.status != "open" and goal.is_open:
            goal.status = review.status
            goal.closed_on = day
    for new in notes.goals_set:
        if new.goal_id not in by_id:
            mentee.goals.append(
                Goal(
                    id=new.goal_id,
                    text=new.goal,
                    horizon=new.horizon,
                    horizon_date=new.horizon_date,
                    set_on=day,
                    session_id=session.id,
                    replaces=new.replaces,
                )
            )
    rel = notes.relationship
    if rel is not None and rel.agreed and mentee.agreement is None:
        mentee.agreement = Agreement(
            agreed_on=day,
            cadence=rel.cadence,
            cadence_days=cadence_days(rel.cadence),
            mentee_expects=rel.mentee_expects,
            mentor_offers=rel.mentor_offers,
            confidentiality=rel.confidentiality,
        )
    if rel is not None and (rel.check_words or rel.check_scale):
        mentee.checks.append(
            RelationshipCheck(
                on=day, session_id=session.id, words=rel.check_words, scale=rel.check_scale
            )
        )
    if session.next_meeting is not None:
        mentee.next_meeting = session.next_meeting
    return mentee
