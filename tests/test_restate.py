"""The composed restatement: spoken English, said to the person, with nothing they said dropped.

tests/data/language/restatements*.json hold notes as supervisors type them (third person,
first person in the person's words, capitals on every note, semicolons) with answers to the
questions asked. ``restatements_holdout.json`` was not looked at while the composer was tuned.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from coachcli.cli.app import run
from coachcli.language.restate import CHECK, OPENING, compose_restatement

DATA = Path(__file__).parent / "data" / "language"
SETS = ["restatements.json", "restatements_holdout.json"]

# Words that change when said back (pronouns, the verb after them, joining words) or that a
# restatement legitimately drops (a leading "because", "feels like"); every other word of every
# note must be in the restatement.
CHANGED = frozenset(
    [
        "i",
        "me",
        "my",
        "mine",
        "myself",
        "i'm",
        "i've",
        "i'll",
        "i'd",
        "she",
        "he",
        "her",
        "him",
        "his",
        "hers",
        "herself",
        "himself",
        "she's",
        "he's",
        "they",
        "them",
        "their",
        "they're",
        "is",
        "was",
        "am",
        "are",
        "has",
        "have",
        "feel",
        "feels",
        "felt",
        "feeling",
        "like",
        "because",
        "as",
        "since",
        "that",
        "and",
        "also",
        "so",
        "but",
        "a",
        "the",
        "does",
        "doesn't",
        "wants",
        "cares",
        "values",
        "needs",
        "believes",
        "reads",
        "stays",
        "works",
        "keeps",
        "covers",
        "she'll",
        "he'll",
        "they'll",
        "she'd",
        "he'd",
        "they'd",
        "they've",
    ]
)
FIRST_PERSON = re.compile(r"\b(I|me|my|mine|myself|I'm|I've|I'll|I'd)\b")
PROPER = re.compile(r"^(I|[A-Z]{2,}|[A-Z][a-z]+day|January|February|March|April|May|June|July|"
                    r"August|September|October|November|December)$")  # fmt: skip


def _cases(name: str) -> list[dict]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _compose(case: dict) -> str:
    answers = [tuple(a) for a in case.get("answers", [])]
    return compose_restatement(
        case["facts"], case["feelings"], case["values"], answers, case["person"]
    )


def _content_words(text: str, person: str = "") -> set[str]:
    """Words that carry content, verb endings aside ("stands" said back as "you stand")."""
    changed = CHANGED | {n.lower() for n in person.split()}
    words = {w.strip(".,;:!?\"'()").lower() for w in text.split()}
    return {w.removesuffix("s") for w in words if w and w not in changed}


def _names(case: dict) -> set[str]:
    """Words the notes write with a capital mid-sentence, and the person's name."""
    texts = [*case["facts"], *case["feelings"], *case["values"]]
    texts += [a for _, a in case.get("answers", [])]
    found = set(case["person"].split())
    for text in texts:
        for word in text.split()[1:]:
            word = word.strip(".,;:!?\"'()").split("'")[0]
            if word[:1].isupper():
                found.add(word)
    return found


def spoken_problems(case: dict, said: str) -> list[str]:
    """What keeps ``said`` from being something a supervisor could say to the person."""
    problems = []
    body = said.removeprefix(OPENING).removesuffix(CHECK).replace("You've told me", "You've said")
    if not said.startswith(OPENING) or not said.endswith(CHECK):
        problems.append("does not open and close as spoken")
    if ";" in said:
        problems.append("semicolon")
    if FIRST_PERSON.search(body):
        problems.append(f"first person: {FIRST_PERSON.search(body).group(0)}")
    if re.search(r"\b(she|he|she's|he's|him|his|herself|himself)\b", body, re.IGNORECASE):
        problems.append("third person said to their face")
    words = body.lower().split()
    if any(a == b and a.isalpha() for a, b in itertools.pairwise(words)):
        problems.append("doubled word")
    for bad in ("you feel i ", "matters to you because", "you feel feel", "what i'm hearing"):
        if bad in said.lower():
            problems.append(f"template seam: {bad}")
    names = _names(case)
    for sentence in re.split(r"(?<=[.?!])\s+", body.strip()):
        for word in sentence.split()[1:]:
            core = word.strip(".,;:!?\"'()").split("'")[0]
            if core[:1].isupper() and core not in names and not PROPER.match(core):
                problems.append(f"capital mid-sentence: {core}")
    notes = [*case["facts"], *case["feelings"], *case["values"]]
    notes += [a for _, a in case.get("answers", [])]
    said_words = _content_words(said)
    for note in notes:
        missing = _content_words(note, case["person"]) - said_words
        if missing:
            problems.append(f"dropped: {sorted(missing)}")
    return problems


