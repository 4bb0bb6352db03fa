"""Named figures and rates from a vector of counts (``index.counts``): what a report shows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from coachcli.index.counts import ACTION_COUNTS, AGENDA, AT, FIELDS, SKILLS, count_into


def rate(part: int, whole: int) -> float | None:
    """``part / whole`` rounded to 4 places, or None when there is nothing to divide by."""
    return round(part / whole, 4) if whole else None


def _sum(rows: Iterable[dict], today: date) -> list[int]:
    total = [0] * len(FIELDS)
    day = today.isoformat()
    for row in rows:
        count_into(total, row, day)
    return total


def action_figures(v: list[int]) -> dict:
    """Action items: counts by status, timing and owner, and the rates."""
    t: dict = {name: v[AT[name]] for name in ACTION_COUNTS}
    t["completion_rate"] = rate(t["done"], t["created"])
    t["on_time_rate"] = rate(t["on_time"], t["done"])
    t["supervisor_share"] = rate(t["owner_supervisor"], t["created"])
    share = t["supervisor_share"]
    t["supervisor_owns_most"] = share is not None and share > 0.5
    return t


def skill_figures(v: list[int]) -> dict:
    """Share of conversations showing each skill, and how often the own agenda took over."""
    total = v[0]
    result: dict = {"conversations": total}
    for name in SKILLS:
        result[name] = {"count": v[AT[name]], "share": rate(v[AT[name]], total)}
    answered = sum(v[AT[f"agenda_{a}"]] for a in AGENDA)
    result["agenda_took_over"] = {
        a: {"count": v[AT[f"agenda_{a}"]], "share": rate(v[AT[f"agenda_{a}"]], answered)}
        for a in AGENDA
    }
    return result


def tally_actions(rows: Iterable[dict], today: date) -> dict:
    """Action items of these conversations (overdue: open and due before ``today``)."""
    return action_figures(_sum(rows, today))


def tally_skills(rows: Iterable[dict]) -> dict:
    return skill_figures(_sum(rows, date.min))
