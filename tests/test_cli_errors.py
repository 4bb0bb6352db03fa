"""cli.run is the one place errors become exit codes; every path out of it is covered here."""

from __future__ import annotations

import typer

from coachcli.cli import app as cli
from coachcli.core.errors import ExitCode, NotFoundError


def _with_command(monkeypatch, name, fn):
    sub = typer.Typer()
    sub.command(name)(fn)
    monkeypatch.setattr(cli, "app", sub)


def test_unknown_option_is_a_usage_error(capsys):
    assert cli.run(["--no-such-flag"]) == ExitCode.USAGE
    assert "No such option" in capsys.readouterr().err


def test_coach_error_prints_one_line_and_its_hint(monkeypatch, capsys):
    def boom() -> None:
        raise NotFoundError("no session 20261124-abcdef", hint="`coach sessions` lists them")

    _with_command(monkeypatch, "boom", boom)
    assert cli.run([]) == ExitCode.NOT_FOUND
    err = capsys.readouterr().err.splitlines()
    assert err == ["coach: no session 20261124-abcdef", "hint: `coach sessions` lists them"]


def test_unexpected_error_is_one_line_without_the_message(monkeypatch, capsys):
    def boom() -> None:
        raise ValueError("SECRET NOTE TEXT")

    _with_command(monkeypatch, "boom", boom)
    assert cli.run([]) == ExitCode.UNEXPECTED
    err = capsys.readouterr().err
    assert "SECRET" not in err and "Traceback" not in err
    assert "ValueError" in err


def test_keyboard_interrupt_and_abort_exit_130(monkeypatch, capsys):
    def interrupted() -> None:
        raise KeyboardInterrupt

    _with_command(monkeypatch, "x", interrupted)
    assert cli.run([]) == ExitCode.CANCELLED

    def aborted() -> None:
        raise typer.Abort()

    _with_command(monkeypatch, "x", aborted)
    assert cli.run([]) == ExitCode.CANCELLED


def test_typer_exit_code_passes_through(monkeypatch):
    def leave() -> None:
        raise typer.Exit(6)

    _with_command(monkeypatch, "x", leave)
    assert cli.run([]) == 6


def test_returned_int_is_the_exit_code(monkeypatch):
    _with_command(monkeypatch, "x", lambda: 6)
    assert cli.run([]) == 6


def test_a_run_builds_only_the_command_it_invokes(monkeypatch, capsys):
    built: list[list[str]] = []
    real = cli.typer.main.get_command

    def spy(typer_app):
        built.append(
            [c.name or c.callback.__name__ for c in typer_app.registered_commands]
            + [g.name for g in typer_app.registered_groups]
        )
        return real(typer_app)

    monkeypatch.setattr(cli.typer.main, "get_command", spy)
    monkeypatch.setattr(cli, "_built", {})
    assert cli.run(["--color", "never", "people"]) == ExitCode.OK
    assert built == [["people"]]
    assert cli.run(["followup", "--no-review"]) == ExitCode.OK
    assert built[-1] == ["followup"]
    assert cli.run(["people"]) == ExitCode.OK  # kept for the process
    assert len(built) == 2
    assert cli.run(["--help"]) == ExitCode.OK  # help lists everything: the whole tree
    assert len(built[-1]) > 20
    assert cli.run(["folowup"]) == ExitCode.USAGE  # a typo is answered from the whole tree
    assert "Did you mean 'followup'" in capsys.readouterr().err