def test_the_restatement_corpus_is_large_and_varied():
    cases = [c for name in SETS for c in _cases(name)]
    assert len(cases) >= 40
    assert sum(bool(c.get("answers")) for c in cases) >= 12
    assert sum(not (c["facts"] or c["feelings"] or c["values"]) for c in cases) >= 2


@pytest.mark.parametrize("name", SETS)
def test_composed_restatements_are_spoken_second_person_and_complete(name):
    cases = _cases(name)
    failures = {}
    for case in cases:
        said = _compose(case)
        problems = spoken_problems(case, said)
        if problems:
            failures[said] = problems
    # The held-out bar is 22 of 24; hold ours to the same share.
    assert len(failures) / len(cases) <= 2 / 24, json.dumps(failures, indent=1)


def test_feelings_are_offered_tentatively_and_values_by_their_form():
    said = compose_restatement(
        ["Missed the handover"],
        ["I feel ignored", "feels like nobody listens"],
        ["Craftsmanship", "Being there for the team", "Wants to be seen as reliable"],
    )
    assert "it sounds like you're feeling ignored" in said.lower()
    assert "you feel like nobody listens" in said
    assert "craftsmanship, being there for the team" not in said.lower()
    assert "Craftsmanship matters to you, and so does being there for the team" in said
    assert "you want to be seen as reliable" in said
    assert "you missed the handover" in said.lower()


def test_real_challenge_and_want_answers_are_said_back():
    said = compose_restatement(
        [],
        [],
        [],
        [
            ("What's the real challenge here for you?", "Saying no to my manager"),
            ("What do you want?", "More say over my shifts"),
        ],
    )
    assert "The real challenge, you said, is saying no to your manager." in said
    assert "What you're hoping for is more say over your shifts." in said


def test_nothing_to_say_back_gives_nothing():
    assert compose_restatement([], [], [], [("What else?", "  ")]) == ""


