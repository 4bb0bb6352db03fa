"""Due-date parsing: every accepted form, the week rules, boundaries, and refusals that explain.

``TODAY`` is Tuesday 24 November 2026 unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coachcli.core.dates import (
    MONTHS,
    SHOWN_CHARS,
    DateError,
    describe_date,
    future_examples,
    parse_date,
    past_examples,
)
from coachcli.core.errors import ExitCode, UsageError

TODAY = date(2026, 11, 24)  # a Tuesday
assert TODAY.weekday() == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("2026-1-5", date(2026, 1, 5)),  # a past date parses; the caller decides
        ("2028-02-29", date(2028, 2, 29)),
        ("today", TODAY),
        ("tomorrow", date(2026, 11, 25)),
        ("wednesday", date(2026, 11, 25)),
        ("wed", date(2026, 11, 25)),
        ("friday", date(2026, 11, 27)),
        ("fri", date(2026, 11, 27)),
        ("sunday", date(2026, 11, 29)),
        ("monday", date(2026, 11, 30)),
        ("tuesday", date(2026, 12, 1)),  # strictly after today: a week ahead
        ("tue", date(2026, 12, 1)),
        ("thurs", date(2026, 11, 26)),
        ("this tuesday", TODAY),
        ("this friday", date(2026, 11, 27)),
        ("this sunday", date(2026, 11, 29)),
        ("next monday", date(2026, 11, 30)),
        ("next tuesday", date(2026, 12, 1)),
        ("next friday", date(2026, 12, 4)),  # the Friday of next week, not this one
        ("next sunday", date(2026, 12, 6)),
        ("in 3 days", date(2026, 11, 27)),
        ("in 0 days", TODAY),
        ("in 1 day", date(2026, 11, 25)),
        ("in a week", date(2026, 12, 1)),
        ("in 2 weeks", date(2026, 12, 8)),
        ("in two weeks", date(2026, 12, 8)),
        ("in 1 month", date(2026, 12, 24)),
        ("in a month", date(2026, 12, 24)),
        ("in 2 months", date(2027, 1, 24)),
        ("in 14 months", date(2028, 1, 24)),
        ("3 days", date(2026, 11, 27)),
        ("end of week", date(2026, 11, 27)),
        ("eow", date(2026, 11, 27)),
        ("end of month", date(2026, 11, 30)),
        ("end of the month", date(2026, 11, 30)),
        ("eom", date(2026, 11, 30)),
        ("next week", date(2026, 11, 30)),
        ("26 nov", date(2026, 11, 26)),
        ("nov 26", date(2026, 11, 26)),
        ("26 november", date(2026, 11, 26)),
        ("26 november 2026", date(2026, 11, 26)),
        ("november 26, 2026", date(2026, 11, 26)),
        ("26th of November", date(2026, 11, 26)),
        ("1st dec", date(2026, 12, 1)),
        ("24 nov", TODAY),  # on or after today
        ("23 nov", date(2027, 11, 23)),  # already passed this year: next year's
        ("1 jan", date(2027, 1, 1)),
        ("3 sept", date(2027, 9, 3)),
        ("29 feb", date(2028, 2, 29)),  # the next 29 February that exists
        ("1 jan 2020", date(2020, 1, 1)),
        ("eod", TODAY),
        ("in a fortnight", date(2026, 12, 8)),
        ("in 2 weeks' time", date(2026, 12, 8)),
        ("in 2 weeks time", date(2026, 12, 8)),
        ("3 days from now", date(2026, 11, 27)),
        ("a week from today", date(2026, 12, 1)),
        ("friday!", date(2026, 11, 27)),
    ],
)
def test_accepted_forms(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    "text", ["FRIDAY", "  Next   Friday ", "Fri.", "by friday", "on Friday", "due fri", "Fri,"]
)
def test_case_spaces_and_small_words_do_not_matter(text):
    assert parse_date(text, TODAY).weekday() == 4


def test_weekday_on_that_very_day_is_a_week_ahead():
    friday = date(2026, 11, 27)
    assert parse_date("friday", friday) == date(2026, 12, 4)
    assert parse_date("this friday", friday) == friday
    assert parse_date("next friday", friday) == date(2026, 12, 4)
    assert parse_date("end of week", friday) == friday


def test_next_weekday_is_always_in_the_following_week():
    for offset in range(7):
        today = TODAY + timedelta(days=offset)
        monday_next = today - timedelta(days=today.weekday()) + timedelta(days=7)
        for name, index in (("monday", 0), ("friday", 4), ("sunday", 6)):
            got = parse_date(f"next {name}", today)
            assert got == monday_next + timedelta(days=index), (today, name)
        assert parse_date("next week", today) == monday_next, today
        plain = parse_date("friday", today)
        assert 1 <= (plain - today).days <= 7 and plain.weekday() == 4, today


def test_end_of_week_on_a_weekend_is_the_coming_friday():
    saturday, sunday = date(2026, 11, 28), date(2026, 11, 29)
    assert parse_date("eow", saturday) == date(2026, 12, 4)
    assert parse_date("eow", sunday) == date(2026, 12, 4)


def test_this_weekday_that_has_passed_is_refused_with_the_alternatives():
    with pytest.raises(DateError) as info:
        parse_date("this monday", TODAY)
    message = info.value.message
    assert "this week's Monday" in message and "passed" in message
    assert "next monday" in message and info.value.hint == future_examples(TODAY)


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (date(2026, 1, 31), "in 1 month", date(2026, 2, 28)),  # clamped to the month's end
        (date(2028, 1, 31), "in 1 month", date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), "in 1 month", date(2026, 4, 30)),
        (date(2026, 12, 15), "in 1 month", date(2027, 1, 15)),  # year boundary
        (date(2026, 12, 31), "tomorrow", date(2027, 1, 1)),
        (date(2026, 12, 31), "in a week", date(2027, 1, 7)),
        (date(2026, 12, 30), "friday", date(2027, 1, 1)),
        (date(2026, 12, 29), "next monday", date(2027, 1, 4)),
        (date(2026, 12, 31), "eom", date(2026, 12, 31)),
        (date(2027, 2, 10), "end of month", date(2027, 2, 28)),
        (date(2028, 2, 10), "end of month", date(2028, 2, 29)),
        (date(2026, 4, 3), "eom", date(2026, 4, 30)),
        (date(2026, 12, 31), "1 jan", date(2027, 1, 1)),
        (date(2026, 12, 31), "31 dec", date(2026, 12, 31)),
        (date(2028, 3, 1), "29 feb", date(2032, 2, 29)),
        (date(2099, 12, 30), "29 feb", date(2104, 2, 29)),  # 2100 is not a leap year
    ],
)
def test_month_and_year_boundaries(today, text, expected):
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2026-02-30", "30 February 2026 does not exist: February 2026 has 28 days"),
        ("2027-02-29", "2027 is not a leap year"),
        ("2100-02-29", "2100 is not a leap year"),
        ("2026-04-31", "April 2026 has 30 days"),
        ("2026-13-01", "month 13 does not exist"),
        ("2026-00-10", "month 0 does not exist"),
        ("31 nov 2026", "31 November 2026 does not exist"),
        ("30 feb", "30 February does not exist in any year"),
        ("12/01", "either way round"),
        ("15/12", "write it as 15 dec"),
        ("12/15", "write it as 15 dec"),
        ("12/04", "write it as 12 apr or 4 dec"),
        ("4/12", "write it as 4 dec or 12 apr"),
        ("3/3", "write it as 3 mar or year first"),
        ("13/13", "write it as 1 dec"),
        ("01/12/2026", "either way round"),
        ("1.12.2026", "either way round"),
        ("12.01.", "either way round"),
        ("12-01", "either way round"),
        ("2026/13/01", "month 13 does not exist"),
        ("20261301", "month 13 does not exist"),
        ("", "no date given"),
        ("   ", "no date given"),
        ("soon", "could not read 'soon' as a date"),
        ("next month", "could mean any day of it"),
        ("in 3 decades", "understood 3, but 'decades' is not days, weeks, months or years"),
        ("in some days", "'some' as a number"),
        ("in 3", "as a span"),
        ("in 100000 days", "too far from today"),
        ("friday 13", "could not read"),
        ("32 dec", "32 December does not exist in any year"),
    ],
)
def test_refusals_are_one_short_line_and_a_hint(text, says):
    with pytest.raises(DateError) as info:
        parse_date(text, TODAY)
    message = info.value.message
    assert says in message, message
    assert info.value.hint == future_examples(TODAY)
    assert "\n" not in message and len(message) < 160, message


def test_date_error_is_a_usage_error_with_exit_2():
    assert issubclass(DateError, UsageError)
    assert DateError("x").exit_code == ExitCode.USAGE


def test_messages_echo_at_most_a_little_of_the_input():
    secret = "Sam told me about the divorce and the debts and " * 20
    with pytest.raises(DateError) as info:
        parse_date(secret, TODAY)
    message = info.value.message
    assert "debts" not in message
    echoed = message.split("'")[1]
    assert len(echoed) <= SHOWN_CHARS, echoed


def test_control_characters_never_reach_a_message():
    with pytest.raises(DateError) as info:
        parse_date("\x1b[2J\x1b]0;x\x07nonsense", TODAY)
    assert "\x1b" not in info.value.message and "\x07" not in info.value.message


@pytest.mark.parametrize("offset", range(0, 366, 7))
def test_examples_are_one_line_and_every_example_is_ahead_whatever_the_day(offset):
    today = TODAY + timedelta(days=offset)
    text = future_examples(today)
    assert "\n" not in text
    for form in text.removeprefix("e.g. ").split(" (")[0].split(", "):
        assert parse_date(form, today) >= today, (today, form)
    text = past_examples(today)
    for form in text.removeprefix("e.g. ").split(" (")[0].split(", "):
        assert parse_date(form, today, toward="past") <= today, (today, form)


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2026, 11, 27), "Friday 2026-11-27 (in 3 days)"),
        (TODAY, "Tuesday 2026-11-24 (today)"),
        (date(2026, 11, 25), "Wednesday 2026-11-25 (tomorrow)"),
        (date(2026, 11, 23), "Monday 2026-11-23 (yesterday)"),
        (date(2026, 11, 22), "Sunday 2026-11-22 (2 days ago)"),
        (date(2027, 1, 1), "Friday 2027-01-01 (in 38 days)"),
    ],
)
def test_describe_date(d, expected):
    assert describe_date(d, TODAY) == expected


def test_every_day_for_two_years_round_trips_through_iso_and_day_month():
    day = date(2026, 1, 1)
    while day < date(2028, 1, 1):
        assert parse_date(day.isoformat(), TODAY) == day
        month = MONTHS[day.month - 1]
        assert parse_date(f"{day.day} {month} {day.year}", TODAY) == day
        assert parse_date(f"{month[:3]} {day.day} {day.year}", TODAY) == day
        day += timedelta(days=1)


@pytest.mark.parametrize(
    "text", ["tomorrow", "in 1 month", "friday", "next week", "1 feb", "sunday"]
)
def test_the_end_of_the_calendar_is_an_error_not_a_crash(text):
    with pytest.raises(DateError) as info:
        parse_date(text, date(9999, 12, 31))
    assert "out of range" in info.value.message or "too far" in info.value.message


_PIECES = str.split(
    "in a one 3 0 99 day days week weeks month fortnight next this end of the eow eom today "
    "tomorrow fri friday sunday nov november 26 31 29 feb 2026 2028 / . - 12 01 by due time from"
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.text(max_size=60), st.lists(st.sampled_from(_PIECES), max_size=5).map(" ".join)),
    st.dates(),
)
def test_any_text_on_any_day_is_a_date_or_a_date_error(text, today):
    try:
        found = parse_date(text, today)
    except DateError as exc:
        assert "\n" not in exc.message
    else:
        assert describe_date(found, today).endswith(")")
