"""The built-in practice scenarios: enough of them, both kinds, and sound model answers.

Every scenario's own model answer must pass its drill (the feedback would be wrong otherwise),
and the marked words must be words the person says.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coachcli.practice.drills import model_answer, score
from coachcli.practice.load import builtin_dir, list_scenarios, load_scenario
from coachcli.practice.scenario import SKILLS

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted(p.stem for p in (ROOT / "prompts" / "scenarios").glob("*.yaml"))
TODAY = date(2026, 12, 1)


def test_at_least_twenty_built_in_scenarios_of_both_kinds_all_load():
    scenarios, skipped = list_scenarios()
    assert not skipped
    assert len(scenarios) >= 20
    assert sorted(s.id for s in scenarios) == SHIPPED
    kinds = [s.kind for s in scenarios]
    assert kinds.count("coaching") >= 12 and kinds.count("mentoring") >= 6


def test_the_scenarios_are_reachable_through_the_package():
    assert (builtin_dir() / f"{SHIPPED[0]}.yaml").is_file()


@pytest.mark.parametrize("sid", SHIPPED)
def test_each_scenario_is_a_real_conversation(sid):
    s = load_scenario(sid)
    assert 2 <= len(s.turns) <= 8 and s.person and s.situation
    assert s.facts and s.feelings and s.values and s.assumption.said
    assert len(s.model.ask) == 3
    assert s.person.lower() not in s.model.restatement.lower()  # said to them, not about them


@pytest.mark.parametrize("skill", SKILLS)
@pytest.mark.parametrize("sid", SHIPPED)
def test_each_model_answer_passes_its_own_drill(sid, skill):
    s = load_scenario(sid)
    result = score(s, model_answer(s, skill), TODAY)
    assert result.passed, (result.score, result.feedback)
    assert result.score >= 85, (result.score, result.feedback)
