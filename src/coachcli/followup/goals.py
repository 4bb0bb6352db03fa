"""Goals due for review, for `coach followup`: read with plain json (no pydantic on this path).

A goals file that cannot be read is counted, never quoted; `coach doctor` and `coach goals` say
more.
"""

from __future__ import annotations

from datetime import date

from coachcli.core.errors import CoachError
from coachcli.core.goaldue import due_goals
from coachcli.core.people import same_person
from coachcli.storage.goals import goal_files
from coachcli.storage.sessionfile import read_json_file
from coachcli.storage.store import Store


def goals_due_lines(store: Store, today: date, person: str | None = None) -> list[str]:
    """ "Goals due for review:" then one line per goal: person, goal, why."""
    lines: list[str] = []
    unread = 0
    for path in goal_files(store):
        try:
            data = read_json_file(path)
        except CoachError:
            unread += 1
            continue
        name = data.get("person") if isinstance(data, dict) else None
        if not isinstance(name, str) or (person is not None and not same_person(name, person)):
            continue
        for goal, why in due_goals(data, today):
            short = str(goal.get("id", ""))[:4]
            lines.append(f"  {name}: {goal['text']} ({why}) [{short}]")
    if lines:
        lines.insert(0, "Development goals due for review (at your next mentoring conversation):")
    if unread:
        lines.append(f"  ({unread} goals file(s) could not be read; run `coach goals`)")
    return lines
