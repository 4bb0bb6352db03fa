"""The words of a date, read into a ``date`` (stdlib only). ``coachcli.core.dates`` is the API.

One rule for the past and the future. A form that names its own direction means what it says:
``tomorrow``, ``in 2 weeks``, ``next friday``, ``end of next month`` lie ahead; ``yesterday``,
``3 days ago``, ``last friday``, ``start of last month`` lie behind. A form that does not
(``friday``, ``1 dec``) is read in the direction of the question: forward for a due date (the
next Friday after today, the next 1 December), backward for ``--since``, ``--until`` and the
day work was done (the last Friday before today, the most recent 1 December).

Weeks run Monday to Sunday: ``next friday`` is the Friday of next week (on a Tuesday, 10 days
ahead), ``this friday`` the one of this week; ``last friday`` is the most recent Friday before
today (on a Saturday, yesterday), as ``git log --since`` reads it. The end of a week is its
Friday (the working week); ``end of week`` is the next Friday on or after today. ``next week``
and ``this week`` are that week's Monday, ``this month``/``this year`` the first day of it;
``last week``/``last month``/``last year`` are a week, month or year ago, as ``git log
--since`` reads them. ``next month`` alone could mean any day of it and is refused. ``monday
after next`` is the Monday of the week after next.
"""

from __future__ import annotations

from datetime import date, timedelta

from coachcli.core.datewords import (
    ABBREVIATIONS,
    FILLER,
    MAX_AMOUNT,
    MONTH,
    MONTHS,
    NUMBER_WORDS,
    PERIODS,
    UNITS,
    WEEKDAY,
    WEEKDAYS,
    Toward,
    Unreadable,
    add_months,
    exact,
    month_days,
    quoted,
)


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _shift(which: str) -> int:
    return {"this": 0, "next": 1, "last": -1, "previous": -1}[which]


