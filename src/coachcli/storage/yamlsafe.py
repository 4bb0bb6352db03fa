"""A strict YAML loader for files that come from a user's editor (and may be hostile).

``load_yaml`` walks PyYAML's *event* stream (the C parser when available, the pure-Python one
otherwise) and builds plain ``dict`` / ``list`` / ``str`` values itself. No constructor runs, so
no YAML tag can create an object, and every rule below is checked before a value is built:

* the file is at most ``MAX_BYTES`` (or the caller's ``max_bytes``; checked before parsing)
  and UTF-8 (a BOM is fine);
* no tags at all (``!!python/object``, ``!!binary``, ``!custom``, ``!``);
* no anchors or aliases (``&a`` / ``*a``): refused outright, so "billion laughs" stops at once;
* no merge keys (``<<``), no duplicate keys, no keys that are collections or that YAML would
  read as a non-string (``1:``, ``yes:``, ``~:``);
* exactly one document, nested at most ``MAX_DEPTH`` deep.

Every scalar stays the string the author wrote: ``no``, ``on``, ``0777``, ``1.10``,
``2026-01-01`` and ``~`` are strings, an empty value is ``""``. Typing is the schema's job
(``coachcli.banks.model`` turns ``"1"`` into ``1`` and ``"true"`` into ``True`` where it asks).

Errors are ``BankError`` whose message is ``FILE:LINE:COL: message`` (1-based) and whose
``detail`` is ``LINE:COL: message``; messages never quote the file's text.
``load_yaml_with_positions`` also returns where each value and each key starts, keyed by data
path (``questions[3].text``), so schema errors can point at the node.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import yaml

from coachcli.core.errors import BankError

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 20
_BOM = b"\xef\xbb\xbf"

# The C parser is ~10x faster; the rules are the same since we only read events.
_Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
)

_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"

Loc = tuple[str | int, ...]
Pos = tuple[int, int]


def format_path(loc: Sequence[str | int]) -> str:
    """``("questions", 3, "text")`` → ``questions[3].text``; the root is ``(top)``."""
    out = ""
    for piece in loc:
        if isinstance(piece, int):
            out += f"[{piece}]"
        else:
            name = " ".join(str(piece).split())
            if len(name) > 40:
                name = name[:39] + "…"
            out += f".{name}" if out else name
    return out or "(top)"


@dataclass
class Positions:
    """Where each node starts (1-based line, column), keyed by data path (``("questions", 3,
    "text")``; the root is ``()``). Paths are kept as tuples and only written out
    (``format_path``) in a message: a bank has thousands of nodes and most files no error."""

    values: dict[Loc, Pos] = field(default_factory=dict)
    keys: dict[Loc, Pos] = field(default_factory=dict)

    def value(self, loc: Sequence[str | int]) -> Pos:
        """The value at ``loc``, or the nearest enclosing node that exists (e.g. the parent
        mapping for a missing field)."""
        loc = tuple(loc)
        while loc:
            found = self.values.get(loc)
            if found:
                return found
            loc = loc[:-1]
        return self.values.get((), (1, 1))

    def key(self, loc: Sequence[str | int]) -> Pos:
        """The key that holds ``loc`` (for an unknown field), else its value's position."""
        return self.keys.get(tuple(loc)) or self.value(loc)


def bank_error(filename: str, pos: Pos, message: str) -> BankError:
    """``BankError`` reading ``FILE:LINE:COL: message`` (``detail`` is ``LINE:COL: message``)."""
    line, col = pos
    err = BankError(filename, f"{line}:{col}: {message}")
    err.message = f"{filename}:{line}:{col}: {message}"
    err.args = (err.message,)
    return err


def _pos(mark: Any) -> Pos:
    return (mark.line + 1, mark.column + 1)


def _decode(data: bytes, filename: str, max_bytes: int = MAX_BYTES) -> str:
    if len(data) > max_bytes:
        raise bank_error(
            filename, (1, 1), f"file is larger than {max_bytes // 1024} KiB; refusing to read it"
        )
    body = data[len(_BOM) :] if data.startswith(_BOM) else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        offset = exc.start + (len(data) - len(body))
        raise bank_error(filename, (line, col), f"not valid UTF-8 (byte {offset})") from None


# Quoted bits of a parser message that are not YAML punctuation may be text from the file.
_QUOTED = re.compile(r"\s*('[^']*'|\"[^\"]*\"|#x[0-9a-fA-F]+)")
_PUNCT = re.compile(r"'[\[\]{},:?|>-]{1,3}'")


def _unquote(match: re.Match[str]) -> str:
    return match.group(0) if _PUNCT.fullmatch(match.group(1)) else ""


