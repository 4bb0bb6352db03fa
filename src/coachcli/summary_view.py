"""The summary panel shown when a conversation is saved (rich; user text literal)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from coachcli.model import Session
from coachcli.render import user_text


def _section(title: str, entries: list[str]) -> Text:
    out = Text(f"{title}\n", style="bold")
    if not entries:
        out.append("  —\n", style="dim")
    for entry in entries:
        out.append("  • ")
        out.append_text(user_text(entry))
        out.append("\n")
    return out


def summary(session: Session, saved_to: Path | None = None) -> Group:
    lis = session.listening
    parts = [
        user_text(
            f"{session.person} · {session.started_at:%a %d %b %Y %H:%M} · bank {session.bank}",
            style="bold",
        ),
        _section("Facts", lis.facts),
        _section("Feelings", lis.feelings),
        _section("Values", lis.values),
        _section("Questions asked", [f"{q.text} → {q.answer or '—'}" for q in session.questions]),
        _section("Restatement", [session.restatement] if session.restatement else []),
        _section(
            "Assumptions",
            [f"{a.assumption} → {a.reframe or '—'}" for a in session.assumptions],
        ),
        _section(
            "Next steps",
            [
                f"[{a.id}] {a.text} — {session.person if a.owner == 'person' else 'me'}, "
                f"due {a.due.isoformat() if a.due else '—'}, confidence {a.confidence}/10"
                for a in session.actions
            ],
        ),
        _section(
            "Private",
            [
                f"Own agenda: {session.agenda.want or '—'}",
                f"Advice parked: {session.agenda.advice or '—'}",
                f"Agenda took over: {session.after_check.agenda_took_over}",
            ]
            + ([f"Notes: {session.supervisor_notes}"] if session.supervisor_notes else []),
        ),
    ]
    if saved_to is not None:
        parts.append(Text(f"Saved to {saved_to}", style="green"))
    return Group(*parts)


def print_summary(console: Console, session: Session, saved_to: Path | None = None) -> None:
    body = summary(session, saved_to)
    if console.is_terminal:
        console.print(Panel(body, title=f"Session {session.id}", expand=False))
    else:
        console.print(f"Session {session.id}")
        console.print(body)
