"""`coach forget PERSON`: everything about one person goes, everyone else's bytes stay."""

from __future__ import annotations

import hashlib
import json
import os
import sys

import pytest
import typer

from coachcli.storage import migrate
from coachcli.storage.fsio import atomic_write_bytes
from coachcli.storage.store import Store
from factories import coach, make_session

NAME = "Samantha Quill"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def all_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file())


def contains_name(path, name: str) -> bool:
    text = path.read_bytes().decode("utf-8", errors="ignore").casefold()
    escaped = json.dumps(name)[1:-1].casefold()
    return name.casefold() in text or escaped in text


@pytest.fixture
def store(store, monkeypatch) -> Store:
    """Samantha: 2 sessions (one spelled ' samantha quill '), 1 migrated with a backup, a draft.
    Robin and Alex: a session each; Robin has a draft. An index holding everyone."""
    s = store
    s.save_new_session(make_session(NAME, 1))
    s.save_new_session(make_session(" samantha QUILL ", 2, items=3))
    s.save_new_session(make_session("Robin", 3))
    s.save_new_session(make_session("Alex", 4))
    # session 1 was v0 once: rewriting it left a backup named by id and version
    monkeypatch.setitem(migrate.STEPS, 0, lambda d: d)
    path = s.session_path("20261124-s0001x")
    data = json.loads(path.read_bytes())
    data["schema_version"] = 0
    path.write_bytes(json.dumps(data).encode())
    s.update_session("20261124-s0001x", lambda x: None)
    s.save_draft("d4ftsam2", {"step": "listen", "person": NAME, "facts": ["x"]})
    s.save_draft("d4ftrob2", {"step": "listen", "person": "Robin"})
    rows = [{"person": n, "id": f"x{n}"} for n in (NAME, "Robin", "Alex")]
    atomic_write_bytes(s.root / "index.json", json.dumps({"rows": rows}).encode())
    atomic_write_bytes(s.root / "index-open.json", json.dumps({"rows": rows}).encode())
    return s


def forget(capsys, *args):
    return coach(capsys, "forget", *args)


def test_forget_removes_everything_about_the_person_and_nothing_else(store, capsys):
    others = {
        p: digest(p)
        for p in all_files(store.root)
        if not contains_name(p, NAME)
        and not contains_name(p, "samantha quill")
        and not p.name.startswith("index")
    }
    assert len(others) >= 3  # Robin, Alex, Robin's draft (the lock is not in the store)

    rc, out, err = forget(capsys, "  SAMANTHA quill", "--yes")
    assert rc == 0, out + err
    assert "Removed 2 sessions (5 action items), 1 draft, 1 backup." in out
    assert "Deleted the index" in out
    assert err == ""
    assert "restatement" not in out  # counts only, never note text

    for path, before in others.items():
        assert path.exists(), path
        assert digest(path) == before, path
    leftover = [p for p in all_files(store.root) if contains_name(p, NAME)]
    assert leftover == []
    assert not (store.root / "index.json").exists()
    assert not (store.root / "index-open.json").exists()
    assert [p.name for p in store.session_files()] == [
        "20261124-s0003x.json",
        "20261124-s0004x.json",
    ]
    assert [p.name for p in store.draft_files()] == ["d4ftrob2.json"]
    assert store.backup_files() == []


def test_unknown_person_is_not_found_and_not_echoed(store, capsys):
    before = {p: digest(p) for p in all_files(store.root)}
    rc, out, err = forget(capsys, "Zebulon Nobody", "--yes")
    assert rc == 8, out + err
    assert "no sessions, drafts or backups about that person" in err
    assert "Zebulon" not in out + err
    assert {p: digest(p) for p in all_files(store.root)} == before


@pytest.mark.parametrize("name", ["", "   "])
def test_empty_name_is_a_usage_error(store, capsys, name):
    rc, out, err = forget(capsys, name, "--yes")
    assert rc == 2, out + err


