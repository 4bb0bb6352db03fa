"""A loaded question bank as plain records, and the words of the bank format they share.

A bank is read on every ``coach start``; building it as pydantic models would import pydantic
(most of a scripted run's start-up) only to hand the conversation a few attribute bags. So a
load returns these records (``core.record``: typed like dataclasses, equal by value, nothing
validated), built either by ``banks.plaincheck`` straight from the YAML data or, when that
check is unsure, from the models in ``banks.model`` (which stay the definition of the format,
its error messages and its JSON Schema). Either way callers see one type, with the same field
names and values as the models.

The format's names, patterns, limits and text rules live here once, standard library only, so
the models and the plain check cannot drift apart. See docs/banks.md.
"""

from __future__ import annotations

import re
from typing import Any, Literal, get_args

from coachcli.core.record import Record, field
from coachcli.core.record import from_model as record_from_model

__all__ = [
    "DEFAULT_PURPOSES",
    "FOCUSES",
    "FRAMEWORKS",
    "ID_PATTERN",
    "KINDS",
    "MAX_DESCRIPTION",
    "MAX_PHASE_TEXT",
    "MAX_QUESTIONS",
    "MAX_TAGS",
    "MAX_TEXT",
    "MAX_TITLE",
    "NAME_PATTERN",
    "PHASES",
    "SCHEMA_VERSION",
    "SKILLS",
    "WORD_PATTERN",
    "Bank",
    "Focus",
    "Framework",
    "Kind",
    "Phase",
    "Question",
    "Skill",
    "fold",
    "from_model",
    "has_controls",
]

SCHEMA_VERSION = 1
NAME_PATTERN = r"^[a-z0-9][a-z0-9-]{0,39}$"
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
WORD_PATTERN = r"^[a-z0-9][a-z0-9-]{0,29}$"
MAX_TEXT = 500  # a question's text
MAX_TITLE = 100
MAX_PHASE_TEXT = 300
MAX_DESCRIPTION = 2000
MAX_TAGS = 20
MAX_QUESTIONS = 2000

Skill = Literal["open", "listen", "ask", "support", "challenge", "commit", "close"]
Focus = Literal["facts", "feelings", "values"]
Framework = Literal[
    "grow",
    "coaching-habit",
    "clear",
    "oskar",
    "solution-focused",
    "thinking-environment",
    "motivational-interviewing",
    "mentoring",
    "general",
]
Kind = Literal["coaching", "mentoring"]
Phase = Literal["listen", "ask", "balance", "next"]

# The same names as tuples, in the order the Literals give them (the order `bank show` uses).
SKILLS: tuple[str, ...] = get_args(Skill)
FOCUSES: tuple[str, ...] = get_args(Focus)
FRAMEWORKS: tuple[str, ...] = get_args(Framework)
KINDS: tuple[str, ...] = get_args(Kind)
PHASES: tuple[str, ...] = get_args(Phase)

# What each phase is for, when a bank does not say.
DEFAULT_PURPOSES: dict[str, str] = {
    "listen": "Set your own agenda aside and capture their facts, feelings and values, separately.",
    "ask": "Open questions that begin with what or how let them do the thinking.",
    "balance": "Say back what you heard (support), then test the assumptions under it (challenge).",
    "next": "End with at least one small, owned, dated step.",
}

# Control characters (tab and newline aside) and the bidirectional overrides that can make a
# text read differently from what it holds: refused in every text of a bank.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def has_controls(text: str) -> bool:
    """Whether ``text`` holds a character a bank's text may not (tab and newline may)."""
    return _CONTROL.search(text.replace("\n", " ").replace("\t", " ")) is not None


def fold(text: str) -> str:
    """``text`` on one line: YAML ``>`` blocks and wrapped quotes leave newlines behind."""
    return " ".join(text.split())


class Question(Record):
    """One question; ``id`` is stable forever (sessions record it, rotation uses it)."""

    id: str
    text: str
    skill: Skill
    focus: Focus | None = None  # only and always with skill listen
    framework: Framework | None = None
    stage: str | None = None  # the framework's stage, e.g. grow: goal|reality|options|will
    tags: list[str] = field(default_factory=list)
    evergreen: bool = False  # always offered first, whatever the rotation


class Bank(Record):
    """A question bank as loaded: ``<name>.yaml``, built in or in the user bank folder."""

    schema_version: int
    name: str
    title: str
    kind: Kind
    description: str = ""
    phases: dict[Phase, str] = field(default_factory=dict)  # what each phase is for
    questions: list[Question] = field(default_factory=list)

    def questions_for(self, skill: str, focus: str | None = None) -> list[Question]:
        """The questions for ``skill`` (and ``focus``, for listen), in bank order."""
        return [
            q for q in self.questions if q.skill == skill and (focus is None or q.focus == focus)
        ]

    def purpose(self, phase: Phase) -> str:
        """One sentence on what ``phase`` (listen, ask, balance, next) is for."""
        return self.phases.get(phase) or DEFAULT_PURPOSES.get(phase, "")


def from_model(model: Any) -> Bank:
    """The records for a bank the pydantic model validated (``banks.model.Bank``): the same
    values, so a bank the plain check was unsure of looks no different to its callers."""
    bank: Bank = record_from_model(model, {"Bank": Bank, "Question": Question})
    return bank
