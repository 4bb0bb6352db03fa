"""Where coachcli keeps its data: ``COACH_HOME`` if set, else the platform's user data dir."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "coachcli"


def data_dir() -> Path:
    """The store root. Not created here; see ``fsio.ensure_private_dir``."""
    override = os.environ.get("COACH_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path  # ~2 ms, only when no override

    return user_data_path(APP_NAME, appauthor=False)


def sessions_dir(root: Path | None = None) -> Path:
    return (root or data_dir()) / "sessions"


def drafts_dir(root: Path | None = None) -> Path:
    return (root or data_dir()) / "drafts"


def backups_dir(root: Path | None = None) -> Path:
    return (root or data_dir()) / "backups"


def banks_dir(root: Path | None = None) -> Path:
    """User question banks (``coach bank path``)."""
    return (root or data_dir()) / "banks"


def index_path(root: Path | None = None) -> Path:
    return (root or data_dir()) / "index.json"


def lock_path(root: Path | None = None) -> Path:
    return (root or data_dir()) / ".lock"
