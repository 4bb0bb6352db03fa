"""The two ways `coach start` runs: at a terminal (with drafts) or from an answers file.

This is wiring, not logic: it picks the bank, store, prompter and clock, hands them to the
engine, saves the session or the draft, and prints the summary. At a terminal the first prompt
(the draft to resume, or who the conversation is with) needs only the index and the prompter,
so it is asked before the engine, its pydantic models and the bank are loaded.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachcli.conversation.who import ask_person
from coachcli.core.clock import Clock, SystemClock
from coachcli.core.errors import Cancelled, CoachError
from coachcli.core.people import known_people, known_spelling
from coachcli.storage.store import Store
from coachcli.ui.prompting import Choice, Message, Prompter

if TYPE_CHECKING:
    from coachcli.index.query import Person
    from coachcli.index.rows import OpenRow

DEFAULT_BANK = "coaching"


def _index(store: Store, prompter: Prompter) -> tuple[list[OpenRow], list[Person]]:
    """Open items and the people summary, from the index's fast section."""
    from coachcli.index.cache import load_open_rows

    open_rows, problems, people = load_open_rows(store)
    if problems:
        prompter.say(
            Message(
                "warning",
                f"{len(problems)} session file(s) could not be read and are left as they are; "
                "run `coach doctor` for details.",
            )
        )
    return open_rows, people


def _when(started_at: Any) -> str:
    try:
        return f" from {datetime.fromisoformat(str(started_at)):%a %d %b %H:%M}"
    except ValueError:
        return ""


_STOPPED_AT = (  # the last step done -> where the conversation stopped
    ("next", "closing"),
    ("challenge", "at next steps"),
    ("support", "challenging"),
    ("ask", "saying back"),
    ("listen", "asking questions"),
    ("checkin", "listening"),
    ("agenda", "checking in"),
)


def _progress(state: dict) -> str:
    """A few words on how far a draft got, from its raw (unvalidated) state."""
    done = state.get("done")
    done = {d for d in done if isinstance(d, str)} if isinstance(done, list) else set()
    questions = state.get("questions")
    parts = []
    if isinstance(questions, list) and questions:
        parts.append(f"{len(questions)} question(s) asked")
    where = next((words for step, words in _STOPPED_AT if step in done), "")
    if where:
        parts.append(f"stopped {where}")
    return f" ({', '.join(parts)})" if parts else ""


def _drafts_for(
    store: Store, paths: list[Path], person: str | None, prompter: Prompter
) -> list[tuple[Path, dict]]:
    """Readable drafts, newest first; only this person's when ``person`` is given."""
    from coachcli.core.people import same_person

    found = []
    for path in paths:
        try:
            state = store.load_draft(path)
        except CoachError:
            prompter.say(
                Message("warning", f"A draft could not be read and is left as it is: {path}")
            )
            continue
        name = state.get("person")
        if person is not None and not (isinstance(name, str) and same_person(name, person)):
            continue  # someone else's conversation is never resumed under --person
        found.append((path, state))
    return found


def _offer_drafts(
    store: Store, drafts: list[tuple[Path, dict]], prompter: Prompter
) -> tuple[Path, dict] | None:
    """List the drafts; the one to resume, or None to start a new conversation."""
    while drafts:
        several = len(drafts) > 1
        choices = []
        for number, (_, state) in enumerate(drafts[:9]):
            person = state.get("person")
            who = f" with {person}" if isinstance(person, str) and person else ""
            label = f"Resume the conversation{who}{_when(state.get('started_at'))}"
            choices.append(Choice(f"resume:{number}", label + _progress(state)))
        choices += [
            Choice(
                "later", "Keep " + ("them" if several else "it") + " for later, start a new one"
            ),
            Choice("discard", "Discard one…" if several else "Discard it and start a new one"),
        ]
        count = (
            f"{len(drafts)} unfinished conversations" if several else "an unfinished conversation"
        )
        picked = prompter.select("draft.resume", f"You have {count}.", choices)
        if picked.startswith("resume:"):
            return drafts[int(picked.split(":")[1])]
        if picked == "later":
            return None
        if not several:
            store.discard_draft(drafts[0][0])
            return None
        gone = prompter.select(
            "draft.discard",
            "Discard which one? (it cannot be undone)",
            [c for c in choices if c.value.startswith("resume:")]
            + [Choice("none", "None of them")],
        )
        if gone.startswith("resume:"):
            path, _ = drafts.pop(int(gone.split(":")[1]))
            store.discard_draft(path)
    return None


