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
