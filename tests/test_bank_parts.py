"""banks.parts and banks.plaincheck: a bank loaded without pydantic, pinned to the model.

The plain check may be stricter than the model, never more permissive: whenever it builds a
bank, the model accepts the same data and its values, turned into records, are the same (types
included: ``1`` is not ``True``). Checked on every built-in bank and on thousands of documents
mutated from them with a seeded generator: wrong types, unknown fields, bad patterns, overlong
and control-character texts, focus rules, duplicates, version and flag spellings, missing
fields, non-string keys.
"""

from __future__ import annotations

import copy
import random
import subprocess
import sys
import textwrap
from typing import Any

import pytest
from pydantic import ValidationError

from coachcli.banks import load as banks
from coachcli.banks import model, parts
from coachcli.banks.plaincheck import plain_bank
from coachcli.core.errors import BankError
from coachcli.storage.yamlsafe import load_yaml

BUILTINS = sorted(
    entry.name.removesuffix(".yaml")
    for entry in banks.builtin_banks_dir().iterdir()
    if entry.name.endswith(".yaml")
)


def raw_builtin(name: str) -> Any:
    return load_yaml((banks.builtin_banks_dir() / f"{name}.yaml").read_bytes(), f"{name}.yaml")


def by_model(raw: Any, stem: str | None) -> parts.Bank | None:
    """What the pydantic model makes of ``raw``, as records; None when it refuses it."""
    try:
        return parts.from_model(model.Bank.model_validate(raw, context={"stem": stem}))
    except ValidationError:
        return None


def fields(record: Any) -> dict[str, Any]:
    return {name: getattr(record, name) for name, _ in type(record).__fields__}


def assert_same(plain: parts.Bank, modelled: parts.Bank | None) -> None:
    """Equal field by field, and of the same types (``repr`` tells ``1`` from ``True``)."""
    assert modelled is not None, "the plain check took a bank the model refuses"
    assert plain == modelled
    assert repr(plain) == repr(modelled)
    for name, _ in parts.Bank.__fields__:
        if name != "questions":
            assert getattr(plain, name) == getattr(modelled, name), name
    for mine, theirs in zip(plain.questions, modelled.questions, strict=True):
        assert fields(mine) == fields(theirs), mine.id
        assert type(mine.evergreen) is bool


def yaml_made(value: Any) -> bool:
    """Whether ``storage.yamlsafe`` could hand this over: strings, lists, string-keyed dicts,
    and no lone surrogate (the file is UTF-8)."""
    if type(value) is str:
        return not any("\ud800" <= c <= "\udfff" for c in value)
    if type(value) is list:
        return all(yaml_made(v) for v in value)
    if type(value) is dict:
        return all(type(k) is str and yaml_made(v) for k, v in value.items())
    return False


# -- the built-in banks -------------------------------------------------------------------------


@pytest.mark.parametrize("name", BUILTINS)
def test_a_builtin_bank_is_built_plainly_with_the_models_values(name):
    raw = raw_builtin(name)
    plain = plain_bank(raw, stem=name)
    assert plain is not None, "the plain check should take every built-in bank"
    assert_same(plain, by_model(raw, name))
    assert len(plain.questions) > 100


@pytest.mark.parametrize("name", BUILTINS)
def test_load_bank_takes_the_plain_path_for_a_builtin(name, monkeypatch):
    def no_model(*args: Any) -> parts.Bank:
        raise AssertionError("the model was asked")

    monkeypatch.setattr(banks, "_model_bank", no_model)
    bank = banks.load_bank(name)
    assert type(bank) is parts.Bank
    assert bank == plain_bank(raw_builtin(name), stem=name)


@pytest.mark.parametrize("name", BUILTINS)
def test_the_model_path_gives_the_same_records(name, monkeypatch):
    """When the plain check is unsure, the loader's model path makes the same records."""
    plain = banks.load_bank(name)
    monkeypatch.setattr(banks, "plain_bank", lambda raw, stem: None)
    modelled = banks.load_bank(name)
    assert type(modelled) is parts.Bank
    assert_same(plain, modelled)


def test_banks_load_names_the_records():
    assert banks.Bank is parts.Bank
    assert banks.Question is parts.Question
    assert model.SKILLS is parts.SKILLS
    assert parts.SKILLS == ("open", "listen", "ask", "support", "challenge", "commit", "close")
    assert parts.PHASES == ("listen", "ask", "balance", "next")


