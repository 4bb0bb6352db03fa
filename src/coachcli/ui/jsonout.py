"""JSON on stdout for listings: compact and streamed, pretty only for a person at a terminal.

``write_json`` prints an array (or, with ``lines``, one object per line: JSON Lines) a slice at a
time with the C encoder, so 200,000 items cost neither the pure-Python ``indent`` encoder nor one
giant string. Non-ASCII text stays readable; characters a terminal might act on even inside a
JSON string (DEL, C1 controls, bidi overrides, line separators) are written as ``\\uXXXX``.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable

from coachcli.core.bulkjson import bulk_encoder
from coachcli.core.sanitize import JSON_UNSAFE

CHUNK = 2000


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


# The UTF-8 lead bytes of every character ``JSON_UNSAFE`` matches: a chunk without any of them has
# nothing to escape (a bytes search is far quicker than the regex over megabytes).
_LEADS = (b"\x7f", b"\xc2", b"\xe2\x80", b"\xe2\x81")


def safe(text: str) -> str:
    if text.isascii() and "\x7f" not in text:
        return text
    data = text.encode("utf-8", "surrogatepass")
    if not any(lead in data for lead in _LEADS):
        return text
    return JSON_UNSAFE.sub(_escape, text)


def pretty_wanted(pretty: bool) -> bool:
    from coachcli.ui.terminal import is_terminal

    return pretty or is_terminal()


def _unicode_out(out: object) -> bool:
    """Whether ``out`` can take any character; if not (``LC_ALL=C``, latin-1), non-ASCII text is
    written as ``\\uXXXX`` so the data stays exact instead of being replaced."""
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("-", "")
    return encoding.startswith("utf")


def write_json(values: Iterable[object], *, pretty: bool = False, lines: bool = False) -> None:
    """Print ``values`` as one JSON array (``pretty``: indented) or as JSON Lines."""
    out = sys.stdout
    readable = _unicode_out(out)
    if pretty and not lines:
        text = json.dumps(list(values), ensure_ascii=not readable, indent=2)
        out.write(safe(text) + "\n")
        return
    encode: Callable[[object], str]
    encode = json.JSONEncoder(ensure_ascii=not readable, separators=(",", ":")).encode
    chunk: list[object] = []
    first = True
    if not lines:
        out.write("[")
    for value in values:
        chunk.append(value)
        if len(chunk) >= CHUNK:
            if first and readable:  # a big output: worth orjson's import (core.bulkjson)
                encode = bulk_encoder(encode)
            first = _flush(out, encode, chunk, first, lines)
    _flush(out, encode, chunk, first, lines)
    if not lines:
        out.write("]\n")


def _flush(out, encode: Callable[[object], str], chunk: list, first: bool, lines: bool) -> bool:
    """Write ``chunk``: one line per value, or the array's next values (one encoder call for
    the whole chunk: its per-call cost is most of the time for small objects)."""
    if not chunk:
        return first
    if lines:
        out.write(safe("\n".join(map(encode, chunk))) + "\n")
    else:
        out.write(("" if first else ",") + safe(encode(chunk)[1:-1]))
    chunk.clear()
    return False
