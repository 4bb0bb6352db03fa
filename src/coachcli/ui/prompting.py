"""The seam between the conversation and the terminal.

The engine and the follow-up review talk to a ``Prompter``; the questionary implementation
(``ui.questionary_prompter``) is the only module that imports questionary. Tests use a scripted
prompter that answers by ``key`` and fails on any question it was not given an answer for.
Every method raises ``coachcli.core.errors.Cancelled`` on Ctrl-C or Ctrl-D.
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
    """One option of a ``select``. ``key`` is its own shortcut letter (e.g. "w" for "Write my
    own question…"); choices without one are numbered 1, 2, 3… at a terminal."""

    value: str
    label: str
    key: str | None = None


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


class ForwardingPrompter:
    """A prompter that hands every call to ``inner``; a wrapper overrides what it changes."""

    def __init__(self, inner: Prompter) -> None:
        self.inner = inner

    def say(self, message: Message) -> None:
        self.inner.say(message)

    def text(
        self,
        key: str,
        prompt: str,
        *,
        default: str = "",
        multiline: bool = False,
        validate: Validator | None = None,
    ) -> str:
        return self.inner.text(key, prompt, default=default, multiline=multiline, validate=validate)

    def select(
        self, key: str, prompt: str, choices: Sequence[Choice], default: str | None = None
    ) -> str:
        return self.inner.select(key, prompt, choices, default)

    def confirm(self, key: str, prompt: str, *, default: bool = False) -> bool:
        return self.inner.confirm(key, prompt, default=default)


class CappedPrompter(ForwardingPrompter):
    """Forwards to ``inner``, cutting a text answer longer than ``limit`` characters and saying
    so, so a pasted megabyte can never make the finished session fail validation."""

    def __init__(self, inner: Prompter, limit: int) -> None:
        super().__init__(inner)
        self.limit = limit

    def text(
        self,
        key: str,
        prompt: str,
        *,
        default: str = "",
        multiline: bool = False,
        validate: Validator | None = None,
    ) -> str:
        answer = super().text(key, prompt, default=default, multiline=multiline, validate=validate)
        if len(answer) <= self.limit:
            return answer
        self.inner.say(
            Message(
                "warning",
                f"That answer was {len(answer):,} characters; the first {self.limit:,} are kept.",
            )
        )
        return answer[: self.limit]
