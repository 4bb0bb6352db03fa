"""``coach report`` on stores made the real way: ``coach start --answers`` then ``coach followup``.

Every text typed holds a sentinel; the figures are known from what was scripted, and no output
of the report may contain the sentinel.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from coachcli.cli.app import run
from coachcli.core.clock import SystemClock

SENTINEL = "Zq9SECRETe2e"


def answers(person: str, *, due: list[str], owner: str = "person", took_over: str = "no") -> str:
    steps = "\n".join(
        f"  - action: Ask {SENTINEL} step {i}\n    owner: {owner}\n    due: {d}\n    confidence: 7"
        for i, d in enumerate(due)
    )
    return f"""
person: {person}
agenda:
  want: {SENTINEL} want
  advice: {SENTINEL} advice
facts: ["{SENTINEL} fact"]
feelings: ["{SENTINEL} feeling"]
values: ["{SENTINEL} value"]
questions:
  - question: What would help {SENTINEL} most?
    answer: {SENTINEL} answer
assumptions:
  - assumption: {SENTINEL} assumption
    reframe: {SENTINEL} reframe
next_steps:
{steps}
learning: {SENTINEL} learning
after_check: {took_over}
notes: {SENTINEL} notes
"""


def start(tmp_path, capsys, name: str, text: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text)
    rc = run(["start", "--answers", str(path)])
    out, err = capsys.readouterr()
    assert rc == 0, out + err


def open_items(capsys) -> list[dict]:
    rc = run(["followup", "--json", "--no-review"])
    out, err = capsys.readouterr()
    assert rc == 0, out + err
    return json.loads(out)


def test_report_on_a_store_made_with_start_and_followup(tmp_path, coach_home, capsys):
    today = SystemClock().today()
    soon, later = today + timedelta(days=3), today + timedelta(days=20)
    start(tmp_path, capsys, "sam", answers("Sam", due=[soon.isoformat(), later.isoformat()]))
    start(
        tmp_path,
        capsys,
        "alex",
        answers("Alex", due=[later.isoformat()], owner="supervisor", took_over="yes"),
    )
    items = {i["due"]: i for i in open_items(capsys) if i["person"] == "Sam"}
    rc = run(["followup", "done", items[soon.isoformat()]["id"], "--note", f"{SENTINEL} note"])
    assert rc == 0, capsys.readouterr()
    capsys.readouterr()

    rc = run(["report", "--json"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    got = json.loads(out)
    assert got["summary"]["conversations"] == 2 and got["summary"]["people"] == 2
    a = got["actions"]
    assert (a["created"], a["done"], a["open"], a["on_time"], a["overdue"]) == (3, 1, 2, 1, 0)
    assert (a["completion_rate"], a["on_time_rate"]) == (round(1 / 3, 4), 1.0)
    assert (a["owner_person"], a["owner_supervisor"]) == (2, 1)
    s = got["skills"]
    for skill in ("listened", "what_how", "balanced", "next_step", "all_four"):
        assert s[skill] == {"count": 2, "share": 1.0}, skill
    assert s["agenda_took_over"]["yes"] == {"count": 1, "share": 0.5}
    assert s["agenda_took_over"]["no"] == {"count": 1, "share": 0.5}
    assert [(m["month"], m["conversations"]) for m in got["months"]] == [(f"{today:%Y-%m}", 2)]
    people = {p["person"]: p for p in got["people"]}
    assert people["Sam"]["days_since_last"] == 0 and people["Sam"]["done"] == 1

    outputs = [out, err]
    for args in (["report"], ["report", "--csv"], ["report", "--since", today.isoformat()]):
        assert run(args) == 0
        outputs.extend(capsys.readouterr())
    home = coach_home
    for fmt in ([], ["--json"], ["--csv"]):
        assert run(["report", "--store", str(home), *fmt]) == 0
        program_out, program_err = capsys.readouterr()
        assert "Sam" not in program_out and "Alex" not in program_out, program_out
        outputs += [program_out, program_err]
    for text in outputs:
        assert SENTINEL.casefold() not in text.casefold(), text


def test_a_period_before_any_conversation_is_empty(tmp_path, capsys):
    today = SystemClock().today()
    due = (today + timedelta(days=5)).isoformat()
    start(tmp_path, capsys, "sam", answers("Sam", due=[due]))
    until = (today - timedelta(days=1)).isoformat()
    rc = run(["report", "--json", "--since", str(date(2020, 1, 1)), "--until", until])
    out, err = capsys.readouterr()
    assert rc == 0, err
    got = json.loads(out)
    assert got["summary"]["conversations"] == 0
    assert got["people"][0]["conversations"] == 0  # still listed: the last talk was today
    assert got["people"][0]["days_since_last"] == 0
