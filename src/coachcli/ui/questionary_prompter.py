"""The questionary implementation of ``Prompter`` — the only module that imports questionary.

Uses ``unsafe_ask`` so Ctrl-C raises instead of returning ``None``; Ctrl-C, Ctrl-D and a closed
input all become ``Cancelled``. Ctrl-C on a text prompt carries what was typed so far
(``Cancelled.partial``) so a draft keeps the half-typed answer. Choices are numbered (or have
their own letter) and long labels wrap at word boundaries. A text answer ending in ``:e`` (or
Ctrl-X Ctrl-E) continues in $EDITOR. ``input``/``output`` are passed through to prompt_toolkit so
tests can drive it with a pipe.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.styles import Style

from coachcli.core.errors import Cancelled, UsageError
from coachcli.core.sanitize import clean
from coachcli.ui.prompting import Choice, Message, Validator

STYLE = Style([("qmark", "fg:ansicyan bold"), ("question", "bold"), ("answer", "fg:ansigreen")])
LABEL_INDENT = 7  # "» 1) " and the indicator before a choice's label


class _TypedSoFar(KeyboardInterrupt):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


def _eof_bindings() -> KeyBindings:
    bindings = KeyBindings()

    @bindings.add("c-d", eager=True)
    def _(event: Any) -> None:
        event.app.exit(exception=EOFError())

    return bindings


def _keep_typed_bindings() -> KeyBindings:
    bindings = KeyBindings()

    @bindings.add("c-c", eager=True)
    def _(event: Any) -> None:
        event.app.exit(exception=_TypedSoFar(event.app.current_buffer.text))

    return bindings


def width() -> int:
    return max(shutil.get_terminal_size((80, 24)).columns, 40)


def wrap_label(label: str, columns: int) -> str:
    """A choice label wrapped at word boundaries, continuation lines under its first word."""
    room = max(columns - LABEL_INDENT - 1, 20)
    lines = textwrap.wrap(clean(label), room, break_long_words=False, break_on_hyphens=False)
    return ("\n" + " " * LABEL_INDENT).join(lines or [""])


def wrapped_answer(prompt: str, answer: str, columns: int) -> list[tuple[str, str]]:
    """The answered prompt as styled fragments, wrapped at word boundaries (never mid-word):
    "? prompt answer", continuation lines indented by two spaces."""
    words = [("class:question bold", w) for w in clean(prompt).split()]
    for number, line in enumerate(clean(answer).splitlines() or [""]):
        if number:
            words.append(("", "\n"))
        words += [("class:answer fg:ansigreen", w) for w in line.split()]
    out: list[tuple[str, str]] = [("class:qmark fg:ansicyan bold", "?")]
    used = 1
    for style, word in words:
        if word == "\n":
            out.append(("", "\n  "))
            used = 2
            continue
        if used + 1 + len(word) > columns and used > 2:
            out.append(("", "\n  "))
            used = 2
        else:
            out.append(("", " "))
            used += 1
        out.append((style, word))
        used += len(word)
    return out


# Room left on the input line for the answer, below which a prompt's closing "(…)" hint moves
# to the bottom line of the terminal while the answer is typed.
MIN_ANSWER_ROOM = 20


def fitted_prompt(prompt: str, columns: int) -> tuple[str, str | None]:
    """``prompt`` for an input line that does not wrap: as it is when it leaves room to type;
    else without its closing ``(…)`` hint, returned apart to show below (a 60-column terminal
    would otherwise cut "Next meeting (e.g. …, tomorrow)" and hide the first typed words)."""
    if columns - len(prompt) - 2 >= MIN_ANSWER_ROOM or not prompt.endswith(")"):
        return prompt, None
    cut = prompt.rfind(" (")
    if cut <= 0:
        return prompt, None
    return prompt[:cut], prompt[cut + 1 :]


class QuestionaryPrompter:
    def __init__(self, *, input: Any = None, output: Any = None) -> None:
        self._io = {"input": input, "output": output}

    def _echo(self, prompt: str, answer: str) -> None:
        """Show the answered prompt again, word-wrapped (prompt_toolkit erased its own copy,
        which the terminal would have wrapped mid-word)."""
        from prompt_toolkit import print_formatted_text
        from prompt_toolkit.formatted_text import FormattedText

        print_formatted_text(
            FormattedText(wrapped_answer(prompt, answer, width() - 1)),
            output=self._io["output"],
        )

    def _ask(self, question: Any, *, extra: KeyBindings | None = None) -> Any:
        app = question.application
        if extra is not None:
            app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), extra])
        try:
            return question.unsafe_ask()
        except _TypedSoFar as typed:
            raise Cancelled(partial=typed.text) from None
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
        from coachcli.ui.editor import edit_text, wants_editor, without_mark

        # A default longer than half a line is not put in the input line (where it could
        # only be read by scrolling): Enter keeps it, ``:e`` opens it in the editor.
        kept = default if len(clean(default)) > width() // 2 else ""

        def check(value: str) -> bool | str:
            if validate is None or wants_editor(value):
                return True
            if kept and not value.strip():
                value = kept
            error = validate(value)
            return True if error is None else error

        shown_prompt = f"{prompt} (:e edits it)" if kept else prompt
        live, hint = fitted_prompt(clean(shown_prompt), width())
        start = "" if kept else default
        while True:
            question = questionary.text(
                live,
                default=clean(start),
                multiline=multiline,
                validate=check,
                style=STYLE,
                enable_open_in_editor=True,  # Ctrl-X Ctrl-E, as in bash
                wrap_lines=False,  # a long line scrolls while typed instead of breaking words
                erase_when_done=True,  # …and is shown again word-wrapped by _echo
                bottom_toolbar=hint,
                **self._io,
            )
            # A text prompt with an empty buffer already raises EOFError on Ctrl-D; a binding
            # for it would also end a non-empty line, which prompt_toolkit reserves for
            # delete-char.
            answer = self._ask(question, extra=_keep_typed_bindings())
            answer = "" if answer is None else str(answer)
            if kept and not answer.strip():
                answer = kept
            if not wants_editor(answer):
                self._echo(prompt, answer)
                return answer
            try:
                edited = edit_text(without_mark(answer) or kept).strip()
            except UsageError as exc:
                self.say(Message("warning", exc.message))
                start = without_mark(answer)
                continue
            error = validate(edited) if validate is not None else None
            if error is None:
                self._echo(prompt, edited)
                return edited
            self.say(Message("warning", error))
            start = edited  # back at the prompt with the edited text, to fix it

    def select(
        self, key: str, prompt: str, choices: Sequence[Choice], default: str | None = None
    ) -> str:
        columns = width()
        items = [
            questionary.Choice(
                title=wrap_label(c.label, columns),
                value=c.value,
                shortcut_key=c.key if c.key else True,
            )
            for c in choices
        ]
        question = questionary.select(
            clean(prompt),
            choices=items,
            default=default,
            style=STYLE,
            use_indicator=True,
            use_shortcuts=len(items) <= 36,
            use_jk_keys=False,
            instruction="(key or ↑↓)",
            erase_when_done=True,
            **self._io,
        )
        picked = str(self._ask(question, extra=_eof_bindings()))
        label = next((c.label for c in choices if c.value == picked), picked)
        self._echo(prompt, label)
        return picked

    def confirm(self, key: str, prompt: str, *, default: bool = False) -> bool:
        question = questionary.confirm(clean(prompt), default=default, style=STYLE, **self._io)
        return bool(self._ask(question, extra=_eof_bindings()))