def _resumable(data: dict | None, path: Path | None, prompter: Prompter):
    if data is None:
        return None
    from coachcli.conversation.draft import read_draft

    state = read_draft(data)
    if state is None:
        prompter.say(Message("warning", f"A draft could not be read and is left as it is: {path}"))
    return state


def file_bytes(session: Any) -> bytes:
    """The new session file's bytes, checked as the model would check them: the session is plain
    records, which validate nothing. Plainly valid data is written by ``core.plain`` (the model's
    very bytes); anything else goes through the model, which writes it or refuses it (a bug: the
    caller keeps the draft)."""
    from coachcli.core.parts import data
    from coachcli.core.plain import NotPlain, to_json_bytes
    from coachcli.index.validate import plainly_valid

    try:
        found = data(session)
        if plainly_valid(found):
            return to_json_bytes(found)
    except NotPlain:
        pass
    from coachcli.core.model import Session as Model

    return Model.model_validate(session, from_attributes=True).to_json_bytes()


def converse(
    store: Store,
    prompter: Prompter,
    clock: Clock,
    *,
    person: str | None,
    bank_name: str | None,
    scripted: bool = False,
    kind: str | None = None,
):
    """Run the conversation (resuming a draft at a terminal) and save it.

    Returns the session and the path it was saved to.
    """
    open_rows, people = _index(store, prompter)
    drafts = [] if scripted else _drafts_for(store, store.draft_files(), person, prompter)
    offered = _offer_drafts(store, drafts, prompter) if drafts else None
    draft, draft_file = (offered[1], offered[0]) if offered else (None, None)
    typed_name = draft is None and person is None
    if typed_name:
        person = ask_person(prompter, known_people(people))
    elif person is not None:
        person = _known_person(person, known_people(people), prompter)

    from coachcli.banks.load import load_bank
    from coachcli.conversation.carryover import person_context
    from coachcli.conversation.engine import Conversation
    from coachcli.conversation.state import ConversationInterrupted
    from coachcli.core.parts import data as draft_data  # a draft is the state's JSON

    state = _resumable(draft, draft_file, prompter)
    draft_path = draft_file if state is not None else None

    def skipped(entry) -> None:
        prompter.say(Message("warning", f"Skipped your bank file {entry}"))

    if bank_name is None and kind == "mentoring":
        bank_name = "mentoring"
    bank = load_bank(state.bank if state else (bank_name or DEFAULT_BANK), on_skip=skipped)
    mentoring = (state.kind if state else (kind or bank.kind)) == "mentoring"

    def context(name: str):
        found = person_context(store, open_rows, people, name, clock)
        return replace(found, review=None) if scripted else found

    conversation: Conversation
    if mentoring:
        from coachcli.conversation.mentoring import MentoringConversation

        conversation = MentoringConversation(
            bank,
            prompter,
            clock,
            known_people=known_people(people),
            context=context,
            mentee=lambda name: _mentee(store, name, prompter),
        )
    else:
        conversation = Conversation(
            bank, prompter, clock, known_people=known_people(people), context=context
        )

    def keep_draft() -> None:
        """Keep what was typed; if the disk is full this may fail too."""
        typed = conversation.state
        if not scripted and typed is not None and typed.typed_anything:
            with contextlib.suppress(Exception):
                store.save_draft(typed.draft_id, draft_data(typed))

    try:
        session = conversation.run(state, person, person_typed=typed_name)
    except ConversationInterrupted as exc:
        if not exc.state.typed_anything:
            raise Cancelled("cancelled; nothing was typed, nothing kept") from None
        store.save_draft(exc.state.draft_id, draft_data(exc.state))
        raise Cancelled(
            "cancelled; what you typed is kept as a draft",
            hint="run `coach start` again to resume or discard it",
        ) from None
    except Exception:
        keep_draft()  # a bug must not cost the supervisor the conversation
        raise
    _spread_ids(store, session, open_rows)
    try:
        saved = store.save_new_session(session, file_bytes(session))
    except Exception:
        keep_draft()
        raise
    if draft_path is not None:
        store.discard_draft(draft_path)
    if session.kind == "mentoring":
        _fold_goals(store, session, prompter)
    return session, saved


