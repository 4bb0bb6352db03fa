"""Commands: people, sessions, show and export — the history of coaching conversations.

Imports only typer at import time; ``people`` and ``sessions`` ask the derived index for exactly
what they show, ``show`` and ``export`` look ids up in it and load only the sessions they need.
"""

from pathlib import Path

import typer


def _since(text: str | None):
    if text is None:
        return None
    from coachcli.core.clock import SystemClock
    from coachcli.core.dates import parse_date

    return parse_date(text, SystemClock().today())


def _resolve(store, text: str) -> str:
    """The session id ``text`` names (full id or unique prefix), looked up in the index only."""
    from coachcli.core.ids import SESSION_ID
    from coachcli.history import view as history
    from coachcli.index import cache as index

    wanted = text.strip().lower()
    if len(wanted) < history.MIN_PREFIX:
        return history.resolve_session_id([], wanted)  # the usage error for a short id
    ids = index.find_session_ids(store, wanted)
    if not ids and SESSION_ID.fullmatch(wanted):
        return wanted  # a file that cannot be read: loading it says why (damaged, newer)
    return history.resolve_session_id([{"id": sid} for sid in ids], wanted)


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


TERMINAL_LIMIT = 50  # sessions shown at a terminal unless --limit or --all


def sessions_command(
    person: str | None,
    since: str | None,
    json_mode: str | None,
    limit: int | None,
    show_all: bool,
) -> int:
    import itertools

    from coachcli.core.people import person_key
    from coachcli.core.sanitize import print_lines
    from coachcli.followup.view import say_skipped
    from coachcli.history import view as history
    from coachcli.index import cache as index
    from coachcli.storage.store import Store
    from coachcli.ui.terminal import is_terminal

    day = _since(since)
    if limit is None and not show_all and json_mode is None and is_terminal():
        limit = TERMINAL_LIMIT
    chosen, total, errors = index.session_lines(
        Store.default(),
        pkey=person_key(person) if person is not None else None,
        since=day.isoformat() if day is not None else None,
        last=limit,
    )
    say_skipped(errors)
    if json_mode is not None:
        from coachcli.ui.jsonout import pretty_wanted, write_json

        write_json(
            (line._asdict() for line in chosen),
            pretty=json_mode != "jsonl" and pretty_wanted(json_mode == "pretty"),
            lines=json_mode == "jsonl",
        )
        return 0
    if not chosen:
        print("No sessions match." if (person or since) else "No sessions yet.")
        return 0
    head = ["ID", "DATE", "PERSON", "BANK", "ACTIONS OPEN/TOTAL"]

    def cells():
        for s in chosen:
            yield [s.id, s.date, " ".join(s.person.split()), s.bank, f"{s.open}/{s.actions}"]

    lines = history.column_lines(head, cells)
    while chunk := list(itertools.islice(lines, 2000)):
        print_lines(chunk)
    if len(chosen) < total:
        print(f"(the last {len(chosen)} of {total} sessions; --limit N or --all shows more)")
    return 0


def show_command(session_id: str, as_json: bool) -> int:
    from coachcli.history import view as history
    from coachcli.storage.store import Store

    store = Store.default()
    session = store.load_session(_resolve(store, session_id))
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
    from coachcli.history import export

    if fmt not in export.FORMATS:
        raise UsageError(f"--format must be one of {', '.join(export.FORMATS)}")
    if (session_id is None) == (person is None):
        raise UsageError("give either a SESSION_ID or --person NAME")
    if output is not None and output.exists() and not force:
        raise UsageError(f"{output} exists; add --force to replace it")
    from coachcli.core.people import person_key
    from coachcli.index import cache as index
    from coachcli.storage.store import Store

    store = Store.default()
    if session_id is not None:
        ids = [_resolve(store, session_id)]
    else:
        from coachcli.followup.view import say_skipped

        lines, _, errors = index.session_lines(store, pkey=person_key(person or ""))
        say_skipped(errors)
        ids = [line.id for line in lines]
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
        as_json: bool = typer.Option(
            False, "--json", help="Print JSON (indented only at a terminal)."
        ),
        pretty: bool = typer.Option(False, "--pretty", help="With --json: indent it anyway."),
        as_jsonl: bool = typer.Option(False, "--jsonl", help="Print one JSON object per line."),
        limit: int | None = typer.Option(
            None, "--limit", min=0, metavar="N", help="Only the last N sessions."
        ),
        show_all: bool = typer.Option(
            False, "--all", help=f"At a terminal, all sessions (not the last {TERMINAL_LIMIT})."
        ),
    ) -> int:
        """One line per session: id, date, person, question bank, actions open/total.

        Example: coach sessions --person Sam --since 2026-01-01
        """
        if pretty and not as_json:
            from coachcli.core.errors import UsageError

            raise UsageError("--pretty goes with --json")
        json_mode = "jsonl" if as_jsonl else ("pretty" if pretty else "json") if as_json else None
        return sessions_command(person, since, json_mode, limit, show_all)

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
