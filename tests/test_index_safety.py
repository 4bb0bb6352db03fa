"""The index against an unlucky or hostile world: tampered rows, garbage or special files in its
place, a cache that cannot be written, races with ``coach forget``, copied session files, a
killed build; and the cheap validity check never accepts what the model refuses."""

from __future__ import annotations

import copy
import json
import os
import random
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from coachcli.cli.app import run
from coachcli.core.model import Session
from coachcli.index import cache as index
from coachcli.index import refresh as index_refresh
from coachcli.index.validate import plainly_valid
from coachcli.storage import paths
from coachcli.storage.store import Store
from factories import coach, session_dict, write


@pytest.fixture
def store(coach_home) -> Store:
    write(coach_home, session_dict("20261124-abc234"))
    write(coach_home, session_dict("20261125-kim234", person="Kim"))
    return Store(coach_home)


def listing(capsys, *argv) -> tuple[int, str, str]:
    rc = run(["followup", "--no-review", *argv])
    out, err = capsys.readouterr()
    return rc, out, err


def sql(coach_home, statement: str, *args) -> None:
    with sqlite3.connect(paths.index_path(coach_home)) as db:
        db.execute(statement, args)


def test_a_phantom_item_written_into_the_index_is_not_listed(store, coach_home, capsys):
    listing(capsys)
    phantom = {
        "id": "20261124-abc234",
        "person": "Sam",
        "started_at": "2026-11-24T09:00:00+00:00",
        "actions": [{"id": "fake2345", "text": "PHANTOM", "owner": "person", "due": None}],
    }
    sql(coach_home, "UPDATE bodies SET open_row = ?", json.dumps(phantom))
    rc, out, err = listing(capsys)
    assert rc in (0, 6) and "PHANTOM" not in out and out.count("Call the client") == 2
    assert "did not match its own checks" in err


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE files SET hot = 0 WHERE person = 'Kim'",  # hides a real item
        "DELETE FROM files WHERE person = 'Kim'",
        "INSERT INTO files SELECT 'x' || name, ino, size, mtime_ns, ctime_ns, state, detail, sid,"
        " pkey, person, started_at, bank, n_actions, n_open, hot, open_h, row_h, counted_h, kind,"
        " mac, hot_mac, line_mac FROM files WHERE person = 'Kim'",
        "UPDATE meta SET data = replace(data, '\"hot\": 2', '\"hot\": 1')",
        "UPDATE files SET person = 'Mallory' WHERE person = 'Kim'",
        # What a listing reads of a hot row is vouched for by its own MAC:
        "UPDATE files SET state = 1, detail = 'hidden' WHERE person = 'Kim'",
        "UPDATE files SET hot_mac = hot_mac + 1 WHERE person = 'Kim'",
        "UPDATE files SET hot_mac = (SELECT hot_mac FROM files WHERE person = 'Sam')"
        " WHERE person = 'Kim'",
        "UPDATE bodies SET open_row = (SELECT open_row FROM bodies WHERE name LIKE '20261124%')"
        " WHERE name LIKE '20261125%'",
    ],
)
def test_an_edited_index_is_derived_again(store, coach_home, capsys, statement):
    listing(capsys)
    run(["people"])
    capsys.readouterr()
    sql(coach_home, statement)
    _rc, out, _ = listing(capsys)
    assert out.count("Call the client") == 2 and "Kim" in out
    run(["people"])
    out, _ = capsys.readouterr()
    assert "Kim" in out and "Mallory" not in out


@pytest.mark.parametrize("kind", ["garbage", "huge-sparse", "fifo", "symlink", "wal-fifo"])
def test_what_is_in_the_index_place_is_cleared_without_hanging(store, coach_home, capsys, kind):
    listing(capsys)
    where = paths.index_path(coach_home)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(f"{where}{suffix}"):
            os.unlink(f"{where}{suffix}")
    if kind == "garbage":
        where.write_bytes(random.Random(1).randbytes(100_000))
    elif kind == "huge-sparse":
        with open(where, "wb") as fh:
            fh.truncate(5 * 1024**3)
    elif kind == "fifo":
        os.mkfifo(where)
    elif kind == "symlink":
        os.symlink(coach_home / "sessions" / "20261124-abc234.json", where)
    else:
        os.mkfifo(f"{where}-wal")
    rc, out, _ = listing(capsys)
    assert rc in (0, 6) and out.count("Call the client") == 2
    assert where.is_file() and not where.is_symlink()
    assert json.loads((coach_home / "sessions" / "20261124-abc234.json").read_text())


