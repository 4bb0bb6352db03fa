"""`coach practice` from the command line: the interfaces scripts and checks use, the exit
codes, and practice kept apart from real conversations."""

from __future__ import annotations

import json
import stat

import pytest

from coachcli.cli.app import run
from coachcli.core.errors import ExitCode

GOOD_ASK = (
    "ask:\n  - What got in the way?\n  - How do you see it now?\n  - What matters most here?\n"
)
POOR = """\
listen: {facts: [late], feelings: [], values: []}
ask: [Why did you miss it?, Did you tell anyone?, Was it hard?]
balance: {restatement: She should have said., challenge: That is not true.}
commit: I'll try harder
"""


def attempt(tmp_path, text: str, name: str = "attempt.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def out_json(capsys):
    return json.loads(capsys.readouterr().out)


def test_list_json_names_every_scenario_with_its_kind_and_skills(capsys):
    assert run(["practice", "--list", "--json"]) == 0
    doc = out_json(capsys)
    assert len(doc["scenarios"]) >= 20 and doc["skipped"] == []
    first = doc["scenarios"][0]
    assert {"id", "title", "kind", "skills"} <= set(first)
    assert first["skills"] == ["listen", "ask", "balance", "commit"]
    assert {s["kind"] for s in doc["scenarios"]} == {"coaching", "mentoring"}


def test_list_as_text(capsys):
    assert run(["practice", "--list"]) == 0
    out = capsys.readouterr().out
    assert "missed-deadline" in out and "mentoring" in out


@pytest.mark.parametrize("skill", ["listen", "ask", "balance", "commit"])
def test_answers_json_scores_one_attempt(tmp_path, capsys, skill):
    path = attempt(tmp_path, POOR)
    assert run(["practice", "missed-deadline", "--skill", skill, "--answers", path, "--json"]) == 0
    doc = out_json(capsys)
    assert {"scenario", "skill", "score", "passed", "feedback"} <= set(doc)
    assert doc["scenario"] == "missed-deadline" and doc["skill"] == skill
    assert isinstance(doc["score"], int) and 0 <= doc["score"] <= 100
    assert (
        doc["passed"] is False
        and doc["feedback"]
        and all(isinstance(line, str) for line in doc["feedback"])
    )
    assert doc["model_answer"]


def test_a_json_attempt_file_with_one_drill_needs_no_skill(tmp_path, capsys):
    path = attempt(tmp_path, json.dumps({"commit": "Send Dana the new date by Friday"}), "a.json")
    assert run(["practice", "missed-deadline", "--answers", path, "--json"]) == 0
    doc = out_json(capsys)
    assert doc["skill"] == "commit"


def test_a_good_attempt_passes_as_text(tmp_path, capsys):
    path = attempt(tmp_path, GOOD_ASK)
    assert run(["practice", "overload", "--skill", "ask", "--answers", path]) == 0
    out = capsys.readouterr().out
    assert "Ask powerful questions: 100/100 — passed" in out and "A model answer:" in out


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["practice", "nope", "--skill", "ask", "--answers", "{f}"], ExitCode.NOT_FOUND, "nope"),
        (
            ["practice", "overload", "--skill", "talk", "--answers", "{f}"],
            ExitCode.USAGE,
            "--skill",
        ),
        (["practice", "overload", "--answers", "{f}"], ExitCode.USAGE, "holds 4 drills"),
        (["practice", "--answers", "{f}"], ExitCode.USAGE, "needs a SCENARIO"),
        (["practice", "--json"], ExitCode.USAGE, "--json needs"),
        (["practice", "--list", "--history"], ExitCode.USAGE, "work alone"),
        (["practice"], ExitCode.USAGE, "needs a terminal"),
    ],
)
def test_bad_use_is_one_line_and_an_exit_code(tmp_path, capsys, argv, code, message):
    path = attempt(tmp_path, POOR)
    assert run([a.replace("{f}", path) for a in argv]) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("ask: !!python/object/apply:os.system [echo]\n", ":1:6: tags"),
        ("listen: {facts: [a], hunches: [b]}\n", ":1:22: listen.hunches: unknown field"),
        ("balance: [a, b]\n", ":1:10: balance: must be a mapping"),
        ("commit: [a]\n", ":1:9: commit: must be text"),
    ],
)
def test_a_broken_attempt_file_is_refused_with_its_position(tmp_path, capsys, text, where):
    path = attempt(tmp_path, text)
    assert run(["practice", "overload", "--answers", path]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert f"{path}{where}" in err and "echo" not in err


def test_practice_is_kept_apart_from_conversations(tmp_path, capsys, coach_home):
    path = attempt(tmp_path, POOR)
    for skill in ("listen", "ask"):
        assert run(["practice", "overload", "--skill", skill, "--answers", path, "--json"]) == 0
    folder = coach_home / "practice" / "attempts"
    files = sorted(folder.iterdir())
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700
    assert [stat.S_IMODE(f.stat().st_mode) for f in files] == [0o600, 0o600]
    assert not (coach_home / "sessions").exists() or not any((coach_home / "sessions").iterdir())
    saved = [json.loads(f.read_text()) for f in files]
    assert sorted(a["skill"] for a in saved) == ["ask", "listen"]
    assert all(
        set(a) == {"schema_version", "at", "scenario", "skill", "score", "passed"} for a in saved
    )
    assert not any("late" in f.read_text() for f in files)  # no attempt text is kept
    capsys.readouterr()
    assert run(["sessions"]) == 0 and "overload" not in capsys.readouterr().out
    assert run(["followup", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_history_shows_scores_per_skill_and_what_to_do_next(tmp_path, capsys):
    poor, good = attempt(tmp_path, POOR), attempt(tmp_path, GOOD_ASK, "good.yaml")
    run(["practice", "overload", "--skill", "ask", "--answers", poor, "--json"])
    run(["practice", "overload", "--skill", "ask", "--answers", good, "--json"])
    run(["practice", "overload", "--skill", "listen", "--answers", poor, "--json"])
    capsys.readouterr()
    assert run(["practice", "--history", "--json"]) == 0
    doc = out_json(capsys)
    assert doc["attempts"] == 3
    ask = doc["skills"]["ask"]
    assert [s["score"] for s in ask["scores"]] == [0, 100] and ask["passed"] == 1
    assert doc["next"]["skill"] == "balance"  # never practised yet, in conversation order
    assert run(["practice", "--history"]) == 0
    out = capsys.readouterr().out
    assert (
        "ask" in out and "0 → 100" in out and "coach practice" in out and "--skill balance" in out
    )


def test_history_with_no_practice_suggests_listening_first(capsys):
    assert run(["practice", "--history"]) == 0
    out = capsys.readouterr().out
    assert "No practice yet." in out and "--skill listen" in out


def test_report_shows_a_practice_section_only_when_there_is_practice(tmp_path, capsys):
    assert run(["report"]) == 0
    assert "Practice" not in capsys.readouterr().out
    assert (
        run(["practice", "overload", "--skill", "ask", "--answers", attempt(tmp_path, GOOD_ASK)])
        == 0
    )
    capsys.readouterr()
    assert run(["report"]) == 0
    out = capsys.readouterr().out
    assert "Practice: 1 drills, 1 passed" in out and "Next drill: coach practice" in out
    assert run(["report", "--json"]) == 0
    assert out_json(capsys)["practice"]["skills"]["ask"]["attempts"] == 1


def test_a_damaged_practice_record_is_counted_and_left_as_it_is(tmp_path, capsys, coach_home):
    path = attempt(tmp_path, GOOD_ASK)
    assert run(["practice", "overload", "--skill", "ask", "--answers", path]) == 0
    broken = coach_home / "practice" / "attempts" / "20261201T000000-ask-broken.json"
    broken.write_text("{not json")
    capsys.readouterr()
    assert run(["practice", "--history", "--json"]) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert doc["attempts"] == 1 and doc["unreadable"] == 1
    assert "1 practice record(s) could not be read" in captured.err
    assert broken.read_text() == "{not json"


def test_a_practice_folder_that_cannot_be_read_is_reported(tmp_path, capsys, coach_home):
    (coach_home / "practice").mkdir(parents=True)
    (coach_home / "practice" / "attempts").write_text("a file where a folder belongs")
    assert run(["practice", "--history"]) == ExitCode.DAMAGED
    path = attempt(tmp_path, GOOD_ASK)
    assert (
        run(["practice", "overload", "--skill", "ask", "--answers", path]) == ExitCode.SAVE_FAILED
    )
    capsys.readouterr()
    assert run(["report"]) == 0
    assert "practice history skipped" in capsys.readouterr().err


def test_program_reports_and_person_reports_leave_practice_out(tmp_path, capsys, coach_home):
    path = attempt(tmp_path, GOOD_ASK)
    assert run(["practice", "overload", "--skill", "ask", "--answers", path]) == 0
    (coach_home / "sessions").mkdir(mode=0o700, exist_ok=True)
    capsys.readouterr()
    assert run(["report", "--store", str(coach_home), "--json"]) == 0
    assert "practice" not in out_json(capsys)
