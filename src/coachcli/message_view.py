"""How the conversation's messages look in a terminal (rich). User text is always literal."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.rule import Rule
from rich.text import Text

from coachcli.prompting import Message
from coachcli.render import user_text

_STYLE = {
    "info": "cyan",
    "hint": "dim",
    "warning": "yellow",
    "echo": "green",
    "summary": "",
}


def _body(message: Message, style: str) -> Text:
    body = user_text(message.text, style=style)
    for line in message.lines:
        body.append("\n  • ", style=style)
        body.append_text(user_text(line, style=style))
    return body


def show_message(console: Console, message: Message) -> None:
    if message.kind == "phase":
        console.print()
        console.print(Rule(user_text(message.title, style="bold"), style="cyan"))
        console.print(user_text(message.text, style="italic"))
        return
    if message.kind == "restatement":
        console.print(Panel(_body(message, ""), title=user_text(message.title), expand=False))
        return
    style = _STYLE.get(message.kind, "")
    if message.kind == "echo":
        console.print(Text("✓ ", style="green") + _body(message, style))
        return
    parts = []
    if message.title:
        parts.append(user_text(message.title, style=f"bold {style}".strip()))
    parts.append(_body(message, style))
    console.print(Group(*parts))
