"""The answers file read without pydantic: the plain check says yes only where the model does.

``load_answers`` asks the plain check (``answers_plain``) first and the pydantic model
(``answers_model``) only when the check is unsure. So the check must never accept what the model
refuses, and what it accepts must be the model's very values; and whatever the model refuses
must still give the model's error, at the same line and column. A seeded fuzz holds it to that
over the examples, the forms docs/answers.md quotes and thousands of mutations of them: wrong
types, unknown and missing fields, blank and padded text, numbers and yes/no written oddly,
out-of-range scales, bad choices, lists where mappings go, very long texts, no next steps.
"""

from __future__ import annotations

import contextlib
import json
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from coachcli.conversation import answers_model
from coachcli.conversation.answers import (
    CHECK_ANSWERS,
    MAX_ANSWERS_BYTES,
    RECORDS,
    AnswersFile,
    load_answers,
)
from coachcli.conversation.answers_plain import Unsure, line, whole
from coachcli.core.errors import BankError, UsageError
from coachcli.core.record import REQUIRED, from_model
from coachcli.storage.sessionfile import validation_detail
from coachcli.storage.yamlsafe import load_yaml_with_positions

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [ROOT / "examples" / "answers.yaml", ROOT / "examples" / "mentoring.yaml"]

MINIMAL = {  # tests/test_answers.py's smallest file, as the loader gives it: every value text
    "person": "Sam",
    "facts": ["Late twice"],
    "next_steps": [
        {"action": "Ask Priya to swap Thursday", "due": "2099-01-15", "confidence": "8"}
    ],
    "after_check": "no",
}
EVERY_FIELD = {  # each field in a form docs/answers.md quotes
    "person": "Chen Wu",
    "bank": "mentoring",
    "kind": "mentoring",
    "agenda": {"want": "A plan", "advice": "Say no", "take_over": "Their career path"},
    "checkin": {"words": "Tired", "scale": "7"},
    "facts": ["Two late shifts"],
    "feelings": ["Tired"],
    "values": ["Family"],
    "questions": [
        {"question": "What's the real challenge?", "answer": "Saying no"},
        {"id": "habit-awe", "answer": "The rota"},
    ],
    "restatement": "You are tired of covering.",
    "restatement_feedback": "Mostly Thursdays",
    "assumptions": [{"assumption": "They will mind", "reframe": "Ask", "prompt_id": "c-1"}],
    "next_steps": [
        {"action": "Call the client", "owner": "me", "due": "tomorrow", "confidence": "9"},
        {"action": "Draft it", "owner": "supervisor", "due": "2099-12-04", "confidence": "10"},
    ],
    "help_wanted": "Check the overtime rules",
    "help_confidence": "8",
    "next_meeting": "in 2 weeks",
    "learning": "Saying it out loud",
    "after_check": "partly",
    "notes": "Follow up",
    "relationship": {
        "cadence": "every 4 weeks",
        "expects": "A sounding board",
        "offers": "Introductions",
        "confidentiality": "Between us",
        "check": "Going well",
        "check_scale": "8",
    },
    "goal_reviews": [
        {"goal": "a1b2", "progress": "Halfway", "scale": "5", "status": "open"},
        {"goal": "Speak at a meetup", "status": "changed", "changed_to": "Run one"},
        {"goal": "Lead a project", "status": "achieved", "horizon": "by June"},
        {"goal": "Old goal", "status": "dropped"},
    ],
    "mentee_agenda": "Whether to apply",
    "goals": [{"goal": "Move into product", "horizon": "by September"}],
    "serves_goal": "Move into product",
    "grow_into": "A product manager",
    "offers": [
        {"kind": "experience", "text": "My first interview", "taken_up": "true"},
        {"kind": "suggestion", "text": "Shadow a PM", "taken_up": "false"},
        {"kind": "introduction", "text": "Priya in Ops", "taken_up": "yes", "due": "in 1 week"},
        {"kind": "sponsorship", "text": "For the APM role", "taken_up": "no", "confidence": "9"},
        {"kind": "introduction", "text": "Kim", "taken_up": "true", "action": "Introduce Ana"},
    ],
}

