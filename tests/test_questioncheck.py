"""The what/how question check and ``coach check-question``.

The corpus in tests/data/questions holds real questions: good.txt (must pass) and bad.txt
("kinds | question", the exact kinds reported). Every flagged question must come with a
suggestion that itself passes the check.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coachcli.cli.app import run
from coachcli.language.question import MAX_CHARS, CheckResult, Issue, check_question

DATA = Path(__file__).parent / "data" / "questions"
KINDS = {"empty", "why", "closed", "leading", "stacked", "not-a-question", "judgmental"}


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


GOOD = _lines("good.txt")
BAD = [tuple(part.strip() for part in line.split(" | ", 1)) for line in _lines("bad.txt")]


def _kinds(result: CheckResult) -> list[str]:
    return [issue.kind for issue in result.issues]


def test_the_corpus_is_large_and_well_formed():
    assert len(GOOD) >= 150, len(GOOD)
    assert len(BAD) >= 150, len(BAD)
    for kinds, question in BAD:
        assert set(kinds.split(",")) <= KINDS, kinds
        assert question, kinds
    bad_kinds = {kind for kinds, _ in BAD for kind in kinds.split(",")}
    assert bad_kinds == KINDS - {"empty"}


@pytest.mark.parametrize("question", GOOD)
def test_open_questions_pass(question):
    result = check_question(question)
    assert result.ok, (question, result.issues, result.suggestion)
    assert result.issues == ()
    assert result.suggestion is None


@pytest.mark.parametrize(("kinds", "question"), BAD)
def test_flawed_questions_are_flagged_with_a_suggestion_that_passes(kinds, question):
    result = check_question(question)
    assert not result.ok
    assert ",".join(_kinds(result)) == kinds, (question, result.issues, result.suggestion)
    assert result.suggestion, question
    again = check_question(result.suggestion)
    assert again.ok, (question, result.suggestion, again.issues)
    assert "\n" not in result.suggestion


@pytest.mark.parametrize(
    ("question", "suggestion"),
    [
        ("Why did you choose that?", "What led you to choose that?"),
        ("Did the meeting go well?", "How did the meeting go?"),
        ("Is there anything else?", "What else is there?"),
        ("Why do you think the client got upset?", "What do you think made the client upset?"),
        ("Have you tried asking Sam for help?", "What have you tried so far?"),
        ("Have you thought about asking Sam?", "What could Sam help with?"),
        ("What happened? And how did you feel?", "What happened?"),
        ("What happened, and how did you feel?", "What happened?"),
        ("Are you happy with the plan?", "How happy are you with the plan?"),
        ("Do you have any questions?", "What questions do you have?"),
        ("Did you learn anything?", "What did you learn?"),
        ("Why are you worried?", "What makes you worried?"),
        ("Looking back, why did you do that?", "Looking back, what led you to do that?"),
        ("You should talk to Sam.", "How do you want to approach Sam?"),
    ],
)
def test_rewrites_keep_the_question(question, suggestion):
    assert check_question(question).suggestion == suggestion


@pytest.mark.parametrize("text", ["", "   ", "\n\t ", "?", "...", "\x1b[2J"])
def test_empty_text(text):
    result = check_question(text)
    assert _kinds(result) == ["empty"]
    assert result.issues[0].message
    assert check_question(result.suggestion).ok


def test_result_shape_and_json():
    result = check_question("Why did you do that? What next?")
    assert dataclasses.is_dataclass(result) and isinstance(result.issues[0], Issue)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.ok = True  # type: ignore[misc]
    data = result.to_dict()
    assert list(data) == ["text", "ok", "issues", "suggestion"]
    assert data["text"] == "Why did you do that? What next?"
    assert data["ok"] is False
    assert [set(issue) for issue in data["issues"]] == [{"kind", "message"}] * 2
    assert [issue["kind"] for issue in data["issues"]] == ["why", "stacked"]
    assert json.loads(json.dumps(data)) == data
    assert check_question("What next?").to_dict() == {
        "text": "What next?",
        "ok": True,
        "issues": [],
        "suggestion": None,
    }


def test_messages_are_one_gentle_line_without_the_question():
    for _, question in BAD:
        for issue in check_question(question).issues:
            assert "\n" not in issue.message and len(issue.message) <= 120, issue
            assert question not in issue.message


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Don\u2019t you think you\u2019re overdoing it?", "leading"),
        ("\u201cWhy did you do that?\u201d", "why"),
        ("  DID IT GO WELL  ", "closed"),
        ("why did you do that", "why"),
        ("\x1b[31mWhy\x1b[0m did you do that?", "why"),
        ("Did\u00a0it go well?", "closed"),
    ],
)
def test_case_quotes_spaces_and_controls_do_not_change_the_verdict(question, kind):
    assert _kinds(check_question(question)) == [kind]


def test_a_pasted_megabyte_is_checked_on_its_opening():
    big = "What would help? " + "x" * 1_000_000
    result = check_question(big)
    assert result.text == big  # reported as given
    assert result.ok, result.issues
    flood = "Why? " * 200_000
    result = check_question(flood)
    assert _kinds(result) == ["why", "stacked"]
    assert len(result.suggestion) < MAX_CHARS


def test_many_questions_in_a_row_are_one_stacked_verdict():
    result = check_question("What happened? " * 500)
    assert _kinds(result) == ["stacked"]
    assert result.suggestion == "What happened?"


_WORDS = str.split(
    "why what how who did do does is are was can could would will have has should you i we it "
    "that there the sam anything anyone any else and or but so okay tell me about walk through "
    "think tried just maybe not don't isn't wouldn't right well go happened help ask happy , ? . "
    "! - : ; come if thought considered asking it's you're what's"
)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(
    st.one_of(st.text(max_size=300), st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join))
)
def test_any_text_gets_a_consistent_verdict(text):
    result = check_question(text)
    assert result.ok == (not result.issues)
    assert (result.suggestion is None) == result.ok
    assert {issue.kind for issue in result.issues} <= KINDS
    if result.suggestion is not None:
        assert check_question(result.suggestion).ok, (text, result.suggestion)


# --- coach check-question ------------------------------------------------------------------


def test_command_prints_ok_for_an_open_question(capsys):
    rc = run(["check-question", "What do you want?"])
    out = capsys.readouterr().out
    assert rc == 0, out
    assert out.splitlines() == ["ok: an open question"]


def test_command_prints_each_issue_and_the_suggestion(capsys):
    rc = run(["check-question", "Why did you do that? And what next?"])
    out = capsys.readouterr().out
    assert rc == 0, out
    lines = out.splitlines()
    assert lines[0].startswith("why: ") and lines[1].startswith("stacked: "), out
    assert lines[2:] == ["suggestion: What led you to do that?"], out


def test_command_joins_unquoted_words(capsys):
    rc = run(["check-question", "Did", "it", "go", "well?"])
    out = capsys.readouterr().out
    assert rc == 0, out
    assert "closed: " in out and "suggestion: How did it go?" in out


def test_command_json_is_exactly_the_documented_shape(capsys):
    rc = run(["check-question", "--json", "Did the meeting go well?"])
    out = capsys.readouterr().out
    assert rc == 0, out
    data = json.loads(out)
    assert data == {
        "text": "Did the meeting go well?",
        "ok": False,
        "issues": [{"kind": "closed", "message": data["issues"][0]["message"]}],
        "suggestion": "How did the meeting go?",
    }


def test_strict_exits_2_only_when_there_are_issues(capsys):
    assert run(["check-question", "--strict", "Did it go well?"]) == 2
    assert run(["check-question", "--strict", "How did it go?"]) == 0
    assert run(["check-question", "Did it go well?"]) == 0
    assert run(["check-question", "--strict", "--json", ""]) == 2
    out = capsys.readouterr().out
    assert "closed" in out


def test_hostile_text_is_printed_literally_and_cleaned(capsys):
    rc = run(["check-question", "Did [red]Sam[/red] \x1b[2J\x07go well?"])
    out = capsys.readouterr().out
    assert rc == 0, out
    assert "\x1b" not in out and "\x07" not in out
    assert "suggestion: How did [red]Sam[/red] go?" in out
    rc = run(["check-question", "[red]x[/red]"])
    out = capsys.readouterr().out
    assert rc == 0, out
    assert out.startswith("not-a-question: ") and "[" not in out, out
    rc = run(["check-question", "--json", "Why \x1b]0;title\x07[bold]now[/bold]?"])
    out = capsys.readouterr().out
    assert rc == 0, out
    assert "\x1b" not in out and "\x07" not in out  # JSON escapes every control character
    assert json.loads(out)["text"] == "Why \x1b]0;title\x07[bold]now[/bold]?"


def test_command_reads_standard_input(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("Have you tried asking Sam?\n"))
    rc = run(["check-question", "--json", "-"])
    out = capsys.readouterr().out
    assert rc == 0, out
    assert [i["kind"] for i in json.loads(out)["issues"]] == ["leading"]


@pytest.mark.slow
def test_command_refuses_standard_input_that_is_not_text(capsys):
    proc = subprocess.run(
        [sys.executable, "-m", "coachcli", "check-question", "-"],
        input=b"\xff\xfe\x00what",
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    assert b"standard input is not text" in proc.stderr


def test_command_without_a_question_is_a_usage_error(capsys):
    rc = run(["check-question"])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert "no question given" in err


def test_help_has_an_example_and_documents_strict(capsys):
    rc = run(["check-question", "--help"])
    out = capsys.readouterr().out
    assert rc == 0, out
    assert 'Example: coach check-question "' in out
    assert "--strict" in out and "2 when there are issues" in out


@pytest.mark.slow
def test_command_does_not_import_heavy_libraries():
    """The fast path: no pydantic, rich, yaml or questionary in a real process."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "coachcli", "check-question", "Why?"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "why: " in proc.stdout, proc.stdout
    imported = {
        line.rsplit("|", 1)[-1].strip().split(".")[0]
        for line in proc.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "coachcli" in imported and "typer" in imported, sorted(imported)
    heavy = imported & {"pydantic", "pydantic_core", "rich", "yaml", "questionary"}
    assert not heavy, sorted(heavy)


@pytest.mark.parametrize(
    ("asked", "offered"),
    [
        ("So you're going to fix it by Friday, right?", "How confident are you that you're going"),
        ("Okay, so that went well, didn't it?", "What's your view on whether that went well?"),
        ("And you'll talk to Sam, yeah?", "How confident are you that you'll talk to Sam?"),
        ("So, you'll ask Tom, won't you?", "How confident are you that you'll ask Tom?"),
    ],
)
def test_a_tag_question_is_rewritten_without_the_speakers_opener(asked, offered):
    result = check_question(asked)
    assert not result.ok and result.suggestion is not None
    assert result.suggestion.startswith(offered)
    assert check_question(result.suggestion).ok


@pytest.mark.parametrize(
    ("question", "suggestion"),
    [
        (
            "Do you want to work on the deadline or the scope?",
            "What would you like to work on: the deadline, the scope or something else?",
        ),
        (
            "Would you rather stay in the team or move?",
            "Which appeals more: staying in the team, moving or something else?",
        ),
        (
            "Should you quit or stay?",
            "Which feels right to you: quitting, staying or something else?",
        ),
        (
            "Would you rather talk to Sam or Kim?",
            "Who would you like to talk to: Sam, Kim or someone else?",
        ),
        ("Is it the deadline or the scope that worries you?", "What worries you?"),
        ("Was it the manager or the process that let you down?", "What let you down?"),
        ("Are you angry or disappointed?", "How are you feeling?"),
        (
            "Are you feeling angry or disappointed about the decision?",
            "How are you feeling about the decision?",
        ),
        (
            "Do you need more time or more support?",
            "Which fits better for you: more time, more support or something else?",
        ),
        ("Do you want to talk about it or not?", "How much do you want to talk about it?"),
    ],
)
def test_an_either_or_question_is_opened_and_said_to_offer_picked_answers(question, suggestion):
    result = check_question(question)
    assert [issue.kind for issue in result.issues] == ["closed"]
    either_or = " or not" not in question
    assert ("answers you picked" in result.issues[0].message) == either_or
    assert result.suggestion == suggestion
    assert check_question(result.suggestion).ok


def test_at_a_narrow_terminal_the_verdict_wraps_at_words_under_its_text(capsys, monkeypatch):
    question = "Would you rather stay in the team or move to the platform group?"
    run(["check-question", question])
    piped = capsys.readouterr().out.splitlines()
    assert all(line.startswith(("closed: ", "suggestion: ")) for line in piped)
    monkeypatch.setattr("coachcli.ui.terminal.is_terminal", lambda *a: True)
    monkeypatch.setenv("COLUMNS", "44")
    run(["check-question", question])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > len(piped) and all(len(line) <= 44 for line in lines)
    assert " ".join(line.strip() for line in lines) == " ".join(piped)  # no word cut
    assert lines[1].startswith(" " * len("closed: ")) and lines[1].strip()
