"""The two ways `coach start` runs: at a terminal (with drafts) or from an answers file.

This is wiring, not logic: it picks the bank, store, prompter and clock, hands them to the
engine, saves the session or the draft, and prints the summary. At a terminal the first prompt
(the draft to resume, or who the conversation is with) needs only the index and the prompter,
so it is asked before the engine, its pydantic models and the bank are loaded.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachcli.conversation.who import ask_person
from coachcli.core.clock import Clock, SystemClock
from coachcli.core.errors import Cancelled, CoachError
from coachcli.core.people import known_people
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


def _offer_draft(store: Store, path: Path, prompter: Prompter) -> dict | None:
    """Ask what to do with the newest draft; its state (unvalidated) if it is to be resumed."""
    try:
        state = store.load_draft(path)
    except CoachError:
        prompter.say(Message("warning", f"A draft could not be read and is left as it is: {path}"))
        return None
    person = state.get("person")
    who = f" with {person}" if isinstance(person, str) and person else ""
    picked = prompter.select(
        "draft.resume",
        f"You have an unfinished conversation{who}{_when(state.get('started_at'))}.",
        [
            Choice("resume", "Resume it"),
            Choice("discard", "Discard it and start a new one"),
            Choice("later", "Keep it for later and start a new one"),
        ],
    )
    if picked == "resume":
        return state
    if picked == "discard":
        store.discard_draft(path)
    return None


def _resumable(data: dict | None, path: Path | None, prompter: Prompter):
    if data is None:
        return None
    from pydantic import ValidationError

    from coachcli.conversation.state import ConversationState

    try:
        return ConversationState.model_validate(data)
    except ValidationError:
        prompter.say(Message("warning", f"A draft could not be read and is left as it is: {path}"))
        return None


def converse(
    store: Store,
    prompter: Prompter,
    clock: Clock,
    *,
    person: str | None,
    bank_name: str | None,
    scripted: bool = False,
):
    """Run the conversation (resuming a draft at a terminal) and save it.

    Returns the session and the path it was saved to.
    """
    open_rows, people = _index(store, prompter)
    drafts = [] if scripted else store.draft_files()
    draft = _offer_draft(store, drafts[0], prompter) if drafts else None
    if draft is None and person is None:
        person = ask_person(prompter, known_people(people))

    from coachcli.banks.load import load_bank
    from coachcli.conversation.carryover import person_context
    from coachcli.conversation.engine import Conversation
    from coachcli.conversation.state import ConversationInterrupted

    state = _resumable(draft, drafts[0] if drafts else None, prompter)
    draft_path = drafts[0] if state is not None else None

    def skipped(entry) -> None:
        prompter.say(Message("warning", f"Skipped your bank file {entry}"))

    bank = load_bank(state.bank if state else (bank_name or DEFAULT_BANK), on_skip=skipped)

    def context(name: str):
        found = person_context(store, open_rows, people, name, clock)
        return replace(found, review=None) if scripted else found

    conversation = Conversation(
        bank, prompter, clock, known_people=known_people(people), context=context
    )

    def keep_draft() -> None:
        """Keep what was typed; if the disk is full this may fail too."""
        typed = conversation.state
        if not scripted and typed is not None and typed.typed_anything:
            with contextlib.suppress(Exception):
                store.save_draft(typed.draft_id, typed.model_dump(mode="json"))

    try:
        session = conversation.run(state, person)
    except ConversationInterrupted as exc:
        if not exc.state.typed_anything:
            raise Cancelled("cancelled; nothing was typed, nothing kept") from None
        store.save_draft(exc.state.draft_id, exc.state.model_dump(mode="json"))
        raise Cancelled(
            "cancelled; what you typed is kept as a draft",
            hint="run `coach start` again to resume or discard it",
        ) from None
    except Exception:
        keep_draft()  # a bug must not cost the supervisor the conversation
        raise
    try:
        saved = store.save_new_session(session)
    except Exception:
        keep_draft()
        raise
    if draft_path is not None:
        store.discard_draft(draft_path)
    return session, saved


def run_interactive(person: str | None, bank_name: str | None) -> None:
    from coachcli.ui.questionary_prompter import QuestionaryPrompter

    prompter = QuestionaryPrompter()
    session, saved = converse(
        Store.default(), prompter, SystemClock(), person=person, bank_name=bank_name
    )
    from coachcli.conversation.summary import print_summary
    from coachcli.ui.console import get_console

    print_summary(get_console(), session, saved)


def run_scripted(answers_path: Path, bank_name: str | None) -> None:
    from coachcli.conversation.answers import AnswersPrompter, load_answers
    from coachcli.conversation.summary import print_summary
    from coachcli.ui.console import get_console

    answers = load_answers(answers_path)
    prompter = AnswersPrompter(answers, str(answers_path))
    session, saved = converse(
        Store.default(),
        prompter,
        SystemClock(),
        person=answers.person,
        bank_name=bank_name or answers.bank,
        scripted=True,
    )
    print_summary(get_console(), session, saved)
