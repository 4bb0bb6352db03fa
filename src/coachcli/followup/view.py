"""How ``coach followup`` shows items: plain lines when piped, rich on a terminal.

The plain path uses ``print`` only (no rich import: it is the fast path on large stores). User
text is cleaned of terminal controls and folded to one line; long texts are cut with
``… (+N characters)``. On a terminal each piece of user text becomes a literal ``rich`` Text.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from coachcli.core import sanitize
from coachcli.followup.listing import Bucket, Item, Summary, arrange
from coachcli.ui.terminal import is_terminal

ACTION_LIMIT = 120
HEADINGS: dict[Bucket, str] = {
    "overdue": "Overdue",
    "soon": "Due within {days} days",
    "later": "Later or no due date",
    "closed": "Closed",
}
STYLES: dict[Bucket, str] = {"overdue": "bold red", "soon": "bold yellow", "later": "bold"}


def cut(text: str, limit: int = ACTION_LIMIT) -> str:
    """One line of safe text; past ``limit`` characters it ends ``… (+N characters)``."""
    return sanitize.cut(text, limit)


def due_phrase(item: Item, today: date) -> str:
    if item.due is None:
        return "no due date"
    late = item.days_overdue(today)
    if late:
        return f"due {item.due.isoformat()}, {late} day{'s' if late != 1 else ''} late"
    if item.is_open:
        ahead = (item.due - today).days
        when = "today" if ahead == 0 else "tomorrow" if ahead == 1 else f"in {ahead} days"
        return f"due {item.due.isoformat()} ({when})"
    return f"was due {item.due.isoformat()}"


def closed_phrase(item: Item) -> str:
    """``done on 2026-12-02, 3 days late`` (or ``on time``): by the day the work happened."""
    if item.done_on is None:
        return item.status
    text = f"{item.status} on {item.done_on.isoformat()}"
    if item.due is None:
        return text
    late = (item.done_on - item.due).days
    return text + (f", {late} day{'s' if late != 1 else ''} late" if late > 0 else ", on time")


def detail(item: Item, today: date) -> str:
    """Everything but the action text: who, when, where from (no user text but the name)."""
    parts = [f"owner {cut(item.owner_label, 60)}", due_phrase(item, today)]
    if not item.is_open:
        parts.append(closed_phrase(item))
    parts.append(f"from session {item.session_date.isoformat()} ({item.session_id})")
    return ", ".join(parts)


def heading(kind: Bucket, soon_days: int) -> str:
    return HEADINGS[kind].format(days=soon_days)


def plain_lines(items: list[Item], today: date, soon_days: int) -> list[str]:
    lines: list[str] = []
    for kind, groups in arrange(items, today, soon_days):
        if lines:
            lines.append("")
        lines.append(heading(kind, soon_days))
        for person, group in groups:
            lines.append(f"  {cut(person, 60)}")
            for item in group:
                lines.append(f"    {item.id}  {cut(item.action)}")
                lines.append(f"              {detail(item, today)}")
                if item.learned and not item.is_open:
                    lines.append(f"              learned: {cut(item.learned, 80)}")
    return lines


def empty_message(
    person: str | None,
    include_closed: bool,
    *,
    overdue: bool = False,
    due_within: int | None = None,
) -> str:
    """``No open action items for Chen Wu due within 3 days.``: the selection, said in full."""
    what = "action items" if include_closed else "open action items"
    if overdue:
        what = "overdue action items"
    text = f"No {what}"
    if person:
        text += f" for {cut(person, 60)}"
    if due_within is not None:
        text += f" due within {due_within} day{'s' if due_within != 1 else ''}"
    return text + "."


def print_listing(
    items: list[Item],
    summary: Summary,
    today: date,
    *,
    person: str | None = None,
    include_closed: bool = False,
    overdue: bool = False,
    due_within: int | None = None,
) -> None:
    """The listing on stdout: rich on a terminal, plain ``print`` otherwise. ``summary`` is of
    the same ``items``, so the last line never contradicts the rows."""
    empty = empty_message(person, include_closed, overdue=overdue, due_within=due_within)
    if not is_terminal():
        out = plain_lines(items, today, summary.soon_days) if items else []
        out = out or [empty]
        out += ["", summary.line()]
        print("\n".join(out))
        return
    _print_rich(items, summary, today, empty=empty)


def _print_rich(items: list[Item], summary: Summary, today: date, *, empty: str) -> None:
    from rich.table import Table
    from rich.text import Text

    from coachcli.ui.console import get_console, user_text

    console = get_console()
    if not items:
        console.print(Text(empty))
    for kind, groups in arrange(items, today, summary.soon_days):
        console.print(Text(heading(kind, summary.soon_days), style=STYLES.get(kind, "bold")))
        for name, group in groups:
            console.print(Text("  ").append(user_text(cut(name, 60), style="bold")))
            # Two columns, so a line that wraps on a narrow terminal keeps its hanging indent.
            grid = Table.grid(padding=(0, 2), pad_edge=False)
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            for item in group:
                grid.add_row(Text(f"    {item.id}", style="cyan"), user_text(cut(item.action)))
                grid.add_row("", Text(detail(item, today), style="dim"))
                if item.learned and not item.is_open:
                    grid.add_row(
                        "",
                        Text("learned: ", style="dim").append(user_text(cut(item.learned, 80))),
                    )
            console.print(grid)
        console.print()
    console.print(Text(summary.line(), style="bold red" if summary.overdue else "bold"))


def say_skipped(errors: list) -> None:
    """One note-free line on stderr when session files could not be read."""
    if not errors:
        return
    from coachcli.core.errors import NoKeyError

    locked = [exc for exc in errors if isinstance(exc, NoKeyError)]
    if locked:  # an encrypted store this device cannot read (yet): name a file and the fix
        more = f" and {len(locked) - 1} more" if len(locked) > 1 else ""
        print(f"coach: cannot decrypt {locked[0].path}{more} on this device", file=sys.stderr)
        print(f"hint: {locked[0].hint}", file=sys.stderr)
        errors = [exc for exc in errors if not isinstance(exc, NoKeyError)]
        if not errors:
            return
    count = len(errors)
    files = "file" if count == 1 else "files"
    print(
        f"coach: {count} session {files} skipped (cannot be read); run `coach doctor`",
        file=sys.stderr,
    )


def take_person(wanted: str | None, names: list[str]) -> str | None:
    """The known name ``--person`` stands for (a unique first name or prefix will do), said on
    stderr when it was not typed in full; NotFoundError when it names nobody."""
    if wanted is None:
        return None
    from coachcli.core.errors import NotFoundError
    from coachcli.core.people import person_key, resolve_person

    found = resolve_person(wanted, names)
    if found is None:
        raise NotFoundError(
            "no sessions with the person given to --person", hint="`coach people` lists them"
        )
    if person_key(found) != person_key(wanted):
        print(f"coach: --person: taking {cut(found, 80)}", file=sys.stderr)
    return found


def next_meetings(
    people: Sequence[Mapping[str, Any]], today: date, person: str | None = None
) -> list[str]:
    """ "Next meeting with NAME: Tue 15 Dec (in 14 days)", soonest first, for each person whose
    latest session agreed one (``people``: the index's people entries or full rows)."""
    from coachcli.core.people import person_key, same_person

    latest: dict[str, Mapping[str, Any]] = {}
    for entry in people:
        stamp = entry.get("last") or entry.get("started_at") or ""
        key = person_key(entry["person"])
        if key not in latest or stamp > (
            latest[key].get("last") or latest[key].get("started_at") or ""
        ):
            latest[key] = entry
    found = []
    for entry in latest.values():
        if person is not None and not same_person(entry["person"], person):
            continue
        try:
            when = date.fromisoformat(entry.get("next_meeting") or "")
        except ValueError:
            continue
        days = (when - today).days
        ago = f"in {days} days" if days > 1 else {1: "tomorrow", 0: "today"}.get(days, "")
        ago = ago or f"{-days} days ago — not met since?"
        found.append(
            (
                when,
                f"Next meeting with {cut(' '.join(entry['person'].split()), 60)}: "
                f"{when:%a %d %b} ({ago})",
            )
        )
    return [line for _, line in sorted(found)]
