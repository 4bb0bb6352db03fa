"""A session file as plain JSON data, exactly as the model writes it: no pydantic.

``Session.to_json_bytes`` writes every field of every part, in the model's field order, dates as
``YYYY-MM-DD`` and times as pydantic writes them (``Z`` for UTC, six fraction digits when there
are any), as two-space indented JSON with non-ASCII text as it is. ``canonical`` gives a valid
session's JSON data that form (defaults filled in, keys in order, times rewritten), so that
``to_json_bytes`` here makes the same bytes as the model would from the same file. It trusts its
input: call it only on data ``index.validate.plainly_valid`` accepts. ``FIELDS`` mirrors
``core.model`` field by field; ``tests/test_plain_session.py`` pins the two together and
compares the bytes of both paths on many sessions. Standard library only.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any, Literal

SCHEMA_VERSION: Literal[1] = 1
MAX_TEXT = 1_000_000  # characters in one note; the engine cuts longer answers and says so

REQUIRED = object()  # a field with no default (plainly valid data always holds it)
LIST = object()  # default: a new empty list

# How a value is written: as read ("v"), a time ("dt"), or a part (another entry of FIELDS), a
# list of parts ("[Part]") or an optional part ("Part?").
Field = tuple[str, str, Any]  # (name, how, default)

FIELDS: dict[str, tuple[Field, ...]] = {
    "Session": (
        ("schema_version", "v", SCHEMA_VERSION),
        ("id", "v", REQUIRED),
        ("person", "v", REQUIRED),
        ("bank", "v", "coaching"),
        ("kind", "v", "coaching"),
        ("started_at", "dt", REQUIRED),
        ("finished_at", "dt", REQUIRED),
        ("agenda", "OwnAgenda", {}),
        ("listening", "Listening", {}),
        ("questions", "[AskedQuestion]", LIST),
        ("restatement", "v", ""),
        ("restatement_feedback", "v", ""),
        ("assumptions", "[Assumption]", LIST),
        ("actions", "[ActionItem]", REQUIRED),
        ("after_check", "AfterCheck", REQUIRED),
        ("supervisor_notes", "v", ""),
        ("reviewed_items", "v", LIST),
        ("checkin", "CheckIn?", None),
        ("help_wanted", "v", ""),
        ("next_meeting", "v", None),
        ("learning_question", "v", ""),
        ("learning", "v", ""),
        ("mentoring", "Mentoring?", None),
        ("edits", "[Edit]", LIST),
    ),
    "OwnAgenda": (("want", "v", ""), ("advice", "v", ""), ("take_over", "v", "")),
    "Listening": (("facts", "v", LIST), ("feelings", "v", LIST), ("values", "v", LIST)),
    "AskedQuestion": (
        ("text", "v", REQUIRED),
        ("answer", "v", ""),
        ("source", "v", "bank"),
        ("question_id", "v", None),
        ("check_issues", "v", LIST),
    ),
    "Assumption": (
        ("prompt", "v", ""),
        ("prompt_id", "v", None),
        ("assumption", "v", REQUIRED),
        ("reframe", "v", ""),
    ),
    "StatusChange": (
        ("at", "dt", REQUIRED),
        ("status", "v", REQUIRED),
        ("due", "v", None),
        ("note", "v", ""),
        ("event", "v", REQUIRED),
        ("done_on", "v", None),
    ),
    "ActionItem": (
        ("id", "v", REQUIRED),
        ("text", "v", REQUIRED),
        ("owner", "v", "person"),
        ("due", "v", None),
        ("confidence", "v", 7),
        ("check", "v", None),
        ("status", "v", "open"),
        ("created_at", "dt", REQUIRED),
        ("learned", "v", ""),
        ("done_on", "v", None),
        ("drop_reason", "v", ""),
        ("follows", "v", None),
        ("history", "[StatusChange]", LIST),
    ),
    "AfterCheck": (("agenda_took_over", "v", REQUIRED), ("note", "v", "")),
    "CheckIn": (("words", "v", ""), ("scale", "v", None)),
    "Offer": (
        ("kind", "v", REQUIRED),
        ("text", "v", REQUIRED),
        ("asked", "v", ""),
        ("taken_up", "v", False),
        ("item_id", "v", None),
    ),
    "GoalReview": (
        ("goal_id", "v", REQUIRED),
        ("goal", "v", REQUIRED),
        ("progress", "v", ""),
        ("scale", "v", None),
        ("status", "v", "open"),
    ),
    "NewGoal": (
        ("goal_id", "v", REQUIRED),
        ("goal", "v", REQUIRED),
        ("horizon", "v", ""),
        ("horizon_date", "v", None),
        ("replaces", "v", None),
    ),
    "Relationship": (
        ("agreed", "v", False),
        ("cadence", "v", ""),
        ("mentee_expects", "v", ""),
        ("mentor_offers", "v", ""),
        ("confidentiality", "v", ""),
        ("check_words", "v", ""),
        ("check_scale", "v", None),
    ),
    "Mentoring": (
        ("agenda", "v", ""),
        ("serves_goal", "v", None),
        ("grow_into", "v", ""),
        ("goal_reviews", "[GoalReview]", LIST),
        ("goals_set", "[NewGoal]", LIST),
        ("offers", "[Offer]", LIST),
        ("relationship", "Relationship?", None),
    ),
    "Edit": (("at", "dt", REQUIRED), ("changes", "v", REQUIRED)),
}


class NotPlain(Exception):
    """The data cannot be written the model's way without the model (e.g. a time whose UTC
    offset has seconds): the caller uses the model instead."""


def stamp(moment: datetime) -> str:
    """A time as pydantic writes it: ``2026-12-01T09:30:00Z``, ``…T09:30:00.250000+01:00``."""
    offset = moment.utcoffset()
    if offset is not None and (offset.seconds % 60 or offset.microseconds):
        raise NotPlain("a UTC offset with seconds")
    text = moment.isoformat()
    if offset == timedelta(0):
        return text[:-6] + "Z"
    return text


def day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


_stamps: dict[str, str] = {}  # a session repeats its own times: each rewritten once


def _stamp_text(text: str) -> str:
    out = _stamps.get(text)
    if out is None:
        if len(_stamps) > 4096:
            _stamps.clear()
        out = _stamps[text] = stamp(datetime.fromisoformat(text))
    return out


def _value(how: str, value: Any) -> Any:
    if how == "v":
        return value
    if how == "dt":
        return _stamp_text(value)
    if how.startswith("["):
        part = how[1:-1]
        return [_part(part, entry) for entry in value]
    if how.endswith("?"):
        return None if value is None else _part(how[:-1], value)
    return _part(how, value)


def _part(name: str, data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, how, default in FIELDS[name]:
        if key in data:
            out[key] = _value(how, data[key])
        elif default is LIST:
            out[key] = []
        elif type(default) is dict:
            out[key] = _part(how, {})
        else:
            out[key] = default
    return out


def canonical(data: dict[str, Any]) -> dict[str, Any]:
    """A new dict: ``data`` (plainly valid session JSON) as the model would write it."""
    return _part("Session", data)


def to_json_bytes(data: dict[str, Any]) -> bytes:
    """``Session.to_json_bytes`` for ``canonical`` data."""
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
