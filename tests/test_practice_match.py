"""Recognising a paraphrase, a when and advice: the small judgements the drills are built on."""

from __future__ import annotations

from datetime import date

import pytest

from coachcli.practice import judge
from coachcli.practice.match import catches, keys, stem
from coachcli.practice.scenario import Heard

TODAY = date(2026, 12, 1)  # a Tuesday


@pytest.mark.parametrize(
    "words",
    [
        ("worried", "worries", "worrying", "worry"),
        ("promise", "promised", "promises", "promising"),
        ("manage", "managed", "managing", "management"),
        ("stop", "stopped", "stopping"),
    ],
)
def test_endings_come_off_alike(words):
    assert len({stem(w) for w in words}) == 1


@pytest.mark.parametrize(
    ("note", "item"),
    [
        ("really nervous", Heard("anxious", "I'm properly nervous")),
        ("she feels let down", Heard("disappointed", "I'm gutted")),
        ("wants people to be able to rely on her", Heard("being reliable", "I deliver")),
        ("2 weeks behind", Heard("the project is two weeks late", "it's late", ("late",))),
        ("fed up", Heard("frustrated", "it's frustrating")),
    ],
)
def test_a_paraphrase_catches_the_item(note, item):
    assert catches(note, item)


@pytest.mark.parametrize(
    ("note", "item"),
    [
        ("happy", Heard("anxious", "I'm properly nervous")),
        ("cares about money", Heard("being reliable", "I deliver")),
        ("the weather was nice", Heard("the project is two weeks late", "it's late", ("late",))),
    ],
)
def test_an_unrelated_note_does_not(note, item):
    assert not catches(note, item)


def test_filler_words_are_not_keys():
    assert keys("I think that it is really just a thing") == frozenset()


@pytest.mark.parametrize(
    ("step", "found"),
    [
        ("Send finance the note by Friday", "by Friday"),
        ("Email Sam tomorrow morning", "tomorrow"),
        ("Book 30 minutes with Ana on 3 Dec", "on 3 Dec"),
        ("Write two options before our next 1:1", "next 1:1"),
        ("Share it at our next meeting", "next meeting"),
        ("Call Dana at 4pm", "4pm"),
        ("Draft the plan in 2 weeks", "in 2 weeks"),
        ("Draft the plan", None),
        ("Read 3 chapters", None),
    ],
)
def test_when_finds_the_words_that_date_a_step(step, found):
    assert judge.when(step, TODAY) == found


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        ("It sounds like you should talk to him.", True),
        ("You're stuck, so maybe try delegating.", True),
        ("She should ask for more work.", True),
        ("You're exhausted and need to take a holiday.", True),
        ("Have you tried asking Sam?", True),
        ("You feel you should wait until you're ready.", False),
        ("You're frustrated because the deadline slipped.", False),
        ("Being fair matters to you.", False),
    ],
)
def test_advice_is_heard_in_any_clause_but_not_in_what_is_reflected(text, advice):
    assert judge.advice(text, "Sam") is advice
