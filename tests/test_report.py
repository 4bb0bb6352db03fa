"""The figures of ``coach report`` (coachcli.report.build) on rows whose true numbers are known."""

from __future__ import annotations

from datetime import date

import pytest

from coachcli.core.people import person_key
from coachcli.index.counts import day_of, skill_flags
from coachcli.report.build import StoreRows, build_report, month_span, pseudonym
from coachcli.report.figures import rate, tally_actions, tally_skills
from factories import action, row

TODAY = date(2026, 11, 24)


def known_rows() -> list[dict]:
    """Five conversations; the one with Kim (July) falls outside a September-November period."""
    return [
        row(
            "Sam",
            "2026-09-05",
            after="no",
            actions=[
                action("done", due="2026-09-12", closed="2026-09-10"),  # on time
                action(
                    "done", due="2026-09-12", closed="2026-09-12", owner="supervisor"
                ),  # on time
                action("done", due="2026-09-12", closed="2026-09-15"),  # late
                action("open", due="2026-09-30", owner="supervisor"),  # overdue
            ],
        ),
        row(
            "sam ",  # the same person, spelled differently
            "2026-10-10",
            values=0,
            after="partly",
            actions=[action("partly", due="2026-10-20"), action("dropped", owner="supervisor")],
        ),
        row(
            "Alex",
            "2026-10-20",
            restatement=False,
            after="yes",
            actions=[action("open", due="2026-12-01"), action("done", closed="2026-10-25")],
        ),
        row("Kim", "2026-07-01", actions=[action("done", due="2026-07-05", closed="2026-07-02")]),
        row(
            "Alex",
            "2026-11-24",
            what_how=0,
            after="no",
            actions=[action("open", due=TODAY.isoformat())],
        ),
    ]


def report(rows=None, **kw) -> dict:
    kw.setdefault("today", TODAY)
    return build_report([StoreRows("own", known_rows() if rows is None else rows)], **kw)


# -- pieces ----------------------------------------------------------------------------------
def test_rate_rounds_and_refuses_to_divide_by_zero():
    assert rate(1, 3) == 0.3333
    assert rate(2, 2) == 1.0
    assert rate(0, 0) is None


def test_day_of_reads_the_recorded_date_and_rejects_junk():
    assert day_of("2026-11-24T23:30:00-05:00") == date(2026, 11, 24)
    assert day_of("2026-11-24") == date(2026, 11, 24)
    assert day_of(None) is None
    assert day_of("yesterday") is None


def test_month_span_crosses_years():
    assert month_span("2026-11", "2027-02") == ["2026-11", "2026-12", "2027-01", "2027-02"]


def test_normalize_name_folds_case_space_and_width():
    assert person_key("  SAM   Lee ") == person_key("sam lee") == "sam lee"
    assert person_key("Ｓａｍ") == "sam"


def test_skill_flags_need_every_part():
    assert skill_flags(row()) == {
        "listened": True,
        "what_how": True,
        "balanced": True,
        "next_step": True,
        "all_four": True,
    }
    assert skill_flags(row(feelings=0))["listened"] is False
    assert skill_flags(row(what_how=0))["what_how"] is False
    assert skill_flags(row(assumptions=0))["balanced"] is False
    assert skill_flags(row(restatement=False))["balanced"] is False
    flags = skill_flags(row(actions=[]))
    assert flags["next_step"] is False and flags["all_four"] is False


# -- action items ------------------------------------------------------------------------------
def test_action_counts_rates_and_owners_for_the_period():
    a = report(since=date(2026, 9, 1), until=date(2026, 11, 30))["actions"]
    assert a["created"] == 9
    assert (a["done"], a["partly"], a["dropped"], a["open"]) == (4, 1, 1, 3)
    assert a["on_time"] == 2  # closed on or before the due date
    assert a["done_without_due"] == 1
    assert a["overdue"] == 1  # due 2026-09-30; due 2026-12-01 and due today are not overdue
    assert a["completion_rate"] == round(4 / 9, 4)
    assert a["on_time_rate"] == 0.5
    assert (a["owner_person"], a["owner_supervisor"]) == (6, 3)
    assert a["supervisor_share"] == round(3 / 9, 4)
    assert a["supervisor_owns_most"] is False


