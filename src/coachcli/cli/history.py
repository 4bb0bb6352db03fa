"""Commands: people, sessions, show and rename — the history of coaching conversations.

Imports only typer at import time; ``people`` and ``sessions`` read index rows (plain json),
``show`` and ``export`` load the sessions they need through the store.
"""

from typing import Annotated

import typer

from coachcli.cli import completion as complete
from coachcli.cli import options


def rows_and_errors():
    from coachcli.followup.view import say_skipped
    from coachcli.index import cache as index
    from coachcli.storage.store import Store

    store = Store.default()
    rows, errors = index.load_session_keys(store)  # id, person, start: no row decoded
    say_skipped(errors)
    return store, rows, errors


def person_option(person: str | None, rows: list[dict]) -> str | None:
    """``--person`` as the known name it stands for (a unique first name or prefix will do),
    said on stderr when it was not typed in full."""
    from coachcli.core.people import display_names, spellings
    from coachcli.followup.view import take_person

    return take_person(person, list(display_names(spellings(rows)).values()))


def people(
    as_json: Annotated[bool, options.json_flag("Print JSON (coach schema people).")] = False,
    as_csv: options.Csv = False,
) -> int:
    """Everyone you have coached: last session, sessions, open and overdue items.

    Example: coach people
    """
    from coachcli.core.clock import SystemClock
    from coachcli.core.sanitize import print_lines
    from coachcli.followup.view import say_skipped
    from coachcli.history import view as history
    from coachcli.index import cache as index
    from coachcli.storage.store import Store

    open_rows, errors, known = index.load_open_rows(Store.default())
    say_skipped(errors)
    table = history.people(open_rows, known, SystemClock().today())
    if as_csv:
        import sys

        from coachcli.core.sanitize import csv_text

        sys.stdout.write(csv_text(table))
        return 0
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
    from coachcli.ui.pager import paged

    with paged():
        print_lines(history.columns([head, *body]))
    return 0


TERMINAL_LIMIT = 50  # sessions shown at a terminal unless --limit or --all


