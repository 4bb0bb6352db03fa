"""Shell completion, driven the way each shell drives it: environment variables in, values out.

bash is also driven for real: the script `coach completion bash` prints is sourced and its
function called with COMP_WORDS/COMP_CWORD set, exactly as bash does on <Tab>.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factories import make_session

NAMES = ["José Ñúñez", "Sam", "Zoë 王 😀"]
HEAVY = ("pydantic", "rich", "yaml", "questionary", "icalendar")
PROBE = """
import json, sys
from coachcli.cli.app import run
try:
    run(sys.argv[1:])
finally:
    loaded = sorted({m.split('.')[0] for m in sys.modules})
    print(json.dumps(loaded), file=sys.stderr)
"""


@pytest.fixture
def store(coach_home):
    from coachcli.storage.store import Store

    s = Store(coach_home)
    for n, name in enumerate(NAMES, start=1):
        s.save_new_session(make_session(name, n))
    # close one item, so open and closed items complete differently
    session = s.load_session("20261124-s0002x")
    session.actions[1].status = "done"
    s.session_path(session.id).write_bytes(session.to_json_bytes())
    return s


def complete(env: dict[str, str], *, probe: bool = False) -> tuple[list[str], set[str]]:
    argv = [sys.executable, "-c", PROBE] if probe else [sys.executable, "-m", "coachcli"]
    proc = subprocess.run(
        argv, env=dict(os.environ, **env), capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    assert proc.returncode == 0, proc.stderr
    assert probe or proc.stderr == "", proc.stderr  # nothing ever printed into the prompt
    loaded = set(json.loads(proc.stderr.strip().splitlines()[-1])) if probe else set()
    return [v for v in proc.stdout.splitlines() if v], loaded


def bash(line: str, *, probe: bool = False) -> tuple[list[str], set[str]]:
    words = line.split(" ")
    return complete(
        {
            "_COACH_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
        },
        probe=probe,
    )


@pytest.mark.slow
def test_commands_and_subcommands(store):
    assert "followup" in bash("coach fo")[0]
    assert set(bash("coach followup d")[0]) == {"done", "drop", "due"}
    assert "completion" in bash("coach comp")[0]


@pytest.mark.slow
def test_people_complete_everywhere_a_person_is_taken(store):
    for line in (
        "coach start --person ",
        "coach followup --person ",
        "coach sessions --person ",
        "coach export --person ",
        "coach report --person ",
        "coach forget ",
    ):
        values, _ = bash(line)
        assert values == ["Zoë\\ 王\\ 😀", "Sam", "José\\ Ñúñez"] or sorted(values) == sorted(
            ["José\\ Ñúñez", "Sam", "Zoë\\ 王\\ 😀"]
        ), (line, values)
    assert bash("coach start --person Jo")[0] == ["José\\ Ñúñez"]


@pytest.mark.slow
def test_session_ids_complete(store):
    values, _ = bash("coach show ")
    assert set(values) == {"20261124-s0001x", "20261124-s0002x", "20261124-s0003x"}
    assert bash("coach show 20261124-s0003")[0] == ["20261124-s0003x"]
    assert len(bash("coach export ")[0]) == 3


@pytest.mark.slow
def test_open_items_for_changes_and_closed_items_for_reopen(store):
    open_ids = set(bash("coach followup done ")[0])
    assert "item021x" not in open_ids and {"item010x", "item020x", "item031x"} <= open_ids
    assert bash("coach followup reopen ")[0] == ["item021x"]
    assert set(bash("coach followup due item01")[0]) == {"item010x", "item011x"}


@pytest.mark.slow
def test_bank_names_complete_from_file_names(store):
    from coachcli.storage.paths import banks_dir

    banks_dir().mkdir(parents=True, exist_ok=True)
    (banks_dir() / "team-retro.yaml").write_text("not even a valid bank\n")
    for line in ("coach bank show ", "coach bank lint ", "coach start --bank "):
        assert set(bash(line)[0]) >= {"coaching", "mentoring", "team-retro"}, line
    assert bash("coach start --bank men")[0] == ["mentoring"]


@pytest.mark.slow
def test_completing_loads_no_heavy_module_once_the_index_is_current(store):
    bash("coach followup done ")  # the first call may bring the index up to date
    values, loaded = bash("coach followup done ", probe=True)
    assert values
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


@pytest.mark.slow
def test_zsh_and_fish_protocols(store):
    out, _ = complete({"_COACH_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "coach show "})
    text = "\n".join(out)
    assert "20261124-s0001x" in text and "José Ñúñez" in text  # id, with date and person
    out, _ = complete(
        {
            "_COACH_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_ARGS": "coach forget ",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        }
    )
    assert "José Ñúñez" in out and "Zoë 王 😀" in out


@pytest.mark.slow
def test_an_empty_or_broken_store_completes_nothing_quietly(coach_home):
    assert bash("coach show ")[0] == []
    coach_home.mkdir(parents=True)
    (coach_home / "sessions").mkdir()
    (coach_home / "sessions" / "20261124-s0001x.json").write_text("{")
    assert bash("coach show ")[0] == []


@pytest.mark.slow
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_command_prints_each_script(shell):
    proc = subprocess.run(
        [sys.executable, "-m", "coachcli", "completion", shell], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert "_COACH_COMPLETE=complete_" + shell in proc.stdout


@pytest.mark.slow
def test_completion_command_refuses_an_unknown_shell():
    proc = subprocess.run(
        [sys.executable, "-m", "coachcli", "completion", "tcsh"], capture_output=True, text=True
    )
    assert proc.returncode == 2 and "bash, zsh or fish" in proc.stderr


@pytest.mark.slow
def test_bash_itself_completes_with_the_printed_script(store, tmp_path):
    script = subprocess.run(
        [sys.executable, "-m", "coachcli", "completion", "bash"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    bindir = tmp_path / "bin"
    bindir.mkdir()
    shim = bindir / "coach"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m coachcli "$@"\n')
    shim.chmod(0o755)
    (tmp_path / "coach.bash").write_text(script)
    driver = (
        f"source {tmp_path / 'coach.bash'}\n"
        "COMP_WORDS=(coach followup reopen ''); COMP_CWORD=3\n"
        "_coach_completion coach\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
        "COMP_WORDS=(coach forget Jo); COMP_CWORD=2\n"
        "_coach_completion coach\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = dict(os.environ, PATH=f"{bindir}{os.pathsep}{os.environ['PATH']}")
    out = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", driver],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert out == ["item021x", "José\\ Ñúñez"], out
    assert Path(shim).exists()
