"""The commit drill: turn the vague intention the person voiced into a concrete next step.

The step goes through the next-step check (``language.steps``); it also needs a when ("by
Friday", "tomorrow", "before our next 1:1") and should be about this situation, not any
situation. Restating the intention with new words is still the intention.
"""

from __future__ import annotations

from datetime import date

from coachcli.practice import judge
from coachcli.practice.match import keys
from coachcli.practice.result import PASS_SCORE, Result, clamp, quoted
from coachcli.practice.scenario import Scenario


def model_lines(s: Scenario) -> list[str]:
    return [f"From {quoted(s.intention, 120)} to: {s.model.step}"]


def score_commit(s: Scenario, step: str, today: date) -> Result:
    text = " ".join(step.split())
    feedback: list[str] = []
    if not text:
        feedback.append("There is no step yet: one thing someone will do, and when.")
        return Result(s.id, "commit", 0, False, tuple(feedback), tuple(model_lines(s)))
    verdict = judge.step(text)
    when = judge.when(text, today)
    context = keys(" ".join((s.situation, *s.turns, s.intention)))
    own = keys(text)
    what = keys(text.replace(when, " ")) if when else own  # the when is not the what
    # about this situation: its words, or enough of its own (a who, a what) to be specific
    specific = len(what) >= 2 and (len(what & context) >= 1 or len(what) >= 3)
    same = own <= keys(s.intention)
    points = 0.0
    if verdict.ok and not same:
        points += 40
        feedback.append(f"{quoted(text)} is an action someone can take.")
    elif same:
        feedback.append(
            f"That is still {s.person}'s intention in other words; what is the first thing "
            "they would actually do?"
        )
    else:
        line = verdict.messages[0] if verdict.messages else "That is not yet a concrete action."
        if verdict.suggestion and "example" not in line.lower():
            line += f" Something like: {quoted(verdict.suggestion, 120)}"
        feedback.append(line)
    if when:
        points += 25
        feedback.append(f"It has a when ({quoted(when, 40)}), so you'll both know if it happened.")
    else:
        feedback.append("Add when it will happen — a day, or a meeting it comes before.")
    if specific:
        points += 35
    else:
        feedback.append(
            f"Make it about this situation: what, with whom or about what, in {s.person}'s case?"
        )
    score = clamp(points)
    passed = verdict.ok and not same and bool(when) and specific and score >= PASS_SCORE
    details = {"step_ok": verdict.ok, "step_kinds": list(verdict.kinds), "when": when}
    return Result(s.id, "commit", score, passed, tuple(feedback), tuple(model_lines(s)), details)