def _yaml_problem(exc: yaml.YAMLError, text: str) -> tuple[Pos, str]:
    """Position and text of a parser error, without the characters it quotes."""
    if isinstance(exc, yaml.reader.ReaderError):
        # The C reader counts UTF-8 bytes, the Python one characters.
        offset = exc.position
        if _Loader is not yaml.SafeLoader:
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
        before = text[:offset]
        pos = (before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)
        return pos, "a control character is not allowed here (only tab and newline are)"
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or ""
    problem = _QUOTED.sub(_unquote, str(problem)).strip() or "not valid YAML"
    return (_pos(mark) if mark is not None else (1, 1)), f"invalid YAML: {problem}"


class _Builder:
    def __init__(self, events: Iterator[Any], filename: str, positions: Positions) -> None:
        self.events = events
        self.filename = filename
        self.positions = positions

    def fail(self, event: Any, message: str) -> BankError:
        return bank_error(self.filename, _pos(event.start_mark), message)

    def next(self) -> Any:
        return next(self.events)

    def node(self, event: Any, loc: Loc, depth: int) -> Any:
        if isinstance(event, yaml.AliasEvent):
            raise self.fail(event, "aliases (*name) are not allowed")
        if getattr(event, "anchor", None) is not None:
            raise self.fail(event, "anchors (&name) are not allowed")
        if getattr(event, "tag", None) is not None:
            raise self.fail(event, "tags (!name, !!type) are not allowed")
        self.positions.values[loc] = _pos(event.start_mark)
        if isinstance(event, yaml.ScalarEvent):
            return event.value
        if depth >= MAX_DEPTH:
            raise self.fail(event, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(loc, depth + 1)
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(loc, depth + 1)
        raise self.fail(event, "unexpected YAML structure")  # pragma: no cover - parser order

    def sequence(self, loc: Loc, depth: int) -> list[Any]:
        items: list[Any] = []
        while True:
            event = self.next()
            if isinstance(event, yaml.SequenceEndEvent):
                return items
            items.append(self.node(event, (*loc, len(items)), depth))

    def mapping(self, loc: Loc, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        while True:
            event = self.next()
            if isinstance(event, yaml.MappingEndEvent):
                return out
            key = self.key(event)
            if key in out:
                raise self.fail(event, f"{format_path((*loc, key))}: duplicate key")
            self.positions.keys[(*loc, key)] = _pos(event.start_mark)
            out[key] = self.node(self.next(), (*loc, key), depth)

    def key(self, event: Any) -> str:
        if isinstance(event, yaml.AliasEvent):
            raise self.fail(event, "aliases (*name) are not allowed")
        if not isinstance(event, yaml.ScalarEvent):
            raise self.fail(event, "mapping keys must be plain names, not lists or mappings")
        if event.anchor is not None:
            raise self.fail(event, "anchors (&name) are not allowed")
        if event.tag is not None:
            raise self.fail(event, "tags (!name, !!type) are not allowed")
        if event.value == "<<":
            raise self.fail(event, "merge keys (<<) are not allowed")
        plain = event.implicit[0]
        if plain and _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False)) != _STR_TAG:
            raise self.fail(
                event,
                "mapping keys must be strings (this one reads as a number, "
                "boolean, date or null; quote it)",
            )
        return event.value


def load_yaml_with_positions(
    data: bytes, filename: str, *, max_bytes: int = MAX_BYTES
) -> tuple[Any, Positions]:
    """Parse one YAML document under the rules above; raise ``BankError`` otherwise.

    ``max_bytes`` is the size limit (``MAX_BYTES`` for banks; answers files allow more)."""
    text = _decode(data, filename, max_bytes)
    positions = Positions()
    events = cast(Generator[Any, None, None], yaml.parse(text, Loader=_Loader))
    builder = _Builder(events, filename, positions)
    try:
        next(events)  # StreamStart
        event = next(events)
        if isinstance(event, yaml.StreamEndEvent):
            raise bank_error(filename, (1, 1), "the file is empty")
        root = builder.node(next(events), (), 0)
        next(events)  # DocumentEnd
        event = next(events)
        if not isinstance(event, yaml.StreamEndEvent):
            raise builder.fail(event, "more than one YAML document (---); a bank is one document")
    except yaml.YAMLError as exc:
        pos, message = _yaml_problem(exc, text)
        raise bank_error(filename, pos, message) from None
    except RecursionError:  # pragma: no cover - MAX_DEPTH keeps us far from it
        raise bank_error(filename, (1, 1), "nested too deeply") from None
    finally:
        events.close()
    return root, positions


def load_yaml(data: bytes, filename: str) -> Any:
    """The value of one strict YAML document: dicts, lists and strings only."""
    return load_yaml_with_positions(data, filename)[0]