def test_a_folder_in_the_index_place_reads_from_the_files_and_says_so_once(
    store, coach_home, capsys
):
    paths.index_path(coach_home).mkdir(parents=True)
    for argv in (["followup", "--no-review"], ["sessions"], ["people"], ["report", "--json"]):
        index._warned.clear()  # once per command (a process)
        rc = run(argv)
        out, err = capsys.readouterr()
        assert rc in (0, 6), (argv, err)
        assert err.count("cannot use the index") == 1, (argv, err)
        assert "Kim" in out, argv


def test_a_cache_folder_that_cannot_be_created_is_not_an_error(
    store, coach_home, capsys, monkeypatch, tmp_path
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    rc, out, err = listing(capsys)
    assert rc in (0, 6) and out.count("Call the client") == 2
    assert "cannot use the index" in err and "reading the session files directly" in err
    assert run(["followup", "done", "akim"]) == 0  # a write works without any cache
    rc, out, _ = listing(capsys)
    assert out.count("Call the client") == 1


def test_a_full_disk_while_writing_rows_falls_back_to_the_files(store, coach_home, capsys):
    from coachcli.index import db

    real = db.Index.put_many

    def full(self, meta, ready):
        if self.path is not None:
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, meta, ready)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(db.Index, "put_many", full)
        rc, out, err = listing(capsys)
    assert rc in (0, 6) and out.count("Call the client") == 2
    assert "database or disk is full" in err and err.count("cannot use the index") == 1


def test_special_files_among_the_sessions_are_reported_not_read(store, coach_home, capsys):
    folder = coach_home / "sessions"
    os.mkfifo(folder / "20261126-fifo23.json")
    os.symlink(folder / "20261124-abc234.json", folder / "20261127-link23.json")
    rc, out, err = listing(capsys)
    assert rc in (0, 6) and out.count("Call the client") == 2
    assert "2 session files skipped" in err
    _, errors = index.load_rows(store)
    details = sorted(e.detail for e in errors)
    assert details == ["a symbolic link (not followed)", "not a regular file"]


def test_rows_read_before_forget_took_the_lock_are_not_written_back(coach_home, capsys):
    from coachcli.storage.forget import forget

    write(coach_home, session_dict("20261124-abc234", person="Robin"))
    write(coach_home, session_dict("20261125-abc234", person="Alex"))
    store = Store(coach_home)
    real = index_refresh.derive
    done = []

    def slow_reader(name, *args):
        state = real(name, *args)  # the reader has parsed Robin's file...
        if state is not None and state.row and state.row["person"] == "Robin" and not done:
            done.append(forget(store, "Robin"))  # ...when forget runs to the end
        return state

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_refresh, "derive", slow_reader)
        rows, _ = index.load_rows(store)
    assert done and [r["person"] for r in rows] == ["Alex"]
    rows, _ = index.load_rows(store)
    assert [r["person"] for r in rows] == ["Alex"]
    where = paths.index_path(coach_home)
    for suffix in ("", "-wal"):
        if os.path.exists(f"{where}{suffix}"):
            assert b"Robin" not in Path(f"{where}{suffix}").read_bytes()


def test_coach_own_write_updates_one_row_and_the_next_listing_reads_no_file(
    store, coach_home, capsys
):
    listing(capsys)
    assert run(["followup", "done", "aabc234x"]) == 0
    capsys.readouterr()

    def no_read(*args, **kwargs):
        raise AssertionError("a session file was read after coach's own write")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_refresh, "derive", no_read)
        _rc, out, _ = listing(capsys)
    assert out.count("Call the client") == 1  # the other session's item only


def test_a_copied_session_file_is_listed_once_and_reported(store, coach_home, capsys):
    folder = coach_home / "sessions"
    shutil.copy2(folder / "20261124-abc234.json", folder / "20261124-abc234copy.json")
    rc, out, err = listing(capsys)
    assert out.count("Call the client") == 2 and "1 session file skipped" in err
    rc = run(["doctor"])
    out, _ = capsys.readouterr()
    assert rc == 3 and "a copy" in out


