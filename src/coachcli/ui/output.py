"""Standard output and error that never crash a command.

``install()`` runs once at the start of every command (``coachcli.cli.app.run``):

- **Encoding**: both streams get the ``coachcli-ascii`` error handler, so a character the
  terminal's encoding cannot show (``LC_ALL=C``, ``PYTHONIOENCODING=ascii``/``latin-1``) is
  written as its ASCII look-alike (``—`` as ``-``, ``✓`` as ``v``, ``▅`` as ``=``, ``José`` as
  ``Jose``) or ``?``, never a ``UnicodeEncodeError``. JSON output escapes instead (see
  ``coachcli.core.sanitize.json_text``), so data is never changed.
- **Failed writes**: when stdout is not a terminal it is wrapped so that a reader that went away
  (``coach followup | head -1``: EPIPE) raises ``OutputClosed`` and a write that fails
  (``> /dev/full``, a stdout closed by the caller) raises ``OutputFailed``. Neither is an
  ``OSError``, so nothing between the write and ``run`` mistakes it for a store problem; after
  the first failure the stream swallows what is left, so the interpreter exits quietly.

Standard library only: this runs before every command, ``--help`` included.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import sys

from coachcli.ui.terminal import is_terminal

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: --version and --help
if TYPE_CHECKING:  # run through this module and nothing else (typing is ~4 ms of them)
    from collections.abc import Callable
    from typing import Any

HANDLER = "coachcli-ascii"

# Symbols coach prints, by their ASCII stand-in (same width, so tables and charts still line up).
FALLBACK = {
    "—": "-",
    "–": "-",
    "―": "-",
    "…": "...",
    "·": ".",
    "•": "*",
    "✓": "v",
    "✔": "v",
    "✗": "x",
    "→": "->",
    "←": "<-",
    "≤": "<=",
    "≥": ">=",
    "“": '"',
    "”": '"',
    "„": '"',
    "‘": "'",
    "’": "'",
    "«": '"',
    "»": '"',
    "─": "-",
    "━": "-",
    "│": "|",
    "┃": "|",
    "\u00a0": " ",
    # bars: eighths of a cell, then the full block
    "▏": "|",
    "▎": "|",
    "▍": "|",
    "▌": "+",
    "▋": "+",
    "▊": "+",
    "▉": "#",
    "█": "#",
    # sparkline levels, low to high
    "▁": "_",
    "▂": ".",
    "▃": ",",
    "▄": "-",
    "▅": "=",
    "▆": "+",
    "▇": "*",
}


class OutputClosed(Exception):
    """The reader of stdout went away (EPIPE): end quietly, like other Unix tools."""


class OutputFailed(Exception):
    """A write to stdout failed (disk full, stdout closed, I/O error)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def ascii_for(char: str) -> str:
    """An ASCII stand-in for one character: a known symbol, the letter without its accents
    (``ë`` -> ``e``, ``Ñ`` -> ``N``), or ``?``."""
    if char in FALLBACK:
        return FALLBACK[char]
    import unicodedata

    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if base and base.isascii() and base.isprintable():
        return base
    return "?"


def _handler(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(ascii_for(c) for c in exc.object[exc.start : exc.end]), exc.end


def register() -> None:
    """Make the ``coachcli-ascii`` error handler known to ``codecs`` (idempotent)."""
    try:
        codecs.lookup_error(HANDLER)
    except LookupError:
        codecs.register_error(HANDLER, _handler)


def encodes(text: str, stream: Any = None) -> bool:
    """True when ``stream`` (default: stdout) can show ``text`` as it is."""
    stream = sys.stdout if stream is None else stream
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


class _Guarded(io.RawIOBase):
    """A file descriptor whose write failures become ``OutputClosed`` / ``OutputFailed``."""

    def __init__(self, fd: int, *, closed_by_caller: bool = False) -> None:
        super().__init__()
        self._fd = fd
        self._failed = False
        self._closed_by_caller = closed_by_caller

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return False

    def write(self, data: Any) -> int:
        size = len(memoryview(data))
        if self._failed:
            return size  # the first failure was reported; the rest goes nowhere
        if self._closed_by_caller:
            self._failed = True
            raise OutputFailed("standard output is closed")
        try:
            return os.write(self._fd, data)
        except BrokenPipeError:
            self._failed = True
            raise OutputClosed from None
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                self._failed = True
                raise OutputClosed from None
            self._failed = True
            raise OutputFailed(os.strerror(exc.errno or errno.EIO).lower()) from None


def _fd_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def install() -> None:
    """Make stdout and stderr safe for this process (see the module docstring)."""
    register()
    closed = not _fd_open(1)
    if closed:
        # Hold fd 1 so no file coach opens later lands on it and receives the output.
        null = os.open(os.devnull, os.O_WRONLY)
        if null != 1:
            os.dup2(null, 1)
            os.close(null)
    for fd in (0, 2):
        if not _fd_open(fd):
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if sys.stdin is None:
        sys.stdin = open(os.devnull)  # noqa: SIM115 - lives until the process ends
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - or print(file=None) goes to stdout
    original = sys.stdout
    if closed or (
        original is not None and original is sys.__stdout__ and not is_terminal(original)
    ):
        encoding = getattr(original, "encoding", None) or "utf-8"
        line_buffering = bool(getattr(original, "line_buffering", False))
        with_flush = getattr(original, "flush", None)
        if with_flush is not None:
            with contextlib.suppress(OSError, ValueError):
                with_flush()
        sys.stdout = io.TextIOWrapper(
            io.BufferedWriter(_Guarded(1, closed_by_caller=closed)),
            encoding=encoding,
            errors=HANDLER,
            line_buffering=line_buffering,
        )
    else:
        _reconfigure(sys.stdout)
    _reconfigure(sys.stderr)


def _reconfigure(stream: Any) -> None:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return
    with contextlib.suppress(ValueError, OSError, TypeError, io.UnsupportedOperation):
        reconfigure(errors=HANDLER)


def finish() -> None:
    """Flush stdout, so a failed final write is reported by ``run`` rather than ignored at exit."""
    stream = sys.stdout
    if stream is not None:
        stream.flush()


def silence() -> None:
    """After the reader went away: send anything still to be written nowhere."""
    with contextlib.suppress(OSError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until the process ends


def say_error(message: str, hint: str | None = None) -> None:
    """``coach: message`` (and ``hint: …``) on stderr, made safe to show."""
    from coachcli.core.sanitize import clean

    # stderr may be full or closed too: then there is nowhere to say it; the status still says.
    with contextlib.suppress(OSError, ValueError):
        print(f"coach: {clean(message)}", file=sys.stderr)
        if hint:
            print(f"hint: {clean(hint)}", file=sys.stderr)


def guarded(body: Callable[[], int]) -> int:
    """Run a command's ``body`` with the streams made safe (``install``) and its status: the
    reader going away ends quietly (0); a failed write is one line on stderr, exit 10."""
    from coachcli.core.errors import ExitCode

    install()
    try:
        code = body()
        finish()
    except OutputClosed:
        silence()  # the reader went away (coach ... | head): not worth a message
        return int(ExitCode.OK)
    except OutputFailed as exc:
        silence()
        say_error(f"cannot write the output: {exc.reason}")
        return int(ExitCode.OUTPUT_FAILED)
    return code
