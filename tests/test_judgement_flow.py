"""The conversation and the review fitted to whose step it is and when it is due, as a coach
would run them: your own step is not asked as if it were theirs; an item not yet due is left
alone by default, a due or overdue one is asked about without presuming the answer."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from coachcli.banks.load import load_bank_file
from coachcli.conversation.engine import Conversation
from coachcli.core.clock import FixedClock
from coachcli.followup.listing import Item
from coachcli.followup.review import CHOICE_KEY, SKIP, review_items
from factories import conversation_answers
from scripted import ScriptedPrompter

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
BANK = load_bank_file(Path(__file__).parent / "data" / "engine-bank.yaml")


def _script(owner: str, **extra) -> dict:
    return conversation_answers(
        {
            "who.name": ["Sam"],
            "listen.facts": ["Late twice", ""],
            "next.action": ["Email Priya the rota by Friday"],
            "next.owner": [owner],
            "next.due": ["friday"],
            "next.confidence": ["8"],
            "next.help": ["nothing"],
            "close.after_check": ["yes"],
            **extra,
        }
    )


def _confidence_prompts(prompter: ScriptedPrompter, key: str = "next.confidence") -> list[str]:
    return [prompt for k, prompt in prompter.asked if k == key]


def test_the_persons_step_is_asked_as_their_confidence():
    prompter = ScriptedPrompter(_script("person"))
    Conversation(BANK, prompter, FixedClock(NOW)).run(None, None)
    [asked] = _confidence_prompts(prompter)
    assert "they" in asked and "owner" not in asked and "you" not in asked.lower().split()


def test_your_own_step_is_asked_as_your_own():
    prompter = ScriptedPrompter(_script("supervisor"))
    session = Conversation(BANK, prompter, FixedClock(NOW)).run(None, None)
    [asked] = _confidence_prompts(prompter)
    assert asked.startswith("Your own step") and "they" not in asked
    assert session.actions[0].owner == "supervisor" and session.actions[0].confidence == 8


def test_the_help_you_give_is_asked_as_your_own_step():
    prompter = ScriptedPrompter(
        _script(
            "person",
            **{
                "next.help": ["Cover my Friday shift"],
                "next.help_action": [None],
                "next.help_due": [None],
                "next.help_confidence": ["9"],
            },
        )
    )
    Conversation(BANK, prompter, FixedClock(NOW)).run(None, None)
    [asked] = _confidence_prompts(prompter, "next.help_confidence")
    assert asked.startswith("Your own step")


def _item(aid: str, due: date | None) -> Item:
    return Item(
        id=aid,
        session_id="20261101-abc234",
        person="Sam",
        action=f"Action {aid}",
        owner="person",
        due=due,
        status="open",
        confidence=7,
        learned="",
        session_date=date(2026, 11, 1),
    )


@pytest.mark.parametrize(
    ("due", "first", "default"),
    [
        (date(2026, 12, 20), SKIP, SKIP),  # not yet due: leave it, the cursor starts there
        (date(2026, 11, 10), "done", None),  # overdue: ask, nothing presumed
        (date(2026, 11, 24), "done", None),  # due today: ask
        (None, "done", None),  # no date: ask
    ],
)
def test_the_review_choice_fits_the_item(due, first, default):
    seen = []

    class Recorder(ScriptedPrompter):
        def select(self, key, prompt, choices, default=None):
            seen.append(([c.value for c in choices], default))
            return super().select(key, prompt, choices, default)

    prompter = Recorder({CHOICE_KEY: [SKIP if default == SKIP else "stop"]})
    summary = review_items([_item("aaaa2345", due)], prompter, FixedClock(NOW), lambda *a, **k: "")
    [(values, got)] = seen
    assert values[0] == first and got == default
    assert "keep" in values and "done" in values
    assert summary.reviewed == 0 and summary.changes == []  # skipping changes nothing


def test_a_not_yet_due_item_skipped_is_not_applied_and_the_next_is_asked():
    applied = []
    prompter = ScriptedPrompter({CHOICE_KEY: [SKIP, "done"], "followup.done_on": [""],
                                 "followup.learned": [""]})  # fmt: skip
    items = [_item("aaaa2345", date(2026, 12, 20)), _item("bbbb2345", date(2026, 11, 10))]
    summary = review_items(
        items, prompter, FixedClock(NOW), lambda it, answer, at: applied.append(it.id) or ""
    )
    assert applied == ["bbbb2345"] and summary.reviewed == 1


def test_prep_lists_a_mentees_open_goals_and_not_for_someone_only_coached(coach_home, capsys):
    from coachcli.cli.app import run

    example = Path(__file__).resolve().parent.parent / "examples" / "mentoring.yaml"
    assert run(["start", "--answers", str(example)]) == 0
    capsys.readouterr()
    assert run(["prep", "Ana"]) == 0
    out = capsys.readouterr().out
    assert "Mentoring goals (theirs)" in out
    assert "Move into a product role (by September)" in out
    assert "Speak at an internal meetup (in 4 months)" in out
    assert run(["prep", "Ana", "--json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert [g["text"] for g in data["goals"]] == [
        "Move into a product role",
        "Speak at an internal meetup",
    ]
    assert all(g["last_review"] is None for g in data["goals"])

    coached = Path(__file__).resolve().parent.parent / "examples" / "answers.yaml"
    assert run(["start", "--answers", str(coached)]) == 0
    capsys.readouterr()
    import yaml

    person = yaml.safe_load(coached.read_text(encoding="utf-8"))["person"]
    assert run(["prep", person, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["goals"] == []
