"""The console script `coach` and `python -m coachcli`.

`coach --version` is answered here without importing the command line (typer alone costs about
four bare interpreter starts); everything else goes to ``coachcli.cli.app.main``.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from coachcli import __version__

        print(f"coach {__version__}")
        return
    from coachcli.cli.app import main as cli_main

    try:
        cli_main()
    finally:
        _skip_the_last_collection()


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
