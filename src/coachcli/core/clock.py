"""Time as a dependency: the engine and follow-up logic take a clock, tests pass a fixed one.

``COACH_TODAY=YYYY-MM-DD`` fixes today's date for every command that uses ``SystemClock`` (a
setting for demos, tests and replaying weeks of follow-up): the date is the one given, the time
of day stays the real one. Unset or empty, the clock is the system's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol

TODAY_VARIABLE = "COACH_TODAY"


def instant(moment: datetime) -> datetime:
    """``moment`` in UTC, so that any two times can be compared or sorted: coach writes times
    with their UTC offset, but a file edited by hand may hold one without, which Python will not
    compare with the others (it is taken as local time, as ``datetime.astimezone`` takes it).
    A time at the very edge of the calendar (year 1 or 9999) whose UTC would fall outside it
    comes first or last."""
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError, OSError):
        edge = datetime.min if moment.year < 5000 else datetime.max
        return edge.replace(tzinfo=UTC)


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware datetime in local time."""
        ...

    def today(self) -> date: ...


def fixed_today() -> date | None:
    """The date ``COACH_TODAY`` sets, None when unset; a UsageError when it is not a date."""
    raw = os.environ.get(TODAY_VARIABLE, "").strip()
    if not raw:
        return None
    try:
        if len(raw) != 10:
            raise ValueError
        return date.fromisoformat(raw)
    except ValueError:
        from coachcli.core.errors import UsageError

        raise UsageError(
            f"{TODAY_VARIABLE} must be a date as YYYY-MM-DD, e.g. 2026-12-01",
            hint=f"unset {TODAY_VARIABLE} to use the real date",
        ) from None


class SystemClock:
    """The real clock, or the real time of day on the date ``COACH_TODAY`` names."""

    def now(self) -> datetime:
        real = datetime.now().replace(microsecond=0)
        day = fixed_today()
        if day is not None:  # that date at the real time of day, in that date's local offset
            real = datetime.combine(day, real.time())
        return real.astimezone()

    def today(self) -> date:
        return self.now().date()


@dataclass
class FixedClock:
    """A clock for tests and scripts: always ``at`` (advance it by assigning)."""

    at: datetime

    def now(self) -> datetime:
        return self.at

    def today(self) -> date:
        return self.at.date()
