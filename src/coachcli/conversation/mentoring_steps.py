"""The steps only a mentoring conversation has: the relationship, the development goals, the
mentee's own agenda, and next steps that may run to the next meeting or months ahead.

Goals live in the mentee's goals file (``core.goals``); the engine only reads it (``c.mentee``)
and records reviews and new goals in the session, which ``conversation.start`` folds into the
file once the session is saved.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol, cast

from coachcli.conversation.agree import agree_help_and_meeting
from coachcli.conversation.base import date_examples, next_steps
from coachcli.conversation.moments import parse_scale
from coachcli.conversation.state import ConversationState
from coachcli.core.ids import new_id
from coachcli.core.parts import GoalReview, NewGoal, Relationship
from coachcli.ui.prompting import Choice

if TYPE_CHECKING:
    from coachcli.conversation.base import Conversation
    from coachcli.core.goals import MenteeFile
    from coachcli.core.model import GoalStatus

    class Mentor(Conversation, Protocol):
        @property
        def mentee(self) -> MenteeFile | None: ...


CONFIDENTIAL = "What we talk about stays between us unless we agree otherwise."
HORIZON_EXAMPLES = "by June, end of the year, in 3 months"
# "before we next meet", "by our next meeting", "next time", "before the next 1:1"
MEETING_WORDS = re.compile(
    r"^(before|by|at|until|for)?\s*(we\s+next\s+meet|(our|the)\s+next\s+(meeting|conversation|"
    r"session|1:1|one-to-one|catch-up|chat)|next\s+time|we\s+meet\s+again)\W*$",
    re.I,
)
STATUS = [
    Choice("open", "Still working on it"),
    Choice("achieved", "Achieved"),
    Choice("changed", "Changed: they want to put it differently"),
    Choice("dropped", "Dropped: no longer theirs"),
]


def read_horizon(text: str, today: date) -> tuple[date | None, str | None]:
    """A goal's horizon: "by June", "end of the year", or any due-date words."""
    from coachcli.core.goals import month_horizon
    from coachcli.language.steps import check_due

    if not text.strip():
        return (
            None,
            f"A goal needs a horizon: when they hope to get there, e.g. {HORIZON_EXAMPLES}.",
        )
    month = month_horizon(text, today)
    if month is not None:
        return month, None
    stripped = re.sub(r"^(by|before)\s+", "", text.strip(), flags=re.I)
    return check_due(stripped, today)


def read_due(text: str, today: date, meeting: date | None) -> tuple[date | None, str | None]:
    """A next step's due date: "before we next meet" is the agreed next meeting."""
    if MEETING_WORDS.match(" ".join(text.split())):
        if meeting is None:
            return None, "No next meeting is agreed yet: give a date, e.g. in 4 weeks."
        return meeting, None
    return read_horizon(text, today)


# -- set-up -----------------------------------------------------------------------------------
def relationship_step(c: Mentor, state: ConversationState) -> None:
    mentee, today = c.mentee, c.clock.today()
    rel = state.mentoring.relationship or Relationship()
    if mentee is None or mentee.agreement is None:
        c.say(
            "info",
            "The first time: agree how you will work together. They lead; you listen, share and "
            "connect when asked.",
            title="Your mentoring agreement",
        )
        rel.cadence = c.prompter.text(
            "relationship.cadence", "How often will you meet? (e.g. every 4 weeks, monthly)"
        ).strip()
        rel.mentee_expects = c.prompter.text(
            "relationship.expects", "What they hope to get from the mentoring, in their words"
        ).strip()
        rel.mentor_offers = c.prompter.text(
            "relationship.offers", "What you offer (and what you will not do)"
        ).strip()
        rel.confidentiality = c.prompter.text(
            "relationship.confidentiality",
            "What you agreed about confidentiality (Enter keeps it)",
            default=CONFIDENTIAL,
        ).strip()
        rel.agreed = True
        state.mentoring.relationship = rel
        return
    agreed = mentee.agreement
    lines = [f"Mentoring since {mentee.began}; {len(mentee.sessions)} conversation(s)"]
    if agreed.cadence:
        lines.append(f"You agreed to meet {agreed.cadence}")
    c.say("info", "", title="Your mentoring relationship", lines=lines)
    if not mentee.check_due(today):
        return
    c.say("info", "Time to ask how the mentoring itself is going for them.", title="Check on us")
    rel.check_words = c.prompter.text(
        "relationship.check", "How the mentoring is going for them, in their words"
    ).strip()
    raw = c.prompter.text(
        "relationship.check_scale",
        "On a scale of 1–10 (Enter: skip)",
        validate=lambda t: parse_scale(t)[1],
    )
    rel.check_scale = parse_scale(raw)[0]
    if rel.check_words or rel.check_scale:
        state.mentoring.relationship = rel