FIELDS = sorted({name for cls in RECORDS.values() for name, _ in cls.__fields__})
SPACES = [" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2028", "\x85", "\x1c", "\u200b"]
ODD = [
    # text: blank, padded, spaced beyond ASCII, long, control, a lone surrogate
    *["", " ", "  \t", "x", " x ", "\u00a0x", "x\u00a0", "\x1cx", "x\x1f", "\u3000x\u3000"],
    *["\u200bx", "x" * 101, "é" * 100, "é" * 101, "\ud800", "line\nbreak", "null", "~"],
    # whole numbers written every way
    *["0", "1", "8", "10", "11", "-1", " 8", "8 ", "+8", "08", "8.0", "٨", "1_0", "1e1", "0x8"],
    *["9999999999", "²", "８"],
    # yes/no and choices, right and wrong
    *["true", "false", "yes", "no", "True", "TRUE", "on", "off", "1", "y", "t"],
    *["person", "me", "supervisor", "Person", "open", "changed", "achieved", "dropped"],
    *["introduction", "experience", "mentoring", "coaching", "partly", "sometimes"],
    *["Me", "Supervisor", "Open", "Introduction", "Mentoring", "Partly", "No", " no", "no "],
    # shapes
    *[[], ["x"], [[]], {}, {"x": "y"}, {"words": "x"}, [{"goal": "x", "horizon": "y"}]],
]
NATIVE = [None, True, False, 0, 1, 8, 10, 11, -3, 8.0, 8.5, 10**30, ("x",), b"x", {"x"}]


def by_the_model(path: Path) -> tuple[Any, AnswersFile | str]:
    """The file's data, and what ``load_answers`` gave for it before the plain check: the
    model's values (as records), or its error message, placed as it always was."""
    raw, positions = load_yaml_with_positions(
        path.read_bytes(), str(path), max_bytes=MAX_ANSWERS_BYTES
    )
    try:
        model = answers_model.AnswersFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors(include_input=False)[0]
        line, col = positions.value(first["loc"])
        return raw, f"{path}:{line}:{col}: {validation_detail(exc)}"
    return raw, from_model(model, RECORDS)


def plainly(data: Any) -> AnswersFile | None:
    try:
        answers: AnswersFile = CHECK_ANSWERS(data)
    except Unsure:
        return None
    return answers


def raw_of(path: Path) -> Any:
    return load_yaml_with_positions(path.read_bytes(), str(path), max_bytes=MAX_ANSWERS_BYTES)[0]


