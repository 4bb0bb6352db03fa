"""Output never crashes: any terminal encoding, any name, a reader that goes away, a full disk.

Every test runs coach as a real process, so the streams are the ones a shell would give it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from coachcli.ui.output import ascii_for
from factories import make_session
from probes import Coaches

NAMES = ["Zoë 王 😀", "José Ñúñez"]
TEXT_COMMANDS = [
    ["people"],
    ["sessions"],
    ["followup", "--no-review"],
    ["followup", "--all", "--no-review"],
    ["show", "20261124-s0001x"],
    ["show", "20261124-s0002x"],
    ["report"],
    ["report", "--csv"],
    ["bank", "show", "coaching"],
    ["bank", "list"],
    ["guide"],
    ["export", "--person", NAMES[0]],
    ["check-question", "Why did you — José — do that?"],
    ["--help"],
    ["doctor"],
    ["help"],
    ["help", "privacy"],
    ["help", "--man"],
    ["config"],
    ["path", "--json"],
    ["schema", "--list"],
    ["completion", "bash"],
    ["people", "--csv"],
    ["followup", "--check"],
    ["bank", "lint", "mentoring"],
    ["forget", NAMES[1], "--dry-run"],
]
JSON_COMMANDS = [
    ["people", "--json"],
    ["sessions", "--json"],
    ["followup", "--json"],
    ["show", "20261124-s0001x", "--json"],
    ["report", "--json"],
    ["bank", "show", "coaching", "--json"],
]


@pytest.fixture
def named_store(coach_home):
    from coachcli.storage.store import Store

    store = Store(coach_home)
    for n, name in enumerate(NAMES, start=1):
        session = make_session(name, n)
        session.actions[0].text = f"Ask {name} → about the rota…"
        store.save_new_session(session)
    return store


def coach(argv, *, env=None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coachcli", *argv],
        env=dict(os.environ, **(env or {})),
        capture_output=True,
        stdin=subprocess.DEVNULL,
        **kwargs,
    )


ENVIRONMENTS = {
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "latin-1": {"PYTHONIOENCODING": "latin-1"},
    "LC_ALL=C": {"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": ""},
    "dumb-50": {"TERM": "dumb", "COLUMNS": "50", "NO_COLOR": "1"},
}


@pytest.mark.slow
@pytest.mark.parametrize("where", list(ENVIRONMENTS))
def test_every_listing_prints_in_any_encoding(named_store, where):
    env = ENVIRONMENTS[where]
    with Coaches(named_store.root, env=env) as runs:
        procs = [(argv, runs.run(*argv)) for argv in TEXT_COMMANDS]  # forked, not started
    for argv, proc in procs:
        assert proc.returncode in (0, 2, 6), (argv, proc.stderr)  # lint 2, check 6
        assert b"unexpected error" not in proc.stderr, (argv, proc.stderr)
        assert b"\x1b" not in proc.stdout, argv  # piped: no escape codes
        if argv[0] == "export":
            proc.stdout.decode("utf-8")  # a document, always UTF-8, whatever the terminal
        elif env.get("PYTHONIOENCODING") == "ascii":
            assert proc.stdout.isascii(), argv  # nothing the terminal cannot show


@pytest.mark.slow
def test_names_fall_back_to_their_ascii_look_alike(named_store):
    out = coach(["people"], env={"PYTHONIOENCODING": "ascii"}).stdout.decode("ascii")
    assert "Jose Nunez" in out
    assert "Zoe ? ?" in out
    out = coach(["people"], env={"PYTHONIOENCODING": "latin-1"}).stdout.decode("latin-1")
    assert "José Ñúñez" in out and "Zoë ? ?" in out


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "utf-8"])
def test_json_keeps_every_character_whatever_the_encoding(named_store, encoding):
    with Coaches(named_store.root, env={"PYTHONIOENCODING": encoding}) as runs:
        procs = [(argv, runs.run(*argv)) for argv in JSON_COMMANDS]  # forked, not started
    for argv, proc in procs:
        assert proc.returncode == 0, (argv, proc.stderr)
        data = json.loads(proc.stdout.decode(encoding))
        if argv[0] in ("people", "sessions", "followup", "show"):
            assert NAMES[0] in json.dumps(data, ensure_ascii=False), argv


def test_symbols_have_ascii_stand_ins():
    assert ascii_for("—") == "-"
    assert ascii_for("✓") == "v"
    assert ascii_for("…") == "..."
    assert ascii_for("→") == "->"
    assert ascii_for("ñ") == "n"
    assert ascii_for("王") == "?"
    from coachcli.report.view import EIGHTHS, SPARKS

    for char in EIGHTHS + SPARKS:
        assert ascii_for(char).isascii() and len(ascii_for(char)) == 1, char


@pytest.mark.slow
def test_a_reader_that_goes_away_ends_quietly(named_store):
    """`coach ... | head -c 1`: EPIPE is not an error; no message, status 0."""
    for argv in (["bank", "show", "coaching", "--json"], ["followup", "--json"], ["--help"]):
        read, write = os.pipe()
        os.close(read)  # no reader at all: the first write fails with EPIPE
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "coachcli", *argv],
                stdout=write,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
            )
        finally:
            os.close(write)
        assert proc.returncode == 0, (argv, proc.stderr)
        assert proc.stderr == b"", (argv, proc.stderr)


@pytest.mark.slow
def test_head_in_a_real_pipeline_is_quiet(named_store):
    proc = subprocess.run(
        [
            "bash",
            "-c",
            f"'{sys.executable}' -m coachcli bank show coaching --json | head -c 1;"
            " exit ${PIPESTATUS[0]}",
        ],
        capture_output=True,
    )
    assert proc.returncode == 0 and proc.stdout == b"{" and proc.stderr == b""


@pytest.mark.slow
def test_a_full_disk_is_one_line_and_exit_10(named_store):
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "coachcli", "bank", "show", "coaching", "--json"],
            stdout=full,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
        )
    assert proc.returncode == 10
    lines = proc.stderr.decode().splitlines()
    assert lines == ["coach: cannot write the output: no space left on device"]


@pytest.mark.slow
def test_a_closed_stdout_is_one_line_and_exit_10(named_store):
    proc = subprocess.run(
        ["bash", "-c", f"'{sys.executable}' -m coachcli people >&-"], capture_output=True
    )
    assert proc.returncode == 10
    assert proc.stderr.decode().splitlines() == [
        "coach: cannot write the output: standard output is closed"
    ]


@pytest.mark.slow
def test_a_closed_stdout_never_receives_a_store_file(named_store, coach_home):
    """fd 1 is held on /dev/null, so the index coach writes cannot land on it."""
    proc = subprocess.run(
        ["bash", "-c", f"'{sys.executable}' -m coachcli followup --json >&-"],
        capture_output=True,
    )
    assert proc.returncode == 10
    index = coach_home / "index.json"
    if index.exists():
        json.loads(index.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_a_full_stderr_keeps_the_documented_status(named_store):
    """Nowhere to write the message: the exit status still tells the caller what happened."""
    cases = [(["show", "zzzz9999"], 8), (["--bogus"], 2), (["people"], 0)]
    with open("/dev/full", "wb") as full:
        for argv, status in cases:
            proc = subprocess.run(
                [sys.executable, "-m", "coachcli", *argv],
                stdout=subprocess.DEVNULL,
                stderr=full,
                stdin=subprocess.DEVNULL,
            )
            assert proc.returncode == status, argv
        proc = subprocess.run(
            [sys.executable, "-m", "coachcli", "people"], stdout=full, stderr=full
        )
        assert proc.returncode == 10
