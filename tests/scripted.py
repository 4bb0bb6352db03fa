"""A prompter that answers from a script and fails loudly on anything unexpected."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coachcli.core.errors import Cancelled
from coachcli.ui.prompting import Choice, Message, Validator

CANCEL = object()  # put in a script to press Ctrl-C at that prompt


class UnexpectedPrompt(AssertionError):
    pass


class ScriptedPrompter:
    """``script`` maps a prompt key to the answers to give, in order.

    An answer for ``select`` is a choice value, or ``("label", text)`` to pick by label.
    Validators run as they would at a terminal: an invalid answer is recorded in
    ``rejected`` and the next answer for that key is used.
    """

    def __init__(self, script: dict[str, Sequence[Any]]) -> None:
        self.script = {key: list(values) for key, values in script.items()}
        self.messages: list[Message] = []
        self.asked: list[tuple[str, str]] = []
        self.rejected: list[tuple[str, str]] = []
        self.choices: dict[str, list[list[Choice]]] = {}
        self.defaults: dict[str, list[str]] = {}  # each text prompt's offered default, by key

    def _next(self, key: str, prompt: str) -> Any:
        self.asked.append((key, prompt))
        queue = self.script.get(key)
        if not queue:
            raise UnexpectedPrompt(f"no scripted answer for {key!r}: {prompt!r}")
        answer = queue.pop(0)
        if answer is CANCEL:
            raise Cancelled()
        return answer

    def assert_done(self) -> None:
        left = {k: v for k, v in self.script.items() if v}
        assert not left, f"scripted answers never asked for: {left}"

    def said(self, kind: str | None = None) -> list[Message]:
        return [m for m in self.messages if kind is None or m.kind == kind]

    def say(self, message: Message) -> None:
        self.messages.append(message)

    def text(
        self,
        key: str,
        prompt: str,
        *,
        default: str = "",
        multiline: bool = False,
        validate: Validator | None = None,
    ) -> str:
        self.defaults.setdefault(key, []).append(default)
        while True:
            answer = self._next(key, prompt)
            answer = default if answer is None else answer
            error = validate(answer) if validate else None
            if error is None:
                return answer
            self.rejected.append((key, error))

    def select(
        self, key: str, prompt: str, choices: Sequence[Choice], default: str | None = None
    ) -> str:
        self.choices.setdefault(key, []).append(list(choices))
        answer = self._next(key, prompt)
        if isinstance(answer, tuple):
            matches = [c.value for c in choices if answer[1] in c.label]
            assert len(matches) == 1, f"{key}: label {answer[1]!r} matched {matches}"
            return matches[0]
        values = [c.value for c in choices]
        if answer not in values:
            raise UnexpectedPrompt(f"{key}: {answer!r} is not one of {values}")
        return answer

    def confirm(self, key: str, prompt: str, *, default: bool = False) -> bool:
        return bool(self._next(key, prompt))
