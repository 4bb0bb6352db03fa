"""One attempt at a drill, from a terminal or from an ``--answers`` file.

The file (YAML or JSON, read with the strict loader) holds one of::

    listen: {facts: [...], feelings: [...], values: [...]}
    ask: [QUESTION, QUESTION, QUESTION]
    balance: {restatement: TEXT, challenge: TEXT}
    commit: STEP

It may hold several; ``--skill`` picks one (without it the file must hold exactly one). A
problem is reported as ``FILE:LINE:COL: field: message`` (exit 2), never quoting the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachcli.core.errors import UsageError
from coachcli.practice.scenario import CATEGORIES, SKILLS

MAX_ATTEMPT_BYTES = 256 * 1024
MAX_LIST = 20
MAX_TEXT = 2000


@dataclass(frozen=True)
class Attempt:
    skill: str
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    questions: tuple[str, ...] = ()
    restatement: str = ""
    challenge: str = ""
    step: str = ""

    def to_dict(self) -> dict:
        if self.skill == "listen":
            return {c: list(self.notes.get(c, ())) for c in CATEGORIES}
        if self.skill == "ask":
            return {"questions": list(self.questions)}
        if self.skill == "balance":
            return {"restatement": self.restatement, "challenge": self.challenge}
        return {"step": self.step}


class _Reader:
    def __init__(self, filename: str, positions: Any) -> None:
        self.filename = filename
        self.positions = positions

    def fail(self, loc: tuple, message: str, *, key: bool = False) -> UsageError:
        from coachcli.storage.yamlsafe import format_path

        line, col = self.positions.key(loc) if key else self.positions.value(loc)
        return UsageError(f"{self.filename}:{line}:{col}: {format_path(loc)}: {message}")

    def text(self, value: Any, loc: tuple) -> str:
        if not isinstance(value, str):
            raise self.fail(loc, "must be text, not a list or mapping")
        if len(value) > MAX_TEXT:
            raise self.fail(loc, f"at most {MAX_TEXT} characters")
        return value.strip()

    def texts(self, value: Any, loc: tuple) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise self.fail(loc, "must be a list of text")
        if len(value) > MAX_LIST:
            raise self.fail(loc, f"at most {MAX_LIST} entries")
        return tuple(t for i, v in enumerate(value) if (t := self.text(v, (*loc, i))))

    def mapping(self, value: Any, loc: tuple, fields: tuple[str, ...]) -> dict:
        if not isinstance(value, dict):
            raise self.fail(loc, "must be a mapping (" + ", ".join(fields) + ")")
        for name in value:
            if name not in fields:
                raise self.fail(
                    (*loc, name), "unknown field; expected " + ", ".join(fields), key=True
                )
        return value


def parse_attempt(raw: Any, positions: Any, filename: str, skill: str | None) -> Attempt:
    r = _Reader(filename, positions)
    data = r.mapping(raw, (), SKILLS)
    present = [s for s in SKILLS if s in data]
    if skill is None:
        if len(present) != 1:
            found = ", ".join(present) or "none"
            raise UsageError(
                f"{filename}: holds {len(present)} drills ({found}); pass --skill to pick one",
                hint="an attempt file holds listen:, ask:, balance: or commit:",
            )
        skill = present[0]
    if skill not in data:
        raise UsageError(f"{filename}: no {skill}: attempt in this file")
    value = data[skill]
    if skill == "listen":
        notes = r.mapping(value, ("listen",), CATEGORIES)
        return Attempt(
            "listen", notes={c: r.texts(notes.get(c, []), ("listen", c)) for c in CATEGORIES}
        )
    if skill == "ask":
        return Attempt("ask", questions=r.texts(value, ("ask",)))
    if skill == "balance":
        parts = r.mapping(value, ("balance",), ("restatement", "challenge"))
        return Attempt(
            "balance",
            restatement=r.text(parts.get("restatement", ""), ("balance", "restatement")),
            challenge=r.text(parts.get("challenge", ""), ("balance", "challenge")),
        )
    return Attempt("commit", step=r.text(value, ("commit",)))


def load_attempt(path: Path, skill: str | None) -> Attempt:
    from coachcli.core.errors import BankError
    from coachcli.storage.yamlsafe import load_yaml_with_positions

    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_ATTEMPT_BYTES + 1)
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, not an attempt file") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_ATTEMPT_BYTES:
        raise UsageError(f"{path}: larger than {MAX_ATTEMPT_BYTES // 1024} KiB")
    try:
        raw, positions = load_yaml_with_positions(data, str(path))
    except BankError as exc:
        raise UsageError(exc.message) from None
    return parse_attempt(raw, positions, str(path), skill)
