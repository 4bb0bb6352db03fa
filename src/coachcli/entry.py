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

    cli_main()
