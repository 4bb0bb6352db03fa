"""A scored attempt: what the drills return and what ``--json`` prints."""

from __future__ import annotations

from dataclasses import dataclass, field

PASS_SCORE = 70


@dataclass(frozen=True)
class Result:
    scenario: str
    skill: str
    score: int  # 0–100
    passed: bool
    feedback: tuple[str, ...]  # specific, kind, one line each: what worked first
    model_answer: tuple[str, ...]  # lines of a sound answer, shown after the attempt
    details: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "scenario": self.scenario,
            "skill": self.skill,
            "score": self.score,
            "passed": self.passed,
            "feedback": list(self.feedback),
            "model_answer": list(self.model_answer),
        }


def quoted(text: str, limit: int = 60) -> str:
    """User text for a feedback line: one line, cut, in quotes."""
    from coachcli.core.sanitize import one_line

    return f"'{one_line(text, limit)}'"


def clamp(value: float) -> int:
    return max(0, min(100, round(value)))
