"""Which action items are open, overdue or due soon: pure functions over index rows.

Nothing here reads files or prints; ``coachcli.index.cache`` provides the rows and
``coachcli.followup.view`` shows the result. Standard library only (this runs on every
``coach followup``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Literal, cast

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

    def __init__(  # positional too: items_from_row makes 200,000 (a third of the kwargs cost)
        self,
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


class _Memo(dict):
    """``make(key)`` for each distinct key, made once and kept (emptied past ``LIMIT``): 200,000
    items share a few names and a few thousand days."""

    LIMIT = 50_000

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        if len(self) > self.LIMIT:
            self.clear()
        made = self[key] = self.make(key)
        return made


_names = _Memo(lambda name: name)  # one object per spelling
_days = _Memo(_date)  # day text -> date (None when it is not one)
_isos = _Memo(date.isoformat)  # date -> its text


def items_from_row(row: Mapping[str, Any]) -> list[Item]:
    """The action items of one index row (200,000 of them for a big listing: names and days
    come from memos, looked up inline)."""
    days = _days
    started = row["started_at"]
    session_date = days[started] or date.min
    person = _names[row["person"]]
    session_id = row["id"]
    items = []
    for action in row["actions"]:
        due = action["due"]
        done_on = action.get("done_on")
        created_at = action["created_at"]
        items.append(
            Item(  # in __init__'s order
                action["id"],
                session_id,
                person,
                action["text"],
                action["owner"],
                days[due] if due else None,
                action["status"],
                action["confidence"],
                action["learned"],
                session_date,
                started if created_at == started else created_at,
                action["closed_at"],
                days[done_on] if done_on else None,
            )
        )
    return items


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


def _soon_limit(today: date, soon_days: int) -> date:
    """The last day that counts as due soon (``bucket``: ``(due - today).days <= soon_days``)."""
    try:
        return today + timedelta(days=soon_days)
    except OverflowError:
        return date.max if soon_days > 0 else date.min


def arrange(
    items: list[Item], today: date, soon_days: int = SOON_DAYS
) -> list[tuple[Bucket, list[tuple[str, list[Item]]]]]:
    """Sections in order overdue, due soon, later, closed; in each, items grouped by person.

    People appear in the order of their most urgent item; items keep the section's order
    (most days late first, then earliest due date; closed ones most recently closed last).
    Each section is one sort on the items' own fields (200,000 items: no key function).
    """
    overdue: list[Item] = []
    soon: list[Item] = []
    dated: list[Item] = []  # later, with a due date
    undated: list[Item] = []  # later, no due date (or the last day there is): after the dated
    closed: list[Item] = []
    limit = _soon_limit(today, soon_days)
    for item in items:  # as ``bucket``, inlined
        due = item.due
        if item.status != "open":
            closed.append(item)
        elif due is None:
            undated.append(item)
        elif due < today:
            overdue.append(item)
        elif due <= limit:
            soon.append(item)
        elif due == date.max:
            undated.append(item)
        else:
            dated.append(item)
    # Most days late first is the earliest due date first.
    by_due = attrgetter("due", "session_date", "id")
    overdue.sort(key=by_due)
    soon.sort(key=by_due)
    dated.sort(key=by_due)
    undated.sort(key=attrgetter("session_date", "id"))
    closed.sort(key=lambda item: (item.closed_at or "", item.id))
    sections = []
    for kind, chosen in (
        ("overdue", overdue),
        ("soon", soon),
        ("later", dated + undated),
        ("closed", closed),
    ):
        if not chosen:
            continue
        groups: dict[str, list[Item]] = {}
        for item in chosen:
            groups.setdefault(item.person, []).append(item)
        sections.append((cast(Bucket, kind), list(groups.items())))
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
    due = item.due
    days = (today - due).days if item.status == "open" and due is not None and due < today else 0
    isos = _isos
    return {
        "id": item.id,
        "session_id": item.session_id,
        "person": item.person,
        "action": item.action,
        "owner": item.owner,
        "due": isos[due] if due else None,
        "status": item.status,
        "overdue": days > 0,
        "days_overdue": days,
        "session_date": isos[item.session_date],
        "confidence": item.confidence,
        "learned": item.learned,
        "done_on": isos[item.done_on] if item.done_on else None,
    }
