"""The console script `coach` and `python -m coachcli`.

`coach --version` and `coach --help` are answered here without importing the command line
(typer alone costs about four bare interpreter starts); everything else goes to
``coachcli.cli.app.main``. The root help is typer's own text, rendered once and kept in
``cli/root_help.txt`` (``tests/test_root_help.py`` checks it is what typer prints); it is used
where typer would print that very text: a terminal 80 columns wide or more, or no terminal.
"""

from __future__ import annotations

import os
import sys

HELP_WIDTH = 80  # click's help is this wide at most: the same text at any width from here up


def main() -> None:
    text = _quick_answer(sys.argv[1:])
    if text is not None:
        from coachcli.ui.output import guarded

        sys.exit(guarded(lambda: _write(text)))
    from coachcli.cli.app import main as cli_main

    try:
        cli_main()
    finally:
        _skip_the_last_collection()


def _quick_answer(argv: list[str]) -> str | None:
    """The text of ``--version`` or of the root ``--help``, or None: the command line decides."""
    if "_COACH_COMPLETE" in os.environ:  # shell completion asks the command line
        return None
    if argv in (["--version"], ["-V"]):
        from coachcli import __version__

        return f"coach {__version__}\n"
    if argv in (["--help"], ["-h"]) and help_columns() >= HELP_WIDTH:
        try:
            with open(os.path.join(os.path.dirname(__file__), "cli", "root_help.txt"), "rb") as f:
                return f.read().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None  # typer renders it
    return None


def help_columns() -> int:
    """``shutil.get_terminal_size().columns``, which click sizes its help by, without the
    import of shutil (~5 ms): ``COLUMNS`` when set, else stdout's terminal, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return columns


def _write(text: str) -> int:
    sys.stdout.write(text)
    return 0


def _skip_the_last_collection() -> None:
    """The command is over: hand every object to the collector's permanent generation, so that
    the interpreter's shutdown does not walk them all again looking for cycles.

    pydantic's schemas and typer's command tree are hundreds of thousands of objects that live
    until exit; the full collections of a normal shutdown took 40-120 ms of every run (``coach
    --help`` 151 -> 104 ms, ``start --answers`` 407 -> 326 ms, a warm ``followup`` at 100,000
    sessions 175 -> 121 ms; medians of alternating runs). Nothing is lost: objects are still
    freed by their reference counts, the standard streams are still flushed, and coach closes
    and syncs every file it writes itself before this point."""
    import gc

    gc.freeze()
