"""coach sync on real git: two stores on one machine share a bare remote."""

from __future__ import annotations

import json
import stat
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coachcli.cli.app import run
from coachcli.core.model import ActionItem, AfterCheck, Listening, Session
from coachcli.storage.store import Store
from coachcli.sync.merge import MISSING, merge

pytestmark = pytest.mark.slow  # real git processes

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
NOTE = "sentinel-note-91c2"


def session(sid: str = "20261201-abcd23", person: str = "Sam Lee") -> Session:
    return Session(
        id=sid,
        person=person,
        started_at=NOW,
        finished_at=NOW,
        listening=Listening(facts=["Two late shifts"]),
        actions=[
            ActionItem(id="k3m9p2qa", text="Book a day off", created_at=NOW, due=NOW.date()),
        ],
        after_check=AfterCheck(agenda_took_over="no"),
        supervisor_notes=f"first {NOTE}",
    )


@pytest.fixture
def world(tmp_path, monkeypatch):
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    homes = {name: tmp_path / name for name in ("laptop", "desktop")}

    def coach(where: str, *argv: str) -> int:
        monkeypatch.setenv("COACH_HOME", str(homes[where]))
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"cache-{where}"))
        return run(list(argv))

    return remote, homes, coach


def load(home: Path, sid: str = "20261201-abcd23") -> dict:
    return json.loads((home / "sessions" / f"{sid}.json").read_text())


def test_two_machines_change_one_session_and_nothing_is_lost(world, capsys):
    remote, homes, coach = world
    Store(homes["laptop"]).save_new_session(session())
    assert coach("laptop", "sync", "init", str(remote)) == 0
    assert coach("desktop", "sync", "init", str(remote)) == 0
    assert load(homes["desktop"])["person"] == "Sam Lee"

    # laptop: done; desktop: a new due date and a note, and a second session
    assert coach("laptop", "followup", "done", "k3m9p2qa") == 0
    desk = Store(homes["desktop"])

    def move(s: Session) -> None:
        s.actions[0].due = datetime(2026, 12, 20).date()
        s.supervisor_notes += f"\nsecond {NOTE}"

    desk.update_session("20261201-abcd23", move)
    desk.save_new_session(session("20261202-efgh45", "Priya"))
    for where in ("laptop", "desktop", "laptop"):
        assert coach(where, "sync") == 0, capsys.readouterr()
    for home in homes.values():
        data = load(home)
        action = data["actions"][0]
        assert action["status"] == "done" and action["due"] == "2026-12-20"
        assert data["supervisor_notes"] == f"first {NOTE}\nsecond {NOTE}"
        assert (home / "sessions" / "20261202-efgh45.json").exists()
        # what git checked out or wrote is the user's alone, whatever their umask
        for path in [home / "sessions", *(home / "sessions").iterdir()]:
            assert stat.S_IMODE(path.stat().st_mode) in (0o600, 0o700), path
        for path in (home / ".git").rglob("*"):
            assert not stat.S_IMODE(path.lstat().st_mode) & 0o077, path
    out = capsys.readouterr().out
    assert "conflict" not in out
    log = subprocess.run(
        ["git", "-C", str(remote), "log", "--format=%s"], capture_output=True, text=True
    ).stdout
    assert NOTE not in log and "Sam" not in log and "Priya" not in log
    tracked = subprocess.run(
        ["git", "-C", str(homes["laptop"]), "ls-files"], capture_output=True, text=True
    ).stdout.split()
    assert not any(name.startswith(("index", ".lock", "drafts/")) for name in tracked)


def test_one_field_changed_two_ways_is_reported_and_can_be_switched(world, capsys):
    remote, homes, coach = world
    Store(homes["laptop"]).save_new_session(session())
    coach("laptop", "sync", "init", str(remote))
    coach("desktop", "sync", "init", str(remote))
    for where, day in (("laptop", 10), ("desktop", 12)):
        Store(homes[where]).update_session(
            "20261201-abcd23", lambda s, d=day: setattr(s, "restatement", f"{NOTE} {d}")
        )
    coach("laptop", "sync")
    capsys.readouterr()
    assert coach("desktop", "sync") == 0
    out = capsys.readouterr().out
    assert "conflict: session 20261201-abcd23, restatement: kept this machine's version" in out
    assert NOTE not in out  # the text itself is never printed
    assert load(homes["desktop"])["restatement"] == f"{NOTE} 12"
    assert coach("desktop", "sync", "resolve", "--take", "theirs") == 0
    assert load(homes["desktop"])["restatement"] == f"{NOTE} 10"
    assert coach("desktop", "sync") == 0
    coach("laptop", "sync")
    assert load(homes["laptop"])["restatement"] == f"{NOTE} 10"


def test_git_errors_are_shown_with_their_own_message(world, capsys):
    _, _homes, coach = world
    assert coach("laptop", "sync", "init", "/nonexistent/remote.git") == 9
    err = capsys.readouterr().err
    assert err.startswith("coach: git ") and "Traceback" not in err
    assert coach("desktop", "sync") == 2  # not synced yet: a usage error with a hint


def test_import_merges_by_id_and_dry_run_changes_nothing(tmp_path, monkeypatch, capsys):
    mine, other = Store(tmp_path / "mine"), Store(tmp_path / "other")
    mine.save_new_session(session())
    theirs = session()
    theirs.actions[0].due = datetime(2026, 12, 24).date()
    other.save_new_session(theirs)
    other.save_new_session(session("20261203-jkmn67", "Priya"))
    monkeypatch.setenv("COACH_HOME", str(mine.root))
    before = (mine.sessions_dir / "20261201-abcd23.json").read_bytes()
    assert run(["import", str(other.root), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "1 new, 0 merged, 1 unchanged" in out
    assert "conflict: session 20261201-abcd23, actions[k3m9p2qa].due" in out
    assert (mine.sessions_dir / "20261201-abcd23.json").read_bytes() == before
    assert not (mine.sessions_dir / "20261203-jkmn67.json").exists()
    assert run(["import", str(other.root)]) == 0
    assert (mine.sessions_dir / "20261203-jkmn67.json").exists()


def test_merge_rules_without_git():
    base = {"notes": "a", "items": [{"id": "x", "due": "1", "history": [{"at": "1"}]}]}
    ours = {
        "notes": "a\nb",
        "items": [{"id": "x", "due": "2", "history": [{"at": "1"}, {"at": "3"}]}],
    }
    theirs = {
        "notes": "a\nc",
        "items": [{"id": "x", "due": "5", "history": [{"at": "1"}, {"at": "2"}]}],
    }
    merged = merge(base, ours, theirs)
    assert merged.data["notes"] == "a\nb\nc"
    assert merged.data["items"][0]["due"] == "2"  # ours has the newer history
    assert [c.path for c in merged.conflicts] == ["items[x].due"]
    assert merged.data["items"][0]["history"] == [{"at": "1"}, {"at": "2"}, {"at": "3"}]
    gone = merge({"a": 1, "b": 2}, {"a": 1}, {"a": 1, "b": 2})
    assert gone.data == {"a": 1} and not gone.conflicts
    assert merge(MISSING, {"k": [1]}, {"k": [2]}).data == {"k": [1, 2]}
