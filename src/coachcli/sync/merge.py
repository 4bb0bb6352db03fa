"""A three-way merge of session files that knows what their fields are.

Two machines that changed the same session merge without a conflict when they changed different
things: one marked an item done, the other moved its due date; both added notes; both added next
steps. Lists of items merge by id, status histories are unioned and kept in time order, notes that
both sides only added to keep both additions, other lists keep what either side added and drop
what either side removed.

With no common ancestor (``base`` is ``MISSING``: a conflict copy beside its file, an import),
an action item's status history still tells one for its status fields: what only one side's
later events changed is that side's change, so an item marked done on one side and
rescheduled on the other keeps both changes. Elsewhere a field empty on one side takes the
other side's value, and of two notes where one already holds the other the longer is kept;
otherwise both additions after their common lines are kept.

A true conflict is one field changed two different ways. It is resolved by one documented rule and
reported by session and field, never with the text itself:

- inside an action item, the side whose status history is newer wins (it saw the later change);
- anywhere else, this machine's version (``ours``) is kept.

The other side's value is kept in the ``Conflict`` so ``coach sync resolve`` can switch to it.
Pure: dicts in, dicts out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

MISSING: Any = object()
# Notes are written to, not rewritten: when both sides only added to one, both additions stay.
NOTE_FIELDS = frozenset({"supervisor_notes", "note", "notes"})
# An item's fields its status history records: the history says which value is later.
HISTORY_FIELDS = frozenset({"status", "due", "learned", "done_on", "drop_reason"})


@dataclass
class Conflict:
    path: str  # e.g. "actions[k3m9p2qa].due" or "supervisor_notes"
    kept: str  # "ours" or "theirs"
    ours: Any
    theirs: Any


@dataclass
class Merged:
    data: Any
    conflicts: list[Conflict] = field(default_factory=list)


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def _holds(big: str, small: str) -> bool:
    """Every line of ``small`` is in ``big``, in the same order (``small`` added nothing)."""
    if small in big:
        return True
    lines = iter(big.splitlines())
    return all(any(line == other for other in lines) for line in small.splitlines())


def _common_lines(a: str, b: str) -> str:
    """The whole lines ``a`` and ``b`` begin with: the best guess at a note's ancestor when
    there is none (a conflict copy, an import), so what each side added is kept once."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return a[: a.rfind("\n", 0, n) + 1]


def _history_keys(item: Any) -> set[str] | None:
    history = item.get("history") if isinstance(item, dict) else None
    return {_key(h) for h in history} if isinstance(history, list) else None


def _behind(ours: Any, theirs: Any, newer: str) -> bool:
    """The side that is not ``newer`` holds a strict part of the newer side's history."""
    mine, other = _history_keys(ours), _history_keys(theirs)
    if mine is None or other is None:
        return False
    return other < mine if newer == "ours" else mine < other


# Events that set or clear an item's closing fields (learned, done_on, drop_reason).
CLOSING_EVENTS = frozenset({"done", "partly", "dropped", "reopened"})


def _touched(events: list, status: Any, due: Any) -> set[str]:
    """The item fields ``events`` (one side's, after the shared ones) changed, from the state
    the shared history left: ``status`` and ``due``."""
    fields: set[str] = set()
    for event in events:
        if event.get("status") != status:
            fields.add("status")
            status = event.get("status")
        if event.get("due") is not None and event.get("due") != due:
            fields.add("due")
        if event.get("event") in CLOSING_EVENTS:
            fields |= {"learned", "done_on", "drop_reason"}
    return fields


def _implied_base(ours: dict, theirs: dict) -> Any:
    """The ancestor a conflict copy or an import lacks, for an item's status fields, read from
    its history: a field only one side's later events changed takes the other side's value as
    its ancestor, so that change wins without a conflict; a field both changed has none."""
    mine, other = ours.get("history"), theirs.get("history")
    if not isinstance(mine, list) or not isinstance(other, list):
        return MISSING
    shared_keys = {_key(h) for h in other} & {_key(h) for h in mine}
    shared = sorted(
        (h for h in mine if isinstance(h, dict) and _key(h) in shared_keys),
        key=lambda h: (str(h.get("at", "")), _key(h)),
    )
    if not shared:
        return MISSING
    status = shared[-1].get("status")
    due = next((h["due"] for h in reversed(shared) if h.get("due") is not None), None)
    changed = []
    for side in (mine, other):
        later = [h for h in side if isinstance(h, dict) and _key(h) not in shared_keys]
        later.sort(key=lambda h: str(h.get("at", "")))
        changed.append(_touched(later, status, due))
    base = {}
    for name in HISTORY_FIELDS:
        by_ours, by_theirs = name in changed[0], name in changed[1]
        if by_ours != by_theirs:
            untouched = theirs if by_ours else ours
            if name in untouched:
                base[name] = untouched[name]
    return base


def _newest(item: Any) -> str:
    history = item.get("history") if isinstance(item, dict) else None
    if not isinstance(history, list):
        return ""
    return max((str(h.get("at", "")) for h in history if isinstance(h, dict)), default="")