def test_an_item_in_two_files_is_never_claimed_changed(store, coach_home, capsys):
    folder = coach_home / "sessions"
    twin = json.loads((folder / "20261124-abc234.json").read_text())
    twin["id"] = "20261124-twin23"
    write(coach_home, twin)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    rc = run(["followup", "done", "aabc234x"])
    out, err = capsys.readouterr()
    assert rc == 3 and "marked done" not in out
    assert "holds item aabc234x" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    rc = run(["doctor"])
    out, _ = capsys.readouterr()
    assert "item aabc234x is also in" in out


def _killed_after_four_reads(store: Store, monkeypatch) -> tuple[list[str], object]:
    """A build of ``store`` killed as it reads its fifth file: the names it read, and the real
    ``derive`` to put back."""
    real = index_refresh.derive
    read: list[str] = []

    def dies_after_four(name, *args):
        if len(read) == 4:
            raise KeyboardInterrupt  # as a kill would
        read.append(name)
        return real(name, *args)

    monkeypatch.setattr(index_refresh, "derive", dies_after_four)
    with pytest.raises(KeyboardInterrupt):
        index.load_rows(store)
    return read, real


def test_a_killed_build_resumes_where_it_stopped(coach_home, monkeypatch):
    for n in range(6):
        write(coach_home, session_dict(f"2026111{n}-abc234"))
    store = Store(coach_home)
    monkeypatch.setattr(index_refresh, "BATCH", 2)
    read, real = _killed_after_four_reads(store, monkeypatch)
    monkeypatch.setattr(
        index_refresh, "derive", lambda name, *a: read.append(name) or real(name, *a)
    )
    rows, _ = index.load_rows(store)
    assert len(rows) == 6 and len(read) == 6  # the last two only, not all six again


def _index_names(coach_home) -> set[str]:
    with sqlite3.connect(paths.index_path(coach_home)) as db:
        found = db.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
    return {name for (name,) in found if not name.startswith("sqlite_")}


ALL_INDEXES = {"files_mac", "files_hot", "files_sid", "files_person", "items_id", "items_name"}


def test_a_big_build_makes_its_late_indexes_at_the_end(coach_home, monkeypatch):
    for n in range(5):
        write(coach_home, session_dict(f"2026111{n}-abc234"))
    monkeypatch.setattr(index_refresh, "LATE_INDEXES_FROM", 1)
    monkeypatch.setattr(index_refresh, "BATCH", 2)
    rows, _ = index.load_rows(Store(coach_home))
    assert len(rows) == 5 and _index_names(coach_home) == ALL_INDEXES


def test_a_build_killed_without_its_late_indexes_makes_them_next_time(coach_home, monkeypatch):
    for n in range(6):
        write(coach_home, session_dict(f"2026111{n}-abc234"))
    store = Store(coach_home)
    monkeypatch.setattr(index_refresh, "LATE_INDEXES_FROM", 1)
    monkeypatch.setattr(index_refresh, "BATCH", 2)
    _read, real = _killed_after_four_reads(store, monkeypatch)
    assert not {"files_mac", "items_id"} & _index_names(coach_home)
    monkeypatch.setattr(index_refresh, "LATE_INDEXES_FROM", 10**9)  # a small resumed build
    monkeypatch.setattr(index_refresh, "derive", real)
    rows, _ = index.load_rows(store)
    assert len(rows) == 6 and _index_names(coach_home) == ALL_INDEXES
    assert index.item_ids(store).count("aabc234x") == 6  # every file's items are there


def test_a_slow_build_says_what_it_does(coach_home, capsys, monkeypatch):
    for n in range(3):
        write(coach_home, session_dict(f"2026111{n}-abc234"))
    monkeypatch.setattr(index_refresh, "PROGRESS_AFTER", 0.0)
    monkeypatch.setattr(index_refresh, "PROGRESS_MIN_FILES", 1)
    index.load_rows(Store(coach_home))
    err = capsys.readouterr().err
    assert "coach: indexing 3 session files" in err and "indexed 3 session files" in err