def period_start(period: str, d: date, shift: int) -> date:
    """The first day of the week/month/quarter/year ``shift`` periods from the one holding d."""
    if period == "week":
        return _monday(d) + timedelta(days=7 * shift)
    if period == "month":
        return add_months(d.replace(day=1), shift)
    if period == "quarter":
        return add_months(d.replace(day=1, month=(d.month - 1) // 3 * 3 + 1), 3 * shift)
    return add_months(d.replace(day=1, month=1), 12 * shift)


def period_end(period: str, d: date, shift: int) -> date:
    """The last day of that period; for a week, its Friday (the end of the working week)."""
    start = period_start(period, d, shift)
    if period == "week":
        return start + timedelta(days=4)
    months = {"month": 1, "quarter": 3, "year": 12}[period]
    return add_months(start, months) - timedelta(days=1)


def _periods(words: list[str], today: date) -> date | None:
    """``end of next month``, ``start of the year``, ``eoq``, ``beginning of last week``."""
    if len(words) < 3 or words[1] != "of" or words[0] not in ("end", "start", "beginning"):
        return None
    rest = [w for w in words[2:] if w != "the"]
    which = rest[0] if len(rest) == 2 else "this"
    if len(rest) not in (1, 2) or rest[-1] not in PERIODS or which not in _SHIFTS:
        return None
    period = rest[-1]
    if words[0] != "end":
        return period_start(period, today, _shift(which))
    if period == "week" and len(rest) == 1:  # "end of week": the next Friday on or after today
        return today + timedelta(days=(4 - today.weekday()) % 7)
    return period_end(period, today, _shift(which))


_SHIFTS = ("this", "next", "last", "previous")


def _named_periods(words: list[str], today: date, toward: Toward) -> date | None:
    """``next week``, ``this month``: the period's first day; ``last month``: a month ago."""
    if len(words) == 2 and words[0] in _SHIFTS and words[1] in PERIODS:
        vague = words[0] == "next" and words[1] != "week"
        if vague or (words[0] == "this" and toward == "future"):
            said = " ".join(words)
            raise Unreadable(
                f"'{said}' could mean any day of it; say e.g. 'end of {said}' or 'in 1 {words[1]}'"
            )
        if _shift(words[0]) < 0:  # as ``git log --since`` reads it: one such span ago
            return relative(["1", words[1], "ago"], today)
        return period_start(words[1], today, _shift(words[0]))
    if words in (["the", "week", "after", "next"], ["week", "after", "next"]):
        return period_start("week", today, 2)
    return None


def _day(word: str) -> int | None:
    for suffix in ("st", "nd", "rd", "th"):
        word = word.removesuffix(suffix)
    return int(word) if word.isdigit() and len(word) <= 2 else None


def day_month(words: list[str], today: date, toward: Toward) -> date | None:
    """``26 nov``, ``nov 26``, ``26th of november 2026``; None when it is not that shape.
    Without a year: the next such day on or after today, or (looking back) the most recent one
    on or before today."""
    words = [w for w in words if w not in ("the", "of")]
    year = None
    if len(words) == 3 and words[2].isdigit() and len(words[2]) == 4:
        year = int(words.pop())
    if len(words) != 2:
        return None
    if words[1] in MONTH:
        words = words[::-1]
    day = _day(words[1])
    if words[0] not in MONTH or day is None:
        return None
    month = MONTH[words[0]]
    if year is not None:
        return exact(year, month, day)
    if not 1 <= day <= (29 if month == 2 else month_days(2001, month)):
        raise Unreadable(f"{day} {MONTHS[month - 1]} does not exist in any year")
    step = 1 if toward == "future" else -1
    candidate = today.year
    for _ in range(9):  # a 29 February is at most 8 years away
        if 1 <= candidate <= 9999 and day <= month_days(candidate, month):
            found = date(candidate, month, day)
            if (found >= today) if step == 1 else (found <= today):
                return found
        candidate += step
    raise Unreadable("that date is out of range")


def weekday(words: list[str], today: date, toward: Toward) -> date | None:
    """``friday``, ``this friday``, ``next friday``, ``last friday``, ``friday after next``."""
    if len(words) == 3 and words[1:] == ["after", "next"] and words[0] in WEEKDAY:
        return period_start("week", today, 2) + timedelta(days=WEEKDAY[words[0]])
    if len(words) == 1 and words[0] in WEEKDAY:
        wanted = WEEKDAY[words[0]]
        if toward == "future":
            return today + timedelta(days=(wanted - today.weekday() - 1) % 7 + 1)
        return today - timedelta(days=(today.weekday() - wanted - 1) % 7 + 1)
    if len(words) == 2 and words[0] in ("last", "previous") and words[1] in WEEKDAY:
        # As ``git log --since`` reads it: the most recent one before today.
        return weekday(words[1:], today, "past")
    if len(words) != 2 or words[0] not in _SHIFTS or words[1] not in WEEKDAY:
        return None
    wanted = WEEKDAY[words[1]]
    found = period_start("week", today, _shift(words[0])) + timedelta(days=wanted)
    if words[0] == "this" and toward == "future" and found < today:
        raise Unreadable(
            f"'this {words[1]}' is this week's {WEEKDAYS[wanted]}, which has passed (today is "
            f"{WEEKDAYS[today.weekday()]}); say 'next {words[1]}' or '{words[1]}'"
        )
    return found


def numeric(phrase: str) -> date | None:
    """``2026-12-20``, ``2026/12/20``, ``2026.12.20``, ``20261220``; refuses ``12/01`` and
    ``15/12``: without the year first, day and month could be either way round."""
    if phrase.isdigit() and len(phrase) == 8:
        return exact(int(phrase[:4]), int(phrase[4:6]), int(phrase[6:]))
    parts = phrase.replace("/", "-").replace(".", "-").strip("-").split("-")
    if not (len(parts) in (2, 3) and all(p.isdigit() and p for p in parts)):
        return None
    if len(parts) == 3 and len(parts[0]) == 4 and len(parts[1]) <= 2 and len(parts[2]) <= 2:
        return exact(int(parts[0]), int(parts[1]), int(parts[2]))
    first, second = int(parts[0]), int(parts[1])
    # Every reading that is a date, both when both are ("12/04": 12 apr or 4 dec): offering one
    # would quietly pick the order the message says cannot be known.
    readings = [
        f"{day} {MONTHS[month - 1][:3].lower()}"
        for day, month in ((first, second), (second, first))
        if 1 <= month <= 12 and 1 <= day <= 31
    ]
    example = " or ".join(dict.fromkeys(readings)) or "1 dec"
    raise Unreadable(
        f"{quoted(phrase)} has day and month in numbers, which could be either way round; "
        f"write it as {example} or year first (2026-12-01)"
    )


def _amount(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def relative(words: list[str], today: date) -> date | None:
    """``in 3 days``, ``2 weeks``, ``a month from now``, ``3 days ago``; None if not that shape."""
    sign, explicit = 1, True
    if words[-1] == "ago":
        sign, words = -1, words[:-1]
    elif words[0] == "in":
        words = words[1:]
    else:
        explicit = False
    for tail in (["time"], ["from", "now"], ["from", "today"]):  # "in 2 weeks' time"
        if len(words) > len(tail) and words[-len(tail) :] == tail:
            words, explicit = [w.removesuffix("'") for w in words[: -len(tail)]], True
    if len(words) == 1 and words[0] in UNITS:
        words = ["1", words[0]]
    if len(words) == 2 and _amount(words[0]) is not None and words[1] in UNITS:
        explicit = True
    if not explicit:
        return None
    if len(words) != 2:
        raise Unreadable("could not read {typed} as a span; say e.g. 'in 3 days' or '2 weeks ago'")
    amount, unit = _amount(words[0]), UNITS.get(words[1])
    if amount is None:
        raise Unreadable(f"could not read {quoted(words[0])} as a number of days, weeks or months")
    if unit is None:
        raise Unreadable(
            f"understood {amount}, but {quoted(words[1])} is not days, weeks, months or years"
        )
    if amount > MAX_AMOUNT:
        raise Unreadable(f"{amount} {unit} is too far from today")
    months = {"months": 1, "quarters": 3, "years": 12}.get(unit)
    if months is not None:
        return add_months(today, sign * amount * months)
    return today + timedelta(days=sign * amount * {"days": 1, "weeks": 7, "fortnights": 14}[unit])


_FIXED = {"today": 0, "now": 0, "end of day": 0, "end of today": 0, "tomorrow": 1}
_FIXED.update({"day after tomorrow": 2, "the day after tomorrow": 2, "yesterday": -1})
_FIXED.update({"day before yesterday": -2, "the day before yesterday": -2})


def words_of(text: str) -> list[str]:
    flat = " ".join(text.lower().replace(",", " ").replace("’", "'").split())
    words = [w.rstrip(".!?;:") for w in flat.split() if w.rstrip(".!?;:")]
    while words and words[0] in FILLER:
        words = words[1:]
    if len(words) == 1 and words[0] in ABBREVIATIONS:
        words = ABBREVIATIONS[words[0]].split()
    return words


def read(text: str, today: date, toward: Toward) -> date:
    """The date the words name; an ``Unreadable`` when they name none."""
    try:
        return _read(text, today, toward)
    except Unreadable as exc:
        raise Unreadable(exc.detail.replace("{typed}", quoted(text))) from None
    except (OverflowError, ValueError):  # date arithmetic past year 9999 or before year 1
        raise Unreadable("that date is out of range") from None


def _read(text: str, today: date, toward: Toward) -> date:
    words = words_of(text)
    if not words:
        raise Unreadable("no date given")
    phrase = " ".join(words)
    if phrase in _FIXED:
        return today + timedelta(days=_FIXED[phrase])
    for attempt in (
        lambda: numeric(phrase),
        lambda: _periods(words, today),
        lambda: _named_periods(words, today, toward),
        lambda: weekday(words, today, toward),
        lambda: day_month(words, today, toward),
        lambda: relative(words, today),
    ):
        found = attempt()
        if found is not None:
            return found
    raise Unreadable("could not read {typed} as a date")
