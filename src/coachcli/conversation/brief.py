"""The carry-over brief: what to know before you meet someone again.

Built from that person's earlier sessions (newest first) and their open items: the open items,
what was agreed last time (the help they wanted, the next meeting), what they found most useful,
the values and assumptions they spoke of, how their check-ins have gone, your own private
notes, and for a mentee their open development goals. Private parts are marked ``private`` so a
shared output can leave them out; nothing here is ever written to a shared export. Shown at the
start of `coach start` and by `coach prep`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coachcli.core.goals import MenteeFile
    from coachcli.core.parts import Session
    from coachcli.followup.listing import Item


@dataclass
class Brief:
    person: str
    last_session: date | None = None
    sessions: int = 0
    open_items: list[dict] = field(default_factory=list)
    help_wanted: str = ""
    next_meeting: date | None = None
    learning: str = ""
    values: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    checkins: list[dict] = field(default_factory=list)  # oldest first
    private_notes: str = ""  # yours: the private notes of the last session that has any
    private_notes_date: date | None = None
    # A mentee's open development goals (issue 16): text, horizon, the last review.
    goals: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "person": self.person,
            "sessions": self.sessions,
            "last_session": self.last_session.isoformat() if self.last_session else None,
            "open_items": self.open_items,
            "last_time": {
                "help_wanted": self.help_wanted,
                "next_meeting": self.next_meeting.isoformat() if self.next_meeting else None,
                "learning": self.learning,
                "values": self.values,
                "assumptions": self.assumptions,
            },
            "checkins": self.checkins,
            "goals": self.goals,
            "private": {
                "notes": self.private_notes,
                "notes_date": (
                    self.private_notes_date.isoformat() if self.private_notes_date else None
                ),
            },
        }


def goal_entries(mentee: MenteeFile | None) -> list[dict]:
    """A mentee's open development goals for the brief, oldest first."""
    if mentee is None:
        return []
    out = []
    for goal in mentee.open_goals():
        last = goal.reviews[-1] if goal.reviews else None
        out.append(
            {
                "id": goal.id,
                "text": goal.text,
                "horizon": goal.horizon,
                "set_on": goal.set_on.isoformat(),
                "last_review": None
                if last is None
                else {"on": last.on.isoformat(), "scale": last.scale, "progress": last.progress},
            }
        )
    return out


def build_brief(person: str, sessions: list[Session], items: list[Item], today: date) -> Brief:
    """``sessions`` with this person, newest first; ``items`` their open items."""
    brief = Brief(person=person, sessions=len(sessions))
    for item in items:
        brief.open_items.append(
            {
                "id": item.id,
                "text": item.action,
                "owner": "me" if item.owner == "supervisor" else item.person,
                "due": item.due.isoformat() if item.due else None,
                "days_overdue": max(item.days_overdue(today), 0),
                "session_id": item.session_id,
            }
        )
    for session in reversed(sessions):
        if session.checkin is not None:
            brief.checkins.append(
                {
                    "date": session.started_at.date().isoformat(),
                    "scale": session.checkin.scale,
                    "words": session.checkin.words,
                }
            )
    if not sessions:
        return brief
    last = sessions[0]
    brief.last_session = last.started_at.date()
    brief.help_wanted = last.help_wanted
    brief.next_meeting = last.next_meeting
    brief.learning = last.learning
    brief.values = list(last.listening.values)
    brief.assumptions = [a.assumption for a in last.assumptions]
    for session in sessions:
        if session.supervisor_notes.strip():
            brief.private_notes = session.supervisor_notes
            brief.private_notes_date = session.started_at.date()
            break
    return brief


def brief_sections(
    brief: Brief, today: date, *, checkins: bool = True
) -> list[tuple[str, list[str], bool]]:
    """(title, lines, private) for each part that has something to show; ``checkins=False``
    leaves the check-in trend to the check-in itself."""
    from coachcli.core.dates import describe_date

    sections: list[tuple[str, list[str], bool]] = []
    if brief.open_items:
        lines = []
        for item in brief.open_items:
            due = f"due {item['due']}" if item["due"] else "no due date"
            late = f", {item['days_overdue']} days overdue" if item["days_overdue"] else ""
            lines.append(f"[{item['id']}] {item['text']} ({item['owner']}, {due}{late})")
        sections.append(("Open items", lines, False))
    if brief.last_session is not None:
        lines = []
        if brief.help_wanted:
            lines.append(f"Help they asked of you: {brief.help_wanted}")
        if brief.next_meeting:
            lines.append(f"Next meeting agreed for {describe_date(brief.next_meeting, today)}")
        if brief.learning:
            lines.append(f"Most useful for them: {brief.learning}")
        lines += [f"They valued: {v}" for v in brief.values]
        lines += [f"Assumption surfaced: {a}" for a in brief.assumptions]
        if lines:
            sections.append((f"Last time ({brief.last_session.isoformat()})", lines, False))
    if brief.checkins and checkins:
        from coachcli.conversation.moments import trend_line

        trend = trend_line(
            tuple((entry["date"], entry["scale"], entry["words"]) for entry in brief.checkins)
        )
        last_words = brief.checkins[-1]["words"]
        lines = [trend] + ([f"Last time they said: {last_words}"] if last_words else [])
        sections.append(("Check-ins", lines, False))
    if brief.goals:
        lines = []
        for goal in brief.goals:
            horizon = f" ({goal['horizon']})" if goal["horizon"] else ""
            last = goal["last_review"]
            said = ""
            if last:
                scale = f"{last['scale']}/10" if last["scale"] else ""
                words = f"“{last['progress']}”" if last["progress"] else ""
                said = f"; last reviewed {last['on']}: " + ", ".join(p for p in (scale, words) if p)
            lines.append(f"{goal['text']}{horizon}{said}")
        sections.append(("Mentoring goals (theirs)", lines, False))
    if brief.private_notes:
        when = brief.private_notes_date.isoformat() if brief.private_notes_date else ""
        sections.append((f"Your private notes ({when})", [brief.private_notes], True))
    return sections
