"""Options, arguments and group settings that several commands share, declared once, and what
the shared options' values mean (the JSON mode, a ``--since``/``--until`` day).

A command writes ``as_json: options.Json = False`` for an option that reads the same everywhere;
where only one word of the help changes (``--json``'s schema name, the thing ``check-question``
and ``check-step`` read), a small function here builds the ``typer.Option``/``typer.Argument``
and the command writes ``Annotated[bool, options.json_flag("...")]``. typer copies what it is
given, so one declaration can serve many commands.

Like every ``cli/`` module, this one imports only typer and the standard library at import time.
"""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Annotated, Any

import typer

from coachcli.cli import completion as complete

HELP_NAMES = {"help_option_names": ["-h", "--help"]}


def group(help: str, **settings: Any) -> typer.Typer:
    """A command group (``coach followup``, ``bank``, ``sync``): plain help text, no completion
    options of its own; ``settings`` are typer's (``invoke_without_command``, ...)."""
    return typer.Typer(help=help, add_completion=False, rich_markup_mode=None, **settings)


def person_option(help: str, *names: str, metavar: str | None = "NAME") -> Any:
    """``--person``, completed from the people in your sessions."""
    return typer.Option(
        "--person", *names, metavar=metavar, help=help, autocompletion=complete.people
    )


# --json and its streaming forms: coach followup and coach sessions
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]
Pretty = Annotated[bool, typer.Option("--pretty", help="With --json: indent it anyway.")]
JsonLines = Annotated[bool, typer.Option("--jsonl", help="Print one JSON object per line.")]
Csv = Annotated[bool, typer.Option("--csv", help="Print CSV.")]

# coach followup's item subcommands
ON_HELP = "When the work happened (default today): 2026-12-08, yesterday, last tuesday."
WorkedOn = Annotated[str | None, typer.Option("--on", metavar="DATE", help=ON_HELP)]
Learned = Annotated[str, typer.Option("--note", help="What the owner learned (optional).")]


def _item_id(completed: Callable[[str], list[tuple[str, str]]]) -> Any:
    return typer.Argument(
        metavar="ITEM_ID", help="The item's id or its first letters.", autocompletion=completed
    )


OpenItemId = Annotated[str, _item_id(complete.open_items)]
ClosedItemId = Annotated[str, _item_id(complete.closed_items)]


def json_flag(help: str) -> Any:
    """``--json`` with its own help (most name the schema of what they print)."""
    return typer.Option("--json", help=help)


def text_argument(what: str) -> Any:
    """The words of a question or step to check: quoted, joined, or ``-`` for standard input."""
    return typer.Argument(
        metavar="TEXT",
        help=f"The {what} (quoted, or its words are joined); - reads it from standard input.",
        show_default=False,
    )


OWNERS = ("person", "me", "supervisor")  # "supervisor" is the old spelling of "me"


def owner_option(help: str) -> Any:
    """``--owner person|me``: whose step it is (the person's, or your own as supervisor)."""
    return typer.Option(
        "--owner",
        metavar="person|me",
        help=help,
        autocompletion=lambda: [("person", "the person's step"), ("me", "your own step")],
    )


def owner_value(owner: str) -> str:
    """``--owner``'s value checked: "person" or "supervisor" (the model's word for "me")."""
    from coachcli.core.errors import UsageError

    if owner not in OWNERS:
        raise UsageError("--owner must be person or me")
    return "person" if owner == "person" else "supervisor"


def strict_flag(when: str) -> Any:
    """``--strict``: exit 2 (for scripts) when the check is not passed."""
    return typer.Option("--strict", help=f"Exit with status 2 when {when} (default: 0).")


def json_mode(as_json: bool, pretty: bool, as_jsonl: bool) -> str | None:
    """``--json``, ``--pretty`` and ``--jsonl`` as one mode: None (text), json, pretty or jsonl."""
    from coachcli.core.errors import UsageError

    if pretty and not as_json:
        raise UsageError("--pretty goes with --json")
    return "jsonl" if as_jsonl else ("pretty" if pretty else "json") if as_json else None


def write_json_mode(entries: Iterable[object], json_mode: str) -> None:
    """Stream ``entries`` (JSON-able dicts) as ``json_mode`` says."""
    from coachcli.ui.jsonout import pretty_wanted, write_json

    write_json(
        entries,
        pretty=json_mode != "jsonl" and pretty_wanted(json_mode == "pretty"),
        lines=json_mode == "jsonl",
    )


def parse_bound(text: str | None, option: str, today: date) -> date | None:
    """A ``--since``/``--until`` day (None when not given), read backward like
    ``git log --since`` (``1 dec`` is the most recent 1 December, ``last month`` a month ago), and
    said on stderr as understood."""
    if text is None:
        return None
    from coachcli.core.dates import parse_bound as parse
    from coachcli.core.errors import CoachError, UsageError

    try:
        day = parse(text, today, option)
    except CoachError as exc:
        message = exc.message if exc.message.startswith(option) else f"{option}: {exc.message}"
        raise UsageError(message, hint=exc.hint) from None
    say_understood(option, text, day, today)
    return day


def say_understood(option: str, text: str, day: date, today: date) -> None:
    """On stderr, what a date given in words was read as (``--since 1 dec: Tuesday …``);
    nothing for a date already written as YYYY-MM-DD."""
    import sys

    if text.strip() == day.isoformat():
        return
    from coachcli.core.dates import describe_date

    print(f"coach: {option}: {describe_date(day, today)}", file=sys.stderr)
