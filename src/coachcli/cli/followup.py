"""Commands: coach followup (listing, interactive review, --json, --check) and its scripted changes.

Imports only typer at import time. Listing reads the derived index with plain json and prints with
``print`` when stdout is not a terminal: no pydantic, no rich, no questionary on that path.
"""

from typing import Annotated

import typer

from coachcli.cli import options

HELP = """Review the next steps people committed to, and close the loop.

Lists open action items from every session: overdue first (with how many days late), then due
soon, then the rest, grouped by person, each with its id and the session it came from; the
summary line counts the same items. On a terminal it then walks each item as a coach would:
done (when, and what they learned), partly done (what is left becomes a new item with its own
due date), not done yet (what got in the way, and when now), or drop (why).

\b
Examples:
  coach followup
  coach followup --person Sam --no-review
  coach followup --check          (exit 6 when something is overdue)
  coach followup done k7m2 --on yesterday --note "Asking early helped"
  coach followup due k7m2 "next friday"

Dates: due dates are today or later, work dates (--on) today or earlier; every date is echoed
as understood. COACH_TODAY=YYYY-MM-DD fixes today's date (for demos and tests).
"""


def followup(
    ctx: typer.Context,
    person: Annotated[
        str | None, options.person_option("Only this person's items (a unique first name will do).")
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue items.")] = False,
    due_within: Annotated[
        int | None,
        typer.Option(
            "--due-within",
            metavar="DAYS",  # >= 0, checked below: a click range makes typer<0.26 load rich
            help="Only items due within DAYS days (overdue ones too).",
        ),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Include closed items (done, partly, dropped).")
    ] = False,
    as_json: Annotated[
        bool, options.json_flag("Print a JSON array of items (schema: coach schema followup).")
    ] = False,
    pretty: options.Pretty = False,
    as_jsonl: options.JsonLines = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print the items as CSV.")] = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Print one summary line (with --json an object); exit 6 if anything is overdue.",
        ),
    ] = False,
    review: Annotated[
        bool | None,
        typer.Option(
            "--review/--no-review",
            help="Walk each open item (default when run in a terminal).",
        ),
    ] = None,
) -> int | None:
    if ctx.invoked_subcommand is not None:
        return None
    from coachcli.core.errors import UsageError

    if due_within is not None and due_within < 0:
        raise UsageError(f"--due-within {due_within}: give a number of days, 0 or more")
    if as_csv and (as_json or as_jsonl or check):
        raise UsageError("--csv goes alone: not with --json, --jsonl or --check")
    json_mode = options.json_mode(as_json, pretty, as_jsonl)
    return _listing(person, overdue, due_within, show_all, json_mode, check, review, as_csv)


