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


def test_number_keys_pick_a_choice():
    choices = [Choice("a", "First"), Choice("b", "Second"), Choice("c", "Third")]
    assert ask("3" + ENTER, "select", "k", "Pick", choices) == "c"


def test_a_choice_with_its_own_letter_is_one_key_away():
    choices = [Choice(f"q{i}", f"Question {i}") for i in range(7)]
    choices += [Choice("own", "Write my own question…", key="w"), Choice("done", "Done", key="d")]
    assert ask("w" + ENTER, "select", "k", "Pick", choices) == "own"
    assert ask("d" + ENTER, "select", "k", "Pick", choices) == "done"
    assert ask("2" + ENTER, "select", "k", "Pick", choices) == "q1"


def test_ctrl_c_on_a_text_prompt_carries_what_was_typed():
    with pytest.raises(Cancelled) as caught:
        ask("half a tho" + CTRL_C, "text", "k", "Note")
    assert caught.value.partial == "half a tho"


@pytest.mark.slow
def test_colon_e_continues_the_answer_in_the_editor(monkeypatch, tmp_path):
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\np = sys.argv[1]\ntext = open(p).read()\n"
        "open(p, 'w').write(text.strip() + ' and more\\nsecond line\\n')\n"
    )
    import sys

    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    answer = ask("It started with :e" + ENTER, "text", "k", "Note")
    assert answer == "It started with and more\nsecond line"


def test_a_long_default_stays_off_the_line_and_enter_keeps_it(monkeypatch):
    from coachcli.ui import questionary_prompter as qp

    monkeypatch.setattr(qp, "width", lambda: 60)
    long = "What I'm hearing is that the rota comes out late and that matters to you."
    assert ask(ENTER, "text", "k", "Restatement", default=long) == long
    assert ask("Shorter" + ENTER, "text", "k", "Restatement", default=long) == "Shorter"


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_answers_and_labels_wrap_at_word_boundaries(columns):
    from coachcli.ui.questionary_prompter import wrap_label, wrapped_answer

    answer = "Two late shifts in a row last week and missed the stand-up on Monday " * 3
    fragments = wrapped_answer("What do you want from this conversation?", answer, columns)
    text = "".join(t for _, t in fragments)
    words = set(answer.split()) | set(
        ["What", "do", "you", "want", "from", "this", "conversation?"]
    )
    for line in text.split("\n"):
        assert len(line) <= columns
        assert all(word in words or word == "?" for word in line.split()), line
    label = wrap_label("What would be different tomorrow if this problem had been solved " * 2, 60)
    assert all(len(line) <= 60 - 1 for line in label.split("\n"))


def test_a_prompt_too_long_for_the_line_moves_its_hint_below():
    from coachcli.ui.questionary_prompter import fitted_prompt

    long = "Next meeting (e.g. 2026-12-09, friday, in 2 weeks, tomorrow)"
    assert fitted_prompt(long, 120) == (long, None)  # room to type: as it is
    assert fitted_prompt(long, 60) == (
        "Next meeting",
        "(e.g. 2026-12-09, friday, in 2 weeks, tomorrow)",
    )
    assert fitted_prompt("A long prompt with no hint at the end at all", 40) == (
        "A long prompt with no hint at the end at all",
        None,
    )
    assert fitted_prompt("(only a hint)", 10) == ("(only a hint)", None)
