"""`coach help TOPIC` shows the docs/ files themselves; the man page is made from them; every
hint points at something an installed coach has."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from coachcli.cli.app import run
from coachcli.cli.help import TOPICS, man_text
from coachcli.core.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "coachcli"


@pytest.mark.parametrize("topic", list(TOPICS))
def test_each_topic_prints_its_file_from_the_repository(topic, capsys):
    (folder, name), _about = TOPICS[topic]
    assert run(["help", topic]) == 0
    out = capsys.readouterr().out
    assert out.rstrip("\n") == (ROOT / folder / name).read_text(encoding="utf-8").rstrip("\n")


def test_help_without_a_topic_lists_them_all(capsys):
    assert run(["help"]) == 0
    out = capsys.readouterr().out
    for topic in TOPICS:
        assert f"  {topic} " in out


def test_an_unknown_topic_is_not_found(capsys):
    assert run(["help", "nonsense"]) == ExitCode.NOT_FOUND
    err = capsys.readouterr().err
    assert "no help topic" in err and "answers" in err


def test_exit_code_topic_matches_the_enum():
    text = (ROOT / "docs" / "exit-codes.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (\d+) \| (.+?) \|$", text, flags=re.M))
    assert sorted(int(c) for c in table) == sorted(int(c) for c in ExitCode)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table == dict(re.findall(r"^\| (\d+) \| (.+?) \|$", readme, flags=re.M))


def _environment_variables_read() -> set[str]:
    names = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"environ(?:\.get)?\(\s*\"([A-Z_]+)\"", text))
        names |= set(re.findall(r"environ\[\"([A-Z_]+)\"\]", text))
        names |= set(re.findall(r"getenv\(\s*\"([A-Z_]+)\"", text))
    return names


def test_every_environment_variable_is_documented():
    documented = (ROOT / "docs" / "environment.md").read_text(encoding="utf-8")
    read = _environment_variables_read()
    assert {"COACH_HOME", "COACH_LOCK_TIMEOUT", "COACH_DEBUG", "NO_COLOR"} <= read
    missing = {name for name in read if f"`{name}`" not in documented}
    assert not missing, missing


def test_root_help_lists_the_environment_variables(capsys):
    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    for name in ("COACH_HOME", "COACH_LOCK_TIMEOUT", "COACH_DEBUG", "NO_COLOR", "PAGER"):
        assert name in out


def _user_facing_strings(path: Path) -> list[str]:
    """String constants that are not docstrings (messages, hints, help, starter files)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    command_docs = set()  # a command's docstring IS its --help
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and path.parent.name == "cli":
            command_docs.add(id(node.body[0].value) if isinstance(node.body[0], ast.Expr) else 0)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and (id(node) not in docstrings or id(node) in command_docs)
    ]


def test_no_hint_points_into_the_repository():
    """An installed coach has no docs/ or examples/ folder to look in: hints say `coach help`."""
    offenders = []
    for path in SRC.rglob("*.py"):
        for text in _user_facing_strings(path):
            if re.search(r"\b(docs|examples)/\w", text):
                offenders.append((path.relative_to(SRC), text[:80]))
    assert not offenders, offenders


def test_the_man_page_is_made_from_the_topics():
    page = man_text()
    assert page.startswith(".TH COACH 1 ")
    for section in (".SH NAME", ".SH SYNOPSIS", ".SH COMMANDS", ".SH EXIT STATUS"):
        assert section in page
    assert ".SH ENVIRONMENT" in page and "COACH_LOCK_TIMEOUT" in page.replace("\\-", "-")
    assert page.isascii()  # non-ASCII as \[uXXXX], which every troff reads
    for line in page.splitlines():
        assert not line.startswith("'"), line  # a line starting with ' is a troff request
        if line.startswith(".") and not line.startswith(".\\"):
            assert re.match(r"\.(TH|SH|SS|PP|TP|IP|B|RS|RE|nf|fi)\b", line), line
    for code in ExitCode:
        assert f".TP\n{int(code)}\n" in page


def test_help_man_prints_the_page(capsys):
    assert run(["help", "--man"]) == 0
    assert capsys.readouterr().out == man_text()
