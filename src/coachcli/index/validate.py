"""A cheap check that a parsed session file is valid, as strict as the pydantic model.

``plainly_valid`` accepts only the plain form coach itself writes (exact JSON types, canonical
ISO dates and times, no unknown keys, every limit of ``core.model``). Everything it accepts the
model accepts too, so a cold index build skips pydantic for ordinary files; anything it does not
accept goes to the model, which gives the verdict and the note-free error. Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from coachcli.core.ids import ITEM_ID_PATTERN, SESSION_ID_PATTERN

MAX_TEXT = 1_000_000  # core.model.MAX_TEXT (the model module is not imported on this path)
MAX_NAME = 200
_SESSION_ID = re.compile(SESSION_ID_PATTERN)
_ITEM_ID = re.compile(ITEM_ID_PATTERN)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_STAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?", re.ASCII
)

_TOP = frozenset(
    {
        "schema_version",
        "id",
        "person",
        "bank",
        "kind",
        "started_at",
        "finished_at",
        "agenda",
        "listening",
        "questions",
        "restatement",
        "assumptions",
        "actions",
        "after_check",
        "supervisor_notes",
        "reviewed_items",
        "checkin",
        "restatement_feedback",
        "help_wanted",
        "next_meeting",
        "learning_question",
        "learning",
        "edits",
        "mentoring",
    }
)
_TOP_REQUIRED = frozenset({"id", "person", "started_at", "finished_at", "actions", "after_check"})
_KINDS = frozenset({"coaching", "mentoring"})  # core.model.ConversationKind
_AGENDA = frozenset({"want", "advice", "take_over"})
_LISTENING = frozenset({"facts", "feelings", "values"})
_QUESTION = frozenset({"text", "answer", "source", "question_id", "check_issues"})
_ASSUMPTION = frozenset({"prompt", "prompt_id", "assumption", "reframe"})
_ACTION = frozenset(
    {"id", "text", "owner", "due", "confidence", "status", "created_at", "learned", "history"}
    | {"done_on", "drop_reason", "follows", "check"}
)
_CHANGE = frozenset({"at", "status", "due", "note", "event", "done_on"})
_CHANGE_REQUIRED = frozenset({"at", "status", "event"})
_ACTION_REQUIRED = frozenset({"text", "created_at"})
_QUESTION_REQUIRED = frozenset({"text"})
_ASSUMPTION_REQUIRED = frozenset({"assumption"})
_CHECKIN = frozenset({"words", "scale"})
_EDIT = frozenset({"at", "changes"})
_AFTER = frozenset({"agenda_took_over", "note"})
_AFTER_REQUIRED = frozenset({"agenda_took_over"})
# Mentoring (core.model.Mentoring and its parts).
_MENTORING = frozenset(
    {"agenda", "serves_goal", "grow_into", "goal_reviews", "goals_set", "offers", "relationship"}
)
_MENTORING_TEXTS = ("agenda", "grow_into")
_GOAL_REVIEW = frozenset({"goal_id", "goal", "progress", "scale", "status"})
_NEW_GOAL = frozenset({"goal_id", "goal", "horizon", "horizon_date", "replaces"})
_OFFER = frozenset({"kind", "text", "asked", "taken_up", "item_id"})
_RELATIONSHIP = frozenset(
    {"agreed", "cadence", "mentee_expects", "mentor_offers", "confidentiality"}
    | {"check_words", "check_scale"}
)
_RELATIONSHIP_TEXTS = ("cadence", "mentee_expects", "mentor_offers", "confidentiality")
_GOAL_STATUS = frozenset({"open", "achieved", "changed", "dropped"})
_OFFER_KINDS = frozenset({"experience", "suggestion", "introduction", "sponsorship"})
_STATUS = frozenset({"open", "done", "partly", "dropped"})
_LATER_TEXTS = ("restatement_feedback", "help_wanted", "learning_question", "learning")
_CHECKS = frozenset({"vague", "hedge", "non-action"})
_SOURCES = frozenset({"bank", "own"})
_OWNERS = frozenset({"person", "supervisor"})
_AGENDA_ANSWERS = frozenset({"yes", "partly", "no"})
_EVENTS = frozenset({"created", "done", "partly", "dropped", "reopened", "rescheduled", "kept"})


def _text(value: Any) -> bool:
    return type(value) is str and len(value) <= MAX_TEXT


def _texts(value: Any) -> bool:
    return type(value) is list and _all_text(value)


def _all_text(values: Iterable[Any]) -> bool:
    for value in values:  # noqa: SIM110 - a loop costs less than all() of a generator
        if type(value) is not str or len(value) > MAX_TEXT:
            return False
    return True


def _all_str(values: Iterable[Any]) -> bool:
    for value in values:  # noqa: SIM110 - a loop costs less than all() of a generator
        if type(value) is not str:
            return False
    return True


def _optional_str(value: Any) -> bool:
    return value is None or type(value) is str


# Stamps and days already found valid (a session repeats its own a lot, a store its days).
_seen_stamps: set[str] = set()
_seen_days: set[str] = set()


def _stamp(value: Any) -> bool:
    if type(value) is not str:
        return False
    if value in _seen_stamps:
        return True
    if _STAMP.fullmatch(value) is None:
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    if len(_seen_stamps) > 4096:
        _seen_stamps.clear()
    _seen_stamps.add(value)
    return True


def _day(value: Any) -> bool:
    if value is None:
        return True
    if type(value) is not str:
        return False
    if value in _seen_days:
        return True
    if _DAY.fullmatch(value) is None:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    if len(_seen_days) > 4096:
        _seen_days.clear()
    _seen_days.add(value)
    return True


def _one_of(value: Any, allowed: frozenset[str]) -> bool:
    return type(value) is str and value in allowed


def _keys(value: Any, allowed: frozenset[str], required: frozenset[str] = frozenset()) -> bool:
    return type(value) is dict and value.keys() <= allowed and value.keys() >= required


def _question(q: Any) -> bool:
    return (
        _keys(q, _QUESTION, _QUESTION_REQUIRED)
        and _text(q["text"])
        and _text(q.get("answer", ""))
        and _one_of(q.get("source", "bank"), _SOURCES)
        and _optional_str(q.get("question_id"))
        and type(q.get("check_issues", [])) is list
        and all(type(issue) is str for issue in q.get("check_issues", []))
    )


def _assumption(a: Any) -> bool:
    return (
        _keys(a, _ASSUMPTION, _ASSUMPTION_REQUIRED)
        and _text(a["assumption"])
        and _text(a.get("prompt", ""))
        and _optional_str(a.get("prompt_id"))
        and _text(a.get("reframe", ""))
    )


# ``_change`` and ``_action`` run for every item and history entry of every session in a cold
# build: the same checks as ``_keys``, ``_text``, ``_one_of`` and ``_day``, written out.
def _change(c: Any) -> bool:
    if type(c) is not dict:
        return False
    keys = c.keys()
    if not (keys <= _CHANGE and keys >= _CHANGE_REQUIRED):
        return False
    status, event = c["status"], c["event"]
    due, note, done_on = c.get("due"), c.get("note", ""), c.get("done_on")
    return (
        _stamp(c["at"])
        and type(status) is str
        and status in _STATUS
        and type(event) is str
        and event in _EVENTS
        and (due is None or _day(due))
        and type(note) is str
        and len(note) <= MAX_TEXT
        and (done_on is None or _day(done_on))
    )


def _action(a: Any) -> bool:
    if type(a) is not dict:
        return False
    keys = a.keys()
    if not (keys <= _ACTION and keys >= _ACTION_REQUIRED):
        return False
    get = a.get
    item_id = get("id")  # no default: an id made up while reading would change every run
    text, owner, due = a["text"], get("owner", "person"), get("due")
    confidence, status, learned = get("confidence", 7), get("status", "open"), get("learned", "")
    done_on, check, drop_reason = get("done_on"), get("check"), get("drop_reason", "")
    follows, history = get("follows"), get("history", [])
    if not (
        type(item_id) is str
        and item_id.isascii()
        and _ITEM_ID.fullmatch(item_id) is not None
        and type(text) is str
        and len(text) <= MAX_TEXT
        and type(owner) is str
        and owner in _OWNERS
        and (due is None or _day(due))
        and type(confidence) is int
        and 1 <= confidence <= 10
        and type(status) is str
        and status in _STATUS
        and _stamp(a["created_at"])
        and type(learned) is str
        and len(learned) <= MAX_TEXT
        and (done_on is None or _day(done_on))
        and (check is None or (type(check) is str and check in _CHECKS))
        and type(drop_reason) is str
        and len(drop_reason) <= MAX_TEXT
        and (follows is None or (type(follows) is str and _ITEM_ID.fullmatch(follows) is not None))
        and type(history) is list
    ):
        return False
    return all(map(_change, history))


def _item_id(value: Any, *, optional: bool = True) -> bool:
    if value is None:
        return optional
    return type(value) is str and _ITEM_ID.fullmatch(value) is not None


def _scale(value: Any) -> bool:
    return value is None or (type(value) is int and 1 <= value <= 10)


def _goal_review(g: Any) -> bool:
    return (
        _keys(g, _GOAL_REVIEW, frozenset({"goal_id", "goal"}))
        and _item_id(g["goal_id"], optional=False)
        and _text(g["goal"])
        and _text(g.get("progress", ""))
        and _scale(g.get("scale"))
        and _one_of(g.get("status", "open"), _GOAL_STATUS)
    )


def _new_goal(g: Any) -> bool:
    return (
        _keys(g, _NEW_GOAL, frozenset({"goal_id", "goal"}))
        and _item_id(g["goal_id"], optional=False)
        and _text(g["goal"])
        and _text(g.get("horizon", ""))
        and _day(g.get("horizon_date"))
        and _item_id(g.get("replaces"))
    )


def _offer(o: Any) -> bool:
    return (
        _keys(o, _OFFER, frozenset({"kind", "text"}))
        and _one_of(o["kind"], _OFFER_KINDS)
        and _text(o["text"])
        and _text(o.get("asked", ""))
        and type(o.get("taken_up", False)) is bool
        and _item_id(o.get("item_id"))
    )


def _relationship(r: Any) -> bool:
    if r is None:
        return True
    return (
        _keys(r, _RELATIONSHIP)
        and type(r.get("agreed", False)) is bool
        and all(_text(r.get(k, "")) for k in (*_RELATIONSHIP_TEXTS, "check_words"))
        and _scale(r.get("check_scale"))
    )


def _mentoring(m: Any) -> bool:
    """A mentoring conversation's own part (None for coaching)."""
    if m is None:
        return True
    parts = (
        {k: m.get(k, []) for k in ("goal_reviews", "goals_set", "offers")}
        if type(m) is dict
        else {}
    )
    return (
        _keys(m, _MENTORING)
        and all(_text(m.get(k, "")) for k in _MENTORING_TEXTS)
        and _item_id(m.get("serves_goal"))
        and all(type(v) is list for v in parts.values())
        and all(_goal_review(g) for g in parts["goal_reviews"])
        and all(_new_goal(g) for g in parts["goals_set"])
        and all(_offer(o) for o in parts["offers"])
        and _relationship(m.get("relationship"))
    )


