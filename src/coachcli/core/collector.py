"""The cycle collector held off while a big listing makes objects by the hundred thousand.

Rows decoded from the index, the items made from them, their sort keys and the objects written
out as JSON are never cyclic garbage: each is freed by its reference count or lives until the
command ends. The collector would only walk them again and again as they pile up (each full
pass over 200,000 items costs tens of milliseconds). Standard library only.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside the block (nested blocks are fine: the outermost one
    turns the collector back on, if it was on)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