USER_BANK = """\
schema_version: " 1 "
name: team-retro
title: >-
  Team
  retro
kind: coaching
description: |
  Two lines
  of description.
phases:
  ask: "  Open   questions. "
questions:
  - id: ask-goal
    text: What do you want to achieve?
    skill: ask
    evergreen: TRUE
    tags: [goal, a-b]
  - id: listen-facts
    text: What happened?
    skill: listen
    focus: facts
    framework: grow
    stage: reality
    evergreen: " False"
"""


def test_a_valid_user_bank_is_plain_and_read_as_the_model_reads_it(coach_home, monkeypatch):
    folder = banks.user_banks_dir()
    folder.mkdir(parents=True)
    (folder / "team-retro.yaml").write_text(USER_BANK, encoding="utf-8")
    raw = load_yaml(USER_BANK.encode(), "team-retro.yaml")
    plain = plain_bank(raw, "team-retro")
    assert plain is not None
    assert_same(plain, by_model(raw, "team-retro"))
    monkeypatch.setattr(banks, "_model_bank", None)  # asking the model would fail
    bank = banks.load_bank("team-retro")
    assert bank.schema_version == 1
    assert bank.title == "Team retro"
    assert bank.description == "Two lines of description."
    assert bank.phases == {"ask": "Open questions."}
    assert bank.purpose("ask") == "Open questions."
    assert bank.purpose("next") == parts.DEFAULT_PURPOSES["next"]
    assert [q.evergreen for q in bank.questions] == [True, False]
    assert [q.id for q in bank.questions_for("listen", "facts")] == ["listen-facts"]


def test_an_invalid_bank_still_gets_the_models_message(tmp_path):
    path = tmp_path / "mybank.yaml"
    text = USER_BANK.replace("name: team-retro", "name: mybank")
    path.write_text(text.replace("evergreen: TRUE", "evergreen: yes"), encoding="utf-8")
    with pytest.raises(BankError) as info:
        banks.load_bank_file(path)
    assert str(info.value) == f"{path}:16:16: questions[0].evergreen: must be true or false"


def test_a_bank_the_plain_check_is_unsure_of_goes_through_the_model():
    raw = raw_builtin(BUILTINS[0])
    raw["questions"][0]["evergreen"] = True  # a real bool: YAML here never makes one
    assert plain_bank(raw, BUILTINS[0]) is None
    assert by_model(raw, BUILTINS[0]) is not None


