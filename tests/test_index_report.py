"""The report's view of the index: each conversation's count vector (no text but the name), read
without parsing a session when fresh, never trusted blindly, and no cache at all for another
supervisor's store."""

from __future__ import annotations

import sqlite3
from datetime import date

from coachcli.index import cache as index
from coachcli.index import refresh as index_refresh
from coachcli.report.build import StoreRows, build_report
from coachcli.storage import paths
from coachcli.storage.store import Store
from factories import session_dict, write

TODAY = date(2026, 11, 24)
SENTINEL = "ZZSENTINELZZ"


def figures(rows=None, counted=None) -> dict:
    return build_report([StoreRows("own", rows or [], 0, counted)], today=TODAY)


def period_figures(counted, since, until) -> dict:
    return build_report([StoreRows("own", counted=counted)], today=TODAY, since=since, until=until)


def make_store(home, n: int = 6) -> Store:
    for i in range(n):
        data = session_dict(f"202611{10 + i:02d}-abc{i}23", person=f"P{i % 3}")
        data["actions"][0]["text"] = f"{SENTINEL} action {i}"
        if i % 2:
            data["actions"][0]["status"] = "done"
        write(home, data)
    return Store(home)


def test_report_rows_give_the_same_figures_as_the_full_rows(coach_home):
    store = make_store(coach_home)
    full, _ = index.load_rows(store)
    compact, errors = index.load_report_rows(store)  # written, then read back from the index
    again, _ = index.load_report_rows(store)
    assert errors == []
    assert figures(counted=compact) == figures(full) == figures(counted=again)


def test_the_counts_the_report_reads_hold_no_text(coach_home):
    store = make_store(coach_home)
    index.load_report_rows(store)
    with sqlite3.connect(paths.index_path(coach_home)) as db:
        counted = [text for (text,) in db.execute("SELECT counted FROM bodies")]
    assert len(counted) == 6 and not any(SENTINEL in text for text in counted)


def test_a_fresh_index_is_read_without_reading_any_session(coach_home, monkeypatch):
    store = make_store(coach_home)
    index.load_report_rows(store)

    def no_read(*args, **kwargs):
        raise AssertionError("a session file was read")

    monkeypatch.setattr(index_refresh, "derive", no_read)
    rows, _ = index.load_report_rows(store)
    assert len(rows) == 6


def test_a_changed_session_is_counted_as_it_is_now(coach_home):
    store = make_store(coach_home)
    index.load_report_rows(store)
    data = session_dict("20261110-abc023", person="P0")
    data["actions"][0]["status"] = "dropped"
    write(coach_home, data)
    rows, _ = index.load_report_rows(store)
    assert figures(counted=rows)["actions"]["dropped"] == 1


def test_tampered_counts_are_not_believed(coach_home, capsys):
    store = make_store(coach_home)
    good, _ = index.load_report_rows(store)
    with sqlite3.connect(paths.index_path(coach_home)) as db:
        db.execute("UPDATE bodies SET counted = '[[500], []]'")
    rows, _ = index.load_report_rows(store)
    assert figures(counted=rows) == figures(counted=good)
    assert "did not match its own checks" in capsys.readouterr().err


def test_write_false_leaves_another_store_untouched_and_caches_nothing(coach_home, tmp_path):
    store = make_store(coach_home)
    before = sorted(p.name for p in coach_home.iterdir())
    rows, _ = index.load_report_rows(store, write=False)
    assert len(rows) == 6
    assert sorted(p.name for p in coach_home.iterdir()) == before
    assert not paths.cache_root().exists()


def test_overdue_is_counted_for_the_day_of_the_report_not_of_the_index(coach_home):
    data = session_dict("20261101-abc234")
    data["actions"][0]["due"] = "2026-11-20"
    write(coach_home, data)
    conversations, _ = index.load_report_rows(Store(coach_home))
    before = build_report([StoreRows("own", counted=conversations)], today=date(2026, 11, 19))
    after = build_report([StoreRows("own", counted=conversations)], today=date(2026, 11, 21))
    assert (before["actions"]["overdue"], after["actions"]["overdue"]) == (0, 1)


def test_monthly_sums_give_the_same_figures_for_periods_of_whole_months(coach_home):
    for i, (day, person, status, due) in enumerate(
        [
            ("20260915", "Sam", "open", "2026-09-20"),
            ("20260916", "sam", "done", "2026-09-30"),  # another spelling, a later day
            ("20261003", "Ana", "dropped", None),
            ("20261020", "Sam", "open", "2026-12-01"),
            ("20261105", "Lee", "partly", "2026-11-10"),
        ]
    ):
        data = session_dict(f"{day}-abc{i}23", person=person)
        data["actions"][0].update(status=status, due=due)
        write(coach_home, data)
    store = Store(coach_home)
    per_session, _ = index.load_report_rows(store)
    per_month, _ = index.load_report_rows(store, whole_months=True)
    assert len(per_month) == 4 and len(per_session) == 5
    for since, until in [
        (None, None),
        (date(2026, 10, 1), None),
        (date(2026, 9, 1), date(2026, 10, 31)),
    ]:
        per_month_figures = period_figures(per_month, since, until)
        assert per_month_figures == period_figures(per_session, since, until), (since, until)


def test_the_report_command_uses_monthly_sums_only_for_whole_months(coach_home, monkeypatch):
    from coachcli.cli.app import run

    make_store(coach_home)
    seen = []
    real = index.load_report_rows

    def spy(store, **kwargs):
        seen.append(kwargs.get("whole_months", False))
        return real(store, **kwargs)

    monkeypatch.setattr(index, "load_report_rows", spy)
    for argv in (
        ["report", "--json"],
        ["report", "--json", "--since", "2026-11-01"],
        ["report", "--json", "--since", "2026-11-12"],
        ["report", "--json", "--until", "2026-11-30"],
        ["report", "--json", "--until", "2026-11-20"],
    ):
        assert run(argv) == 0
    assert seen == [True, True, False, True, False]
