"""Sessions out of coach: Markdown to read or paste into notes, JSON for scripts, ICS for a task
list or calendar (``history.ics``).

``shared=True`` leaves out everything private (the supervisor's own agenda, the after-check, the
supervisor's notes and the question-check findings) so the result can go to the person, and the
Markdown is written to them in one voice: the supervisor's "I" to the person's "you" ("What I
heard from you", "Your next steps"). Without it, the Markdown is the supervisor's own notes. In
both, next steps are listed by due date. In Markdown every piece of user text is escaped, so a
note cannot add headings, links, lists or HTML.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING

from coachcli.core.sanitize import clean

if TYPE_CHECKING:
    from coachcli.core.model import ActionItem, Session

FORMATS = ("md", "json", "ics")
PRIVATE_FIELDS = ("agenda", "after_check", "supervisor_notes")

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
    data = session.model_dump(mode="json")
    if shared:
        for name in PRIVATE_FIELDS:
            data.pop(name, None)
        for question in data.get("questions", []):
            question.pop("check_issues", None)
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


def _step_lines(action: ActionItem, person: str, shared: bool) -> list[str]:
    e = md_escape
    box = "x" if action.status != "open" else " "
    if shared:
        owner = "me" if action.owner == "supervisor" else "you"
    else:
        owner = "me" if action.owner == "supervisor" else e(person)
    due = f"due {_when(action.due)}" if action.due else "no due date"
    state = {"open": "open", "done": "done", "partly": "partly done", "dropped": "dropped"}
    status = state[action.status]
    if action.done_on and action.status in ("done", "partly"):
        status += f" on {_when(action.done_on)}"
    lines = [
        f"- [{box}] {e(action.text, '  ')}  ",
        f"  {owner[:1].upper() + owner[1:]}, {due}, {status}, "
        f"confidence {action.confidence}/10 (item {action.id})",
    ]
    if action.learned:
        whose = "you" if shared and action.owner == "person" else owner
        whose = "I" if whose == "me" else whose
        lines[-1] += "  "
        lines.append(f"  What {whose} learned: {e(action.learned, '  ')}")
    return lines


def _md_session(session: Session, shared: bool) -> list[str]:
    e = md_escape
    person = e(session.person)
    if shared:
        lines = [
            f"# Our conversation, {_when(session.started_at.date())}",
            "",
            f"{person}, these are my notes from our conversation, for you to keep.",
        ]
        titles = {
            "heard": "What I heard from you",
            "values": "What matters to you",
            "questions": "Questions we talked about",
            "answer": "You said",
            "restatement": "What I said back",
            "assumptions": "Assumptions we looked at",
            "reframe": "How you saw it afterwards",
            "next": "Next steps, by due date",
        }
    else:
        lines = [
            f"# Coaching conversation with {person}, {session.started_at:%Y-%m-%d}",
            "",
            f"Session {session.id}, question bank {e(session.bank)}",
        ]
        titles = {
            "heard": "What I heard",
            "values": "Values",
            "questions": "Questions",
            "answer": "",
            "restatement": "Restatement",
            "assumptions": "Assumptions",
            "reframe": "Reframe",
            "next": "Next steps, by due date",
        }

    def section(title: str) -> None:
        lines.extend(["", f"## {title}", ""])

    if not shared and (session.agenda.want or session.agenda.advice):
        section("My agenda (private)")
        if session.agenda.want:
            lines.append(f"- What I wanted: {e(session.agenda.want, '  ')}")
        if session.agenda.advice:
            lines.append(f"- Advice I was tempted to give: {e(session.agenda.advice, '  ')}")
    if heard := session.listening.entries():
        section(titles["heard"])
        labels = {"Values": titles["values"]}
        lines += [f"- {labels.get(label, label)}: {e(entry, '  ')}" for label, entry in heard]
    if session.questions:
        section(titles["questions"])
        for number, question in enumerate(session.questions, start=1):
            lines.append(f"{number}. **{e(question.text, '   ')}**  ")
            answer = e(question.answer, "   ") or "*(no answer)*"
            lines.append(f"   {titles['answer']}: {answer}" if titles["answer"] else f"   {answer}")
    if session.restatement:
        section(titles["restatement"])
        lines.append(e(session.restatement))
    if session.assumptions:
        section(titles["assumptions"])
        for assumption in session.assumptions:
            text = f"- {e(assumption.assumption, '  ')}"
            if assumption.reframe:
                text += f"  \n  {titles['reframe']}: {e(assumption.reframe, '  ')}"
            lines.append(text)
    section(titles["next"])
    for action in by_due_date(session.actions):
        lines += _step_lines(action, session.person, shared)
    if shared:
        lines += ["", f"(Session {session.id})"]
    else:
        section("After-check (private)")
        lines.append(f"- Did my agenda take over? {session.after_check.agenda_took_over}")
        if session.after_check.note:
            lines.append(f"- Note: {e(session.after_check.note, '  ')}")
        if session.supervisor_notes:
            section("My notes (private)")
            lines.append(e(session.supervisor_notes))
    return lines


def to_markdown(sessions: list[Session], *, shared: bool = False) -> str:
    parts = []
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

    return calendar_bytes(sessions, now=now, as_events=as_events)
