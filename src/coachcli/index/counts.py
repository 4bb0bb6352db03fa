"""The figures of one conversation and their sums: a vector of counts per session.

``tally_row`` counts one conversation once, apart from the only figure that depends on the day
(overdue), so the index can keep the result and a report only adds vectors up.
Pure: rows in, numbers out; no text is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, NamedTuple

from coachcli.core.people import person_key

SKILLS = ("listened", "what_how", "balanced", "next_step", "all_four")
AGENDA = ("yes", "partly", "no")


def day_of(value: object) -> date | None:
    """The calendar date of an ISO date or datetime string (as recorded, in its own offset)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def iso_day(value: object) -> str | None:
    """``YYYY-MM-DD`` of an ISO date or datetime string, as text (ISO dates sort as text), or
    None when the value does not look like one."""
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10]
    return None


ACTION_COUNTS = (
    *("created", "done", "partly", "dropped", "open", "on_time", "done_without_due"),
    *("overdue", "owner_person", "owner_supervisor"),
)
# checkins: conversations with a 1–10 check-in; checkin_points: the sum of those scales.
CHECKIN_COUNTS = ("checkins", "checkin_points")
FIELDS = (
    "conversations",
    *ACTION_COUNTS,
    *SKILLS,
    *(f"agenda_{a}" for a in AGENDA),
    *CHECKIN_COUNTS,
)
AT = {name: i for i, name in enumerate(FIELDS)}
_STATUS = {"done": AT["done"], "partly": AT["partly"], "dropped": AT["dropped"]}


def _n(value: object) -> int:
    return value if type(value) is int else 0


_CONVERSATIONS, _CREATED, _DONE, _OPEN = 0, AT["created"], AT["done"], AT["open"]
_ON_TIME, _NO_DUE, _OVERDUE = AT["on_time"], AT["done_without_due"], AT["overdue"]
_BY_PERSON, _BY_SUPERVISOR = AT["owner_person"], AT["owner_supervisor"]
_LISTENED, _WHAT_HOW, _BALANCED, _NEXT_STEP, _ALL_FOUR = (AT[name] for name in SKILLS)
_AGENDA_AT = {answer: AT[f"agenda_{answer}"] for answer in AGENDA}
_CHECKINS, _CHECKIN_POINTS = AT["checkins"], AT["checkin_points"]


def row_counts(row: Mapping[str, Any], today: str) -> list[int]:
    """One conversation as a vector over ``FIELDS``; ``today`` is ``YYYY-MM-DD``."""
    return count_into([0] * len(FIELDS), row, today)


def skill_flags(row: Mapping[str, Any]) -> dict[str, bool]:
    """Which coaching skills one conversation shows: listened (facts, feelings and values each
    captured), what/how (a question begins with What or How), balanced (a restatement and a
    challenged assumption), next step (an action item), and all four."""
    counts = row_counts(row, "")
    return {name: bool(counts[AT[name]]) for name in SKILLS}


# A conversation as the report needs it: person, started_at (as recorded), the counts that do
# not depend on the day, and the due days of its open items (overdue is counted from them).
class Counted(NamedTuple):
    person: str
    started_at: object  # as recorded (ISO text)
    counts: list[int]  # over FIELDS, overdue left at 0
    dues: list[str]  # YYYY-MM-DD of each open item with a due date


def tally_row(row: Mapping[str, Any]) -> tuple[list[int], list[str]]:
    """One conversation's counts over ``FIELDS`` with ``overdue`` left at 0, and the due days
    (``YYYY-MM-DD``) of its open items, from which ``overdue`` is counted for any day."""
    v = [0] * len(FIELDS)
    dues: list[str] = []
    v[_CONVERSATIONS] = 1
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
            # On time by the day the work happened (``followup done --on``, recorded as
            # ``done_on``), else by the day it was marked done.
            closed = iso_day(item.get("done_on")) or iso_day(item.get("closed_at"))
            if due is None:
                v[_NO_DUE] += 1
            elif closed is not None and closed <= due:
                v[_ON_TIME] += 1
        elif status in _STATUS:
            v[_STATUS[status]] += 1
        else:
            v[_OPEN] += 1
            if due is not None:
                dues.append(due)
        v[_BY_SUPERVISOR if item.get("owner") == "supervisor" else _BY_PERSON] += 1
    v[_CREATED] = created
    get = row.get
    listened = _n(get("facts")) > 0 and _n(get("feelings")) > 0 and _n(get("values")) > 0
    what_how = _n(get("what_how_questions")) > 0
    balanced = bool(get("restatement")) and _n(get("assumptions")) > 0
    if listened:
        v[_LISTENED] = 1
    if what_how:
        v[_WHAT_HOW] = 1
    if balanced:
        v[_BALANCED] = 1
    if created:
        v[_NEXT_STEP] = 1
        if listened and what_how and balanced:
            v[_ALL_FOUR] = 1
    took_over = get("after_check")
    if took_over in _AGENDA_AT:
        v[_AGENDA_AT[took_over]] = 1
    scale = get("checkin_scale")
    if type(scale) is int and 1 <= scale <= 10:
        v[_CHECKINS], v[_CHECKIN_POINTS] = 1, scale
    return v, dues


def counted(row: Mapping[str, Any]) -> Counted:
    counts, dues = tally_row(row)
    return Counted(str(row.get("person", "")), row.get("started_at"), counts, dues)


def add_counted(v: list[int], counts: list[int], dues: list[str], today: str) -> list[int]:
    """Add one conversation's counts to ``v``, counting its open items due before ``today``."""
    add(v, counts)
    for due in dues:
        if due < today:
            v[_OVERDUE] += 1
    return v


def by_person_month(conversations: Iterable[Counted]) -> list[Counted]:
    """The same conversations summed per (person, month).

    Each cell carries the name and ``started_at`` of its latest conversation (the spelling a
    report shows), the summed counts and every open item's due day. Fed to ``build_report`` in
    place of the conversations, the cells give the same figures for any period made of whole
    months: a few hundred vectors to add instead of one per session.
    """
    cells: dict[tuple[str, str], list] = {}
    for name, started_at, counts, dues in conversations:
        started = iso_day(started_at)
        if started is None:
            continue
        key = (person_key(name), started[:7])
        cell = cells.get(key)
        if cell is None:
            cells[key] = [name, started_at, list(counts), list(dues)]
            continue
        if started >= cell[1][:10]:
            cell[0], cell[1] = name, started_at
        add(cell[2], counts)
        cell[3] += dues
    return [
        Counted(name, started_at, counts, dues) for name, started_at, counts, dues in cells.values()
    ]


def count_into(v: list[int], row: Mapping[str, Any], today: str) -> list[int]:
    """Add one conversation to the vector ``v``; ``today`` is ``YYYY-MM-DD``."""
    counts, dues = tally_row(row)
    return add_counted(v, counts, dues, today)


def add(total: list[int], counts: list[int]) -> list[int]:
    for i, n in enumerate(counts):
        if n:
            total[i] += n
    return total
