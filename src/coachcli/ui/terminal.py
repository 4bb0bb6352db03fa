"""Whether coach talks to a person: the one terminal check every command uses.

Light on purpose (stdlib only), so fast commands and the no-terminal refusal of `coach start`
can ask before anything heavy is imported. Streams are looked up when asked, not at import.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # as in ui.output: no import of typing for --version and --help
if TYPE_CHECKING:
    from collections.abc import Callable
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


_color: str | None = "auto"
_color_default: Callable[[], str] | None = None


def set_color(mode: str | None, default: Callable[[], str] | None = None) -> None:
    """``coach --color auto|always|never`` for this process; with ``mode`` None, ``default()``
    (the config file's setting) is asked the first time colour matters, so commands that print
    plain text never read the config."""
    global _color, _color_default
    _color, _color_default = mode, default


def color_mode() -> str:
    global _color
    if _color is None:
        _color = (_color_default() if _color_default else "") or "auto"
    return _color


def color_enabled(stream: Any = None) -> bool:
    """Colour and other styling (bold, italic) wanted on ``stream``? ``--color always`` says yes,
    ``never`` or ``NO_COLOR`` (any value, https://no-color.org) say no, else: a terminal, not
    ``TERM=dumb``."""
    import os

    mode = color_mode()
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    return is_terminal(stream) and os.environ.get("TERM") != "dumb"


def labelled(label: str, text: str) -> str:
    """``label: text`` as one line, or at a terminal wrapped at word boundaries to its width with
    each further line under the text's start (a 60-column terminal otherwise cuts words)."""
    line = f"{label}: {text}"
    if not is_terminal():
        return line
    import shutil
    import textwrap

    width = shutil.get_terminal_size().columns
    if len(line) <= width:
        return line
    indent = " " * (len(label) + 2)
    if width - len(indent) < 20:  # a very narrow terminal: no room for an indent
        indent = ""
    return textwrap.fill(line, width=width, subsequent_indent=indent, break_on_hyphens=False)
