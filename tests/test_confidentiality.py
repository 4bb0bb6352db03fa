"""No note text in any error: sessions whose every text field holds a unique sentinel, damaged in
many ways, and many commands that fail; the sentinel must never reach stderr (nor the output of
doctor and forget, which print paths and counts only)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coachcli.cli.app import run
from coachcli.core.model import MAX_TEXT
from coachcli.storage import fsio
from coachcli.storage.store import Store
from factories import make_session

TAG = "Qx9SENT"


def sentinel_session(n: int, **kw):
    return make_session(f"{TAG}person{n}", n, tag=TAG, **kw)


def _edit(path, change):
    data = json.loads(path.read_bytes())
    change(data)
    path.write_bytes(json.dumps(data).encode())


def _set_action(field, value):
    def change(data):
        data["actions"][0][field] = value

    return change


DAMAGE = {
    # n: how session n is damaged (sessions 1 and 2 stay healthy)
    3: lambda p: p.write_bytes(p.read_bytes()[: p.read_bytes().index(b"restatement3") + 5]),
    4: lambda p: p.write_bytes(p.read_bytes().replace(b"restatement4", b"resta\xfftement4")),
    5: lambda p: _edit(p, _set_action("confidence", f"{TAG}conf")),
    6: lambda p: _edit(p, lambda d: d.update(mood=f"{TAG}mood")),
    7: lambda p: _edit(p, lambda d: d.update(restatement=TAG * (MAX_TEXT // len(TAG) + 1))),
    8: lambda p: _edit(p, lambda d: d.update(started_at="2026-02-30T09:00:00Z")),
    9: lambda p: p.write_bytes(json.dumps([f"{TAG}list", {"person": f"{TAG}x"}]).encode()),
    10: lambda p: _edit(p, lambda d: d.update(schema_version=2)),
    11: lambda p: p.write_bytes(p.read_bytes().replace(b"restatement11", b"restat\x01ement11")),
    12: lambda p: p.write_bytes(
        p.read_bytes().replace(b'"Qx9SENTwant12', b'"\\ud800Qx9SENTwant12')
    ),
    13: lambda p: _edit(p, _set_action("owner", f"{TAG}owner")),
    14: lambda p: _edit(p, lambda d: d.update(person=12345)),
    15: lambda p: _edit(p, lambda d: d["after_check"].update(agenda_took_over=f"{TAG}ac")),
    16: lambda p: _edit(p, _set_action("due", f"{TAG}due")),
}


@pytest.fixture(scope="module")
def damaged_store(tmp_path_factory) -> Path:
    """Built once per module (saving 16 sessions is slow), copied into each test's store."""
    s = Store(tmp_path_factory.mktemp("confidentiality") / "coach-home")
    for n in [1, 2, *DAMAGE]:
        s.save_new_session(sentinel_session(n))
    for n, damage in DAMAGE.items():
        damage(s.session_path(f"20261124-s{n:04d}x"))
    s.save_draft("d4ftgood", {"person": f"{TAG}draftperson", "notes": f"{TAG}draft"})
    fsio.atomic_write_bytes(s.drafts_dir / "d4ftbad2.json", f'{{"{TAG}": "{TAG}'.encode())
    fsio.atomic_write_bytes(s.root / "index.json", f'{{"rows": [{{"person": "{TAG}'.encode())
    return s.root


@pytest.fixture
def store(store, damaged_store) -> Store:
    shutil.copytree(damaged_store, store.root, symlinks=True)  # modes and times kept
    return store


def assert_no_sentinel(rc, out, err, argv, *, check_out=False):
    assert TAG not in err, (argv, err)
    assert "Traceback" not in err, (argv, err)
    if check_out:
        assert TAG not in out, (argv, out)
    if rc != 0 and err:
        assert err.startswith("coach: ") or err.startswith("Usage:"), (argv, err)


