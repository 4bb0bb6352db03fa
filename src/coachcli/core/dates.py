"""Dates as people type them, one grammar for every command (stdlib only).

The forms and the one rule for past and future are in ``coachcli.core.dategrammar``; this module
is what commands call:

- ``parse_due(text, today)``: a due date. Reads forward (``friday`` is the coming one, ``1 dec``
  the next 1 December) and refuses a date before today.
- ``parse_past(text, today)``: the day something was done (``--on``). Reads backward
  (``tuesday`` is the last one, ``1 dec`` the most recent) and refuses a date after today.
- ``parse_bound(text, today, option)``: ``--since``/``--until``, like ``git log --since``:
  reads backward, accepts ``yesterday``, ``last month``, ``2 weeks ago``; ``--since`` after
  today is refused (nothing can match yet).
- ``parse_date(text, today, toward=...)``: the bare reading, no rule about past or future.
- ``describe_date(d, today)``: ``Friday 2026-12-04 (in 3 days)``, the echo every entry point
  prints once it has understood a date.

Every refusal is a ``DateError`` (exit 2): one short line saying what was understood, and a
hint with examples in the direction asked for. Nothing is guessed: day and month in numbers
(``12/01``, ``15/12``) are refused, since their order depends on the writer.
"""

from __future__ import annotations

from datetime import date, timedelta

from coachcli.core.dategrammar import read
from coachcli.core.datewords import (
    MONTHS,
    SHOWN_CHARS,
    WEEKDAYS,
    Toward,
    Unreadable,
    add_months,
    quoted,
)
from coachcli.core.errors import UsageError

__all__ = [
    "MONTHS",
    "SHOWN_CHARS",
    "WEEKDAYS",
    "DateError",
    "add_months",
    "day_month",
    "describe_date",
    "future_examples",
    "parse_bound",
    "parse_date",
    "parse_due",
    "parse_past",
    "past_examples",
    "prompt_problem",
    "shifted",
]


def day_month(day: date) -> str:
    """``15 dec``: the short day-and-month form the date reader takes."""
    return f"{day.day} {MONTHS[day.month - 1][:3].lower()}"


def shifted(today: date, days: int) -> date:
    """``today`` moved by ``days``, kept inside the calendar (examples near its ends)."""
    try:
        return today + timedelta(days=days)
    except OverflowError:
        return today


def future_examples(today: date) -> str:
    """Examples of a date ahead, the dated ones counted from ``today`` (a fixed "15 dec" is
    in the past for half the year)."""
    later = shifted(today, 13)
    return (
        f"e.g. friday, next friday, in 2 weeks, {day_month(later)}, end of month, "
        f"{later.isoformat()} (all forms: coach help dates)"
    )


def past_examples(today: date) -> str:
    """Examples of a day that has happened, the dated ones counted from ``today``."""
    earlier = shifted(today, -10)
    return (
        f"e.g. yesterday, tuesday, last friday, 2 weeks ago, last month, {day_month(earlier)}, "
        f"{earlier.isoformat()} (all forms: coach help dates)"
    )


class DateError(UsageError):
    """A date that cannot be read, does not exist, or is on the wrong side of today. Exit 2."""


def _examples(toward: Toward, today: date) -> str:
    return future_examples(today) if toward == "future" else past_examples(today)


def parse_date(text: str, today: date, *, toward: Toward = "future") -> date:
    """The date ``text`` names, counted from ``today``, forms without a direction read
    ``toward`` the future or the past; a DateError when it names none."""
    try:
        return read(text or "", today, toward)
    except Unreadable as exc:
        raise DateError(exc.detail, hint=_examples(toward, today)) from None


def parse_due(text: str, today: date) -> date:
    """A due date: today or later."""
    due = parse_date(text, today)
    if due < today:
        raise DateError(
            f"{quoted(text)} is {describe_date(due, today)}, in the past; "
            "a due date is today or later",
            hint=future_examples(today),
        )
    return due


def parse_past(text: str, today: date, *, what: str = "the day it was done") -> date:
    """A day that has happened: today or earlier."""
    day = parse_date(text, today, toward="past")
    if day > today:
        raise DateError(
            f"{quoted(text)} is {describe_date(day, today)}, in the future; "
            f"{what} is today or earlier",
            hint=past_examples(today),
        )
    return day


def parse_bound(text: str, today: date, option: str = "--since") -> date:
    """A ``--since``/``--until`` day, read backward; ``--since`` after today is refused."""
    day = parse_date(text, today, toward="past")
    if option == "--since" and day > today:
        raise DateError(
            f"{option} {quoted(text)} is after today ({describe_date(day, today)}): "
            "nothing can match yet",
            hint=past_examples(today),
        )
    return day


def prompt_problem(exc: UsageError) -> str:
    """A DateError as a prompt's validator shows it: the message alone (the prompt itself
    gives examples, and a terminal line has no room for more)."""
    return exc.message


def describe_date(d: date, today: date) -> str:
    """``Friday 2026-11-27 (in 3 days)``; also (today), (tomorrow), (2 days ago)."""
    days = (d - today).days
    if days == 0:
        when = "today"
    elif days == 1:
        when = "tomorrow"
    elif days == -1:
        when = "yesterday"
    elif days > 1:
        when = f"in {days} days"
    else:
        when = f"{-days} days ago"
    return f"{WEEKDAYS[d.weekday()]} {d.isoformat()} ({when})"
