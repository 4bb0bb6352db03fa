"""The work behind ``coach practice``'s modes: wiring only (files, clock, printing)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from coachcli.core.sanitize import print_lines


def _skipped(skipped: list) -> None:
    from coachcli.core.sanitize import one_line

    for entry in skipped:
        print(f"coach: scenario file skipped: {one_line(str(entry), 300)}", file=sys.stderr)


def list_scenarios(as_json: bool) -> int:
    from coachcli.practice.load import list_scenarios as found
    from coachcli.practice.view import list_lines

    scenarios, skipped = found()
    if as_json:
        doc = {
            "scenarios": [s.summary() for s in scenarios],
            "skipped": [{"path": str(e.path), "reason": e.reason} for e in skipped],
        }
        print(json.dumps(doc, indent=2))
    else:
        print_lines(list_lines(scenarios))
    _skipped(skipped)
    return 0


def show_history(as_json: bool) -> int:
    from coachcli.practice import progress
    from coachcli.practice.load import list_scenarios as found
    from coachcli.practice.view import history_lines

    records = progress.load_records()
    skill = progress.next_skill(records)
    scenarios, _ = found()
    scenario = progress.next_scenario(records, skill, [s.id for s in scenarios])
    if as_json:
        doc = {
            "attempts": len(records),
            "unreadable": records.unreadable,
            "skills": progress.by_skill(records),
            "next": {"skill": skill, "scenario": scenario},
        }
        print(json.dumps(doc, indent=2))
    else:
        print_lines(history_lines(records, skill, scenario))
    if records.unreadable:
        print(
            f"coach: {records.unreadable} practice record(s) could not be read and are left as "
            "they are",
            file=sys.stderr,
        )
    return 0


def validate_file(path: Path) -> int:
    from coachcli.core.errors import BankError
    from coachcli.practice.load import load_scenario_file

    try:
        scenario = load_scenario_file(path)
    except BankError as exc:
        for line in getattr(exc, "problems", None) or [exc.message]:
            print(f"coach: {line}", file=sys.stderr)
        return int(exc.exit_code)
    print_lines([f"ok: {scenario.id}: {scenario.title}"])
    return 0


def score_file(scenario_id: str, skill: str | None, answers: Path, as_json: bool) -> int:
    from coachcli.core.clock import SystemClock
    from coachcli.practice import progress
    from coachcli.practice.attempt import load_attempt
    from coachcli.practice.drills import score
    from coachcli.practice.load import load_scenario
    from coachcli.practice.view import result_lines

    scenario = load_scenario(scenario_id)
    attempt = load_attempt(answers, skill)
    clock = SystemClock()
    result = score(scenario, attempt, clock.today())
    progress.save_record(progress.record_for(result.to_dict(), clock.now()))
    if as_json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print_lines(result_lines(result))
    return 0


def at_terminal(scenario_id: str | None, skill: str | None) -> int:
    from coachcli.core.clock import SystemClock
    from coachcli.practice.session import run
    from coachcli.ui.questionary_prompter import QuestionaryPrompter

    if scenario_id is not None:  # an unknown id fails before any prompt (nothing parsed yet)
        from coachcli.practice.load import require

        require(scenario_id)
    run(QuestionaryPrompter(), SystemClock(), scenario_id=scenario_id, skill=skill)
    return 0
