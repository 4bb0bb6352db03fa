"""Practice at a terminal, driven through the Prompter protocol with a scripted prompter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from tests.scripted import CANCEL, ScriptedPrompter

from coachcli.core.clock import FixedClock
from coachcli.core.errors import Cancelled
from coachcli.practice import progress
from coachcli.practice.session import run

CLOCK = FixedClock(datetime(2026, 12, 1, 9, 30, tzinfo=UTC))


def texts(prompter: ScriptedPrompter) -> str:
    return "\n".join("\n".join([m.title, m.text, *m.lines]) for m in prompter.messages)


def test_a_listen_drill_shows_the_words_scores_and_shows_a_model_answer():
    prompter = ScriptedPrompter(
        {
            "listen.facts": ["migration is two weeks late; finance found out first"],
            "listen.feelings": ["embarrassed"],
            "listen.values": ["being reliable"],
            "practice.next": ["done"],
        }
    )
    (result,) = run(prompter, CLOCK, scenario_id="missed-deadline", skill="listen")
    prompter.assert_done()
    shown = texts(prompter)
    assert "Yeah, I know. I know it's late." in shown  # the person's own words
    assert "Listen to understand: " in shown and "A model answer:" in shown
    assert result.passed
    (record,) = progress.load_records()
    assert record.skill == "listen" and record.scenario == "missed-deadline"
    assert record.at.startswith("2026-12-01T09:30")


def test_choosing_at_a_terminal_suggests_the_next_drill_then_again_and_another():
    prompter = ScriptedPrompter(
        {
            "practice.skill": ["ask", "commit"],
            "practice.scenario": ["overload", ("label", "board presentation")],
            "ask.1": ["Why did you say yes?", "What made you say yes?"],
            "ask.2": ["Are you ok?", "How are you doing, really?"],
            "ask.3": ["", "What matters most to you this month?", "What would you drop first?"],
            "commit.step": ["Rehearse the churn slide with Sam on Wednesday"],
            "practice.next": ["again", "other", "done"],
        }
    )
    results = run(prompter, CLOCK, scenario_id=None, skill=None)
    prompter.assert_done()
    assert [r.skill for r in results] == ["ask", "ask", "commit"]
    assert [r.passed for r in results] == [False, True, True]
    assert ("ask.3", "Write something to try it; it is only practice.") in prompter.rejected
    first_skill_choices = prompter.choices["practice.skill"][0]
    assert "(suggested)" in next(c.label for c in first_skill_choices if c.value == "listen")
    scenario_choices = prompter.choices["practice.scenario"][0]
    assert len(scenario_choices) >= 20 and "(suggested)" in scenario_choices[0].label
    assert "'Why' can sound like a demand" in texts(prompter)


def test_a_balance_drill_names_the_assumption_and_judges_both_parts():
    prompter = ScriptedPrompter(
        {
            "balance.restatement": ["She is overworked and should delegate."],
            "balance.challenge": ["You need to say no more often."],
            "practice.next": ["done"],
        }
    )
    (result,) = run(prompter, CLOCK, scenario_id="overload", skill="balance")
    shown = texts(prompter)
    assert "The assumption under it: saying no to a request" in shown
    assert not result.passed and "slips into advice" in shown and "Say it to Priya" in shown


def test_cancelling_mid_drill_keeps_nothing():
    prompter = ScriptedPrompter({"commit.step": [CANCEL]})
    with pytest.raises(Cancelled):
        run(prompter, CLOCK, scenario_id="overload", skill="commit")
    assert progress.load_records() == []


PROBE = """
import json, sys
from coachcli.core.errors import Cancelled
from coachcli.core.clock import SystemClock
from coachcli.practice.session import run

class FirstPrompt:
    def say(self, message): pass
    def _stop(self, *args, **kwargs):
        loaded = sorted({m.split('.')[0] for m in sys.modules})
        print(json.dumps(loaded))
        raise Cancelled()
    text = select = confirm = _stop

try:
    run(FirstPrompt(), SystemClock(), scenario_id=sys.argv[1] or None, skill=None)
except Cancelled:
    pass
"""


@pytest.mark.slow
@pytest.mark.parametrize("scenario", ["", "overload"])
def test_the_first_prompt_comes_before_yaml_pydantic_or_rich(coach_home, scenario):
    env = dict(os.environ, COACH_HOME=str(coach_home))
    out = subprocess.run(
        [sys.executable, "-c", PROBE, scenario], env=env, capture_output=True, text=True, check=True
    ).stdout
    loaded = set(json.loads(out.strip().splitlines()[-1]))
    assert not loaded & {"yaml", "pydantic", "rich"}, sorted(loaded)
