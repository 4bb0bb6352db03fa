"""Validate a scenario file's data (already read by the strict YAML loader) into a ``Scenario``.

Plain Python rather than pydantic, so a drill starts fast. Every problem is collected with the
position of its node: ``(line, col), field.path, message``; no message quotes the file's text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from coachcli.practice.scenario import (
    CATEGORIES,
    KINDS,
    Assumption,
    Heard,
    Model,
    Scenario,
)

if TYPE_CHECKING:
    from coachcli.storage.yamlsafe import Positions

ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$"
_ID = re.compile(ID_PATTERN)
MAX_TURNS = 8
MAX_ITEMS = 8
MAX_ALSO = 16
LIMITS = {
    "title": 100,
    "person": 40,
    "situation": 1200,
    "turn": 1000,
    "note": 160,
    "said": 400,
    "also": 40,
    "intention": 300,
    "question": 300,
    "restatement": 800,
    "challenge": 400,
    "step": 300,
}
TOP = ("id", "title", "kind", "person", "situation", "turns", "heard", "assumption", "intention",
       "model")  # fmt: skip
_TEXTS = ("title", "person", "situation", "intention")
Problem = tuple[tuple[int, int], str, str]


def _flat(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


class _Checker:
    def __init__(self, positions: Positions) -> None:
        self.positions = positions
        self.problems: list[Problem] = []

    def fail(self, loc: tuple, message: str, *, key: bool = False) -> None:
        from coachcli.storage.yamlsafe import format_path

        pos = self.positions.key(loc) if key else self.positions.value(loc)
        self.problems.append((pos, format_path(loc), message))

    def mapping(self, value: Any, loc: tuple, fields: tuple[str, ...], optional=()) -> dict:
        if not isinstance(value, dict):
            self.fail(loc, "must be a mapping (key: value lines)")
            return {}
        for name in value:
            if name not in fields and name not in optional:
                self.fail((*loc, name), "unknown field", key=True)
        for name in fields:
            if name not in value:
                self.fail((*loc, name), "required field is missing")
        return value

    def text(self, value: Any, loc: tuple, limit: int, *, required: bool = True) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(loc, "must be text, not a list or mapping")
            return ""
        text = value.strip()
        if required and not text:
            self.fail(loc, "must not be empty")
        elif len(text) > limit:
            self.fail(loc, f"at most {limit} characters")
            return text[:limit]
        return text

    def items(self, value: Any, loc: tuple, low: int, high: int) -> list:
        if not isinstance(value, list):
            self.fail(loc, "must be a list")
            return []
        if not low <= len(value) <= high:
            self.fail(loc, f"needs {low} to {high} entries" if low != high else f"needs {low}")
        return value[:high]

    def texts(self, value: Any, loc: tuple, low: int, high: int, limit: int) -> tuple[str, ...]:
        raw = self.items(value, loc, low, high)
        return tuple(t for i, v in enumerate(raw) if (t := self.text(v, (*loc, i), limit)))


def _heard(c: _Checker, raw: Any, loc: tuple, turns: str) -> Heard:
    data = c.mapping(raw, loc, ("note", "said"), ("also",))
    note = c.text(data.get("note"), (*loc, "note"), LIMITS["note"])
    said = c.text(data.get("said"), (*loc, "said"), LIMITS["said"])
    also = c.texts(data.get("also", []), (*loc, "also"), 0, MAX_ALSO, LIMITS["also"])
    if said and _flat(said) not in turns:
        c.fail((*loc, "said"), "must be words the person says in one of the turns")
    return Heard(note, said, also)


def validate(raw: Any, positions: Positions, stem: str | None) -> tuple[Scenario | None, list]:
    """The scenario, or None and every problem found (sorted by position)."""
    c = _Checker(positions)
    data = c.mapping(raw, (), TOP)
    sid = c.text(data.get("id"), ("id",), 40)
    if sid and not _ID.match(sid):
        c.fail(("id",), "must be a-z, 0-9 and -, up to 40 characters")
    elif sid and stem is not None and sid != stem:
        c.fail(("id",), "must match the file name (without .yaml)")
    kind = c.text(data.get("kind"), ("kind",), 20)
    if kind and kind not in KINDS:
        c.fail(("kind",), "must be one of: " + ", ".join(KINDS))
    turns = c.texts(data.get("turns"), ("turns",), 1, MAX_TURNS, LIMITS["turn"])
    spoken = " | ".join(_flat(t) for t in turns)
    heard_raw = c.mapping(data["heard"], ("heard",), CATEGORIES) if "heard" in data else {}
    heard: dict[str, tuple[Heard, ...]] = {}
    for cat in CATEGORIES:
        loc = ("heard", cat)
        entries = c.items(heard_raw.get(cat, []), loc, 1, MAX_ITEMS) if cat in heard_raw else []
        heard[cat] = tuple(_heard(c, e, (*loc, i), spoken) for i, e in enumerate(entries))
    assumption = Assumption("", "", ())
    if "assumption" in data:
        a_raw = c.mapping(data["assumption"], ("assumption",), ("note",), ("said", "also"))
        assumption = Assumption(
            c.text(a_raw.get("note"), ("assumption", "note"), LIMITS["note"]),
            c.text(a_raw.get("said"), ("assumption", "said"), LIMITS["said"], required=False),
            c.texts(a_raw.get("also", []), ("assumption", "also"), 0, MAX_ALSO, LIMITS["also"]),
        )
        if assumption.said and _flat(assumption.said) not in spoken:
            c.fail(("assumption", "said"), "must be words the person says in one of the turns")
    model = Model((), "", "", "")
    if "model" in data:
        m_raw = c.mapping(data["model"], ("model",), ("ask", "restatement", "challenge", "step"))
        model = Model(
            c.texts(m_raw.get("ask", []), ("model", "ask"), 3, 3, LIMITS["question"]),
            c.text(m_raw.get("restatement"), ("model", "restatement"), LIMITS["restatement"]),
            c.text(m_raw.get("challenge"), ("model", "challenge"), LIMITS["challenge"]),
            c.text(m_raw.get("step"), ("model", "step"), LIMITS["step"]),
        )
    fields = {name: c.text(data.get(name), (name,), LIMITS[name]) for name in _TEXTS}
    if c.problems:
        return None, sorted(c.problems, key=lambda p: p[0])
    scenario = Scenario(
        id=sid,
        kind=kind,
        turns=turns,
        facts=heard["facts"],
        feelings=heard["feelings"],
        values=heard["values"],
        assumption=assumption,
        model=model,
        **fields,
    )
    return scenario, []
