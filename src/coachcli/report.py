"""The figures behind ``coach report``: pure functions over index rows (no rich, no disk).

A row is the plain dict ``coachcli.index`` keeps for each session (see docs/report.md). Every
function here counts and divides; none copies note or action text into its result. People are
keyed by their normalized name and shown either by name or, in a program report, by a stable
pseudonym (``pseudonym``: HMAC-SHA256 of the normalized name under a salt kept in the user's
own store). The result of ``build_report`` is plain JSON-ready data shared by the terminal view,
the JSON and the CSV export, so all three always show the same numbers.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from coachcli.people import person_key

REPORT_VERSION = 1
NEGLECT_DAYS = 30  # a person with no conversation for more than this many days is flagged
SKILLS = ("listened", "what_how", "balanced", "next_step", "all_four")
AGENDA = ("yes", "partly", "no")
MAX_FILLED_MONTHS = 240  # beyond this span only months that hold a conversation are listed


@dataclass
class StoreRows:
    """The rows read from one store, the label it is shown under and how many files were
    skipped because they could not be read."""

    label: str
    rows: list[dict]
    skipped: int = 0


# -- small pieces ------------------------------------------------------------------------------
def pseudonym(name: str, key: bytes) -> str:
    """``person-`` and 8 hex digits of HMAC-SHA256(key, normalized name): stable for one key,
    not reversible by trying names without the key."""
    digest = hmac.new(key, person_key(name).encode("utf-8"), hashlib.sha256).hexdigest()
    return f"person-{digest[:8]}"


def day_of(value: object) -> date | None:
    """The calendar date of an ISO date or datetime string (as recorded, in its own offset)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def rate(part: int, whole: int) -> float | None:
    """``part / whole`` rounded to 4 places, or None when there is nothing to divide by."""
    return round(part / whole, 4) if whole else None


def iso_day(value: object) -> str | None:
    """``YYYY-MM-DD`` of an ISO date or datetime string, as text (ISO dates sort as text), or
    None when the value does not look like one."""
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10]
    return None


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
ACTION_COUNTS = (
    *("created", "done", "partly", "dropped", "open", "on_time", "done_without_due"),
    *("overdue", "owner_person", "owner_supervisor"),
)
FIELDS = ("conversations", *ACTION_COUNTS, *SKILLS, *(f"agenda_{a}" for a in AGENDA))
_AT = {name: i for i, name in enumerate(FIELDS)}
_STATUS = {"done": _AT["done"], "partly": _AT["partly"], "dropped": _AT["dropped"]}


def _n(value: object) -> int:
    return value if type(value) is int else 0


_CONVERSATIONS, _CREATED, _DONE, _OPEN = 0, _AT["created"], _AT["done"], _AT["open"]
_ON_TIME, _NO_DUE, _OVERDUE = _AT["on_time"], _AT["done_without_due"], _AT["overdue"]
_BY_PERSON, _BY_SUPERVISOR = _AT["owner_person"], _AT["owner_supervisor"]
_LISTENED, _WHAT_HOW, _BALANCED, _NEXT_STEP, _ALL_FOUR = (_AT[name] for name in SKILLS)
_AGENDA_AT = {answer: _AT[f"agenda_{answer}"] for answer in AGENDA}


def row_counts(row: dict, today: str) -> list[int]:
    """One conversation as a vector over ``FIELDS``; ``today`` is ``YYYY-MM-DD``."""
    return count_into([0] * len(FIELDS), row, today)


def skill_flags(row: dict) -> dict[str, bool]:
    """Which coaching skills one conversation shows: listened (facts, feelings and values each
    captured), what/how (a question begins with What or How), balanced (a restatement and a
    challenged assumption), next step (an action item), and all four."""
    counts = row_counts(row, "")
    return {name: bool(counts[_AT[name]]) for name in SKILLS}


