"""Action items as an RFC 5545 calendar that re-imports as updates, not duplicates.

Each item is one component with a stable UID (from the item id), ``SEQUENCE`` (how many times
the item changed since it was created) and ``LAST-MODIFIED`` (when it last changed), so a
calendar that imports the file again updates the entry it already has. Every ``SUMMARY`` names
the person ("Priya: Send the plan"; "Me, for Priya: Book the room" for the supervisor's own).

- As to-dos (default): a ``VTODO`` per item, due on its due date; done and partly done items are
  ``COMPLETED`` (on the day the work happened), dropped ones ``CANCELLED``.
- As events (``as_events``): an all-day ``VEVENT`` on the due date of each item that has one,
  for calendars that ignore to-dos; dropped ones ``CANCELLED``, done ones marked "Done:".

Other components (e.g. a next meeting) can be added with ``calendar_bytes(..., extra=...)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from coachcli.core.clock import instant
from coachcli.core.sanitize import clean

if TYPE_CHECKING:
    from coachcli.core.model import ActionItem, Session

PRODID = "-//coachcli//coachcli export//EN"
UID_DOMAIN = "coachcli"
TODO_STATUS = {"open": "NEEDS-ACTION", "done": "COMPLETED", "partly": "COMPLETED"}


def _flat(text: str) -> str:
    return " ".join(clean(text).split())


def summary(action: ActionItem, person: str) -> str:
    """``Priya: Send the plan`` or ``Me, for Priya: Book the room``."""
    who = _flat(person)
    owner = f"Me, for {who}" if action.owner == "supervisor" else who
    return f"{owner}: {_flat(action.text)}"


def _utc(when: datetime) -> datetime:
    return instant(when).replace(microsecond=0)


def last_modified(action: ActionItem) -> datetime:
    return _utc(action.history[-1].at if action.history else action.created_at)


def sequence(action: ActionItem) -> int:
    """Changes since the item was created (each one a history entry after ``created``)."""
    return max(len(action.history) - 1, 0)


def description(action: ActionItem, session: Session) -> str:
    owner = "me" if action.owner == "supervisor" else _flat(session.person)
    text = (
        f"Next step from the {session.kind} conversation with {_flat(session.person)} on "
        f"{session.started_at:%Y-%m-%d} (session {session.id}). Owner: {owner}. "
        f"Item {action.id}."
    )
    if action.status == "partly":
        text += " Partly done; what was left is its own item."
    return text


def _common(component: Any, action: ActionItem, session: Session, stamp: datetime) -> None:
    component.add("dtstamp", stamp)
    component.add("created", _utc(action.created_at))
    component.add("last-modified", last_modified(action))
    component.add("sequence", sequence(action))
    component.add("description", description(action, session))


def item_todo(action: ActionItem, session: Session, stamp: datetime) -> Any:
    from icalendar import Todo

    todo = Todo()
    todo.add("uid", f"{action.id}@{UID_DOMAIN}")
    todo.add("summary", summary(action, session.person))
    _common(todo, action, session, stamp)
    if action.due:
        todo.add("due", action.due)
    todo.add("status", TODO_STATUS.get(action.status, "CANCELLED"))
    if action.status in ("done", "partly"):
        day = action.done_on or last_modified(action).date()
        todo.add("completed", _utc(datetime.combine(day, time(12), tzinfo=UTC)))
        todo.add("percent-complete", 100)
    return todo


def item_event(action: ActionItem, session: Session, stamp: datetime) -> Any | None:
    """An all-day event on the due date; None for an item without one."""
    from icalendar import Event

    if action.due is None:
        return None
    event = Event()
    event.add("uid", f"{action.id}-due@{UID_DOMAIN}")
    done = "Done: " if action.status in ("done", "partly") else ""
    event.add("summary", done + summary(action, session.person))
    _common(event, action, session, stamp)
    event.add("dtstart", action.due)
    event.add("dtend", action.due + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a reminder, not busy time
    event.add("status", "CANCELLED" if action.status == "dropped" else "CONFIRMED")
    return event


def item_components(
    sessions: Iterable[Session], stamp: datetime, *, as_events: bool = False
) -> list[Any]:
    """One component per action item, in due-date order (items without one last)."""
    pairs = [(action, session) for session in sessions for action in session.actions]
    pairs.sort(key=lambda pair: (pair[0].due is None, pair[0].due or date.max))
    found = [
        item_event(action, session, stamp) if as_events else item_todo(action, session, stamp)
        for action, session in pairs
    ]
    return [component for component in found if component is not None]


def calendar_bytes(
    sessions: list[Session],
    *,
    now: datetime | None = None,
    as_events: bool = False,
    extra: Iterable[Any] = (),
) -> bytes:
    """The calendar: the items as to-dos (or all-day events), then any ``extra`` components."""
    from icalendar import Calendar

    if now is None:
        from coachcli.core.clock import SystemClock

        now = SystemClock().now()
    stamp = _utc(now)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    for component in [*item_components(sessions, stamp, as_events=as_events), *extra]:
        calendar.add_component(component)
    return calendar.to_ical()
