"""A real process killed (SIGKILL) in the middle of a big build, then run again: the build
resumes, every file is indexed once and the index is sound."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from coachcli.index.refresh import LATE_INDEXES_FROM
from factories import session_dict, write

pytestmark = pytest.mark.slow
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def _many_sessions(home, count: int) -> None:
    for n in range(count):
        tail = "".join(ALPHABET[(n // len(ALPHABET) ** k) % len(ALPHABET)] for k in range(4))
        sid = f"2026{1 + n % 12:02d}{1 + n % 28:02d}-ab{tail}"
        write(home, session_dict(sid, person=f"P{n % 40}"))


def _rows(database) -> int:
    """Rows committed so far (0 while the tables are being made)."""
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT count(*) FROM files").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_a_build_killed_inside_a_write_resumes_and_loses_nothing(coach_home, tmp_path):
    count = LATE_INDEXES_FROM + 600  # a big build: workers, indexes made at the end
    _many_sessions(coach_home, count)
    env = {
        **os.environ,
        "COACH_HOME": str(coach_home),
        "COACH_CACHE_DIR": str(tmp_path / "cache"),
        "NO_COLOR": "1",
    }
    argv = [sys.executable, "-m", "coachcli", "followup", "--json"]
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    database = None
    kept = 0
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        database = next((tmp_path / "cache").rglob("index.sqlite"), None)
        kept = _rows(database) if database is not None else 0
        if kept:  # batches are committed and more are coming: kill it now
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    assert proc.wait() == -signal.SIGKILL, "the build ended before it could be killed"
    assert database is not None
    assert 0 < kept <= _rows(database) < count  # what was committed survives, no more
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)
    assert len(items) == count  # one open item per session, each listed once
    assert len({item["id"] for item in items}) == count
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT count(*) FROM files").fetchone()[0] == count