@pytest.mark.slow
def test_a_build_on_several_processes_gives_the_same_rows(coach_home, monkeypatch):
    for n in range(7):
        write(coach_home, session_dict(f"2026111{n}-abc234", person=f"P{n % 3}"))
    (coach_home / "sessions" / "20261119-bad234.json").write_text("{")
    store = Store(coach_home)
    serial = index.load_rows(store)
    shutil.rmtree(paths.cache_dir(coach_home))
    monkeypatch.setattr(index_refresh, "PARALLEL_FROM", 1)
    monkeypatch.setattr(index_refresh, "BATCH", 2)
    parallel = index.load_rows(store)
    assert parallel[0] == serial[0]
    assert [e.message for e in parallel[1]] == [e.message for e in serial[1]]


# -- the cheap check is never looser than the model -------------------------------------------
def _mutations(data: dict, rng: random.Random):
    """Copies of ``data`` with one value somewhere replaced by something odd."""
    odd = [None, 0, 1, 11, -1, 7.0, True, "", " ", "x" * 201, [], {}, "2026-13-01",
           "2026-02-30T10:00:00", "2026-11-24", "2026-11-24T09:00:00+00:00", "open", "done",
           "bank", "weird", "ABCD", "abcd", "20261124-abc234"]  # fmt: skip

    def places(value, where=()):
        yield where
        if isinstance(value, dict):
            for key, child in value.items():
                yield from places(child, (*where, key))
        elif isinstance(value, list):
            for i, child in enumerate(value):
                yield from places(child, (*where, i))

    spots = list(places(data))[1:]
    for _ in range(400):
        mutated = copy.deepcopy(data)
        where = rng.choice(spots)
        parent = mutated
        for key in where[:-1]:
            parent = parent[key]
        if rng.random() < 0.15 and isinstance(parent, dict):
            parent.pop(where[-1])
        elif rng.random() < 0.1 and isinstance(parent, dict):
            parent["unknown"] = 1
        else:
            parent[where[-1]] = rng.choice(odd)
        yield mutated


def test_the_cheap_check_accepts_nothing_the_model_refuses():
    full = session_dict("20261124-abc234")
    full["actions"].append(
        {
            "id": "done2345",
            "text": "t",
            "owner": "supervisor",
            "due": "2026-12-01",
            "confidence": 9,
            "status": "done",
            "created_at": "2026-11-24T09:00:00Z",
            "learned": "",
            "history": [
                {"at": "2026-11-24T09:00:00.5+01:00", "status": "done", "event": "done"},
            ],
        }
    )
    assert plainly_valid(full)
    Session.model_validate(full)
    accepted = 0
    for mutated in _mutations(full, random.Random(7)):
        if plainly_valid(mutated):
            accepted += 1
            Session.model_validate(mutated)  # must not raise
    assert 0 < accepted < 400


@pytest.mark.parametrize("seed", [1, 2])
def test_the_cheap_check_of_items_and_their_history_is_never_looser_than_the_model(seed):
    # ``_action`` and ``_change`` are written out for speed: every field of several items and
    # history entries, replaced by something odd, must still be refused or be valid.
    day = "2026-11-24T09:00:00+00:00"
    change = {"at": day, "status": "open", "due": "2026-12-01", "note": "", "event": "created"}
    actions = [
        {
            "id": f"item{n}abc",
            "text": "t",
            "owner": "person",
            "due": "2026-12-01",
            "confidence": 7,
            "status": status,
            "created_at": day,
            "learned": "",
            "done_on": "2026-11-30" if status == "done" else None,
            "drop_reason": "",
            "follows": None,
            "check": "vague",
            "history": [change, {**change, "status": status, "event": event, "note": "n"}],
        }
        for n, (status, event) in enumerate([("done", "done"), ("open", "rescheduled")])
    ]
    full = session_dict("20261124-abc234", actions=actions)
    assert plainly_valid(full)
    Session.model_validate(full)
    accepted = 0
    for mutated in _mutations(full, random.Random(seed)):
        if plainly_valid(mutated):
            accepted += 1
            Session.model_validate(mutated)  # must not raise
    assert 0 < accepted < 400


