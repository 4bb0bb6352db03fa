"""Forms a question takes that its first word does not show (pure stdlib, prefix tables).

An offer that asks permission ("Would it help if I shared an idea?"), a request put gently ("I
was wondering if you could say more…"), a why in what's clothing ("What's the reason you
didn't…"). Used by ``coachcli.language.question``.
"""

from __future__ import annotations

from coachcli.language.words import expand, key_of, wordset


def _after(words: list[str], *heads: str) -> list[str]:
    """The words after the first of ``heads`` found in ``words``."""
    for i, w in enumerate(words):
        if w in heads:
            return words[i + 1 :]
    return []


# Offers and permission: a mentor sharing, asked for first. Not a coaching question, not a flaw.
_OFFERS = expand(
    "would|could|might|will it help|be_helpful|be_useful|be_ok|be_okay|be_alright|be_all_right "
    "if_i|if_we|to_hear|to_know|to_have|for_me|if_you_heard|if_you_had",
    "would|could|might it be helpful|useful|worth|ok|okay if_i|to_hear|to_know|for_me",
    "can|could|may|might i share|offer|suggest|make|give|tell|add|introduce|put|pass|throw|float|"
    "mention|point|connect|recommend",
    "is|would it ok|okay|alright|all_right|be_ok|be_okay if_i|for_me",
    "would|do you like|want me|my|a_couple|some_names|some_contacts|an_introduction|"
    "some_introductions|a_suggestion|some_suggestions|an_idea|some_ideas|some_feedback|"
    "a_thought|some_thoughts|a_perspective",
    "who could|can|should|might i introduce|connect|put",
    "what introduction|introductions|intro|intros|connection|connections|contacts|contact",
    "would|do you find it useful|helpful if_i",
    "i_have_an_idea|i_have_a_thought|i've_got_an_idea|i_have_a_suggestion -|would|can|could|may",
    "are you open to some|my|a|hearing",
)


def is_offer(words: list[str]) -> bool:
    """ "Would it help if I shared an idea?", "What introduction would be useful?"."""
    key = key_of(words)
    if not key.startswith(_OFFERS):
        return False
    return not key.startswith(("would you like some help ", "do you want some help "))


# A why in what's clothing: "What's the reason you didn't…", "What was the reason for…".
_HIDDEN_WHY = expand("what's|what_is|what_was|whats the|your reason|reasons -|that|why|for")


def hidden_why(words: list[str]) -> bool:
    return key_of(words).startswith(_HIDDEN_WHY)


_NOT_DONE = wordset("didn't didnt haven't havent couldn't did hasn't wasn't weren't don't doesn't")


def rewrite_hidden_why(words: list[str]) -> str:
    """ "What's the reason you didn't call?" → "What made it hard to call?"."""
    rest = _after(words, "reason", "reasons")
    while rest and rest[0] in ("that", "why"):
        rest = rest[1:]
    if rest[:1] == ["for"]:
        return f"What led to {' '.join(rest[1:])}?" if rest[1:] else "What led to that?"
    if len(rest) >= 3 and rest[1] in _NOT_DONE:
        verb = rest[2:]
        if rest[1] in ("did",) and verb[:1] == ["not"]:
            verb = verb[1:]
        if rest[1] in ("wasn't", "weren't"):
            return "What got in the way?"
        return f"What made it hard to {' '.join(verb)}?" if verb else "What got in the way?"
    if len(rest) >= 2:
        return f"What was going on when {' '.join(rest)}?"
    return "What led to that?"


_SOFT_REQUEST = expand(
    "i_was_wondering|i'm_wondering|i_am_wondering|i_wonder|just_wondering|i_was_just_wondering|"
    "i'm_just_wondering if|whether you could|can|would|might|will -|please "
    "tell|say|walk|talk|describe|share|explain|give|help|show|fill|expand|elaborate|go",
)


def softened_request(words: list[str]) -> bool:
    """ "I was wondering if you could say a bit more…": a request for more, gently put."""
    return key_of(words).startswith(_SOFT_REQUEST)


# About the supervisor rather than the person: their approval, their answer, their performance.
_ABOUT_ME = expand(
    "what|how do|did you think|feel of|about my|me",
    "what's|what_is|whats your view|opinion|take of|on my|me",
    "do|did you like|agree_with|approve_of|rate my|me",
    "do|did you think i|i'm|i've|i'd|my",
    "how did|do|does|was|were|is|are my",
    "how am|was|did i do|doing|come_across|sound|handle|look",
    "what should|shall|do i do|say|tell",
    "what do|would you want|like me to do|say about_it",
)
_FOR_THEM = wordset("help support")


def about_me(words: list[str]) -> str | None:
    """The open question about them beneath a question about the supervisor, or None."""
    key = key_of(words)
    if not key.startswith(_ABOUT_ME) or any(w in _FOR_THEM for w in words[:5]):
        return None
    if key.startswith(("what should", "what shall", "what do i")):
        return "What would you like to happen?"
    return "What's your own view on this?"
