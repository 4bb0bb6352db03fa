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

from coachcli.core.errors import DamagedFileError, ReadOnlyError
from coachcli.storage.readfile import MAX_FILE_BYTES, read_bounded

if TYPE_CHECKING:
    from pydantic import ValidationError

    from coachcli.core.model import Session

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


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook``: an object whose key appears twice is damage. JSON leaves the
    meaning open and Python keeps the last value, so ``{"status":"done","status":"open"}``
    would silently read as open while another tool reads done."""
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return data


# One decoder for every file (``json.loads`` with a hook builds a new one per call).
_DECODER = json.JSONDecoder(object_pairs_hook=_unique_keys)


def read_json_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """Parse a JSON file, or raise ``DamagedFileError`` naming the path and the position.

    The file is read through ``storage.readfile`` (regular files only, at most ``max_bytes``,
    symlinks not followed). Duplicate keys in an object are damage.
    """
    return parse_json_bytes(path, read_bounded(path, max_bytes))


def parse_json_bytes(path: Path | str, raw: bytes) -> Any:
    """``read_json_file`` for bytes already read (the derived index reads each file once)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DamagedFileError(path, f"not UTF-8 (byte {exc.start})") from None
    if not text.strip():
        raise DamagedFileError(path, "empty file")
    try:
        if text.startswith("\ufeff"):  # as json.loads says it
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        data = _DECODER.decode(text)
    except _DuplicateKey as exc:
        detail = f"duplicate key {_field_name(exc.key)!r} in an object"
        raise DamagedFileError(path, detail) from None
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
        session = Session.model_validate(data)
    except ValidationError as exc:
        raise DamagedFileError(path, validation_detail(exc)) from None
    except (RecursionError, ValueError, TypeError) as exc:
        raise DamagedFileError(path, f"cannot validate ({type(exc).__name__})") from None
    check_file_name(path, session.id)
    return session


def check_file_name(path: Path, session_id: str) -> None:
    """A session file is named after the id it holds. A copy under another name (``cp X.json
    Y.json``) would list every item twice and let a change land in the other file: damage."""
    from coachcli.core.ids import SESSION_ID

    stem = Path(path).name.removesuffix(".json")
    if SESSION_ID.fullmatch(stem) and stem != session_id:
        exc = DamagedFileError(
            path,
            f"holds session id {_field_name(session_id)!r}, not the id in its file name "
            "(a copy or a renamed file?)",
        )
        exc.held_id = session_id
        raise exc


def newer_version_error(path: Path, version: int) -> ReadOnlyError:
    exc = ReadOnlyError(
        f"{path}: written by a newer coachcli (schema_version {version}); it is left untouched",
        hint="upgrade coachcli to read or change it",
    )
    exc.path = path
    return exc