def test_answers_file_without_a_restatement_saves_a_spoken_one_and_the_feedback(
    tmp_path, coach_home, capsys
):
    case = _cases("restatements.json")[1]
    path = tmp_path / "answers.json"
    path.write_text(
        json.dumps(
            {
                "person": case["person"],
                "facts": case["facts"],
                "feelings": case["feelings"],
                "values": case["values"],
                "restatement_feedback": "It's more about Jo than me",
                "next_steps": [
                    {"action": "Ask Jo for a handover", "due": "tomorrow", "confidence": 8}
                ],
                "after_check": "no",
            }
        ),
        encoding="utf-8",
    )
    assert run(["start", "--answers", str(path)]) == 0
    capsys.readouterr()
    (saved,) = (coach_home / "sessions").glob("*.json")
    session = json.loads(saved.read_text())
    assert spoken_problems(case, session["restatement"]) == []
    assert session["restatement_feedback"] == "It's more about Jo than me"
    assert run(["show", session["id"]]) == 0
    out = capsys.readouterr().out
    assert "They said: It's more about Jo than me" in out
    assert run(["show", session["id"], "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert json.dumps(shown).count("It's more about Jo than me") == 1


@pytest.mark.slow
def test_24_cases_through_coach_start_answers_read_as_spoken(tmp_path, coach_home, capsys):
    """The way the held-out check runs: facts, feelings and values in an answers file, no
    restatement given; the saved restatement must read as spoken, second person, complete."""
    cases = _cases("restatements_holdout.json") + _cases("restatements.json")[:12]
    failures = []
    for number, case in enumerate(cases):
        path = tmp_path / f"answers-{number}.json"
        questions = [{"question": q, "answer": a} for q, a in case.get("answers", [])]
        data = {
            "person": f"{case['person']} Case{number}",  # one person each ("Jo" is not "Jon")
            "facts": case["facts"],
            "feelings": case["feelings"],
            "values": case["values"],
            "questions": questions,
            "next_steps": [{"action": "Email Jo the rota", "due": "tomorrow", "confidence": 8}],
            "after_check": "no",
        }
        path.write_text(json.dumps(data), encoding="utf-8")
        assert run(["start", "--answers", str(path)]) == 0, capsys.readouterr().err
        capsys.readouterr()
    saved = sorted((coach_home / "sessions").glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
    assert len(saved) == len(cases)
    by_person = {json.loads(p.read_text())["person"]: json.loads(p.read_text()) for p in saved}
    for number, case in enumerate(cases):
        said = by_person[f"{case['person']} Case{number}"]["restatement"]
        if spoken_problems(case, said):
            failures.append((said, spoken_problems(case, said)))
    assert len(failures) / len(cases) <= 2 / 24, failures


@pytest.mark.parametrize(
    "nothing",
    [
        "Nothing else really",
        "No, that's it",
        "Not really",
        "Nope.",
        "That’s all for now",
        "I can't think of anything else",
    ],
)
def test_an_answer_that_there_is_nothing_more_is_not_said_back(nothing):
    """ "And what else?" → "Nothing else really" is not "You mentioned nothing else really"."""
    text = compose_restatement(
        ["The release slipped"], [], [], [("And what else?", nothing), ("And what else?", "Tom")]
    )
    assert nothing.lower().rstrip(".") not in text.lower()
    assert "you mentioned tom" in text.lower()
    only = compose_restatement([], [], [], [("And what else?", nothing)])
    assert only == ""


@pytest.mark.parametrize("answer", ["Nothing matters more than the team", "No time to plan"])
def test_an_answer_that_starts_with_no_but_says_something_is_kept(answer):
    text = compose_restatement([], [], [], [("What is in the way?", answer)])
    assert answer.lower().split()[-1] in text.lower()


@pytest.mark.parametrize(
    ("question", "answer", "kept"),
    [
        ("What could Tom help with?", "The checklist itself, he likes lists", "he likes lists"),
        ("What is in the way?", "Priya is off, she has the audit", "she has the audit"),
        ("Who could help?", "Maybe Dana, she knows the rota", "she knows the rota"),
    ],
)
def test_a_he_or_she_in_an_answer_that_names_someone_else_is_that_someone(question, answer, kept):
    """In the person's answer about Tom, "he likes lists" is Tom, not "you like lists"."""
    text = compose_restatement(
        ["On Monday Priya covered"], [], [], [(question, answer)], "Zoë Ñúñez"
    )
    assert kept in text


def test_a_she_in_an_answer_naming_nobody_else_is_still_the_person():
    text = compose_restatement([], [], [], [("What do you want?", "She wants more time")], "Zoë")
    assert "you want more time" in text


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        ("For you to stop micromanaging me", "for me to stop micromanaging you"),
        ("You never listen to me", "I never listen to you"),
        ("I want you to trust me", "you want me to trust you"),
        ("Your feedback came too late", "my feedback came too late"),
        ("I think you were right", "you think I was right"),
    ],
)
def test_the_persons_you_is_the_supervisor_when_said_back(answer, said):
    """Their answer "For you to stop micromanaging me" was said back as "for you to stop
    micromanaging you": their "you" is the supervisor, who says it back as "I"/"me"/"my"."""
    assert said in compose_restatement([], [], [], [("What would help?", answer)], "Zoë")


@pytest.mark.parametrize(
    ("fact", "said"),
    [
        ("She missed the deadline because of me", "you missed the deadline because of me"),
        ("He told me he was tired", "you told me you were tired"),
    ],
)
def test_in_a_note_about_her_or_him_the_supervisors_me_stays_me(fact, said):
    """The supervisor's note "She missed the deadline because of me" was said back as "You
    missed the deadline because of you"."""
    assert said in compose_restatement([fact], [], [], [], "Zoë").lower()


def test_a_note_in_their_own_first_person_is_still_said_back_as_you():
    assert "you were late twice" in compose_restatement(["I was late twice"], [], [], []).lower()


@pytest.mark.parametrize(
    ("feelings", "values", "said", "never"),
    [
        (["I am not sure what I did wrong"], [], "you're not sure what you did wrong", "feel not"),
        (["Not sleeping well"], [], "you're not sleeping well", "feeling not"),
        (["not happy", "Not a fan of the new rota"], [], "you're not a fan of", "feeling not"),
        ([], ["quality matters more than speed to me"], "Quality matters more than speed to you.",
         "matters to you matters"),
        ([], ["family is really important to me"], "Family is really important to you.",
         "important to you matters"),
        ([], ["My team counts on me"], "It matters to you that your team counts on you", "on me"),
    ],
)  # fmt: skip
def test_negated_feelings_and_values_said_whole_are_said_back_once(feelings, values, said, never):
    text = compose_restatement([], feelings, values, person="Sam")
    assert said in text
    assert never not in text
