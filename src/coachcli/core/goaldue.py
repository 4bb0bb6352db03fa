"""Which development goals are due for review: light (standard library only), on the goals
file's plain JSON, so `coach followup` can list them without loading pydantic.

An open goal is due when its horizon has passed or is two weeks away, when the next meeting
agreed with the mentee has come, or when nothing was said about it for eight weeks.
"""

from __future__ import annotations

from datetime import date
from typing import Any

REVIEW_AFTER_DAYS = 56
HORIZON_SOON_DAYS = 14


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def last_touched(goal: dict) -> date | None:
    reviews = goal.get("reviews")
    if isinstance(reviews, list) and reviews and isinstance(reviews[-1], dict):
        return _day(reviews[-1].get("on")) or _day(goal.get("set_on"))
    return _day(goal.get("set_on"))


def due_reason(goal: dict, next_meeting: date | None, today: date) -> str | None:
    """Why ``goal`` (a goal's JSON) is due for review today, or None."""
    if not isinstance(goal, dict) or goal.get("status", "open") != "open":
        return None
    horizon = _day(goal.get("horizon_date"))
    words = goal.get("horizon") if isinstance(goal.get("horizon"), str) else ""
    shown = words or (horizon.isoformat() if horizon else "")
    if horizon is not None and horizon < today:
        return f"horizon passed ({shown})"
    if horizon is not None and (horizon - today).days <= HORIZON_SOON_DAYS:
        return f"horizon near ({shown})"
    if next_meeting is not None and next_meeting <= today:
        return f"next meeting {next_meeting.isoformat()}"
    touched = last_touched(goal)
    if touched is not None and (today - touched).days >= REVIEW_AFTER_DAYS:
        return f"not reviewed since {touched.isoformat()}"
    return None


def due_goals(data: Any, today: date) -> list[tuple[dict, str]]:
    """(goal, why) for each of a mentee file's open goals due for review."""
    if not isinstance(data, dict) or not isinstance(data.get("goals"), list):
        return []
    meeting = _day(data.get("next_meeting"))
    found = []
    for goal in data["goals"]:
        why = due_reason(goal, meeting, today)
        if why is not None and isinstance(goal.get("text"), str):
            found.append((goal, why))
    return found
