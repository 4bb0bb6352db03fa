"""Scenario files are refused like banks: strict YAML, a checked schema, FILE:LINE:COL errors,
size caps; a broken file of the user's never stops the others from loading."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachcli.cli.app import run
from coachcli.core.errors import BankError, ExitCode, NotFoundError
from coachcli.practice.load import (
    MAX_SCENARIO_BYTES,
    list_scenarios,
    load_scenario,
    load_scenario_file,
    user_dir,
)

ROOT = Path(__file__).resolve().parent.parent
BUILTIN = ROOT / "prompts" / "scenarios" / "overload.yaml"


def write(name: str, text: str) -> Path:
    folder = user_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def own(sid: str = "my-one", **changes: str) -> str:
    """A valid scenario of the user's (a copy of a built-in under a new id)."""
    text = BUILTIN.read_text(encoding="utf-8").replace("id: overload", f"id: {sid}")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    return text


def test_a_users_scenario_loads_and_is_listed_as_theirs():
    write("my-one.yaml", own(**{"title: Too much": "title: Mine, too much"}))
    scenario = load_scenario("my-one")
    assert scenario.title.startswith("Mine, too much") and scenario.source == "user"
    found, skipped = list_scenarios()
    assert "my-one" in [s.id for s in found] and not skipped


def test_a_users_file_replaces_the_built_in_of_the_same_id():
    write("overload.yaml", own("overload", **{"title: Too much": "title: Mine, too much"}))
    assert load_scenario("overload").title.startswith("Mine")


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("id: x\ntitle: !!python/object/apply:os.system [echo]\n", "2:8", "tags"),
        ("id: &a x\n", "1:5", "anchors"),
        ("a: [1, 2\n", "2:1", "invalid YAML"),
        ("- just\n- a list\n", "1:1", "must be a mapping"),
        ("id: x\nid: y\n", "2:1", "duplicate key"),
        ("\x00", "1:1", "control character"),
    ],
)
def test_hostile_or_broken_yaml_is_refused_with_its_position(text, where, message):
    path = write("bad-one.yaml", text)
    with pytest.raises(BankError) as caught:
        load_scenario_file(path)
    assert caught.value.message.startswith(f"{path}:{where}: ")
    assert message in caught.value.message
    assert "python" not in caught.value.message and "echo" not in caught.value.message


def test_billion_laughs_stops_at_the_first_anchor():
    text = (ROOT / "tests" / "data" / "banks" / "billion-laughs.yaml").read_text()
    with pytest.raises(BankError, match="anchors"):
        load_scenario_file(write("laughs.yaml", text))


def test_a_file_over_the_cap_is_not_parsed():
    path = write("huge.yaml", "id: huge\n" + "#" * MAX_SCENARIO_BYTES)
    with pytest.raises(BankError, match=r":1:1: file is larger than 64 KiB"):
        load_scenario_file(path)


def test_every_schema_problem_is_listed_with_its_field_and_position():
    text = own(
        "bad-schema",
        **{
            "kind: coaching": "kind: therapy",
            "    - note: she is working most evenings to keep up\n"
            "      said: I'm doing evenings most nights to keep up": (
                "    - note: she is working most evenings to keep up\n"
                "      said: words she never says"
            ),
            "intention: I'll just try to get more organised.": "intentions: no",
        },
    )
    path = write("bad-schema.yaml", text)
    with pytest.raises(BankError) as caught:
        load_scenario_file(path)
    problems = caught.value.problems
    assert any(":3:7: kind: must be one of: coaching, mentoring" in p for p in problems)
    assert any("heard.facts[1].said: must be words the person says" in p for p in problems)
    assert any("intentions: unknown field" in p for p in problems)
    assert any("intention: required field is missing" in p for p in problems)
    assert all(p.startswith(f"{path}:") for p in problems)
    assert "never says" not in "\n".join(problems)  # the file's text is not quoted


def test_the_id_must_match_the_file_name():
    with pytest.raises(BankError, match="id: must match the file name"):
        load_scenario_file(write("other-name.yaml", own("my-one")))


def test_model_answers_need_three_questions():
    text = own(
        "short-ask", **{"    - Which of the things you've taken on matters most to you?\n": ""}
    )
    with pytest.raises(BankError, match=r"model\.ask: needs 3"):
        load_scenario_file(write("short-ask.yaml", text))


def test_broken_user_files_are_skipped_and_the_rest_still_load():
    write("broken.yaml", "id: broken\ntitle: [\n")
    write("Bad Name.yaml", own())
    write("old.yml", own("old"))
    write("overload.yaml", "id: overload\n")  # a broken replacement: the built-in is used
    found, skipped = list_scenarios()
    ids = [s.id for s in found]
    assert "overload" in ids and len(ids) >= 20
    assert load_scenario("missed-deadline").title
    reasons = "\n".join(str(s) for s in skipped)
    assert "broken.yaml:3:1: invalid YAML" in reasons
    assert "not a scenario id" in reasons and "end in .yaml" in reasons
    assert "the built-in scenario is used instead" in reasons


def test_an_unknown_scenario_is_not_found():
    with pytest.raises(NotFoundError, match="no practice scenario named 'nope'"):
        load_scenario("nope")
    with pytest.raises(NotFoundError):
        load_scenario("../../etc/passwd")


def test_validate_shows_every_problem_and_exits_3(capsys):
    path = write("bad-schema.yaml", own("bad-schema", **{"kind: coaching": "kind: therapy"}))
    assert run(["practice", "--validate", str(path)]) == ExitCode.DAMAGED
    err = capsys.readouterr().err
    assert f"{path}:3:7: kind: must be one of" in err
    assert run(["practice", "--validate", str(BUILTIN)]) == 0
    assert "ok: overload" in capsys.readouterr().out


def test_list_json_reports_skipped_files_and_still_lists(capsys):
    write("broken.yaml", "id: broken\ntitle: [\n")
    assert run(["practice", "--list", "--json"]) == 0
    captured = capsys.readouterr()
    assert "broken.yaml" in captured.err
    assert '"skipped"' in captured.out


def test_a_broken_replacement_is_refused_with_a_way_back_to_the_built_in(capsys, tmp_path):
    write("overload.yaml", "id: overload\n")
    with pytest.raises(BankError) as caught:
        load_scenario("overload")
    assert "replaces the built-in scenario 'overload'" in (caught.value.hint or "")
    answers = tmp_path / "a.yaml"
    answers.write_text("commit: Send the list by Friday\n")
    assert run(["practice", "overload", "--answers", str(answers)]) == ExitCode.DAMAGED
    assert "hint: this file replaces the built-in" in capsys.readouterr().err