def test_a_day_or_time_once_valid_does_not_make_a_wrong_one_pass():
    good = session_dict("20261124-abc234")
    assert plainly_valid(good)
    for key, value in [("due", "2026-02-30"), ("due", 20261201), ("created_at", "2026-11-24")]:
        wrong = copy.deepcopy(good)
        wrong["actions"][0][key] = value
        assert not plainly_valid(wrong)
    assert plainly_valid(good)  # and the right ones still pass


def test_what_coach_writes_today_passes_the_cheap_check():
    # Every field of the current model, as coach writes it (defaults included): a cold build
    # must not fall back to the model for ordinary files.
    data = session_dict("20261124-abc234")
    data["checkin"] = {"words": "tired", "scale": 6}
    data["next_meeting"] = "2026-12-08"
    data["edits"] = [{"at": "2026-11-25T10:00:00Z", "changes": ["supervisor_notes"]}]
    data["actions"][0].update(done_on="2026-11-26", status="done", follows="abcd2345")
    written = json.loads(Session.model_validate(data).to_json_bytes())
    assert plainly_valid(written)
    for key, value in [("checkin", {"scale": 11}), ("next_meeting", "soon"), ("edits", [{}])]:
        assert not plainly_valid({**written, key: value})


def test_a_mentoring_conversation_as_coach_writes_it_passes_the_cheap_check():
    data = session_dict("20261124-abc234")
    data["kind"] = "mentoring"
    data["agenda"] = {"want": "", "advice": "", "take_over": "tell them how I did it"}
    data["mentoring"] = {
        "agenda": "whether to apply for the lead role",
        "serves_goal": "abcd2345",
        "grow_into": "leading a team",
        "goal_reviews": [
            {"goal_id": "abcd2345", "goal": "present to the board", "scale": 6, "status": "open"}
        ],
        "goals_set": [{"goal_id": "efgh2345", "goal": "run a retro", "horizon_date": "2027-01-15"}],
        "offers": [{"kind": "introduction", "text": "meet Ana", "taken_up": True}],
        "relationship": {"agreed": True, "cadence": "monthly", "check_scale": 8},
    }
    written = json.loads(Session.model_validate(data).to_json_bytes())
    assert written["mentoring"]["relationship"]["agreed"] is True
    assert plainly_valid(written)
    m = written["mentoring"]
    wrong = [
        {**written, "kind": "therapy"},
        {**written, "mentoring": {**m, "serves_goal": "no"}},
        {**written, "mentoring": {**m, "offers": [{"kind": "advice", "text": "x"}]}},
        {**written, "mentoring": {**m, "goals_set": [{"goal_id": "efgh2345"}]}},
        {**written, "mentoring": {**m, "relationship": {"check_scale": 11}}},
        {**written, "mentoring": {**m, "goal_reviews": [{**m["goal_reviews"][0], "x": 1}]}},
    ]
    for mutated in wrong:
        assert not plainly_valid(mutated)
        with pytest.raises(ValueError):
            Session.model_validate(mutated)


def test_the_cheap_check_knows_every_field_of_the_model():
    # A field added to the model must be added to the cheap check (or every new file would
    # be sent to the model, and a cold build would be slow again).
    from coachcli.core import model
    from coachcli.index import validate

    pairs = [
        (validate._TOP, model.Session),
        (validate._ACTION, model.ActionItem),
        (validate._CHANGE, model.StatusChange),
        (validate._QUESTION, model.AskedQuestion),
        (validate._ASSUMPTION, model.Assumption),
        (validate._CHECKIN, model.CheckIn),
        (validate._EDIT, model.Edit),
        (validate._AFTER, model.AfterCheck),
        (validate._LISTENING, model.Listening),
        (validate._AGENDA, model.OwnAgenda),
        (validate._MENTORING, model.Mentoring),
        (validate._GOAL_REVIEW, model.GoalReview),
        (validate._NEW_GOAL, model.NewGoal),
        (validate._OFFER, model.Offer),
        (validate._RELATIONSHIP, model.Relationship),
    ]
    for keys, cls in pairs:
        assert keys == set(cls.model_fields), cls.__name__


