"""The listen drill: note the facts, feelings and values you heard; see what you caught and missed.

Each marked item counts as caught when one of your notes holds its meaning (``practice.match``);
noted under another heading it counts half, and the feedback says where it belongs. Notes that
are conclusions about the person ("lazy", "making excuses") or advice are named gently: listening
notes keep to what they said.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from coachcli.language.words import wordset
from coachcli.practice import judge
from coachcli.practice.match import catches, keys, strength
from coachcli.practice.result import Result, clamp, quoted
from coachcli.practice.scenario import CATEGORIES, Heard, Scenario

MAX_NOTES = 12
# Something of each kind caught and about half of all: a fair first listen.
PASS_SCORE = 50
MAX_NOTE_CHARS = 300
LABEL = {"facts": "fact", "feelings": "feeling", "values": "value"}
# Words that judge the person rather than report what they said.
JUDGEMENTS = wordset(
    """lazy incompetent useless dramatic overreacting overreact excuse excuses whining whiny
    moaning moany attitude careless sloppy unprofessional entitled arrogant drama childish
    immature hysterical oversensitive stubborn lying liar manipulative disorganised disorganized
    unreliable clueless hopeless pathetic spoilt spoiled ungrateful"""
)
ADVICE_WORDS = ("should", "needs to", "need to", "has to", "ought to", "must ")


def judgement(note: str) -> str | None:
    lowered = f" {note.lower()} "
    for word in JUDGEMENTS:
        if f" {word} " in lowered or f" {word}." in lowered or f" {word}," in lowered:
            return word
    return None


def model_lines(s: Scenario) -> list[str]:
    lines = [
        f"{cat.capitalize()}: " + "; ".join(h.note for h in s.heard(cat)) for cat in CATEGORIES
    ]
    lines.append(f"Said back, it could sound like: {s.model.restatement}")
    return lines


def _best(notes: list[tuple[str, frozenset[str]]], item: Heard) -> str | None:
    """The note that holds the most of ``item``, if any catches it."""
    found = [(strength(k, item), -i, n) for i, (n, k) in enumerate(notes) if catches(k, item)]
    return max(found)[2] if found else None


def score_listen(s: Scenario, notes: Mapping[str, Sequence[str]]) -> Result:
    given = {
        cat: [n.strip()[:MAX_NOTE_CHARS] for n in notes.get(cat, ()) if n.strip()][:MAX_NOTES]
        for cat in CATEGORIES
    }
    note_keys = {cat: [(n, keys(n)) for n in given[cat]] for cat in CATEGORIES}
    used: set[str] = set()
    credit = {}
    caught: list[str] = []
    misplaced: list[str] = []
    missed: list[str] = []
    details: dict = {}
    for cat in CATEGORIES:
        items = s.heard(cat)
        total = 0.0
        details[cat] = {"caught": [], "missed": []}
        for item in items:
            same = _best(note_keys[cat], item)
            other = None
            if same is None:
                other = next(
                    (
                        (n, c)
                        for c in CATEGORIES
                        if c != cat
                        for n, k in note_keys[c]
                        if catches(k, item)
                    ),
                    None,
                )
            if same is not None:
                total += 1
                used.add(same)
                caught.append(f"{LABEL[cat]}: {item.note}")
                details[cat]["caught"].append(item.note)
            elif other is not None:
                total += 0.5
                used.add(other[0])
                misplaced.append(
                    f"You heard {quoted(other[0])}; it reads as a {LABEL[cat]} rather than a "
                    f"{LABEL[other[1]]}: {item.note}."
                )
                details[cat]["caught"].append(item.note)
            else:
                missed.append(
                    f"A {LABEL[cat]} to listen for: {item.note} — in {quoted(item.said)}."
                )
                details[cat]["missed"].append(item.note)
        credit[cat] = total / len(items) if items else 1.0
    for cat in CATEGORIES:
        for other_cat in CATEGORIES:
            used.update(n for n, k in note_keys[cat] for h in s.heard(other_cat) if catches(k, h))
    feedback: list[str] = []
    counts = ", ".join(f"{len(details[c]['caught'])} of {len(s.heard(c))} {c}" for c in CATEGORIES)
    if caught or misplaced:
        feedback.append(f"You caught {counts}.")
    if caught:
        caught.sort(key=lambda line: line.startswith("fact"))  # feelings and values first
        feedback.append("Well heard — " + "; ".join(caught[:3]) + ".")
    feedback += misplaced
    penalty = 0
    unheard: list[str] = []
    for cat in CATEGORIES:
        for note in given[cat]:
            word = judgement(note)
            lowered = f" {note.lower()} "
            if word:
                penalty += 10
                feedback.append(
                    f"{quoted(note)} is a conclusion about {s.person} ('{word}') rather than "
                    "something they said; notes that keep to their words are easier to say back."
                )
            elif note not in used and any(f" {a}" in lowered for a in ADVICE_WORDS):
                penalty += 10
                feedback.append(
                    f"{quoted(note)} sounds like advice; park it for now — this part is "
                    "only about hearing them."
                )
            elif note not in used:
                unheard.append(note)
    if unheard:
        shown = ", ".join(quoted(n, 40) for n in unheard[:3])
        feedback.append(
            f"I couldn't find {shown} in what {s.person} said; if you heard it between the "
            "lines, it is worth checking with them rather than noting it as heard."
        )
    if not any(given.values()):
        feedback.append("No notes yet: write what you heard under facts, feelings and values.")
    feedback += missed
    score = clamp(100 * sum(credit.values()) / len(CATEGORIES) - min(penalty, 30))
    heart = details["feelings"]["caught"] and details["values"]["caught"]
    passed = score >= PASS_SCORE and bool(heart) and bool(details["facts"]["caught"])
    if not heart and any(given.values()):
        feedback.append(
            "The facts are the easy part; what they feel and what matters to them is what "
            "makes them feel heard."
        )
    if passed:
        heard = {c: [n for n in given[c] if n in used and not judgement(n)] for c in CATEGORIES}
        spoken = judge.said_back(heard["facts"], heard["feelings"], heard["values"], s.person)
        if spoken:
            feedback.append(f"From your notes, you could say back: {spoken}")
    return Result(s.id, "listen", score, passed, tuple(feedback), tuple(model_lines(s)), details)
