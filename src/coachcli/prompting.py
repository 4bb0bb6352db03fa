"""The seam between the conversation and the terminal.

The engine and the follow-up review talk to a ``Prompter``; the questionary implementation
(``coachcli.prompter``) is the only module that imports questionary. Tests use a scripted
prompter that answers by ``key`` and fails on any question it was not given an answer for.
Every method raises ``coachcli.errors.Cancelled`` on Ctrl-C or Ctrl-D.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

MessageKind = Literal["phase", "info", "hint", "warning", "restatement", "echo", "summary"]
Validator = Callable[[str], "str | None"]  # returns an error message, or None when valid


@dataclass(frozen=True)
class Message:
    """Something to show. ``text`` may hold user text: renderers must show it literally."""

    kind: MessageKind
    text: str
    title: str = ""
    lines: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


class Prompter(Protocol):
    def say(self, message: Message) -> None: ...

    def text(
        self,
        key: str,
        prompt: str,
        *,
        default: str = "",
        multiline: bool = False,
        validate: Validator | None = None,
    ) -> str: ...

    def select(
        self, key: str, prompt: str, choices: Sequence[Choice], default: str | None = None
    ) -> str: ...

    def confirm(self, key: str, prompt: str, *, default: bool = False) -> bool: ...