def test_overdue_is_relative_to_today():
    rows = [row(actions=[action("open", due="2026-11-23"), action("open", due="2026-11-24")])]
    assert tally_actions(rows, date(2026, 11, 24))["overdue"] == 1
    assert tally_actions(rows, date(2026, 11, 25))["overdue"] == 2
    assert tally_actions(rows, date(2026, 11, 23))["overdue"] == 0


def test_on_time_uses_the_closing_date_not_the_time():
    late_evening = action("done", due="2026-11-10")
    late_evening["closed_at"] = "2026-11-10T23:59:00+01:00"
    next_day = action("done", due="2026-11-10", closed="2026-11-11")
    t = tally_actions([row(actions=[late_evening, next_day])], TODAY)
    assert (t["on_time"], t["done"], t["on_time_rate"]) == (1, 2, 0.5)


def test_supervisor_owning_most_steps_is_flagged_only_above_half():
    half = [row(actions=[action(owner="supervisor"), action(owner="person")])]
    most = [row(actions=[action(owner="supervisor")] * 2 + [action()])]
    assert tally_actions(half, TODAY)["supervisor_owns_most"] is False
    t = tally_actions(most, TODAY)
    assert t["supervisor_share"] == 0.6667 and t["supervisor_owns_most"] is True


def test_no_actions_gives_no_rates():
    t = tally_actions([], TODAY)
    assert t["created"] == 0
    assert t["completion_rate"] is None and t["on_time_rate"] is None
    assert t["supervisor_share"] is None and t["supervisor_owns_most"] is False


# -- skills ------------------------------------------------------------------------------------
def test_skill_shares_and_agenda_for_the_period():
    s = report(since=date(2026, 9, 1))["skills"]
    assert s["conversations"] == 4
    assert s["listened"] == {"count": 3, "share": 0.75}  # Sam in October had no values
    assert s["what_how"] == {"count": 3, "share": 0.75}  # Alex today asked none
    assert s["balanced"] == {"count": 3, "share": 0.75}  # Alex in October did not restate
    assert s["next_step"] == {"count": 4, "share": 1.0}
    assert s["all_four"] == {"count": 1, "share": 0.25}
    took = s["agenda_took_over"]
    assert took["no"] == {"count": 2, "share": 0.5}
    assert took["partly"] == {"count": 1, "share": 0.25}
    assert took["yes"] == {"count": 1, "share": 0.25}


def test_tally_skills_of_nothing_has_no_shares():
    s = tally_skills([])
    assert s["conversations"] == 0 and s["all_four"] == {"count": 0, "share": None}


# -- period, people, months --------------------------------------------------------------------
def test_period_is_inclusive_on_both_ends():
    rows = [row(started=d) for d in ("2026-09-30", "2026-10-01", "2026-10-31", "2026-11-01")]
    got = report(rows, since=date(2026, 10, 1), until=date(2026, 10, 31))
    assert got["summary"]["conversations"] == 2
    assert [m["month"] for m in got["months"]] == ["2026-10"]


def test_summary_counts_conversations_and_people_in_the_period():
    s = report(since=date(2026, 9, 1))["summary"]
    assert s["conversations"] == 4
    assert s["people"] == 2  # "Sam" and "sam " are one person; Kim is outside the period
    assert s["actions_created"] == 9
    assert s["overdue"] == 1
    assert s["all_four_share"] == 0.25


def test_people_days_since_last_conversation_and_neglect():
    people = report(since=date(2026, 9, 1))["people"]
    by_name = {p["person"]: p for p in people}
    assert set(by_name) == {"sam ", "Alex", "Kim"}  # the latest spelling is shown
    sam, alex, kim = by_name["sam "], by_name["Alex"], by_name["Kim"]
    assert (sam["conversations"], sam["last"], sam["days_since_last"]) == (2, "2026-10-10", 45)
    assert sam["neglected"] is True
    assert (alex["conversations"], alex["last"], alex["days_since_last"]) == (2, "2026-11-24", 0)
    assert alex["neglected"] is False
    # Kim had no conversation in the period but is still listed: that is who is neglected.
    assert (kim["conversations"], kim["last"], kim["days_since_last"]) == (0, "2026-07-01", 146)
    assert kim["neglected"] is True
    assert (sam["actions_created"], sam["done"], sam["completion_rate"]) == (6, 3, 0.5)
    assert [p["person"] for p in people] == ["Kim", "sam ", "Alex"]  # longest silence first