COMMANDS = [
    ["doctor"],
    ["doctor", "--json"],
    ["doctor", "--fix"],
    ["forget", "Nobody At All", "--yes"],
    ["forget", f"{TAG}person1"],  # no terminal, no --yes
    ["forget", f"{TAG}person1", "--dry-run"],
    ["forget", "", "--yes"],
    ["followup"],
    ["followup", "--json"],
    ["followup", "--all", "--json"],
    ["followup", "--check"],
    ["followup", "--person", "nobody"],
    ["followup", "done", "zzzz9999"],
    ["followup", "done", "../../etc/passwd"],
    ["followup", "done", "/etc/passwd"],
    ["followup", "done", "item\x00010x"],
    ["followup", "due", "item010x", "2026-02-30"],
    ["followup", "done", "item100x"],  # an item in the newer-version file
    ["sessions"],
    ["people"],
    ["show", "20261124-s0003x"],
    ["show", "20261124-s0010x"],
    ["show", "../../etc/passwd"],
    ["export", "20261124-s0005x", "--format", "md"],
    ["report"],
    ["report", "--json"],
    ["start", "--answers", "/nonexistent.yaml"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a)[:40])
def test_failing_commands_never_show_note_text(store, capsys, monkeypatch, argv):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    rc = run(argv)
    out, err = capsys.readouterr()
    assert_no_sentinel(rc, out, err, argv, check_out=argv[0] in ("doctor", "forget"))


def test_doctor_names_every_damaged_file(store, capsys):
    rc = run(["doctor"])
    out, err = capsys.readouterr()
    assert rc == 3, out + err
    for n in DAMAGE:
        assert f"20261124-s{n:04d}x.json" in out, n
    assert TAG not in out + err


def test_busy_store_and_failing_saves(store, capsys, monkeypatch, held_lock):
    with held_lock(wait=0.05):
        for argv in (["followup", "done", "item010x"], ["forget", f"{TAG}person1", "--yes"]):
            rc = run(argv)
            out, err = capsys.readouterr()
            assert rc == 5, (argv, out, err)
            assert_no_sentinel(rc, out, err, argv)

    def no_space(src, dst):
        raise OSError(28, f"No space left on device: {TAG}")

    monkeypatch.setattr(fsio.os, "replace", no_space)
    rc = run(["followup", "done", "item010x", "--note", f"{TAG}newnote"])
    out, err = capsys.readouterr()
    assert rc == 4, out + err
    assert_no_sentinel(rc, out, err, "followup done")


def test_unexpected_error_is_one_line_without_stack_or_message(store, capsys, monkeypatch):
    from coachcli.storage import doctor

    def crash(*args, **kwargs):
        raise RuntimeError(f"boom {TAG}supnotes1")

    monkeypatch.setattr(doctor, "check", crash)
    rc = run(["doctor"])
    out, err = capsys.readouterr()
    assert rc == 1, out + err
    lines = err.strip().splitlines()
    assert lines[0].startswith("coach: unexpected error (RuntimeError at "), err
    assert len(lines) == 2 and lines[1].startswith("hint: "), err
    assert TAG not in out + err


CRASH = textwrap.dedent(
    """
    import sys
    from coachcli.storage import doctor
    NOTE = sys.argv[1]
    def crash(*a, **k):
        raise ValueError(NOTE)
    doctor.check = crash
    from coachcli.cli.app import main
    sys.argv = ["coach", "doctor"]
    main()
    """
)


@pytest.mark.slow
def test_in_a_real_process_stderr_has_no_stack_and_no_note_text(store):
    env = dict(os.environ, COACH_HOME=str(store.root))
    env.pop("COACH_DEBUG", None)
    runs = [
        [sys.executable, "-m", "coachcli", "doctor"],
        [sys.executable, "-m", "coachcli", "followup", "--json"],
        [sys.executable, "-m", "coachcli", "forget", f"{TAG}person2"],
        [sys.executable, "-c", CRASH, f"{TAG}crash"],
    ]
    codes = []
    for argv in runs:
        proc = subprocess.run(
            argv, env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
        )
        codes.append(proc.returncode)
        assert TAG not in proc.stderr, (argv, proc.stderr)
        assert "Traceback" not in proc.stderr, (argv, proc.stderr)
    assert codes[0] == 3 and codes[2] == 2 and codes[3] == 1, codes
