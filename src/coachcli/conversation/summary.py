"""The summary shown when a conversation is saved: the session as `coach show` shows it, in a
panel at a terminal, then where it was saved."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from coachcli.core.model import Session
from coachcli.history.view import plain_view, rich_view, session_view


def print_summary(console: Console, session: Session, saved_to: Path | None = None) -> None:
    lines = session_view(session)
    if console.is_terminal:
        console.print(Panel(rich_view(lines), title=f"Session {session.id}", expand=False))
    else:
        console.print(plain_view(lines))
    if saved_to is not None:
        console.print(Text(f"Saved to {saved_to}", style="green"))
