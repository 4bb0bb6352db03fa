"""Answers typed as they were said ("yeah so basically I'm kinda swamped lol") are said back as
meant: fillers, hedges and chat slang out, second person, the facts and values kept
(tests/data/language/restatements_informal*.json; language/informal.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coachcli.language.informal import plain
from coachcli.language.restate import CHECK, OPENING, compose_restatement

DATA = Path(__file__).parent / "data" / "language"
SETS = ["restatements_informal.json", "restatements_informal_holdout.json"]
FILLERS = set(
    [
        "yeah",
        "yep",
        "yup",
        "nah",
        "lol",
        "haha",
        "tbh",
        "tbf",
        "ngl",
        "idk",
        "dunno",
        "kinda",
        "sorta",
        "basically",
        "literally",
        "honestly",
        "umm",
        "um",
        "erm",
        "hmm",
        "ugh",
        "omg",
        "wanna",
        "gonna",
        "innit",
        "lowkey",
    ]
)
PHRASES = (
    "and stuff", "you know", "i guess", "you guess", "i mean", "you mean", "sort of", "kind of",
    "and that.", "my bad", "your bad", "if you're honest", "the thing is", "it's that",
)  # fmt: skip
FIRST = re.compile(r"\b(I|me|my|mine|myself|I'm|I've|I'll|I'd)\b")


def _cases(name: str) -> list[dict]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def problems(case: dict) -> list[str]:
    """What keeps the restatement of ``case`` from being said back as meant."""
    answers = [tuple(a) for a in case.get("answers", [])]
    said = compose_restatement(
        case["facts"], case["feelings"], case["values"], answers, case["person"]
    )
    body = said.removeprefix(OPENING).removesuffix(CHECK).replace("told me", "said")
    words = [w.strip(".,;:!?\"'()").lower().removesuffix("'s") for w in body.split()]
    padded = " " + " ".join(w for w in body.lower().split()) + " "
    found = [w for w in words if w in FILLERS]
    found += [p for p in PHRASES if f" {p} " in padded or f" {p}" in padded.rstrip() + " "]
    if FIRST.search(body):
        found.append("first person")
    if "?" in body:
        found.append("uptalk kept")
    if re.search(r"\b[A-Z]{5,}\b", body):
        found.append("shouting kept")
    kept = set(words) | {w.removesuffix("s") for w in words}
    found += [f"dropped {k}" for k in case["keep"] if k not in kept and k.rstrip("s") not in kept]
    return found


def test_the_informal_corpora_are_varied():
    cases = [c for name in SETS for c in _cases(name)]
    assert len(cases) >= 40
    assert sum(bool(c.get("answers")) for c in cases) >= 8
    for field in ("facts", "feelings", "values"):
        assert sum(bool(c[field]) for c in cases) >= 12, field


@pytest.mark.parametrize("name", SETS)
def test_informal_answers_are_said_back_as_meant(name):
    cases = _cases(name)
    failures = {json.dumps(c): p for c in cases if (p := problems(c))}
    assert len(failures) / len(cases) <= 1 / 15, json.dumps(failures, indent=1)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("yeah so basically I'm kinda swamped lol", "I'm swamped"),
        ("tbh i'm just like really tired all the time", "i'm really tired all the time"),
        ("umm idk, I guess like my family and stuff?", "my family"),
        ("i mean i just wanna get my weekends back you know", "i want to get my weekends back"),
        ("cos nobody ever asks me lol", "because nobody ever asks me"),
        ("ok so the thing is, the client keeps changing the brief", "the client keeps changing "
         "the brief"),
        ("erm honestly just time i guess, there's never enough of it", "just time, there's never "
         "enough of it"),
        ("my team lead is well nice tbf", "my team lead is really nice"),
        ("omg so my laptop died AGAIN lol", "my laptop died again"),
    ],
)  # fmt: skip
def test_plain_drops_what_carries_no_meaning(typed, meant):
    assert plain(typed) == meant


@pytest.mark.parametrize(
    "kept",
    [
        "I like my team",
        "feels like nobody listens",
        "being treated like an adult",
        "the kind of manager I want to be",
        "just started on nights",
        "So tired",
        "right now it's chaos",
        "Well paid work",
        "I don't know what to do",
        "not sure how to start",
        "you were right",
        "It matters to me that I'm trusted",
        "To be seen as competent",
        "What's the point?",
    ],
)
def test_plain_keeps_words_that_carry_the_meaning(kept):
    assert plain(kept) == kept


def test_a_note_of_nothing_but_filler_says_nothing():
    assert plain("lol") == plain("haha tbh") == ""
    assert compose_restatement(["haha"], ["lol"], []) == ""
