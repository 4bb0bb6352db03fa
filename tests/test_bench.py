"""benchmarks/bench.py works end to end on a tiny store (no timing assertions)."""

from __future__ import annotations

import importlib.util
import json
import random
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from coachcli.core.model import Session

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("coach_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["coach_bench"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_synthetic_sessions_are_valid_sessions():
    bench = load_bench()
    rng = random.Random(1)
    today = date(2026, 11, 24)
    for when in (datetime(2026, 11, 20, tzinfo=UTC), datetime(2020, 1, 1, tzinfo=UTC)):
        data = bench.synthetic_session(rng, when, today)
        session = Session.model_validate(data)
        assert 1 <= len(session.actions) <= 3


def test_store_is_built_once_and_cached(tmp_path):
    bench = load_bench()
    home = bench.build_store(5, tmp_path)
    files = sorted((home / "sessions").iterdir())
    assert len(files) == 5
    Session.model_validate(json.loads(files[0].read_text()))
    before = files[0].stat().st_mtime_ns
    assert bench.build_store(5, tmp_path) == home
    assert files[0].stat().st_mtime_ns == before


@pytest.mark.slow
def test_bench_runs_on_a_tiny_store(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--sessions",
            "20",
            "30",
            "--runs",
            "1",
            "--stores",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    for name in (
        "python -c pass",
        "coach --version",
        "coach --help",
        "coach check-question",
        "followup --no-review, 20 (cold index)",
        "followup --no-review, 30",
        "followup --json, 20",
        "coach start, first prompt (pty)",
    ):
        assert name in out, out
    # Every line with a target says PASS or MISS and shows a ratio and a peak memory.
    targeted = [line for line in out.splitlines() if re.search(r"\s\d+x\s", line)]
    assert len(targeted) >= 6, out
    assert all(("PASS" in line or "MISS" in line or "FAIL" in line) for line in targeted), out
    assert "followup growth 20 -> 30 sessions" in out
    # Other commands are other people's; the follow-up runs must all have worked.
    assert not [line for line in out.splitlines() if "followup" in line and "failed" in line]
    assert (tmp_path / "s20-v2" / "index.json").exists()
