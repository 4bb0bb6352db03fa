"""How the conversation's messages look at a terminal.

Printed with prompt_toolkit, which the prompts load anyway, so the conversation never waits for
rich to import. Every piece of text goes out as a literal fragment after ``clean``: markup-like
brackets, emoji codes and escape sequences typed into a note cannot style or spoof the screen.
"""

from __future__ import annotations

import shutil
import textwrap
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


def wrap(text: str, width: int, first: str = "", rest: str = "") -> str:
    """``text`` wrapped at word boundaries (never mid-word) to ``width`` columns; its own line
    breaks kept. ``first`` starts the first line, ``rest`` every following one."""
    out: list[str] = []
    for number, paragraph in enumerate(text.splitlines() or [""]):
        lead = first if number == 0 else rest
        out += textwrap.wrap(
            paragraph,
            max(width, 20),
            initial_indent=lead,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [lead.rstrip()]
    return "\n".join(out)


def fragments(message: Message, width: int) -> list[tuple[str, str]]:
    """The message as (style, text) fragments; text is cleaned, never interpreted."""
    if message.kind == "phase":
        title = f"── {clean(message.title)} "
        return [
            ("", "\n"),
            ("bold fg:ansicyan", title + "─" * max(width - len(title), 3)),
            ("", "\n"),
            ("italic", wrap(clean(message.text), width)),
        ]
    style = _STYLE.get(message.kind, "")
    out: list[tuple[str, str]] = []
    if message.title:
        out += [(f"bold {style}".strip(), clean(message.title)), ("", "\n")]
    if message.kind == "restatement":
        for line in wrap(clean(message.text), width - 2).splitlines() or [""]:
            out += [("fg:ansicyan", "│ "), ("", line), ("", "\n")]
        return out[:-1]
    prefix = "✓ " if message.kind == "echo" else ""
    if message.text or not message.lines:
        out.append((style, wrap(clean(message.text), width, prefix, " " * len(prefix))))
        out.append(("", "\n"))
    for line in message.lines:
        out += [(style, wrap(clean(line), width, "  • ", "    ")), ("", "\n")]
    return out[:-1]


def show_message(message: Message, output: Any = None) -> None:
    width = min(shutil.get_terminal_size((80, 24)).columns - 1, 100)
    print_formatted_text(FormattedText(fragments(message, width)), output=output)
