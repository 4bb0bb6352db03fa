"""The summary shown when a conversation is saved: the session as `coach show` shows it, in a
panel at a terminal, then where it was saved. Piped (no terminal, no colour asked for) it is
plain text printed without rich, as rich would print it there."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from coachcli.history.view import plain_view, rich_view, session_view

if TYPE_CHECKING:
    from rich.console import Console

    from coachcli.core.model import Session


def print_summary(console: Console, session: Session, saved_to: Path | None = None) -> None:
    from rich.panel import Panel
    from rich.text import Text

    lines = session_view(session)
    if console.is_terminal:
        console.print(Panel(rich_view(lines), title=f"Session {session.id}", expand=False))
    else:
        console.print(plain_view(lines))
    if saved_to is not None:
        console.print(Text(f"Saved to {saved_to}", style="green"))


def show_summary(session: Session, saved_to: Path | None = None) -> None:
    """``print_summary`` on stdout; without rich when it would print plain text anyway."""
    from coachcli.ui.terminal import color_enabled, is_terminal

    if not is_terminal(sys.stdout) and not color_enabled(sys.stdout):
        text = plain_view(session_view(session))
        if saved_to is not None:
            text += f"\nSaved to {saved_to}"
        if "\t" not in text:  # rich expands tabs by cell width: leave those to it
            print(text)
            return
    from coachcli.ui.console import get_console

    print_summary(get_console(), session, saved_to)
