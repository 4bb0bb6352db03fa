"""Every --json output is valid against the schema `coach schema NAME` prints."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest

from coachcli.cli.app import run
from coachcli.cli.json_schemas import OUTPUTS, schema
from factories import make_session

CASES = {
    "people": ["people", "--json"],
    "sessions": ["sessions", "--json"],
    "followup": ["followup", "--json", "--all"],
    "followup-check": ["followup", "--check", "--json"],
    "check-question": ["check-question", "--json", "Why did you do that?"],
    "check-step": ["check-step", "--json", "Maybe think about the rota"],
    "prep": ["prep", "José Ñúñez", "--json"],
    "doctor": ["doctor", "--json"],
    "bank": ["bank", "show", "mentoring", "--json"],
    "bank-list": ["bank", "list", "--json"],
    "bank-lint": ["bank", "lint", "mentoring", "--json"],
    "report": ["report", "--json"],
    "path": ["path", "--json"],
    "guide": ["guide", "--json"],
    "forget-plan": ["forget", "José Ñúñez", "--dry-run", "--json"],
    "config": ["config", "--json"],
    "sync-status": ["sync", "status", "--json"],
    "encrypt-status": ["encrypt", "status", "--json"],
}


@pytest.fixture
def store(coach_home):
    from coachcli.storage.store import Store

    s = Store(coach_home)
    for n, name in enumerate(["José Ñúñez", "=Sam", "Zoë 王 😀"], start=1):
        s.save_new_session(make_session(name, n))
    return s


def output(capsys, argv) -> tuple[int, str]:
    rc = run(argv)
    return rc, capsys.readouterr().out


def test_every_schema_has_a_case_and_is_a_valid_schema():
    assert set(CASES) == set(OUTPUTS)
    for name in OUTPUTS:
        jsonschema.Draft202012Validator.check_schema(schema(name))


@pytest.mark.parametrize("name", list(CASES))
def test_output_matches_its_schema(name, store, capsys):
    rc, out = output(capsys, CASES[name])
    assert rc in (0, 2, 6), out  # lint: 2 when questions need work; check: 6 when overdue
    data = json.loads(out)
    jsonschema.validate(data, schema(name))
    if "version" in schema(name).get("properties", {}):  # outputs made with the contract
        assert data["version"] == OUTPUTS[name][1] and isinstance(data["kind"], str)


def test_the_session_schema_is_what_show_json_prints(store, capsys):
    rc, out = output(capsys, ["show", "20261124-s0001x", "--json"])
    assert rc == 0
    rc, printed = output(capsys, ["schema"])
    jsonschema.validate(json.loads(out), json.loads(printed))


@pytest.mark.parametrize("name", ["session", *OUTPUTS])
def test_coach_schema_prints_each(name, capsys):
    rc, out = output(capsys, ["schema", name])
    assert rc == 0
    assert isinstance(json.loads(out), dict)


def test_an_unknown_schema_is_not_found(capsys):
    assert run(["schema", "nonsense"]) == 8
    assert "coach schema --list" in capsys.readouterr().err


def test_existing_shapes_are_kept(store, capsys):
    """Scripts written before the contract keep working: arrays stay arrays, keys stay."""
    _, out = output(capsys, ["check-question", "--json", "What now?"])
    assert set(json.loads(out)) == {"text", "ok", "issues", "suggestion"}
    _, out = output(capsys, ["followup", "--json"])
    assert isinstance(json.loads(out), list)


def test_followup_check_json_counts_match_the_line(store, capsys):
    rc, line = output(capsys, ["followup", "--check"])
    rc_json, out = output(capsys, ["followup", "--check", "--json"])
    data = json.loads(out)
    assert rc == rc_json
    assert data["line"] == line.strip()
    assert f"{data['overdue']} overdue" in line and f"{data['open']} open" in line


@pytest.mark.parametrize(
    ("argv", "json_argv"),
    [
        (["people", "--csv"], ["people", "--json"]),
        (["sessions", "--csv"], ["sessions", "--json"]),
        (["followup", "--csv", "--all"], ["followup", "--json", "--all"]),
    ],
)
def test_csv_listings_hold_the_json_rows(argv, json_argv, store, capsys):
    rc, out = output(capsys, argv)
    assert rc == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    _, js = output(capsys, json_argv)
    expected = json.loads(js)
    assert len(rows) == len(expected) and rows
    for row, item in zip(rows, expected, strict=True):
        assert list(row) == list(item)
        for key, value in item.items():
            if isinstance(value, str) and value.startswith("="):
                assert row[key] == "'" + value  # a spreadsheet never runs a name as a formula
            elif isinstance(value, bool):
                assert row[key] == str(int(value))
            elif value is None:
                assert row[key] == ""
            else:
                assert row[key] == str(value)