def _checkin(c: Any) -> bool:
    if c is None:
        return True
    scale = c.get("scale") if type(c) is dict else None
    return (
        _keys(c, _CHECKIN)
        and _text(c.get("words", ""))
        and (scale is None or (type(scale) is int and 1 <= scale <= 10))
    )


def _edit(e: Any) -> bool:
    changes = e.get("changes") if type(e) is dict else None
    return (
        _keys(e, _EDIT, _EDIT)
        and _stamp(e["at"])
        and type(changes) is list
        and len(changes) >= 1
        and all(type(c) is str and len(c) <= 200 for c in changes)
    )


def plainly_valid(data: Any) -> bool:
    """True when ``data`` (a parsed session file) is a valid schema_version 1 session in the
    plain form coach writes. False means "ask the model", not "damaged"."""
    if not _keys(data, _TOP, _TOP_REQUIRED):
        return False
    version = data.get("schema_version", 1)
    sid = data["id"]
    person = data["person"]
    agenda = data.get("agenda", {})
    listening = data.get("listening", {})
    questions = data.get("questions", [])
    assumptions = data.get("assumptions", [])
    actions = data["actions"]
    after = data["after_check"]
    reviewed = data.get("reviewed_items", [])
    edits = data.get("edits", [])
    return (
        type(version) is int
        and version == 1
        and type(sid) is str
        and sid.isascii()
        and _SESSION_ID.fullmatch(sid) is not None
        and type(person) is str
        and 1 <= len(person) <= MAX_NAME
        and type(data.get("bank", "coaching")) is str
        and _one_of(data.get("kind", "coaching"), _KINDS)
        and _stamp(data["started_at"])
        and _stamp(data["finished_at"])
        and _keys(agenda, _AGENDA)
        and _all_text(agenda.values())
        and _keys(listening, _LISTENING)
        and all(map(_texts, listening.values()))
        and type(questions) is list
        and all(map(_question, questions))
        and _text(data.get("restatement", ""))
        and type(assumptions) is list
        and all(map(_assumption, assumptions))
        and type(actions) is list
        and len(actions) >= 1
        and all(map(_action, actions))
        and _keys(after, _AFTER, _AFTER_REQUIRED)
        and _one_of(after["agenda_took_over"], _AGENDA_ANSWERS)
        and _text(after.get("note", ""))
        and _text(data.get("supervisor_notes", ""))
        and type(reviewed) is list
        and _all_str(reviewed)
        and _checkin(data.get("checkin"))
        and _all_text([data.get(k, "") for k in _LATER_TEXTS])
        and _day(data.get("next_meeting"))
        and type(edits) is list
        and all(map(_edit, edits))
        and _mentoring(data.get("mentoring"))
    )
