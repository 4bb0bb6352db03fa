"""``coach report --store OTHER`` reads another supervisor's store as untrusted input: no link
out of it is followed, no cache of theirs is believed, no FIFO waited on, no huge file loaded,
no copy counted twice, and nothing is written into it."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from coachcli.cli.app import run
from factories import fill_known_store, session_on, snapshot, write_session
from probes import assert_clean_failure, coach

TODAY = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("coachcli.cli.report._today", lambda: TODAY)


@pytest.fixture
def other(tmp_path) -> Path:
    root = tmp_path / "other"
    fill_known_store(root, names=("Ana", "Ben"))  # 3 conversations: Ana 2, Ben 1
    return root


def report(capsys, *args: str) -> tuple[int, dict, str]:
    rc = run(["report", "--json", *args])
    out, err = capsys.readouterr()
    return rc, (json.loads(out) if rc == 0 else {}), err


def people(data: dict) -> dict[str, int]:
    return {p["person"]: p["conversations"] for p in data["people"]}


def test_baseline_three_conversations(other, capsys):
    rc, data, err = report(capsys, "--store", str(other), "--names")
    assert rc == 0, err
    assert data["summary"]["conversations"] == 3
    assert people(data) == {"Ana": 2, "Ben": 1}


def test_a_link_to_one_of_my_sessions_is_not_counted_nor_named(other, coach_home, capsys):
    mine = write_session(coach_home, session_on("Mysecretperson", date(2026, 11, 2)))
    os.symlink(mine, other / "sessions" / mine.name)
    rc, data, err = report(capsys, "--store", str(other), "--names")
    assert rc == 0, err
    assert data["summary"]["conversations"] == 3
    assert "Mysecretperson" not in json.dumps(data)
    assert "symbolic link" in err and mine.name in err  # skipped, and said so (no note text)


def test_a_sessions_folder_that_is_a_link_out_of_the_store_is_refused(coach_home, tmp_path, capsys):
    write_session(coach_home, session_on("Mysecretperson", date(2026, 11, 2)))
    fake = tmp_path / "fake"
    fake.mkdir()
    os.symlink(coach_home / "sessions", fake / "sessions")
    rc, _data, err = report(capsys, "--store", str(fake), "--names")
    assert rc == 2
    assert "symbolic link" in err and "Mysecretperson" not in err


def test_their_index_files_are_never_believed(other, capsys, monkeypatch):
    """Whatever their caches say, even with a digest that still matches the files, the figures
    are counted from the session files."""
    rc, honest, err = report(capsys, "--store", str(other), "--names")
    assert rc == 0, err
    # Let their coach write its own caches (as it would in their COACH_HOME)...
    with monkeypatch.context() as m:
        m.setenv("COACH_HOME", str(other))
        assert run(["report", "--json"]) == 0
        capsys.readouterr()
    tampered = 0
    for path in sorted(other.glob("index*.json")):
        data = json.loads(path.read_text())
        if isinstance(data.get("rows"), list) and data["rows"]:
            # ...then keep every digest and multiply the rows, renaming the person.
            data["rows"] = data["rows"] * 500
            path.write_text(json.dumps(data).replace('"Ana"', '"Phantom"'))
            tampered += 1
    for args in ([], ["--since", "2026-09-01", "--until", "2026-11-30"]):
        rc, data, err = report(capsys, "--store", str(other), "--names", *args)
        assert rc == 0, err
        assert "Phantom" not in json.dumps(data)
        assert data["summary"]["conversations"] == 3
        assert people(data) == people(honest)
    assert tampered or not list(other.glob("index*.json"))  # the caches were there to tamper


def test_a_copy_of_a_session_under_another_name_is_not_counted_twice(other, capsys):
    first = sorted((other / "sessions").iterdir())[0]
    copy = other / "sessions" / f"{first.name[:9]}zzzz99.json"
    copy.write_bytes(first.read_bytes())
    rc, data, err = report(capsys, "--store", str(other), "--names")
    assert rc == 0, err
    assert data["summary"]["conversations"] == 3
    assert copy.name in err and "not the id in its file name" in err


def test_a_huge_sparse_file_is_skipped_not_loaded(other, capsys):
    huge = other / "sessions" / "20261101-huge99.json"
    with open(huge, "wb") as fh:
        fh.truncate(2 * 1024**3)  # 2 GiB of hole: reading it would take GBs of memory
    rc, data, err = report(capsys, "--store", str(other), "--names")
    assert rc == 0, err
    assert data["summary"]["conversations"] == 3
    assert "larger than 16 MiB" in err and huge.name in err


def test_duplicate_keys_in_their_file_are_damage_not_a_guess(other, capsys):
    path = sorted((other / "sessions").iterdir())[-1]
    text = path.read_text()
    path.write_text(text.replace('"person": "Ben"', '"person": "Ben", "person": "Eve"', 1))
    assert '"person": "Eve"' in path.read_text()
    rc, data, err = report(capsys, "--store", str(other), "--names")
    assert rc == 0, err
    assert "Eve" not in json.dumps(data) and "duplicate key 'person'" in err
    assert data["summary"]["conversations"] == 2


@pytest.mark.slow
def test_a_fifo_in_their_store_never_hangs_and_nothing_is_written(other, coach_home):
    os.mkfifo(other / "sessions" / "20261101-fifo99.json", 0o600)
    os.mkfifo(other / "index.json", 0o600)
    os.mkfifo(other / "index-report-months.json", 0o600)
    before = {k: v for k, v in snapshot(other).items() if "fifo" not in k and "index" not in k}
    for args in ([], ["--since", "2026-09-01", "--until", "2026-11-30"]):
        proc = coach(coach_home, "report", "--json", "--names", "--store", str(other), *args)
        assert_clean_failure(proc, 0)
        assert json.loads(proc.stdout)["summary"]["conversations"] == 3
        assert "FIFO" in proc.stderr
    after = {k: v for k, v in snapshot(other).items() if "fifo" not in k and "index" not in k}
    assert after == before


@pytest.mark.slow
def test_my_report_salt_as_a_fifo_is_an_error_not_a_hang(other, coach_home):
    coach_home.mkdir(mode=0o700, parents=True)
    os.mkfifo(coach_home / "report-salt", 0o600)
    proc = coach(coach_home, "report", "--json", "--store", str(other))
    assert_clean_failure(proc, 3)
    assert "report-salt" in proc.stderr
