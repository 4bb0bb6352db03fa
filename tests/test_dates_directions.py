"""One grammar, one rule: forms without a direction read toward the question (forward for due
dates, backward for --since/--until/--on); due dates refuse the past, work dates the future.

``TODAY`` is Wednesday 16 December 2026.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coachcli.core.dates import (
    DateError,
    describe_date,
    parse_bound,
    parse_date,
    parse_due,
    parse_past,
    past_examples,
)

TODAY = date(2026, 12, 16)
assert TODAY.weekday() == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 dec", date(2026, 12, 1)),  # the most recent 1 December, not 2027's
        ("17 dec", date(2025, 12, 17)),
        ("16 dec", TODAY),
        ("yesterday", date(2026, 12, 15)),
        ("day before yesterday", date(2026, 12, 14)),
        ("2 weeks ago", date(2026, 12, 2)),
        ("a week ago", date(2026, 12, 9)),
        ("3 days ago", date(2026, 12, 13)),
        ("2 months ago", date(2026, 10, 16)),
        ("last week", date(2026, 12, 9)),  # as git log --since reads it
        ("last month", date(2026, 11, 16)),
        ("last year", date(2025, 12, 16)),
        ("this week", date(2026, 12, 14)),
        ("this month", date(2026, 12, 1)),
        ("this year", date(2026, 1, 1)),
        ("tuesday", date(2026, 12, 15)),  # the last one, strictly before today
        ("wednesday", date(2026, 12, 9)),
        ("thursday", date(2026, 12, 10)),
        ("last tuesday", date(2026, 12, 15)),  # the most recent one, as git reads it
        ("last wednesday", date(2026, 12, 9)),
        ("last thursday", date(2026, 12, 10)),
        ("last friday", date(2026, 12, 11)),
        ("start of month", date(2026, 12, 1)),
        ("start of last month", date(2026, 11, 1)),
        ("end of last month", date(2026, 11, 30)),
        ("beginning of the year", date(2026, 1, 1)),
        ("2026/12/01", date(2026, 12, 1)),
        ("20261201", date(2026, 12, 1)),
        ("since 1 dec", date(2026, 12, 1)),
    ],
)
def test_past_forms(text, expected):
    assert parse_date(text, TODAY, toward="past") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 dec", date(2027, 12, 1)),
        ("tuesday", date(2026, 12, 22)),
        ("end of year", date(2026, 12, 31)),
        ("eoy", date(2026, 12, 31)),
        ("end of quarter", date(2026, 12, 31)),
        ("eoq", date(2026, 12, 31)),
        ("end of next week", date(2026, 12, 25)),
        ("end of next month", date(2027, 1, 31)),
        ("end of next quarter", date(2027, 3, 31)),
        ("end of next year", date(2027, 12, 31)),
        ("monday after next", date(2026, 12, 28)),
        ("friday after next", date(2027, 1, 1)),
        ("the week after next", date(2026, 12, 28)),
        ("2026/12/20", date(2026, 12, 20)),
        ("2026.12.20", date(2026, 12, 20)),
        ("20261215", date(2026, 12, 15)),
        ("in 2 years", date(2028, 12, 16)),
        ("in a quarter", date(2027, 3, 16)),
    ],
)
def test_future_forms(text, expected):
    assert parse_date(text, TODAY) == expected


def test_end_of_quarter_through_the_year():
    for month, end in ((2, date(2026, 3, 31)), (5, date(2026, 6, 30)), (8, date(2026, 9, 30))):
        assert parse_date("end of quarter", date(2026, month, 10)) == end


def test_undirected_forms_are_mirror_images():
    for offset in range(14):
        today = TODAY + timedelta(days=offset)
        for name in ("monday", "friday", "sunday", "1 dec", "29 feb"):
            ahead = parse_date(name, today)
            back = parse_date(name, today, toward="past")
            assert back <= today <= ahead, (today, name)


@pytest.mark.parametrize("text", ["2026-12-01", "yesterday", "last tuesday", "1 jan 2026"])
def test_due_dates_refuse_the_past_and_say_what_they_understood(text):
    with pytest.raises(DateError) as info:
        parse_due(text, TODAY)
    message = info.value.message
    assert "in the past" in message
    assert "days ago" in message or "yesterday" in message
    assert "\n" not in message and len(message) < 160


def test_due_dates_accept_today():
    assert parse_due("today", TODAY) == TODAY


@pytest.mark.parametrize("text", ["tomorrow", "next friday", "in 2 days", "2026-12-17"])
def test_work_dates_refuse_the_future(text):
    with pytest.raises(DateError) as info:
        parse_past(text, TODAY)
    assert "in the future" in info.value.message
    assert info.value.hint == past_examples(TODAY)


def test_since_after_today_is_refused_until_is_not():
    with pytest.raises(DateError, match="nothing can match yet"):
        parse_bound("tomorrow", TODAY, "--since")
    assert parse_bound("tomorrow", TODAY, "--until") == date(2026, 12, 17)
    assert parse_bound("1 dec", TODAY) == date(2026, 12, 1)


@pytest.mark.parametrize("text", ["15/12", "12/15", "3/4", "15.12", "15/12/2026"])
def test_day_and_month_in_numbers_stay_refused_both_ways(text):
    for toward in ("future", "past"):
        with pytest.raises(DateError, match="either way round"):
            parse_date(text, TODAY, toward=toward)


def test_describe_is_weekday_iso_and_distance():
    assert describe_date(date(2026, 12, 18), TODAY) == "Friday 2026-12-18 (in 2 days)"
    assert describe_date(date(2026, 12, 1), TODAY) == "Tuesday 2026-12-01 (15 days ago)"
