"""The words and calendar arithmetic under ``core.dategrammar`` (stdlib only): weekday and month
names, number words, units, the error a grammar rule raises, and days that do or do not exist."""

from __future__ import annotations

from datetime import date
from typing import Literal

Toward = Literal["future", "past"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAY = {name.lower(): i for i, name in enumerate(WEEKDAYS)}
WEEKDAY.update({name[:3].lower(): i for i, name in enumerate(WEEKDAYS)})
WEEKDAY.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
MONTH = {name.lower(): i + 1 for i, name in enumerate(MONTHS)}
MONTH.update({name[:3].lower(): i + 1 for i, name in enumerate(MONTHS)})
MONTH["sept"] = 9
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
UNITS = {"day": "days", "week": "weeks", "fortnight": "fortnights", "month": "months"}
UNITS.update({"year": "years", "quarter": "quarters"})
UNITS.update({plural: plural for plural in list(UNITS.values())})
MAX_AMOUNT = 1200  # "in 1200 months" is a hundred years: anything beyond is a typo
FILLER = ("by", "on", "due", "since", "until", "till", "from")
PERIODS = ("week", "month", "quarter", "year")
ABBREVIATIONS = {
    "eod": "today",
    "eow": "end of week",
    "eom": "end of month",
    "eoq": "end of quarter",
    "eoy": "end of year",
    "fortnight": "in a fortnight",
}


SHOWN_CHARS = 40  # at most this much of what was typed appears in a message


class Unreadable(ValueError):
    """Why the words are not a date: ``detail`` is one short clause."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def quoted(text: str) -> str:
    """What was typed, as a message may show it: printable, one line, at most SHOWN_CHARS."""
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    if len(flat) > SHOWN_CHARS:
        flat = flat[: SHOWN_CHARS - 1] + "…"
    return repr(flat)


def month_days(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def exact(year: int, month: int, day: int) -> date:
    """``date(year, month, day)`` or an Unreadable that says why it does not exist."""
    if not 1 <= month <= 12:
        raise Unreadable(f"month {month} does not exist; months run 1 to 12")
    if not 1 <= year <= 9999:
        raise Unreadable(f"year {year} is out of range")
    last = month_days(year, month)
    if not 1 <= day <= last:
        why = f"{MONTHS[month - 1]} {year} has {last} days"
        if month == 2 and day == 29:
            why = f"{year} is not a leap year"
        raise Unreadable(f"{day} {MONTHS[month - 1]} {year} does not exist: {why}")
    return date(year, month, day)


def add_months(d: date, months: int) -> date:
    """The same day ``months`` calendar months later, clamped to the end of that month."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise Unreadable("that is too far from today")
    return date(year, month + 1, min(d.day, month_days(year, month + 1)))