def test_the_people_summary_is_kept_until_a_session_changes(store, coach_home, capsys):
    from coachcli.index.db import Index

    assert [p["person"] for p in index.load_people(store)] == ["Kim", "Sam"]

    def no_scan(*args, **kwargs):
        raise AssertionError("the people were counted again with no session changed")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Index, "verify_totals", no_scan)
        assert [p["sessions"] for p in index.load_people(store)] == [1, 1]
    write(coach_home, session_dict("20261126-noo234", person="Noor"))
    write(coach_home, session_dict("20261127-kim567", person="Kim"))
    people = {p["person"]: p for p in index.load_people(store)}
    assert sorted(people) == ["Kim", "Noor", "Sam"]
    assert people["Kim"]["sessions"] == 2
    assert people["Kim"]["recent"] == ["20261127-kim567", "20261125-kim234"]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE memo SET data = replace(data, 'Kim', 'Mallory')",
        "UPDATE memo SET rows = rows + 1, mac_sum = mac_sum + 1",  # a summary of other rows
        "UPDATE memo SET mac = mac + 1",
    ],
)
def test_an_edited_people_summary_is_made_again(store, coach_home, capsys, statement):
    assert coach(capsys, "people")[0] == 0
    sql(coach_home, statement)
    rc, out, _ = coach(capsys, "people")
    assert rc == 0 and "Kim" in out and "Mallory" not in out


def test_a_summary_is_not_kept_over_rows_a_writer_changed_meanwhile(store, coach_home):
    from coachcli.index.cache import ask
    from coachcli.index.query import people

    def stale(ix, meta):
        found = people(ix, meta)
        write(coach_home, session_dict("20261126-noo234", person="Noor"))
        ask(store, lambda ix2, meta2: None)  # another process brings the index up to date
        ix.keep_memo("people", meta, [{"person": "Mallory"}])  # too late: not kept
        return found

    ask(store, stale)
    assert "Mallory" not in [p["person"] for p in index.load_people(store)]


def test_a_listing_reads_the_hot_rows_without_a_scan_or_a_sort(store, coach_home, capsys):
    from coachcli.index import query

    listing(capsys)
    statement = query.HOT_QUERY
    with sqlite3.connect(paths.index_path(coach_home)) as db:
        plan = " ".join(row[-1] for row in db.execute(f"EXPLAIN QUERY PLAN {statement}"))
    assert "files_hot" in plan and "TEMP B-TREE" not in plan, plan


def test_a_hot_row_whose_body_was_removed_is_derived_again(store, coach_home, capsys):
    listing(capsys)
    sql(coach_home, "DELETE FROM bodies WHERE name LIKE '20261125%'")
    rc, out, err = listing(capsys)
    assert rc in (0, 6) and out.count("Call the client") == 2 and "Kim" in out
    assert "did not match its own checks" in err


def test_the_indexes_a_build_makes_at_its_end_are_those_of_a_new_index():
    from coachcli.index.db import LATE_INDEXES, TABLES

    for statement in LATE_INDEXES:
        assert statement + ";" in TABLES, statement


def _written_variants(rng: random.Random):
    """A session as coach writes it, and bytes near it that the strict reader may refuse."""
    data = session_dict(f"2026112{rng.randrange(10)}-abc23{rng.randrange(10)}")
    data["person"] = rng.choice(["Sam", "Zoë Ñúñez", "王芳", "A\u202eB", "tab\there", 'q"uote'])
    text = json.dumps(data, indent=2, ensure_ascii=False)
    yield "coach", (text + "\n").encode("utf-8")
    yield "no newline", text.encode("utf-8")
    yield "ascii", (json.dumps(data, indent=2) + "\n").encode("utf-8")
    yield "compact", json.dumps(data).encode("utf-8")
    yield "bom", b"\xef\xbb\xbf" + text.encode("utf-8")
    yield "duplicate", text.replace('"person":', '"person": "X",\n  "person":', 1).encode("utf-8")
    yield "surrogate", text.replace('"bank": "coaching"', '"bank": "\\ud800"').encode("utf-8")
    yield "nan", text.replace('"schema_version": 1', '"schema_version": NaN').encode("utf-8")
    yield "big", text.replace('"schema_version": 1', f'"schema_version": {2**70}').encode("utf-8")
    yield "float", text.replace('"schema_version": 1', '"schema_version": 1e16').encode("utf-8")
    yield "spaces", (text + "  \n\n").encode("utf-8")
    yield "crlf", text.replace("\n", "\r\n").encode("utf-8")
    yield "latin-1", text.encode("utf-8").replace("ë".encode(), b"\xeb")
    yield "cut", text.encode("utf-8")[: rng.randrange(1, len(text))]


