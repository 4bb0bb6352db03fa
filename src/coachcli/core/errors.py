"""Exit codes and the exceptions that carry them.

Domain code raises a ``CoachError`` subclass; ``coachcli.cli.app.main`` is the one place that turns
it into a message on stderr and an exit status. Messages must never contain note text: name the
file, the field or the position, not what the user wrote.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented in README.md; frozen by tests/test_exit_codes.py."""

    OK = 0
    UNEXPECTED = 1  # a bug: one line and a hint, never a stack
    USAGE = 2  # bad arguments, bad input, unknown id, no terminal
    DAMAGED = 3  # a data or bank file cannot be read as valid
    SAVE_FAILED = 4  # a write did not complete; the old file is intact
    BUSY = 5  # another coach process holds the store lock
    OVERDUE = 6  # `coach followup --check`: something is overdue
    READ_ONLY = 7  # a file from a newer coachcli: readable, never rewritten
    NOT_FOUND = 8  # no such session, item, person or bank
    SYNC_FAILED = 9  # `coach sync`: git failed (its own message is shown)
    OUTPUT_FAILED = 10  # stdout could not be written (disk full, closed); a save already made stays
    NO_KEY = 11  # an encrypted file this device cannot decrypt (no identity, or not a recipient)
    CANCELLED = 130  # Ctrl-C / Ctrl-D; a draft is kept


class CoachError(Exception):
    """An expected failure with a one-line, note-free message."""

    exit_code: ExitCode = ExitCode.UNEXPECTED

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class UsageError(CoachError):
    exit_code = ExitCode.USAGE


class NoTerminalError(UsageError):
    pass


class DamagedFileError(CoachError):
    """A file that cannot be read as valid. Never rewritten or deleted by coach."""

    exit_code = ExitCode.DAMAGED
    # A session file named after another session: the id it holds (doctor names the duplicate).
    held_id: str | None = None

    def __init__(self, path: object, detail: str, *, hint: str | None = None) -> None:
        super().__init__(f"{path}: {detail}", hint=hint)
        self.path = path
        self.detail = detail


class BankError(DamagedFileError):
    """A question bank that fails validation (file:line:col: field: message)."""

    # Every problem found, one ``file:line:col: field: message`` each, when there are several.
    problems: list[str]

    def __init__(self, path: object, detail: str, *, hint: str | None = None) -> None:
        super().__init__(path, detail, hint=hint)
        self.problems = []


class NoKeyError(DamagedFileError):
    """An encrypted (age) file this device cannot decrypt: it has no identity, or its key is
    not among the file's recipients. Never rewritten or deleted by coach."""

    exit_code = ExitCode.NO_KEY


class SaveError(CoachError):
    exit_code = ExitCode.SAVE_FAILED


class StoreNotAFolderError(CoachError):
    """The store's path (``COACH_HOME`` or the platform data folder) is, or lies under,
    something that is not a folder: no command can use it (exit 4, as ``coach doctor``)."""

    exit_code = ExitCode.SAVE_FAILED


class StoreBusyError(CoachError):
    exit_code = ExitCode.BUSY


class ReadOnlyError(CoachError):
    exit_code = ExitCode.READ_ONLY
    path: object = None  # the file that is read-only, when one is


class SyncError(CoachError):
    exit_code = ExitCode.SYNC_FAILED


class NotFoundError(CoachError):
    exit_code = ExitCode.NOT_FOUND


class Cancelled(CoachError):
    """The user pressed Ctrl-C or Ctrl-D (or the process got SIGTERM/SIGHUP)."""

    exit_code = ExitCode.CANCELLED

    def __init__(
        self, message: str = "cancelled", *, hint: str | None = None, partial: str = ""
    ) -> None:
        super().__init__(message, hint=hint)
        self.partial = partial  # what was typed at a text prompt when it was cancelled
