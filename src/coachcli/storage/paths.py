"""Where coachcli keeps its data: ``COACH_HOME`` if set, else the platform's user data dir.

Derived caches (the index) are not data: they live in the platform's cache folder, one folder
per store (``cache_dir``), so a synced or backed-up data folder holds only what is worth keeping.
The store lock is this machine's too: it lives in the platform's state folder, one folder per
store (``state_dir``). Both are keyed by the store's real path (``store_key``), so two coach
processes reaching one store by different paths (a symlink, a relative path) share one lock.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "coachcli"


def data_dir(*, check: bool = True) -> Path:
    """The store root. Not created here; see ``fsio.ensure_private_dir``.

    A path that is (or lies under) a file, FIFO or other non-folder is a
    ``StoreNotAFolderError`` naming it, so no command reads it as an empty store; ``coach
    doctor`` passes ``check=False`` to report it among its findings."""
    override = os.environ.get("COACH_HOME")
    if override:
        root = Path(override).expanduser()
    else:
        from platformdirs import user_data_path  # ~2 ms, only when no override

        root = user_data_path(APP_NAME, appauthor=False)
    if check:
        check_store_path(root, from_env=bool(override))
    return root


def check_store_path(root: Path, *, from_env: bool = False) -> None:
    """Refuse a store path that is not a folder, or lies under something that is not one. A
    path that does not exist yet is fine (created on the first save); one that cannot be
    looked at (permissions) is left to the command, which names the folder it cannot read."""
    import stat

    probe = root
    while True:
        try:
            st = os.stat(probe)
        except (FileNotFoundError, NotADirectoryError):
            if probe.parent == probe:
                return
            probe = probe.parent
            continue
        except (OSError, ValueError):
            return
        if stat.S_ISDIR(st.st_mode):
            return
        from coachcli.core.errors import StoreNotAFolderError
        from coachcli.storage.readfile import file_kind

        where = "it is" if probe == root else f"{probe} is"
        kind = file_kind(st.st_mode)
        raise StoreNotAFolderError(
            f"{root}: not a folder ({where} {kind}); coach keeps its data in a folder",
            hint=(
                "set COACH_HOME to a folder, or unset it to use the default"
                if from_env
                else "move that file away; coach creates the folder on the next save"
            ),
        )


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


def state_root() -> Path:
    """``COACH_STATE_DIR`` if set, else the platform's user state folder (``$XDG_STATE_HOME``
    or ``~/.local/state`` on Linux) + ``coachcli``."""
    override = os.environ.get("COACH_STATE_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_state_path

    return user_state_path(APP_NAME, appauthor=False)


def state_dir(root: Path | None = None) -> Path:
    """This store's local state folder: ``<state_root>/stores/<store_key>``."""
    return state_root() / "stores" / store_key(root or data_dir())


def lock_path(root: Path | None = None) -> Path:
    """The store lock: a file in this machine's state folder, never in the data folder (a
    folder-sync tool or git would carry it to another machine, where it means nothing)."""
    return state_dir(root) / "lock"


def legacy_lock_path(root: Path | None = None) -> Path:
    """Where earlier versions kept the lock (removed on first use)."""
    return (root or data_dir()) / ".lock"
