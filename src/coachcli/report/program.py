"""What a report across stores needs besides the figures: stable pseudonyms (the salt kept in
the user's own store), labels for the stores, and whether a period is made of whole months."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

SALT_FILE = "report-salt"
SALT_BYTES = 32


def report_salt(root: Path) -> bytes:
    """The key for pseudonyms: ``<root>/report-salt`` (64 hex digits), created once (0600).

    Kept in the user's own store so pseudonyms are stable across runs and across the stores
    reported on; created under the store lock so two first runs agree on one salt.
    """
    from coachcli.core.errors import DamagedFileError
    from coachcli.storage.fsio import atomic_write_bytes
    from coachcli.storage.store import Store

    path = root / SALT_FILE
    if not path.exists():
        with Store(root).lock():
            if not path.exists():
                atomic_write_bytes(path, os.urandom(SALT_BYTES).hex().encode("ascii") + b"\n")
    from coachcli.core.errors import CoachError
    from coachcli.storage.readfile import read_bounded

    try:  # a regular file of a few bytes: a FIFO or a huge file there is not waited on
        key = bytes.fromhex(read_bounded(path, 4096).decode("ascii").strip())
    except (CoachError, ValueError):
        key = b""
    if len(key) < 16:
        raise DamagedFileError(
            path,
            "not a report salt (expected 64 hex digits)",
            hint="remove it to start new pseudonyms; earlier reports will not match the new ones",
        )
    return key


def whole_months(since: date | None, until: date | None) -> bool:
    """True when the period starts on the 1st and ends on a month's last day (or is open)."""
    return (since is None or since.day == 1) and (
        until is None or (until + timedelta(days=1)).day == 1
    )


def store_labels(dirs: list[Path], names: bool) -> list[str]:
    if not names:
        return [f"store {i}" for i in range(1, len(dirs) + 1)]
    labels: list[str] = []
    for folder in dirs:
        base = folder.resolve().name or str(folder)
        label, n = base, 2
        while label in labels:
            label, n = f"{base} ({n})", n + 1
        labels.append(label)
    return labels
