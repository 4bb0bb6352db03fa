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
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

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
def normalize_name(name: str) -> str:
    """The form two spellings of one name share: NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", name or "").casefold().split())


def pseudonym(name: str, key: bytes) -> str:
    """``person-`` and 8 hex digits of HMAC-SHA256(key, normalized name): stable for one key,
    not reversible by trying names without the key."""
    digest = hmac.new(key, normalize_name(name).encode("utf-8"), hashlib.sha256).hexdigest()
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


def _count(row: dict, key: str) -> int:
    value = row.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _actions(row: dict) -> list[dict]:
    actions = row.get("actions")
    return [a for a in actions if isinstance(a, dict)] if isinstance(actions, list) else []


def in_period(day: date | None, since: date | None, until: date | None) -> bool:
    if day is None:
        return False
    return (since is None or day >= since) and (until is None or day <= until)


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
def skill_flags(row: dict) -> dict[str, bool]:
    """Which coaching skills one conversation shows."""
    flags = {
        "listened": all(_count(row, k) > 0 for k in ("facts", "feelings", "values")),
        "what_how": _count(row, "what_how_questions") > 0,
        "balanced": bool(row.get("restatement")) and _count(row, "assumptions") > 0,
        "next_step": len(_actions(row)) > 0,
    }
    flags["all_four"] = all(flags.values())
    return flags


def tally_actions(rows: Iterable[dict], today: date) -> dict:
    """Action items of these conversations: counts by status, timing and owner, and rates."""
    t = dict.fromkeys(
        (
            "created",
            "done",
            "partly",
            "dropped",
            "open",
            "on_time",
            "done_without_due",
            "overdue",
            "owner_person",
            "owner_supervisor",
        ),
        0,
    )
    for row in rows:
        for item in _actions(row):
            t["created"] += 1
            status = item.get("status")
            due = day_of(item.get("due"))
            if status == "done":
                t["done"] += 1
                closed = day_of(item.get("closed_at"))
                if due is None:
                    t["done_without_due"] += 1
                elif closed is not None and closed <= due:
                    t["on_time"] += 1
            elif status == "partly":
                t["partly"] += 1
            elif status == "dropped":
                t["dropped"] += 1
            else:
                t["open"] += 1
                if due is not None and due < today:
                    t["overdue"] += 1
            t["owner_supervisor" if item.get("owner") == "supervisor" else "owner_person"] += 1
    t["completion_rate"] = rate(t["done"], t["created"])
    t["on_time_rate"] = rate(t["on_time"], t["done"])
    t["supervisor_share"] = rate(t["owner_supervisor"], t["created"])
    share = t["supervisor_share"]
    t["supervisor_owns_most"] = share is not None and share > 0.5
    return t


def tally_skills(rows: Sequence[dict]) -> dict:
    """Share of conversations showing each skill, and how often the own agenda took over."""
    counts = dict.fromkeys(SKILLS, 0)
    agenda = dict.fromkeys(AGENDA, 0)
    for row in rows:
        for name, shown in skill_flags(row).items():
            counts[name] += shown
        took_over = row.get("after_check")
        if took_over in agenda:
            agenda[took_over] += 1
    total = len(rows)
    result: dict = {"conversations": total}
    for name in SKILLS:
        result[name] = {"count": counts[name], "share": rate(counts[name], total)}
    answered = sum(agenda.values())
    result["agenda_took_over"] = {
        answer: {"count": agenda[answer], "share": rate(agenda[answer], answered)}
        for answer in AGENDA
    }
    return result


def _summary(rows: Sequence[dict], today: date) -> dict:
    """The headline figures of one group of conversations (a store, or all of them)."""
    actions = tally_actions(rows, today)
    skills = tally_skills(rows)
    return {
        "conversations": len(rows),
        "people": len({normalize_name(str(r.get("person", ""))) for r in rows}),
        "actions_created": actions["created"],
        "completion_rate": actions["completion_rate"],
        "on_time_rate": actions["on_time_rate"],
        "overdue": actions["overdue"],
        "supervisor_share": actions["supervisor_share"],
        "all_four_share": skills["all_four"]["share"],
    }


def by_month(rows: Sequence[dict], today: date, *, first: str | None, last: str | None) -> list:
    """Per month (by ``started_at``): conversations, action completion and skill shares.

    Months with no conversation between ``first`` and ``last`` are listed with zeros so a chart
    shows the gap.
    """
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(str(row["started_at"])[:7], []).append(row)
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
        group = groups.get(month, [])
        actions = tally_actions(group, today)
        skills = tally_skills(group)
        entry = {
            "month": month,
            "conversations": len(group),
            "actions_created": actions["created"],
            "done": actions["done"],
            "completion_rate": actions["completion_rate"],
        }
        for name in SKILLS:
            entry[f"{name}_share"] = skills[name]["share"]
        result.append(entry)
    return result


def _people(
    stores: Sequence[StoreRows],
    period_ids: set[int],
    today: date,
    label: Callable[[str], str] | None,
) -> list[dict]:
    """One entry per (store, person): conversations in the period, the last conversation ever
    and the days since it, flagged when longer than ``NEGLECT_DAYS``."""
    entries = []
    for store in stores:
        people: dict[str, dict] = {}
        for row in store.rows:
            name = str(row.get("person", ""))
            key = normalize_name(name)
            person = people.setdefault(key, {"name": name, "last": None, "rows": []})
            started = day_of(row.get("started_at"))
            if started is not None and (person["last"] is None or started >= person["last"]):
                person["last"], person["name"] = started, name  # the latest spelling is shown
            if id(row) in period_ids:
                person["rows"].append(row)
        for person in people.values():
            last = person["last"]
            days = max((today - last).days, 0) if last else None
            actions = tally_actions(person["rows"], today)
            entries.append(
                {
                    "store": store.label,
                    "person": label(person["name"]) if label else person["name"],
                    "conversations": len(person["rows"]),
                    "last": last.isoformat() if last else None,
                    "days_since_last": days,
                    "neglected": days is None or days > NEGLECT_DAYS,
                    "actions_created": actions["created"],
                    "done": actions["done"],
                    "completion_rate": actions["completion_rate"],
                }
            )
    order = {store.label: i for i, store in enumerate(stores)}
    entries.sort(key=lambda e: (order[e["store"]], e["last"] or "", e["person"].casefold()))
    return entries


# -- the whole report --------------------------------------------------------------------------
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
    """
    wanted = normalize_name(person) if person else None
    if wanted is not None:
        stores = [
            StoreRows(
                s.label,
                [r for r in s.rows if normalize_name(str(r.get("person", ""))) == wanted],
                s.skipped,
            )
            for s in stores
        ]
    period_rows: list[dict] = []
    store_summaries = []
    for store in stores:
        chosen = [r for r in store.rows if in_period(day_of(r.get("started_at")), since, until)]
        period_rows.extend(chosen)
        summary = _summary(chosen, today)
        store_summaries.append({"store": store.label, **summary, "skipped_files": store.skipped})
    period_ids = {id(r) for r in period_rows}
    first = f"{since:%Y-%m}" if since else None
    last = f"{until:%Y-%m}" if until else None
    return {
        "kind": "coachcli-report",
        "version": REPORT_VERSION,
        "today": today.isoformat(),
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "program": program,
        "pseudonyms": label is not None,
        "one_person": wanted is not None,
        "neglect_days": NEGLECT_DAYS,
        "summary": _summary(period_rows, today),
        "stores": store_summaries,
        "people": _people(stores, period_ids, today, label),
        "months": by_month(period_rows, today, first=first, last=last),
        "actions": tally_actions(period_rows, today),
        "skills": tally_skills(period_rows),
    }