def test_the_fast_reader_of_written_files_agrees_with_the_strict_one():
    from coachcli.core.bulkjson import written_loads
    from coachcli.storage.sessionfile import parse_json_bytes

    fast = written_loads()
    assert fast is not None
    rng = random.Random(11)
    used = 0
    for _ in range(150):
        for kind, raw in _written_variants(rng):
            got = fast(raw)
            try:
                strict = parse_json_bytes("x.json", raw)
            except Exception:
                assert got is None, kind
                continue
            if got is not None:
                used += 1
                assert got == strict and json.dumps(got) == json.dumps(strict), kind
            elif kind in ("coach", "no newline"):
                raise AssertionError(f"a file as coach writes it missed the fast reader: {raw!r}")
    assert used >= 300


def _people_counted(store) -> tuple[bool, list]:
    """The people summary, and whether it was counted again (a scan of every row) rather than
    read from the index's memo."""
    from coachcli.index.db import Index

    scans = []
    verify = Index.verify_totals

    def spy(self, meta, **kwargs):
        if not kwargs.get("hot_only"):
            scans.append(meta)
        return verify(self, meta, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Index, "verify_totals", spy)
        people = index.load_people(store)
    return bool(scans), people


def _recounted(store, coach_home) -> list:
    sql(coach_home, "DELETE FROM memo")
    return index.load_people(store)


def test_an_item_marked_done_leaves_the_people_summary_to_the_next_listing(
    store, coach_home, capsys
):
    # The file as coach writes it (the factory's times say +00:00 where coach writes Z, and
    # the people show that text: the first rewrite rightly counts them again).
    assert coach(capsys, "followup", "partly", "akim234x", "--note", "started")[0] == 0
    assert _people_counted(store)[0]
    assert coach(capsys, "followup", "done", "akim234x")[0] == 0
    counted, people = _people_counted(store)
    assert not counted  # carried through the write, not counted again
    assert people == _recounted(store, coach_home)
    assert coach(capsys, "followup", "reopen", "akim234x")[0] == 0
    assert not _people_counted(store)[0]


@pytest.mark.parametrize(
    "change",
    [
        lambda session: setattr(session, "next_meeting", date(2027, 1, 4)),
        lambda session: setattr(session, "person", "KIM"),  # another spelling of the name
    ],
    ids=["next meeting", "spelling"],
)
def test_a_write_that_changes_what_the_people_show_counts_them_again(
    store, coach_home, capsys, change
):
    before = index.load_people(store)
    store.update_session("20261125-kim234", change)
    counted, people = _people_counted(store)
    assert counted
    assert people != before
    assert people == _recounted(store, coach_home)


def test_a_forged_row_stops_the_summary_being_carried_and_the_write_still_lands(
    store, coach_home, capsys
):
    index.load_people(store)
    sql(coach_home, "UPDATE files SET person = 'Mallory' WHERE name = '20261125-kim234.json'")
    assert coach(capsys, "followup", "done", "akim234x")[0] == 0
    people = index.load_people(store)
    assert "Mallory" not in [p["person"] for p in people]
    assert people == _recounted(store, coach_home)
    rc, out, _ = coach(capsys, "followup", "--all", "--json")
    assert rc == 0 and json.loads(out)[1]["status"] == "done"


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE files SET person = 'Mallory' WHERE person = 'Kim'",
        "UPDATE files SET n_open = 9 WHERE person = 'Kim'",
        "UPDATE files SET started_at = '2020-01-01T09:00:00Z' WHERE person = 'Kim'",
        "UPDATE files SET state = 1 WHERE person = 'Kim'",  # hides the session
        "UPDATE files SET line_mac = line_mac + 1 WHERE person = 'Kim'",
        "UPDATE files SET line_mac = (SELECT line_mac FROM files WHERE person = 'Sam')"
        " WHERE person = 'Kim'",
        "DELETE FROM files WHERE person = 'Kim'",
        "UPDATE meta SET data = replace(data, '\"line_sum\": ', '\"line_sum\": 1')",
    ],
)
@pytest.mark.parametrize("shown", [["--json"], ["--limit", "5"]])
def test_an_edited_line_is_noticed_and_the_sessions_listed_as_they_are(
    store, coach_home, capsys, statement, shown
):
    rc, before, _ = coach(capsys, "sessions", *shown)
    assert rc == 0 and "Kim" in before
    sql(coach_home, statement)
    rc, out, _ = coach(capsys, "sessions", *shown)
    assert rc == 0
    assert out == before  # the true sessions, read again from their files


