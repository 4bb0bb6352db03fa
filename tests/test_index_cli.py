"""What the listings print from the index: compact streamed JSON unless a person reads it,
JSON Lines, and sessions limited to what a terminal shows."""

from __future__ import annotations

import json

import pytest

from coachcli.cli.app import run
from factories import session_dict, write


@pytest.fixture
def three(coach_home):
    for n, person in enumerate(["Sam", "Kim", "Sam"]):
        write(coach_home, session_dict(f"2026112{n}-abc{n}23", person=person))


def output(capsys, *argv) -> tuple[int, str, str]:
    rc = run(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.mark.usefixtures("three")
@pytest.mark.parametrize("command", [["followup"], ["sessions"]])
def test_json_is_compact_when_piped_and_indented_with_pretty(capsys, command):
    rc, compact, _ = output(capsys, *command, "--json")
    assert rc in (0, 6)
    assert compact.count("\n") == 1 and compact.startswith("[{")
    rc, pretty, _ = output(capsys, *command, "--json", "--pretty")
    assert pretty.startswith("[\n  {")
    assert json.loads(compact) == json.loads(pretty) and len(json.loads(compact)) == 3


@pytest.mark.usefixtures("three")
@pytest.mark.parametrize("command", [["followup"], ["sessions"]])
def test_jsonl_is_one_object_a_line(capsys, command):
    _, lines, _ = output(capsys, *command, "--json")
    _, jsonl, _ = output(capsys, *command, "--jsonl")
    assert [json.loads(line) for line in jsonl.splitlines()] == json.loads(lines)


def test_pretty_alone_is_a_usage_error(capsys):
    rc, _, err = output(capsys, "sessions", "--pretty")
    assert rc == 2 and "--pretty goes with --json" in err


@pytest.mark.usefixtures("three")
def test_sessions_limit_shows_the_latest_and_says_how_many_more(capsys):
    rc, out, _ = output(capsys, "sessions", "--limit", "2")
    assert rc == 0
    assert "20261120-abc023" not in out
    assert "20261121-abc123" in out and "20261122-abc223" in out
    assert "(the last 2 of 3 sessions; --limit N or --all shows more)" in out
    _, out, _ = output(capsys, "sessions", "--person", "sam", "--json")
    assert [s["id"] for s in json.loads(out)] == ["20261120-abc023", "20261122-abc223"]


@pytest.mark.usefixtures("three")
def test_sessions_at_a_terminal_show_the_last_screenful(capsys, monkeypatch):
    from coachcli.cli import history

    monkeypatch.setattr(history, "TERMINAL_LIMIT", 1)
    monkeypatch.setattr("coachcli.ui.terminal.is_terminal", lambda *a: True)
    rc, out, _ = output(capsys, "sessions")
    assert rc == 0 and "20261122-abc223" in out and "20261121-abc123" not in out
    assert "the last 1 of 3" in out
    rc, out, _ = output(capsys, "sessions", "--all")
    assert "20261120-abc023" in out and "the last" not in out


@pytest.mark.parametrize("lines", [False, True])
def test_streamed_json_escapes_what_a_terminal_would_act_on(capsys, lines):
    from coachcli.ui.jsonout import write_json

    values = [{"text": "Zoë 王 \u202eevil\x9b[31m \x7f\u2028"}, {"text": "plain"}]
    write_json(iter(values), lines=lines)
    out = capsys.readouterr().out
    for raw in ("\u202e", "\x9b", "\x7f", "\u2028"):
        assert raw not in out
    assert "\\u202e" in out and "\\u009b" in out and "Zoë 王" in out
    parsed = [json.loads(x) for x in out.splitlines()] if lines else json.loads(out)
    assert parsed == values


@pytest.mark.parametrize("lines", [False, True])
@pytest.mark.parametrize("count", [0, 1, 2, 3, 7])
def test_streamed_json_is_whole_across_chunks(capsys, monkeypatch, lines, count):
    """Values are encoded a chunk at a time: every boundary (none, exact, one over) is valid."""
    from coachcli.ui import jsonout

    monkeypatch.setattr(jsonout, "CHUNK", 3)
    values = [{"n": n, "text": f'item {n}, "quoted" [x]', "none": None} for n in range(count)]
    jsonout.write_json(iter(values), lines=lines)
    out = capsys.readouterr().out
    parsed = [json.loads(x) for x in out.splitlines()] if lines else json.loads(out)
    assert parsed == values


def _random_text(rng) -> str:
    pool = [chr(c) for c in range(0x250)] + ["\u202e", "\u2028", "\x9b", "王", "😀", "\U0010fffd"]
    return "".join(rng.choice(pool) for _ in range(rng.randrange(0, 16)))


def test_the_bulk_encoder_writes_exactly_what_json_writes():
    import random

    from coachcli.core.bulkjson import bulk_encoder

    plain = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    bulk = bulk_encoder(plain)
    assert bulk is not plain  # orjson is installed: this compares two encoders
    rng = random.Random(7)
    for _ in range(3000):
        value = [
            {
                "id": _random_text(rng),
                "n": rng.randrange(-(2**63), 2**63),
                "none": None,
                "flag": rng.random() < 0.5,
                "list": [_random_text(rng), rng.randrange(100)],
            }
        ]
        assert bulk(value) == plain(value)
    for refused in (["half \ud800 pair"], [2**64], {"k": [2**100]}):
        assert bulk(refused) == plain(refused)


def test_a_big_listing_is_the_same_text_with_either_encoder(capsys, monkeypatch):
    from coachcli.ui import jsonout

    values = [{"id": f"{n:08d}", "text": f"Zoë {n} \u202e", "n": n} for n in range(4500)]
    jsonout.write_json(iter(values))
    bulk = capsys.readouterr().out
    monkeypatch.setattr(jsonout, "bulk_encoder", lambda fallback: fallback)
    jsonout.write_json(iter(values))
    assert capsys.readouterr().out == bulk and json.loads(bulk) == values


def test_a_session_line_as_json_has_every_field_in_order():
    from coachcli.index.query import SessionLine, as_dict

    line = SessionLine("20261124-abc234", "2026-11-24", "Zoë", "coaching", "mentoring", 1, 3)
    assert as_dict(line) == line._asdict()
    assert list(as_dict(line)) == list(SessionLine._fields)
