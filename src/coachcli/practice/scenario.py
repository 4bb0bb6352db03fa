"""What a practice scenario holds: a situation, the person's words, and what a coach hears in them.

Plain frozen dataclasses (no pydantic), so a drill at a terminal can start without it.
"""

from __future__ import annotations

from dataclasses import dataclass

SKILLS = ("listen", "ask", "balance", "commit")
KINDS = ("coaching", "mentoring")
CATEGORIES = ("facts", "feelings", "values")
SKILL_TITLES = {
    "listen": "Listen to understand",
    "ask": "Ask powerful questions",
    "balance": "Balance challenge and support",
    "commit": "End with a clear next step",
}


@dataclass(frozen=True)
class Heard:
    """One thing a listener could hear: a short note, the words that carry it, other words
    that mean the same here (used to recognise a paraphrase)."""

    note: str
    said: str
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assumption:
    note: str
    said: str = ""
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Model:
    """A sound answer for each drill."""

    ask: tuple[str, ...]
    restatement: str
    challenge: str
    step: str


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    kind: str
    person: str
    situation: str
    turns: tuple[str, ...]
    facts: tuple[Heard, ...]
    feelings: tuple[Heard, ...]
    values: tuple[Heard, ...]
    assumption: Assumption
    intention: str
    model: Model
    source: str = "built-in"

    @property
    def skills(self) -> tuple[str, ...]:
        return SKILLS

    def heard(self, category: str) -> tuple[Heard, ...]:
        return {"facts": self.facts, "feelings": self.feelings, "values": self.values}[category]

    def summary(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "skills": list(self.skills),
            "source": self.source,
        }