@pytest.mark.parametrize(("last", "neglected"), [("2026-10-25", False), ("2026-10-24", True)])
def test_neglect_starts_after_thirty_days(last, neglected):
    (person,) = report([row(started=last)])["people"]
    assert person["neglected"] is neglected, person


def test_months_group_by_start_date_and_fill_gaps():
    months = report(since=date(2026, 6, 1), until=date(2026, 11, 30))["months"]
    assert [m["month"] for m in months] == [
        "2026-06",
        "2026-07",
        "2026-08",
        "2026-09",
        "2026-10",
        "2026-11",
    ]
    assert [m["conversations"] for m in months] == [0, 1, 0, 1, 2, 1]
    assert [m["actions_created"] for m in months] == [0, 1, 0, 4, 4, 1]
    assert [m["done"] for m in months] == [0, 1, 0, 3, 1, 0]
    assert [m["completion_rate"] for m in months] == [None, 1.0, None, 0.75, 0.25, 0.0]
    assert [m["all_four_share"] for m in months] == [None, 1.0, None, 1.0, 0.0, 0.0]
    assert [m["listened_share"] for m in months] == [None, 1.0, None, 1.0, 0.5, 1.0]


def test_months_without_a_period_run_from_first_to_last_conversation():
    months = report([row(started="2026-01-15"), row(started="2026-03-02")])["months"]
    assert [(m["month"], m["conversations"]) for m in months] == [
        ("2026-01", 1),
        ("2026-02", 0),
        ("2026-03", 1),
    ]


def test_person_filter_matches_the_normalized_name():
    got = report(person="  SAM")
    assert got["summary"]["conversations"] == 2
    assert got["one_person"] is True
    assert [p["person"] for p in got["people"]] == ["sam "]


def test_empty_store_reports_zeros():
    got = report([])
    assert got["summary"]["conversations"] == 0
    assert got["people"] == [] and got["months"] == []
    assert got["actions"]["created"] == 0


# -- program view ------------------------------------------------------------------------------
def test_program_report_keys_people_by_store_and_labels_them():
    key = b"k" * 32
    stores = [
        StoreRows("store 1", [row("Sam", "2026-11-01"), row("Alex", "2026-11-02")]),
        StoreRows("store 2", [row("sam", "2026-11-03", actions=[action(owner="supervisor")])], 2),
    ]
    got = build_report(stores, today=TODAY, label=lambda name: pseudonym(name, key), program=True)
    assert got["program"] is True and got["pseudonyms"] is True
    people = [(p["store"], p["person"]) for p in got["people"]]
    sam = pseudonym("Sam", key)
    assert ("store 1", sam) in people and ("store 2", sam) in people
    assert all(p.startswith("person-") for _, p in people)
    s1, s2 = got["stores"]
    assert (s1["store"], s1["conversations"], s1["people"], s1["skipped_files"]) == (
        "store 1",
        2,
        2,
        0,
    )
    assert (s2["conversations"], s2["supervisor_share"], s2["skipped_files"]) == (1, 1.0, 2)
    assert got["summary"]["conversations"] == 3
    assert got["summary"]["people"] == 2  # Sam in both stores is one name


def test_pseudonyms_are_stable_normalized_and_keyed():
    key = bytes(range(32))
    assert pseudonym("Sam Lee", key) == pseudonym("  sam  LEE", key)
    assert pseudonym("Sam Lee", key) != pseudonym("Sam Lea", key)
    assert pseudonym("Sam Lee", key) != pseudonym("Sam Lee", b"another key" * 3)
    name = pseudonym("Sam Lee", key)
    assert name.startswith("person-") and len(name) == len("person-") + 8
    assert "sam" not in name.lower()


# -- the fast path agrees with a plain reading of the rules ------------------------------------
def reference(rows: list[dict], today: date, since: date, until: date) -> dict:
    """The figures computed the slow, obvious way, straight from the definitions."""
    chosen = [r for r in rows if since <= day_of(r["started_at"]) <= until]
    items = [a for r in chosen for a in r["actions"]]
    done = [a for a in items if a["status"] == "done"]
    on_time = [
        a for a in done if a["due"] and day_of(a["closed_at"]) <= date.fromisoformat(a["due"])
    ]
    overdue = [
        a for a in items if a["status"] == "open" and a["due"] and a["due"] < today.isoformat()
    ]
    months: dict[str, int] = {}
    for r in chosen:
        months[r["started_at"][:7]] = months.get(r["started_at"][:7], 0) + 1
    return {
        "conversations": len(chosen),
        "created": len(items),
        "done": len(done),
        "on_time": len(on_time),
        "overdue": len(overdue),
        "supervisor": sum(a["owner"] == "supervisor" for a in items),
        "all_four": sum(all(skill_flags(r).values()) for r in chosen),
        "listened": sum(r["facts"] > 0 and r["feelings"] > 0 and r["values"] > 0 for r in chosen),
        "agenda_yes": sum(r["after_check"] == "yes" for r in chosen),
        "months": months,
    }


