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


def test_store_is_built_once_and_cached_with_the_same_items_for_taskwarrior(tmp_path):
    bench = load_bench()
    home = bench.build_store(5, tmp_path)
    files = sorted((home / "sessions").iterdir())
    assert len(files) == 5
    sessions = [Session.model_validate(json.loads(f.read_text())) for f in files]
    before = files[0].stat().st_mtime_ns
    assert bench.build_store(5, tmp_path) == home
    assert files[0].stat().st_mtime_ns == before
    tasks = Path(f"{home}.task")
    pending = (tasks / "pending.data").read_text().splitlines()
    completed = (tasks / "completed.data").read_text().splitlines()
    items = [a for s in sessions for a in s.actions]
    assert len(pending) == sum(a.status == "open" for a in items)
    assert len(pending) + len(completed) == len(items)
    assert all(line.startswith("[description:") for line in pending + completed)


def test_stress_store_has_two_open_items_per_session(tmp_path):
    bench = load_bench()
    home = bench.build_store(4, tmp_path, stress=True)
    for path in (home / "sessions").iterdir():
        session = Session.model_validate(json.loads(path.read_text()))
        assert [a.status for a in session.actions] == ["open", "open"]


@pytest.mark.slow
def test_bench_small_mode_runs_and_prints_every_target(tmp_path):
    done = subprocess.run(
        [sys.executable, str(BENCH), "--small", "--stores", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    for name in (
        "python -c pass",
        "coach --version",
        "coach start --answers (empty store)",
        "followup --no-review, 20 (cold index)",
        "followup --no-review, 30",
        "followup --json, 20",
        "sessions --json, 30",
        "sessions (terminal), 30",
        "followup --no-review (terminal), 30",
        "sessions at a terminal 30 vs followup there",
        "followup --json, 30 stress",
        "floor: stress open items as JSON, 30",
        "followup done ID, 20",
        "followup right after a change, 20",
        "coach start, first prompt (pty)",
    ):
        assert name in out, out
    # Every target line shows a ratio (or n/a when Taskwarrior is missing) and a verdict.
    targets = out.split("target (ratios from this run)")[1].strip().splitlines()[1:-1]
    assert len(targets) >= 12, out
    assert all(re.search(r"(PASS|MISS|n/a|for the record)", line) for line in targets), out
    assert "followup growth 20 -> 30 sessions" in out
    assert not [line for line in out.splitlines() if "failed" in line], out
