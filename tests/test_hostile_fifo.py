"""FIFOs never hang coach: a named pipe anywhere in the store is reported or skipped, and every
command returns. Each command runs in its own process with a timeout (a hang fails the test).

A FIFO with no writer blocks a plain ``open()`` forever; coach opens store files with
O_NONBLOCK and refuses anything that is not a regular file (``storage.readfile``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coachcli.storage.store import Store
from factories import make_session
from probes import Coaches, assert_clean_failure, coach

SID = "20261124-s0001x"  # Sam's session
ITEM = "item010x"  # one of Sam's open items
FIFO_SID = "20261124-fifo99"

# Where a FIFO may sit: named like a session, like a draft, like a backup, a stray file in each
# folder, and names coach's own files use.
PLACES = {
    "session": f"sessions/{FIFO_SID}.json",
    "draft": "drafts/abcd2345.json",
    "backup": "backups/20261124-s0001x.v1.json",
    "stray-root": "notes.txt",
    "stray-sessions": "sessions/README",
    "user-bank": "banks/coaching.yaml",
    "other-bank": "banks/mine.yaml",
    "report-salt": "report-salt",
}

ANSWERS = """\
person: Sam
facts: [The release slipped twice]
next_steps:
  - action: Draft the plan with Kim
    owner: person
    due: "2099-01-08"
    confidence: 8
