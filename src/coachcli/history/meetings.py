"""The next meeting agreed with each person, as a calendar event beside their items.

One all-day ``VEVENT`` per person, for the next meeting agreed in their latest session (a meeting
agreed earlier has been held or replaced since). Its UID comes from that session, so importing the
file again updates the event. Nothing private goes in: the event names the person and the date.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from coachcli.core.clock import instant
from coachcli.core.people import person_key
from coachcli.core.sanitize import clean

if TYPE_CHECKING:
    from coachcli.core.model import Session

UID_DOMAIN = "coachcli"


def meeting_events(
    sessions: list[Session], *, now: datetime | None = None, shared: bool = False
) -> list[Any]:
    """One event per person; ``shared``: for the person's calendar, so without the supervisor's
    own reminder to run ``coach prep``."""
    from icalendar import Event

    if now is None:
        from coachcli.core.clock import SystemClock

        now = SystemClock().now()
    stamp = now.astimezone(UTC).replace(microsecond=0)
    latest: dict[str, Session] = {}
    for session in sessions:
        key = person_key(session.person)
        if key not in latest or instant(session.started_at) > instant(latest[key].started_at):
            latest[key] = session
    events = []
    for session in sorted(latest.values(), key=lambda s: instant(s.started_at)):
        if session.next_meeting is None:
            continue
        person = " ".join(clean(session.person).split())
        event = Event()
        event.add("uid", f"{session.id}-next-meeting@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("summary", f"{person}: next {session.kind} conversation")
        event.add("dtstart", session.next_meeting)
        event.add("dtend", session.next_meeting + timedelta(days=1))
        description = (
            f"Next meeting with {person}, agreed in the {session.kind} conversation on "
            f"{session.started_at:%Y-%m-%d} (session {session.id})."
        )
        if not shared:
            description += f' Before it: coach prep "{person}"'
        event.add("description", description)
        event.add("status", "CONFIRMED")
        events.append(event)
    return events