def _listing(
    person: str | None,
    overdue: bool,
    due_within: int | None,
    show_all: bool,
    json_mode: str | None,
    check: bool,
    review: bool | None,
    as_csv: bool = False,
) -> int:
    import sys
    from collections.abc import Mapping, Sequence
    from typing import Any

    from coachcli.core.clock import SystemClock
    from coachcli.core.errors import NoTerminalError
    from coachcli.core.people import display_names, person_key, spellings
    from coachcli.followup import listing as fu
    from coachcli.followup.view import print_listing, say_skipped, take_person
    from coachcli.index import cache as index
    from coachcli.storage.store import Store
    from coachcli.ui import terminal

    store = Store.default()
    clock = SystemClock()
    today = clock.today()
    known: Sequence[Mapping[str, Any]]
    if show_all:
        rows, errors = index.load_rows(store)
        known = spellings(rows)
        items = fu.items_from_rows(rows)
    else:  # items made as each row is decoded: 200,000 of them never exist twice
        rows = []
        items, errors, known = index.load_open_rows(store, fu.items_from_row)
    say_skipped(errors)
    shown = display_names(known)  # one name per person, however it was typed
    person = take_person(person, list(shown.values()))
    soon_days = due_within if due_within is not None else fu.SOON_DAYS
    names: dict[str, str] = {}  # a few people, many items: each spelling looked up once
    for item in items:
        name = names.get(item.person)
        if name is None:
            name = names[item.person] = shown.get(person_key(item.person), item.person)
        item.person = name
    # One selection: the rows shown, the summary line, --json and --check all come from it.
    chosen = fu.select(
        items,
        today,
        person=person,
        overdue_only=overdue,
        due_within=due_within,
        include_closed=show_all,
    )
    if check:
        summary = fu.summarize(chosen, today, soon_days)
        if json_mode is not None:
            from coachcli.core.sanitize import json_text

            print(
                json_text(
                    {
                        "kind": "followup-check",
                        "version": 1,
                        "overdue": summary.overdue,
                        "due_soon": summary.soon,
                        "soon_days": summary.soon_days,
                        "open": summary.open,
                        "line": summary.line(),
                    }
                )
            )
        else:
            print(summary.line())
        return 6 if summary.overdue else 0
    if json_mode is not None or as_csv:
        from coachcli.core.collector import paused
        from coachcli.core.sanitize import csv_text

        with paused():  # 200,000 items sorted and written out: ~7% of the stress listing
            ordered = fu.in_order(chosen, today, soon_days)
            if as_csv:
                sys.stdout.write(csv_text([fu.as_json(item, today) for item in ordered]))
            elif json_mode is not None:
                options.write_json_mode((fu.as_json(item, today) for item in ordered), json_mode)
        return 0
    interactive = terminal.interactive()
    if review is None:
        review = interactive
    summary = fu.summarize(chosen, today, soon_days)
    to_review = fu.in_order([item for item in chosen if item.is_open], today, soon_days)
    from coachcli.followup.view import next_meetings
    from coachcli.ui.pager import paged

    with paged(enabled=not (review and to_review)):  # a long listing, not a walk-through
        print_listing(
            chosen,
            summary,
            today,
            person=person,
            include_closed=show_all,
            overdue=overdue,
            due_within=due_within,
        )
        meetings = next_meetings(rows if show_all else known, today, person)
        if meetings:
            from coachcli.core.sanitize import print_lines

            print_lines(["", *meetings])
        from coachcli.followup.goals import goals_due_lines

        due_goals = goals_due_lines(store, today, person)
        if due_goals:
            from coachcli.core.sanitize import print_lines

            print_lines(["", *due_goals])
    if not review or not to_review:
        return 0
    if not terminal.is_terminal(sys.stdin):
        raise NoTerminalError("--review needs a terminal to answer on")
    from coachcli.core.errors import Cancelled
    from coachcli.followup.review import review_items, store_applier
    from coachcli.ui.questionary_prompter import QuestionaryPrompter

    taken = [item.id for item in items]
    try:
        done = review_items(to_review, QuestionaryPrompter(), clock, store_applier(store, taken))
    except Cancelled:
        raise Cancelled("cancelled; the answers given so far are saved") from None
    print(done.line())
    return 0


def _change(
    item_id: str,
    change: str,
    *,
    note: str = "",
    due_text: str | None = None,
    on_text: str | None = None,
    left: str = "",
) -> int:
    from coachcli.core.clock import SystemClock
    from coachcli.core.dates import describe_date, parse_due, parse_past
    from coachcli.core.errors import UsageError
    from coachcli.followup import listing as fu
    from coachcli.followup.asking import Answer
    from coachcli.followup.review import change_item
    from coachcli.index import cache as index
    from coachcli.storage.store import Store

    store = Store.default()
    clock = SystemClock()
    today = clock.today()
    if left.strip() and due_text is None:
        raise UsageError("--left needs --due: when is the rest due?")
    # Dates first: a mistyped date changes nothing.
    due = parse_due(due_text, today) if due_text is not None else None
    done_on = parse_past(on_text, today) if on_text is not None else None
    wanted = item_id.strip().lower()
    if len(wanted) < fu.MIN_PREFIX:
        fu.find([], wanted)  # the usage error for a short id
    item = fu.find(fu.items_from_rows(index.find_items(store, wanted)), wanted)
    if change in ("done", "partly"):
        done_on = done_on or today
    if change == "keep" and due is None and item.due is not None and item.due < today:
        raise UsageError(
            f"item {item.id} was due {describe_date(item.due, today)}: give a new date with --due"
        )
    answer = Answer(change, due=due, note=note.strip(), done_on=done_on)
    if change == "partly":
        answer.due, answer.left, answer.left_due = None, left.strip(), due
    outcome, added = change_item(
        store,
        item.session_id,
        item.id,
        answer,
        at=clock.now(),
        taken=index.item_ids(store) if answer.left else (),  # ids matter for a remainder only
    )
    print(_said(item, change, outcome, answer, today))
    if added and answer.left_due:
        print(f"{added}: what is left, due {describe_date(answer.left_due, today)}")
    return 0


