"""The one place practice calls the language package: its verdicts, reshaped for the drills.

Practice never repeats the language rules; it asks ``language`` and scores what comes back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from coachcli.language import question_rules
from coachcli.language.question import check_question
from coachcli.language.restate import compose_restatement
from coachcli.language.steps import check_step
from coachcli.language.words import words_of, wordset


@dataclass(frozen=True)
class Verdict:
    ok: bool
    kinds: tuple[str, ...]
    messages: tuple[str, ...]
    suggestion: str | None


def question(text: str, context: str = "coaching") -> Verdict:
    """The question check's verdict in the conversation's ``context`` (coaching or mentoring:
    in mentoring an offer to share or introduce carries no note). An ok question may still
    carry a note (an offer), in ``messages``."""
    result = check_question(text, context)
    return Verdict(
        result.ok,
        tuple(i.kind for i in result.issues),
        tuple(i.message for i in result.issues),
        result.suggestion,
    )


def step(text: str) -> Verdict:
    """The next-step check: a concrete action, or what keeps it from being one (vague, hedge,
    non-action), with its coaching message and a suggestion."""
    found = check_step(text)
    if found.ok:
        return Verdict(True, (), (), None)
    return Verdict(False, (str(found.kind),), (found.message or "",), found.suggestion)


def said_back(
    facts: Sequence[str], feelings: Sequence[str], values: Sequence[str], person: str
) -> str:
    """Notes turned into a restatement said to the person (the conversation's own composer)."""
    return compose_restatement(facts, feelings, values, person=person)


def _clauses(text: str) -> list[list[str]]:
    """The text's sentences and clauses, as word lists, each looked at from its own start."""
    out: list[list[str]] = []
    for sentence in text.replace("?", ".").replace("!", ".").replace(";", ".").split("."):
        for part in (
            sentence.replace(" but ", ",").replace(" so ", ",").replace(" and ", ",").split(",")
        ):
            words = words_of(part)
            while words[:1] and words[0] in ("and", "then", "also", "maybe", "perhaps"):
                words = words[1:]
            if words:
                out.append(words)
    return out


_REFLECTIVE = ("it sounds like ", "sounds like ", "what i'm hearing is ", "i hear ", "i'm hearing ")


_THIRD = frozenset({"he", "she", "they"})
_MODALS = frozenset({"should", "must", "ought", "needs", "need"})
_PLAIN = {"needs": "need", "has": "have", "wants": "want", "tries": "try"}


def advice(text: str, person: str = "") -> bool:
    """True when any clause of ``text`` is advice ("you should…", "have you tried…"), also
    advice about them ("she should…", "Sam needs to…") read as if said to them."""
    name = person.lower()
    for words in _clauses(text):
        key = " ".join(words) + " "
        for lead in _REFLECTIVE:
            if key.startswith(lead):
                words = words[len(lead.split()) :]
        if words and (words[0] in _THIRD or (name and words[0] == name)):
            words = ["you", *[_PLAIN.get(w, w) for w in words[1:2]], *words[2:]]
        elif words and words[0] in _MODALS:  # "…and should delegate": the subject is implied
            words = ["you", _PLAIN.get(words[0], words[0]), *words[1:]]
        if words and question_rules.is_advice(words):
            return True
    return False


def when(text: str, today: date) -> str | None:
    """The words in a step that say when it happens ("by Friday", "tomorrow"), or None."""
    from coachcli.core.dates import parse_date
    from coachcli.core.errors import CoachError

    lowered = " ".join(text.lower().split())
    for phrase in PHRASES:
        if phrase in lowered:
            return phrase
    clock = _CLOCK_TIME.search(lowered)
    if clock:
        return clock.group(0)
    words = [w.strip(".,;:!?()\"'") for w in text.split()]
    words = [w for w in words if w]
    lower = [w.lower() for w in words]
    for i, word in enumerate(lower):
        if word in ANCHORS or any(word.startswith(a) for a in ("1:1", "1-1", "1-on-1")):
            return words[i]
        for size in (4, 3, 2, 1):
            phrase = " ".join(lower[i : i + size])
            if len(phrase.split()) < size or phrase.isdigit():
                continue
            try:
                parse_date(phrase, today)
            except CoachError:
                continue
            return " ".join(words[i : i + size])
    return None


# Times and meetings that date a step as well as a calendar date does.
PHRASES = (
    "next meeting", "next session", "next catch-up", "next check-in", "next one-to-one",
    "next 1:1", "next review", "next stand-up", "next standup", "this afternoon",
    "this morning", "this evening", "end of the day", "end of day",
)  # fmt: skip
_CLOCK_TIME = re.compile(r"\b\d{1,2}(?::\d{2})?\s?(?:am|pm)\b|\b\d{1,2}:\d{2}\b")
ANCHORS = wordset(
    "tonight morning afternoon lunchtime noon eod eow standup stand-up retro one-to-one "
    "one-on-one weekly monday's tuesday's wednesday's thursday's friday's"
)
