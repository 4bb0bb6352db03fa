"""Which action items are open, overdue or due soon: pure functions over index rows.

Nothing here reads files or prints; ``coachcli.index.cache`` provides the rows and
``coachcli.followup.view`` shows the result. Standard library only (this runs on every
``coach followup``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from coachcli.core.errors import NotFoundError, UsageError
from coachcli.core.people import same_person
from coachcli.core.privacy import owner_label

if TYPE_CHECKING:
    from collections.abc import Sequence


SOON_DAYS = 7
MIN_PREFIX = 4
Bucket = Literal["overdue", "soon", "later", "closed"]
BUCKETS: tuple[Bucket, ...] = ("overdue", "soon", "later", "closed")


class Item:
    """One action item with the session it came from. (A plain class: defining a dataclass
    costs more than this whole module on the fast path.)"""

    __slots__ = (
        "action",
        "closed_at",
        "confidence",
        "created_at",
        "done_on",
        "due",
        "id",
        "learned",
        "owner",
        "person",
        "session_date",
        "session_id",
        "status",
    )

    def __init__(
        self,
        *,
        id: str,
        session_id: str,
        person: str,
        action: str,
        owner: str,  # "person" or "supervisor"
        due: date | None,
        status: str,  # open | done | partly | dropped
        confidence: int,
        learned: str,
        session_date: date,
        created_at: str | None = None,
        closed_at: str | None = None,
        done_on: date | None = None,
    ) -> None:
        self.id = id
        self.session_id = session_id
        self.person = person
        self.action = action
        self.owner = owner
        self.due = due
        self.status = status
        self.confidence = confidence
        self.learned = learned
        self.session_date = session_date
        self.created_at = created_at
        self.closed_at = closed_at
        self.done_on = done_on  # done/partly: the day the work happened

    def __repr__(self) -> str:
        return f"Item({self.id!r}, session {self.session_id!r}, {self.status})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Item):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    # __eq__ without __hash__: Python makes Item unhashable, as a changing item should be.

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def owner_label(self) -> str:
        """Who does it: the person's name, or "me" for the supervisor."""
        return owner_label(self.owner, self.person)

    def days_overdue(self, today: date) -> int:
        if self.is_open and self.due is not None and self.due < today:
            return (today - self.due).days
        return 0


class Summary:
    """Counts of open items: overdue, due within ``soon_days``, and all open."""

    __slots__ = ("open", "overdue", "soon", "soon_days")

    def __init__(self, overdue: int, soon: int, open: int, soon_days: int = SOON_DAYS) -> None:
        self.overdue = overdue
        self.soon = soon
        self.open = open
        self.soon_days = soon_days

    def line(self) -> str:
        """``2 overdue, 3 due within 7 days, 10 open`` (for cron and shell prompts)."""
        days = "day" if self.soon_days == 1 else "days"
        return (
            f"{self.overdue} overdue, {self.soon} due within {self.soon_days} {days}, "
            f"{self.open} open"
        )


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


# One object per distinct name, status, day... (200,000 items, few values): value -> itself,
# ("day", text) -> its date.
_shared: dict[Any, Any] = {}
_V = TypeVar("_V")


def _one(value: _V) -> _V:
    found = _shared.get(value)
    if found is None:
        if len(_shared) > 50_000:
            _shared.clear()
        found = _shared[value] = value
    return found


def _day_of(text: str | None) -> date | None:
    if not text:
        return None
    found = _shared.get(("day", text))
    if found is None:
        found = _shared[("day", text)] = _date(text)
    return found


def items_from_row(row: Mapping[str, Any]) -> list[Item]:
    """The action items of one index row."""
    session_date = _day_of(row["started_at"]) or date.min
    person = _one(row["person"])
    started = row["started_at"]
    return [
        Item(
            id=action["id"],
            session_id=row["id"],
            person=person,
            action=action["text"],
            owner=_one(action["owner"]),
            due=_day_of(action["due"]),
            status=_one(action["status"]),
            confidence=action["confidence"],
            learned=_one(action["learned"]) if not action["learned"] else action["learned"],
            session_date=session_date,
            created_at=started if action["created_at"] == started else action["created_at"],
            closed_at=action["closed_at"],
            done_on=_day_of(action.get("done_on")),
        )
        for action in row["actions"]
    ]


