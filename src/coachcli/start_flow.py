"""The two ways `coach start` runs: at a terminal (with drafts) or from an answers file.

This is wiring, not logic: it picks the bank, store, prompter and clock, hands them to the
engine, saves the session or the draft, and prints the summary.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path

from coachcli.carryover import known_people, person_context
from coachcli.clock import Clock, SystemClock
from coachcli.conversation import ConversationInterrupted, ConversationState
from coachcli.engine import Conversation
from coachcli.errors import Cancelled, CoachError
from coachcli.prompting import Choice, Message, Prompter
from coachcli.store import Store

DEFAULT_BANK = "coaching"


def _rows(store: Store, prompter: Prompter) -> list[dict]:
    from coachcli.index import load_rows

    rows, problems = load_rows(store)
    if problems:
        prompter.say(
            Message(
                "warning",
                f"{len(problems)} session file(s) could not be read and are left as they are; "
                "run `coach doctor` for details.",
            )
        )
    return rows


def _offer_draft(
    store: Store, path: Path, prompter: Prompter
) -> tuple[ConversationState | None, Path | None]:
    from pydantic import ValidationError

    try:
        state = ConversationState.model_validate(store.load_draft(path))
    except (CoachError, ValidationError):
        prompter.say(Message("warning", f"A draft could not be read and is left as it is: {path}"))
        return None, None
    who = f" with {state.person}" if state.person else ""
    picked = prompter.select(
        "draft.resume",
        f"You have an unfinished conversation{who} from {state.started_at:%a %d %b %H:%M}.",
        [
            Choice("resume", "Resume it"),
            Choice("discard", "Discard it and start a new one"),
            Choice("later", "Keep it for later and start a new one"),
        ],
    )
    if picked == "resume":
        return state, path
    if picked == "discard":
        store.discard_draft(path)
    return None, None


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
    from coachcli.banks import load_bank

    state, draft_path = None, None
    drafts = [] if scripted else store.draft_files()
    if drafts:
        state, draft_path = _offer_draft(store, drafts[0], prompter)

    def skipped(entry) -> None:
        prompter.say(Message("warning", f"Skipped your bank file {entry}"))

    bank = load_bank(state.bank if state else (bank_name or DEFAULT_BANK), on_skip=skipped)
    rows = _rows(store, prompter)

    def context(name: str):
        found = person_context(store, rows, name, clock)
        return replace(found, review=None) if scripted else found

    conversation = Conversation(
        bank, prompter, clock, known_people=known_people(rows), context=context
    )
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
    try:
        saved = store.save_new_session(session)
    except CoachError:
        if not scripted:  # keep what was typed; if the disk is full this may fail too
            with contextlib.suppress(CoachError):
                done = conversation.state
                store.save_draft(done.draft_id, done.model_dump(mode="json"))
        raise
    if draft_path is not None:
        store.discard_draft(draft_path)
    return session, saved


def run_interactive(person: str | None, bank_name: str | None) -> None:
    from coachcli.prompter import QuestionaryPrompter
    from coachcli.summary_view import print_summary

    prompter = QuestionaryPrompter()
    session, saved = converse(
        Store.default(), prompter, SystemClock(), person=person, bank_name=bank_name
    )
    print_summary(prompter.console, session, saved)


def run_scripted(answers_path: Path, bank_name: str | None) -> None:
    from coachcli.answers import AnswersPrompter, load_answers
    from coachcli.render import get_console
    from coachcli.summary_view import print_summary

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