def goals_review_step(c: Mentor, state: ConversationState) -> None:
    mentee = c.mentee
    goals = mentee.open_goals() if mentee is not None else []
    if not goals:
        return
    today = c.clock.today()
    c.say(
        "info",
        "Review them with them: progress in their words, where they are on 1–10, and whether "
        "the goal still stands.",
        title="Their development goals",
        lines=[f"{g.text} ({g.horizon or g.horizon_date})" for g in goals],
    )
    while True:
        seen = {r.goal_id for r in state.mentoring.goal_reviews}
        left = [g for g in goals if g.id not in seen]
        if not left:
            return
        choices = [Choice(g.id, f"{g.text} ({g.horizon or g.horizon_date})") for g in left]
        done = Choice("done", "Done reviewing goals", key="d")
        picked = c.prompter.select(
            "goals.pick", "Which goal do they want to review?", [*choices, done]
        )
        if picked == "done":
            return
        goal = next(g for g in left if g.id == picked)
        progress = c.prompter.text("goals.progress", "Progress, in their words").strip()
        raw = c.prompter.text(
            "goals.scale",
            "Where are they on it? (1–10, Enter: skip)",
            validate=lambda t: parse_scale(t)[1],
        )
        status = c.prompter.select("goals.status", "Where does the goal stand?", STATUS)
        review = GoalReview(
            goal_id=goal.id,
            goal=goal.text,
            progress=progress,
            scale=parse_scale(raw)[0],
            status=cast("GoalStatus", status),  # one of STATUS's choices
        )
        if status == "changed":
            kept = (goal.horizon, goal.horizon_date)
            _new_goal(c, state, today, replaces=goal.id, horizon=goal.horizon, kept=kept)
        state.mentoring.goal_reviews.append(review)


def _new_goal(
    c: Conversation,
    state: ConversationState,
    today: date,
    *,
    replaces: str | None = None,
    horizon: str = "",
    kept: tuple[str, date | None] | None = None,
) -> None:
    """A new goal in their words (or a changed one; the old horizon, kept as it was, keeps the
    day it meant then: "in 2 months" is not moved on)."""
    text = c.prompter.text(
        "goals.text",
        "The goal as they put it now" if replaces else "The goal, in their words",
        validate=lambda t: None if t.strip() else "A goal needs their words.",
    ).strip()
    raw = c.prompter.text(
        "goals.horizon",
        f"By when? (e.g. {HORIZON_EXAMPLES})",
        default=horizon,
        validate=lambda t: read_horizon(t, today)[1],
    ).strip()
    state.mentoring.goals_set.append(
        NewGoal(
            goal_id=new_id(),
            goal=text,
            horizon=raw,
            horizon_date=kept[1] if kept and raw == kept[0] else read_horizon(raw, today)[0],
            replaces=replaces,
        )
    )


def mentee_agenda_step(c: Mentor, state: ConversationState) -> None:
    today = c.clock.today()
    c.say(
        "info",
        "Their agenda, not yours: ask what they want from today.",
        title="They lead: their agenda for today",
    )
    if not state.is_done("mentee.agenda"):
        state.mentoring.agenda = c.prompter.text(
            "mentee.agenda", "What they want from today, in their words"
        ).strip()
        state.mark_done("mentee.agenda")
    existing = c.mentee.open_goals() if c.mentee is not None else []
    changed = {r.goal_id for r in state.mentoring.goal_reviews if r.status != "open"}
    if not state.is_done("goals.new"):
        while c.prompter.confirm(
            "goals.new", "Do they want to set a new development goal?", default=not existing
        ):
            _new_goal(c, state, today)
        state.mark_done("goals.new")
    goals = [(g.id, g.text) for g in existing if g.id not in changed]
    goals += [(g.goal_id, g.goal) for g in state.mentoring.goals_set]
    if goals:
        picked = c.prompter.select(
            "mentee.serves",
            "Which of their development goals does today serve?",
            [Choice(gid, text) for gid, text in goals] + [Choice("none", "None of them")],
        )
        state.mentoring.serves_goal = None if picked == "none" else picked


# -- next steps -------------------------------------------------------------------------------
def mentoring_next_step(c: Mentor, state: ConversationState) -> None:
    """The next meeting first (so "before we next meet" has a day), then steps either of you
    owns, then the help they want from you."""
    today = c.clock.today()
    if not state.is_done("next.steps"):
        c.phase("next")
        if not state.is_done("next.meeting"):
            _meeting(c, state, today)
        hints = c.rotated("commit")[:2]
        if hints:
            c.say("hint", "You might ask:", lines=[q.text for q in hints])
        next_steps(
            c,
            state,
            action_prompt="Next step (start with a verb)",
            due=lambda: _due(c, today, state.next_meeting),
            check=False,
        )
        state.mark_done("next.steps")
    agree_help_and_meeting(c, state)


def _meeting(c: Mentor, state: ConversationState, today: date) -> None:
    agreement = c.mentee.agreement if c.mentee is not None else None
    cadence = agreement.cadence_days if agreement is not None else None
    rel = state.mentoring.relationship
    if cadence is None and rel is not None and rel.cadence:
        from coachcli.core.goals import cadence_days

        cadence = cadence_days(rel.cadence)
    default = (today + timedelta(days=cadence)).isoformat() if cadence else ""
    c.say("info", "Ask: “When shall we next meet?”")
    raw = c.prompter.text(
        "next.meeting",
        f"Next meeting (e.g. {date_examples(today)}; Enter: not yet)",
        default=default,
        validate=lambda t: None if not t.strip() else read_horizon(t, today)[1],
    ).strip()
    state.next_meeting = read_horizon(raw, today)[0] if raw else None
    if state.next_meeting is not None:
        from coachcli.core.dates import describe_date

        c.say("echo", f"Next meeting {describe_date(state.next_meeting, today)}")
    state.mark_done("next.meeting")


def _due(c: Mentor, today: date, meeting: date | None) -> date:
    from coachcli.core.dates import describe_date

    examples = f"before we next meet, in 6 weeks, by June, {date_examples(today)}"
    raw = c.prompter.text(
        "next.due",
        f"Due when? (e.g. {examples})",
        validate=lambda t: read_due(t, today, meeting)[1],
    )
    due = read_due(raw, today, meeting)[0]
    assert due is not None  # the validator ensures it
    c.say("echo", f"Due {describe_date(due, today)}")
    return due
