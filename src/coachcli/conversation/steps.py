"""The three looping steps of the conversation: ask, challenge, next steps.

Each loop keeps its results in the state as soon as they are complete, so an interrupted loop
resumes with what was already recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from coachcli.conversation.state import ConversationState, PendingAction, new_action
from coachcli.core.model import AskedQuestion, Assumption
from coachcli.language.steps import (
    LOW_CONFIDENCE,
    check_action_text,
    check_due,
    parse_confidence,
)
from coachcli.ui.prompting import Choice

if TYPE_CHECKING:
    from coachcli.banks.model import Bank, Question
    from coachcli.core.clock import Clock
    from coachcli.ui.prompting import MessageKind, Prompter


class Conversation(Protocol):
    """What a step needs of the running conversation (``engine.Conversation`` is one)."""

    @property
    def bank(self) -> Bank: ...
    @property
    def prompter(self) -> Prompter: ...
    @property
    def clock(self) -> Clock: ...

    def say(
        self, kind: MessageKind, text: str, *, title: str = "", lines: Sequence[str] = ()
    ) -> None: ...

    def phase(self, key: str) -> None: ...

    def rotated(self, skill: str, focus: str | None = None) -> list[Question]: ...


PAGE = 7


def question_key(text: str) -> str:
    """How a typed question matches a bank question: case, spacing, curly quotes, "?" ignored."""
    return " ".join(text.lower().replace("’", "'").split()).rstrip(" ?")


def _page_choices(pool, offset: int, own: Choice, done: Choice) -> list[Choice]:
    """A page of questions, then: write my own, other questions (if any), done (last)."""
    page = pool[offset : offset + PAGE]
    choices = [Choice(f"q:{q.id}", q.text) for q in page] + [own]
    if len(pool) > PAGE:
        choices.append(Choice("more", "Show other questions…"))
    return [*choices, done]


def _not_empty(text: str) -> str | None:
    return None if text.strip() else "Type something, or press Ctrl-C to stop and keep a draft."


def _own_question(c: Conversation) -> tuple[str, list[str]]:
    """Ask for the supervisor's own question; offer a what/how rewrite when it needs one."""
    from coachcli.language.question import check_question

    while True:
        text = c.prompter.text("ask.own", "Your question", validate=_not_empty).strip()
        result = check_question(text)
        if result.ok:
            return text, []
        c.say(
            "warning",
            "This question may close the conversation down:",
            title="Question check",
            lines=[issue.message for issue in result.issues],
        )
        choices = [Choice("keep", "Keep my question"), Choice("edit", "Write it again")]
        if result.suggestion:
            choices.insert(0, Choice("rewrite", f"Use: {result.suggestion}"))
        picked = c.prompter.select("ask.rewrite", "What would you like to do?", choices)
        if picked == "rewrite" and result.suggestion:
            return result.suggestion, []
        if picked == "keep":
            return text, [issue.kind for issue in result.issues]


def _pick(c: Conversation, key: str, prompt: str, pool: list, own: Choice, done: Choice):
    """Offer ``pool`` a page at a time; return the picked question, "own" or "done"."""
    offset = 0
    while True:
        picked = c.prompter.select(key, prompt, _page_choices(pool, offset, own, done))
        if picked == "more":
            offset = offset + PAGE if offset + PAGE < len(pool) else 0
            continue
        if picked in (own.value, done.value):
            return picked
        return next(q for q in pool if f"q:{q.id}" == picked)


