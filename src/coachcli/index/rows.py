"""What the index keeps for one session file: typed rows built from a valid session's JSON.

``session_row`` turns a validated session (plain JSON dict) into an ``IndexRow``: the fields
listings show and the counts the report adds up. ``open_row`` keeps only what ``coach followup``
shows. ``FileState`` is one session file as the index knows it: its identity on disk (inode,
size, mtime, ctime), whether it could be read, and its row. Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypedDict

ACTION_KEYS = frozenset(
    ["id", "text", "owner", "due", "status", "confidence", "created_at", "closed_at", "learned"]
) | {"done_on"}
_CLOSED = frozenset({"done", "partly", "dropped"})


class ActionRow(TypedDict):
    id: str
    text: str
    owner: str  # person | supervisor
    due: str | None  # YYYY-MM-DD
    status: str  # open | done | partly | dropped
    confidence: int
    created_at: str | None
    closed_at: str | None
    learned: str
    done_on: str | None  # done/partly: the day the work happened (for on-time figures)


class OpenRow(TypedDict):
    """A session's open items: what ``coach followup`` lists."""

    id: str
    person: str
    started_at: str
    actions: list[ActionRow]


class IndexRow(OpenRow):
    """A whole session as listings and the report read it (no note text but the items')."""

    bank: str
    kind: str  # coaching | mentoring
    finished_at: str
    facts: int
    feelings: int
    values: int
    questions: int
    what_how_questions: int
    restatement: bool
    assumptions: int
    after_check: str
    next_meeting: str | None  # YYYY-MM-DD agreed for the next conversation
    checkin_scale: int | None  # the 1–10 check-in, when given


ROW_KEYS = frozenset(IndexRow.__annotations__) | frozenset(OpenRow.__annotations__)

READABLE, DAMAGED, NEWER = 0, 1, 2  # FileState.state


@dataclass(slots=True)
class FileState:
    """One session file: identity on disk, readable or not (with a note-free detail), its row."""

    name: str
    ino: int
    size: int
    mtime_ns: int
    ctime_ns: int
    state: int = READABLE
    detail: str = ""
    row: IndexRow | None = None

    @property
    def identity(self) -> tuple[int, int, int, int]:
        return (self.ino, self.size, self.mtime_ns, self.ctime_ns)


def _count(entries: Any) -> int:
    return sum(1 for entry in entries or () if isinstance(entry, str) and entry.strip())


_WHAT_HOW = re.compile(r"\W*(what|how)\b", re.IGNORECASE)


def _what_how(text: str) -> bool:
    """Does the question begin with What or How (any case)?"""
    return _WHAT_HOW.match(text) is not None


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


def session_row(session: dict) -> IndexRow:
    """The index row for a parsed (already validated) session JSON dict."""
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


def open_row(row: OpenRow) -> OpenRow | None:
    """The row's open actions only, or None when it has none."""
    actions = [action for action in row["actions"] if action["status"] == "open"]
    if not actions:
        return None
    return {
        "id": row["id"],
        "person": row["person"],
        "started_at": row["started_at"],
        "actions": actions,
    }
