"""Sessions out of coach: Markdown to read or paste into notes, JSON for scripts, ICS for a task
list (one VTODO per open item).

``shared=True`` leaves out everything private (what ``core.model`` marks private: the supervisor's
own agenda, the after-check, their notes, the question-check findings) so the result can go to
the person; every format takes the session from ``history.sections`` or ``core.privacy``. In
Markdown every piece of user text is escaped, so a note cannot add headings, links, lists or HTML.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from coachcli.core.privacy import owner_label, shared_exclude
from coachcli.core.sanitize import clean
from coachcli.history.sections import Line, labelled, sections

if TYPE_CHECKING:
    from coachcli.core.model import ActionItem, Session

FORMATS = ("md", "json", "ics")
PRODID = "-//coachcli//coachcli export//EN"

# Inline Markdown characters (emphasis, code, links, images, tables, strikethrough): always escaped.
_MD_INLINE = re.compile(r"([\\`*_\[\]!|~])")
# What makes a line a heading, list item, quote or setext underline when it starts the line.
_MD_LINE_START = re.compile(r"^(\d{1,9})([.)])|^([#+\-=])")


def md_escape(text: str, indent: str = "") -> str:
    """User text as inert Markdown: no HTML, no structure; lines kept as hard line breaks."""
    out = []
    for raw in clean(text).split("\n"):
        line = raw.strip()
        if not line:
            continue
        line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        line = _MD_INLINE.sub(r"\\\1", line)
        out.append(_MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line))
    return ("  \n" + indent).join(out)


def session_dict(session: Session, *, shared: bool = False) -> dict:
    """The session as JSON data; with ``shared`` the private parts are left out."""
    if not shared:
        return session.model_dump(mode="json")
    data = session.model_dump(mode="json", exclude=shared_exclude(type(session)))
    data["shared"] = True
    return data


def to_json(sessions: list[Session], *, shared: bool = False, single: bool = True) -> str:
    data = [session_dict(s, shared=shared) for s in sessions]
    from coachcli.core.sanitize import json_text  # escapes what a terminal would act on

    return json_text(data[0] if single and len(data) == 1 else data)


def _md_action(action: ActionItem, person: str, shared: bool) -> list[str]:
    e = md_escape
    box = "x" if action.status != "open" else " "
    owner = owner_label(action.owner, e(person))
    if shared and action.owner == "supervisor":
        owner = "my supervisor"
    due = f"due {action.due.isoformat()}" if action.due else "no due date"
    lines = [
        f"- [{box}] {e(action.text, '  ')}  ",
        f"  {owner}, {due}, {action.status}, confidence {action.confidence}/10 "
        f"(item {action.id})" + ("  " if action.learned else ""),
    ]
    if action.learned:
        lines.append(f"  Learned: {e(action.learned, '  ')}")
    return lines


def _md_line(line: Line, person: str, shared: bool) -> list[str]:
    e = md_escape
    if line.action is not None:
        return _md_action(line.action, person, shared)
    if line.kind == "question":
        return [f"{line.label} **{e(line.text, '   ')}**  "]
    if line.kind == "answer":
        return [f"   {e(line.text, '   ') or '*(no answer)*'}"]
    if line.kind == "text":
        return [e(line.text)]
    if line.kind == "detail":
        return [f"  {labelled(line.label)}{e(line.text, '  ')}"]
    if line.kind == "bullet":
        return [f"- {e(line.text, '  ')}"]
    return [f"- {labelled(line.label)}{e(line.text, '  ')}"]


def _md_session(session: Session, shared: bool) -> list[str]:
    e = md_escape
    lines = [
        f"# Coaching conversation with {e(session.person)}, {session.started_at:%Y-%m-%d}",
        "",
        f"Session {session.id}" + ("" if shared else f", question bank {e(session.bank)}"),
    ]
    for section in sections(session, shared=shared):
        lines.extend(["", f"## {section.title}", ""])
        for line in section.lines:
            body = _md_line(line, session.person, shared)
            if line.kind == "detail" and lines[-1].startswith("- "):
                lines[-1] += "  "  # a hard line break keeps the detail under its bullet
            lines += body
    return lines


def to_markdown(sessions: list[Session], *, shared: bool = False) -> str:
    parts: list[list[str]] = []
    for session in sessions:
        if parts:
            parts.append(["", "---", ""])
        parts.append(_md_session(session, shared))
    return "\n".join(line for part in parts for line in part) + "\n"


def to_ics(sessions: list[Session], *, now: datetime | None = None) -> bytes:
    """An RFC 5545 calendar with one VTODO per open item (DUE as a DATE, UID from the item id)."""
    from icalendar import Calendar, Todo

    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    for session in sessions:
        for action in session.actions:
            if action.status != "open":
                continue
            todo = Todo()
            todo.add("uid", f"{action.id}@coachcli")
            todo.add("dtstamp", stamp)
            todo.add("summary", " ".join(clean(action.text).split()))
            if action.due:
                todo.add("due", action.due)
            owner = owner_label(action.owner, clean(session.person))
            todo.add(
                "description",
                f"Next step from the coaching conversation with {clean(session.person)} on "
                f"{session.started_at:%Y-%m-%d} (session {session.id}). Owner: {owner}. "
                f"Item {action.id}.",
            )
            todo.add("status", "NEEDS-ACTION")
            calendar.add_component(todo)
    return calendar.to_ical()


def render(
    sessions: list[Session], fmt: str, *, shared: bool = False, single: bool = True
) -> bytes:
    """The export of ``sessions`` in ``fmt`` (md, json or ics) as bytes ready to write."""
    if fmt == "md":
        return to_markdown(sessions, shared=shared).encode("utf-8")
    if fmt == "json":
        return (to_json(sessions, shared=shared, single=single) + "\n").encode("utf-8")
    return to_ics(sessions)
