"""`coach start --answers FILE`: the same engine without prompts, strict about its input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from coachcli.banks.load import load_bank
from coachcli.cli.app import run
from coachcli.conversation.answers import AnswersPrompter, load_answers
from coachcli.conversation.engine import Conversation
from coachcli.core.clock import SystemClock
from scripted import ScriptedPrompter

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "answers.yaml"

MINIMAL = """\
person: Sam
facts: [Late twice]
next_steps:
  - action: Ask Priya to swap Thursday
    due: 2099-01-15
    confidence: 8
after_check: "no"
"""


def write(tmp_path, text: str, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def saved(home) -> list[dict]:
    folder = home / "sessions"
    return (
        [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))]
        if (folder.exists())
        else []
    )


def test_the_example_file_saves_a_full_session(coach_home, capsys):
    rc = run(["start", "--answers", str(EXAMPLE)])
    out, err = capsys.readouterr()
    assert rc == 0, out + err
    (session,) = saved(coach_home)
    assert session["person"] == "Sam Rivera"
    assert session["bank"] == "coaching"
    assert len(session["listening"]["values"]) == 2
    awe = [q for q in session["questions"] if q["question_id"] == "habit-awe"]
    assert awe and awe[0]["answer"].startswith("The rota comes out")
    # The help they asked for becomes a third step, owned by the supervisor.
    assert [a["owner"] for a in session["actions"]] == ["person", "supervisor", "supervisor"]
    assert session["actions"][2]["text"] == session["help_wanted"]
    assert session["checkin"] == {"words": "Tired, but glad we are talking", "scale": 6}
    assert session["restatement_feedback"].startswith("It's the Thursday shift")
    assert session["next_meeting"] is not None
    assert session["learning"] == "Saying the real problem out loud"
    assert all(a["status"] == "open" for a in session["actions"])
    assert session["after_check"]["agenda_took_over"] == "partly"
    assert session["restatement"].startswith("Let me check I've understood. You've told me about")
    assert session["restatement_feedback"].startswith("It's the Thursday shift")
    assert "Saved to" in out


def test_answers_run_equals_the_interactive_run_with_the_same_content():
    answers = load_answers(EXAMPLE)
    bank = load_bank("coaching")
    clock = SystemClock()
    scripted = Conversation(bank, AnswersPrompter(answers, "x"), clock).run(None, answers.person)

    interactive = ScriptedPrompter(
        {
            "agenda.want": [answers.agenda.want],
            "agenda.advice": [answers.agenda.advice],
            "checkin.words": [answers.checkin.words],
            "checkin.scale": [str(answers.checkin.scale)],
            "listen.facts": [*answers.facts, ""],
            "listen.feelings": [*answers.feelings, ""],
            "listen.values": [*answers.values, ""],
            "ask.pick": [("label", "real challenge"), ("label", "And what else"), "own", "done"],
            "ask.own": [answers.questions[2].question],
            "ask.answer": [q.answer for q in answers.questions],
            "support.restatement": [None],
            "support.feedback": [answers.restatement_feedback],
            "challenge.pick": ["own", "done"],
            "challenge.assumption": [answers.assumptions[0].assumption],
            "challenge.reframe": [answers.assumptions[0].reframe],
            "next.action": [s.action for s in answers.next_steps],
            "next.owner": ["person", "supervisor"],
            "next.due": [s.due for s in answers.next_steps],
            "next.confidence": [str(s.confidence) for s in answers.next_steps],
            "next.more": [True, False],
            "next.help": [answers.help_wanted],
            "next.meeting": [answers.next_meeting],
            "next.help_action": [None],
            "next.help_due": [None],
            "next.help_confidence": ["8"],
            "close.learning": [answers.learning],
            "close.after_check": [answers.after_check],
            "close.notes": [answers.notes],
        }
    )
    live = Conversation(bank, interactive, clock).run(None, answers.person)
    interactive.assert_done()

    def comparable(session):
        from coachcli.core.parts import data as json_data

        data = json_data(session)
        for key in ("id", "started_at", "finished_at"):
            data.pop(key)
        for action in data["actions"]:
            action.pop("id"), action.pop("created_at")
            for change in action["history"]:
                change.pop("at")
        return data

    assert comparable(scripted) == comparable(live)
    assert scripted.checkin is not None and scripted.checkin.scale == 6
    assert scripted.help_wanted == "Check the overtime rules with HR"
    assert scripted.restatement_feedback.startswith("It's the Thursday shift")
    assert scripted.next_meeting is not None
    assert any(
        a.owner == "supervisor" and a.text == "Check the overtime rules with HR"
        for a in scripted.actions
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MINIMAL.replace("person: Sam\n", ""), "person: Field required"),
        (MINIMAL.replace('after_check: "no"\n', ""), "after_check: Field required"),
        (MINIMAL.replace("2099-01-15", "someday"), "next_steps[0].due"),
        (MINIMAL.replace("2099-01-15", "2001-01-01"), "in the past"),
        (MINIMAL.replace("confidence: 8", "confidence: 11"), "next_steps[0].confidence"),
        (MINIMAL + "mood: great\n", "mood: Extra inputs are not permitted"),
        (MINIMAL.replace('"no"', "sometimes"), "after_check"),
        ("- just\n- a list\n", "expected a mapping"),
        (MINIMAL + "person: Twice\n", "duplicate"),
        (MINIMAL.replace("facts: [Late twice]", "facts: !!python/object:os.system x"), "tag"),
    ],
)
def test_bad_answers_name_the_field_and_save_nothing(tmp_path, coach_home, capsys, text, expected):
    rc = run(["start", "--answers", str(write(tmp_path, text))])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert expected in err, err
    assert len(err.strip().splitlines()) <= 2, err
    assert saved(coach_home) == []


def test_minimal_json_answers_work(tmp_path, coach_home, capsys):
    data = {
        "person": "Sam",
        "next_steps": [
            {"action": "Call the client", "due": "tomorrow", "confidence": 9, "owner": "me"}
        ],
        "after_check": "yes",
    }
    rc = run(["start", "--answers", str(write(tmp_path, json.dumps(data), "a.json"))])
    assert rc == 0, capsys.readouterr().err
    (session,) = saved(coach_home)
    assert session["actions"][0]["owner"] == "supervisor"
    assert date.fromisoformat(session["actions"][0]["due"]) > date.today()


def test_missing_answers_file_is_a_usage_error(tmp_path, capsys):
    assert run(["start", "--answers", str(tmp_path / "nope.yaml")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_unknown_bank_question_id_is_named(tmp_path, coach_home, capsys):
    text = MINIMAL + "questions:\n  - id: no-such-question\n    answer: x\n"
    assert run(["start", "--answers", str(write(tmp_path, text))]) == 2
    assert "questions[0].id" in capsys.readouterr().err
    assert saved(coach_home) == []


def test_bank_questions_beyond_the_first_page_are_found_by_id(tmp_path, coach_home, capsys):
    bank = load_bank("coaching")
    late = bank.questions_for("ask")[-1]
    late_challenge = bank.questions_for("challenge")[-1]
    text = (
        MINIMAL
        + f"questions:\n  - id: {late.id}\n    answer: found\n"
        + f"assumptions:\n  - assumption: They will mind\n    prompt_id: {late_challenge.id}\n"
    )
    rc = run(["start", "--answers", str(write(tmp_path, text))])
    assert rc == 0, capsys.readouterr().err
    (session,) = saved(coach_home)
    assert session["questions"][0]["question_id"] == late.id
    assert session["questions"][0]["text"] == late.text
    assert session["assumptions"][0]["prompt_id"] == late_challenge.id


@pytest.mark.parametrize(
    ("action", "confidence", "fields"),
    [
        ("Maybe ask Priya to swap Thursday", 8, ["next_steps[0].action"]),
        ("Think about the rota", 5, ["next_steps[0].action", "next_steps[0].confidence"]),
        ("Ask Priya to swap Thursday", 4, ["next_steps[0].confidence"]),
    ],
)
def test_a_flagged_step_or_low_confidence_warns_and_is_kept(
    tmp_path, coach_home, capsys, action, confidence, fields
):
    text = MINIMAL.replace("Ask Priya to swap Thursday", action).replace(
        "confidence: 8", f"confidence: {confidence}"
    )
    rc = run(["start", "--answers", str(write(tmp_path, text))])
    err = capsys.readouterr().err
    assert rc == 0, err
    warnings = [line for line in err.splitlines() if line.startswith("coach: warning: ")]
    assert [w.split(": ")[3] for w in warnings] == fields, err
    assert all("kept as written" in w for w in warnings)
    (session,) = saved(coach_home)
    (item,) = session["actions"]
    assert item["text"] == action and item["confidence"] == confidence
    flagged = "next_steps[0].action" in fields
    assert item["check"] == (
        ("hedge" if action.startswith("Maybe") else "vague") if flagged else None
    )


def test_no_restatement_given_composes_one_from_the_answers_alone(tmp_path, coach_home, capsys):
    text = MINIMAL.replace("facts: [Late twice]\n", "") + (
        "questions:\n  - question: What's the real challenge here for you?\n"
        "    answer: I can't say no to my manager\n"
        "restatement_feedback: Not my manager, the team\n"
    )
    rc = run(["start", "--answers", str(write(tmp_path, text))])
    assert rc == 0, capsys.readouterr().err
    (session,) = saved(coach_home)
    assert "the real challenge, you said, is that you can't say no to your manager" in (
        session["restatement"].lower()
    )
    assert session["restatement_feedback"] == "Not my manager, the team"


def test_a_flagged_question_warns_with_its_field_and_the_reason_and_is_kept(
    tmp_path, coach_home, capsys
):
    """The warning was the check's heading alone: "This question may close the conversation
    down:", with neither the reason nor which question."""
    text = MINIMAL + (
        "questions:\n  - question: What's the plan?\n    answer: a\n"
        "  - question: why didnt you ask Tom SECRET\n    answer: b\n"
    )
    assert run(["start", "--answers", str(write(tmp_path, text))]) == 0
    err = capsys.readouterr().err
    (warning,) = [line for line in err.splitlines() if line.startswith("coach: warning: ")]
    assert warning.split(": ")[3] == "questions[1].question"
    assert "'Why'" in warning and "kept as written" in warning and "SECRET" not in warning
    (session,) = saved(coach_home)
    assert session["questions"][1]["check_issues"] == ["why"]


def test_person_on_the_command_line_takes_the_place_of_the_files(coach_home, capsys):
    """One answers file can serve several people, as --bank already could."""
    import coachcli

    example = Path(coachcli.__file__).parent / "examples" / "answers.yaml"
    rc = run(["start", "--answers", str(example), "--person", "Zoë Ñúñez"])
    assert rc == 0, capsys.readouterr().err
    saved = [json.loads(p.read_text()) for p in (coach_home / "sessions").glob("*.json")]
    assert [s["person"] for s in saved] == ["Zoë Ñúñez"]
