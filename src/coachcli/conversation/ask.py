"""The ask step: questions offered in the bank's stage order, "And what else?" after each answer.

For a coaching bank the order follows the GROW arc from where the conversation has got to: focus
and goal first, then reality, options, will (the bank's ``stage`` tags say which is which; an
untagged question counts as exploring reality). Once a question from a later stage has been
asked, that stage and the ones after it come first. "And what else?" is never question 1: it is
offered again at the top after every answer, until an answer to it is empty or says there is
nothing more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachcli.conversation.paging import pick
from coachcli.conversation.state import ConversationState, PendingQuestion
from coachcli.core.parts import AskedQuestion
from coachcli.ui.prompting import Choice

if TYPE_CHECKING:
    from coachcli.banks.parts import Question
    from coachcli.conversation.base import Conversation

AWE_TEXT = "And what else?"
OWN = Choice("own", "Write my own question…", key="w")
DONE = Choice("done", "Done asking — move on", key="d")

GOAL, REALITY, OPTIONS, WILL = range(4)
STAGE_RANK = {
    **dict.fromkeys(
        (
            "focus",
            "kickstart",
            "contracting",
            "goal",
            "foundation",
            "outcome",
            "preferred-future",
            "miracle",
        ),
        GOAL,
    ),
    **dict.fromkeys(
        (
            "reality",
            "exploring",
            "listening",
            "scaling",
            "exception",
            "know-how",
            "competence",
            "coping",
            "review",
        ),
        REALITY,
    ),
    "options": OPTIONS,
    **dict.fromkeys(("will", "action", "affirm-action", "strategic", "lazy"), WILL),
}


def question_key(text: str) -> str:
    """How a typed question matches a bank question: case, spacing, curly quotes, "?" ignored."""
    return " ".join(text.lower().replace("’", "'").split()).rstrip(" ?")


def is_awe(question: Question) -> bool:
    return question.stage == "awe" or question_key(question.text) == question_key(AWE_TEXT)


def stage_rank(question: Question) -> int:
    return STAGE_RANK.get(question.stage or "", REALITY)


def staged(pool: list[Question], reached: int) -> list[Question]:
    """``pool`` (already rotated) in stage order from ``reached``: that stage and the later ones
    first, in arc order, then the earlier ones; rotation order kept within a stage."""
    order = {q.id: index for index, q in enumerate(pool)}
    return sorted(pool, key=lambda q: (stage_rank(q) < reached, stage_rank(q), order[q.id]))


def _reached(c: Conversation, state: ConversationState) -> int:
    by_id = {q.id: q for q in c.bank.questions_for("ask")}
    ranks = [
        stage_rank(by_id[q.question_id])
        for q in state.questions
        if q.question_id in by_id and not is_awe(by_id[q.question_id])
    ]
    return max(ranks, default=GOAL)


def _offer_awe(state: ConversationState) -> bool:
    """After an answer, unless the last answer to "And what else?" was empty or said there is
    nothing more ("Nothing else really"): asking it again would not be listening."""
    from coachcli.language.restate import says_nothing_more

    if not state.questions:
        return False
    last = state.questions[-1]
    if question_key(last.text) != question_key(AWE_TEXT):
        return True
    return bool(last.answer.strip()) and not says_nothing_more(last.answer)


def _own_question(c: Conversation) -> tuple[str, list[str]]:
    """Ask for the supervisor's own question; offer a what/how rewrite when it needs one."""
    from coachcli.conversation.base import QUESTION_CHECK_TITLE
    from coachcli.language.question import check_question

    # A mentoring conversation checks in its own context (asking permission to offer is right).
    check = getattr(c, "question_check", check_question)
    while True:
        text = c.prompter.text("ask.own", "Your question", validate=_not_empty).strip()
        result = check(text)
        if result.ok:
            return text, []
        c.say(
            "warning",
            "This question may close the conversation down:",
            title=QUESTION_CHECK_TITLE,
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


def _not_empty(text: str) -> str | None:
    return None if text.strip() else "Type something, or press Ctrl-C to stop and keep a draft."


def _choose(c: Conversation, state: ConversationState) -> PendingQuestion | None:
    """The next question to ask, or None when the supervisor is done asking."""
    bank_ask = c.bank.questions_for("ask")
    awe = next((q for q in bank_ask if is_awe(q)), None)
    asked = {q.question_id for q in state.questions}
    pool = [q for q in c.rotated("ask") if q.id not in asked and not is_awe(q)]
    pool = staged(pool, _reached(c, state))
    first: list[Choice] = []
    if _offer_awe(state):
        first = [Choice(f"q:{awe.id}" if awe else "awe", AWE_TEXT)]
    elif awe is not None:
        pool.append(awe)  # still there to pick, never as question 1
    number = len(state.questions) + 1
    picked = pick(
        c.prompter, "ask.pick", f"Question {number}: pick one", pool, [OWN], DONE, first=first
    )
    if picked == DONE.value:
        return None
    if picked == "awe" or (awe is not None and picked == f"q:{awe.id}"):
        return PendingQuestion(
            text=awe.text if awe else AWE_TEXT, question_id=awe.id if awe else None
        )
    if picked == OWN.value:
        text, issues = _own_question(c)
        match = next((q for q in bank_ask if question_key(q.text) == question_key(text)), None)
        if match is not None:
            return PendingQuestion(text=text, question_id=match.id, check_issues=issues)
        return PendingQuestion(text=text, source="own", check_issues=issues)
    assert not isinstance(picked, str)
    return PendingQuestion(text=picked.text, question_id=picked.id)


def ask_step(c: Conversation, state: ConversationState) -> None:
    c.phase("ask")
    resumed_here = state.pending_question is not None
    while True:
        if state.pending_question is None:
            state.pending_question = _choose(c, state)
            if state.pending_question is None:
                return
        pending = state.pending_question
        if resumed_here:
            c.say("info", f"You were asking: “{pending.text}”")
        resumed_here = False
        answer = c.prompter.text("ask.answer", "Their answer").strip()
        state.questions.append(
            AskedQuestion(
                text=pending.text,
                answer=answer,
                source=pending.source,
                question_id=pending.question_id,
                check_issues=pending.check_issues,
            )
        )
        state.pending_question = None
