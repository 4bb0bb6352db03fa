"""The questionary implementation of ``Prompter`` — the only module that imports questionary.

Uses ``unsafe_ask`` so Ctrl-C raises instead of returning ``None``; Ctrl-C, Ctrl-D and a closed
input all become ``Cancelled``. ``input``/``output`` are passed through to prompt_toolkit so
tests can drive it with a pipe.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.styles import Style

from coachcli.core.errors import Cancelled
from coachcli.core.sanitize import clean
from coachcli.ui.prompting import Choice, Message, Validator

STYLE = Style([("qmark", "fg:ansicyan bold"), ("question", "bold"), ("answer", "fg:ansigreen")])


def _eof_bindings() -> KeyBindings:
    bindings = KeyBindings()

    @bindings.add("c-d", eager=True)
    def _(event: Any) -> None:
        event.app.exit(exception=EOFError())

    return bindings


class QuestionaryPrompter:
    def __init__(self, *, input: Any = None, output: Any = None) -> None:
        self._io = {"input": input, "output": output}

    def _ask(self, question: Any, *, eof_key: bool = True) -> Any:
        if eof_key:
            app = question.application
            app.key_bindings = merge_key_bindings(
                [app.key_bindings or KeyBindings(), _eof_bindings()]
            )
        try:
            return question.unsafe_ask()
        except (KeyboardInterrupt, EOFError):
            raise Cancelled() from None

    def say(self, message: Message) -> None:
        from coachcli.ui.messages import show_message

        show_message(message, self._io["output"])

    def text(
        self,
        key: str,
        prompt: str,
        *,
        default: str = "",
        multiline: bool = False,
        validate: Validator | None = None,
    ) -> str:
        def check(value: str) -> bool | str:
            if validate is None:
                return True
            error = validate(value)
            return True if error is None else error

        question = questionary.text(
            clean(prompt),
            default=clean(default),
            multiline=multiline,
            validate=check,
            style=STYLE,
            **self._io,
        )
        # A text prompt with an empty buffer already raises EOFError on Ctrl-D; a binding for
        # it would also end a non-empty line, which prompt_toolkit reserves for delete-char.
        answer = self._ask(question, eof_key=False)
        return "" if answer is None else str(answer)

    def select(
        self, key: str, prompt: str, choices: Sequence[Choice], default: str | None = None
    ) -> str:
        items = [questionary.Choice(title=clean(c.label), value=c.value) for c in choices]
        question = questionary.select(
            clean(prompt),
            choices=items,
            default=default,
            style=STYLE,
            use_indicator=True,
            **self._io,
        )
        return str(self._ask(question))

    def confirm(self, key: str, prompt: str, *, default: bool = False) -> bool:
        question = questionary.confirm(clean(prompt), default=default, style=STYLE, **self._io)
        return bool(self._ask(question))
