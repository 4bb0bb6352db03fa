"""Command: coach export — sessions as Markdown, JSON or ICS (``history.export``).

Imports only typer at import time; sessions are named as ``coach show`` names them.
"""

from pathlib import Path
from typing import Annotated

import typer

from coachcli.cli import completion as complete
from coachcli.cli import options
from coachcli.cli.history import SESSION_HELP, WORDS_OK


def export(
    session: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[SESSION]",
            help=SESSION_HELP + " Or use --person.",
            autocompletion=complete.sessions,
        ),
    ] = None,
    person: Annotated[
        str | None, options.person_option("Every session with NAME.", metavar=None)
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", metavar="md|json|ics", help="Markdown, JSON or calendar to-dos."
        ),
    ] = "md",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (0600) instead of printing; - is standard output.",
        ),
    ] = None,
    shared: Annotated[
        bool,
        typer.Option(
            "--shared",
            help="Leave out everything private and address it to the person, to send to them.",
        ),
    ] = False,
    as_events: Annotated[
        bool,
        typer.Option(
            "--as-events",
            "--ics-events",
            help="ICS: each item with a due date as an all-day event (for calendars that "
            "ignore to-dos) instead of a to-do.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing --output file.")
    ] = False,
) -> int:
    """Export sessions as Markdown, JSON or ICS (a to-do, or with --as-events an all-day
    event, per action item; re-importing updates them).

    Example: coach export --person Sam --format ics --output sam.ics
    """
    import sys

    from coachcli.core.errors import NotFoundError, UsageError
    from coachcli.core.people import same_person
    from coachcli.history import export as exporting
    from coachcli.history import view as history

    words = session or []
    if fmt not in exporting.FORMATS:
        raise UsageError(f"--format must be one of {', '.join(exporting.FORMATS)}")
    if bool(words) == (person is not None):
        raise UsageError("give either a SESSION (id, last letters, or e.g. 'Sam last') or --person")
    if as_events and fmt != "ics":
        raise UsageError("--as-events is for --format ics")
    if output is not None and str(output) == "-":
        output = None  # `-o -`: standard output, as without -o
    if output is not None and output.exists() and not force:
        raise UsageError(f"{output} exists; add --force to replace it")
    from coachcli.cli.history import named_session, person_option, rows_and_errors

    store, rows, errors = rows_and_errors()
    if words:
        ids = [history.resolve_session_id(rows, named_session(words), errors)]
    else:
        person = person_option(person, rows)
        ids = [row["id"] for row in rows if same_person(row["person"], person or "")]
        if not ids:
            raise NotFoundError(
                "no sessions with the person given to --person", hint="`coach people` lists them"
            )
    sessions = [store.load_session(sid) for sid in ids]
    from coachcli.core.clock import SystemClock

    data = exporting.render(
        sessions,
        fmt,
        shared=shared,
        single=bool(words),
        now=SystemClock().now(),
        as_events=as_events,
    )
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    from coachcli.storage.fsio import atomic_write_bytes

    atomic_write_bytes(output, data)
    print(f"Wrote {output} ({len(sessions)} session{'s' if len(sessions) != 1 else ''}).")
    return 0


def register(app: typer.Typer) -> None:
    """Add ``coach export`` to ``app``."""
    app.command("export", context_settings=WORDS_OK)(export)
