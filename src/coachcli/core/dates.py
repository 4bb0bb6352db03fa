"""Due dates as people type them: ``friday``, ``in 2 weeks``, ``26 nov``, ``2026-12-01`` (stdlib).

``parse_date(text, today)`` understands the forms in ``DATE_FORMS_HELP`` and nothing else: an
ambiguous or unknown form is refused with a message that says what was understood, never
guessed. Whether a past date is acceptable is the caller's decision; this only parses.

Week rules (weeks run Monday to Sunday):

- ``friday`` / ``fri``: the next Friday strictly after today (on a Friday, a week ahead).
- ``this friday``: the Friday of the current week, today included; an error once it has passed.
- ``next friday``: the Friday of next week (the week after the current one), so on a Tuesday
  it is 10 days ahead, not 3. Say ``friday`` for the nearest one.
- ``next week``: Monday of next week. ``end of week`` / ``eow``: the next Friday on or after
  today (today on a Friday; on a weekend, the coming Friday).
- ``in 1 month``: the same day next month, clamped to the month's end (31 Jan → 28/29 Feb).
- ``26 nov`` / ``nov 26`` without a year: the next such date on or after today.

A leading ``by``, ``on`` or ``due`` is ignored ("by friday"); also understood: ``eod`` (today),
``in a fortnight``, ``in 2 weeks' time``, ``3 days from now``.
"""

from __future__ import annotations

from datetime import date, timedelta

from coachcli.core.errors import UsageError

DATE_FORMS_HELP = (
    "accepted: 2026-12-01, today, tomorrow, friday or fri (the next one), this friday, "
    "next friday (in next week), in 3 days / 2 weeks / a month, end of week (eow), "
    "end of month (eom), next week (its Monday), 26 nov, nov 26, 26 november 2026"
)
SHOWN_CHARS = 40  # at most this much of what was typed appears in a message

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_WEEKDAY = {name.lower(): i for i, name in enumerate(WEEKDAYS)}
_WEEKDAY.update({name[:3].lower(): i for i, name in enumerate(WEEKDAYS)})
_WEEKDAY.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
_MONTH = {name.lower(): i + 1 for i, name in enumerate(MONTHS)}
_MONTH.update({name[:3].lower(): i + 1 for i, name in enumerate(MONTHS)})
_MONTH["sept"] = 9
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_UNITS = {"day": "days", "days": "days", "week": "weeks", "weeks": "weeks"}
_UNITS.update({"month": "months", "months": "months", "fortnight": "fortnights"})
_UNITS["fortnights"] = "fortnights"
_MAX_AMOUNT = 1200  # "in 1200 months" is a hundred years: anything beyond is a typo
_FILLER = ("by", "on", "due")


class DateError(UsageError):
    """A date that cannot be read, or does not exist. Exit status 2."""


def _shown(text: str) -> str:
    from coachcli.core.sanitize import one_line

    return repr(one_line(text, SHOWN_CHARS))


def _fail(detail: str) -> DateError:
    return DateError(f"{detail} ({DATE_FORMS_HELP})")


