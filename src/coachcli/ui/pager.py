"""Long terminal output through a pager, as git does: ``$PAGER``, default ``less -FRX``.

Only when stdout is a terminal (never into a pipe or a file), only when the text is taller than
the screen (``-F`` makes less quit at once otherwise, but a short text is not even captured
twice), and never with ``--no-pager``, ``PAGER=`` (empty) or ``PAGER=cat``. If the pager cannot
be started the text is printed as it is. Standard library only.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

from coachcli.ui.terminal import is_terminal

DEFAULT_PAGER = "less -FRX"
_disabled = False  # set by the root --no-pager
_configured: Callable[[], str] | None = None  # the config file's pager, asked when needed


def disable() -> None:
    """``coach --no-pager …``: nothing is paged in this process."""
    global _disabled
    _disabled = True


def configure(command: Callable[[], str]) -> None:
    """Where to find the config file's ``pager`` setting ($PAGER still wins)."""
    global _configured
    _configured = command


def pager_command() -> list[str] | None:
    """The pager to run, or None for none: $PAGER, the config file's, else ``less -FRX``."""
    import shlex  # here, not at import: every command imports this module

    value = os.environ.get("PAGER")
    if value is None:
        value = (_configured() if _configured else "") or DEFAULT_PAGER
    try:
        argv = shlex.split(value)
    except ValueError:
        return None
    if not argv or argv[0] == "cat":
        return None
    return argv


def wanted(enabled: bool = True) -> bool:
    return enabled and not _disabled and is_terminal(sys.stdout) and pager_command() is not None


def _too_tall(text: str) -> bool:
    import shutil

    rows = shutil.get_terminal_size((80, 24)).lines
    return text.count("\n") + 1 > max(rows - 1, 1)


def show(text: str) -> None:
    """Write ``text`` to stdout, through the pager when it is wanted and the text is tall."""
    argv = pager_command()
    if not (wanted() and argv and _too_tall(text)):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    import subprocess

    sys.stdout.flush()
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)
    except OSError:
        sys.stdout.write(text)
        return
    assert proc.stdin is not None
    try:
        proc.stdin.write(text.encode(encoding, errors="coachcli-ascii"))
        proc.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the reader quit the pager early: fine
    with contextlib.suppress(KeyboardInterrupt):
        proc.wait()


def page(text: str, *, enabled: bool = True) -> None:
    """Show ``text`` (a whole document), paged when on a terminal and ``enabled``."""
    if not text.endswith("\n"):
        text += "\n"
    if wanted(enabled):
        show(text)
    else:
        sys.stdout.write(text)


class _Capture(io.StringIO):
    """Looks like the terminal to whoever writes (rich keeps its colours and width)."""

    def __init__(self, real: Any) -> None:
        super().__init__()
        self._real = real
        self._encoding = getattr(real, "encoding", None) or "utf-8"

    # typeshed declares TextIOBase.encoding a writable attribute; on StringIO it is a read-only
    # property, as here: the stub, not this class, is what mypy objects to.
    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return int(self._real.fileno())


@contextlib.contextmanager
def paged(enabled: bool = True) -> Iterator[None]:
    """Everything printed inside goes through the pager at the end (when wanted)."""
    if not wanted(enabled):
        yield
        return
    real = sys.stdout
    capture = _Capture(real)
    sys.stdout = capture
    try:
        yield
    except BaseException:
        sys.stdout = real
        real.write(capture.getvalue())
        raise
    sys.stdout = real
    show(capture.getvalue())