after_check: "no"
"""

# Every command that reads the store, and the exit statuses each may honestly give with a FIFO
# in it (0: it skipped the FIFO; 3: it reported a damaged file; 4: it cannot save; 8: nothing
# to act on). A hang, a stack or an undocumented status fails.
COMMANDS: list[tuple[str, tuple[str, ...], tuple[int, ...]]] = [
    ("sessions", ("sessions",), (0,)),
    ("people", ("people",), (0,)),
    ("followup", ("followup", "--no-review"), (0,)),
    ("followup-json", ("followup", "--json"), (0,)),
    ("show", ("show", SID), (0,)),
    ("export", ("export", SID, "--format", "json"), (0,)),
    ("report", ("report", "--json"), (0,)),
    ("doctor", ("doctor",), (3,)),
    ("forget", ("forget", "Robin", "--yes"), (0,)),
    ("forget-dry", ("forget", "Sam", "--dry-run"), (0,)),
    ("done", ("followup", "done", ITEM), (0,)),
    ("bank-list", ("bank", "list"), (0,)),
    ("bank-show", ("bank", "show", "coaching"), (0,)),
    ("start", ("start", "--answers", "ANSWERS"), (0,)),
]
# (place, command) pairs where exit 3 naming the FIFO is the honest answer: the user's bank
# that replaces the built-in cannot be shown.
HONEST_3 = {("user-bank", "bank-show")}


@pytest.fixture
def store(coach_home) -> Store:
    s = Store(coach_home)
    s.save_new_session(make_session("Sam", 1))
    s.save_new_session(make_session("Robin", 2))
    for folder in ("drafts", "backups", "banks"):
        (coach_home / folder).mkdir(mode=0o700, exist_ok=True)
    return s


def _argv(args: tuple[str, ...], answers: Path) -> list[str]:
    return [str(answers) if a == "ANSWERS" else a for a in args]


@pytest.mark.slow
@pytest.mark.parametrize("place", sorted(PLACES))
def test_a_fifo_anywhere_never_hangs_any_command(store, tmp_path, place):
    fifo = store.root / PLACES[place]
    os.mkfifo(fifo, 0o600)
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS)
    with Coaches(store.root) as runs:  # each command its own process, forked, not started
        for name, args, codes in COMMANDS:
            allowed = codes
            if name == "doctor" or (place, name) in HONEST_3:
                allowed = (0, 3)
            proc = runs.text(*_argv(args, answers))
            assert_clean_failure(proc, *allowed)
            if proc.returncode == 3:
                assert str(fifo) in proc.stdout + proc.stderr, (name, proc.stdout, proc.stderr)
            if place == "user-bank" and name == "start":  # scripted runs warn like a terminal
                assert "built-in bank 'coaching' is used instead" in proc.stderr, proc.stderr
    assert fifo.exists() and not fifo.is_file()  # nothing removed or replaced the FIFO
    # And nothing was lost: Sam's session is still there and readable (Robin was forgotten).
    shown = coach(store.root, "show", SID, "--json")
    assert shown.returncode == 0, shown.stderr


@pytest.mark.slow
def test_doctor_names_a_fifo_named_like_a_session(store):
    fifo = store.sessions_dir / f"{FIFO_SID}.json"
    os.mkfifo(fifo, 0o600)
    proc = coach(store.root, "doctor")
    assert proc.returncode == 3, proc.stdout + proc.stderr
    line = next(ln for ln in proc.stdout.splitlines() if str(fifo) in ln)
    assert "FIFO" in line and "DAMAGED" in line
    assert proc.stdout.count(str(fifo)) == 1  # said once, not once per check
    assert "Healthy." not in proc.stdout


@pytest.mark.parametrize("kind", ["fifo", "folder", "dangling-link", "link"])
def test_loading_a_session_that_is_not_a_file_is_damage_not_missing(store, kind):
    """Not found (exit 8) only when no file of that name exists; anything else there is
    damage (exit 3) naming the file."""
    from coachcli.core.errors import DamagedFileError, ExitCode

    path = store.sessions_dir / f"{FIFO_SID}.json"
    if kind == "fifo":
        os.mkfifo(path, 0o600)
    elif kind == "folder":
        path.mkdir()
    elif kind == "dangling-link":
        path.symlink_to(store.root / "nowhere.json")
    else:
        path.symlink_to(store.session_path(SID))
    with pytest.raises(DamagedFileError) as info:
        store.load_session(FIFO_SID)
    assert info.value.exit_code == ExitCode.DAMAGED
    assert str(path) in str(info.value)


@pytest.mark.slow
def test_the_lock_as_a_fifo_or_folder_is_a_clear_error_not_a_hang(store):
    store.lock_path.unlink()
    os.mkfifo(store.lock_path, 0o600)
    proc = coach(store.root, "followup", "done", ITEM)
    assert_clean_failure(proc, 4)
    assert "lock" in proc.stderr and "FIFO" in proc.stderr
    doctor = coach(store.root, "doctor")
    assert doctor.returncode == 4, doctor.stdout
    assert "Healthy." not in doctor.stdout and "lock" in doctor.stdout
    # Nothing changed: the item is still open in its file.
    (item,) = [a for a in store.load_session(SID).actions if a.id == ITEM]
    assert item.status == "open"


@pytest.mark.slow
def test_answers_file_that_is_a_fifo_is_refused_not_waited_on(store, tmp_path):
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo, 0o600)
    proc = coach(store.root, "start", "--answers", str(fifo))
    assert_clean_failure(proc, 2)
    assert "FIFO" in proc.stderr
    assert len(list(store.sessions_dir.iterdir())) == 2  # nothing saved


@pytest.mark.slow
def test_a_socket_in_the_store_is_skipped(store):
    import socket

    path = store.sessions_dir / f"{FIFO_SID}.json"
    short = Path("/tmp") / f"coach-sock-{os.getpid()}"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(short))
        os.rename(short, path)
        proc = coach(store.root, "sessions")
        assert_clean_failure(proc, 0)
        doctor = coach(store.root, "doctor")
        assert doctor.returncode == 3 and "socket" in doctor.stdout


@pytest.mark.slow
@pytest.mark.parametrize("args", [("bank", "validate", "FIFO"), ("bank", "lint", "FIFO")])
def test_bank_commands_on_a_fifo_refuse_it_at_once(store, tmp_path, args):
    fifo = tmp_path / "mine.yaml"
    os.mkfifo(fifo, 0o600)
    proc = coach(store.root, *[str(fifo) if a == "FIFO" else a for a in args])
    assert_clean_failure(proc, 3)
    assert "FIFO" in proc.stderr + proc.stdout


@pytest.mark.slow
def test_a_fifo_named_like_a_draft_at_a_real_terminal_is_said_and_skipped(coach_home):
    """`coach start` at a terminal offers the newest draft first: a FIFO there is not waited on;
    the conversation starts as if there were no draft."""
    import pexpect

    from factories import spawn

    drafts = coach_home / "drafts"
    drafts.mkdir(parents=True)
    fifo = drafts / "abcd2345.json"
    os.mkfifo(fifo, 0o600)
    child = spawn(coach_home)
    child.expect("A draft could not be read and is left as it is")
    child.expect("Who are you meeting")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert fifo.exists() and not fifo.is_file()


@pytest.mark.slow
def test_a_forked_run_that_never_ends_is_reported_as_a_hang(store, held_lock):
    """The forked runs above fail on a hang as ``probes.coach`` does: here a command that
    waits for a lock held for longer than its alarm."""
    runs = Coaches(store.root, env={"COACH_LOCK_TIMEOUT": "60"}, timeout=1)
    with held_lock(wait=60), runs, pytest.raises(pytest.fail.Exception, match="hung"):
        runs.run("followup", "done", ITEM)
