"""How the conversation's messages look at a terminal.

Printed with prompt_toolkit, which the prompts load anyway, so the conversation never waits for
rich to import. Every piece of text goes out as a literal fragment after ``clean``: markup-like
brackets, emoji codes and escape sequences typed into a note cannot style or spoof the screen.
"""

from __future__ import annotations

import shutil
from typing import Any

from prompt_toolkit import print_formatted_text
from prompt_toolkit.formatted_text import FormattedText

from coachcli.core.sanitize import clean
from coachcli.ui.prompting import Message

_STYLE = {
    "info": "fg:ansicyan",
    "hint": "italic",
    "warning": "fg:ansiyellow",
    "echo": "fg:ansigreen",
    "summary": "",
    "restatement": "",
}


def fragments(message: Message, width: int) -> list[tuple[str, str]]:
    """The message as (style, text) fragments; text is cleaned, never interpreted."""
    if message.kind == "phase":
        title = f"── {clean(message.title)} "
        return [
            ("", "\n"),
            ("bold fg:ansicyan", title + "─" * max(width - len(title), 3)),
            ("", "\n"),
            ("italic", clean(message.text)),
        ]
    style = _STYLE.get(message.kind, "")
    out: list[tuple[str, str]] = []
    if message.title:
        out += [(f"bold {style}".strip(), clean(message.title)), ("", "\n")]
    if message.kind == "restatement":
        for line in clean(message.text).splitlines() or [""]:
            out += [("fg:ansicyan", "│ "), ("", line), ("", "\n")]
        return out[:-1]
    prefix = "✓ " if message.kind == "echo" else ""
    out.append((style, prefix + clean(message.text)))
    for line in message.lines:
        out += [("", "\n"), (style, "  • " + clean(line))]
    return out


def show_message(message: Message, output: Any = None) -> None:
    width = min(shutil.get_terminal_size((80, 24)).columns, 100)
    print_formatted_text(FormattedText(fragments(message, width)), output=output)
