"""What `coach goals` prints: each mentee's relationship and development goals."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from coachcli.core.errors import NotFoundError
from coachcli.core.people import resolve_person

if TYPE_CHECKING:
    from coachcli.core.goals import MenteeFile


def pick_mentees(mentees: list[MenteeFile], person: str | None) -> list[MenteeFile]:
    if person is None:
        return mentees
    found = resolve_person(person, [m.person for m in mentees])
    if found is None:
        raise NotFoundError(
            "no development goals for that person",
            hint="goals are set in mentoring conversations (coach start --mentoring)",
        )
    return [m for m in mentees if m.person == found]


def goal_entries(mentees: list[MenteeFile], today: date) -> list[dict]:
    """One JSON object per goal (open ones first, per mentee)."""
    from coachcli.core.goals import goals_due

    entries = []
    for mentee in mentees:
        due = {goal.id: why for goal, why in goals_due(mentee, today)}
        for goal in sorted(mentee.goals, key=lambda g: (not g.is_open, g.set_on)):
            entry = {"person": mentee.person} | goal.model_dump(mode="json")
            entry["due_for_review"] = due.get(goal.id)
            entries.append(entry)
    return entries


def goal_lines(mentees: list[MenteeFile], today: date) -> list[str]:
    from coachcli.core.goals import goals_due

    if not mentees:
        return ["No development goals yet: they are set in mentoring conversations."]
    lines: list[str] = []
    for mentee in mentees:
        if lines:
            lines.append("")
        head = f"{mentee.person}: mentoring since {mentee.began}"
        if mentee.agreement is not None and mentee.agreement.cadence:
            head += f", meeting {mentee.agreement.cadence}"
        if mentee.next_meeting is not None:
            head += f"; next meeting {mentee.next_meeting:%a %d %b %Y}"
        lines.append(head)
        due = {goal.id: why for goal, why in goals_due(mentee, today)}
        if not mentee.goals:
            lines.append("  No goals set yet.")
        for goal in sorted(mentee.goals, key=lambda g: (not g.is_open, g.set_on)):
            horizon = goal.horizon or (goal.horizon_date.isoformat() if goal.horizon_date else "")
            when = f" — {horizon}" if horizon else ""
            if goal.horizon_date is not None and goal.horizon != goal.horizon_date.isoformat():
                when += f" ({goal.horizon_date})"
            lines.append(f"  [{goal.status}] {goal.id}  {goal.text}{when}")
            for review in goal.reviews:
                scale = f" {review.scale}/10" if review.scale else ""
                words = f": {review.progress}" if review.progress else ""
                lines.append(f"      {review.on} reviewed{scale}{words}")
            if goal.id in due:
                lines.append(f"      due for review: {due[goal.id]}")
    return lines