def count_into(v: list[int], row: dict, today: str) -> list[int]:
    """Add one conversation to the vector ``v``: the hot loop of a report, once per session."""
    v[_CONVERSATIONS] += 1
    created = 0
    actions = row.get("actions")
    for item in actions if type(actions) is list else ():
        if type(item) is not dict:
            continue
        created += 1
        status = item.get("status")
        due = iso_day(item.get("due"))
        if status == "done":
            v[_DONE] += 1
            closed = iso_day(item.get("closed_at"))
            if due is None:
                v[_NO_DUE] += 1
            elif closed is not None and closed <= due:
                v[_ON_TIME] += 1
        elif status in _STATUS:
            v[_STATUS[status]] += 1
        else:
            v[_OPEN] += 1
            if due is not None and due < today:
                v[_OVERDUE] += 1
        v[_BY_SUPERVISOR if item.get("owner") == "supervisor" else _BY_PERSON] += 1
    v[_CREATED] += created
    get = row.get
    listened = _n(get("facts")) > 0 and _n(get("feelings")) > 0 and _n(get("values")) > 0
    what_how = _n(get("what_how_questions")) > 0
    balanced = bool(get("restatement")) and _n(get("assumptions")) > 0
    if listened:
        v[_LISTENED] += 1
    if what_how:
        v[_WHAT_HOW] += 1
    if balanced:
        v[_BALANCED] += 1
    if created:
        v[_NEXT_STEP] += 1
        if listened and what_how and balanced:
            v[_ALL_FOUR] += 1
    took_over = get("after_check")
    if took_over in _AGENDA_AT:
        v[_AGENDA_AT[took_over]] += 1
    return v


def _add(total: list[int], counts: list[int]) -> list[int]:
    for i, n in enumerate(counts):
        if n:
            total[i] += n
    return total


def _sum(rows: Iterable[dict], today: date) -> list[int]:
    total = [0] * len(FIELDS)
    day = today.isoformat()
    for row in rows:
        count_into(total, row, day)
    return total


def action_figures(v: list[int]) -> dict:
    """Action items: counts by status, timing and owner, and the rates."""
    t: dict = {name: v[_AT[name]] for name in ACTION_COUNTS}
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
        result[name] = {"count": v[_AT[name]], "share": rate(v[_AT[name]], total)}
    answered = sum(v[_AT[f"agenda_{a}"]] for a in AGENDA)
    result["agenda_took_over"] = {
        a: {"count": v[_AT[f"agenda_{a}"]], "share": rate(v[_AT[f"agenda_{a}"]], answered)}
        for a in AGENDA
    }
    return result


def tally_actions(rows: Iterable[dict], today: date) -> dict:
    """Action items of these conversations (overdue: open and due before ``today``)."""
    return action_figures(_sum(rows, today))


def tally_skills(rows: Iterable[dict]) -> dict:
    return skill_figures(_sum(rows, date.min))


def _summary(v: list[int], people: int) -> dict:
    """The headline figures of one group of conversations (a store, or all of them)."""
    return {
        "conversations": v[0],
        "people": people,
        "actions_created": v[_AT["created"]],
        "completion_rate": rate(v[_AT["done"]], v[_AT["created"]]),
        "on_time_rate": rate(v[_AT["on_time"]], v[_AT["done"]]),
        "overdue": v[_AT["overdue"]],
        "supervisor_share": rate(v[_AT["owner_supervisor"]], v[_AT["created"]]),
        "all_four_share": rate(v[_AT["all_four"]], v[0]),
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
            "actions_created": v[_AT["created"]],
            "done": v[_AT["done"]],
            "completion_rate": rate(v[_AT["done"]], v[_AT["created"]]),
        }
        for name in SKILLS:
            entry[f"{name}_share"] = rate(v[_AT[name]], v[0])
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
        for row in store.rows:
            started = iso_day(row.get("started_at"))
            if started is None:
                continue
            name = str(row.get("person", ""))
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
                count_into(cell, row, day)
        for entry in people.values():  # roll the (person, month) cells up
            for month, cell in entry.months.items():
                _add(entry.counts, cell)
                _add(months.setdefault(month, [0] * len(FIELDS)), cell)
            _add(store_total, entry.counts)
        _add(total, store_total)
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
        "actions_created": p.counts[_AT["created"]],
        "done": p.counts[_AT["done"]],
        "completion_rate": rate(p.counts[_AT["done"]], p.counts[_AT["created"]]),
    }
