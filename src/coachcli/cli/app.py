"""The command line: parse, wire the real prompter, store and clock, turn errors into exit codes.

Each command group lives in ``coachcli.cli.<name>`` and registers itself on ``app``; those
modules import only typer at import time and load what a command needs inside the command, so
``coach --help`` stays close to the bare interpreter. ``main`` is the one place where an
exception becomes a message and an exit status.
"""

from __future__ import annotations

import contextlib
import os
import sys

import typer

from coachcli import __version__
from coachcli.core.errors import CoachError, ExitCode

app = typer.Typer(
    name="coach",
    help=(
        "A coaching assistant for supervisors: listen to understand, ask powerful questions, "
        "balance challenge and support, end with clear next steps.\n\n"
        "Example: coach start --person Sam\n\n"
        "Settings: COACH_HOME (the data folder), COACH_TODAY=YYYY-MM-DD (fixes today's date, "
        "for demos and tests; see README)."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"coach {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """coachcli."""


def _register() -> None:
    from coachcli.cli import (
        about,
        amend,
        bank,
        check,
        export,
        followup,
        goals,
        history,
        maintenance,
        practice,
        report,
        start,
        sync,
    )

    modules = (start, practice, amend, followup, goals, history, export, report, check, bank)
    for module in (*modules, maintenance, sync, about):
        module.register(app)


_register()


def _say_error(message: str, hint: str | None = None) -> None:
    from coachcli.core.sanitize import clean

    print(f"coach: {clean(message)}", file=sys.stderr)
    if hint:
        print(f"hint: {clean(hint)}", file=sys.stderr)


def _where(exc: BaseException) -> str:
    """file:line of the innermost frame, to make a bug report useful without any values."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    if last is None:
        return "?"
    return f"{os.path.basename(last.tb_frame.f_code.co_filename)}:{last.tb_lineno}"


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit status. Never raises (but for SystemExit)."""
    # typer vendors click: its usage errors live here, Exit and Abort on typer itself.
    from typer._click.exceptions import ClickException

    try:
        result = app(args=argv, prog_name="coach", standalone_mode=False)
    except CoachError as exc:
        _say_error(exc.message, exc.hint)
        return int(exc.exit_code)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except ClickException as exc:
        exc.show()
        return int(ExitCode.USAGE)
    except (typer.Abort, KeyboardInterrupt, EOFError):
        _say_error("cancelled")
        return int(ExitCode.CANCELLED)
    except BrokenPipeError:
        # The reader went away (coach ... | head): not an error worth a message.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep interpreter exit quiet
        return int(ExitCode.OK)
    except Exception as exc:
        if os.environ.get("COACH_DEBUG"):
            raise
        # No message text: it may quote user notes. The type and place are enough to report.
        _say_error(
            f"unexpected error ({type(exc).__name__} at {_where(exc)})",
            "this is a bug in coachcli; run again with COACH_DEBUG=1 to see the stack",
        )
        return int(ExitCode.UNEXPECTED)
    return int(result) if isinstance(result, int) else int(ExitCode.OK)


def main() -> None:
    sys.exit(run(sys.argv[1:]))
