"""Commands: people, sessions, show and export — the history of coaching conversations.

Imports only typer at import time; ``people`` and ``sessions`` read index rows (plain json),
``show`` and ``export`` load the sessions they need through the store.
"""

from pathlib import Path

import typer


def _since(text: str | None):
    if text is None:
        return None
    from coachcli.core.clock import SystemClock
    from coachcli.core.dates import parse_date

    return parse_date(text, SystemClock().today())


def _rows():
    from coachcli.followup.view import say_skipped
    from coachcli.index import cache as index
    from coachcli.storage.store import Store

    store = Store.default()
    rows, errors = index.load_rows(store)
    say_skipped(errors)
    return store, rows


def people_command(as_json: bool) -> int:
    from coachcli.core.clock import SystemClock
    from coachcli.core.sanitize import print_lines
    from coachcli.followup.view import say_skipped
    from coachcli.history import view as history
    from coachcli.index import cache as index
    from coachcli.storage.store import Store

    open_rows, errors, known = index.load_open_rows(Store.default())
    say_skipped(errors)
    table = history.people(open_rows, known, SystemClock().today())
    if as_json:
        from coachcli.core.sanitize import json_text

        print(json_text(table))
        return 0
    if not table:
        print("No sessions yet. Start one with: coach start")
        return 0
    head = ["PERSON", "LAST SESSION", "SESSIONS", "OPEN", "OVERDUE"]
    body = [
        [
            " ".join(e["person"].split()),
            e["last_session"],
            str(e["sessions"]),
            str(e["open"]),
            str(e["overdue"]),
        ]
        for e in table
    ]
    print_lines(history.columns([head, *body]))
    return 0


def sessions_command(person: str | None, since: str | None, as_json: bool) -> int:
    from coachcli.core.sanitize import print_lines
    from coachcli.history import view as history

    _, rows = _rows()
    chosen = history.sessions(rows, person=person, since=_since(since))
    if as_json:
        from coachcli.core.sanitize import json_text

        print(json_text(chosen))
        return 0
    if not chosen:
        print("No sessions match." if (person or since) else "No sessions yet.")
        return 0
    head = ["ID", "DATE", "PERSON", "BANK", "ACTIONS OPEN/TOTAL"]
    body = [
        [
            s["id"],
            s["date"],
            " ".join(s["person"].split()),
            s["bank"],
            f"{s['open']}/{s['actions']}",
        ]
        for s in chosen
    ]
    print_lines(history.columns([head, *body]))
    return 0


def show_command(session_id: str, as_json: bool) -> int:
    from coachcli.history import view as history

    store, rows = _rows()
    session = store.load_session(history.resolve_session_id(rows, session_id))
    if as_json:
        import json

        from coachcli.core.sanitize import json_text

        print(json_text(json.loads(session.to_json_bytes())))
        return 0
    history.print_view(history.session_view(session))
    return 0


def export_command(
    session_id: str | None,
    person: str | None,
    fmt: str,
    output: Path | None,
    shared: bool,
    force: bool,
) -> int:
    import sys

    from coachcli.core.errors import NotFoundError, UsageError
    from coachcli.core.people import same_person
    from coachcli.history import export
    from coachcli.history import view as history

    if fmt not in export.FORMATS:
        raise UsageError(f"--format must be one of {', '.join(export.FORMATS)}")
    if (session_id is None) == (person is None):
        raise UsageError("give either a SESSION_ID or --person NAME")
    if output is not None and output.exists() and not force:
        raise UsageError(f"{output} exists; add --force to replace it")
    store, rows = _rows()
    if session_id is not None:
        ids = [history.resolve_session_id(rows, session_id)]
    else:
        ids = [row["id"] for row in rows if same_person(row["person"], person or "")]
        if not ids:
            raise NotFoundError(
                "no sessions with the person given to --person", hint="`coach people` lists them"
            )
    sessions = [store.load_session(sid) for sid in ids]
    data = export.render(sessions, fmt, shared=shared, single=session_id is not None)
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
    """Add people, sessions, show and export to ``app``."""

    @app.command("people")
    def people(
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> int:
        """Everyone you have coached: last session, sessions, open and overdue items.

        Example: coach people
        """
        return people_command(as_json)

    @app.command("sessions")
    def sessions(
        person: str | None = typer.Option(None, "--person", help="Only this person's sessions."),
        since: str | None = typer.Option(
            None, "--since", metavar="DATE", help="Only sessions on or after DATE."
        ),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> int:
        """One line per session: id, date, person, question bank, actions open/total.

        Example: coach sessions --person Sam --since 2026-01-01
        """
        return sessions_command(person, since, as_json)

    @app.command("show")
    def show(
        session_id: str = typer.Argument(..., metavar="SESSION_ID", help="Id or unique prefix."),
        as_json: bool = typer.Option(False, "--json", help="Print the session file's JSON."),
    ) -> int:
        """One session in full, private parts marked.

        Example: coach show 20261124-abc234
        """
        return show_command(session_id, as_json)

    @app.command("export")
    def export_(
        session_id: str | None = typer.Argument(
            None, metavar="[SESSION_ID]", help="The session to export (or use --person)."
        ),
        person: str | None = typer.Option(None, "--person", help="Every session with NAME."),
        fmt: str = typer.Option("md", "--format", "-f", help="md, json or ics."),
        output: Path | None = typer.Option(
            None, "--output", "-o", help="Write to FILE (0600) instead of printing."
        ),
        shared: bool = typer.Option(
            False, "--shared", help="Leave out everything private, to send to the person."
        ),
        force: bool = typer.Option(False, "--force", help="Replace an existing --output file."),
    ) -> int:
        """Export sessions as Markdown, JSON or an ICS task list of open items.

        Example: coach export --person Sam --format ics --output sam.ics
        """
        return export_command(session_id, person, fmt, output, shared, force)
