from __future__ import annotations

import sys

import pytest


@pytest.fixture(autouse=True)
def coach_home(tmp_path, monkeypatch):
    """Every test gets its own store and its own cache folder; nothing touches the user's real
    data or caches."""
    home = tmp_path / "coach-home"
    monkeypatch.setenv("COACH_HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("COACH_CACHE_DIR", raising=False)
    monkeypatch.delenv("COACH_DEBUG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    cache = sys.modules.get("coachcli.index.cache")
    if cache is not None:
        cache._warned.clear()  # "said once" is once per command, i.e. per process
    return home
