"""Who has been coached, which sessions exist, and one session in full: data for the history
commands (``coach people``, ``coach sessions``, ``coach show``).

``people`` and ``sessions`` work on index rows (no pydantic). ``session_view`` turns one validated
session into labelled lines that ``print_view`` shows plainly or with rich on a terminal; user
text is always cleaned on the way out.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from coachcli.core.datewords import WEEKDAYS
from coachcli.core.people import display_names, person_key, same_person
from coachcli.core.privacy import owner_label
from coachcli.core.sanitize import clean
from coachcli.followup.listing import items_from_rows
from coachcli.history.find import resolve_session_id
from coachcli.history.sections import Section, labelled, sections
from coachcli.ui.terminal import is_terminal

if TYPE_CHECKING:
    from collections.abc import Sequence

    from coachcli.core.model import ActionItem, Session

__all__ = ["columns", "people", "print_view", "resolve_session_id", "session_view", "sessions"]

# (style, label, text): ``text`` is user text (cleaned when shown), ``label`` is ours.
ViewLine = tuple[str, str, str]


def _day(stamp: str) -> str:
    return stamp[:10]


def people(
    open_rows: Sequence[Mapping[str, Any]], known: Sequence[Mapping[str, Any]], today: date
) -> list[dict]:
    """One entry per person with a session: name, last session date, sessions, open, overdue.

    ``open_rows`` and ``known`` are what ``index.load_open_rows`` returns. Sorted by name.
    """
    table: dict[str, dict] = {}
    for entry in known:  # names that differ only in case or spacing are one person
        key = person_key(entry["person"])
        seen = table.get(key)
        if seen is None:
            table[key] = {
                "person": " ".join(entry["person"].split()),
                "last_session": _day(entry["last"]),
                "sessions": entry["sessions"],
                "open": 0,
                "overdue": 0,
            }
            continue
        seen["sessions"] += entry["sessions"]
        if _day(entry["last"]) > seen["last_session"]:
            seen["last_session"] = _day(entry["last"])
    shown = display_names(known)  # one name per person, the same everywhere
    for key, entry in table.items():
        entry["person"] = shown.get(key, entry["person"])
    for item in items_from_rows(open_rows):
        counts = table.get(person_key(item.person))
        if counts is None or not item.is_open:
            continue
        counts["open"] += 1
        counts["overdue"] += item.days_overdue(today) > 0
    return sorted(table.values(), key=lambda e: (e["person"].casefold(), e["person"]))


def sessions(
    rows: list[dict],
    *,
    person: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list:
    """One entry per session (oldest first): id, date, person, bank, open and total actions.
    ``since`` and ``until`` are days included (the day the conversation started)."""
    chosen = []
    for row in rows:
        if person is not None and not same_person(row["person"], person):
            continue
        if since is not None and _day(row["started_at"]) < since.isoformat():
            continue
        if until is not None and _day(row["started_at"]) > until.isoformat():
            continue
        actions = row["actions"]
        chosen.append(
            {
                "id": row["id"],
                "date": _day(row["started_at"]),
                "person": row["person"],
                "bank": row["bank"],
                "kind": row.get("kind", "coaching"),
                "open": sum(1 for a in actions if a["status"] == "open"),
                "actions": len(actions),
            }
        )
    return chosen


def columns(table: list[list[str]]) -> list[str]:
    """Left-aligned columns separated by two spaces (plain text, no box drawing)."""
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in table
    ]


def column_lines(head: list[str], rows: Callable[[], Iterable[list[str]]]) -> Iterator[str]:
    """``columns`` for many rows without holding the table: ``rows()`` is called twice, once
    for the widths and once to make each line as it is printed."""
    widths = [len(h) for h in head]
    for row in rows():
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    for row in itertools.chain([head], rows()):
        yield "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()


# -- one session in full -------------------------------------------------------------------


def _action_lines(action: ActionItem, person: str) -> list[ViewLine]:
    due = f"due {WEEKDAYS[action.due.weekday()]} {action.due}" if action.due else "no due date"
    owner = owner_label(action.owner, clean(person))
    lines: list[ViewLine] = [
        ("item", f"[{action.status}] {action.id}  ", action.text),
        ("dim", f"      owner {owner}, {due}, confidence {action.confidence}/10", ""),
    ]
    if action.check:  # private: shown here, left out of shared exports (core.privacy)
        lines.append(("private", f"      kept despite the next-step check ({action.check})", ""))
    if action.follows:
        lines.append(("dim", f"      what was left of item {action.follows}", ""))
    if action.done_on and action.status in ("done", "partly"):
        day = action.done_on
        lines.append(("dim", f"      work done {WEEKDAYS[day.weekday()]} {day.isoformat()}", ""))
    if action.learned:
        lines.append(("dim", "      learned: ", action.learned))
    if action.drop_reason:
        lines.append(("dim", "      why dropped: ", action.drop_reason))
    for change in action.history:
        moved = ""
        if change.due and change.event == "rescheduled":
            moved = f" (due {change.due.isoformat()})"
        if change.done_on and change.done_on != change.at.date():
            moved += f" (work done {change.done_on.isoformat()})"
        label = f"      {change.at:%Y-%m-%d %H:%M} {change.event}{moved}"
        lines.append(("dim", label + (": " if change.note else ""), change.note))
    return lines


def _section_lines(section: Section, person: str) -> list[ViewLine]:
    style = "private" if section.private else ""
    lines: list[ViewLine] = []
    for line in section.lines:
        if line.action is not None:
            lines += [
                (s, "  " + label, text) for s, label, text in _action_lines(line.action, person)
            ]
        elif line.kind == "question":
            lines.append(("item", f"  {line.label} ", line.text))
        elif line.kind == "answer":
            lines.append((style, "     Answer: ", line.text or "(no answer)"))
        elif line.kind == "text":
            lines.append((style, "  ", line.text))
        elif line.kind == "bullet":
            lines.append((style, "  - ", line.text))
        elif line.kind == "detail":
            lines.append((style, f"    {labelled(line.label)}", line.text))
        else:
            lines.append((style, f"  {labelled(line.label)}", line.text))
    return lines


def session_view(session: Session) -> list[ViewLine]:
    """Everything the session holds, in conversation order; private parts marked private."""
    lines: list[ViewLine] = [
        ("title", "Session with ", session.person),
        (
            "",
            f"{session.id}  {session.started_at:%Y-%m-%d %H:%M}, {session.kind} conversation, "
            f"bank {session.bank}",
            "",
        ),
    ]
    for section in sections(session):
        lines.append(("", "", ""))
        lines.append(("heading", section.title, ""))
        lines += _section_lines(section, session.person)
    return lines


def _indent_text(label: str, text: str) -> str:
    """Continuation lines of a multi-line text line up under its first line."""
    pad = " " * min(len(label), 12)
    return clean(text).replace("\n", "\n" + pad)


def plain_view(lines: list[ViewLine]) -> str:
    """``session_view`` lines as plain text (no colour, no boxes)."""
    return "\n".join((label + _indent_text(label, text)).rstrip() for _, label, text in lines)


def rich_view(lines: list[ViewLine]):
    """``session_view`` lines as a rich renderable; user text literal."""
    from rich.console import Group
    from rich.text import Text

    from coachcli.ui.console import Hanging, user_text

    styles = {
        "title": "bold",
        "heading": "bold underline",
        "private": "magenta",
        "item": "bold",
        "dim": "dim",
    }
    shown: list = []
    for style, label, text in lines:
        body = user_text(clean(text), style=styles.get(style))
        shown.append(Hanging(Text(label, style=styles.get(style, "")), body) if label else body)
    return Group(*shown)


def print_view(lines: list[ViewLine]) -> None:
    """Show ``session_view`` lines: plain text when piped, rich on a terminal."""
    if not is_terminal():
        print(plain_view(lines))
        return
    from coachcli.ui.console import get_console

    get_console().print(rich_view(lines))
