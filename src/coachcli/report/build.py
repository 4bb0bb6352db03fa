"""The figures behind ``coach report``: pure functions over index rows (no rich, no disk).

A row is the plain dict ``coachcli.index.cache`` keeps for each session (see docs/report.md). Every
function here counts and divides; none copies note or action text into its result. People are
keyed by their normalized name and shown either by name or, in a program report, by a stable
pseudonym (``pseudonym``: HMAC-SHA256 of the normalized name under a salt kept in the user's
own store). The result of ``build_report`` is plain JSON-ready data shared by the terminal view,
the JSON and the CSV export, so all three always show the same numbers.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from coachcli.core.people import person_key
from coachcli.index.counts import (
    AT,
    FIELDS,
    SKILLS,
    Counted,
    add,
    add_counted,
    counted,
    day_of,
    iso_day,
)
from coachcli.report.figures import action_figures, rate, skill_figures

REPORT_VERSION = 1
NEGLECT_DAYS = 30  # a person with no conversation for more than this many days is flagged
MAX_FILLED_MONTHS = 240  # beyond this span only months that hold a conversation are listed


@dataclass
class StoreRows:
    """The rows read from one store, the label it is shown under and how many files were
    skipped because they could not be read."""

    label: str
    rows: list[dict] = field(default_factory=list)
    skipped: int = 0
    # The same conversations already counted (the report index keeps them so): used instead of
    # ``rows`` when given.
    counted: list[Counted] | None = None

    def conversations(self) -> list[Counted]:
        return self.counted if self.counted is not None else [counted(r) for r in self.rows]


# -- small pieces ------------------------------------------------------------------------------
def pseudonym(name: str, key: bytes) -> str:
    """``person-`` and 8 hex digits of HMAC-SHA256(key, normalized name): stable for one key,
    not reversible by trying names without the key."""
    digest = hmac.new(key, person_key(name).encode("utf-8"), hashlib.sha256).hexdigest()
    return f"person-{digest[:8]}"


def month_span(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` inclusive."""
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


# -- tallies -----------------------------------------------------------------------------------
# Every conversation is counted once into a vector of these fields; groups (a store, a month, a
# person, everything) are sums of vectors, so 10,000 sessions cost one pass.
def _summary(v: list[int], people: int) -> dict:
    """The headline figures of one group of conversations (a store, or all of them)."""
    return {
        "conversations": v[0],
        "people": people,
        "actions_created": v[AT["created"]],
        "completion_rate": rate(v[AT["done"]], v[AT["created"]]),
        "on_time_rate": rate(v[AT["on_time"]], v[AT["done"]]),
        "overdue": v[AT["overdue"]],
        "supervisor_share": rate(v[AT["owner_supervisor"]], v[AT["created"]]),
        "all_four_share": rate(v[AT["all_four"]], v[0]),
    }


def _month_entries(groups: dict[str, list[int]], first: str | None, last: str | None) -> list:
    """Per month: conversations, action completion and skill shares. Months with no
    conversation between ``first`` and ``last`` are listed with zeros so a chart shows the gap."""
    if groups:
        first = min(first or min(groups), min(groups))
        last = max(last or max(groups), max(groups))
    months = sorted(groups)
    if first and last:
        span = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7])
        if 0 <= span <= MAX_FILLED_MONTHS:
            months = month_span(first, last)
    result = []
    for month in months:
        v = groups.get(month) or [0] * len(FIELDS)
        entry = {
            "month": month,
            "conversations": v[0],
            "actions_created": v[AT["created"]],
            "done": v[AT["done"]],
            "completion_rate": rate(v[AT["done"]], v[AT["created"]]),
        }
        for name in SKILLS:
            entry[f"{name}_share"] = rate(v[AT[name]], v[0])
        result.append(entry)
    return result


# -- the whole report --------------------------------------------------------------------------
@dataclass
class _Person:
    name: str
    last: str
    counts: list[int]  # summed from ``months`` once the rows are read
    months: dict[str, list[int]]


