"""A progress line on stderr for work that takes a while (building the index, a big report).

``with progress("indexing 5,000 sessions"):`` prints ``coach: indexing 5,000 sessions…`` on
stderr if the work is still going after ``DELAY`` seconds, and clears it when done. Only when
stderr is a terminal: a script's stderr stays clean. Standard library only.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator

from coachcli.ui.terminal import is_terminal

DELAY = 0.3  # seconds of silence people accept before they wonder whether coach hangs


@contextlib.contextmanager
def progress(what: str, *, delay: float = DELAY, stream=None) -> Iterator[None]:
    stream = sys.stderr if stream is None else stream
    if not is_terminal(stream):
        yield
        return
    line = f"coach: {what}…"
    shown = threading.Event()
    lock = threading.Lock()
    done = False

    def say() -> None:
        with lock:
            if done:
                return
            with contextlib.suppress(OSError, ValueError):
                stream.write(line)
                stream.flush()
                shown.set()

    timer = threading.Timer(delay, say)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            done = True
        timer.cancel()
        if shown.is_set():
            with contextlib.suppress(OSError, ValueError):
                stream.write("\r" + " " * len(line) + "\r")
                stream.flush()
