"""Exit codes are an interface: the values are frozen, and real commands end with them."""

from __future__ import annotations

import json
import os
import sys
from datetime import date

import pytest
import typer

from coachcli.cli.app import run
from coachcli.core.errors import (
    BankError,
    Cancelled,
    CoachError,
    DamagedFileError,
    ExitCode,
    NoKeyError,
    NoTerminalError,
    NotFoundError,
    ReadOnlyError,
    SaveError,
    StoreBusyError,
    SyncError,
    UsageError,
)
from coachcli.storage import fsio
from coachcli.storage.store import Store
from factories import coach, make_session, seed

FROZEN = {
    "OK": 0,
    "UNEXPECTED": 1,
    "USAGE": 2,
    "DAMAGED": 3,
    "SAVE_FAILED": 4,
    "BUSY": 5,
    "OVERDUE": 6,
    "READ_ONLY": 7,
    "NOT_FOUND": 8,
    "SYNC_FAILED": 9,
    "OUTPUT_FAILED": 10,
    "NO_KEY": 11,
    "CANCELLED": 130,
}


def test_exit_code_values_are_frozen():
    assert {code.name: int(code) for code in ExitCode} == FROZEN


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (CoachError("x"), 1),
        (UsageError("x"), 2),
        (NoTerminalError("x"), 2),
        (DamagedFileError("f", "x"), 3),
        (BankError("f", "x"), 3),
        (SaveError("x"), 4),
        (StoreBusyError("x"), 5),
        (ReadOnlyError("x"), 7),
        (NotFoundError("x"), 8),
        (SyncError("x"), 9),
        (NoKeyError("f", "x"), 11),
        (Cancelled(), 130),
    ],
)
def test_each_error_carries_its_code(error, code):
    assert error.exit_code == code


@pytest.fixture
def store(store) -> Store:
    return seed(store, "Sam")


def test_ok(store, capsys):
    rc, out, err = coach(capsys, "doctor")
    assert rc == ExitCode.OK, out + err


def test_usage(store, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    for argv in (["no-such-command"], ["forget", "Sam"], ["doctor", "--bogus"]):
        rc, out, err = coach(capsys, *argv)
        assert rc == ExitCode.USAGE, (argv, out, err)


def test_damaged(store, capsys):
    store.session_path("20261124-s0001x").write_bytes(b"{")
    rc, out, err = coach(capsys, "doctor")
    assert rc == ExitCode.DAMAGED, out + err


def test_save_failed(store, capsys, monkeypatch):
    def broken(src, dst):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(fsio.os, "replace", broken)
    rc, out, err = coach(capsys, "followup", "done", "item010x")
    assert rc == ExitCode.SAVE_FAILED, out + err


def test_busy(store, capsys, held_lock):
    with held_lock(wait=0.05):
        rc, out, err = coach(capsys, "forget", "Sam", "--yes")
    assert rc == ExitCode.BUSY, out + err


def test_overdue(coach_home, capsys):
    session = make_session("Sam", 1)
    session.actions[0].due = date(2020, 1, 1)
    Store(coach_home).save_new_session(session)
    rc, out, err = coach(capsys, "followup", "--check")
    assert rc == ExitCode.OVERDUE, out + err


def test_read_only(store, capsys):
    rc, out, err = coach(capsys, "followup", "--json")  # the index now knows the item
    assert rc == 0, out + err
    path = store.session_path("20261124-s0001x")
    st = path.stat()
    raw = path.read_bytes()
    newer = raw.replace(b'"schema_version": 1', b'"schema_version": 2', 1)
    assert len(newer) == len(raw)
    path.write_bytes(newer)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # a stale cache: same size and time
    rc, out, err = coach(capsys, "followup", "done", "item010x")
    assert rc == ExitCode.READ_ONLY, out + err
    assert path.read_bytes() == newer


def test_not_found(store, capsys):
    for argv in (["forget", "Nobody", "--yes"], ["followup", "done", "zzzz9999"]):
        rc, out, err = coach(capsys, *argv)
        assert rc == ExitCode.NOT_FOUND, (argv, out, err)


def test_cancelled_when_declined_or_interrupted(store, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(typer, "confirm", lambda text, default=False: False)
    rc, out, err = coach(capsys, "forget", "Sam")
    assert rc == ExitCode.CANCELLED, out + err

    def ctrl_c(text, default=False):
        raise KeyboardInterrupt

    monkeypatch.setattr(typer, "confirm", ctrl_c)
    rc, out, err = coach(capsys, "forget", "Sam")
    assert rc == ExitCode.CANCELLED, out + err
    assert store.session_files(), "nothing removed"


def test_unexpected(store, capsys, monkeypatch):
    from coachcli.storage import doctor

    def crash(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(doctor, "check", crash)
    rc, out, err = coach(capsys, "doctor")
    assert rc == ExitCode.UNEXPECTED, out + err


def test_json_report_of_damaged_store_still_exit_3(store, capsys):
    store.session_path("20261124-s0001x").write_bytes(b"[]")
    rc = run(["doctor", "--json"])
    out, _ = capsys.readouterr()
    assert rc == ExitCode.DAMAGED
    assert json.loads(out)["healthy"] is False
