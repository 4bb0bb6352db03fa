"""The small conventions: readable usage lines, -V, bank names that shadow a built-in, and
output that fits a 50-column terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pexpect
import pytest

from coachcli.cli.app import run
from factories import make_session


def _commands():
    import typer.main

    from coachcli.cli.app import full_app

    group = typer.main.get_command(full_app())
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        yield [name]
        for sub in getattr(command, "commands", {}) or {}:
            yield [name, sub]


@pytest.mark.parametrize("argv", list(_commands()), ids=" ".join)
def test_help_names_values_not_types(argv, capsys):
    assert run([*argv, "--help"]) == 0
    out = capsys.readouterr().out
    assert "<str>" not in out and "<int>" not in out, out
    usage = out.splitlines()[0]
    assert "{" not in usage, usage


def test_format_and_kind_show_their_choices(capsys):
    run(["export", "--help"])
    assert "--format md|json|ics" in capsys.readouterr().out
    run(["bank", "new", "--help"])
    assert "--kind coaching|mentoring" in capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_short_and_long_version(flag):
    for argv in (
        [sys.executable, "-m", "coachcli", flag],
        [sys.executable, "-c", f"from coachcli.cli.app import run; run(['{flag}'])"],
    ):
        out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
        assert re.fullmatch(r"coach \d+\.\d+\.\d+\S*\n", out), out


def test_bank_new_refuses_a_built_in_name_and_force_copies_it(coach_home, capsys):
    from coachcli.banks.load import builtin_banks_dir, load_bank, user_banks_dir

    assert run(["bank", "new", "coaching"]) == 2
    assert "built-in" in capsys.readouterr().err
    assert not (user_banks_dir() / "coaching.yaml").exists()
    builtin = len(load_bank("coaching").questions)
    assert run(["bank", "new", "coaching", "--force"]) == 0
    copied = user_banks_dir() / "coaching.yaml"
    assert copied.read_bytes() == (builtin_banks_dir() / "coaching.yaml").read_bytes()
    assert len(load_bank("coaching").questions) == builtin  # still all of its questions
    assert run(["bank", "new", "coaching", "--force"]) == 2  # never overwrites yours
    assert run(["bank", "new", "team-retro"]) == 0  # other names: the starter, as before


def narrow(argv: list[str], cols: int = 50) -> list[str]:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "coachcli", "--no-pager", *argv],
        env=dict(os.environ, NO_COLOR="1", TERM="xterm", COLUMNS=str(cols), LINES="300"),
        dimensions=(300, cols),
        encoding="utf-8",
        timeout=60,
    )
    out = child.read()
    child.close()
    assert child.exitstatus in (0, 6), out
    return out.replace("\r", "").splitlines()


@pytest.fixture
def store(coach_home):
    from coachcli.storage.store import Store

    s = Store(coach_home)
    for n, name in enumerate(["José Ñúñez", "Sam"], start=1):
        session = make_session(name, n)
        session.actions[
            0
        ].text = (
            "Draft the onboarding checklist with the two new starters and share it with the team"
        )
        s.save_new_session(session)
    return s


@pytest.mark.slow
def test_followup_keeps_its_hanging_indent_at_50_columns(store):
    lines = narrow(["followup", "--no-review"])
    assert all(len(line) <= 50 for line in lines), lines
    start = next(i for i, line in enumerate(lines) if "Draft the onboarding" in line)
    following = lines[start + 1 : start + 4]
    assert all(line.startswith(" " * 14) and line.strip() for line in following), lines


@pytest.mark.slow
def test_report_fits_50_columns(store):
    lines = narrow(["report"])
    assert all(len(line.rstrip()) <= 50 for line in lines), [ln for ln in lines if len(ln) > 50]
    text = "\n".join(lines)
    assert "100%" in text and "José Ñúñez" in text  # figures kept, not cut off
