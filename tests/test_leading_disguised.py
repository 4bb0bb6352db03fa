"""Advice wrapped in an open question's first words is heard as leading; open questions that
begin the same way are left alone (tests/data/language/leading_disguised*.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachcli.language.question import check_question
from factories import labelled_lines

DATA = Path(__file__).parent / "data" / "language"
SETS = ["leading_disguised.tsv", "leading_disguised_holdout.tsv"]


def _rows(name: str) -> list[tuple[str, str]]:
    return labelled_lines(DATA / name)


def test_the_corpora_are_varied_and_balanced():
    rows = [row for name in SETS for row in _rows(name)]
    labels = [label for label, _ in rows]
    assert set(labels) == {"leading", "good"}
    assert labels.count("leading") >= 80 and labels.count("good") >= 80
    assert len({text.lower() for _, text in rows}) == len(rows)
    assert sum(text[:1].islower() for _, text in rows) >= 40
    assert sum(not text.endswith("?") for _, text in rows) >= 20


@pytest.mark.parametrize("name", SETS)
def test_advice_in_an_open_question_is_caught_and_open_questions_pass(name):
    rows = _rows(name)
    flagged = {text: not check_question(text).ok for _, text in rows}
    tp = sum(flagged[t] for label, t in rows if label == "leading")
    fp = [t for label, t in rows if label == "good" and flagged[t]]
    missed = [t for label, t in rows if label == "leading" and not flagged[t]]
    assert tp / (tp + len(fp)) >= 0.95, fp  # precision
    assert tp / (tp + len(missed)) >= 0.90, missed  # recall


@pytest.mark.parametrize("name", SETS)
def test_the_rewrite_hands_the_idea_back_and_passes_the_check(name):
    rewrites = []
    for label, text in _rows(name):
        result = check_question(text)
        if label != "leading" or result.ok:
            continue
        assert result.suggestion and check_question(result.suggestion).ok, (text, result)
        rewrites.append(result.suggestion)
    assert len(set(rewrites)) / len(rewrites) >= 0.75  # specific to the question, not stock


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("what do you think about maybe talking to Tom?", "Tom"),
        ("how about you just ask her?", ""),
        ("what if you tried apologising first?", "apologising"),
        ("What would you say to doing a weekly check-in?", "weekly check-in"),
        ("How would you feel about trying a new approach?", "new approach"),
        ("What's the harm in asking?", "asking"),
        ("How does a short daily huddle sound?", "daily huddle"),
    ],
)
def test_the_brief_examples_are_flagged_as_leading_with_a_specific_rewrite(question, kept):
    result = check_question(question)
    assert not result.ok and result.issues[0].kind == "leading", result
    assert result.suggestion and kept in result.suggestion, result.suggestion
    assert "maybe" not in result.suggestion.lower() and "just" not in result.suggestion.lower()


@pytest.mark.parametrize(
    "question",
    [
        "what do you think is going on?",
        "how might you approach Tom?",
        "What would happen if you did nothing?",
        "What if you knew you couldn't fail?",
        "How about you?",
        "What would you say to a friend in your position?",
        "How do you feel about what happened?",
        "What did you just notice?",
    ],
)
def test_open_questions_that_share_those_first_words_still_pass(question):
    assert check_question(question).ok, check_question(question)
