"""The next-step check against steps that name an action and still leave a way out.

tests/data/language/steps_commitment.tsv (and its holdout, written after the rules) hold hedges
("I'm going to try to…", "we'll see how…", "if I get time"), vague verbs, goals too big for a
step, ownerless and passive steps, vague timing, questions and don't-steps, beside concrete
steps that must pass. Each family gets its own coaching message and a template that passes,
in the voice of the step's owner (`coach check-step --owner person|me`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coachcli.language.steps import MESSAGES, check_step
from factories import coach

DATA = Path(__file__).parent / "data" / "language"
SETS = ["steps_commitment.tsv", "steps_commitment_holdout.tsv"]
LABELS = {"concrete", "vague", "hedge", "non-action"}


def _rows(name: str) -> list[tuple[str, str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t", 1) for line in lines if line.strip() and not line.startswith("#")]
    return [(label, text) for label, text in rows]


def test_the_corpus_is_large_balanced_and_labelled():
    rows = [row for name in SETS for row in _rows(name)]
    assert len(rows) >= 250 and {label for label, _ in rows} == LABELS
    concrete = sum(label == "concrete" for label, _ in rows)
    assert 0.4 <= concrete / len(rows) <= 0.6
    assert len({text.lower() for _, text in rows}) == len(rows)  # no step twice


@pytest.mark.parametrize("name", SETS)
def test_the_check_agrees_with_the_coach(name):
    results = [(label, check_step(text)) for label, text in _rows(name)]
    flagged = [r for label, r in results if label != "concrete"]
    concrete = [r for label, r in results if label == "concrete"]
    agree = sum((label == "concrete") == r.ok for label, r in results)
    misses = [r.text for label, r in results if (label == "concrete") != r.ok]
    assert agree / len(results) >= 0.95, misses
    assert sum(not r.ok for r in flagged) / len(flagged) >= 0.95, misses
    assert sum(r.ok for r in concrete) / len(concrete) >= 0.95, misses
    same = sum(label == (r.kind or "concrete") for label, r in results)
    assert same / len(results) >= 0.9


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("voice", ["you", "they"])
def test_every_flag_has_a_message_and_a_template_that_passes(name, voice):
    for _, text in _rows(name):
        result = check_step(text, voice)
        if result.ok:
            continue
        assert result.message in {m for m in MESSAGES.values()} or voice == "they", text
        assert result.suggestion and check_step(result.suggestion, voice).ok, (text, result)


@pytest.mark.parametrize(
    ("step", "kind", "said", "suggested"),
    [
        ("Should I email Tom?", "non-action", "a question", "whether to email Tom"),
        ("how do i get the team on board", "non-action", "a question", "how to get the team"),
        ("We'll see how my first week goes", "non-action", "isn't a step", "review your first"),
        ("The rota will be sorted by Friday", "vague", "Who will do it", "Get the rota sorted"),
        ("it'll get done", "vague", "Who will do it", "who will get it done"),
        ("Fix the team culture", "vague", "big goal", "one small change to the team culture"),
        ("Rewrite the whole process", "vague", "big goal", "one small change"),
        ("Stop being late", "vague", "instead", "instead of being late"),
        ("Never miss a deadline again", "vague", "instead", "instead of missing a deadline"),
        ("Email the client soon", "hedge", "day open", "Email the client by [day]"),
        ("book the MOT asap", "hedge", "day open", "Book the MOT by [day]"),
        ("I'm going to try to get my report done", "hedge", "hedge", "Get your report done"),
        ("If I get time I'll tidy the shared drive", "hedge", "hedge", "Tidy the shared drive"),
        ("I plan to think about the restructure", "hedge", "hedge", "three thoughts on the"),
        ("I'll see whether the budget allows it", "hedge", "hedge", "Ask [who] whether the"),
        ("Fingers crossed I'll finish the essay", "hedge", "hedge", "Finish the essay"),
    ],
)
def test_each_family_gets_its_own_message_and_a_specific_template(step, kind, said, suggested):
    result = check_step(step)
    assert (result.kind, result.ok) == (kind, False), result
    assert said in (result.message or ""), result
    assert suggested in (result.suggestion or ""), result


@pytest.mark.parametrize(
    "step",
    [
        "Email Priya the draft rota by Friday",
        "Book 30 minutes with Tom on Monday to agree cover",
        "I'll ask my manager for the budget figures tomorrow",
        "Draft two options and share them at Thursday's stand-up",
        "Stop checking email after 8pm",
        "Fix the typo in the company newsletter",
        "Fix the till system",
        "Don't forget to send the invoice to Acme",
        "Call the vet later today",
        "Send the report no later than Friday",
        "Sam is going to book the venue",
        "Note every interruption for one day and bring the list",
    ],
)
def test_concrete_steps_with_the_same_words_still_pass(step):
    assert check_step(step).ok, check_step(step)


def test_check_step_owner_person_speaks_about_them_and_me_is_the_default(capsys):
    step = "I'm going to try to get my report done"
    rc, mine, _ = coach(capsys, "check-step", "--json", step)
    rc2, same, _ = coach(capsys, "check-step", "--json", "--owner", "me", step)
    rc3, theirs, _ = coach(capsys, "check-step", "--json", "--owner", "person", step)
    assert rc == rc2 == rc3 == 0
    assert mine == same
    you, they = json.loads(mine), json.loads(theirs)
    assert set(they) == {"text", "ok", "kind", "message", "suggestion"} == set(you)
    assert "you" in you["message"] and "your report" in you["suggestion"]
    assert "they" in they["message"] and "their report" in they["suggestion"]
    assert " you" not in f" {they['message']} {they['suggestion']}".lower()


def test_check_step_owner_text_output_and_a_bad_owner(capsys):
    rc, out, _ = coach(capsys, "check-step", "--owner", "person", "Work on my confidence")
    assert rc == 0 and "their confidence" in out and "your" not in out, out
    rc, out, err = coach(capsys, "check-step", "--owner", "boss", "Email Jo")
    assert rc == 2 and "--owner must be person or me" in err and "Traceback" not in err