def random_rows(seed: int) -> list[dict]:
    import random

    rng = random.Random(seed)
    rows = []
    for _ in range(rng.randint(0, 40)):
        start = date(2026, rng.randint(1, 11), rng.randint(1, 28))
        items = []
        for _ in range(rng.randint(0, 4)):
            status = rng.choice(["open", "done", "partly", "dropped"])
            due = rng.choice([None, date(2026, rng.randint(1, 12), rng.randint(1, 28)).isoformat()])
            closed = None if status == "open" else f"2026-{rng.randint(1, 12):02d}-15"
            items.append(
                action(status, due=due, closed=closed, owner=rng.choice(["person", "supervisor"]))
            )
        rows.append(
            row(
                rng.choice(["Sam", "sam", "Alex", "Kim"]),
                start.isoformat(),
                facts=rng.randint(0, 2),
                feelings=rng.randint(0, 2),
                values=rng.randint(0, 2),
                what_how=rng.randint(0, 2),
                restatement=rng.random() < 0.7,
                assumptions=rng.randint(0, 2),
                after=rng.choice(["yes", "partly", "no"]),
                actions=items,
            )
        )
    return rows


@pytest.mark.parametrize("seed", range(25))
def test_report_matches_the_reference_on_random_stores(seed):
    rows = random_rows(seed)
    since, until = date(2026, 3, 1), date(2026, 9, 30)
    want = reference(rows, TODAY, since, until)
    got = build_report([StoreRows("own", rows)], today=TODAY, since=since, until=until)
    a, s = got["actions"], got["skills"]
    assert got["summary"]["conversations"] == want["conversations"]
    assert (a["created"], a["done"], a["on_time"], a["overdue"], a["owner_supervisor"]) == (
        want["created"],
        want["done"],
        want["on_time"],
        want["overdue"],
        want["supervisor"],
    )
    assert a["completion_rate"] == rate(want["done"], want["created"])
    assert a["on_time_rate"] == rate(want["on_time"], want["done"])
    assert s["all_four"]["count"] == want["all_four"]
    assert s["listened"]["count"] == want["listened"]
    assert s["agenda_took_over"]["yes"]["count"] == want["agenda_yes"]
    per_month = {m["month"]: m["conversations"] for m in got["months"] if m["conversations"]}
    assert per_month == want["months"]
    assert sum(p["conversations"] for p in got["people"]) == want["conversations"]


def test_check_in_average_and_month_by_month_trend_per_person():
    rows = [
        {**row("Sam", "2026-09-03"), "checkin_scale": 4},
        {**row("Sam", "2026-09-20"), "checkin_scale": 6},
        {**row("Sam", "2026-11-02"), "checkin_scale": 8},
        {**row("Sam", "2026-11-09"), "checkin_scale": None},  # skipped: not counted
        row("Alex", "2026-11-02"),  # an older session file: no check-in at all
    ]
    people = {p["person"]: p for p in report(rows)["people"]}
    sam, alex = people["Sam"], people["Alex"]
    assert (sam["checkins"], sam["checkin_average"], sam["checkin_trend"]) == (3, 6.0, "5 8")
    assert (alex["checkins"], alex["checkin_average"], alex["checkin_trend"]) == (0, None, "")


def test_the_people_table_shows_the_check_in_figure_only_when_there_are_check_ins():
    import io

    from rich.console import Console

    from coachcli.report.view import render_report

    def shown(rows) -> str:
        out = io.StringIO()
        render_report(report(rows), Console(file=out, width=120, color_system=None))
        return out.getvalue()

    with_checkins = shown([{**row("Sam", "2026-09-03"), "checkin_scale": 4}, row("Alex")])
    assert "How they are" in with_checkins
    assert "How they are" not in shown([row("Alex")])
