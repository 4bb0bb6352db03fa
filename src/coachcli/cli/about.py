"""Small commands about coach itself: where data lives, the session file format."""

import typer


def path() -> None:
    """Print the data directory (COACH_HOME if set, else the platform's user data folder).

    Example: coach path
    """
    from coachcli.storage.paths import data_dir

    print(data_dir())


def schema() -> None:
    """Print the JSON Schema of a saved session file.

    Example: coach schema > session.schema.json
    """
    import json

    from coachcli.core.model import session_json_schema

    print(json.dumps(session_json_schema(), indent=2))


def register(app: typer.Typer) -> None:
    app.command()(path)
    app.command()(schema)