def _mentee(store: Store, person: str, prompter: Prompter):
    """The mentee's goals file (None when there is none, or it cannot be read: said once)."""
    from coachcli.storage.goals import load_mentee

    try:
        return load_mentee(store, person)
    except CoachError as exc:
        prompter.say(Message("warning", f"{exc.message}; their goals are left out this time"))
        return None


def _fold_goals(store: Store, session, prompter: Prompter) -> None:
    """Reviews, new goals, the agreement and the next meeting into the mentee's goals file.
    The session is already saved: a goals file that cannot be read is left as it is."""
    from coachcli.core.goals import apply_session
    from coachcli.storage.goals import update_mentee

    try:
        update_mentee(store, session.person, lambda found: apply_session(found, session))
    except CoachError as exc:
        prompter.say(
            Message("warning", f"{exc.message}; the goals file was not updated (coach doctor)")
        )


def _known_person(typed: str, known: list[str], prompter: Prompter) -> str:
    """``--person`` (or the answers file's person) as someone already known when it names one:
    the same name in another spelling, or a unique whole first or last name ("chen" for Chen
    Wu), said back; otherwise the new name as typed ("Jo" is not Jon)."""
    from coachcli.core.people import person_key, resolve_person

    found = resolve_person(typed, known, prefixes=False)
    if found is None:
        return known_spelling(typed, known)
    if person_key(found) != person_key(typed):
        prompter.say(Message("echo", f"With {found}, already known (you typed {typed!r})"))
    return found


def _spread_ids(store: Store, session, open_rows: Sequence[Mapping[str, Any]]) -> None:
    """New item ids unlike every open item's, and a session id whose random part is unlike the
    others', so a few typed letters name each (``core.ids.distinct_id``)."""
    from coachcli.core.ids import new_item_id, new_session_id

    taken = [action["id"] for row in open_rows for action in row["actions"]]
    renamed = {}
    for action in session.actions:
        renamed[action.id] = action.id = new_item_id(taken)
        taken.append(action.id)
    for offer in session.mentoring.offers if session.mentoring else ():
        if offer.item_id is not None:  # an introduction or sponsorship: its item, renamed
            offer.item_id = renamed.get(offer.item_id, offer.item_id)
    existing = [path.name[:-5] for path in store.session_files()]
    session.id = new_session_id(session.started_at, existing)


def run_interactive(person: str | None, bank_name: str | None, kind: str | None = None) -> None:
    from coachcli.ui.questionary_prompter import QuestionaryPrompter

    prompter = QuestionaryPrompter()
    session, saved = converse(
        Store.default(), prompter, SystemClock(), person=person, bank_name=bank_name, kind=kind
    )
    from coachcli.conversation.summary import print_summary
    from coachcli.ui.console import get_console

    print_summary(get_console(), session, saved)


def run_scripted(
    answers_path: Path, bank_name: str | None, kind: str | None = None, person: str | None = None
) -> None:
    """The conversation from an answers file; ``bank_name``, ``kind`` and ``person`` given on
    the command line take the place of the file's (one file can serve several people)."""
    from coachcli.conversation.answers import AnswersPrompter, load_answers
    from coachcli.conversation.summary import show_summary
    from coachcli.core.sanitize import clean

    answers = load_answers(answers_path)
    prompter = AnswersPrompter(answers, str(answers_path))
    session, saved = converse(
        Store.default(),
        prompter,
        SystemClock(),
        person=person.strip() if person and person.strip() else answers.person,
        bank_name=bank_name or answers.bank,
        scripted=True,
        kind=kind or answers.kind,
    )
    for message in prompter.messages:  # what the dates and the name were understood as
        if message.kind == "echo":
            print(f"✓ {clean(message.text)}")
    show_summary(session, saved)
