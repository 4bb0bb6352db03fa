"""Development goals: when one is due for review, the goals file on disk, the report's counts."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from coachcli.cli.app import run
from coachcli.core.errors import DamagedFileError, ReadOnlyError
from coachcli.core.goaldue import due_goals
from coachcli.core.goals import Goal, MenteeFile, RelationshipCheck, Visit, month_horizon
from coachcli.report.mentoring import mentoring_figures
from coachcli.storage.goals import goals_path, load_mentee, update_mentee
from coachcli.storage.store import Store

TODAY = date(2027, 3, 1)


def goal(**kw) -> dict:
    return {"id": "g1234567", "text": "Lead a project", "set_on": "2027-02-20", "reviews": []} | kw


def test_a_goal_is_due_when_its_horizon_or_the_meeting_comes_or_it_was_left_alone():
    def why(g, meeting=None):
        data = {"goals": [g], "next_meeting": meeting}
        found = due_goals(data, TODAY)
        return found[0][1] if found else None

    assert why(goal(horizon="by February", horizon_date="2027-02-28")).startswith("horizon passed")
    assert why(goal(horizon_date="2027-03-10")).startswith("horizon near")
    assert why(goal(horizon_date="2027-09-30"), meeting="2027-03-01").startswith("next meeting")
    assert why(goal(horizon_date="2027-09-30"), meeting="2027-03-02") is None
    assert why(goal(set_on="2026-12-01")).startswith("not reviewed since 2026-12-01")
    recent = goal(set_on="2026-12-01", reviews=[{"on": "2027-02-01"}])
    assert why(recent) is None
    assert why(goal(status="achieved", horizon_date="2027-02-01")) is None
    assert due_goals({"goals": "not a list"}, TODAY) == []


def test_month_horizons_look_ahead():
    assert month_horizon("by June", date(2027, 7, 1)) == date(2028, 6, 30)
    assert month_horizon("end of June 2027", TODAY) == date(2027, 6, 30)
    assert month_horizon("by the end of the year", TODAY) == date(2027, 12, 31)
    assert month_horizon("June 27", TODAY) is None
    assert month_horizon("soon", TODAY) is None


def test_the_relationship_check_comes_every_third_conversation_or_after_three_months():
    def mentee(visits: int, checks=()):
        return MenteeFile(
            person="Ana",
            began=date(2027, 1, 1),
            sessions=[Visit(id=f"s{i}", on=date(2027, 1, 1 + i)) for i in range(visits)],
            checks=list(checks),
        )

    assert not mentee(0).check_due(TODAY)
    assert not mentee(1).check_due(TODAY)
    assert mentee(2).check_due(TODAY)  # the third conversation
    checked = [RelationshipCheck(on=date(2027, 1, 3), session_id="s2")]
    assert not mentee(3, checked).check_due(TODAY)
    assert mentee(3, checked).check_due(date(2027, 4, 5))  # three months on


def test_the_goals_file_is_private_versioned_and_refused_when_damaged_or_newer():
    store = Store(Path(os.environ["COACH_HOME"]))
    update_mentee(
        store,
        "Ana Costa",
        lambda _: MenteeFile(
            person="Ana Costa", goals=[Goal(id="g1234567", text="Lead", set_on=TODAY)]
        ),
    )
    path = goals_path(store, "ana  COSTA")  # the same person however typed
    assert path.is_file() and oct(path.stat().st_mode & 0o777) == "0o600"
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
    assert load_mentee(store, "Ana Costa").goals[0].text == "Lead"
    data = json.loads(path.read_text())
    path.write_text(json.dumps(data | {"schema_version": 2}))
    with pytest.raises(ReadOnlyError):
        load_mentee(store, "Ana Costa")
    path.write_text(json.dumps(data | {"goals": [{"id": "g1234567"}]}))
    with pytest.raises(DamagedFileError) as caught:
        load_mentee(store, "Ana Costa")
    assert "Lead" not in caught.value.message
    assert run(["goals"]) == 0  # a damaged file is skipped and said, not a traceback
    assert load_mentee(store, "Nobody") is None


def test_the_report_counts_missed_meetings_and_skips_a_malformed_file():
    kept = {
        "person": "Ana",
        "sessions": [
            {
                "id": "a",
                "on": "2027-01-04",
                "next_meeting": "2027-02-01",
                "offers_made": {"introduction": 1},
                "offers_taken": {"introduction": 1},
            },
            {"id": "b", "on": "2027-02-03", "next_meeting": "2027-03-01"},
        ],
        "goals": [],
        "checks": [{"on": "2027-02-03", "scale": 6}],
    }
    missed = {
        "person": "Ben",
        "sessions": [{"id": "c", "on": "2027-01-05", "next_meeting": "2027-01-19"}],
        "goals": [],
        "checks": [],
    }
    figures = mentoring_figures([("own", [kept, missed, {"person": "Cy"}, None])], today=TODAY)
    assert (figures["meetings_agreed"], figures["meetings_kept"]) == (2, 1)  # March 1 not due
    assert figures["cadence_kept"] == 0.5
    assert figures["skipped_goal_files"] == 2
    assert figures["offers"]["introduction"] == {"made": 1, "taken_up": 1}
    assert figures["relationship_check_average"] == 6
    one = mentoring_figures([("own", [kept, missed])], today=TODAY, person="ben")
    assert one["relationships"] == 1 and one["offers"]["introduction"]["made"] == 0
    later = mentoring_figures([("own", [kept])], today=TODAY, since=date(2027, 2, 1))
    assert later["conversations"] == 1 and later["meetings_agreed"] == 0
