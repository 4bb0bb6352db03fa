"""What earlier sessions bring into a new conversation with the same person.

Reads the store (the index for the overview, the last few session files in full), so it lives
outside the pure engine, which receives the result as a ``PersonContext``.
"""

from __future__ import annotations

from coachcli.clock import Clock
from coachcli.engine import PersonContext
from coachcli.errors import CoachError
from coachcli.prompting import Prompter
from coachcli.store import Store

RECENT_SESSIONS = 8  # question rotation looks this far back


def same_person(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def known_people(rows: list[dict]) -> list[str]:
    """Everyone with a session, most recently seen first."""
    latest: dict[str, tuple[str, str]] = {}
    for row in rows:
        key = " ".join(row["person"].split()).casefold()
        if key not in latest or row["started_at"] > latest[key][0]:
            latest[key] = (row["started_at"], row["person"])
    return [name for _, name in sorted(latest.values(), reverse=True)]


def person_context(store: Store, rows: list[dict], person: str, clock: Clock) -> PersonContext:
    mine = sorted(
        (r for r in rows if same_person(r["person"], person)),
        key=lambda r: r["started_at"],
        reverse=True,
    )
    sessions = []
    for row in mine[:RECENT_SESSIONS]:
        try:
            sessions.append(store.load_session(row["id"]))
        except CoachError:
            continue  # reported by `coach doctor`; rotation just knows a little less
    recent_ids: list[str] = []
    for session in sessions:
        recent_ids += [q.question_id for q in session.questions if q.question_id]
        recent_ids += [a.prompt_id for a in session.assumptions if a.prompt_id]
    open_items = [
        (row, action) for row in mine for action in row["actions"] if action["status"] == "open"
    ]
    last = sessions[0] if sessions else None

    def review(prompter: Prompter) -> list[str]:
        from coachcli.review import review_open_items

        return review_open_items(store, open_items, prompter, clock)

    return PersonContext(
        recent_question_ids=tuple(recent_ids),
        last_session_date=last.started_at.date() if last else None,
        last_values=tuple(last.listening.values) if last else (),
        last_assumptions=tuple(a.assumption for a in last.assumptions) if last else (),
        open_items=len(open_items),
        review=review if open_items else None,
    )
