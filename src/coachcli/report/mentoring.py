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
from typing import Any

from coachcli.core.people import person_key
from coachcli.report.figures import rate

OFFER_KINDS = ("experience", "suggestion", "introduction", "sponsorship")  # as core.model
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


def _day(value: Any) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError("not a date")
    return date.fromisoformat(value)


def _in(day: date | None, since: date | None, until: date | None) -> bool:
    return day is not None and (since is None or day >= since) and (until is None or day <= until)


def mentee_counts(
    m: dict, today: date, since: date | None, until: date | None, offers: dict
) -> dict[str, int]:
    """One goals file's figures (its plain JSON; pydantic is not loaded for a report). A file
    whose shape is wrong raises ``TypeError``/``KeyError``/``ValueError``: the caller skips it."""
    c = dict.fromkeys(COUNTS, 0)
    visits = [(v, _day(v["on"])) for v in m["sessions"]]
    visits.sort(key=lambda pair: pair[1] or date.min)
    here_visits = [v for v, on in visits if _in(on, since, until)]
    c["relationships"] = int(bool(here_visits))
    c["conversations"] = len(here_visits)
    mine: dict[str, list[int]] = {}
    for visit in here_visits:
        for kind, count in visit.get("offers_made", {}).items():
            mine.setdefault(kind, [0, 0])[0] += int(count)
        for kind, count in visit.get("offers_taken", {}).items():
            mine.setdefault(kind, [0, 0])[1] += int(count)
    for goal in m["goals"]:
        status = goal.get("status", "open")
        c["goals_set"] += _in(_day(goal["set_on"]), since, until)
        c["goals_reviewed"] += sum(_in(_day(r["on"]), since, until) for r in goal["reviews"])
        c["goals_open"] += status == "open"
        if status in ("achieved", "changed", "dropped") and _in(
            _day(goal.get("closed_on")), since, until
        ):
            c[f"goals_{status}"] += 1
    for (here, on), after in zip(visits, [*visits[1:], None], strict=True):
        meeting = _day(here.get("next_meeting"))
        if meeting is None or not _in(on, since, until):
            continue
        deadline = meeting + timedelta(days=GRACE_DAYS)
        after_on = after[1] if after is not None else None
        if after_on is not None and after_on <= deadline:
            c["meetings_agreed"] += 1
            c["meetings_kept"] += 1
        elif deadline < today:
            c["meetings_agreed"] += 1  # missed (or held much later)
    checks = [k for k in m["checks"] if _in(_day(k["on"]), since, until)]
    c["relationship_checks"] = len(checks)
    c["_check_points"] = sum(int(k.get("scale") or 0) for k in checks)
    c["_check_scaled"] = sum(1 for k in checks if k.get("scale"))
    for kind, (made, taken) in mine.items():  # only once the whole file has been read
        pair = offers.setdefault(kind, [0, 0])
        pair[0] += made
        pair[1] += taken
    return c


def mentoring_figures(
    groups: Sequence[tuple[str, list[Any]]],  # each goals file's JSON (None: unreadable)
    *,
    today: date,
    since: date | None = None,
    until: date | None = None,
    person: str | None = None,
) -> dict:
    """The mentoring section of a report from each store's goals files (plain JSON): totals,
    offers by kind, one entry per store, and how many files were skipped."""
    wanted = person_key(person) if person else None
    total: dict[str, int] = {}
    offers: dict[str, list[int]] = {}
    stores = []
    skipped = 0
    for label, mentees in groups:
        store: dict[str, int] = {}
        for mentee in mentees:
            try:
                name = mentee["person"]
                if wanted is not None and person_key(name) != wanted:
                    continue
                counts = mentee_counts(mentee, today, since, until, offers)
            except (KeyError, TypeError, ValueError, AttributeError):
                skipped += 1
                continue
            for key, value in counts.items():
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
        "skipped_goal_files": skipped,
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
