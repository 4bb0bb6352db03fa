"""Commands: coach followup (listing, interactive review, --json, --check) and its scripted changes.

Imports only typer at import time. Listing asks the derived index for the open items only and
prints with ``print`` when stdout is not a terminal: no pydantic, no rich, no questionary on that
path. ``--json`` is compact and streamed unless a person reads it (a terminal, or ``--pretty``);
``--jsonl`` prints one object per line.
"""

import typer

HELP = """Review the next steps people committed to, and close the loop.

Lists open action items from every session: overdue first (with how many days late), then due
soon, then the rest, grouped by person, each with its id and the session it came from. On a
terminal it then walks each item: done, partly done, not done yet, new due date or drop.

\b
Examples:
  coach followup
  coach followup --person Sam --no-review
  coach followup --check          (exit 6 when something is overdue)
  coach followup done k7m2 --note "Asking early helped"
"""


def _listing(
    person: str | None,
    overdue: bool,
    due_within: int | None,
    show_all: bool,
    json_mode: str | None,
    check: bool,
    review: bool | None,
) -> int:
    import sys

    from coachcli.core.clock import SystemClock
    from coachcli.core.errors import NoTerminalError, NotFoundError
    from coachcli.core.people import same_person
    from coachcli.followup import listing as fu
    from coachcli.followup.view import print_listing, say_skipped
    from coachcli.index import cache as index
    from coachcli.storage.store import Store
    from coachcli.ui import terminal

    store = Store.default()
    clock = SystemClock()
    today = clock.today()
    if show_all:
        rows, errors = index.load_rows(store)
        items = fu.items_from_rows(rows)
        del rows
    else:
        items, errors = index.load_open_items(store, fu.items_from_row)
    if person is not None and not any(
        same_person(entry["person"], person) for entry in index.load_people(store)
    ):
        say_skipped(errors)
        raise NotFoundError(
            "no sessions with the person given to --person", hint="`coach people` lists them"
        )
    soon_days = due_within if due_within is not None else fu.SOON_DAYS
    summary = fu.summarize(
        [i for i in items if person is None or same_person(i.person, person)],
        today,
        soon_days,
    )
    chosen = fu.select(
        items,
        today,
        person=person,
        overdue_only=overdue,
        due_within=due_within,
        include_closed=show_all,
    )
    del items
    say_skipped(errors)
    if check:
        print(summary.line())
        return 6 if summary.overdue else 0
    if json_mode is not None:
        from coachcli.ui.jsonout import pretty_wanted, write_json

        ordered = fu.in_order(chosen, today, soon_days)
        write_json(
            (fu.as_json(item, today) for item in ordered),
            pretty=json_mode != "jsonl" and pretty_wanted(json_mode == "pretty"),
            lines=json_mode == "jsonl",
        )
        return 0
    print_listing(chosen, summary, today, person=person, include_closed=show_all)
    interactive = terminal.interactive()
    if review is None:
        review = interactive
    to_review = fu.in_order([item for item in chosen if item.is_open], today, soon_days)
    if not review or not to_review:
        return 0
    if not terminal.is_terminal(sys.stdin):
        raise NoTerminalError("--review needs a terminal to answer on")
    from coachcli.core.errors import Cancelled
    from coachcli.followup.review import review_items, store_applier
    from coachcli.ui.questionary_prompter import QuestionaryPrompter

    try:
        done = review_items(to_review, QuestionaryPrompter(), clock, store_applier(store))
    except Cancelled:
        raise Cancelled("cancelled; the answers given so far are saved") from None
    print(done.line())
    return 0