def sessions(
    person: Annotated[
        str | None,
        options.person_option(
            "Only this person's sessions (a unique first name will do).", metavar=None
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Only sessions on or after DATE: 2026-12-01, 1 dec, yesterday, last month, "
            "2 weeks ago (read backward, like git log --since).",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DATE", help="Only sessions on or before DATE."),
    ] = None,
    as_json: Annotated[bool, options.json_flag("Print JSON (coach schema sessions).")] = False,
    pretty: options.Pretty = False,
    as_jsonl: options.JsonLines = False,
    as_csv: options.Csv = False,
    limit: Annotated[
        int | None, typer.Option("--limit", metavar="N", help="Only the last N sessions.")
    ] = None,
    show_all: Annotated[
        bool,
        typer.Option("--all", help=f"At a terminal, all sessions (not the last {TERMINAL_LIMIT})."),
    ] = False,
) -> int:
    """One line per session: id, date, person, question bank, kind (coaching or mentoring),
    actions open/total.

    Example: coach sessions --person Sam --since "last month"
    """
    # The lines come from the index's columns (no row decoded); a terminal reads only the
    # last TERMINAL_LIMIT; JSON is streamed.
    import itertools
    import sys

    from coachcli.core.clock import SystemClock
    from coachcli.core.errors import UsageError
    from coachcli.core.people import display_names, person_key
    from coachcli.core.sanitize import print_lines
    from coachcli.followup.view import say_skipped, take_person
    from coachcli.history import view as history
    from coachcli.index import cache as index
    from coachcli.index.query import as_dict
    from coachcli.storage.store import Store
    from coachcli.ui.terminal import is_terminal

    json_mode = options.json_mode(as_json, pretty, as_jsonl)
    if as_csv and (as_json or as_jsonl):
        raise UsageError("--csv goes alone: not with --json or --jsonl")
    if limit is not None and limit < 0:
        raise UsageError(f"--limit {limit}: give a number of sessions, 0 or more")
    since_day = until_day = None
    if since is not None or until is not None:  # the clock (COACH_TODAY) only when needed
        today = SystemClock().today()
        since_day = options.parse_bound(since, "--since", today)
        until_day = options.parse_bound(until, "--until", today)
    store = Store.default()
    shown = display_names(index.load_people(store))  # one name per person, however spelled
    person = take_person(person, list(shown.values()))
    if limit is None and not show_all and json_mode is None and is_terminal():
        limit = TERMINAL_LIMIT
    chosen, total, errors = index.session_lines(
        store,
        pkey=person_key(person) if person is not None else None,
        since=since_day.isoformat() if since_day is not None else None,
        until=until_day.isoformat() if until_day is not None else None,
        last=limit,
    )
    say_skipped(errors)
    shown_as: dict[str, str] = {}  # each spelling looked up once: 100,000 lines, few names
    for s in chosen:
        if s.person not in shown_as:
            shown_as[s.person] = shown.get(person_key(s.person), s.person)
    if any(spelling != name for spelling, name in shown_as.items()):
        chosen = [s._replace(person=shown_as[s.person]) for s in chosen]
    if as_csv:
        from coachcli.core.sanitize import csv_text

        sys.stdout.write(csv_text([as_dict(line) for line in chosen]))
        return 0
    if json_mode is not None:
        options.write_json_mode(map(as_dict, chosen), json_mode)
        return 0
    if not chosen:
        print("No sessions match." if (person or since or until) else "No sessions yet.")
        return 0
    head = ["ID", "DATE", "PERSON", "BANK", "KIND", "ACTIONS OPEN/TOTAL"]

    def cells():
        for s in chosen:
            yield [
                s.id,
                s.date,
                " ".join(s.person.split()),
                s.bank,
                s.kind,
                f"{s.open}/{s.actions}",
            ]

    from coachcli.ui.pager import paged

    lines = history.column_lines(head, cells)
    with paged():
        while chunk := list(itertools.islice(lines, 2000)):
            print_lines(chunk)
        if len(chosen) < total:
            print(f"(the last {len(chosen)} of {total} sessions; --limit N or --all shows more)")
    return 0


def named_session(words: list[str]) -> str:
    from coachcli.core.errors import UsageError

    for word in words:
        if word.startswith("-") and not word[1:].isdigit():
            raise UsageError(f"no such option: {word[:40]}", hint="add --help to see the options")
    text = " ".join(words).strip()
    if not text:
        raise UsageError("name a session: its id, the last letters of it, or e.g. 'Sam last'")
    return text


SESSION_HELP = "The session: its id, the last letters of it (atgx), or PERSON last / PERSON -2."
# "Sam -2" is a session, not an option: unknown dashed words reach the command (which refuses
# any that is not a position).
WORDS_OK = {"ignore_unknown_options": True}


def show(
    session: Annotated[
        list[str],
        typer.Argument(metavar="SESSION", help=SESSION_HELP, autocompletion=complete.sessions),
    ],
    as_json: Annotated[bool, options.json_flag("Print the session file's JSON.")] = False,
) -> int:
    """One session in full, private parts marked.

    Example: coach show atgx   (also: coach show Sam last, coach show Sam -2)
    """
    from coachcli.history import view as history

    store, rows, errors = rows_and_errors()
    found = store.load_session(history.resolve_session_id(rows, named_session(session), errors))
    if as_json:
        import json

        from coachcli.core.sanitize import json_text

        print(json_text(json.loads(found.to_json_bytes())))
        return 0
    from coachcli.ui.pager import paged

    with paged():
        history.print_view(history.session_view(found))
    return 0


def rename(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The name now (a first name will do).")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The name to show from now on.")],
) -> int:
    """Change the name a person is shown by, in every session with them.

    Example: coach rename "chen wu" "Chen Wu"
    """
    from coachcli.core.sanitize import one_line
    from coachcli.history.rename import rename_person

    store, rows, _ = rows_and_errors()
    found, new_name, changed = rename_person(store, rows, old, new)
    if not changed:
        print(f"Nothing to rename: every session already says {one_line(new_name, 80)}.")
        return 0
    sessions = f"{changed} session{'s' if changed != 1 else ''}"
    print(f"Renamed {one_line(found, 80)} to {one_line(new_name, 80)} in {sessions}.")
    return 0


def register(app: typer.Typer) -> None:
    """Add people, sessions, show and rename to ``app``."""
    app.command("people")(people)
    app.command("sessions")(sessions)
    app.command("show", context_settings=WORDS_OK)(show)
    app.command("rename")(rename)
