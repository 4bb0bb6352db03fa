"""The questionary adapter on real prompt_toolkit input (a pipe) and a dummy output."""

from __future__ import annotations

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from coachcli.core.errors import Cancelled
from coachcli.ui.prompting import Choice
from coachcli.ui.questionary_prompter import QuestionaryPrompter

DOWN = "\x1b[B"
ENTER = "\r"
CTRL_C = "\x03"
CTRL_D = "\x04"


def ask(keys: str, method: str, *args, **kwargs):
    """Send ``keys``, close the pipe (so a missing answer fails instead of hanging), ask."""
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        prompter = QuestionaryPrompter(input=pipe, output=DummyOutput())
        return getattr(prompter, method)(*args, **kwargs)


def test_text_returns_what_was_typed():
    assert ask("Sam Rivera" + ENTER, "text", "who.name", "Who?") == "Sam Rivera"


def test_text_keeps_markup_and_brackets_literally():
    typed = "[red]not red[/red] :smile: [link=http://x]y[/link]"
    assert ask(typed + ENTER, "text", "k", "Note") == typed


def test_text_default_is_kept_on_enter():
    assert ask(ENTER, "text", "k", "Restatement", default="What I'm hearing") == (
        "What I'm hearing"
    )


def test_text_validation_rejects_then_accepts():
    def validate(value: str):
        return None if value.isdigit() else "a number please"

    assert (
        ask("x" + ENTER + "\x7f" + "7" + ENTER, "text", "k", "Confidence", validate=validate) == "7"
    )


def test_select_moves_with_arrow_keys():
    choices = [Choice("a", "First"), Choice("b", "Second"), Choice("c", "Third")]
    assert ask(DOWN + DOWN + ENTER, "select", "k", "Pick", choices) == "c"


def test_select_labels_are_cleaned_of_escape_sequences():
    choices = [Choice("a", "\x1b[2Jwiped"), Choice("b", "ok")]
    assert ask(ENTER, "select", "k", "Pick", choices) == "a"


def test_confirm_yes_and_default():
    assert ask("y", "confirm", "k", "More?") is True
    assert ask(ENTER, "confirm", "k", "More?", default=False) is False


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D])
def test_ctrl_c_and_ctrl_d_cancel_a_text_prompt(key):
    with pytest.raises(Cancelled):
        ask(key + "typed after" + ENTER, "text", "k", "Note")


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D])
def test_ctrl_c_and_ctrl_d_cancel_a_select(key):
    # Keys after the cancel would pick "b" if the cancel key were ignored.
    with pytest.raises(Cancelled):
        ask(key + DOWN + ENTER, "select", "k", "Pick", [Choice("a", "A"), Choice("b", "B")])


def test_ctrl_c_cancels_a_confirm_even_with_keys_after_it():
    with pytest.raises(Cancelled):
        ask(CTRL_C + "y", "confirm", "k", "More?")


def test_closed_input_cancels_instead_of_hanging():
    with pytest.raises(Cancelled):
        ask("", "text", "k", "Note")
