"""Mentoring figures for `coach report`: relationships, goals and offers beside the coaching
figures, from the mentees' goals files (``core.goals``). Counts and rates only: no goal text,
no names, so a program report over other supervisors' stores (``--store``) shares nothing else.

- relationships: mentees with a mentoring conversation in the period; conversations;
- goals set, reviewed (reviews), achieved, changed, dropped in the period; open now;
- offers made by kind and how many were taken up;
- cadence kept: of the next meetings agreed (whose day, plus a week's grace, has come), how
  many were followed by a mentoring conversation by then;
- the relationship checks and their average on 1–10.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from coachcli.core.people import person_key
from coachcli.report.figures import rate

if TYPE_CHECKING:
    from coachcli.core.goals import MenteeFile

GRACE_DAYS = 7
COUNTS = (
    "relationships",
    "conversations",
    "goals_set",
    "goals_reviewed",
    "goals_achieved",
    "goals_changed",
    "goals_dropped",
    "goals_open",
    "meetings_agreed",
    "meetings_kept",
    "relationship_checks",
)


def _in(day: date | None, since: date | None, until: date | None) -> bool:
    return day is not None and (since is None or day >= since) and (until is None or day <= until)


def _mentee_counts(
    m: MenteeFile, today: date, since: date | None, until: date | None, offers: dict
) -> dict[str, int]:
    c = dict.fromkeys(COUNTS, 0)
    visits = [v for v in m.sessions if _in(v.on, since, until)]
    c["relationships"] = int(bool(visits))
    c["conversations"] = len(visits)
    for visit in visits:
        for kind, count in visit.offers_made.items():
            offers.setdefault(kind, [0, 0])[0] += count
        for kind, count in visit.offers_taken.items():
            offers.setdefault(kind, [0, 0])[1] += count
    for goal in m.goals:
        c["goals_set"] += _in(goal.set_on, since, until)
        c["goals_reviewed"] += sum(_in(r.on, since, until) for r in goal.reviews)
        c["goals_open"] += goal.is_open
        if goal.status != "open" and _in(goal.closed_on, since, until):
            c[f"goals_{goal.status}"] += 1
    for here, after in zip(m.sessions, [*m.sessions[1:], None], strict=True):
        if here.next_meeting is None or not _in(here.on, since, until):
            continue
        deadline = here.next_meeting + timedelta(days=GRACE_DAYS)
        if after is not None and after.on <= deadline:
            c["meetings_agreed"] += 1
            c["meetings_kept"] += 1
        elif deadline < today:
            c["meetings_agreed"] += 1  # missed (or held much later)
    checks = [k for k in m.checks if _in(k.on, since, until)]
    c["relationship_checks"] = len(checks)
    c["_check_points"] = sum(k.scale or 0 for k in checks)
    c["_check_scaled"] = sum(1 for k in checks if k.scale)
    return c


def mentoring_figures(
    groups: Sequence[tuple[str, list[MenteeFile]]],
    *,
    today: date,
    since: date | None = None,
    until: date | None = None,
    person: str | None = None,
) -> dict:
    """The mentoring section of a report: totals, offers by kind, and one entry per store."""
    from coachcli.core.model import OFFER_KINDS

    wanted = person_key(person) if person else None
    total: dict[str, int] = {}
    offers: dict[str, list[int]] = {}
    stores = []
    for label, mentees in groups:
        store: dict[str, int] = {}
        for mentee in mentees:
            if wanted is not None and person_key(mentee.person) != wanted:
                continue
            for key, value in _mentee_counts(mentee, today, since, until, offers).items():
                store[key] = store.get(key, 0) + value
        for key, value in store.items():
            total[key] = total.get(key, 0) + value
        stores.append({"store": label, **_public(store)})
    return {
        **_public(total),
        "offers": {
            kind: {"made": offers.get(kind, [0, 0])[0], "taken_up": offers.get(kind, [0, 0])[1]}
            for kind in OFFER_KINDS
        },
        "stores": stores,
    }


def _public(counts: dict[str, int]) -> dict:
    shown: dict = {key: counts.get(key, 0) for key in COUNTS}
    shown["cadence_kept"] = rate(shown["meetings_kept"], shown["meetings_agreed"])
    scaled = counts.get("_check_scaled", 0)
    points = counts.get("_check_points", 0)
    shown["relationship_check_average"] = round(points / scaled, 1) if scaled else None
    return shown


def mentoring_lines(figures: dict) -> list[str]:
    """The terminal view: a few plain lines (empty when there was no mentoring)."""
    if not figures["conversations"] and not figures["goals_open"]:
        return []
    f = figures
    kept = f["cadence_kept"]
    lines = [
        f"Mentoring: {f['conversations']} conversation(s) in {f['relationships']} relationship(s)",
        f"Goals: {f['goals_set']} set, {f['goals_reviewed']} reviews, {f['goals_achieved']} "
        f"achieved, {f['goals_changed']} changed, {f['goals_dropped']} dropped; "
        f"{f['goals_open']} open now",
        "Offers (made / taken up): "
        + ", ".join(f"{kind} {o['made']}/{o['taken_up']}" for kind, o in f["offers"].items()),
        f"Cadence kept: {f['meetings_kept']} of {f['meetings_agreed']} next meetings agreed"
        + (f" ({kept:.0%})" if kept is not None else ""),
    ]
    if f["relationship_checks"]:
        average = f["relationship_check_average"]
        lines.append(
            f"How the mentoring is going: {f['relationship_checks']} check(s)"
            + (f", average {average}/10" if average is not None else "")
        )
    return lines
