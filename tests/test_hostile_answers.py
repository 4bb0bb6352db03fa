"""Scripted runs warn like interactive ones (on stderr), documented limits match the code, and
hostile answers files get one clear line (exit 2), never a hang, a stack or their text."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from coachcli.cli.app import run
from coachcli.conversation.answers import MAX_ANSWERS_BYTES
from coachcli.core.model import MAX_TEXT
from factories import saved_sessions as sessions
from probes import assert_clean_failure, coach

DOCS = Path(__file__).resolve().parents[1] / "docs" / "answers.md"
SECRET = "Zq7SECRETanswer"


def answers(**extra) -> dict:
    data = {
        "person": "Sam",
        "facts": ["The release slipped twice"],
        "next_steps": [
            {"action": "Draft the plan with Kim", "owner": "person", "due": "2099-01-08"}
            | {"confidence": 8}
        ],
        "after_check": "no",
    }
    data.update(extra)
    return data


def write(tmp_path: Path, data: dict | str, name: str = "a.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_docs_state_the_size_limit_the_code_applies():
    text = DOCS.read_text()
    stated = re.search(r"at most (\d+) MiB", text)
    assert stated and int(stated.group(1)) * 1024 * 1024 == MAX_ANSWERS_BYTES


def test_a_file_between_1_and_2_mib_is_read_and_one_over_the_limit_refused(
    tmp_path, coach_home, capsys
):
    notes = "n" * (1536 * 1024)  # 1.5 MiB: over the bank limit, under the answers limit
    path = write(tmp_path, answers(notes=notes))
    assert 1024 * 1024 < path.stat().st_size <= MAX_ANSWERS_BYTES
    assert run(["start", "--answers", str(path)]) == 0, capsys.readouterr().err
    assert len(sessions(coach_home)) == 1
    capsys.readouterr()
    over = write(tmp_path, answers(notes="n" * MAX_ANSWERS_BYTES), "big.json")
    assert run(["start", "--answers", str(over)]) == 2
    err = capsys.readouterr().err
    assert f"{over}: larger than 2 MiB" in err and len(sessions(coach_home)) == 1


def test_a_note_over_the_limit_is_cut_with_a_notice_on_stderr(tmp_path, coach_home, capsys):
    path = write(tmp_path, answers(notes="x" * (MAX_TEXT + 500)))
    assert run(["start", "--answers", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"the first {MAX_TEXT:,} are kept" in err and "coach: warning:" in err
    (session,) = sessions(coach_home)
    assert len(session["supervisor_notes"]) == MAX_TEXT


def test_a_broken_user_bank_is_said_not_swallowed(tmp_path, coach_home, capsys):
    banks = coach_home / "banks"
    banks.mkdir(parents=True)
    (banks / "coaching.yaml").write_text("name: coaching\nquestions: [unclosed\n")
    path = write(tmp_path, answers())
    assert run(["start", "--answers", str(path)]) == 0
    err = capsys.readouterr().err
    line = next(ln for ln in err.splitlines() if "coaching.yaml" in ln)
    assert line.startswith("coach: warning: Skipped your bank file")
    assert "the built-in bank 'coaching' is used instead" in line
    (session,) = sessions(coach_home)
    assert session["bank"] == "coaching"


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1]\nb: *x\n",  # aliases
        "person: !!python/object:os.system x\n",  # tags
        "[" * 500 + "]" * 500,  # deep
        "person: Sam\nperson: Eve\n",  # duplicate keys
        f"person: Sam\nfacts: 7\nnotes: {SECRET}\n",  # wrong type
    ],
    ids=["alias", "tag", "deep", "duplicate", "type"],
)
def test_hostile_yaml_is_one_clear_line_without_its_text(tmp_path, coach_home, capsys, text):
    path = write(tmp_path, text, "a.yaml")
    assert run(["start", "--answers", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"coach: {path}") and SECRET not in err and "Traceback" not in err
    assert sessions(coach_home) == []


def test_not_utf8_is_refused(tmp_path, coach_home, capsys):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"person: Sam\xff\xfe\n")
    assert run(["start", "--answers", str(path)]) == 2
    assert "not valid UTF-8" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null", "folder"])
def test_special_answers_files_are_refused_without_reading(tmp_path, coach_home, target):
    if target == "folder":
        target = str(tmp_path)
    proc = coach(coach_home, "start", "--answers", target)
    assert_clean_failure(proc, 2)
    assert "not a regular file" in proc.stderr
    assert sessions(coach_home) == []


def test_a_link_to_an_answers_file_is_followed_the_user_named_it(tmp_path, coach_home, capsys):
    real = write(tmp_path, answers())
    link = tmp_path / "link.json"
    os.symlink(real, link)
    assert run(["start", "--answers", str(link)]) == 0, capsys.readouterr().err
    assert len(sessions(coach_home)) == 1


def test_an_own_question_stops_paging_once_the_pages_wrap_around(tmp_path):
    """An answers file with thousands of own questions must not page through the bank 50 times
    for each: once a page shows nothing new, the question is the person's own."""
    from coachcli.conversation.answers import AnswersPrompter, load_answers
    from coachcli.ui.prompting import Choice

    data = answers(questions=[{"question": "What matters most to you here?", "answer": "x"}])
    prompter = AnswersPrompter(load_answers(write(tmp_path, data)), "a.yaml")
    pages = [
        [Choice("q:a", "How did it go?"), Choice("q:b", "What else?"), Choice("more", "More")],
        [Choice("q:c", "What would help?"), Choice("more", "More"), Choice("own", "Own")],
    ]
    picks = [prompter.select("ask.pick", "Pick", pages[turn % 2]) for turn in range(4)]
    assert picks[:2] == ["more", "more"]
    assert picks[2] == "own"  # the first page again: nothing new, so stop looking