class _Merger:
    def __init__(self) -> None:
        self.conflicts: list[Conflict] = []
        self.prefer: list[str] = []  # a stack of "ours"/"theirs" for the rule inside items
        # With no ancestor: the losing side's history is a part of the winner's (it is behind,
        # not changed another way), so its status fields are not a conflict.
        self.behind: list[bool] = []

    def value(self, base: Any, ours: Any, theirs: Any, path: str) -> Any:
        if ours is MISSING or theirs is MISSING:
            if ours is theirs:
                return MISSING  # gone on both sides
        elif _key(ours) == _key(theirs):
            return ours
        if base is not MISSING and ours is not MISSING and _key(base) == _key(ours):
            return theirs
        if base is not MISSING and theirs is not MISSING and _key(base) == _key(theirs):
            return ours
        if base is MISSING and (ours is MISSING or theirs is MISSING):
            return theirs if ours is MISSING else ours  # added on one side only
        if base is MISSING and (_empty(ours) or _empty(theirs)):
            return ours if _empty(theirs) else theirs  # no ancestor: filled in on one side
        if isinstance(ours, dict) and isinstance(theirs, dict):
            return self.mapping(base if isinstance(base, dict) else {}, ours, theirs, path)
        if isinstance(ours, list) and isinstance(theirs, list):
            return self.sequence(base if isinstance(base, list) else [], ours, theirs, path)
        notes = path.rsplit(".", 1)[-1] in NOTE_FIELDS
        if notes and isinstance(ours, str) and isinstance(theirs, str):
            if base is MISSING:
                if _holds(ours, theirs) or _holds(theirs, ours):  # one holds the other
                    return ours if _holds(ours, theirs) else theirs
                base = _common_lines(ours, theirs)
            added = self.text(base if isinstance(base, str) else "", ours, theirs)
            if added is not None:
                return added
        return self.conflict(path, ours, theirs)

    def conflict(self, path: str, ours: Any, theirs: Any) -> Any:
        kept = self.prefer[-1] if self.prefer else "ours"
        behind = self.behind[-1] if self.behind else False
        if not (behind and path.rsplit(".", 1)[-1] in HISTORY_FIELDS):
            self.conflicts.append(Conflict(path, kept, ours, theirs))
        chosen = ours if kept == "ours" else theirs
        if chosen is MISSING:  # deleted on the side that wins
            return MISSING
        return chosen

    def mapping(self, base: dict, ours: dict, theirs: dict, path: str) -> dict:
        out: dict = {}
        for key in [*ours, *(k for k in theirs if k not in ours)]:
            sub = f"{path}.{key}" if path else str(key)
            value = self.value(
                base.get(key, MISSING), ours.get(key, MISSING), theirs.get(key, MISSING), sub
            )
            if value is not MISSING:
                out[key] = value
        return out

    @staticmethod
    def text(base: str, ours: str, theirs: str) -> str | None:
        """Both sides only added to the text: keep both additions (ours first)."""
        if ours.startswith(base) and theirs.startswith(base):
            mine, other = ours[len(base) :], theirs[len(base) :]
            joiner = "" if not mine or mine.endswith("\n") or other.startswith("\n") else "\n"
            return ours + joiner + other
        return None

    def sequence(self, base: list, ours: list, theirs: list, path: str) -> list:
        if all(isinstance(x, dict) and isinstance(x.get("id"), str) for x in [*ours, *theirs]):
            return self.by_id(base, ours, theirs, path)
        if path.endswith("history"):
            union = {_key(h): h for h in [*ours, *theirs]}
            return sorted(
                union.values(),
                key=lambda h: (str(h.get("at", "")) if isinstance(h, dict) else "", _key(h)),
            )
        if len(base) == len(ours) == len(theirs):
            return [
                self.value(b, o, t, f"{path}[{i}]")
                for i, (b, o, t) in enumerate(zip(base, ours, theirs, strict=True))
            ]
        removed_by_ours = {_key(x) for x in base} - {_key(x) for x in ours}
        removed_by_theirs = {_key(x) for x in base} - {_key(x) for x in theirs}
        out, seen = [], set()
        for x in [*ours, *theirs]:
            k = _key(x)
            if k in seen or k in removed_by_ours or k in removed_by_theirs:
                continue
            seen.add(k)
            out.append(x)
        return out

    def by_id(self, base: list, ours: list, theirs: list, path: str) -> list:
        base_by = {x["id"]: x for x in base if isinstance(x, dict) and isinstance(x.get("id"), str)}
        theirs_by = {x["id"]: x for x in theirs}
        ours_by = {x["id"]: x for x in ours}
        out = []
        for ident in [*ours_by, *(i for i in theirs_by if i not in ours_by)]:
            o, t, b = (
                ours_by.get(ident, MISSING),
                theirs_by.get(ident, MISSING),
                base_by.get(ident, MISSING),
            )
            newer = (
                "theirs"
                if t is not MISSING and o is not MISSING and _newest(t) > _newest(o)
                else "ours"
            )
            self.prefer.append(newer)
            self.behind.append(b is MISSING and _behind(o, t, newer))
            if b is MISSING and isinstance(o, dict) and isinstance(t, dict):
                b = _implied_base(o, t)
            try:
                value = self.value(b, o, t, f"{path}[{ident}]")
            finally:
                self.prefer.pop()
                self.behind.pop()
            if value is not MISSING:
                out.append(value)
        return out


def merge(base: Any, ours: Any, theirs: Any) -> Merged:
    """Merge ``ours`` and ``theirs`` against their common ``base`` (``MISSING`` when there is
    none, as when two machines created the same file, or an import)."""
    merger = _Merger()
    data = merger.value(base, ours, theirs, "")
    return Merged(data, merger.conflicts)
