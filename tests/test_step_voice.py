"""The next-step check speaks of a step's owner in one voice: "you" to the owner (`coach
check-step`, the supervisor's own steps), "they" about the person to the supervisor. The
owner's own first person ("work on my confidence") is given back in that voice, never kept."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from coachcli.banks.load import load_bank_file
from coachcli.conversation.engine import Conversation
from coachcli.core.clock import FixedClock
from coachcli.language.steps import MESSAGES, check_step
from coachcli.language.voice import owner_text, voiced
from factories import conversation_answers
from scripted import ScriptedPrompter

DATA = Path(__file__).parent / "data"
STEPS = [
    line
    for line in (DATA / "language" / "step_voice.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
FIRST = {"i", "me", "my", "mine", "myself", "i'm", "i've", "i'll", "i'd", "our", "ours"}
SECOND = {"you", "your", "yours", "yourself", "you're", "you've", "you'll", "you'd"}
THIRD = {"they", "them", "their", "theirs", "themselves", "they're", "they've", "they'll"}


def _words(text: str) -> list[str]:
    return [w.strip(",.;:!?()[]\"'").lower() for w in text.replace("\u2019", "'").split()]


def _wrong(text: str, voice: str) -> list[str]:
    words = _words(text)
    # "share them": the thoughts, not a person
    words = [w for i, w in enumerate(words) if not (w == "them" and words[i - 1 : i] == ["share"])]
    return [w for w in words if w in FIRST | (THIRD if voice == "you" else SECOND)]


def test_the_corpus_is_varied():
    assert len(STEPS) >= 40
    assert sum(any(w in FIRST for w in _words(s)) for s in STEPS) >= 35
    assert sum(any(w in SECOND for w in _words(s)) for s in STEPS) >= 3


@pytest.mark.parametrize("voice", ["you", "they"])
def test_every_flagged_step_is_answered_in_one_voice(voice):
    flagged = [check_step(s, voice) for s in STEPS]
    flagged = [r for r in flagged if not r.ok]
    assert len(flagged) >= 38
    mixed = [
        (r.text, r.message, r.suggestion)
        for r in flagged
        if _wrong(r.message or "", voice) or _wrong(r.suggestion or "", voice)
    ]
    assert not mixed
    for r in flagged:
        assert r.suggestion and check_step(r.suggestion, voice).ok, r


def test_messages_are_written_in_the_you_voice_only():
    for family, message in MESSAGES.items():
        assert not _wrong(message, "you"), family
        assert not _wrong(voiced(message, "they"), "they"), family


@pytest.mark.parametrize(
    ("step", "you", "they"),
    [
        ("work on my confidence", "on your confidence", "on their confidence"),
        ("feel less stressed about my workload", "help you feel less stressed about your "
         "workload", "help them feel less stressed about their workload"),
        ("I'll maybe talk to my manager", "Talk to your manager", "Talk to their manager"),
        ("make sure I'm on time", "makes sure you're on time", "makes sure they're on time"),
        ("maybe tell your manager", "Tell your manager", "Tell their manager"),
        ("look into my options", "List two options by", "List two options by"),
    ],
)  # fmt: skip
def test_pronouns_follow_the_voice(step, you, they):
    assert you in (check_step(step).suggestion or "")
    assert they in (check_step(step, "they").suggestion or "")


def test_owner_text_keeps_names_capitals_and_punctuation():
    assert owner_text("Ask Sam, my lead, about my rota.", "you") == (
        "Ask Sam, your lead, about your rota."
    )
    assert owner_text("I am sure I was right", "they") == "They are sure they were right"
    assert owner_text("tell you and ask yourself", "they") == "tell them and ask themselves"


def _script(owner: str, step: str) -> dict:
    return conversation_answers(
        {
            "who.name": ["Sam"],
            "listen.facts": ["Late twice", ""],
            "next.action": [step],
            "next.owner": [owner],
            "next.check": ["keep"],
            "next.due": ["friday"],
            "next.confidence": ["8"],
            "next.help": ["nothing"],
            "close.after_check": ["yes"],
        }
    )


@pytest.mark.parametrize(("owner", "voice"), [("person", "they"), ("supervisor", "you")])
def test_in_the_conversation_the_check_speaks_of_the_owner_asked_first(owner, voice):
    bank = load_bank_file(DATA / "engine-bank.yaml")
    prompter = ScriptedPrompter(_script(owner, "work on my confidence"))
    clock = FixedClock(datetime(2026, 11, 24, 10, 0, tzinfo=UTC))
    session = Conversation(bank, prompter, clock).run(None, None)
    keys = [key for key, _ in prompter.asked]
    assert keys.index("next.owner") < keys.index("next.check")
    [warning] = [m for m in prompter.said("warning") if m.title == "Next-step check"]
    shown = " ".join([warning.text, *warning.lines])
    assert not _wrong(shown, voice), shown
    assert ("their confidence" if voice == "they" else "your confidence") in shown
    assert session.actions[0].check == "vague"