def _month_days(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _exact(year: int, month: int, day: int) -> date:
    """``date(year, month, day)`` or a DateError that says why it does not exist."""
    if not 1 <= month <= 12:
        raise _fail(f"month {month} does not exist; months run 1 to 12")
    if not 1 <= year <= 9999:
        raise _fail(f"year {year} is out of range")
    last = _month_days(year, month)
    if not 1 <= day <= last:
        why = f"{MONTHS[month - 1]} {year} has {last} days"
        if month == 2 and day == 29:
            why = f"{year} is not a leap year"
        raise _fail(f"{day} {MONTHS[month - 1]} {year} does not exist: {why}")
    return date(year, month, day)


def add_months(d: date, months: int) -> date:
    """The same day ``months`` calendar months later, clamped to the end of that month."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise _fail("that is too far ahead")
    return date(year, month + 1, min(d.day, _month_days(year, month + 1)))


def _is_numeric_date(text: str) -> bool:
    """``12/01``, ``1.12.2026``, ``12-01``: numbers whose day/month order cannot be known."""
    parts = text.replace("/", " ").replace(".", " ").replace("-", " ").split()
    return len(parts) in (2, 3) and all(p.isdigit() for p in parts) and not text.isdigit()


def _iso(text: str) -> date | None:
    parts = text.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return None
    if not (1 <= len(parts[1]) <= 2 and 1 <= len(parts[2]) <= 2):
        return None
    return _exact(int(parts[0]), int(parts[1]), int(parts[2]))


def _amount(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def _relative(words: list[str], today: date, typed: str) -> date:
    """``in 3 days``, ``in a week``, ``2 months``."""
    if len(words) != 2:
        raise _fail(f"could not read {typed} as a date; for a span say e.g. 'in 3 days'")
    amount, unit = _amount(words[0]), _UNITS.get(words[1])
    if amount is None:
        raise _fail(f"could not read {_shown(words[0])} as a number of days, weeks or months")
    if unit is None:
        raise _fail(f"understood {amount}, but {_shown(words[1])} is not days, weeks or months")
    if amount > _MAX_AMOUNT:
        raise _fail(f"{amount} {unit} is too far ahead")
    if unit == "months":
        return add_months(today, amount)
    return today + timedelta(days=amount * {"days": 1, "weeks": 7, "fortnights": 14}[unit])


def _day(word: str) -> int | None:
    for suffix in ("st", "nd", "rd", "th"):
        word = word.removesuffix(suffix)
    return int(word) if word.isdigit() and len(word) <= 2 else None


def _day_month(words: list[str], today: date) -> date | None:
    """``26 nov``, ``nov 26``, ``26th of november 2026``; None when it is not that shape."""
    words = [w for w in words if w not in ("the", "of")]
    year = None
    if len(words) == 3 and words[2].isdigit() and len(words[2]) == 4:
        year = int(words.pop())
    if len(words) != 2:
        return None
    if words[1] in _MONTH:
        words.reverse()
    day = _day(words[1])
    if words[0] not in _MONTH or day is None:
        return None
    month = _MONTH[words[0]]
    if year is not None:
        return _exact(year, month, day)
    if not 1 <= day <= (29 if month == 2 else _month_days(2001, month)):
        raise _fail(f"{day} {MONTHS[month - 1]} does not exist in any year")
    for candidate in range(today.year, min(today.year + 9, 10000)):
        if day <= _month_days(candidate, month) and date(candidate, month, day) >= today:
            return date(candidate, month, day)
    raise _fail("that date is too far ahead")  # only if today is near year 9999


def _weekday(words: list[str], today: date, typed: str) -> date | None:
    """``friday``, ``this friday``, ``next friday``; None when it is not that shape."""
    if len(words) == 1 and words[0] in _WEEKDAY:
        ahead = (_WEEKDAY[words[0]] - today.weekday() - 1) % 7 + 1
        return today + timedelta(days=ahead)
    if len(words) != 2 or words[0] not in ("this", "next") or words[1] not in _WEEKDAY:
        return None
    wanted = _WEEKDAY[words[1]]
    monday = today - timedelta(days=today.weekday())
    if words[0] == "next":
        return monday + timedelta(days=7 + wanted)
    if wanted < today.weekday():
        raise _fail(
            f"understood {typed} as this week's {WEEKDAYS[wanted]}, which has passed "
            f"(today is {WEEKDAYS[today.weekday()]}); say 'next {words[1]}' or '{words[1]}'"
        )
    return monday + timedelta(days=wanted)


def parse_date(text: str, today: date) -> date:
    """The date ``text`` names, counted from ``today``; a DateError when it names none."""
    try:
        return _parse(text, today)
    except (OverflowError, ValueError):  # date arithmetic past year 9999
        raise _fail("that date is out of range (after year 9999)") from None


def _parse(text: str, today: date) -> date:
    typed = _shown(text or "")
    flat = " ".join((text or "").lower().replace(",", " ").split())
    words = [w.rstrip(".!?;:") for w in flat.split() if w.rstrip(".!?;:")]
    while words and words[0] in _FILLER:
        words = words[1:]
    phrase = " ".join(words)
    if not phrase:
        raise _fail("no date given")
    if phrase in ("today", "end of day", "end of today", "eod"):
        return today
    if phrase == "tomorrow":
        return today + timedelta(days=1)
    if phrase in ("end of week", "end of the week", "eow"):
        return today + timedelta(days=(4 - today.weekday()) % 7)
    if phrase in ("end of month", "end of the month", "eom"):
        return today.replace(day=_month_days(today.year, today.month))
    if phrase == "next week":
        return today + timedelta(days=7 - today.weekday())
    found = _iso(phrase)
    if found is not None:
        return found
    if _is_numeric_date(phrase):
        raise _fail(
            f"{typed} is a date in numbers, where day and month could be either way round; "
            "write 2026-12-01 (year-month-day) or 1 dec"
        )
    found = _weekday(words, today, typed) or _day_month(words, today)
    if found is not None:
        return found
    if words in (["next", "month"], ["next", "year"], ["this", "week"], ["this", "month"]):
        raise _fail(f"{typed} could mean more than one day; say e.g. 'in 1 month' or '1 dec'")
    span = words[1:] if words[0] == "in" else words
    for tail in (["time"], ["from", "now"], ["from", "today"]):  # "in 2 weeks' time"
        if len(span) > len(tail) and span[-len(tail) :] == tail:
            span = [w.removesuffix("'") for w in span[: -len(tail)]]
    if words[0] == "in" or (len(span) == 2 and span[1] in _UNITS and _amount(span[0])):
        return _relative(span, today, typed)
    raise _fail(f"could not read {typed} as a date")


def describe_date(d: date, today: date) -> str:
    """``Friday 27 November 2026 (in 3 days)``; also (today), (tomorrow), (2 days ago)."""
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
    return f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year} ({when})"
