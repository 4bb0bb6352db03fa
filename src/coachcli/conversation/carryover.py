"""What earlier sessions bring into a new conversation with the same person.

Reads the store (the index's people summary and open items, then the last few session files in
full), so it lives outside the pure engine, which receives the result as a ``PersonContext``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachcli.conversation.state import PersonContext
from coachcli.core.clock import Clock
from coachcli.core.errors import CoachError
from coachcli.core.people import same_person
from coachcli.storage.store import Store
from coachcli.ui.prompting import Prompter

if TYPE_CHECKING:
    from collections.abc import Sequence

    from coachcli.index.query import Person
    from coachcli.index.rows import OpenRow


def person_context(
    store: Store,
    open_rows: Sequence[OpenRow],
    people: Sequence[Person],
    person: str,
    clock: Clock,
) -> PersonContext:
    recent = {
        sid for entry in people if same_person(entry["person"], person) for sid in entry["recent"]
    }
    sessions = []
    for session_id in recent:
        try:
            sessions.append(store.load_session(session_id))
        except CoachError:
            continue  # reported by `coach doctor`; rotation just knows a little less
    sessions.sort(key=lambda s: s.started_at, reverse=True)
    recent_ids: list[str] = []
    for session in sessions:
        recent_ids += [q.question_id for q in session.questions if q.question_id]
        recent_ids += [a.prompt_id for a in session.assumptions if a.prompt_id]
    open_items = [
        (row, action)
        for row in open_rows
        if same_person(row["person"], person)
        for action in row["actions"]
        if action["status"] == "open"
    ]
    last = sessions[0] if sessions else None

    def review(prompter: Prompter) -> list[str]:
        from coachcli.followup.review import review_open_items

        return review_open_items(store, open_items, prompter, clock)

    return PersonContext(
        recent_question_ids=tuple(recent_ids),
        last_session_date=last.started_at.date() if last else None,
        last_values=tuple(last.listening.values) if last else (),
        last_assumptions=tuple(a.assumption for a in last.assumptions) if last else (),
        open_items=len(open_items),
        review=review if open_items else None,
    )