def _change(item_id: str, change: str, *, note: str = "", due_text: str | None = None) -> int:
    from coachcli.core.clock import SystemClock
    from coachcli.core.dates import parse_date
    from coachcli.core.errors import UsageError
    from coachcli.followup import listing as fu
    from coachcli.followup.review import change_item
    from coachcli.index import cache as index
    from coachcli.storage.store import Store

    store = Store.default()
    clock = SystemClock()
    wanted = item_id.strip().lower()
    if len(wanted) < fu.MIN_PREFIX:
        fu.find([], wanted)  # the usage error for a short id
    item = fu.find(fu.items_from_rows(index.find_items(store, wanted)), wanted)
    due = parse_date(due_text, clock.today()) if due_text is not None else None
    if change == "reopen" and item.is_open:
        raise UsageError(f"item {item.id} is already open")
    change_item(store, item.session_id, item.id, change, at=clock.now(), due=due, note=note)
    words = {
        "done": "marked done",
        "partly": "marked partly done",
        "drop": "dropped",
        "reopen": "reopened",
        "reschedule": f"now due {due.isoformat() if due else ''}",
    }
    print(f"{item.id}: {words[change]}")
    return 0


def register(app: typer.Typer) -> None:
    """Add ``coach followup`` and its subcommands to ``app``."""
    group = typer.Typer(
        help=HELP,
        invoke_without_command=True,
        no_args_is_help=False,
        add_completion=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @group.callback(invoke_without_command=True)
    def followup(
        ctx: typer.Context,
        person: str | None = typer.Option(None, "--person", help="Only this person's items."),
        overdue: bool = typer.Option(False, "--overdue", help="Only overdue items."),
        due_within: int | None = typer.Option(
            None,
            "--due-within",
            min=0,
            metavar="DAYS",
            help="Only items due within DAYS days (overdue ones too).",
        ),
        show_all: bool = typer.Option(
            False, "--all", help="Include closed items (done, partly, dropped)."
        ),
        as_json: bool = typer.Option(
            False, "--json", help="Print a JSON array of items (indented only at a terminal)."
        ),
        pretty: bool = typer.Option(False, "--pretty", help="With --json: indent it anyway."),
        as_jsonl: bool = typer.Option(False, "--jsonl", help="Print one JSON object per line."),
        check: bool = typer.Option(
            False, "--check", help="Print one summary line; exit 6 if anything is overdue."
        ),
        review: bool | None = typer.Option(
            None,
            "--review/--no-review",
            help="Walk each open item (default when run in a terminal).",
        ),
    ) -> int | None:
        if ctx.invoked_subcommand is not None:
            return None
        json_mode = "jsonl" if as_jsonl else ("pretty" if pretty else "json") if as_json else None
        if pretty and not as_json:
            from coachcli.core.errors import UsageError

            raise UsageError("--pretty goes with --json")
        return _listing(person, overdue, due_within, show_all, json_mode, check, review)

    note_option = typer.Option("", "--note", help="What did you learn? (optional)")

    @group.command("done")
    def done(item_id: str = typer.Argument(..., metavar="ITEM_ID"), note: str = note_option) -> int:
        """Mark an item done. Example: coach followup done k7m2 --note "Asking early helped\""""
        return _change(item_id, "done", note=note)

    @group.command("partly")
    def partly(
        item_id: str = typer.Argument(..., metavar="ITEM_ID"), note: str = note_option
    ) -> int:
        """Mark an item partly done. Example: coach followup partly k7m2"""
        return _change(item_id, "partly", note=note)

    @group.command("drop")
    def drop(item_id: str = typer.Argument(..., metavar="ITEM_ID"), note: str = note_option) -> int:
        """Drop an item that no longer matters. Example: coach followup drop k7m2"""
        return _change(item_id, "drop", note=note)

    @group.command("reopen")
    def reopen(item_id: str = typer.Argument(..., metavar="ITEM_ID")) -> int:
        """Open a closed item again. Example: coach followup reopen k7m2"""
        return _change(item_id, "reopen")

    @group.command("due")
    def due(
        item_id: str = typer.Argument(..., metavar="ITEM_ID"),
        date: str = typer.Argument(..., metavar="DATE", help="The new due date."),
    ) -> int:
        """Give an item a new due date. Example: coach followup due k7m2 2026-12-01"""
        return _change(item_id, "reschedule", due_text=date)

    app.add_typer(group, name="followup")
