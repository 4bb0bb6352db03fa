"""What earlier sessions bring into a new conversation with the same person.

Reads the store (the index's people summary and open items, then the last few session files in
full), so it lives outside the pure engine, which receives the result as a ``PersonContext``.
``person_brief`` is the same brief on its own, for `coach prep`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from coachcli.conversation.brief import Brief, brief_sections, build_brief
from coachcli.conversation.state import PersonContext
from coachcli.core.clock import Clock, instant
from coachcli.core.errors import CoachError
from coachcli.core.people import same_person
from coachcli.storage.store import Store
from coachcli.ui.prompting import Prompter

if TYPE_CHECKING:
    from coachcli.core.parts import Session


def read_session(store: Store, session_id: str) -> Session:
    """A saved session as records (``core.parts``): read plainly when the file is in the form
    coach writes (no pydantic), else validated by the model as ``Store.load_session`` does."""
    from coachcli.core.parts import CLASSES, from_json
    from coachcli.core.record import from_model
    from coachcli.index.validate import plainly_valid
    from coachcli.storage.sessionfile import check_file_name, parse_session

    path, raw = store.read_session_json(session_id)
    if plainly_valid(raw):
        check_file_name(path, raw["id"])
        return from_json(raw)
    return from_model(parse_session(path, raw), CLASSES)


def _sessions(store: Store, people: Sequence[Mapping[str, Any]], person: str) -> list[Session]:
    """This person's recent sessions that can be read, newest first."""
    recent = {
        sid for entry in people if same_person(entry["person"], person) for sid in entry["recent"]
    }
    sessions = []
    for session_id in recent:
        try:
            sessions.append(read_session(store, session_id))
        except CoachError:
            continue  # reported by `coach doctor`; rotation just knows a little less
    sessions.sort(key=lambda s: instant(s.started_at), reverse=True)
    return sessions


def _open_items(open_rows: Sequence[Mapping[str, Any]], person: str) -> list[tuple[Any, Any]]:
    return [
        (row, action)
        for row in open_rows
        if same_person(row["person"], person)
        for action in row["actions"]
        if action["status"] == "open"
    ]


def _brief(
    open_rows: Sequence[Mapping[str, Any]], sessions: list[Session], person: str, clock: Clock
) -> Brief:
    from coachcli.followup.listing import in_order, items_from_rows

    today = clock.today()
    mine = [row for row in open_rows if same_person(row["person"], person)]
    items = [item for item in items_from_rows(mine) if item.is_open]
    name = sessions[0].person if sessions else person
    return build_brief(name, sessions, in_order(items, today), today)


def person_context(
    store: Store,
    open_rows: Sequence[Mapping[str, Any]],
    people: Sequence[Mapping[str, Any]],
    person: str,
    clock: Clock,
) -> PersonContext:
    sessions = _sessions(store, people, person)
    recent_ids: list[str] = []
    for session in sessions:
        recent_ids += [q.question_id for q in session.questions if q.question_id]
        recent_ids += [a.prompt_id for a in session.assumptions if a.prompt_id]
    open_items = _open_items(open_rows, person)
    last = sessions[0] if sessions else None
    brief = _brief(open_rows, sessions, person, clock)

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
        brief=tuple(
            (title, tuple(lines), private)
            for title, lines, private in brief_sections(brief, clock.today(), checkins=False)
        ),
        checkins=tuple(
            (session.started_at.date(), session.checkin.scale, session.checkin.words)
            for session in reversed(sessions)
            if session.checkin is not None
        ),
    )


def person_brief(store: Store, person: str, clock: Clock) -> tuple[Brief, list[CoachError]]:
    """The brief for `coach prep`: NotFoundError when there is no session with ``person``."""
    from coachcli.core.errors import NotFoundError
    from coachcli.core.people import resolve_person
    from coachcli.index.cache import load_open_rows

    open_rows, errors, people = load_open_rows(store)
    # The same names `--person` takes: a unique first name or prefix will do (`coach prep sam`).
    found = resolve_person(person, [entry["person"] for entry in people])
    if found is None:
        raise NotFoundError("no sessions with that person", hint="`coach people` lists them")
    person = found
    sessions = _sessions(store, people, person)
    brief = _brief(open_rows, sessions, person, clock)
    brief.goals = _goals(store, person, errors)
    return brief, errors


def _goals(store: Store, person: str, errors: list[CoachError]) -> list[dict]:
    """A mentee's open development goals (none for someone you only coach); a goals file
    that cannot be read is reported with the other skipped files, not fatal."""
    from coachcli.conversation.brief import goal_entries
    from coachcli.storage.goals import load_mentee

    try:
        return goal_entries(load_mentee(store, person))
    except CoachError as exc:
        errors.append(exc)
        return []
