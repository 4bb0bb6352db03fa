"""``coach doctor`` tells the truth about what it can and cannot fix: a store that is not a
folder, folders of another user, unwritable folders, FIFOs and folders where files belong,
copies, duplicate keys. Never "Healthy." then, never a promise --fix cannot keep."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from coachcli.cli.app import run
from coachcli.core.errors import DamagedFileError, ExitCode, ReadOnlyError
from coachcli.storage.store import Store
from factories import make_session
from probes import coach

SID = "20261124-s0001x"


@pytest.fixture
def store(coach_home) -> Store:
    s = Store(coach_home)
    s.save_new_session(make_session("Sam", 1))
    s.save_new_session(make_session("Robin", 2))
    return s


def doctor(capsys, *args: str) -> tuple[int, str]:
    rc = run(["doctor", *args])
    out, err = capsys.readouterr()
    return rc, out + err


@pytest.fixture
def shared_tmp():
    """A folder another user can reach (pytest's own tmp is 0700 root)."""
    folder = Path(tempfile.mkdtemp(prefix="coach-doctor-"))
    os.chmod(folder, 0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_coach_home_that_is_a_file_is_not_healthy(coach_home, capsys):
    coach_home.parent.mkdir(parents=True, exist_ok=True)
    coach_home.write_text("not a store\n")
    for args in ([], ["--fix"]):
        rc, out = doctor(capsys, *args)
        assert rc == ExitCode.SAVE_FAILED, out
        assert f"{coach_home}: the store must be a folder but this is a regular file" in out
        assert "Healthy." not in out and "--fix" not in out
        assert coach_home.read_text() == "not a store\n"  # left as it was


@pytest.mark.parametrize("folder", ["sessions", "drafts", "backups"])
def test_a_file_where_a_folder_belongs(coach_home, capsys, folder):
    Store(coach_home).save_new_session(make_session("Sam", 1))
    target = coach_home / folder
    shutil.rmtree(target, ignore_errors=True)
    target.write_text("x")
    rc, out = doctor(capsys)
    assert rc == ExitCode.DAMAGED, out
    assert f"{target}: should be a folder" in out and "Healthy." not in out


def test_a_folder_where_a_session_file_belongs(store, capsys):
    path = store.sessions_dir / "20261124-dir999.json"
    path.mkdir()
    rc, out = doctor(capsys)
    assert rc == ExitCode.DAMAGED
    assert f"{path}: a folder, not a regular file" in out


def test_wide_folder_of_another_user_is_not_promised_a_fix(store, capsys):
    os.chmod(store.sessions_dir, 0o777)
    os.chown(store.sessions_dir, 65534, 65534)
    rc, out = doctor(capsys)
    assert rc == ExitCode.SAVE_FAILED, out
    assert "owned by another user (uid 65534)" in out and "coach cannot fix" in out
    assert "Healthy." not in out
    rc, out = doctor(capsys, "--fix")
    assert rc == ExitCode.SAVE_FAILED, out  # ownership is still wrong after --fix
    assert "owned by another user" in out


@pytest.mark.slow
def test_as_another_user_doctor_does_not_promise_what_it_cannot_do(shared_tmp):
    """Run as nobody over a root-owned 0777 store: nobody can neither chmod nor own it."""
    home = shared_tmp / "home"
    Store(home).save_new_session(make_session("Sam", 1))
    for folder, _dirs, files in os.walk(home):
        os.chmod(folder, 0o777)
        for name in files:
            os.chmod(Path(folder, name), 0o666)
    proc = coach(home, "doctor", "--fix", as_other_user=True)
    assert proc.returncode == ExitCode.SAVE_FAILED, proc.stdout + proc.stderr
    assert "Healthy." not in proc.stdout
    assert "fixed" not in proc.stdout.split("Found:")[0].replace("coach cannot fix", "")
    assert "can be fixed with `coach doctor --fix`" not in proc.stdout
    assert "owned by another user (uid 0)" in proc.stdout
    assert "owned by uid 0, so coach cannot fix it" in proc.stdout


def test_unwritable_folder_is_reported_honestly(store, capsys, monkeypatch):
    """As root every folder is writable; a read-only file system is simulated by access()."""
    real = os.access

    def access(path, mode, **kw):
        if Path(path) == store.sessions_dir and mode & os.W_OK:
            return False
        return real(path, mode, **kw)

    monkeypatch.setattr(os, "access", access)
    rc, out = doctor(capsys)
    assert rc == ExitCode.SAVE_FAILED, out
    assert f"{store.sessions_dir}: not writable" in out and "Healthy." not in out


def test_a_copy_of_a_session_is_damage_and_names_the_original(store, capsys):
    copy = store.sessions_dir / "20261124-copy99.json"
    shutil.copy2(store.session_path(SID), copy)
    rc, out = doctor(capsys)
    assert rc == ExitCode.DAMAGED, out
    line = next(ln for ln in out.splitlines() if str(copy) in ln)
    assert f"a duplicate of session {SID}" in line
    # A change through the copy's id is refused; it never lands in the other file.
    before = store.session_path(SID).read_bytes()
    with pytest.raises(DamagedFileError):
        store.update_session("20261124-copy99", lambda s: None)
    assert store.session_path(SID).read_bytes() == before


def test_duplicate_keys_are_damage(store, capsys):
    path = store.session_path(SID)
    text = path.read_text()
    assert '"status": "open"' in text
    path.write_text(text.replace('"status": "open"', '"status": "done", "status": "open"', 1))
    rc, out = doctor(capsys)
    assert rc == ExitCode.DAMAGED, out
    assert f"{path}: duplicate key 'status' in an object" in out
    with pytest.raises(DamagedFileError, match="duplicate key 'status'"):
        store.load_session(SID)


def test_newer_schema_is_read_only_exit_7_and_doctor_says_so(store, capsys):
    path = store.session_path(SID)
    data = json.loads(path.read_text())
    data["schema_version"] = 999
    path.write_text(json.dumps(data))
    with pytest.raises(ReadOnlyError) as info:
        store.load_session(SID)
    assert info.value.exit_code == ExitCode.READ_ONLY
    rc, out = doctor(capsys)
    assert rc == 0 and "newer coachcli (schema_version 999)" in out and "Healthy." not in out


@pytest.mark.slow
def test_a_store_that_cannot_be_read_is_reported_not_a_crash(shared_tmp):
    """As nobody, over root's private store: every command fails cleanly, doctor says why."""
    from probes import assert_clean_failure

    home = shared_tmp / "home"
    Store(home).save_new_session(make_session("Sam", 1))
    os.chmod(home, 0o755)  # the store can be entered; its sessions folder (0700) cannot be read
    proc = coach(home, "doctor", as_other_user=True)
    assert_clean_failure(proc, ExitCode.SAVE_FAILED)
    assert f"{home / 'sessions'}: cannot list the folder" in proc.stdout
    assert "Healthy." not in proc.stdout
    for args in (("sessions",), ("show", SID), ("forget", "Sam", "--yes"), ("followup",)):
        proc = coach(home, *args, as_other_user=True)
        assert_clean_failure(proc, ExitCode.DAMAGED, ExitCode.SAVE_FAILED)


def test_a_folder_where_the_report_salt_belongs(store, capsys):
    (store.root / "report-salt").mkdir()
    rc, out = doctor(capsys)
    assert rc == ExitCode.DAMAGED
    assert f"{store.root / 'report-salt'}: should be a file but is a folder" in out
