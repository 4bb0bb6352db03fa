"""banks.load: the bank format, its file:line:col errors, user banks, listing and rotation."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachcli.banks import load as banks
from coachcli.banks.model import bank_json_schema
from coachcli.banks.parts import Bank, Question
from coachcli.core.errors import BankError, ExitCode, NotFoundError

DATA = Path(__file__).parent / "data" / "banks"
ROOT = Path(__file__).parent.parent

GOOD = """\
schema_version: 1
name: {name}
title: A test bank
kind: coaching
questions:
  - id: ask-goal
    text: What do you want to achieve?
    skill: ask
  - id: listen-facts
    text: What happened?
    skill: listen
    focus: facts
"""


@pytest.fixture
def fake_builtins(monkeypatch):
    """Built-in banks from tests/data/banks/builtin, whatever prompts/ holds today."""
    monkeypatch.setattr(banks, "builtin_banks_dir", lambda: DATA / "builtin")
    return DATA / "builtin"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problem(tmp_path: Path, text: str, name: str = "mybank") -> BankError:
    path = write(tmp_path, name, text)
    with pytest.raises(BankError) as info:
        banks.load_bank_file(path)
    assert info.value.exit_code == ExitCode.DAMAGED
    return info.value


def message(tmp_path: Path, text: str, name: str = "mybank") -> str:
    """The error message with the tmp folder cut off: ``mybank.yaml:LINE:COL: …``."""
    return str(problem(tmp_path, text, name)).replace(f"{tmp_path}/", "")


# -- valid banks --------------------------------------------------------------------------------


def test_a_valid_bank_loads_with_typed_fields():
    bank = banks.load_bank_file(DATA / "builtin" / "coaching.yaml")
    assert bank.schema_version == 1
    assert bank.name == "coaching"
    assert bank.kind == "coaching"
    first = bank.questions[0]
    assert first.evergreen is True
    assert (first.framework, first.stage) == ("coaching-habit", "kickstart")
    assert bank.questions[4].tags == ["goal"]
    assert bank.description == "A small coaching bank used by the tests."


def test_scalars_are_only_typed_where_the_schema_asks(tmp_path):
    text = GOOD.format(name="mybank") + "    tags: [no, on, '0777']\n    stage: '1'\n"
    bank = banks.load_bank_file(write(tmp_path, "mybank", text))
    assert bank.questions[1].tags == ["no", "on", "0777"]
    assert bank.questions[1].stage == "1"


def test_title_and_text_are_folded_to_one_line(tmp_path):
    text = GOOD.format(name="mybank").replace("title: A test bank", "title: >\n  A test\n  bank\n")
    bank = banks.load_bank_file(write(tmp_path, "mybank", text))
    assert bank.title == "A test bank"


@pytest.mark.parametrize("value", ["true", "True", "TRUE", "false"])
def test_evergreen_accepts_true_and_false(tmp_path, value):
    text = GOOD.format(name="mybank") + f"    evergreen: {value}\n"
    bank = banks.load_bank_file(write(tmp_path, "mybank", text))
    assert bank.questions[1].evergreen is (value.lower() == "true")


def test_quoted_schema_version_one_is_fine(tmp_path):
    text = GOOD.format(name="mybank").replace("schema_version: 1", "schema_version: '1'")
    assert banks.load_bank_file(write(tmp_path, "mybank", text)).schema_version == 1


def test_the_starter_format_example_in_docs_validates(tmp_path):
    docs = (ROOT / "docs" / "banks.md").read_text(encoding="utf-8")
    example = docs.split("```yaml\n", 1)[1].split("```", 1)[0]
    bank = banks.load_bank_file(write(tmp_path, "coaching", example))
    assert bank.name == "coaching"


# -- rejections, each with its exact file:line:col: field: message ------------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("schema_version: 1", "schema_version: 2"),
            "1:17: schema_version: this bank is for a "
            "newer coachcli; this one reads schema_version 1",
        ),
        (("schema_version: 1", "schema_version: one"), "1:17: schema_version: must be one of: 1"),
        (("kind: coaching", "kind: therapy"), "4:7: kind: must be one of: coaching, mentoring"),
        (
            ("title: A test bank", "title: [a, b]"),
            "3:8: title: must be text, not a list or mapping",
        ),
        (
            ("title: A test bank", "title: ''"),
            "3:8: title: String should have at least 1 character",
        ),
        (
            ("name: mybank", "name: My Bank"),
            "2:7: name: String should match pattern '^[a-z0-9][a-z0-9-]{0,39}$'",
        ),
        (("name: mybank", "name: other"), "2:7: name: must equal the file name without .yaml"),
        (
            ("- id: ask-goal", "- id: Ask_Goal"),
            "6:9: questions[0].id: String should match pattern '^[a-z0-9][a-z0-9-]{0,63}$'",
        ),
        (
            ("- id: listen-facts", "- id: ask-goal"),
            "9:9: questions[1].id: duplicate id (first at questions[0])",
        ),
        (
            ("skill: ask", "skill: tell"),
            "8:12: questions[0].skill: must be one of: open, listen, "
            "ask, support, challenge, commit, close",
        ),
        (
            ("skill: ask", "skill: close"),
            "6:3: questions: needs at least one question with skill: ask",
        ),
        (
            ("    focus: facts\n", ""),
            "9:5: questions[1].focus: a listen question needs a focus: facts, feelings or values",
        ),
        (
            ("skill: ask\n", "skill: ask\n    focus: facts\n"),
            "9:12: questions[0].focus: only questions with skill listen have a focus",
        ),
        (
            ("focus: facts", "focus: thoughts"),
            "12:12: questions[1].focus: must be one of: facts, feelings, values",
        ),
        (
            ("text: What happened?", "text: ''"),
            "10:11: questions[1].text: String should have at least 1 character",
        ),
        (
            ("text: What happened?", "text: '   '"),
            "10:11: questions[1].text: String should have at least 1 character",
        ),
        (
            ("text: What happened?", 'text: "What\\e[31m happened?"'),
            "10:11: questions[1].text: contains control characters",
        ),
        (
            ("text: What happened?", "text: [What, happened]"),
            "10:11: questions[1].text: must be text, not a list or mapping",
        ),
        (
            ("  - id: ask-goal", "  - just text\n  - id: ask-goal"),
            "6:5: questions[0]: must be a mapping (key: value lines)",
        ),
    ],
)
def test_each_rule_points_at_the_offending_node(tmp_path, change, expected):
    old, new = change
    text = GOOD.format(name="mybank")
    assert old in text
    assert message(tmp_path, text.replace(old, new, 1)) == f"mybank.yaml:{expected}"


def test_text_over_500_characters(tmp_path):
    text = GOOD.format(name="mybank").replace("What happened?", "What " + "x" * 500 + "?")
    assert message(tmp_path, text) == (
        "mybank.yaml:10:11: questions[1].text: String should have at most 500 characters"
    )


def test_text_of_500_characters_is_fine(tmp_path):
    long = "What " + "x" * 494 + "?"
    assert len(long) == 500
    text = GOOD.format(name="mybank").replace("What happened?", long)
    assert banks.load_bank_file(write(tmp_path, "mybank", text)).questions[1].text == long


@pytest.mark.parametrize("value", ["yes", "no", "on", "1", "'true!'"])
def test_evergreen_refuses_yaml11_booleans(tmp_path, value):
    text = GOOD.format(name="mybank") + f"    evergreen: {value}\n"
    assert message(tmp_path, text) == (
        "mybank.yaml:13:16: questions[1].evergreen: must be true or false"
    )


def test_unknown_field_points_at_the_key(tmp_path):
    text = GOOD.format(name="mybank") + "    colour: blue\n"
    assert message(tmp_path, text) == "mybank.yaml:13:5: questions[1].colour: unknown field"


def test_unknown_top_level_field_points_at_the_key(tmp_path):
    text = "author: me\n" + GOOD.format(name="mybank")
    assert message(tmp_path, text) == "mybank.yaml:1:1: author: unknown field"


def test_unknown_phase_points_at_the_key(tmp_path):
    text = GOOD.format(name="mybank").replace(
        "questions:", "phases:\n  listen: Hear.\n  wrap: x\nquestions:"
    )
    assert message(tmp_path, text) == (
        "mybank.yaml:7:3: phases.wrap: unknown phase; expected one of: listen, ask, balance, next"
    )


def test_missing_field_points_at_the_parent_mapping(tmp_path):
    text = GOOD.format(name="mybank").replace("    text: What happened?\n", "")
    assert message(tmp_path, text) == (
        "mybank.yaml:9:5: questions[1].text: required field is missing"
    )


def test_missing_top_level_field_points_at_the_top(tmp_path):
    text = GOOD.format(name="mybank").replace("kind: coaching\n", "")
    assert message(tmp_path, text) == "mybank.yaml:1:1: kind: required field is missing"


def test_questions_must_be_a_list(tmp_path):
    text = GOOD.format(name="mybank").split("questions:")[0] + "questions: none\n"
    assert message(tmp_path, text) == "mybank.yaml:5:12: questions: must be a list"


def test_a_bank_that_is_not_a_mapping(tmp_path):
    assert message(tmp_path, "- a\n- b\n") == (
        "mybank.yaml:1:1: (top): must be a mapping (key: value lines)"
    )


def test_every_problem_is_listed_in_file_order_and_the_first_is_the_message(tmp_path):
    text = GOOD.format(name="mybank").replace("kind: coaching", "kind: x") + "    bad: 1\n"
    err = problem(tmp_path, text)
    prefix = f"{tmp_path}/mybank.yaml"
    assert err.problems == [
        f"{prefix}:4:7: kind: must be one of: coaching, mentoring",
        f"{prefix}:13:5: questions[1].bad: unknown field",
    ]
    assert str(err) == err.problems[0]
    assert err.hint == f"2 problems; `coach bank validate {prefix}` shows them all"


def test_messages_never_quote_the_offending_value(tmp_path):
    secret = "Sam-is-leaving-in-March"
    for old, new in [
        ("kind: coaching", f"kind: {secret}"),
        ("name: mybank", f"name: {secret}"),
        ("What happened?", f"What {secret}" + "x" * 600),
        ("skill: ask", f"skill: {secret}"),
        ("focus: facts", f"focus: {secret}"),
        ("title: A test bank", f"title: [{secret}]"),
        ("title: A test bank", f"title: 'unterminated {secret}"),
    ]:
        err = problem(tmp_path, GOOD.format(name="mybank").replace(old, new, 1))
        shown = " ".join([str(err), err.hint or "", *getattr(err, "problems", [])])
        assert secret not in shown, shown


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("billion-laughs.yaml", "3:4: anchors (&name) are not allowed"),
        ("python-object.yaml", "3:8: tags (!name, !!type) are not allowed"),
    ],
)
def test_hostile_fixture_files(fixture, expected):
    with pytest.raises(BankError) as info:
        banks.load_bank_file(DATA / fixture)
    assert str(info.value) == f"{DATA / fixture}:{expected}"


def test_a_duplicate_key_in_a_question(tmp_path):
    text = GOOD.format(name="mybank") + "    text: What else?\n"
    assert message(tmp_path, text) == "mybank.yaml:13:5: questions[1].text: duplicate key"


def test_bad_utf8_and_oversize_files(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(GOOD.format(name="bad").encode().replace(b"A test", b"A t\xe9st"))
    with pytest.raises(BankError, match=r"bad\.yaml:3:11: not valid UTF-8 \(byte 38\)$"):
        banks.load_bank_file(bad)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (2 * 1024 * 1024))
    with pytest.raises(BankError, match=r"big\.yaml:1:1: file is larger than 1024 KiB"):
        banks.load_bank_file(big)


def test_a_missing_file_is_not_found(tmp_path):
    with pytest.raises(NotFoundError, match="no such file"):
        banks.load_bank_file(tmp_path / "nope.yaml")


def test_a_folder_is_not_a_bank(tmp_path):
    (tmp_path / "dir.yaml").mkdir()
    with pytest.raises(BankError, match="is a folder"):
        banks.load_bank_file(tmp_path / "dir.yaml")


# -- property tests: a Bank or a BankError, never anything else ---------------------------------


@pytest.mark.slow
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_give_a_bank_or_a_bank_error(tmp_path, data):
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    try:
        assert isinstance(banks.load_bank_file(path), Bank)
    except BankError as exc:
        assert str(exc).startswith(str(path))


_scalars = st.one_of(
    st.text(max_size=30),
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=True),
    st.sampled_from(["ask", "listen", "facts", "coaching", "What now?", "1", "true", "fuzz"]),
)
_keys = st.one_of(
    st.sampled_from(
        [
            "schema_version",
            "name",
            "title",
            "kind",
            "description",
            "phases",
            "questions",
            "id",
            "text",
            "skill",
            "focus",
            "framework",
            "stage",
            "tags",
            "evergreen",
            "listen",
            "<<",
        ]
    ),
    st.text(max_size=10),
)
_trees = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(_keys, children, max_size=6)
    ),
    max_leaves=30,
)


@pytest.mark.slow
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tree=_trees, mangle=st.sampled_from(["", "&a ", "*a ", "!!str ", "---\n", "<<: x\n"]))
def test_arbitrary_yaml_structures_give_a_bank_or_a_bank_error(tmp_path, tree, mangle):
    path = tmp_path / "fuzz.yaml"
    text = yaml.safe_dump(tree, allow_unicode=True)
    path.write_text(mangle + text if mangle else text, encoding="utf-8")
    try:
        assert isinstance(banks.load_bank_file(path), Bank)
    except BankError as exc:
        assert str(exc).startswith(str(path))


@pytest.mark.slow
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    field=st.sampled_from(
        ["id", "text", "skill", "focus", "framework", "stage", "tags", "evergreen"]
    ),
    value=_trees,
)
def test_any_value_in_any_question_field_gives_a_bank_or_a_bank_error(tmp_path, field, value):
    doc = yaml.safe_load(GOOD.format(name="fuzz"))
    doc["questions"][1][field] = value
    path = tmp_path / "fuzz.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    try:
        assert isinstance(banks.load_bank_file(path), Bank)
    except BankError as exc:
        assert str(exc).startswith(f"{path}:")


_VALID = (DATA / "builtin" / "coaching.yaml").read_bytes()


@pytest.mark.slow
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_valid_bank_with_random_edits_gives_a_bank_or_a_bank_error(tmp_path, data):
    """Near-valid files reach the model's checks, not just the parser's."""
    content = bytearray(_VALID)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(content) - 1))
        size = data.draw(st.integers(0, 3))
        content[at : at + size] = data.draw(
            st.one_of(
                st.binary(max_size=4),
                st.sampled_from(
                    [b"&a ", b"*a", b"!!", b"\n  - ", b": ", b"- id: x\n", b"\t", b"\xff"]
                ),
            )
        )
    path = tmp_path / "coaching.yaml"
    path.write_bytes(bytes(content))
    try:
        assert isinstance(banks.load_bank_file(path), Bank)
    except BankError as exc:
        assert str(exc).startswith(f"{path}:")


# -- built-in and user banks --------------------------------------------------------------------


def test_user_banks_dir_is_under_coach_home(coach_home):
    assert banks.user_banks_dir() == coach_home / "banks"


def test_builtin_banks_ship_with_the_package_and_validate():
    folder = banks.builtin_banks_dir()
    names = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".yaml"))
    assert {"coaching.yaml", "mentoring.yaml"} <= set(names)
    for name in names:
        bank = banks.load_bank(name.removesuffix(".yaml"))
        assert bank.questions_for("ask"), name
    assert banks.load_bank("mentoring").kind == "mentoring"


def test_load_bank_finds_a_builtin(fake_builtins):
    bank = banks.load_bank("coaching")
    assert bank.title == "Coaching conversation (test)"
    assert banks.locate_bank("coaching") == (fake_builtins / "coaching.yaml", "built-in")


def test_a_user_bank_is_found_by_name(fake_builtins, coach_home):
    write(coach_home / "banks", "sample", (DATA / "sample.yaml").read_text())
    assert banks.load_bank("sample").title == "Sample bank"
    assert banks.locate_bank("sample")[1] == "user"


def test_a_user_bank_replaces_the_builtin_of_the_same_name(fake_builtins, coach_home):
    text = (DATA / "sample.yaml").read_text().replace("name: sample", "name: coaching")
    write(coach_home / "banks", "coaching", text)
    assert banks.load_bank("coaching").title == "Sample bank"
    listed, skipped = banks.list_banks()
    assert skipped == []
    assert [(b.name, b.source, b.questions) for b in listed] == [
        ("coaching", "user (replaces built-in)", 2),
        ("mentoring", "built-in", 3),
    ]


def test_a_broken_user_bank_is_skipped_and_builtins_still_load(fake_builtins, coach_home):
    folder = coach_home / "banks"
    write(folder, "broken", GOOD.format(name="broken").replace("kind: coaching", "kind: x"))
    write(folder, "sample", (DATA / "sample.yaml").read_text())
    (folder / "laughs.yaml").write_bytes((DATA / "billion-laughs.yaml").read_bytes())
    listed, skipped = banks.list_banks()
    assert [(b.name, b.kind, b.source, b.questions) for b in listed] == [
        ("coaching", "coaching", "built-in", 11),
        ("mentoring", "mentoring", "built-in", 3),
        ("sample", "coaching", "user", 2),
    ]
    assert [str(s) for s in skipped] == [
        f"{folder}/broken.yaml:4:7: kind: must be one of: coaching, mentoring",
        f"{folder}/laughs.yaml:3:4: anchors (&name) are not allowed",
    ]
    assert skipped[0].reason == "4:7: kind: must be one of: coaching, mentoring"


def test_a_broken_user_bank_that_replaces_a_builtin(fake_builtins, coach_home):
    folder = coach_home / "banks"
    write(folder, "coaching", GOOD.format(name="coaching").replace("kind: coaching", "kind: x"))
    with pytest.raises(BankError) as info:
        banks.load_bank("coaching")
    assert (
        str(info.value) == f"{folder}/coaching.yaml:4:7: kind: must be one of: coaching, mentoring"
    )
    assert "replaces the built-in bank 'coaching'" in info.value.hint
    listed, skipped = banks.list_banks()
    assert [(b.name, b.source) for b in listed] == [
        ("coaching", banks.BUILT_IN),
        ("mentoring", banks.BUILT_IN),
    ]
    assert skipped[0].reason.endswith("(the built-in bank 'coaching' is used instead)")


def test_coach_start_falls_back_to_the_builtin_when_the_override_is_broken(
    fake_builtins, coach_home
):
    """A broken user bank never stops a built-in from loading; the skip is reported."""
    folder = coach_home / "banks"
    write(folder, "coaching", GOOD.format(name="coaching").replace("kind: coaching", "kind: x"))
    told = []
    bank = banks.load_bank("coaching", on_skip=told.append)
    assert bank.name == "coaching"
    assert bank.title == banks.load_bank_file(fake_builtins / "coaching.yaml").title
    (entry,) = told
    assert str(entry).startswith(f"{folder}/coaching.yaml:4:7: kind:")
    assert "is used instead" in str(entry)


def test_badly_named_files_in_the_user_folder_are_reported(fake_builtins, coach_home):
    folder = coach_home / "banks"
    folder.mkdir(parents=True)
    (folder / "Mine.yaml").write_text(GOOD.format(name="Mine"))
    (folder / "mine.yml").write_text(GOOD.format(name="mine"))
    (folder / "notes.txt").write_text("not a bank")
    (folder / ".hidden.yaml").write_text("x")
    (folder / "sub").mkdir()
    listed, skipped = banks.list_banks()
    assert [b.name for b in listed] == ["coaching", "mentoring"]
    assert [(Path(s.path).name, s.reason) for s in skipped] == [
        ("Mine.yaml", "the file name is not a bank name (a-z, 0-9 and -, up to 40)"),
        ("mine.yml", "bank files end in .yaml; rename it"),
    ]


def test_unknown_bank_names_the_available_ones(fake_builtins, coach_home):
    write(coach_home / "banks", "sample", (DATA / "sample.yaml").read_text())
    with pytest.raises(NotFoundError) as info:
        banks.load_bank("nope")
    assert str(info.value) == "no bank named 'nope'; available: coaching, mentoring, sample"
    assert info.value.exit_code == ExitCode.NOT_FOUND


@pytest.mark.parametrize("name", ["../coaching", "/etc/passwd", "Coaching", "", "a" * 41])
def test_names_that_are_not_bank_names_are_not_found(fake_builtins, name):
    with pytest.raises(NotFoundError):
        banks.load_bank(name)


def test_a_bank_error_from_a_builtin_is_a_bank_error(monkeypatch, tmp_path):
    write(tmp_path, "coaching", GOOD.format(name="coaching").replace("kind: coaching", "kind: x"))
    monkeypatch.setattr(banks, "builtin_banks_dir", lambda: tmp_path)
    with pytest.raises(BankError, match=r"coaching\.yaml:4:7: kind: must be one of"):
        banks.load_bank("coaching")
    listed, skipped = banks.list_banks()
    assert listed == []
    assert skipped[0].reason.startswith("4:7: kind:")


# -- the model's methods and rotation -----------------------------------------------------------


def q(qid: str, skill: str = "ask", *, evergreen: bool = False, focus: str | None = None):
    return Question(
        id=qid, text=f"What about {qid}?", skill=skill, evergreen=evergreen, focus=focus
    )


def test_questions_for_filters_by_skill_and_focus():
    bank = banks.load_bank_file(DATA / "builtin" / "coaching.yaml")
    assert [x.id for x in bank.questions_for("ask")] == ["ask-goal", "ask-options", "ask-challenge"]
    assert [x.id for x in bank.questions_for("listen", "feelings")] == ["listen-feelings"]
    assert len(bank.questions_for("listen")) == 3
    assert bank.questions_for("nothing") == []


def test_purpose_uses_the_bank_or_a_default():
    bank = banks.load_bank_file(DATA / "builtin" / "coaching.yaml")
    assert (
        bank.purpose("ask") == "Open questions that begin with what or how let them do the "
        "thinking."
    )
    assert bank.purpose("next") == banks.DEFAULT_PURPOSES["next"]
    assert bank.purpose("unknown") == ""


def test_rotate_puts_evergreen_first_then_fresh_then_least_recently_asked():
    qs = [q("a"), q("b", evergreen=True), q("c"), q("d"), q("e"), q("f", evergreen=True)]
    # Most recent first: d was asked last, then a, then e; b is evergreen whatever happened.
    order = banks.rotate(qs, ["d", "a", "b", "e", "d"])
    assert [x.id for x in order] == ["b", "f", "c", "e", "a", "d"]


def test_rotate_with_no_history_is_bank_order_after_evergreen():
    qs = [q("a"), q("b"), q("c", evergreen=True)]
    assert [x.id for x in banks.rotate(qs, [])] == ["c", "a", "b"]
    assert banks.rotate([], ["a"]) == []


def test_rotate_ignores_unknown_ids_and_keeps_every_question_once():
    qs = [q("a"), q("b"), q("c")]
    order = banks.rotate(qs, ["zz", "b", "c", "a", "b"])
    assert [x.id for x in order] == ["a", "c", "b"]


# -- the JSON Schema ----------------------------------------------------------------------------


def test_the_schema_file_is_up_to_date():
    stored = json.loads((ROOT / "docs" / "bank.schema.json").read_text(encoding="utf-8"))
    assert stored == bank_json_schema(), (
        "regenerate: .venv/bin/python -c 'import json; from coachcli.banks.model import "
        "bank_json_schema as s; print(json.dumps(s(), indent=2, ensure_ascii=False))' "
        "> docs/bank.schema.json"
    )


def test_the_schema_accepts_the_banks_and_knows_the_focus_rule():
    import jsonschema

    schema = bank_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = [*sorted((ROOT / "prompts").glob("*.yaml")), *sorted((DATA / "builtin").glob("*.yaml"))]
    for path in files:
        errors = [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text()))]
        assert errors == [], path
    doc = yaml.safe_load(GOOD.format(name="x"))
    del doc["questions"][1]["focus"]
    assert not validator.is_valid(doc)
    doc["questions"][0]["focus"] = "facts"
    assert not validator.is_valid(doc)
