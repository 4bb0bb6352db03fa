"""``coach report`` end to end: session files with known figures, the program view over several
read-only stores, stable pseudonyms, and no note text in any output."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from coachcli.cli.app import run
from factories import coach, fill_known_store, session_on, snapshot

TODAY = date(2026, 11, 24)
SENTINEL = "Zq7SECRETnote"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("coachcli.cli.report._today", lambda: TODAY)


def report_json(capsys, *args: str) -> dict:
    rc, out, err = coach(capsys, "report", "--json", *args)
    assert rc == 0, out + err
    return json.loads(out)


# -- the own store -----------------------------------------------------------------------------
def test_report_on_the_own_store_gives_the_known_figures(coach_home, capsys):
    fill_known_store(coach_home)
    got = report_json(capsys)
    assert got["summary"]["conversations"] == 3 and got["summary"]["people"] == 2
    a = got["actions"]
    assert (a["created"], a["done"], a["partly"], a["dropped"], a["open"]) == (6, 2, 1, 1, 2)
    assert (a["on_time"], a["overdue"]) == (1, 1)
    assert (a["completion_rate"], a["on_time_rate"]) == (round(2 / 6, 4), 0.5)
    assert (a["owner_person"], a["owner_supervisor"]) == (4, 2)
    assert [(m["month"], m["conversations"]) for m in got["months"]] == [
        ("2026-09", 1),
        ("2026-10", 1),
        ("2026-11", 1),
    ]
    people = {p["person"]: p for p in got["people"]}
    assert (people["Sam"]["days_since_last"], people["Sam"]["neglected"]) == (45, True)
    assert (people["Alex"]["days_since_last"], people["Alex"]["neglected"]) == (4, False)
    skills = got["skills"]
    assert skills["all_four"] == {"count": 3, "share": 1.0}
    assert skills["agenda_took_over"]["partly"] == {"count": 3, "share": 1.0}


def test_period_and_person_filter_the_conversations(coach_home, capsys):
    fill_known_store(coach_home)
    got = report_json(capsys, "--since", "2026-10-01", "--until", "2026-10-31")
    assert got["summary"]["conversations"] == 1
    assert got["actions"]["created"] == 2 and got["actions"]["supervisor_share"] == 1.0
    assert (got["since"], got["until"]) == ("2026-10-01", "2026-10-31")
    got = report_json(capsys, "--person", "alex")
    assert got["summary"]["conversations"] == 1
    assert [p["person"] for p in got["people"]] == ["Alex"]


def test_an_unknown_person_is_not_found(coach_home, tmp_path, capsys):
    fill_known_store(coach_home)
    assert run(["report", "--person", "Nobody"]) == 8
    assert "no sessions with the person given to --person" in capsys.readouterr().err
    fill_known_store(tmp_path / "ana")
    assert run(["report", "--store", str(tmp_path / "ana"), "--person", "Nobody"]) == 8
    err = capsys.readouterr().err
    assert "Nobody" not in err and "coach people" not in err


def test_terminal_and_csv_show_the_same_store(coach_home, capsys):
    fill_known_store(coach_home)
    assert run(["report"]) == 0
    out, err = capsys.readouterr()
    assert "Conversations: 3 with 2 people" in out, out + err
    assert "6 created: 2 done, 1 partly, 1 dropped, 2 open (1 overdue)" in out
    assert run(["report", "--csv"]) == 0
    out, _ = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out)))
    value = {(r["section"], r["metric"]): r["value"] for r in rows if r["store"] == "(all)"}
    assert value[("summary", "conversations")] == "3"
    assert value[("actions", "on_time_rate")] == "0.5"


def test_an_empty_store_reports_nothing_without_failing(capsys):
    got = report_json(capsys)
    assert got["summary"]["conversations"] == 0 and got["people"] == []
    assert run(["report"]) == 0
    assert "No conversations in this period." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["--json", "--csv"], 2, "choose one of --json and --csv"),
        (["--since", "someday soon"], 2, "--since"),
        (["--since", "2026-11-02", "--until", "2026-11-01"], 2, "is after --until"),
        (["--since", "2026-11-25"], 2, "is after today"),
        (["--store", "/no/such/coach/store"], 8, "no such folder"),
    ],
)
def test_bad_arguments_are_refused_with_one_line(args, code, says, capsys):
    rc = run(["report", *args])
    out, err = capsys.readouterr()
    assert rc == code, out + err
    assert says in err, err


def test_the_same_store_twice_is_refused(tmp_path, capsys):
    fill_known_store(tmp_path / "ana")
    rc = run(["report", "--store", str(tmp_path / "ana"), "--store", f"{tmp_path}/./ana/"])
    assert rc == 2
    assert "given twice" in capsys.readouterr().err


def test_a_folder_without_sessions_is_not_a_store(tmp_path, capsys):
    rc = run(["report", "--store", str(tmp_path)])
    assert rc == 8
    assert "not a coach store" in capsys.readouterr().err


# -- program view ------------------------------------------------------------------------------
def test_program_report_pseudonyms_are_stable_across_stores_and_runs(tmp_path, capsys):
    ana, ben = tmp_path / "ana", tmp_path / "ben"
    fill_known_store(ana)
    fill_known_store(ben, names=("sam", "Kim"))
    first = report_json(capsys, "--store", str(ana), "--store", str(ben))
    again = report_json(capsys, "--store", str(ben), "--store", str(ana))
    assert first["program"] and first["pseudonyms"]
    assert [s["store"] for s in first["stores"]] == ["store 1", "store 2"]
    assert [s["conversations"] for s in first["stores"]] == [3, 3]
    by_store = {}
    for p in first["people"]:
        assert p["person"].startswith("person-"), p
        by_store.setdefault(p["store"], set()).add(p["person"])
    shared = by_store["store 1"] & by_store["store 2"]
    assert len(shared) == 1  # Sam and sam are one name in both stores
    assert {p["person"] for p in again["people"]} == by_store["store 1"] | by_store["store 2"]
    assert first["summary"]["conversations"] == 6 and first["summary"]["people"] == 3


def test_the_salt_lives_in_the_own_store_and_keys_the_pseudonyms(coach_home, tmp_path, capsys):
    store = tmp_path / "ana"
    fill_known_store(store)
    first = report_json(capsys, "--store", str(store))
    salt = coach_home / "report-salt"
    assert salt.stat().st_mode & 0o777 == 0o600
    assert len(salt.read_text().strip()) == 64
    assert report_json(capsys, "--store", str(store))["people"] == first["people"]
    salt.unlink()  # a new salt gives new pseudonyms: nothing else can reverse them
    other = report_json(capsys, "--store", str(store))
    assert {p["person"] for p in other["people"]}.isdisjoint({p["person"] for p in first["people"]})


def test_a_damaged_salt_is_reported_not_replaced(coach_home, tmp_path, capsys):
    store = tmp_path / "ana"
    fill_known_store(store)
    coach_home.mkdir(parents=True, exist_ok=True)
    (coach_home / "report-salt").write_text("not hex\n")
    rc = run(["report", "--store", str(store)])
    _, err = capsys.readouterr()
    assert rc == 3, err
    assert "report-salt" in err and "not a report salt" in err
    assert (coach_home / "report-salt").read_text() == "not hex\n"


def test_names_shows_people_and_folders(tmp_path, capsys):
    fill_known_store(tmp_path / "ana")
    fill_known_store(tmp_path / "x" / "ana")
    got = report_json(
        capsys, "--names", "--store", str(tmp_path / "ana"), "--store", str(tmp_path / "x" / "ana")
    )
    assert [s["store"] for s in got["stores"]] == ["ana", "ana (2)"]
    assert {p["person"] for p in got["people"]} == {"Sam", "Alex"}
    assert got["pseudonyms"] is False


def test_other_stores_are_never_written(coach_home, tmp_path, capsys):
    ana = tmp_path / "ana"
    fill_known_store(ana)
    (ana / "sessions" / "20260101-broken.json").write_text("{ not json")
    before = snapshot(ana)
    for fmt in ([], ["--json"], ["--csv"], ["--names"]):
        assert run(["report", "--store", str(ana), *fmt]) == 0
    capsys.readouterr()
    assert snapshot(ana) == before
    assert not (ana / "index.json").exists() and not (ana / "report-salt").exists()


def test_damaged_files_are_skipped_with_a_note_naming_the_path(tmp_path, capsys):
    ana, ben = tmp_path / "ana", tmp_path / "ben"
    fill_known_store(ana)
    fill_known_store(ben)
    broken = ben / "sessions" / "20260101-broken.json"
    broken.write_text('{"person": "' + SENTINEL + '", ')
    rc = run(["report", "--json", "--store", str(ana), "--store", str(ben)])
    out, err = capsys.readouterr()
    assert rc == 0, err
    assert f"coach: store 2: session file skipped: {broken}: invalid JSON" in err
    assert len(err.strip().splitlines()) == 1, err
    assert [s["skipped_files"] for s in json.loads(out)["stores"]] == [0, 1]


def test_damaged_files_in_the_own_store_are_skipped_too(coach_home, capsys):
    fill_known_store(coach_home)
    broken = coach_home / "sessions" / "20260101-broken.json"
    broken.write_text("[1, 2")
    newer = session_on("Sam", date(2026, 2, 2))
    newer["schema_version"] = 99
    (coach_home / "sessions" / f"{newer['id']}.json").write_text(json.dumps(newer))
    rc = run(["report", "--json"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    assert f"coach: your store: session file skipped: {broken}: invalid JSON" in err, err
    assert "newer coachcli" in err, err
    got = json.loads(out)
    assert got["stores"][0]["skipped_files"] == 2
    assert got["summary"]["conversations"] == 3


# -- nothing confidential leaks ----------------------------------------------------------------
def sentinel_store(root: Path, person: str) -> None:
    fill_known_store(root, text=SENTINEL, names=(person, person + " Two"))
    bad = session_on(person, date(2026, 11, 1), text=SENTINEL)
    bad["actions"][0]["confidence"] = SENTINEL  # fails validation: the error must not quote it
    (root / "sessions" / f"{bad['id']}.json").write_text(json.dumps(bad))
    (root / "sessions" / "20261102-broken.json").write_text(f'{{"text": "{SENTINEL}" ')


@pytest.mark.parametrize("fmt", [[], ["--json"], ["--csv"]])
def test_program_report_leaks_no_note_text_and_no_names(tmp_path, capsys, fmt):
    stores = []
    for i, person in enumerate(("ZqPersonAna", "ZqPersonBen")):
        root = tmp_path / f"supervisor{i}"
        sentinel_store(root, person)
        stores += ["--store", str(root)]
    rc = run(["report", *stores, *fmt])
    out, err = capsys.readouterr()
    assert rc == 0, err
    assert "person-" in out, out
    for secret in (SENTINEL, "ZqPerson", "supervisor0", "supervisor1"):
        assert secret.casefold() not in out.casefold(), (secret, out)
    assert SENTINEL.casefold() not in err.casefold(), err
    assert err.count("session file skipped") == 4, err


@pytest.mark.parametrize("fmt", [[], ["--json"], ["--csv"]])
def test_own_report_shows_names_but_no_note_text(coach_home, capsys, fmt):
    sentinel_store(coach_home, "Sam")
    rc = run(["report", *fmt])
    out, err = capsys.readouterr()
    assert rc == 0, err
    assert "Sam" in out
    assert SENTINEL.casefold() not in (out + err).casefold(), out + err


@pytest.mark.slow
# -- speed path --------------------------------------------------------------------------------
def test_a_fresh_index_is_reported_without_pydantic(coach_home):
    fill_known_store(coach_home)
    env = {**os.environ, "COACH_HOME": str(coach_home)}
    code = (
        "import sys, json\n"
        "from coachcli.cli.app import run\n"
        "rc = run(['report', '--json'])\n"
        "print(json.dumps({'rc': rc, 'pydantic': 'pydantic' in sys.modules}), file=sys.stderr)\n"
    )
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    status = json.loads(second.stderr.strip().splitlines()[-1])
    assert status == {"rc": 0, "pydantic": False}, second.stderr
    assert json.loads(second.stdout)["summary"]["conversations"] == 3