def items_from_rows(rows: Sequence[Mapping[str, Any]]) -> list[Item]:
    """Every action item of ``rows`` (index rows, oldest session first)."""
    items = []
    for row in rows:
        items += items_from_row(row)
    return items


def bucket(item: Item, today: date, soon_days: int = SOON_DAYS) -> Bucket:
    if not item.is_open:
        return "closed"
    if item.due is None:
        return "later"
    if item.due < today:
        return "overdue"
    if (item.due - today).days <= soon_days:
        return "soon"
    return "later"


def select(
    items: list[Item],
    today: date,
    *,
    person: str | None = None,
    overdue_only: bool = False,
    due_within: int | None = None,
    include_closed: bool = False,
) -> list[Item]:
    """The items a listing shows. ``due_within`` keeps items due by ``today + due_within``
    (overdue ones included); closed items only with ``include_closed``."""
    chosen = []
    for item in items:
        if person is not None and not same_person(item.person, person):
            continue
        if not item.is_open and not include_closed:
            continue
        if overdue_only and not item.days_overdue(today):
            continue
        if due_within is not None and (
            not item.is_open or item.due is None or (item.due - today).days > due_within
        ):
            continue
        chosen.append(item)
    return chosen


def _sort_key(kind: Bucket, item: Item, today: date) -> tuple:
    if kind == "overdue":
        return (-item.days_overdue(today), item.session_date, item.id)
    if kind == "closed":
        return (item.closed_at or "", item.id)
    return (item.due or date.max, item.session_date, item.id)


def arrange(
    items: list[Item], today: date, soon_days: int = SOON_DAYS
) -> list[tuple[Bucket, list[tuple[str, list[Item]]]]]:
    """Sections in order overdue, due soon, later, closed; in each, items grouped by person.

    People appear in the order of their most urgent item; items keep the section's order
    (most days late first, then earliest due date; closed ones most recently closed last).
    """
    by_bucket: dict[Bucket, list[Item]] = {kind: [] for kind in BUCKETS}
    for item in items:
        by_bucket[bucket(item, today, soon_days)].append(item)
    sections = []
    for kind in BUCKETS:
        chosen = sorted(by_bucket[kind], key=partial(_sort_key, kind, today=today))
        if not chosen:
            continue
        groups: dict[str, list[Item]] = {}
        for item in chosen:
            groups.setdefault(item.person, []).append(item)
        sections.append((kind, list(groups.items())))
    return sections


def in_order(items: list[Item], today: date, soon_days: int = SOON_DAYS) -> list[Item]:
    """The items in the order a listing shows them (the order of the interactive review)."""
    return [
        item
        for _, groups in arrange(items, today, soon_days)
        for _, group in groups
        for item in group
    ]


def summarize(items: list[Item], today: date, soon_days: int = SOON_DAYS) -> Summary:
    overdue = soon = total = 0
    for item in items:
        if not item.is_open:
            continue
        total += 1
        kind = bucket(item, today, soon_days)
        overdue += kind == "overdue"
        soon += kind == "soon"
    return Summary(overdue=overdue, soon=soon, open=total, soon_days=soon_days)


def find(items: list[Item], prefix: str) -> Item:
    """The one item whose id starts with ``prefix`` (at least 4 characters)."""
    wanted = prefix.strip().lower()
    if len(wanted) < MIN_PREFIX:
        raise UsageError(
            f"an item id needs at least {MIN_PREFIX} characters",
            hint="`coach followup --all` lists every item with its id",
        )
    matches = [item for item in items if item.id.startswith(wanted)]
    if not matches:
        raise NotFoundError(
            "no action item with that id", hint="`coach followup --all` lists every item"
        )
    if len({item.id for item in matches}) > 1:
        ids = ", ".join(sorted({item.id for item in matches})[:5])
        raise UsageError(f"the id prefix matches several items ({ids}); give more characters")
    return matches[0]


def as_json(item: Item, today: date) -> dict:
    """The ``--json`` object for one item."""
    days = item.days_overdue(today)
    return {
        "id": item.id,
        "session_id": item.session_id,
        "person": item.person,
        "action": item.action,
        "owner": item.owner,
        "due": item.due.isoformat() if item.due else None,
        "status": item.status,
        "overdue": days > 0,
        "days_overdue": days,
        "session_date": item.session_date.isoformat(),
        "confidence": item.confidence,
        "learned": item.learned,
        "done_on": item.done_on.isoformat() if item.done_on else None,
    }
