from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def coach_home(tmp_path, monkeypatch):
    """Every test gets its own store; nothing touches the user's real data."""
    home = tmp_path / "coach-home"
    monkeypatch.setenv("COACH_HOME", str(home))
    monkeypatch.delenv("COACH_DEBUG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    return home
