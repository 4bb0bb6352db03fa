"""The answers file checked without pydantic: most files are valid, and need no model to say so.

pydantic's import and model building are most of the start-up of ``coach start --answers``, yet
the model's real work there is an error message for the rare file that is wrong. So each record
of the file (``answers.py``, ``answers_mentoring.py``) is paired with a check made of the small
pieces below, and ``load_answers`` asks it first. A check either returns the value the model
would have produced (text stripped, ``"8"`` made 8, defaults filled) or raises ``Unsure``; then
the pydantic model (``answers_model.py``) validates the file exactly as it always did, and its
error, or its verdict turned into records (``core.record.from_model``), is the answer.

``Unsure`` is not "invalid": it means "the model decides". Each piece is therefore narrower than
the model, never wider, wherever the two could differ:

* text is exactly ``str``, without lone surrogates (the model refuses those);
* stripping takes off ASCII spaces only; text that still starts or ends with any other space
  (``str.isspace``: no-break space, ``\\x1c``…) is the model's, whose idea of a space (Rust's)
  is not Python's;
* a whole number is an ``int`` or plain ASCII digits without a sign, leading zero or space
  (``"8"``, never ``" 8"``, ``"+8"``, ``"08"``, ``"8.0"``, ``"٨"``), within its range;
* a yes/no is a ``bool`` or one of ``true``, ``false``, ``yes``, ``no`` as written;
* a choice is one of its words exactly; a list is a ``list``, a part a ``dict`` with only its
  own field names as keys and every required one present.

``tests/test_answers_plain.py`` holds the pieces to that: whatever the check accepts, the model
accepts with equal records, over the examples, the documented forms and many mutations of them.
Standard library only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from coachcli.core.record import REQUIRED, Record

__all__ = [
    "Check",
    "Unsure",
    "boolean",
    "line",
    "list_of",
    "one_of",
    "optional",
    "part",
    "required",
    "required_up_to",
    "text",
    "whole",
]

R = TypeVar("R", bound=Record)
Check = Callable[[Any], Any]  # a raw value → the value the model would give, or Unsure

_ASCII_SPACES = " \t\n\r\x0b\x0c"  # spaces both Python and pydantic (Rust) strip
_BOOLEANS = {"true": True, "false": False, "yes": True, "no": False}


class Unsure(Exception):
    """The plain check cannot vouch for a value; the pydantic model decides, and words any error."""


def text(value: Any) -> str:
    """``str``: any text, as written."""
    if type(value) is not str:
        raise Unsure
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: the model refuses it
            raise Unsure from None
    return value


def line(value: Any) -> str:
    """``Line``: text with its surrounding spaces stripped (it may be empty)."""
    stripped = text(value).strip(_ASCII_SPACES)
    if stripped and (stripped[0].isspace() or stripped[-1].isspace()):
        raise Unsure  # a space beyond ASCII: which ones the model strips is its own business
    return stripped


def required(value: Any) -> str:
    """``Required``: a stripped line that is not empty."""
    stripped = line(value)
    if not stripped:
        raise Unsure
    return stripped


def required_up_to(limit: int) -> Check:
    """A ``Required`` line of at most ``limit`` characters (``person``)."""

    def check(value: Any) -> str:
        stripped = required(value)
        if len(stripped) > limit:
            raise Unsure
        return stripped

    return check


def whole(low: int, high: int) -> Check:
    """An ``int`` from ``low`` to ``high``: an int, or its digits as plainly written."""

    def check(value: Any) -> int:
        if type(value) is int:
            number = value
        elif (
            type(value) is str
            and 0 < len(value) <= 9
            and value.isascii()
            and value.isdigit()
            and value[0] != "0"
        ):
            number = int(value)
        else:
            raise Unsure
        if not low <= number <= high:
            raise Unsure
        return number

    return check


def boolean(value: Any) -> bool:
    """``bool``: a bool, or ``true``/``false``/``yes``/``no`` as written (lower case)."""
    if type(value) is bool:
        return value
    if type(value) is str and value in _BOOLEANS:
        return _BOOLEANS[value]
    raise Unsure


def one_of(*choices: str) -> Check:
    """A ``Literal`` of words: one of them, exactly."""

    def check(value: Any) -> str:
        if type(value) is not str or value not in choices:
            raise Unsure
        return value

    return check


def optional(inner: Check) -> Check:
    """``X | None``: ``None``, or what ``inner`` accepts."""

    def check(value: Any) -> Any:
        return None if value is None else inner(value)

    return check


def list_of(item: Check, *, min_length: int = 0) -> Check:
    """``list[X]``: a list whose every entry ``item`` accepts."""

    def check(value: Any) -> list[Any]:
        if type(value) is not list or len(value) < min_length:
            raise Unsure
        return [item(entry) for entry in value]

    return check


def part(record: type[R], **checks: Check) -> Callable[[Any], R]:
    """A mapping checked field by field into ``record``; a field not given takes the record's
    default. Every field of the record has a check (else this raises at import: a field added
    to the record and forgotten here would otherwise be refused by every file)."""
    names = [name for name, _ in record.__fields__]
    if sorted(names) != sorted(checks):
        raise TypeError(f"{record.__name__}: checks for {sorted(checks)}, fields {names}")
    needed = {name for name, default in record.__fields__ if default is REQUIRED}
    fields = tuple(checks.items())

    def check(value: Any) -> R:
        if type(value) is not dict or not needed <= value.keys() <= checks.keys():
            raise Unsure  # a missing field, an unknown one, or no mapping at all
        return record(**{name: item(value[name]) for name, item in fields if name in value})

    return check
