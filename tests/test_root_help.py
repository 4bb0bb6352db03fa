"""``coach --version`` and ``coach --help`` answered by ``entry`` without the command line.

The root help is typer's own text, kept in ``cli/root_help.txt``: these tests check it is what
typer prints, that the quick path prints it only where typer would print that very text (80
columns or more, or no terminal) and otherwise lets typer render it, and that both quick answers
handle a failed write as every command does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import coachcli
from coachcli import entry

STORED = Path(coachcli.__file__).parent / "cli" / "root_help.txt"
TYPER = "from coachcli.cli.app import run; import sys; sys.exit(run(sys.argv[1:]))"
QUICK = "from coachcli.entry import main; main()"
REGENERATE = (
    "regenerate: COLUMNS=80 .venv/bin/python -c 'from coachcli.cli.app import run; "
    'run(["--help"])\' > src/coachcli/cli/root_help.txt'
)


def _run(code: str, *argv: str, columns: str | None = "80", **env: str):
    environ = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns is not None:
        environ["COLUMNS"] = columns
    environ.update(env)
    probe = f"import sys; sys.argv[1:] = {list(argv)!r}; {code}"
    return subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=environ
    )


def test_the_stored_help_is_what_typer_prints(capsys, monkeypatch) -> None:
    from coachcli.cli.app import run

    monkeypatch.setenv("COLUMNS", "80")
    assert run(["--help"]) == 0
    assert capsys.readouterr().out == STORED.read_text(encoding="utf-8"), REGENERATE


@pytest.mark.slow
@pytest.mark.parametrize(
    ("argv", "columns"),
    [(["--help"], "80"), (["-h"], "200"), (["--help"], None), (["--help"], "60")],
)
def test_the_quick_path_prints_what_typer_prints(argv, columns) -> None:
    quick, typer = _run(QUICK, *argv, columns=columns), _run(TYPER, *argv, columns=columns)
    assert (quick.returncode, quick.stdout, quick.stderr) == (0, typer.stdout, "")
    assert quick.stdout.startswith("Usage: coach [OPTIONS] COMMAND")


@pytest.mark.slow
@pytest.mark.parametrize("argv", [["--help"], ["--version"]])
def test_the_quick_path_imports_no_command_line(argv) -> None:
    code = (
        "from coachcli.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "import sys; print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('typer', 'click', 'typing', 'shutil')), file=sys.stderr)"
    )
    done = _run(code, *argv)
    assert done.stderr.strip() == "[]", done.stderr


def test_a_narrow_terminal_or_completion_goes_to_typer(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "79")
    assert entry._quick_answer(["--help"]) is None
    monkeypatch.setenv("COLUMNS", "80")
    assert entry._quick_answer(["--help"]) == STORED.read_text(encoding="utf-8")
    assert entry._quick_answer(["--help", "start"]) is None
    monkeypatch.setenv("_COACH_COMPLETE", "bash_complete")
    assert entry._quick_answer(["--help"]) is None
    assert entry._quick_answer(["--version"]) is None


@pytest.mark.parametrize("value", [None, "", "0", "-3", "wide"])
def test_the_width_rule_is_shutils(monkeypatch, value) -> None:
    import shutil

    if value is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", value)
    assert entry.help_columns() == shutil.get_terminal_size().columns


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [["--help"], ["--version"]])
def test_a_failed_write_is_one_line_and_exit_10(argv) -> None:
    with open("/dev/full", "w") as full:
        probe = f"import sys; sys.argv[1:] = {argv!r}; {QUICK}"
        done = subprocess.run(
            [sys.executable, "-c", probe], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert done.returncode == 10
    assert done.stderr == "coach: cannot write the output: no space left on device\n"


@pytest.mark.slow
@pytest.mark.parametrize("argv", [["--help"], ["--version"]])
def test_a_reader_that_goes_away_ends_quietly(argv) -> None:
    """``coach --help | true``: the reader is gone before the write (EPIPE): status 0, silent."""
    probe = f"import sys, time; time.sleep(0.2); sys.argv[1:] = {argv!r}; {QUICK}"
    pipeline = f"{sys.executable} -c {probe!r} | true; echo ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", pipeline], capture_output=True, text=True)
    assert (done.stdout, done.stderr) == ("0\n", "")
