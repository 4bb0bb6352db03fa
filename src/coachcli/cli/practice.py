"""Command: ``coach practice`` — rehearse the four skills on written scenarios.

Only typer is imported at module level; the drill, the scenarios and the prompter load inside the
command. At a terminal the first prompt needs only the practice history (JSON), so it appears
before YAML or questionary's heavier parts are needed for the scenario list.
"""

from pathlib import Path
from typing import Annotated

import typer

from coachcli.cli import options
from coachcli.core.errors import NoTerminalError, UsageError

SKILL_NAMES = ("listen", "ask", "balance", "commit")
NO_TTY = (
    "coach practice needs a terminal for a drill; to score an attempt from a file pass "
    "SCENARIO --skill SKILL --answers FILE (see coach help practice)"
)


def practice(
    scenario: Annotated[
        str | None,
        typer.Argument(
            metavar="[SCENARIO]",
            help="Scenario id (`coach practice --list`).",
            show_default=False,
        ),
    ] = None,
    skill: Annotated[
        str | None,
        typer.Option("--skill", "-s", metavar="listen|ask|balance|commit", help="The drill to do."),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", metavar="FILE", help="Score an attempt from a YAML/JSON file."),
    ] = None,
    as_json: Annotated[
        bool, options.json_flag("Print JSON (with --answers, --list, --history).")
    ] = False,
    list_: Annotated[bool, typer.Option("--list", help="List the scenarios.")] = False,
    history: Annotated[
        bool, typer.Option("--history", help="Scores per skill over time, and what to do next.")
    ] = False,
    validate: Annotated[
        Path | None,
        typer.Option(
            "--validate", metavar="FILE", help="Check a scenario file and show every problem."
        ),
    ] = None,
) -> int:
    """Rehearse a skill on a written scenario: listen, ask, balance or commit.

    Each drill shows a situation and what the person says, takes your attempt, and gives
    specific feedback with a model answer. Scores are kept apart from your real conversations.
    Your own scenarios go in the scenarios folder inside `coach bank path`.

    \b
    Examples:
      coach practice
      coach practice missed-deadline --skill ask
      coach practice missed-deadline --skill listen --answers attempt.yaml --json
      coach practice --history
    """
    if skill is not None and skill not in SKILL_NAMES:
        raise UsageError(f"--skill must be one of: {', '.join(SKILL_NAMES)}")
    modes = [bool(list_), bool(history), validate is not None]
    if sum(modes) > 1 or (sum(modes) and (answers is not None or scenario or skill)):
        raise UsageError("--list, --history and --validate each work alone")
    from coachcli.cli import practice_run as run

    if list_:
        return run.list_scenarios(as_json)
    if history:
        return run.show_history(as_json)
    if validate is not None:
        return run.validate_file(validate)
    if answers is not None:
        if not scenario:
            raise UsageError("--answers needs a SCENARIO", hint="coach practice --list shows them")
        return run.score_file(scenario, skill, answers, as_json)
    if as_json:
        raise UsageError("--json needs --answers, --list or --history")
    from coachcli.ui.terminal import interactive

    if not interactive():
        raise NoTerminalError(NO_TTY)
    return run.at_terminal(scenario, skill)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("practice")(practice)
