"""Rich output shared by every command: one console factory, one way to show user text.

Import this module only inside commands that print rich output: it imports rich (~30 ms).
User text always goes through ``user_text`` (sanitized, literal, optionally cut); markup is off
on the consoles made here, so nothing a user typed can style, hide or spoof output.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.text import Text

from coachcli.core.sanitize import clean, shorten
from coachcli.ui.terminal import color_enabled, is_terminal


def get_console(*, stderr: bool = False) -> Console:
    """A console with markup, emoji codes and auto-highlighting off.

    When the stream is not a terminal it prints plain text: no colour, no cursor codes
    (box drawing is the caller's choice; ``plain()`` tells it).
    """
    stream = sys.stderr if stderr else sys.stdout
    tty = is_terminal(stream)
    styled = color_enabled(stream)
    return Console(
        file=stream,
        markup=False,
        emoji=False,
        highlight=False,
        force_terminal=True if styled and not tty else (None if tty else False),
        color_system="auto" if styled else None,  # None: no colour and no bold either
        no_color=not styled,
        soft_wrap=not tty,
    )


def plain(console: Console) -> bool:
    """True when output should be plain text (not a terminal): no boxes, no colour."""
    return not console.is_terminal


def user_text(text: str, *, limit: int | None = None, style: str | None = None) -> Text:
    """Text typed by a user or read from a file, safe to print: controls removed, markup inert.

    With ``limit`` the text is cut and the cut is said: ``… (+1234 characters)``.
    """
    shown = clean(text)
    if limit is not None:
        shown = shorten(shown, limit)
    return Text(shown, style=style or "")


class Hanging:
    """``label`` then ``body``, the body's wrapped lines under its own start (a hanging
    indent), as a rich renderable. A label wider than half the space is not worth the
    column: then the lines simply wrap."""

    def __init__(self, label: Text, body: Text) -> None:
        self.label, self.body = label, body

    def __rich_console__(self, console, options):
        indent = self.label.cell_len
        width = options.max_width
        if not indent or indent > width // 2:
            whole = self.label.copy()
            whole.append_text(self.body)
            yield whole
            return
        for n, line in enumerate(self.body.wrap(console, width - indent)):
            start = self.label.copy() if n == 0 else Text(" " * indent)
            start.append_text(line)
            yield start

    def __rich_measure__(self, console, options):
        from rich.cells import cell_len
        from rich.measure import Measurement

        lines = self.body.plain.splitlines()
        widest = self.label.cell_len + max((cell_len(line) for line in lines), default=0)
        widest = min(widest, options.max_width)
        return Measurement(widest, widest)