def nodes(value: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every node below the root, with its path."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in list(items):
        yield (*at, key), child
        if isinstance(child, dict | list):
            yield from nodes(child, (*at, key))


def at(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def mutate(doc: dict[str, Any], rng: random.Random, pool: list[Any]) -> None:
    """One change somewhere in ``doc``: a value replaced, a field added, moved or removed, text
    padded, a node wrapped, a list emptied or grown."""
    found = list(nodes(doc))
    mappings = [doc] + [value for _, value in found if isinstance(value, dict)]
    texts = [path for path, value in found if isinstance(value, str)]
    move = rng.randrange(9)
    if move == 0 and found:  # any node becomes an odd value
        path, _ = rng.choice(found)
        at(doc, path[:-1])[path[-1]] = rng.choice(pool)
    elif move in (1, 2):  # a known field, perhaps in the wrong place, set to an odd value
        rng.choice(mappings)[rng.choice(FIELDS)] = rng.choice(pool)
    elif move == 3:  # a field removed
        mapping = rng.choice(mappings)
        if mapping:
            del mapping[rng.choice(list(mapping))]
    elif move == 4:  # an unknown field
        rng.choice(mappings)[rng.choice(["mood", "Person", "next_step", " person"])] = "x"
    elif move == 5 and texts:  # text padded with spaces of every kind
        path = rng.choice(texts)
        parent = at(doc, path[:-1])
        parent[path[-1]] = rng.choice(SPACES) + parent[path[-1]] + rng.choice(["", *SPACES])
    elif move == 6 and found:  # a node wrapped in a list or a mapping
        path, value = rng.choice(found)
        at(doc, path[:-1])[path[-1]] = rng.choice([[value], {"x": value}])
    elif move == 7:  # no next steps, or many
        steps = doc.get("next_steps")
        if isinstance(steps, list) and steps and rng.random() < 0.5:
            steps.extend(json.loads(json.dumps(steps)) * rng.randrange(1, 4))
        else:
            doc["next_steps"] = []
    elif texts:  # a very long text
        path = rng.choice(texts)
        at(doc, path[:-1])[path[-1]] = "word " * rng.choice([50, 500, 20_000])


def documents(count: int, seed: int, pool: list[Any]) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    bases = [raw_of(path) for path in EXAMPLES] + [MINIMAL, EVERY_FIELD]
    for base in bases:
        yield json.loads(json.dumps(base))
    for _ in range(count - len(bases)):
        doc = json.loads(json.dumps(rng.choice(bases)))
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            mutate(doc, rng, pool)
        yield doc


def written(doc: dict[str, Any], path: Path, rng: random.Random) -> Path:
    """``doc`` as JSON or as block or flow YAML, as an author might write it (a lone surrogate
    only as JSON's escape: YAML cannot write it, an editor could)."""
    form = rng.randrange(3)
    text = json.dumps(doc, ensure_ascii=form != 0 or rng.random() < 0.5)
    if form:
        with contextlib.suppress(UnicodeEncodeError):
            text = yaml.dump(
                doc,
                Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                allow_unicode=rng.random() < 0.5,
                sort_keys=False,
                default_flow_style=form == 2,
            )
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def check_files(tmp_path: Path, count: int, seed: int) -> tuple[int, int]:
    """Each document through ``load_answers`` and through the model alone: the same records or
    the same message; and whatever the plain check takes, the model takes alike."""
    rng = random.Random(seed + 1)
    plain = refused = 0
    for number, doc in enumerate(documents(count, seed, ODD)):
        path = written(doc, tmp_path / f"a{number}.{rng.choice(['yaml', 'json'])}", rng)
        try:
            raw, expected = by_the_model(path)
        except BankError:  # refused by the loader, before either check: nothing to compare
            continue
        quick = plainly(raw)
        if quick is not None:
            assert not isinstance(expected, str), (doc, expected)
            assert repr(quick) == repr(expected), doc  # repr: 8 is not "8", True is not 1
            plain += 1
        try:
            got = load_answers(path)
        except UsageError as exc:
            assert isinstance(expected, str), (doc, exc.message)
            assert exc.message == expected
            refused += 1
        else:
            assert not isinstance(expected, str), (doc, expected)
            assert repr(got) == repr(expected), doc
    return plain, refused


def test_files_read_plainly_or_by_the_model_give_what_the_model_gives(tmp_path):
    plain, refused = check_files(tmp_path, 250, seed=20261202)
    # Both ways are taken: valid files read plainly, invalid ones refused by the model.
    assert plain >= 40 and refused >= 120, (plain, refused)


@pytest.mark.slow  # ~2.5 s each
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_many_more_files_read_plainly_or_by_the_model_give_what_the_model_gives(tmp_path, seed):
    plain, refused = check_files(tmp_path, 2_000, seed)
    assert plain >= 300 and refused >= 1_200, (plain, refused)


@pytest.mark.parametrize("seed", range(4))
def test_data_of_any_python_type_the_check_takes_the_model_takes_alike(seed):
    """Data from elsewhere than the loader (ints, bools, None, floats, tuples, keys that are not
    text): never accepted where the model refuses, and equal where both accept."""
    both = 0
    pool = [*ODD, *NATIVE]
    rng = random.Random(seed)
    for doc in documents(400, seed, pool):
        if rng.random() < 0.1:
            rng.choice([m for _, m in nodes(doc) if isinstance(m, dict)] or [doc])[1] = "x"
        quick = plainly(doc)
        if quick is None:
            continue
        model = answers_model.AnswersFile.model_validate(doc)  # raises if the check was wrong
        assert repr(quick) == repr(from_model(model, RECORDS)), doc
        both += 1
    assert both >= 50


def single_changes(doc: dict[str, Any], field: str) -> Iterator[dict[str, Any]]:
    """``doc`` changed in one place at or under its ``field``, every way: each node replaced by
    each odd value, each text padded with each space, each field removed, each field name added
    to each mapping. The change is made in place and undone after the yield."""
    found = [(path, value) for path, value in nodes(doc) if path[0] == field]
    for path, value in found:
        parent, key = at(doc, path[:-1]), path[-1]
        for odd in [*ODD, *NATIVE]:
            parent[key] = odd
            yield doc
        if isinstance(value, str):
            for space in SPACES:
                for padded in (space + value, value + space, space + value + space):
                    parent[key] = padded
                    yield doc
        parent[key] = value
    for mapping in [doc] + [value for _, value in found if isinstance(value, dict)]:
        for key in [field] if mapping is doc else list(mapping):
            value = mapping.pop(key)
            yield doc
            mapping[key] = value
        for name in FIELDS:
            if name not in mapping:
                for value in ("x", "8", "true", [], {}):
                    mapping[name] = value
                    yield doc
                del mapping[name]


@pytest.mark.parametrize("field", sorted(EVERY_FIELD))
def test_every_single_change_the_check_takes_the_model_takes_alike(field):
    """Each field, at each place, set to each odd value, in the smallest file that has it: the
    check takes only what the model takes, and gives its values."""
    doc = json.loads(json.dumps(MINIMAL | {field: EVERY_FIELD[field]}))
    for changed in single_changes(doc, field):
        quick = plainly(changed)
        if quick is not None:
            model = answers_model.AnswersFile.model_validate(changed)  # raises if check was wrong
            assert repr(quick) == repr(from_model(model, RECORDS)), changed


def test_the_examples_and_the_documented_forms_are_read_plainly():
    for path in EXAMPLES:
        assert plainly(raw_of(path)) is not None, path
    for doc in (MINIMAL, EVERY_FIELD):
        assert plainly(doc) is not None
    assert load_answers(EXAMPLES[0]).next_steps[0].confidence == 8


@pytest.mark.parametrize(
    ("value", "expected"),
    [(" 8", 8), ("+8", 8), ("08", 8), ("8.0", 8), ("1_0", 10), ("٨", None), ("11", None)],
)
def test_a_number_written_oddly_is_left_to_the_model(tmp_path, value, expected):
    """The plain check takes only plain digits; the model decides the rest, as before."""
    doc = json.loads(json.dumps(MINIMAL))
    doc["next_steps"][0]["confidence"] = value
    assert plainly(doc) is None
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    if expected is None:
        with pytest.raises(UsageError, match=r"next_steps\[0\]\.confidence"):
            load_answers(path)
    else:
        assert load_answers(path).next_steps[0].confidence == expected


def test_the_pieces_are_narrower_than_the_model_where_pythons_idea_differs():
    with pytest.raises(Unsure):
        line("\u00a0x")  # the model strips a no-break space; Python and Rust differ beyond ASCII
    with pytest.raises(Unsure):
        line("x\x1c")  # Python strips this, the model does not
    assert line("\t x \n") == "x"
    for odd in (" 8", "+8", "08", "8.0", "٨", "８", "²", "", True, 8.0):
        with pytest.raises(Unsure):
            whole(1, 10)(odd)
    assert whole(1, 10)("10") == 10 and whole(1, 10)(7) == 7


def test_records_have_their_models_fields_and_defaults():
    """The records mirror the models: same names, same order, same required fields and
    defaults; a model's default part is its record's default part."""
    for name, record in RECORDS.items():
        model = getattr(answers_model, name)
        assert [field for field, _ in record.__fields__] == list(model.model_fields), name
        for field, default in record.__fields__:
            info = model.model_fields[field]
            if default is REQUIRED:
                assert info.is_required(), (name, field)
                continue
            made = getattr(record(**_required_values(record)), field)
            theirs = info.get_default(call_default_factory=True)
            assert repr(made) == repr(from_model(theirs, RECORDS)), (name, field)


def _required_values(record: type) -> dict[str, Any]:
    return {name: "x" for name, default in record.__fields__ if default is REQUIRED}


@pytest.mark.slow  # a fresh interpreter: this one has pydantic loaded already
def test_reading_the_examples_loads_no_pydantic():
    code = (
        "import sys; from pathlib import Path; "
        "from coachcli.conversation.answers import load_answers; "
        f"[load_answers(Path(p)) for p in {[str(p) for p in EXAMPLES]!r}]; "
        "print(sorted(m for m in sys.modules if m.startswith('pydantic')))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]", proc.stdout
