"""`coach config`: where the optional config file is, what it sets, and whether it is valid."""

from typing import Annotated

import typer

from coachcli.cli import options


def config(
    as_json: Annotated[
        bool, options.json_flag("Print JSON (schema: coach schema config).")
    ] = False,
    path_only: Annotated[
        bool, typer.Option("--path", help="Print only where the file is.")
    ] = False,
) -> int:
    """Show the optional config file: where it is, and the settings in effect.

    The file is TOML in your platform's config folder ($XDG_CONFIG_HOME/coachcli/config.toml
    on Linux; COACH_CONFIG names another). Settings: bank (the bank an interactive coach start
    uses without --bank), color (auto, always, never), pager. Exit status 3 when the file is
    not valid (it is then ignored by every other command).

    \b
    Examples:
      coach config
      printf 'bank = "mentoring"\\n' > "$(coach config --path)"
    """
    from coachcli.core.errors import DamagedFileError
    from coachcli.core.sanitize import json_text
    from coachcli.storage.config import Config, config_path, load

    path = config_path()
    if path_only:
        print(path)
        return 0
    problem = None
    try:
        settings = load(path)
    except DamagedFileError as exc:
        settings, problem = Config(), exc
    exists = path.exists()
    if as_json:
        print(
            json_text(
                {
                    "kind": "coach-config",
                    "version": 1,
                    "path": str(path),
                    "exists": exists,
                    "valid": problem is None,
                    "problem": problem.message if problem else None,
                    "settings": settings.to_dict(),
                }
            )
        )
    else:
        state = "valid" if exists and problem is None else "not valid" if problem else "none yet"
        lines = [f"Config file: {path} ({state})"]
        if problem is not None:
            lines.append(f"  {problem.message}")
            if problem.hint:
                lines.append(f"  hint: {problem.hint}")
        width = max(len(key) for key in settings.to_dict())
        for key, value in settings.to_dict().items():
            lines.append(f"  {key:<{width}}  {value or '(not set)'}")
        from coachcli.core.sanitize import print_lines

        print_lines(lines)
    return 3 if problem is not None else 0


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("config")(config)
