"""JSON for big volumes: orjson where it gives the same result as the standard library, faster.

A listing of 200,000 items decodes 100,000 index rows and encodes 200,000 objects. orjson does
both in Rust: 35% less time to decode the rows, 13 times less to encode the items (measured in
the commit that added it). Its import costs about 8 ms, so callers ask for it only for big
volumes; small ones keep ``json``. For the values coach stores and prints (texts, integers,
booleans, None, lists and objects) both give the same text and the same values
(tests/test_index_cli.py compares them); what orjson refuses (a lone surrogate, an integer past
64 bits, NaN) goes to ``json``, which decides.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


def _orjson() -> Any:
    """The orjson module, or None without it (a dependency: json alone is only slower)."""
    try:
        import orjson
    except ImportError:  # pragma: no cover
        return None
    return orjson


def bulk_loads() -> Callable[[str], Any]:
    """``json.loads``, done by orjson when it can."""
    orjson = _orjson()
    if orjson is None:  # pragma: no cover
        return json.loads
    fast = orjson.loads

    def loads(text: str) -> Any:
        try:
            return fast(text)
        except ValueError:  # orjson.JSONDecodeError: json gives the verdict
            return json.loads(text)

    return loads


def bulk_encoder(fallback: Callable[[object], str]) -> Callable[[object], str]:
    """``fallback`` (json's compact encoder, non-ASCII kept), done by orjson when it can."""
    orjson = _orjson()
    if orjson is None:  # pragma: no cover
        return fallback
    dumps = orjson.dumps

    def encode(value: object) -> str:
        try:
            return dumps(value).decode("utf-8")
        except TypeError:  # orjson.JSONEncodeError
            return fallback(value)

    return encode


def written_loads() -> Callable[[bytes], Any] | None:
    """For a big build: a decoder of a session file's bytes exactly as coach writes them
    (``json.dumps(indent=2)``, with or without the final newline) that is seven times as fast as
    ``storage.sessionfile.parse_json_bytes``, or None without orjson.

    orjson decodes the bytes and writes the value out again; only when that gives the same bytes
    is the value returned. Bytes that come back the same hold no duplicate key, byte-order mark,
    lone surrogate, NaN or anything else the strict reader refuses, and decode to the value json
    gives. Anything else (another tool's formatting, damage) gets None, and the caller reads it
    with ``parse_json_bytes``, which gives the verdict (tests/test_index_safety.py compares the
    two)."""
    orjson = _orjson()
    if orjson is None:  # pragma: no cover
        return None
    loads, dumps, indent = orjson.loads, orjson.dumps, orjson.OPT_INDENT_2

    def decode(raw: bytes) -> Any:
        try:
            data = loads(raw)
            again = dumps(data, option=indent)
        except (ValueError, TypeError):  # orjson's decode and encode errors
            return None
        body = raw[:-1] if raw.endswith(b"\n") else raw
        return data if again == body else None

    return decode
