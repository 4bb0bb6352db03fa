"""`coach bank list/show/validate/new/lint/path` and `coach guide`, in-process and as a process."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from coachcli.banks import load as banks
from coachcli.banks import view as bank_view
from factories import coach

DATA = Path(__file__).parent / "data" / "banks"


@pytest.fixture
def fake_builtins(monkeypatch):
    monkeypatch.setattr(banks, "builtin_banks_dir", lambda: DATA / "builtin")


@pytest.fixture
def user_banks(coach_home):
    folder = coach_home / "banks"
    folder.mkdir(parents=True)
    return folder


# -- path ---------------------------------------------------------------------------------------


def test_path_prints_the_user_bank_folder(capsys, coach_home):
    rc, out, _ = coach(capsys, "bank", "path")
    assert rc == 0, out
    assert out == f"{coach_home / 'banks'}\n"


# -- list ---------------------------------------------------------------------------------------


def test_list_shows_name_kind_source_and_count(capsys, fake_builtins, user_banks):
    (user_banks / "sample.yaml").write_bytes((DATA / "sample.yaml").read_bytes())
    rc, out, err = coach(capsys, "bank", "list")
    assert rc == 0, out + err
    lines = [line.split() for line in out.splitlines()]
    assert lines[0] == ["NAME", "KIND", "SOURCE", "QUESTIONS", "TITLE"]
    assert lines[1][:4] == ["coaching", "coaching", "built-in", "11"]
    assert lines[2][:4] == ["mentoring", "mentoring", "built-in", "3"]
    assert lines[3][:4] == ["sample", "coaching", "user", "2"]
    assert "Skipped" not in out
    assert err == ""


def test_list_shows_skipped_files_and_still_exits_zero(capsys, fake_builtins, user_banks):
    (user_banks / "laughs.yaml").write_bytes((DATA / "billion-laughs.yaml").read_bytes())
    (user_banks / "coaching.yaml").write_text(
        (DATA / "sample.yaml").read_text().replace("name: sample", "name: coaching")
    )
    rc, out, err = coach(capsys, "bank", "list")
    assert rc == 0, out + err
    assert "coaching   coaching   user (replaces built-in)  2" in out
    assert "Skipped 1 file(s) that did not load:" in out
    assert f"  {user_banks}/laughs.yaml:3:4: anchors (&name) are not allowed" in out
    assert "coach bank validate FILE" in err


def test_list_json(capsys, fake_builtins, user_banks):
    (user_banks / "broken.yaml").write_text("schema_version: 1\nname: broken\n")
    rc, out, _ = coach(capsys, "bank", "list", "--json")
    assert rc == 0, out
    data = json.loads(out)
    assert [(b["name"], b["source"], b["questions"]) for b in data["banks"]] == [
        ("coaching", "built-in", 11),
        ("mentoring", "built-in", 3),
    ]
    assert data["skipped"] == [
        {"path": f"{user_banks}/broken.yaml", "reason": "1:1: title: required field is missing"}
    ]


def test_list_with_the_real_builtins(capsys):
    rc, out, _ = coach(capsys, "bank", "list")
    assert rc == 0, out
    names = [line.split()[0] for line in out.splitlines()[1:]]
    assert {"coaching", "mentoring"} <= set(names)


# -- show ---------------------------------------------------------------------------------------


def test_show_groups_questions_by_skill(capsys, fake_builtins):
    rc, out, _ = coach(capsys, "bank", "show", "coaching")
    assert rc == 0, out
    assert out.startswith("coaching — Coaching conversation (test)\ncoaching · built-in · 11 ")
    headings = [line for line in out.splitlines() if line and not line.startswith(" ")][3:]
    assert headings == [
        "Open (1)",
        "Listen (3)",
        "Ask (3)",
        "Support (1)",
        "Challenge (1)",
        "Commit (1)",
        "Close (1)",
    ]
    assert "  listen-feelings: How did that feel for you?  [feelings]" in out
    assert "  ask-goal: What do you want to achieve?  [grow/goal, #goal]" in out
    assert "  open-mind: What's on your mind?  [coaching-habit/kickstart, evergreen]" in out


def test_show_json_has_the_agreed_keys(capsys, fake_builtins):
    rc, out, _ = coach(capsys, "bank", "show", "mentoring", "--json")
    assert rc == 0, out
    data = json.loads(out)
    assert list(data) == ["name", "title", "kind", "source", "questions"]
    assert (data["name"], data["kind"], data["source"]) == ("mentoring", "mentoring", "built-in")
    assert data["questions"][2] == {
        "id": "ask-future",
        "text": "How do you picture your career in three years?",
        "skill": "ask",
        "focus": None,
        "framework": "mentoring",
        "stage": None,
        "tags": ["career", "growth"],
        "evergreen": False,
    }


def test_show_a_user_bank_that_replaces_a_builtin(capsys, fake_builtins, user_banks):
    (user_banks / "coaching.yaml").write_text(
        (DATA / "sample.yaml").read_text().replace("name: sample", "name: coaching")
    )
    rc, out, _ = coach(capsys, "bank", "show", "coaching", "--json")
    assert rc == 0, out
    assert json.loads(out)["source"] == "user (replaces built-in)"


def test_show_a_file(capsys):
    rc, out, _ = coach(capsys, "bank", "show", str(DATA / "sample.yaml"), "--json")
    assert rc == 0, out
    assert (json.loads(out)["name"], json.loads(out)["source"]) == ("sample", "file")


def test_show_an_unknown_bank_is_not_found(capsys, fake_builtins):
    rc, out, err = coach(capsys, "bank", "show", "nope")
    assert rc == 8, out + err
    assert err.startswith("coach: no bank named 'nope'; available: coaching, mentoring\n")


def test_show_a_broken_bank_is_damaged(capsys, fake_builtins, user_banks):
    (user_banks / "broken.yaml").write_text("schema_version: 1\nname: broken\n")
    rc, out, err = coach(capsys, "bank", "show", "broken")
    assert rc == 3, out + err
    assert err == f"coach: {user_banks}/broken.yaml:1:1: title: required field is missing\n" + (
        f"hint: 3 problems; `coach bank validate {user_banks}/broken.yaml` shows them all\n"
    )


def test_show_at_a_terminal_prints_file_text_literally(capsys, monkeypatch, user_banks):
    (user_banks / "sample.yaml").write_text(
        (DATA / "sample.yaml")
        .read_text()
        .replace(
            "What would make the biggest difference next?",
            "'What does [bold red]this[/] :smile: mean?'",
        )
    )
    monkeypatch.setattr(bank_view, "to_terminal", lambda: True)
    rc, out, _ = coach(capsys, "bank", "show", "sample")
    assert rc == 0, out
    assert "[bold red]this[/] :smile:" in out
    assert "Ask" in out and "Listen" in out


# -- validate -----------------------------------------------------------------------------------


def test_validate_a_good_file(capsys):
    path = DATA / "sample.yaml"
    rc, out, _ = coach(capsys, "bank", "validate", str(path))
    assert rc == 0, out
    assert out == f"{path}: ok — bank 'sample', 2 questions\n"


def test_validate_prints_every_problem_and_exits_3(capsys, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "schema_version: 1\nname: mine\ntitle: T\nkind: coaching\nquestions:\n"
        "  - id: a\n    text: What now?\n    skill: tell\n    colour: red\n"
    )
    rc, out, _ = coach(capsys, "bank", "validate", str(path))
    assert rc == 3, out
    assert out.splitlines() == [
        f"{path}:8:12: questions[0].skill: must be one of: open, listen, ask, support, "
        "challenge, commit, close",
        f"{path}:9:5: questions[0].colour: unknown field",
    ]


def test_validate_cross_field_problems_are_all_listed(capsys, tmp_path):
    path = tmp_path / "other.yaml"
    path.write_text(
        "schema_version: 1\nname: mine\ntitle: T\nkind: coaching\nquestions:\n"
        "  - id: a\n    text: What now?\n    skill: close\n"
        "  - id: a\n    text: How now?\n    skill: open\n"
    )
    rc, out, _ = coach(capsys, "bank", "validate", str(path))
    assert rc == 3, out
    assert out.splitlines() == [
        f"{path}:2:7: name: must equal the file name without .yaml",
        f"{path}:6:3: questions: needs at least one question with skill: ask",
        f"{path}:9:9: questions[1].id: duplicate id (first at questions[0])",
    ]


@pytest.mark.parametrize(
    ("fixture", "line"),
    [
        ("billion-laughs.yaml", "3:4: anchors (&name) are not allowed"),
        ("python-object.yaml", "3:8: tags (!name, !!type) are not allowed"),
    ],
)
def test_validate_hostile_files(capsys, fixture, line):
    rc, out, _ = coach(capsys, "bank", "validate", str(DATA / fixture))
    assert rc == 3, out
    assert out == f"{DATA / fixture}:{line}\n"


def test_validate_a_missing_file(capsys, tmp_path):
    rc, out, err = coach(capsys, "bank", "validate", str(tmp_path / "nope.yaml"))
    assert rc == 8, out + err
    assert "no such file" in err


# -- new ----------------------------------------------------------------------------------------


def test_new_writes_a_private_starter_that_validates_and_lints_clean(capsys, user_banks):
    rc, out, _ = coach(capsys, "bank", "new", "team-retro")
    assert rc == 0, out
    path = user_banks / "team-retro.yaml"
    assert out.splitlines()[0] == f"wrote {path}"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "# " in path.read_text()  # commented
    rc, out, _ = coach(capsys, "bank", "validate", str(path))
    assert rc == 0, out
    rc, out, _ = coach(capsys, "bank", "lint", "team-retro")
    assert rc == 0, out
    assert out == "all 10 questions in 'team-retro' pass the question check\n"
    bank = banks.load_bank("team-retro")
    for skill in ("open", "ask", "support", "challenge", "commit", "close"):
        assert bank.questions_for(skill), skill
    for focus in ("facts", "feelings", "values"):
        assert bank.questions_for("listen", focus), focus


def test_new_mentoring_kind(capsys, user_banks):
    rc, out, _ = coach(capsys, "bank", "new", "career", "--kind", "mentoring")
    assert rc == 0, out
    assert banks.load_bank("career").kind == "mentoring"


def test_new_refuses_to_overwrite(capsys, user_banks):
    path = user_banks / "mine.yaml"
    path.write_text("my own work")
    rc, out, err = coach(capsys, "bank", "new", "mine")
    assert rc == 2, out + err
    assert err.startswith(f"coach: {path} already exists")
    assert path.read_text() == "my own work"


@pytest.mark.parametrize("name", ["My Bank", "../escape", "a/b", "_x", "x" * 41, "Caps"])
def test_new_refuses_bad_names(capsys, user_banks, name):
    rc, out, err = coach(capsys, "bank", "new", name)
    assert rc == 2, out + err
    assert "a bank name is 1-40 characters" in err
    assert list(user_banks.iterdir()) == []


def test_new_refuses_a_bad_kind(capsys, user_banks):
    rc, out, err = coach(capsys, "bank", "new", "mine", "--kind", "therapy")
    assert rc == 2, out + err
    assert "kind must be coaching or mentoring" in err


# -- lint ---------------------------------------------------------------------------------------


def test_lint_reports_each_problem_with_id_and_suggestion(capsys):
    rc, out, _ = coach(capsys, "bank", "lint", str(DATA / "lint-problems.yaml"))
    assert rc == 2, out
    lines = out.splitlines()
    assert lines[0].startswith("why-ask: why: ")
    assert lines[1].startswith("  try: What ")
    assert lines[2].startswith("yes-no: closed: ")
    assert lines[3].startswith("  try: ")
    assert lines[4] == "2 of 3 questions in 'lint-problems' need work"
    assert "good-ask" not in out


def test_lint_a_broken_bank_is_damaged(capsys):
    rc, out, err = coach(capsys, "bank", "lint", str(DATA / "python-object.yaml"))
    assert rc == 3, out + err


def test_lint_an_unknown_name(capsys, fake_builtins):
    rc, out, err = coach(capsys, "bank", "lint", "nope")
    assert rc == 8, out + err


@pytest.mark.parametrize("name", ["coaching", "mentoring"])
def test_every_builtin_question_passes_the_question_check(capsys, name):
    rc, out, _ = coach(capsys, "bank", "lint", name)
    assert rc == 0, out
    assert out.startswith("all ") and out.endswith(
        f"questions in {name!r} pass the question check\n"
    )


# -- guide --------------------------------------------------------------------------------------


def test_guide_plain_text(capsys):
    rc, out, _ = coach(capsys, "guide")
    assert rc == 0, out
    for phrase in (
        "Coaching or mentoring?",
        "Here-and-now performance",
        "ask rather than tell",
        "The mentee leads",
        "voluntary",
        "career growth",
        "role model",
        "suggestions and connections",
        "coach start --bank mentoring",
    ):
        assert phrase in out, phrase
    assert not any(ch in out for ch in "┃│─┏"), "plain output must not draw boxes"


def test_guide_at_a_terminal_is_side_by_side(capsys, monkeypatch):
    monkeypatch.setattr(bank_view, "to_terminal", lambda: True)
    rc, out, _ = coach(capsys, "guide")
    assert rc == 0, out
    header = next(line for line in out.splitlines() if "Coaching" in line and "Mentoring" in line)
    assert header.index("Coaching") < header.index("Mentoring")


# -- help, imports, a real process --------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["bank"],
        ["bank", "path"],
        ["bank", "list"],
        ["bank", "show"],
        ["bank", "validate"],
        ["bank", "new"],
        ["bank", "lint"],
        ["guide"],
    ],
)
def test_every_command_has_help_with_an_example(capsys, argv):
    rc, out, _ = coach(capsys, *argv, "--help")
    assert rc == 0, out
    assert "Example" in out, out
    assert "coach " in out.split("Example", 1)[1], out


@pytest.mark.slow
def test_importing_the_command_module_stays_light():
    code = (
        "import sys, coachcli.cli.bank as m; "
        "heavy = [n for n in ('pydantic', 'rich', 'yaml', 'coachcli.banks.load')"
        " if n in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


@pytest.mark.slow
def test_a_real_process_prints_plain_text(coach_home):
    folder = coach_home / "banks"
    folder.mkdir(parents=True)
    (folder / "broken.yml").write_text("x")
    proc = subprocess.run(
        [sys.executable, "-m", "coachcli", "bank", "list"],
        capture_output=True,
        text=True,
        env={**os.environ, "COACH_HOME": str(coach_home)},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("NAME ")
    assert "\x1b[" not in proc.stdout
    assert f"  {folder}/broken.yml: bank files end in .yaml; rename it" in proc.stdout
