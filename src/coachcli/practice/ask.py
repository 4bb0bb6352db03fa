"""The ask drill: three questions you would ask next, each through the question check.

An open, single, non-judgemental question scores a full third; one that is open but stacks two
questions scores half; why, yes/no, leading or judgemental questions and statements score
nothing, and each gets the check's note and its rewrite. Asking the same question twice counts
once.
"""

from __future__ import annotations

from collections.abc import Sequence

from coachcli.practice import judge
from coachcli.practice.match import keys
from coachcli.practice.result import Result, clamp, quoted
from coachcli.practice.scenario import Scenario

WANTED = 3
PASS_SCORE = 80  # all three open; or two open and one that only stacks
PRAISE = (
    "open — it hands {person} the thinking.",
    "open, and one question at a time.",
    "open — room for {person} to answer in their own way.",
)


def model_lines(s: Scenario) -> list[str]:
    return [f"{i}. {q}" for i, q in enumerate(s.model.ask, 1)]


def score_ask(s: Scenario, questions: Sequence[str]) -> Result:
    asked = [q.strip() for q in questions if q.strip()][:WANTED]
    feedback: list[str] = []
    points = 0.0
    seen: set[frozenset[str]] = set()
    verdicts = []
    spoken = keys(" ".join((s.situation, *s.turns)))
    tied = 0
    for i, text in enumerate(asked, 1):
        verdict = judge.question(text, s.kind)
        own = keys(text)
        tied += bool(own & spoken)
        verdicts.append({"question": text, "ok": verdict.ok, "kinds": list(verdict.kinds)})
        if own in seen:
            feedback.append(f"{i}. {quoted(text)} asks again what an earlier one asked; "
                            "a third question can open a new door.")  # fmt: skip
            continue
        seen.add(own)
        if verdict.ok:
            points += 1
            praise = PRAISE[(i - 1) % len(PRAISE)].format(person=s.person)
            note = f" {verdict.messages[0]}" if verdict.messages else ""  # e.g. an offer
            feedback.append(f"{i}. {quoted(text)}: {praise}{note}")
            continue
        if verdict.kinds == ("stacked",):
            points += 0.5
        note = verdict.messages[0] if verdict.messages else "This is not an open question yet."
        line = f"{i}. {quoted(text)}: {note}"
        if verdict.suggestion:
            line += f" Try: {quoted(verdict.suggestion, 120)}"
        feedback.append(line)
    if len(asked) < WANTED:
        missing = WANTED - len(asked)
        feedback.append(
            f"The drill asks for {WANTED} questions; {missing} more would let you try a few "
            "directions."
        )
    if asked and not tied:
        feedback.append(
            f"These would fit any conversation; one that picks up {s.person}'s own words shows "
            "you were listening."
        )
    score = clamp(100 * points / WANTED)
    return Result(
        s.id,
        "ask",
        score,
        score >= PASS_SCORE,
        tuple(feedback),
        tuple(model_lines(s)),
        {"questions": verdicts},
    )
