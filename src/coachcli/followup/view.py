"""How ``coach followup`` shows items: plain lines when piped, rich on a terminal.

The plain path uses ``print`` only (no rich import: it is the fast path on large stores). User
text is cleaned of terminal controls and folded to one line; long texts are cut with
``… (+N characters)``. On a terminal each piece of user text becomes a literal ``rich`` Text.
"""

from __future__ import annotations

import sys
from datetime import date

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


def detail(item: Item, today: date) -> str:
    """Everything but the action text: who, when, where from (no user text but the name)."""
    parts = [f"owner {cut(item.owner_label, 60)}", due_phrase(item, today)]
    if not item.is_open:
        parts.append(item.status)
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


def empty_message(person: str | None, include_closed: bool) -> str:
    what = "action items" if include_closed else "open action items"
    return f"No {what} for {cut(person, 60)}." if person else f"No {what}."


def print_listing(
    items: list[Item],
    summary: Summary,
    today: date,
    *,
    person: str | None = None,
    include_closed: bool = False,
) -> None:
    """The listing on stdout: rich on a terminal, plain ``print`` otherwise."""
    if not is_terminal():
        out = plain_lines(items, today, summary.soon_days) if items else []
        out = out or [empty_message(person, include_closed)]
        out += ["", summary.line()]
        print("\n".join(out))
        return
    _print_rich(items, summary, today, person=person, include_closed=include_closed)


def _print_rich(
    items: list[Item], summary: Summary, today: date, *, person: str | None, include_closed: bool
) -> None:
    from rich.text import Text

    from coachcli.ui.console import get_console, user_text

    console = get_console()
    if not items:
        console.print(Text(empty_message(person, include_closed)))
    for kind, groups in arrange(items, today, summary.soon_days):
        console.print(Text(heading(kind, summary.soon_days), style=STYLES.get(kind, "bold")))
        for name, group in groups:
            console.print(Text("  ").append(user_text(cut(name, 60), style="bold")))
            for item in group:
                line = Text(f"    {item.id}  ", style="cyan")
                line.append(user_text(cut(item.action)))
                console.print(line)
                console.print(Text(f"              {detail(item, today)}", style="dim"))
                if item.learned and not item.is_open:
                    console.print(
                        Text("              learned: ", style="dim").append(
                            user_text(cut(item.learned, 80))
                        )
                    )
        console.print()
    console.print(Text(summary.line(), style="bold red" if summary.overdue else "bold"))


def say_skipped(errors: list) -> None:
    """One note-free line on stderr when session files could not be read."""
    if not errors:
        return
    count = len(errors)
    files = "file" if count == 1 else "files"
    print(
        f"coach: {count} session {files} skipped (cannot be read); run `coach doctor`",
        file=sys.stderr,
    )
