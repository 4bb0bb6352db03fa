"""Mentoring offers: experience, a suggestion, an introduction, sponsorship — asked for first.

Each offer starts with a permission question ("Would it help if I shared…?"), is recorded with its
kind and whether the mentee took it up, and an introduction or sponsorship they took up becomes a
next step owned by the mentor. ``mentoring_check`` is the question check as a mentoring flow uses
it: a question that asks permission to offer is the right move here, not a leading one.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from coachcli.conversation.base import own_step, step_problem
from coachcli.conversation.state import ConversationState
from coachcli.core.parts import Offer
from coachcli.ui.prompting import Choice

if TYPE_CHECKING:
    from coachcli.conversation.base import Conversation
    from coachcli.core.model import OfferKind
    from coachcli.language.question import CheckResult

PERMISSION = {
    "experience": "Would it help if I shared what happened when I faced something like this?",
    "suggestion": "Would a suggestion be useful here, or would you rather keep thinking first?",
    "introduction": "Would it help if I introduced you to someone who has done this?",
    "sponsorship": "Would you like me to put your name forward or speak up for you?",
}
LABELS = {
    "experience": "Share my experience…",
    "suggestion": "Make a suggestion…",
    "introduction": "Introduce them to someone…",
    "sponsorship": "Sponsor them: put their name forward, speak up for them…",
}
WHAT = {
    "experience": "The experience you shared, in a line",
    "suggestion": "Your suggestion, in a line",
    "introduction": "Who you offered to introduce them to (and why)",
    "sponsorship": "What you offered to put them forward for or speak up about",
}
MENTOR_OWNED = ("introduction", "sponsorship")
DONE = Choice("done", "No (more) offers — move on", key="d")

# An auxiliary opening, then a first-person offer to share, suggest, introduce or speak up:
# "Would it help if I shared…", "May I suggest…", "Would you like me to introduce you to…".
_ASKS = re.compile(r"^\W*(would|could|can|may|might|shall|should|do|is|are)\b", re.I)
_OFFER = re.compile(
    r"\b(if i|me to|may i|can i|could i|shall i|might i|should i)\s+(\w+\s+)?"
    r"(share|shared|introduce|introduced|suggest|suggested|offer|offered|tell|told|put|connect|"
    r"connected|speak|spoke|recommend|recommended|mention|mentioned|pass|passed|nominate|"
    r"nominated|sponsor|sponsored|describe|described|give|gave|make|made)\b",
    re.I,
)


# The offer already worded as the mentor's step ("Email Priya to introduce Ana").
_ACTS = re.compile(
    r"^(introduce|connect|put|email|message|send|ask|set up|arrange|write|call|nominate|"
    r"recommend|speak|mention|sponsor|tell|invite|share|forward)\b",
    re.I,
)


def is_permission_question(text: str) -> bool:
    """Does ``text`` ask permission before offering something of the mentor's?"""
    flat = " ".join(text.split())
    return flat.endswith("?") and bool(_ASKS.match(flat)) and bool(_OFFER.search(flat))


def mentoring_check(text: str) -> CheckResult:
    """The question check in a mentoring flow: permission and offer questions pass."""
    from coachcli.language import question

    check: Callable[..., CheckResult] = question.check_question
    if "context" in inspect.signature(check).parameters:  # the tone-aware check (issue 13)
        result = check(text, context="mentoring")
    else:
        result = check(text)
    if not result.ok and is_permission_question(text):
        return question.CheckResult(text=text, ok=True, issues=(), suggestion=None)
    return result


def offer_item_text(kind: str, offered: str, person: str) -> str:
    """The mentor's next step for a taken-up introduction or sponsorship, as a verb phrase."""
    text = " ".join(offered.split()).rstrip(".")
    if _ACTS.match(text) and step_problem(text) is None:
        return text[0].upper() + text[1:]
    if kind == "introduction":
        return f"Introduce {person} to {text}"
    return f"Speak up for {person}: {text}"


def offer_step(c: Conversation, state: ConversationState) -> None:
    c.say(
        "info",
        "They lead: offer only what they want, and ask first. An introduction or sponsorship "
        "they take up becomes your next step.",
        title="Offer — with permission",
    )
    offers = state.mentoring.offers
    if state.pending_action is not None and offers and offers[-1].item_id is None:
        _offer_item(c, state, offers[-1])  # resumed while the step for it was being typed
    while True:
        choices = [Choice(kind, label) for kind, label in LABELS.items()]
        kind = c.prompter.select("offer.kind", "Offer something?", [*choices, DONE])
        if kind == DONE.value:
            return
        c.say("info", f"Ask first: “{PERMISSION[kind]}”")
        text = c.prompter.text("offer.text", f"{WHAT[kind]} (Enter: they did not want it)")
        if not text.strip():
            continue
        taken = c.prompter.confirm("offer.taken_up", "Did they take it up?", default=True)
        offer = Offer(
            kind=cast("OfferKind", kind),  # one of the choices offered
            text=text.strip(),
            asked=PERMISSION[kind],
            taken_up=taken,
        )
        state.mentoring.offers.append(offer)
        if taken and kind in MENTOR_OWNED:
            _offer_item(c, state, offer)


def _offer_item(c: Conversation, state: ConversationState, offer: Offer) -> None:
    """The taken-up introduction or sponsorship as a next step you own."""
    action = own_step(
        c,
        state,
        keys="offer.",
        prompt="Your step (Enter keeps it)",
        text=offer_item_text(offer.kind, offer.text, state.person or "them"),
        due="in 2 weeks",
    )
    offer.item_id = action.id