def _said(item, change: str, outcome: str, answer, today) -> str:
    """One line: what happened to the item, with every date as understood."""
    from coachcli.core.dates import describe_date

    if outcome == "unchanged":
        state = {"reopen": "open", "drop": "dropped", "reschedule": "due on that day"}
        return f"{item.id}: already {state.get(change, change)}; nothing changed"
    words = {
        "keep": "not done yet" + (", now due" if answer.due else ", still due"),
        "done": "marked done",
        "partly": "marked partly done",
        "drop": "dropped",
        "reopen": "reopened",
        "reschedule": "now due",
    }[change]
    if outcome == "amended":
        words = f"already {'dropped' if change == 'drop' else change}; corrected"
    if answer.done_on is not None:
        words += f", the work done {describe_date(answer.done_on, today)}"
    if change == "keep" and answer.due is None and item.due is not None:
        words += f" {describe_date(item.due, today)}"
    if change in ("reschedule", "keep") and answer.due is not None:
        words += f" {describe_date(answer.due, today)}"
    return f"{item.id}: {words}"


def done(
    item_id: options.OpenItemId,
    on: options.WorkedOn = None,
    note: options.Learned = "",
) -> int:
    """Mark an item done, on the day the work happened.

    Example: coach followup done k7m2 --on yesterday --note "Asking early helped"
    """
    return _change(item_id, "done", note=note, on_text=on)


def partly(
    item_id: options.OpenItemId,
    on: options.WorkedOn = None,
    left: Annotated[
        str,
        typer.Option(
            "--left",
            "--rest",
            metavar="TEXT",
            help="What is left: becomes a new item linked to this one (needs --due).",
        ),
    ] = "",
    due: Annotated[
        str | None,
        typer.Option("--due", metavar="DATE", help="When what is left is due (today or later)."),
    ] = None,
    note: options.Learned = "",
) -> int:
    """Mark an item partly done; what is left becomes a new item linked to it.

    Example: coach followup partly k7m2 --on monday --left "Send the second half" --due friday
    """
    return _change(item_id, "partly", note=note, on_text=on, left=left, due_text=due)


def not_yet(
    item_id: options.OpenItemId,
    due: Annotated[
        str | None,
        typer.Option("--due", metavar="DATE", help="When now (needed when the item is overdue)."),
    ] = None,
    why: Annotated[
        str, typer.Option("--why", "--note", help="What got in the way (optional).")
    ] = "",
) -> int:
    """Not done yet: what got in the way, and when now.

    Example: coach followup not-yet k7m2 --why "Waiting for the data" --due "next friday"
    """
    return _change(item_id, "keep", note=why, due_text=due)


def drop(
    item_id: options.OpenItemId,
    why: Annotated[str, typer.Option("--why", "--note", help="Why it is dropped (optional).")] = "",
) -> int:
    """Drop an item that no longer matters. Example: coach followup drop k7m2 --why "Moot\""""
    return _change(item_id, "drop", note=why)


def reopen(item_id: options.ClosedItemId) -> int:
    """Open a closed item again (what was learned and when it was done are cleared).

    Example: coach followup reopen k7m2
    """
    return _change(item_id, "reopen")


def due(
    item_id: options.OpenItemId,
    date: Annotated[str, typer.Argument(metavar="DATE", help="The new due date (today or later).")],
    note: Annotated[str, typer.Option("--note", help="What got in the way (optional).")] = "",
) -> int:
    """Give an open item a new due date. Example: coach followup due k7m2 "next friday\""""
    return _change(item_id, "reschedule", due_text=date, note=note)


def register(app: typer.Typer) -> None:
    """Add ``coach followup`` and its subcommands to ``app``."""
    group = options.group(
        HELP,
        invoke_without_command=True,
        no_args_is_help=False,
        context_settings=options.HELP_NAMES,
    )
    group.callback(invoke_without_command=True)(followup)
    group.command("done")(done)
    group.command("partly")(partly)
    group.command("not-yet")(not_yet)
    group.command("drop")(drop)
    group.command("reopen")(reopen)
    group.command("due")(due)
    app.add_typer(group, name="followup")
