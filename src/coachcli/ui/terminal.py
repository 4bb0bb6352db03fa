"""Whether coach talks to a person: the one terminal check every command uses.

Light on purpose (stdlib only), so fast commands and the no-terminal refusal of `coach start`
can ask before anything heavy is imported. Streams are looked up when asked, not at import.
"""

from __future__ import annotations

import sys
from typing import Any


def is_terminal(stream: Any = None) -> bool:
    """True when ``stream`` (default: stdout) is a terminal; False for pipes, files, closed or
    missing streams."""
    stream = sys.stdout if stream is None else stream
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def interactive() -> bool:
    """Both stdin and stdout are terminals: a person can answer prompts."""
    return is_terminal(sys.stdin) and is_terminal(sys.stdout)


_color = "auto"


def set_color(mode: str) -> None:
    """``coach --color auto|always|never`` for this process."""
    global _color
    _color = mode


def color_enabled(stream: Any = None) -> bool:
    """Colour and other styling (bold, italic) wanted on ``stream``? ``--color always`` says yes,
    ``never`` or ``NO_COLOR`` (any value, https://no-color.org) say no, else: a terminal, not
    ``TERM=dumb``."""
    import os

    if _color == "always":
        return True
    if _color == "never" or os.environ.get("NO_COLOR"):
        return False
    return is_terminal(stream) and os.environ.get("TERM") != "dumb"
