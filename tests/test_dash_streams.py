"""`-` means standard input or output wherever coach takes or writes a file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "examples" / "answers.yaml").read_bytes()


def coach(*argv: str, stdin: bytes = b"", cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coachcli", *argv],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=dict(os.environ),
    )


@pytest.mark.slow
def test_start_reads_answers_from_standard_input(coach_home):
    proc = coach("start", "--answers", "-", stdin=EXAMPLE)
    assert proc.returncode == 0, proc.stderr
    assert len(list((coach_home / "sessions").glob("*.json"))) == 1


@pytest.mark.slow
def test_start_answers_errors_name_standard_input(coach_home):
    proc = coach("start", "--answers", "-", stdin=b"person: Sam\nnext_steps: 3\n")
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("coach: <stdin>:")


@pytest.mark.slow
def test_export_dash_o_dash_writes_to_standard_output(coach_home, tmp_path):
    assert coach("start", "--answers", "-", stdin=EXAMPLE).returncode == 0
    proc = coach("export", "--person", "Sam Rivera", "-o", "-", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"# Coaching conversation with Sam Rivera")
    assert not (tmp_path / "-").exists()


@pytest.mark.slow
def test_bank_validate_reads_standard_input_and_bank_names(coach_home):
    builtin = (ROOT / "prompts" / "mentoring.yaml").read_bytes()
    proc = coach("bank", "validate", "-", stdin=builtin)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().startswith("<stdin>: ok")
    proc = coach("bank", "validate", "-", stdin=b"name: x\n")
    assert proc.returncode == 3
    assert all(line.startswith("<stdin>:1:1:") for line in proc.stdout.decode().splitlines())
    proc = coach("bank", "validate", "coaching")
    assert proc.returncode == 0 and "bank 'coaching'" in proc.stdout.decode()
    proc = coach("bank", "validate", "no-such-bank")
    assert proc.returncode == 8 and "coach bank list" in proc.stderr.decode()
