"""What an index row holds, built from a parsed session, and how a cached row is checked.

A row is a plain JSON dict (see ``session_row``); ``index.cache`` keeps one per session file.
The checks are cheap type and key checks: a row that fails one is read again from its file.
Standard library only.
"""

from __future__ import annotations

import re
from typing import Any

from coachcli.index.counts import FIELDS, Counted, counted

ROW_KEYS = frozenset(
    [
        "file",
        "mtime_ns",
        "size",
        "id",
        "person",
        "bank",
        "kind",
        "started_at",
        "finished_at",
        "facts",
        "feelings",
        "values",
        "questions",
        "what_how_questions",
        "restatement",
        "assumptions",
        "after_check",
        "next_meeting",
        "checkin_scale",
        "actions",
    ]
)
ACTION_KEYS = frozenset(
    ["id", "text", "owner", "due", "status", "confidence", "created_at", "closed_at", "learned"]
) | {"done_on"}  # the day the work happened (done/partly), for on-time figures
# The rows of the index's fast section: just what a follow-up listing shows, open actions only.
OPEN_ROW_KEYS = frozenset(["file", "id", "person", "started_at", "actions"])
_CLOSED = frozenset({"done", "partly", "dropped"})


def _count(entries: Any) -> int:
    return sum(1 for entry in entries or () if isinstance(entry, str) and entry.strip())


def _what_how(text: str) -> bool:
    """Does the question begin with What or How (any case)?"""
    return re.match(r"\W*(what|how)\b", text, re.IGNORECASE) is not None


def _closed_at(action: dict) -> str | None:
    """Time of the last history entry that moved the item out of ``open``; None while open."""
    if action.get("status", "open") == "open":
        return None
    closed_at = None
    previous = "open"
    for entry in action.get("history") or ():
        status = entry.get("status")
        if status in _CLOSED and previous == "open":
            closed_at = entry.get("at")
        previous = status
    return closed_at


def session_row(session: dict) -> dict:
    """The index row for a parsed (already validated) session JSON dict, without file stats."""
    listening = session.get("listening") or {}
    questions = session.get("questions") or []
    after_check = session.get("after_check") or {}
    return {
        "id": session["id"],
        "person": session["person"],
        "bank": session.get("bank", "coaching"),
        "kind": session.get("kind", "coaching"),
        "started_at": session["started_at"],
        "finished_at": session["finished_at"],
        "facts": _count(listening.get("facts")),
        "feelings": _count(listening.get("feelings")),
        "values": _count(listening.get("values")),
        "questions": len(questions),
        "what_how_questions": sum(1 for q in questions if _what_how(q.get("text", ""))),
        "restatement": bool((session.get("restatement") or "").strip()),
        "assumptions": len(session.get("assumptions") or []),
        "after_check": after_check.get("agenda_took_over", "no"),
        "next_meeting": session.get("next_meeting"),
        "checkin_scale": (session.get("checkin") or {}).get("scale"),
        "actions": [
            {
                "id": action["id"],
                "text": action["text"],
                "owner": action.get("owner", "person"),
                "due": action.get("due"),
                "status": action.get("status", "open"),
                "confidence": action.get("confidence", 7),
                "created_at": action.get("created_at"),
                "closed_at": _closed_at(action),
                "learned": action.get("learned", ""),
                "done_on": action.get("done_on"),
            }
            for action in session.get("actions") or []
        ],
    }


# -- reading and checking the cache ---------------------------------------------------------


def valid_row(row: Any, keys: frozenset[str] = ROW_KEYS) -> bool:
    """Does ``row`` have exactly ``keys`` (full or open row) with values of the right types?"""
    if not isinstance(row, dict) or row.keys() != keys:
        return False
    if not (
        isinstance(row["file"], str)
        and isinstance(row["id"], str)
        and isinstance(row["person"], str)
        and isinstance(row["started_at"], str)
        and isinstance(row["actions"], list)
    ):
        return False
    if "size" in keys and not (type(row["mtime_ns"]) is int and type(row["size"]) is int):
        return False
    for action in row["actions"]:
        if not isinstance(action, dict) or action.keys() != ACTION_KEYS:
            return False
        if not (isinstance(action["id"], str) and isinstance(action["text"], str)):
            return False
        due = action["due"]
        if due is not None and not (isinstance(due, str) and len(due) == 10):
            return False
    return True


def open_row(row: dict) -> dict | None:
    """The slim row of the fast section: the row's open actions, or None when it has none."""
    actions = [action for action in row["actions"] if action["status"] == "open"]
    if not actions:
        return None
    return {key: row[key] for key in ("file", "id", "person", "started_at")} | {"actions": actions}


def valid_broken(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("file"), str)
        and type(entry.get("mtime_ns")) is int
        and type(entry.get("size")) is int
        and entry.get("kind") in ("damaged", "read_only")
        and isinstance(entry.get("detail"), str)
    )


def valid_person(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("person"), str)
        and type(entry.get("sessions")) is int
        and isinstance(entry.get("last"), str)
        and isinstance(entry.get("recent"), list)
        and (entry.get("next_meeting") is None or isinstance(entry["next_meeting"], str))
        and all(isinstance(session_id, str) for session_id in entry["recent"])
    )


# The report's view of a row (index-report.json): the conversation already counted by the report's
# own ``tally_row`` — person, started_at, the day-independent counts and the open items' due days.
# No text but the name. Positional, so ten thousand sessions decode in a few milliseconds.
def stats_row(row: dict) -> list:
    person, started_at, counts, dues = counted(row)
    return [person, started_at, counts, dues]


def expand_stats_row(values: Any) -> Counted | None:
    """A stats row as the report reads it, or None when ``values`` does not have its shape."""
    if type(values) is not list or len(values) != 4:
        return None
    person, started_at, counts, dues = values
    if (
        type(person) is not str
        or type(started_at) is not str
        or type(counts) is not list
        or len(counts) != len(FIELDS)
        or not set(map(type, counts)) <= {int}
        or type(dues) is not list
        or not set(map(type, dues)) <= {str}
    ):
        return None
    return person, started_at, counts, dues
