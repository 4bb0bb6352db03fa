"""Sessions out of coach: Markdown to read or paste into notes, JSON for scripts, ICS for a task
list or calendar (``history.ics``).

``shared=True`` leaves out everything private (what ``core.model`` marks private: the supervisor's
own agenda, the after-check, their notes, the question-check findings) so the result can go to
the person; every format takes the session from ``history.sections`` or ``core.privacy``. In
Markdown every piece of user text is escaped, so a note cannot add headings, links, lists or HTML.

The shared Markdown is written to the person in one voice, the supervisor's "I" to their "you"
("What I heard from you", "You said", "Your next steps"); without ``shared`` it is the
supervisor's own notes. In both, next steps are listed by due date.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING

from coachcli.core.privacy import owner_label, shared_exclude
from coachcli.core.sanitize import clean
from coachcli.history.sections import Line, labelled, sections

if TYPE_CHECKING:
    from coachcli.core.model import ActionItem, Session

FORMATS = ("md", "json", "ics")
# The shared export speaks to the person: section titles and labels in that voice.
SHARED_TITLES = {
    "listening": "What I heard from you",
    "questions": "Questions we talked about",
    "restatement": "What I said back",
    "assumptions": "Assumptions we looked at",
    "actions": "Next steps, by due date",
    "mentoring.goal_reviews": "Your goals, reviewed",
    "mentoring.agenda": "Your agenda for today",
    "mentoring.goals_set": "Your new development goals",
    "mentoring.grow_into": "What you hope to grow into",
    "mentoring.check": "How our mentoring is going",
    "help_wanted": "The help you asked of me",
    "learning": "What you took away",
}
OWN_TITLES = {"actions": "Next steps, by due date"}
SHARED_LABELS = {
    "Values": "What matters to you",
    "Answer": "You said",
    "Reframe": "How you saw it",
    "It serves their goal": "It serves your goal",
    "What they hope for": "What you hope for",
    "How they are today": "How you were that day",
    "In their words": "In your words",
    "They said": "What you corrected or added",
    "Asked": "I asked",
    "Their answer": "You said",
}

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


def by_due_date(actions: list[ActionItem]) -> list[ActionItem]:
    """Next steps in due-date order, those without a due date last (ties: as agreed)."""
    return sorted(actions, key=lambda a: (a.due is None, a.due or date.max))


def _when(day: date) -> str:
    from coachcli.core.dates import WEEKDAYS

    return f"{WEEKDAYS[day.weekday()]} {day.isoformat()}"


def _md_action(action: ActionItem, person: str, shared: bool) -> list[str]:
    """``- [ ] text`` and a line: whose (you/me in a shared export), due, status, confidence."""
    e = md_escape
    box = "x" if action.status != "open" else " "
    owner = owner_label(action.owner, e(person))
    if shared:
        owner = "me" if action.owner == "supervisor" else "you"
    due = f"due {_when(action.due)}" if action.due else "no due date"
    status = {"partly": "partly done"}.get(action.status, action.status)
    if action.done_on and action.status in ("done", "partly"):
        status += f" on {_when(action.done_on)}"
    lines = [
        f"- [{box}] {e(action.text, '  ')}  ",
        f"  {owner[:1].upper() + owner[1:]}, {due}, {status}, "
        f"confidence {action.confidence}/10 (item {action.id})" + ("  " if action.learned else ""),
    ]
    if action.learned:
        whose = {"me": "I", "you": "you"}.get(owner, owner)
        lines.append(f"  What {whose} learned: {e(action.learned, '  ')}")
    return lines


def _md_line(line: Line, person: str, shared: bool) -> list[str]:
    e = md_escape
    label = SHARED_LABELS.get(line.label, line.label) if shared else line.label
    if line.action is not None:
        return _md_action(line.action, person, shared)
    if line.kind == "question":
        return [f"{label} **{e(line.text, '   ')}**  "]
    if line.kind == "answer":
        answer = e(line.text, "   ") or "*(no answer)*"
        return [f"   {labelled(label)}{answer}" if shared else f"   {answer}"]
    if line.kind == "text":
        return [e(line.text)]
    if line.kind == "detail":
        return [f"  {labelled(label)}{e(line.text, '  ')}"]
    if line.kind == "bullet":
        return [f"- {e(line.text, '  ')}"]
    return [f"- {labelled(label)}{e(line.text, '  ')}"]


def _md_session(session: Session, shared: bool) -> list[str]:
    e = md_escape
    if shared:
        lines = [
            f"# Our {'mentoring ' if session.kind == 'mentoring' else ''}conversation, "
            f"{_when(session.started_at.date())}",
            "",
            f"{e(session.person)}, these are my notes from our conversation, for you to keep "
            f"(session {session.id}).",
        ]
    else:
        lines = [
            f"# {session.kind.capitalize()} conversation with {e(session.person)}, "
            f"{session.started_at:%Y-%m-%d}",
            "",
            f"Session {session.id}, question bank {e(session.bank)}",
        ]
    titles = SHARED_TITLES if shared else OWN_TITLES
    for section in sections(session, shared=shared):
        lines.extend(["", f"## {titles.get(section.key, section.title)}", ""])
        shown = section.lines
        if section.key == "actions":
            order = by_due_date([line.action for line in shown if line.action is not None])
            shown = tuple(Line("action", "", action=action) for action in order)
        for line in shown:
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


def render(
    sessions: list[Session],
    fmt: str,
    *,
    shared: bool = False,
    single: bool = True,
    now: datetime | None = None,
    as_events: bool = False,
) -> bytes:
    """The export of ``sessions`` in ``fmt`` (md, json or ics) as bytes ready to write."""
    if fmt == "md":
        return to_markdown(sessions, shared=shared).encode("utf-8")
    if fmt == "json":
        return (to_json(sessions, shared=shared, single=single) + "\n").encode("utf-8")
    from coachcli.history.ics import calendar_bytes
    from coachcli.history.meetings import meeting_events

    return calendar_bytes(
        sessions,
        now=now,
        as_events=as_events,
        extra=meeting_events(sessions, now=now, shared=shared),
    )