def test_without_terminal_needs_yes(store, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    before = {p: digest(p) for p in all_files(store.root)}
    rc, out, err = forget(capsys, NAME)
    assert rc == 2, out + err
    assert "pass --yes" in err
    assert len(err.strip().splitlines()) == 1
    assert {p: digest(p) for p in all_files(store.root)} == before


def test_at_a_terminal_it_asks_and_no_means_nothing_removed(store, capsys, monkeypatch):
    asked = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)

    def confirm(text, default=False):
        asked.append(text)
        return False

    monkeypatch.setattr(typer, "confirm", confirm)
    before = {p: digest(p) for p in all_files(store.root)}
    rc, out, err = forget(capsys, NAME)
    assert rc == 130, out + err
    assert asked == ["Remove 2 sessions (5 action items), 1 draft, 1 backup? This cannot be undone"]
    assert {p: digest(p) for p in all_files(store.root)} == before

    monkeypatch.setattr(typer, "confirm", lambda text, default=False: True)
    rc, out, err = forget(capsys, NAME)
    assert rc == 0, out + err
    assert "Removed 2 sessions" in out


def test_dry_run_changes_nothing(store, capsys):
    before = {p: digest(p) for p in all_files(store.root)}
    rc, out, err = forget(capsys, NAME, "--dry-run")
    assert rc == 0, out + err
    assert "Would remove 2 sessions (5 action items), 1 draft, 1 backup." in out
    assert {p: digest(p) for p in all_files(store.root)} == before


def test_unparseable_files_are_left_and_reported_by_path(store, capsys):
    broken = store.sessions_dir / "20261124-brkn23.json"
    broken.write_bytes(b'{"person": "Samantha Quill", "id": ')
    rc, out, err = forget(capsys, NAME, "--yes")
    assert rc == 0, out + err
    assert "1 unreadable file(s) could not be attributed to anyone and were left" in out
    assert f"  {broken}" in out
    assert broken.exists()


def test_other_files_mentioning_the_name_are_reported_not_edited(store, capsys):
    from coachcli.core.model import Session

    path = store.session_path("20261124-s0003x")
    session = Session.model_validate_json(path.read_bytes())
    session.supervisor_notes = "Robin said Samantha Quill helped"
    store.save_new_session(session)
    before = digest(path)
    rc, out, err = forget(capsys, NAME, "--yes")
    assert rc == 0, out + err
    assert "1 other file(s) still mention the name (not changed):" in out
    assert f"  {path}" in out
    assert "helped" not in out
    assert digest(path) == before


def test_non_ascii_name_in_escaped_json_is_found(coach_home, capsys):
    s = Store(coach_home)
    s.save_new_session(make_session("Zoë Ångström", 1))
    s.save_draft("d4ftzoe2", {"person": "zoë ångström"})  # json.dumps escapes it as \u00eb
    s.save_new_session(make_session("Robin", 2))
    rc, out, err = forget(capsys, "ZOË ÅNGSTRÖM", "--yes")
    assert rc == 0, out + err
    assert "Removed 1 session (2 action items), 1 draft, 0 backups." in out
    assert [p for p in all_files(s.root) if contains_name(p, "Zoë Ångström")] == []


def test_stale_temp_files_holding_the_name_are_removed(store, capsys):
    stale = store.sessions_dir / ".tmp-20261124-s0001x.json.999999999.abcdef"
    stale.write_bytes(b'{"person": "Samantha Quill", "restat')
    rc, out, err = forget(capsys, NAME, "--yes")
    assert rc == 0, out + err
    assert not stale.exists()
    assert [p for p in all_files(store.root) if contains_name(p, NAME)] == []


def test_busy_store_is_exit_5_and_nothing_removed(store, capsys, held_lock):
    before = {p: digest(p) for p in all_files(store.root)}
    with held_lock(wait=0.1):
        rc, out, err = forget(capsys, NAME, "--yes")
    assert rc == 5, out + err
    assert f"waited 0.1 s for the lock {store.lock_path}" in err
    assert {p: digest(p) for p in all_files(store.root)} == before


def test_forgotten_files_cannot_be_read_back(store, capsys):
    rc, _, _ = forget(capsys, NAME, "--yes")
    assert rc == 0
    sessions, problems = store.load_all()
    assert {s.person for s in sessions} == {"Robin", "Alex"}
    assert problems == []
    assert os.listdir(store.backups_dir) == []
