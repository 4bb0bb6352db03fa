"""storage.yamlsafe: every rejection rule with a hostile input, and scalars kept as written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coachcli.core.errors import BankError, ExitCode
from coachcli.storage import yamlsafe
from coachcli.storage.yamlsafe import MAX_BYTES, MAX_DEPTH, load_yaml, load_yaml_with_positions

DATA = Path(__file__).parent / "data" / "banks"


@pytest.fixture(autouse=True, params=["libyaml", "python"])
def parser(request, monkeypatch):
    """Every rule holds with the C parser (used when PyYAML has it) and the pure-Python one."""
    if request.param == "python":
        monkeypatch.setattr(yamlsafe, "_Loader", yaml.SafeLoader)
    return request.param


def refused(data: bytes, filename: str = "f.yaml") -> str:
    with pytest.raises(BankError) as info:
        load_yaml(data, filename)
    assert info.value.exit_code == ExitCode.DAMAGED
    return str(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("true", "true"),
        ("1", "1"),
        ("0777", "0777"),
        ("0x1F", "0x1F"),
        ("1.10", "1.10"),
        (".inf", ".inf"),
        ("1e3", "1e3"),
        ("~", "~"),
        ("null", "null"),
        ("", ""),
        ("2026-01-01", "2026-01-01"),
        ("2026-01-01T10:00:00Z", "2026-01-01T10:00:00Z"),
        ("12:30", "12:30"),
        ("'quoted no'", "quoted no"),
    ],
)
def test_scalars_stay_the_strings_the_author_wrote(text, expected):
    assert load_yaml(f"value: {text}\n".encode(), "f.yaml") == {"value": expected}


def test_lists_and_nested_mappings_are_plain_python():
    data = b"a:\n  - x\n  - {y: 1, z: [no, 0777]}\nb: |\n  two\n  lines\n"
    assert load_yaml(data, "f.yaml") == {
        "a": ["x", {"y": "1", "z": ["no", "0777"]}],
        "b": "two\nlines\n",
    }


def test_a_byte_order_mark_is_fine():
    assert load_yaml(b"\xef\xbb\xbfname: x\n", "f.yaml") == {"name": "x"}


def test_positions_of_values_and_keys_are_one_based():
    data = b"name: x\nquestions:\n  - id: a\n    text: What?\n  - id: b\n"
    _, positions = load_yaml_with_positions(data, "f.yaml")
    assert positions.value(("name",)) == (1, 7)
    assert positions.value(("questions", 0, "text")) == (4, 11)
    assert positions.key(("questions", 0, "text")) == (4, 5)
    assert positions.value(("questions", 1)) == (5, 5)
    # A missing field points at its parent mapping.
    assert positions.value(("questions", 1, "text")) == (5, 5)
    assert positions.value(()) == (1, 1)
    assert positions.values[("questions", 0, "text")] == (4, 11)  # kept as paths, not text


def test_oversize_is_refused_before_parsing():
    # Not even valid YAML: proves the size check comes first.
    message = refused(b"[" * (MAX_BYTES + 1))
    assert message == "f.yaml:1:1: file is larger than 1024 KiB; refusing to read it"


def test_exactly_the_limit_is_read():
    data = b"a: " + b"x" * (MAX_BYTES - 4) + b"\n"
    assert len(data) == MAX_BYTES
    assert load_yaml(data, "f.yaml") == {"a": "x" * (MAX_BYTES - 4)}


def test_bad_utf8_names_the_byte_and_position():
    assert refused(b"name: ok\ntitle: caf\xe9!\n") == "f.yaml:2:11: not valid UTF-8 (byte 19)"


def test_bad_utf8_after_a_bom_counts_the_bom_bytes():
    assert refused(b"\xef\xbb\xbfa: \xff\n") == "f.yaml:1:4: not valid UTF-8 (byte 6)"


def test_control_characters_are_refused_with_their_position():
    assert refused("é: ok\nb: x\x07y\n".encode()) == (
        "f.yaml:2:5: a control character is not allowed here (only tab and newline are)"
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a: !!python/object/apply:os.system ['echo pwned']\n", "f.yaml:1:4"),
        (b"a: !!python/name:os.system\n", "f.yaml:1:4"),
        (b"a: !!binary aGVsbG8=\n", "f.yaml:1:4"),
        (b"a: !!str 1\n", "f.yaml:1:4"),
        (b"a: !custom x\n", "f.yaml:1:4"),
        (b"a: ! x\n", "f.yaml:1:4"),
        (b"a:\n  - !!map {b: c}\n", "f.yaml:2:5"),
        (b"a: !!seq [1]\n", "f.yaml:1:4"),
        (b"!!map\nb: c\n", "f.yaml:1:1"),
        (b"%TAG !e! tag:example.com,2000:\n---\na: !e!thing x\n", "f.yaml:3:4"),
    ],
)
def test_every_tag_is_refused(data, expected):
    assert refused(data) == f"{expected}: tags (!name, !!type) are not allowed"


def test_a_tag_on_a_key_is_refused():
    assert refused(b"!!str a: b\n") == "f.yaml:1:1: tags (!name, !!type) are not allowed"


def test_anchors_are_refused():
    assert refused(b"a: &x 1\nb: 2\n") == "f.yaml:1:4: anchors (&name) are not allowed"


def test_aliases_are_refused():
    # The alias comes before any anchor here (an undefined alias): still refused by name.
    message = refused(b"a: [1, 2]\nb: *x\n")
    assert message.startswith("f.yaml:2:4: ")


def test_billion_laughs_fails_at_the_first_anchor():
    data = (DATA / "billion-laughs.yaml").read_bytes()
    assert refused(data, "billion-laughs.yaml") == (
        "billion-laughs.yaml:3:4: anchors (&name) are not allowed"
    )


def test_a_huge_alias_expansion_is_refused_without_expanding():
    # 10**9 leaves if expanded: must stop at once (no timing assertion; it would hang otherwise).
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]")
    assert refused("\n".join(lines).encode()).endswith("anchors (&name) are not allowed")


def test_merge_keys_are_refused():
    assert refused(b"base: {a: 1}\nother:\n  <<: {a: 2}\n") == (
        "f.yaml:3:3: merge keys (<<) are not allowed"
    )


def test_duplicate_keys_are_refused_at_the_second_one():
    assert refused(b"name: a\ntitle: t\nname: b\n") == "f.yaml:3:1: name: duplicate key"


def test_duplicate_keys_in_nested_flow_mappings_are_refused():
    assert refused(b"q:\n  - {id: a, id: b}\n") == "f.yaml:2:13: q[0].id: duplicate key"


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"1: x\n", "1:1"),
        (b"yes: x\n", "1:1"),
        (b"~: x\n", "1:1"),
        (b"a:\n  2026-01-01: x\n", "2:3"),
    ],
)
def test_keys_that_would_read_as_non_strings_are_refused(data, where):
    assert refused(data) == (
        f"f.yaml:{where}: mapping keys must be strings (this one reads as a number, "
        "boolean, date or null; quote it)"
    )


def test_quoted_keys_are_strings():
    assert load_yaml(b"'1': x\n\"yes\": y\n", "f.yaml") == {"1": "x", "yes": "y"}


@pytest.mark.parametrize("data", [b"? [a, b]\n: x\n", b"? {a: b}\n: x\n", b"[a]: x\n"])
def test_collection_keys_are_refused(data):
    assert refused(data).endswith("mapping keys must be plain names, not lists or mappings")


def test_more_than_one_document_is_refused():
    assert refused(b"a: 1\n---\nb: 2\n") == (
        "f.yaml:2:1: more than one YAML document (---); a bank is one document"
    )


@pytest.mark.parametrize("data", [b"", b"\n\n", b"# only a comment\n"])
def test_an_empty_file_is_refused(data):
    assert refused(data) == "f.yaml:1:1: the file is empty"


def test_nesting_deeper_than_the_limit_is_refused():
    deep = b"[" * 500 + b"]" * 500
    assert refused(deep) == f"f.yaml:1:{MAX_DEPTH + 1}: nested more than {MAX_DEPTH} levels deep"


def test_block_nesting_deeper_than_the_limit_is_refused():
    deep = "".join(f"{'  ' * i}k:\n" for i in range(MAX_DEPTH + 5)).encode()
    assert refused(deep).endswith(f"nested more than {MAX_DEPTH} levels deep")


def test_extreme_nesting_is_refused_by_the_parser_itself():
    # libyaml stops at 1000 levels while reading ahead; either way it is a BankError.
    assert "nest" in refused(b"[" * 100_000)


def test_nesting_up_to_the_limit_is_fine():
    data = b"[" * MAX_DEPTH + b"]" * MAX_DEPTH
    value = load_yaml(data, "f.yaml")
    for _ in range(MAX_DEPTH - 1):
        value = value[0]
    assert value == []


def test_syntax_errors_keep_the_position_but_not_the_text():
    message = refused(b"title: fine\nsecret: 'my note text\n")
    assert message.startswith("f.yaml:3:1: invalid YAML: ")
    assert "note" not in message


def test_syntax_errors_do_not_quote_characters_from_the_file():
    message = refused(b"a: b: c\nq: @secret\n")
    assert message in (
        "f.yaml:1:5: invalid YAML: mapping values are not allowed in this context",  # libyaml
        "f.yaml:1:5: invalid YAML: mapping values are not allowed here",  # PyYAML
    )
    assert "secret" not in refused(b"q: @secret\n")


def test_error_detail_is_line_col_message():
    with pytest.raises(BankError) as info:
        load_yaml(b"a: &x 1\n", "some/dir/f.yaml")
    assert info.value.detail == "1:4: anchors (&name) are not allowed"
    assert info.value.path == "some/dir/f.yaml"
