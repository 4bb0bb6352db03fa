"""Where coachcli keeps its data: ``COACH_HOME`` if set, else the platform's user data dir.

Derived caches (the index) are not data: they live in the platform's cache folder, one folder
per store (``cache_dir``), so a synced or backed-up data folder holds only what is worth keeping.
"""

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


def cache_root() -> Path:
    """``COACH_CACHE_DIR`` if set, else the platform's user cache folder (``$XDG_CACHE_HOME``
    or ``~/.cache`` on Linux) + ``coachcli``."""
    override = os.environ.get("COACH_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def store_key(root: Path) -> str:
    """A stable name for a store: a hash of its real path (a name never appears in it)."""
    try:
        from _blake2 import blake2b  # hashlib would load OpenSSL first (~3 ms)
    except ImportError:  # pragma: no cover - other interpreters
        from hashlib import blake2b
    real = os.path.realpath(root).encode("utf-8", "surrogateescape")
    return blake2b(real, digest_size=12, person=b"coach-store").hexdigest()


def cache_dir(root: Path | None = None) -> Path:
    """This store's local cache folder: ``<cache_root>/stores/<store_key>``."""
    return cache_root() / "stores" / store_key(root or data_dir())


def index_path(root: Path | None = None) -> Path:
    """The derived index (SQLite) of the store at ``root``: a cache, never synced."""
    return cache_dir(root) / "index.sqlite"


# The JSON index files earlier versions kept in the data folder (removed on first use).
LEGACY_INDEX_NAMES = (
    "index.json",
    "index-open.json",
    "index-report.json",
    "index-report-months.json",
)


def lock_path(root: Path | None = None) -> Path:
    return (root or data_dir()) / ".lock"
