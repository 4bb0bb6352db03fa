"""A user file that was not loaded (a bank or a scenario), and why, for listings to show."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path

_POSITIONED = re.compile(r"^\d+:\d+: ")


@dataclass(frozen=True)
class Skipped:
    """``reason`` is ``LINE:COL: field: message`` or a note."""

    path: Path | Traversable
    reason: str

    def __str__(self) -> str:
        sep = ":" if _POSITIONED.match(self.reason) else ": "
        return f"{self.path}{sep}{self.reason}"
