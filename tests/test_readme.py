"""README stays honest: two set-up commands, CI runs the test one, help and exit codes match."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from coachcli.cli.app import full_app, run
from coachcli.core.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    section = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section, flags=re.S)


def test_readme_has_exactly_two_setup_commands():
    commands = setup_commands()
    assert len(commands) == 2, commands
    start, tests = commands
    assert "\n" not in start and "\n" not in tests
    assert start.endswith("coach start") and "pip install ." in start
    assert "pytest" in tests and "[test]" in tests


@pytest.mark.slow
def test_ci_runs_the_readme_test_command_exactly():
    env = dict(os.environ, CI_PRINT_COMMAND="1")
    out = subprocess.run(
        ["bash", str(ROOT / ".ci" / "run")], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == setup_commands()[1]


def test_exit_code_table_matches_the_enum():
    table = dict(re.findall(r"^\| (\d+) \| (.+?) \|$", README, flags=re.M))
    assert sorted(int(code) for code in table) == sorted(int(c) for c in ExitCode)


def _commands():
    import typer.main

    group = typer.main.get_command(full_app())
    for name, command in group.commands.items():
        yield [name]
        for sub in getattr(command, "commands", {}) or {}:
            yield [name, sub]


@pytest.mark.parametrize("argv", list(_commands()), ids=" ".join)
def test_every_command_has_help_with_an_example(argv, capsys):
    rc = run([*argv, "--help"])
    out = capsys.readouterr().out
    assert rc == 0, out
    assert "Example" in out, f"`coach {' '.join(argv)} --help` shows no example:\n{out}"


def test_every_command_in_the_readme_tour_exists():
    tour = README.split("## A tour", 1)[1].split("\n## ", 1)[0]
    named = {m.split()[0] for m in re.findall(r"`coach ([a-z-]+[^`]*)`", tour)}
    known = {argv[0] for argv in _commands()}
    assert named <= known, named - known


@pytest.mark.slow
def test_python_dash_m_runs_the_cli():
    out = subprocess.run(
        [sys.executable, "-m", "coachcli", "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert out.startswith("coach ")