def build_report(
    stores: Sequence[StoreRows],
    *,
    today: date,
    since: date | None = None,
    until: date | None = None,
    person: str | None = None,
    label: Callable[[str], str] | None = None,
    program: bool = False,
) -> dict:
    """All figures of a report as plain data.

    ``since``/``until`` filter conversations by the date of ``started_at`` (inclusive);
    ``person`` keeps one person (by normalized name); ``label`` turns a name into what is shown
    (a pseudonym in a program report; None shows names). Counts and rates only: no note text.
    People are listed per store with their conversations in the period and the days since the
    last conversation ever (so someone not met during the period still shows up, flagged).
    """
    day = today.isoformat()
    low = since.isoformat() if since else "0000-00-00"
    high = until.isoformat() if until else "9999-99-99"
    wanted = person_key(person) if person else None
    keys: dict[str, str] = {}  # name as written -> normalized (names repeat: normalize once)
    total = [0] * len(FIELDS)
    everyone: set[str] = set()
    months: dict[str, list[int]] = {}
    store_entries: list[dict] = []
    people_entries: list[dict] = []
    for store in stores:
        store_total = [0] * len(FIELDS)
        people: dict[str, _Person] = {}
        for name, started_at, counts, dues in store.conversations():
            started = iso_day(started_at)
            if started is None:
                continue
            key = keys.get(name)
            if key is None:
                key = keys[name] = person_key(name)
            if wanted is not None and key != wanted:
                continue
            entry = people.get(key)
            if entry is None:
                entry = people[key] = _Person(name, started, [0] * len(FIELDS), {})
            elif started >= entry.last:
                entry.name, entry.last = name, started  # the latest spelling is shown
            if low <= started <= high:
                cell = entry.months.get(started[:7])
                if cell is None:
                    cell = entry.months[started[:7]] = [0] * len(FIELDS)
                add_counted(cell, counts, dues, day)
        for entry in people.values():  # roll the (person, month) cells up
            for month, cell in entry.months.items():
                add(entry.counts, cell)
                add(months.setdefault(month, [0] * len(FIELDS)), cell)
            add(store_total, entry.counts)
        add(total, store_total)
        in_period = {key for key, p in people.items() if p.counts[0]}
        everyone |= in_period
        summary = _summary(store_total, len(in_period))
        store_entries.append({"store": store.label, **summary, "skipped_files": store.skipped})
        people_entries.extend(_person_entry(store.label, p, today, label) for p in people.values())
    order = {store.label: i for i, store in enumerate(stores)}
    people_entries.sort(key=lambda e: (order[e["store"]], e["last"] or "", e["person"].casefold()))
    return {
        "kind": "coachcli-report",
        "version": REPORT_VERSION,
        "today": day,
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "program": program,
        "pseudonyms": label is not None,
        "one_person": wanted is not None,
        "neglect_days": NEGLECT_DAYS,
        "summary": _summary(total, len(everyone)),
        "stores": store_entries,
        "people": people_entries,
        "months": _month_entries(
            months, f"{since:%Y-%m}" if since else None, f"{until:%Y-%m}" if until else None
        ),
        "actions": action_figures(total),
        "skills": skill_figures(total),
    }


def _person_entry(store: str, p: _Person, today: date, label: Callable[[str], str] | None) -> dict:
    last = day_of(p.last)
    days = max((today - last).days, 0) if last else None
    return {
        "store": store,
        "person": label(p.name) if label else p.name,
        "conversations": p.counts[0],
        "last": last.isoformat() if last else None,
        "days_since_last": days,
        "neglected": days is None or days > NEGLECT_DAYS,
        "actions_created": p.counts[AT["created"]],
        "done": p.counts[AT["done"]],
        "completion_rate": rate(p.counts[AT["done"]], p.counts[AT["created"]]),
        **checkin_figures(p.counts, p.months),
    }


def checkin_average(counts: list[int]) -> float | None:
    checkins = counts[AT["checkins"]]
    return round(counts[AT["checkin_points"]] / checkins, 1) if checkins else None


def checkin_figures(counts: list[int], months: dict[str, list[int]]) -> dict:
    """How the person has been at the start of conversations (the 1–10 check-in): the average
    over the period and, month by month, the months' averages (the trend), oldest first."""
    trend = [checkin_average(months[m]) for m in sorted(months) if months[m][AT["checkins"]]]
    return {
        "checkins": counts[AT["checkins"]],
        "checkin_average": checkin_average(counts),
        "checkin_trend": " ".join(f"{value:g}" for value in trend if value is not None),
    }