@pytest.mark.slow
@pytest.mark.parametrize("name", [*BUILTINS, "team-retro"])
def test_loading_a_valid_bank_imports_no_pydantic(name, coach_home):
    folder = banks.user_banks_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "team-retro.yaml").write_text(USER_BANK, encoding="utf-8")
    code = textwrap.dedent(f"""\
        import sys
        from coachcli.banks.load import load_bank
        bank = load_bank({name!r})
        assert bank.name == {name!r}
        loaded = sorted(m for m in sys.modules if "pydantic" in m)
        assert not loaded, loaded
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# -- the plain check against the model, on mutated documents ------------------------------------

WORDS = [
    "", " ", "x", "What now?", "ask", "listen", "facts", "feelings", "values", "coaching",
    "mentoring", "grow", "goal", "general", "balance", "next", "open", "close",
]  # fmt: skip
VERSIONS = ["1", " 1 ", "\t1\n", "01", "2", "１", "1.0", "one"]
FLAGS = ["true", "True", "TRUE", " false ", "yes", "on", "off", "no", "t", "1", "null", "~"]
HOSTILE: list[Any] = [
    *WORDS, *VERSIONS, *FLAGS,
    "a" * 30, "a" * 31, "a" * 40, "a" * 41, "a" * 64, "a" * 65, "A", "-a", "a-", "a\n", "a b",
    "é", "x" * 100, "x" * 101, "x" * 300, "x" * 301, "x" * 500, "x" * 501, " x" * 250,
    "x " * 260, "x" * 2000, "x" * 2001, " x" * 1000 + " ", "tab\there", "new\nline", "\x00",
    "bell\x07", "\x1ctrue", "\x85next", "\u2028sep", "\xa0nb", "bidi\u202e", "lone \ud800",
    "\u3000", "emoji 🙂",
    None, True, False, 0, 1, 1.0, [], {}, ["a"], ["ask"], {"a": "b"}, [["x"]], {1: "x"},
    b"bytes", ("a",), ["a"] * 20, ["a"] * 21, [f"t{n}" for n in range(21)],
]  # fmt: skip
BANK_FIELDS = ["schema_version", "name", "title", "kind", "description", "phases", "questions"]
QUESTION_FIELDS = ["id", "text", "skill", "focus", "framework", "stage", "tags", "evergreen"]
ALPHABET = "abz09-- _\n\t.?XÉé\x00\x07\x85\xa0\u2028\u202e\u3000🙂"


def random_text(rng: random.Random) -> str:
    size = rng.choice([0, 1, 2, 5, 30, 31, 64, 65, 100, 101, 300, 301, 500, 501, 2001])
    if rng.random() < 0.5:  # mostly valid-looking words
        return "".join(rng.choice("abcxyz0129-") for _ in range(size))
    return "".join(rng.choice(ALPHABET) for _ in range(size))


def random_value(rng: random.Random) -> Any:
    pick = rng.random()
    if pick < 0.6:
        return copy.deepcopy(rng.choice(HOSTILE))
    if pick < 0.8:
        return random_text(rng)
    return [rng.choice(WORDS + FLAGS) for _ in range(rng.choice([0, 1, 3, 20, 21]))]


def mutate_question(rng: random.Random, question: Any, others: list[Any]) -> None:
    if type(question) is not dict:
        return
    pick = rng.random()
    if pick < 0.45:
        question[rng.choice(QUESTION_FIELDS)] = random_value(rng)
    elif pick < 0.6:
        question.pop(rng.choice(QUESTION_FIELDS), None)
    elif pick < 0.7:
        question[rng.choice(["unknown", "Id", " id", 1, None, ("id",)])] = "x"
    elif pick < 0.8:  # another question's id
        question["id"] = rng.choice([q.get("id") for q in others if type(q) is dict])
    elif pick < 0.9:  # the focus rules, and a bank left without ask questions
        question["skill"] = rng.choice(parts.SKILLS)
        if rng.random() < 0.5:
            question["focus"] = rng.choice([*parts.FOCUSES, "", "Facts"])
        else:
            question.pop("focus", None)
    else:
        words = ["a", "b-c", "x" * 30] * 4 + ["x" * 31, "A", "", "-x"]
        tags = [rng.choice(words) for _ in range(20)]
        question["tags"] = tags[: rng.choice([0, 1, 2, 19, 20])] + rng.choice([[], ["y"]])
        question["evergreen"] = rng.choice(FLAGS)


SPACES = [" ", "  ", "\n", "\t", "\xa0", "\u3000", "\u2028", "\x1c", "\x85", "\n\n "]


def respell(rng: random.Random, doc: Any) -> None:
    """A change the model takes and reads back differently: versions and flags in other
    spellings, texts wrapped over lines and around odd spaces (folded to one line)."""
    pick = rng.random()
    spaced = rng.choice(SPACES)
    if pick < 0.2:
        doc["schema_version"] = rng.choice(["1", " 1 ", "\t1\n", "\u30001", "1\x1c"])
    elif pick < 0.6 and type(doc.get("questions")) is list and doc["questions"]:
        question = rng.choice(doc["questions"])
        if type(question) is not dict:
            return
        if rng.random() < 0.5:
            flag = rng.choice(["true", "false"])
            question["evergreen"] = spaced + rng.choice([flag, flag.upper(), flag.title()])
        elif type(question.get("text")) is str:
            question["text"] = spaced + question["text"].replace(" ", spaced) + spaced
    elif pick < 0.8 and type(doc.get("title")) is str:
        doc["title"] = spaced + doc["title"].replace(" ", spaced)
    elif pick < 0.9:
        doc["description"] = rng.choice(["", spaced, f"One{spaced}two{spaced}"])
    elif type(doc.get("phases", {})) is dict:
        phases = doc.setdefault("phases", {})
        phases[rng.choice(parts.PHASES)] = f"{spaced}Say{spaced}it.{spaced}"


def mutate(rng: random.Random, doc: Any) -> None:
    if rng.random() < 0.3:
        respell(rng, doc)
        return
    questions = doc.get("questions")
    pick = rng.random()
    if pick < 0.5 and type(questions) is list and questions:
        mutate_question(rng, rng.choice(questions), questions)
    elif pick < 0.7:
        doc[rng.choice(BANK_FIELDS)] = random_value(rng)
    elif pick < 0.78:
        doc.pop(rng.choice(BANK_FIELDS), None)
    elif pick < 0.84:
        doc[rng.choice(["unknown", "Name", 1, None, True])] = "x"
    elif pick < 0.92:
        phases = doc.setdefault("phases", {})
        if type(phases) is dict:
            phases[rng.choice([*parts.PHASES, "other", "Listen", 1])] = random_value(rng)
    elif type(questions) is list:
        pick = rng.random()
        if pick < 0.3 and questions:
            questions.append(copy.deepcopy(rng.choice(questions)))  # a duplicate id
        elif pick < 0.5:
            questions[:] = [q for q in questions if type(q) is not dict or q.get("skill") != "ask"]
        elif pick < 0.7:
            questions.append(random_value(rng))
        else:
            del questions[rng.randrange(len(questions) + 1) :]


def base_documents(rng: random.Random) -> list[tuple[Any, str]]:
    """Whole built-in banks, slices of them, and a small bank, each with its file's stem."""
    found = []
    for name in BUILTINS:
        raw = raw_builtin(name)
        found.append((raw, name))
        for size in (1, 2, 5, 12):
            small = copy.deepcopy(raw)
            asks = [q for q in small["questions"] if q["skill"] == "ask"]
            small["questions"] = [*rng.sample(small["questions"], size), rng.choice(asks)]
            found.append((small, name))
    found.append((load_yaml(USER_BANK.encode(), "team-retro.yaml"), "team-retro"))
    return found


def fuzz(seed: int, cases: int) -> tuple[int, int]:
    """``cases`` mutated documents; (how many the plain check took, how many the model took).

    Whenever the plain check takes one, the model takes it too, with the same values; when
    only the model takes one, it holds something ``storage.yamlsafe`` never makes."""
    rng = random.Random(seed)
    bases = base_documents(rng)
    plain_count = model_count = 0
    for _ in range(cases):
        base, stem = rng.choice(bases)
        doc = copy.deepcopy(base)
        for _ in range(rng.choice([0, 1, 1, 1, 2, 3, 5])):
            mutate(rng, doc)
        stem_given = rng.choice([stem, stem, None, "other"])
        plain = plain_bank(doc, stem_given)
        modelled = by_model(doc, stem_given)
        model_count += modelled is not None
        if modelled is not None and plain is None:  # only for what YAML never makes
            assert not yaml_made(doc), doc
        if plain is not None:
            plain_count += 1
            assert_same(plain, modelled)
    return plain_count, model_count


def test_the_plain_check_never_takes_what_the_model_refuses():
    plain_count, model_count = fuzz(seed=20260, cases=400)
    # The run means something: many valid banks among the mutants, nearly all taken plainly.
    assert plain_count > 80
    assert model_count - plain_count <= model_count // 20


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_plain_check_never_takes_what_the_model_refuses_at_length(seed):
    plain_count, model_count = fuzz(seed=seed, cases=2500)
    assert plain_count > 500
    assert model_count - plain_count <= model_count // 20


def test_hostile_values_in_every_field_alone():
    """Each hostile value in each field of a small valid bank: the plain check and the model
    agree wherever the plain check says yes, and it says yes to every YAML-made valid value."""
    base = load_yaml(USER_BANK.encode(), "team-retro.yaml")
    for where in [*BANK_FIELDS, *(f"q.{f}" for f in QUESTION_FIELDS), "p.ask", "p.next"]:
        for value in HOSTILE:
            doc = copy.deepcopy(base)
            if where.startswith("q."):
                doc["questions"][1][where[2:]] = copy.deepcopy(value)
            elif where.startswith("p."):
                doc["phases"][where[2:]] = copy.deepcopy(value)
            else:
                doc[where] = copy.deepcopy(value)
            plain = plain_bank(doc, "team-retro")
            modelled = by_model(doc, "team-retro")
            if plain is not None:
                assert_same(plain, modelled)
            elif modelled is not None:  # stricter only for what YAML never makes
                assert not yaml_made(value), (where, value)


def test_unknown_or_odd_shapes_are_left_to_the_model():
    base = load_yaml(USER_BANK.encode(), "team-retro.yaml")
    for odd in (None, [], "bank", [base], {"questions": []}, {1: "x"}):
        assert plain_bank(odd) is None
    assert plain_bank(base, "other-name") is None
    assert plain_bank(base, None) is not None  # standard input: no file name to match
