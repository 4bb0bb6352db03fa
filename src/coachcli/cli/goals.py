"""`coach goals [PERSON]`: mentees' development goals, with their horizons and reviews."""

from typing import Annotated

import typer

from coachcli.cli import options


def goals(
    person: Annotated[
        str | None, typer.Argument(help="Only this mentee (a unique first name will do).")
    ] = None,
    as_json: Annotated[bool, options.json_flag("Print JSON: one object per goal.")] = False,
) -> None:
    """Development goals set in mentoring conversations: each in the mentee's words, with its
    horizon, status (open, achieved, changed, dropped) and every review (progress in their
    words, 1–10). Open goals due for review are marked.

    Examples:

      coach goals

      coach goals Ana --json
    """
    from coachcli.core.clock import SystemClock
    from coachcli.history.goals_view import goal_entries, goal_lines, pick_mentees
    from coachcli.storage.goals import load_all_mentees
    from coachcli.storage.store import Store

    mentees, problems = load_all_mentees(Store.default())
    for problem in problems:
        from coachcli.core.sanitize import clean

        typer.echo(f"coach: skipped {clean(str(problem.path))} (cannot be read)", err=True)
    chosen = pick_mentees(mentees, person)
    today = SystemClock().today()
    if as_json:
        from coachcli.core.sanitize import json_text

        print(json_text(goal_entries(chosen, today)))
        return
    from coachcli.core.sanitize import print_lines

    print_lines(goal_lines(chosen, today))


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("goals")(goals)
