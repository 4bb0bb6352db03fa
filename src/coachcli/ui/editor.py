"""Writing a long text in the user's own editor ($VISUAL, else $EDITOR, else vi), as git does.

The text goes through a private temporary file (a 0700 folder, a 0600 file) that is removed
afterwards, so a confidential note is never left in a shared temporary folder.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile

from coachcli.core.errors import UsageError

EDIT_MARK = ":e"  # typed at the end of an answer: continue it in the editor


def editor_command() -> list[str]:
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    for fallback in ("sensible-editor", "nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise UsageError("no editor found; set $EDITOR (for example EDITOR=nano)")


def wants_editor(answer: str) -> bool:
    """Did the user end an answer with ``:e`` to continue it in the editor?"""
    stripped = answer.rstrip()
    return stripped == EDIT_MARK or stripped.endswith(" " + EDIT_MARK)


def without_mark(answer: str) -> str:
    return answer.rstrip()[: -len(EDIT_MARK)].rstrip()


def edit_text(text: str, *, suffix: str = ".txt") -> str:
    """Open ``text`` in the editor and return what was saved (the file as it was left)."""
    command = editor_command()
    with tempfile.TemporaryDirectory(prefix="coach-") as folder:
        os.chmod(folder, 0o700)
        path = os.path.join(folder, "note" + suffix)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text + ("\n" if text and not text.endswith("\n") else ""))
        try:
            status = subprocess.call([*command, path])
        except OSError as exc:
            raise UsageError(f"could not start the editor {command[0]!r}: {exc.strerror}") from None
        if status != 0:
            raise UsageError(f"the editor {command[0]!r} exited with status {status}; nothing kept")
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read()
