"""The balance drill: say back what you heard, then question the assumption under it.

The restatement is checked for what it reflects (a feeling or a value, and one more thing
heard: a fact or the other), for being said to the person ("you…"), and for holding no advice
and no verdict. The challenge is checked
for being an open question (the question check) about the assumption (it shares its meaning).
"""

from __future__ import annotations

from coachcli.language.words import wordset
from coachcli.practice import judge
from coachcli.practice.listen import judgement
from coachcli.practice.match import catches, keys, strength
from coachcli.practice.result import PASS_SCORE, Result, clamp, quoted
from coachcli.practice.scenario import Heard, Scenario

SECOND_PERSON = wordset("you your you're youre you've youve you'd youd you'll yourself")
THIRD_PERSON = wordset("he she they him her them his hers their theirs")


def model_lines(s: Scenario) -> list[str]:
    return [f"Restatement: {s.model.restatement}", f"Challenge: {s.model.challenge}"]


def _reflects(s: Scenario, text: str) -> dict[str, list[str]]:
    found = keys(text)
    return {
        cat: [h.note for h in s.heard(cat) if catches(found, h)]
        for cat in ("facts", "feelings", "values")
    }


def _restatement(s: Scenario, text: str) -> tuple[float, bool, list[str]]:
    """Points out of 50, whether it does the job, and feedback."""
    if not text.strip():
        return (
            0,
            False,
            ["There is no restatement yet: say back, in a sentence or two, what you heard."],
        )
    feedback: list[str] = []
    got = _reflects(s, text)
    points = 12 * bool(got["facts"]) + 13 * bool(got["feelings"]) + 13 * bool(got["values"])
    heard = [
        f"{cat[:-1] if cat != 'values' else 'value'}: {got[cat][0]}" for cat in got if got[cat]
    ]
    # the person, not just the problem: a feeling or a value, and one more thing heard
    reflected = sum(bool(got[cat]) for cat in got)
    if heard:
        feedback.append("Your restatement reflects " + "; ".join(heard) + ".")
    if not got["feelings"] and not got["values"]:
        feeling = s.feelings[0].note
        feedback.append(
            f"It stays with the facts; naming how it feels ({feeling}) or what matters to "
            f"{s.person} is what tells them you heard the person, not just the problem."
        )
    elif reflected < 2:
        feedback.append(
            f"Anchor it in one thing {s.person} actually described ({s.facts[0].note})."
        )
    words = [w.strip(".,;:!?\"'()") for w in text.lower().replace("\u2019", "'").split()]
    second = any(w in SECOND_PERSON for w in words)
    third = any(w in THIRD_PERSON for w in words) or s.person.lower() in words
    if second:
        points += 12
    else:
        feedback.append(
            f'Say it to {s.person} — "you…" — rather than about them'
            + (" ('he', 'she', 'they')." if third else ".")
        )
    advice = judge.advice(text, s.person)
    if advice:
        points -= 15
        feedback.append(
            "It slips into advice; a restatement only gives back what you heard — the ideas "
            "can come from them later."
        )
    verdict = judgement(text)
    if verdict:
        points -= 15
        feedback.append(
            f"'{verdict}' is a verdict; say back what they said, not what you concluded."
        )
    ok = bool(got["feelings"] or got["values"]) and reflected >= 2 and second
    return points, ok and not advice and not verdict, feedback


def _about(s: Scenario, text: str) -> bool:
    a = s.assumption
    item = Heard(a.note, a.said, a.also)
    return strength(keys(text), item) >= 1


def _challenge(s: Scenario, text: str) -> tuple[float, bool, list[str]]:
    if not text.strip():
        return 0, False, [f"There is no challenge yet: one question about {s.assumption.note!r}."]
    feedback: list[str] = []
    verdict = judge.question(text, s.kind)
    about = _about(s, text)
    points = 0.0
    if verdict.ok:
        points += 25
    elif set(verdict.kinds) <= {"closed", "stacked"}:
        points += 10
    if about:
        points += 25 if verdict.ok else 10
    if verdict.ok and about:
        feedback.append(
            "Your challenge questions the assumption itself and leaves the answer to them."
        )
    elif verdict.ok:
        feedback.append(
            f"A good open question, but it doesn't reach the assumption — {s.assumption.note}. "
            "Make that belief the thing you ask about."
        )
    else:
        note = verdict.messages[0] if verdict.messages else "This is not an open question yet."
        line = f"Challenge {quoted(text)}: {note}"
        if verdict.suggestion:
            line += f" Try: {quoted(verdict.suggestion, 120)}"
        feedback.append(line)
        if not about:
            feedback.append(f"Aim it at the assumption under what they said: {s.assumption.note}.")
    return points, verdict.ok and about, feedback


def score_balance(s: Scenario, restatement: str, challenge: str) -> Result:
    r_points, r_ok, r_feedback = _restatement(s, restatement)
    c_points, c_ok, c_feedback = _challenge(s, challenge)
    score = clamp(r_points + c_points)
    return Result(
        s.id,
        "balance",
        score,
        r_ok and c_ok and score >= PASS_SCORE,
        tuple(r_feedback + c_feedback),
        tuple(model_lines(s)),
        {"restatement_ok": r_ok, "challenge_ok": c_ok},
    )