def test_sessions_list_what_the_files_say_in_every_way_of_asking(store, coach_home, capsys):
    write(coach_home, session_dict("20261126-noo234", person="Noor"))
    write(coach_home, {**session_dict("20261127-bad234"), "actions": "not a list"})  # damaged
    rc, out, _ = coach(capsys, "sessions", "--json")
    assert rc == 0
    assert [s["id"] for s in json.loads(out)] == [
        "20261124-abc234",
        "20261125-kim234",
        "20261126-noo234",
    ]
    rc, out, _ = coach(capsys, "sessions", "--json", "--person", "kim")
    assert [s["id"] for s in json.loads(out)] == ["20261125-kim234"]
    rc, out, _ = coach(
        capsys, "sessions", "--json", "--since", "2026-11-25", "--until", "2026-11-25"
    )
    assert [s["id"] for s in json.loads(out)] == ["20261125-kim234"]
    rc, out, _ = coach(capsys, "sessions", "--limit", "2")
    assert "20261124-abc234" not in out and "20261126-noo234" in out
    assert "the last 2 of 3 sessions" in out  # the damaged file is not counted


def test_a_session_moved_out_of_the_dates_asked_for_is_noticed(store, coach_home, capsys):
    asked = ("sessions", "--json", "--since", "2026-11-25")
    rc, before, _ = coach(capsys, *asked)
    assert rc == 0 and "kim234" in before
    sql(coach_home, "UPDATE files SET started_at = '2020-01-01T09:00:00Z' WHERE person = 'Kim'")
    rc, out, _ = coach(capsys, *asked)
    assert rc == 0 and out == before


@pytest.mark.parametrize("shown", [["--json"], ["--limit", "5"]])
def test_a_session_moved_to_another_name_is_noticed(store, coach_home, capsys, shown):
    asked = ("sessions", "--person", "Kim", *shown)
    rc, before, _ = coach(capsys, *asked)
    assert rc == 0 and "kim234" in before
    sql(coach_home, "UPDATE files SET pkey = 'sam' WHERE person = 'Kim'")
    rc, out, _ = coach(capsys, *asked)
    assert rc == 0 and out == before


def test_the_checks_compute_the_macs_the_rows_were_written_with():
    """``Index.check``, ``check_hot`` and ``check_line`` start from hashes the index keeps
    (the key, and the line tag, absorbed once): each gives exactly ``row_mac``, ``hot_mac``
    and ``line_mac``, over any values, and refuses a MAC one bit off."""
    from coachcli.index.db import HOT_COLUMNS, Index, Tampered, hot_mac, line_mac, row_mac

    rng = random.Random(5)
    key = os.urandom(32)
    ix = Index(sqlite3.connect(":memory:"), key, None, "")
    pieces = [None, 0, -3, 2**40, "", "Zoë", 'tab\t"quote"', "\ud800lone", "x" * 300]
    for _ in range(400):
        values = tuple(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        assert ix.check((*values, row_mac(key, values))) is not None
        assert ix.check_line((*values, line_mac(key, values))) is not None
        hot = tuple(rng.choice(pieces) for _ in range(HOT_COLUMNS))
        text = rng.choice([None, "", '{"actions":[]}', "Zoë \ud800"])
        assert ix.check_hot((*hot, hot_mac(key, hot, text), text)) is not None
        with pytest.raises(Tampered):
            ix.check((*values, row_mac(key, values) ^ 1))
        with pytest.raises(Tampered):
            ix.check_line((*values, row_mac(key, values)))  # a row MAC is no line MAC
        with pytest.raises(Tampered):
            ix.check_hot((*hot, hot_mac(key, hot, text) ^ 1, text))
