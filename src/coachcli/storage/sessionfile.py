"""Reading session files: bytes → JSON → ``Session``, or a note-free error naming the place.

Nothing here writes. Every failure is a ``DamagedFileError`` (exit 3) naming the path and the
position or field, or a ``ReadOnlyError`` (exit 7) for a file from a newer coachcli — never the
text of a note.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachcli.core.errors import DamagedFileError, NotFoundError, ReadOnlyError

if TYPE_CHECKING:
    from pydantic import ValidationError

    from coachcli.core.model import Session

MAX_FILE_BYTES = 16 * 1024 * 1024
# A JSON escape that may stand for half a surrogate pair (fine in pairs, not alone).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _field_name(key: object) -> str:
    """A key read from a file, short and printable (a key is structure, but keep it tame)."""
    return "".join(ch for ch in str(key)[:40] if ch.isprintable())


def _lone_surrogate(value: Any, where: str = "") -> str | None:
    """The location of the first string holding a lone surrogate, or None."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return where or "(top)"
        return None
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        if isinstance(key, str) and _lone_surrogate(key) is not None:
            return where or "(top)"
        if isinstance(key, int):
            here = f"{where}[{key}]"
        else:
            here = f"{where}.{_field_name(key)}" if where else _field_name(key)
        found = _lone_surrogate(item, here)
        if found is not None:
            return found
    return None


def read_json_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """Parse a JSON file, or raise ``DamagedFileError`` naming the path and the position."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file") from None
    except OSError as exc:
        raise DamagedFileError(path, f"cannot read: {exc.strerror or type(exc).__name__}") from None
    return parse_json_bytes(path, raw, max_bytes=max_bytes)


def parse_json_bytes(path: Path, raw: bytes, *, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """``read_json_file`` for bytes already read (at most ``max_bytes + 1`` of them)."""
    if len(raw) > max_bytes:
        raise DamagedFileError(path, f"larger than {max_bytes // (1024 * 1024)} MiB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DamagedFileError(path, f"not UTF-8 (byte {exc.start})") from None
    if not text.strip():
        raise DamagedFileError(path, "empty file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DamagedFileError(
            path, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise DamagedFileError(path, "JSON nested too deeply") from None
    except ValueError:  # e.g. an integer longer than Python's digit limit
        raise DamagedFileError(path, "invalid JSON: a number is too long") from None
    if _SURROGATE_ESCAPE.search(text):
        where = _lone_surrogate(data)
        if where is not None:
            raise DamagedFileError(path, f"{where}: text holds an unpaired \\u surrogate escape")
    return data


def validation_detail(exc: ValidationError) -> str:
    """A pydantic ValidationError as ``field: message`` lines, without the input values."""
    parts = []
    for err in exc.errors(include_input=False, include_url=False):
        loc = ""
        for piece in err["loc"]:
            if not isinstance(piece, int):  # a key from the file: show it short and clean
                piece = _field_name(piece)
            loc += f"[{piece}]" if isinstance(piece, int) else (f".{piece}" if loc else str(piece))
        parts.append(f"{loc or '(top)'}: {err['msg']}")
    shown = "; ".join(parts[:3])
    if len(parts) > 3:
        shown += f" (+{len(parts) - 3} more)"
    return shown


def parse_session(path: Path, data: Any) -> Session:
    """Validate parsed JSON as a session, or raise a note-free error naming path and field."""
    from pydantic import ValidationError

    from coachcli.core.model import SCHEMA_VERSION, Session
    from coachcli.storage.migrate import file_version, upgrade

    if not isinstance(data, dict):
        raise DamagedFileError(path, "not a JSON object")
    version = file_version(data)
    if version is not None and version > SCHEMA_VERSION:
        raise newer_version_error(path, version)
    data = upgrade(path, data, SCHEMA_VERSION)
    try:
        return Session.model_validate(data)
    except ValidationError as exc:
        raise DamagedFileError(path, validation_detail(exc)) from None
    except (RecursionError, ValueError, TypeError) as exc:
        raise DamagedFileError(path, f"cannot validate ({type(exc).__name__})") from None


def newer_version_error(path: Path, version: int) -> ReadOnlyError:
    exc = ReadOnlyError(
        f"{path}: written by a newer coachcli (schema_version {version}); it is left untouched",
        hint="upgrade coachcli to read or change it",
    )
    exc.path = path
    return exc
