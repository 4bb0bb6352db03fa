"""Small commands about coach itself: where data lives, the JSON contracts."""

from typing import Annotated

import typer

from coachcli.cli import options


def path(
    as_json: Annotated[
        bool, options.json_flag("Print every location as JSON (schema: coach schema path).")
    ] = False,
) -> None:
    """Print the data directory (COACH_HOME if set, else the platform's user data folder).

    Example: coach path
    """
    from coachcli.storage import paths

    root = paths.data_dir()
    if not as_json:
        print(root)
        return
    from coachcli.core.sanitize import json_text
    from coachcli.storage.config import config_path

    print(
        json_text(
            {
                "kind": "coach-paths",
                "version": 1,
                "data": str(root),
                "sessions": str(paths.sessions_dir(root)),
                "banks": str(paths.banks_dir(root)),
                "index": str(paths.index_path(root)),
                "lock": str(paths.lock_path(root)),
                "config": str(config_path()),
            }
        )
    )


def _names(incomplete: str) -> list[str]:
    from coachcli.cli.json_schemas import OUTPUTS

    return [n for n in ("session", *OUTPUTS) if n.startswith(incomplete)]


def schema(
    name: Annotated[
        str,
        typer.Argument(
            metavar="[NAME]",
            help="session (a saved session file, also `coach show ID --json`), or the output of "
            "a --json option: people, sessions, followup, followup-check, check-question, "
            "check-step, prep, doctor, bank, bank-list, bank-lint, report, path, guide, "
            "forget-plan, sync-status, config.",
            autocompletion=_names,
            show_default=False,
        ),
    ] = "session",
    list_names: Annotated[
        bool, typer.Option("--list", help="List the names, with their command.")
    ] = False,
) -> int:
    """Print the JSON Schema of a session file or of a --json output: the contract for scripts.

    \b
    Examples:
      coach schema > session.schema.json
      coach schema followup
      coach schema --list
    """
    import json

    from coachcli.cli.json_schemas import OUTPUTS
    from coachcli.cli.json_schemas import schema as output_schema

    if list_names:
        print(f"{'session':<15} a saved session file; coach show ID --json")
        for key, (command, version, _) in OUTPUTS.items():
            print(f"{key:<15} {command} (version {version})")
        return 0
    if name == "session":
        from coachcli.core.model import session_json_schema

        print(json.dumps(session_json_schema(), indent=2))
        return 0
    if name not in OUTPUTS:
        from coachcli.core.errors import NotFoundError

        raise NotFoundError(
            f"no schema named {name[:40]!r}", hint="`coach schema --list` lists them"
        )
    print(json.dumps(output_schema(name), indent=2, ensure_ascii=False))
    return 0


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("path")(path)
    app.command("schema")(schema)