def ask_step(c: Conversation, state: ConversationState) -> None:
    c.phase("ask")
    by_text = {question_key(q.text): q for q in c.bank.questions_for("ask")}
    own = Choice("own", "Write my own question…")
    done = Choice("done", "Done asking — move on")
    while True:
        asked = {q.question_id for q in state.questions}
        pool = [q for q in c.rotated("ask") if q.id not in asked]
        number = len(state.questions) + 1
        picked = _pick(c, "ask.pick", f"Question {number}: pick one to ask", pool, own, done)
        if picked == "done":
            return
        issues: list[str] = []
        if picked == "own":
            text, issues = _own_question(c)
            match = by_text.get(question_key(text))
            source, qid = ("bank", match.id) if match else ("own", None)
        else:
            text, source, qid = picked.text, "bank", picked.id
        answer = c.prompter.text("ask.answer", f"“{text}” — what did they say?").strip()
        state.questions.append(
            AskedQuestion(
                text=text, answer=answer, source=source, question_id=qid, check_issues=issues
            )
        )


def challenge_step(c: Conversation, state: ConversationState) -> None:
    c.say("info", "Now challenge: what is being taken for granted?", title="Challenge")
    own = Choice("own", "Note an assumption I noticed myself…")
    done = Choice("done", "Done — move on to next steps")
    while True:
        used = {a.prompt_id for a in state.assumptions}
        pool = [q for q in c.rotated("challenge") if q.id not in used]
        picked = _pick(c, "challenge.pick", "Pick a challenge to ask", pool, own, done)
        if picked == "done":
            return
        prompt, prompt_id = ("", None) if picked == "own" else (picked.text, picked.id)
        assumption = c.prompter.text(
            "challenge.assumption", "The assumption that surfaced (empty to skip)"
        ).strip()
        if not assumption:
            continue
        reframe = c.prompter.text("challenge.reframe", "How did they reframe it?").strip()
        state.assumptions.append(
            Assumption(prompt=prompt, prompt_id=prompt_id, assumption=assumption, reframe=reframe)
        )


def _ask_due(c: Conversation) -> object:
    today = c.clock.today()

    def validate(text: str) -> str | None:
        return check_due(text, today)[1]

    text = c.prompter.text(
        "next.due",
        "Due when? (2026-12-04, friday, next friday, in 2 weeks, tomorrow)",
        validate=validate,
    )
    due, _ = check_due(text, today)  # validated above: a date, today or later
    assert due is not None
    from coachcli.core.dates import describe_date

    c.say("echo", f"Due {describe_date(due, today)}")
    return due


def _ask_confidence(c: Conversation, pending: PendingAction) -> None:
    while pending.confidence is None:
        raw = c.prompter.text(
            "next.confidence",
            "How confident is the owner it will happen? (1–10)",
            validate=lambda t: parse_confidence(t)[1],
        )
        confidence, _ = parse_confidence(raw)
        if confidence is not None and confidence < LOW_CONFIDENCE:
            c.say("hint", f"Confidence {confidence}: a smaller step is more likely to happen.")
            smaller = c.prompter.text(
                "next.smaller",
                "A smaller step (edit it, or press Enter to keep this one)",
                default=pending.text or "",
                validate=check_action_text,
            ).strip()
            if smaller and smaller != pending.text:
                pending.text = smaller
                continue  # ask the confidence again for the smaller step
        pending.confidence = confidence


def next_step(c: Conversation, state: ConversationState) -> None:
    c.phase("next")
    hints = c.rotated("commit")[:2]
    if hints:
        c.say("hint", "You might ask:", lines=[q.text for q in hints])
    while True:
        pending = state.pending_action or PendingAction()
        state.pending_action = pending
        if pending.text is None:
            pending.text = c.prompter.text(
                "next.action", "Next step (start with a verb)", validate=check_action_text
            ).strip()
        if pending.owner is None:
            pending.owner = c.prompter.select(  # type: ignore[assignment]
                "next.owner",
                "Who owns it?",
                [Choice("person", state.person or "They do"), Choice("supervisor", "Me")],
            )
        if pending.due is None:
            pending.due = _ask_due(c)  # type: ignore[assignment]
        _ask_confidence(c, pending)
        state.actions.append(new_action(pending, c.clock.now()))
        state.pending_action = None
        if not c.prompter.confirm("next.more", "Add another next step?", default=False):
            return
