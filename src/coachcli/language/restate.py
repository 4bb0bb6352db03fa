"""The supporting restatement: what was heard, said back to the person as spoken English.

``compose_restatement`` takes the notes (facts, feelings, values) and the answers to the
questions asked, and returns a few sentences a supervisor could say out loud: in the second
person, joined with commas and "and", feelings offered tentatively ("it sounds like you're
feeling…"), values phrased by their form ("craftsmanship matters to you", "you want to be seen
as reliable"), the real-challenge and what-they-want answers named, ending with a check that it
landed. Every note is used; none is dropped. What was typed as it was said is said back as
meant (``informal.plain``): fillers, hedges and chat slang out, the facts and values kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coachcli.language.clauses import (
    ADVERB_STARTS,
    ANSWER_VERBS,
    BARE_VERBS,
    DEGREE,
    ED_NOUNS,
    FINITE,
    IRREGULAR_PAST,
    STATE_STARTS,
    VERB_START,
    is_clause,
    strip_lead,
    subjectless,
    words_in,
)
from coachcli.language.informal import plain
from coachcli.language.spoken import (
    join_spoken,
    mid_sentence,
    names_in,
    names_someone,
    second_person,
    tidy,
    undouble,
)
from coachcli.language.words import ADJECTIVES, is_adjective, is_ing, wordset

OPENING = "Let me check I've understood."
CHECK = "What have I missed or got wrong?"

_CONNECTORS = ("because ", "as ", "since ", "that ", "and ", "also ", "so ", "but ")
_FEELING_LEADS = (
    "you're feeling ", "you are feeling ", "you feel ", "you felt ", "you're ", "you are ",
    "you were ", "you seem ", "you seemed ", "feeling ", "feels ", "feel ", "felt ", "seems ",
    "seemed ", "is ", "was ", "are ", "were ",
)  # fmt: skip
_LIKE_LEADS = ("like ", "that ", "as if ", "as though ")
_FEELING_NOUNS = wordset(
    "anger fear relief pride guilt shame stress pressure dread hope despair panic joy grief "
    "frustration anxiety excitement worry resentment disappointment confusion sadness "
    "loneliness exhaustion burnout overwhelm embarrassment"
)
_VALUE_ADJECTIVES = wordset(
    "honest fair kind loyal free safe calm organised organized punctual reliable trusted "
    "respected independent professional trustworthy dependable consistent present visible heard "
    "seen included involved fit well paid"
)
_ING_OBJECTS = wordset("it this that them him her the my your their our going having being")
_CHALLENGE = ("challenge", "hardest", "difficult", "struggl", "tough")
_WANT = ("want", "hope", "hoping", "like to", "goal", "achieve", "success", "outcome", "ideal",
         "look like", "best hopes", "aim")  # fmt: skip
_BLOCK = ("stopping", "in the way", "holding you back", "obstacle", "block")
_TRIED = ("tried", "done so far", "attempted")


class _Notes:
    """The notes turned into second-person spoken phrases, case fixed."""

    def __init__(self, texts: Sequence[str], person: str, names: frozenset[str]) -> None:
        self.items = []
        for text in (part for note in texts for part in note.split(";")):
            said = tidy(second_person(tidy(plain(text)), person))
            said, _ = strip_lead(said, _CONNECTORS)
            if said:
                self.items.append(mid_sentence(said, names))


def _facts(items: list[str]) -> str:
    """Facts in the order told: clauses as said, things "you've told me about", adjacent things
    together."""
    parts: list[str] = []
    things: list[str] = []
    for item in items:
        words = words_in(item)
        first = words[0] if words else ""
        nxt = words[1] if len(words) > 1 else ""
        if first in STATE_STARTS and not item[:1].isupper():
            item = "been " + item  # "late twice" → "you've been late twice"
            first, nxt = "been", first
        if is_ing(first) and first not in ("being", "having") and not item[:1].isupper():
            item = "been " + item  # "covering two roles" → "you've been covering two roles"
            first, nxt = "been", first
        bare = not item[:1].isupper() and (
            first in VERB_START
            or first == "been"
            or (first in ADVERB_STARTS and (nxt in VERB_START or nxt.endswith("ed")))
            or (first.endswith("ed") and len(first) > 4 and first not in ED_NOUNS)
            or (
                first.endswith("s")
                and not first.endswith(("ss", "'s"))
                and len(first) > 3
                and bool(nxt)
                and nxt not in FINITE
                and not nxt.endswith("ed")
                and nxt not in IRREGULAR_PAST
                and not is_clause(" ".join(words[1:]))
            )
        )
        if bare or is_clause(item):
            if things:
                parts.append("you've told me about " + join_spoken(things))
                things = []
            parts.append(subjectless(item) if bare else item)
        else:
            things.append(item)
    if things:
        parts.append("you've told me about " + join_spoken(things))
    return join_spoken(parts)


# A value typed as a whole sentence of what matters: said back as it is, not "… matters to you".
_SAYS_IT_MATTERS = re.compile(
    r"\b(matters?|(is|are) (really |very |so )?important|means? (a lot|everything|the world)"
    r"|counts? for (a lot|everything|so much))\b"
)


def _feelings(items: list[str]) -> str:
    states, clauses, own = [], [], []
    for item in items:
        body, _ = strip_lead(item, _FEELING_LEADS)
        body, like = strip_lead(body, _LIKE_LEADS)
        words = words_in(body)
        first = words[0] if words else ""
        while body is not item and len(words) > 1 and words[0] in ("feel", "feeling"):
            body, words = body.split(" ", 1)[1], words[1:]  # "I feel feel frustrated"
        first = words[0] if words else ""
        if words[:1] == ["you"] and len(words) > 2 and "feel" in words[1:4]:
            own.append(body)  # "you don't feel valued": a feeling already said as one
        elif body is item and _said_as_verb(words):
            own.append(subjectless(body))  # "Doesn't feel heard", "Regrets losing it"
        elif first == "not" and len(words) > 1:
            own.append("you're " + body)  # "not sure what I did wrong", "not sleeping well"
        elif is_ing(first) and len(words) > 1 and words[1] in _ING_OBJECTS:
            own.append("you're " + body)  # "dreading it", "missing my old team"
        elif like:
            clauses.append(("like " if like == "like " else "") + body)
        elif (
            first in DEGREE
            or first in ADJECTIVES
            or is_adjective(first)
            or first.endswith(("ed", "ing"))
            or first in _FEELING_NOUNS
            or first in ("a", "an", "some", "not", "no", "more", "less", "fed", "on", "out", "in")
        ) and not is_clause(body, ed=False):
            states.append("some " + body if first in _FEELING_NOUNS else body)
        elif is_clause(body, ed=False):
            clauses.append(body)
        else:
            states.append(body)
    parts = []
    if states:
        parts.append("you're feeling " + join_spoken(states))
    parts += [f"you feel {c}" for c in clauses] + own
    return "it sounds like " + join_spoken(parts) if parts else ""


def _said_as_verb(words: list[str]) -> bool:
    """A note that begins with its verb: "doesn't feel heard", "regrets losing her temper"."""
    if not words:
        return False
    first, nxt = words[0], words[1] if len(words) > 1 else ""
    if first in ANSWER_VERBS and first not in ("am", "was", "is", "feel", "feels"):
        return True
    return (
        first.endswith("s")
        and not first.endswith(("ss", "us", "'s"))
        and len(first) > 4
        and first not in _FEELING_NOUNS
        and not is_adjective(first)
        and bool(nxt)
        and not nxt.endswith("ed")
        and nxt not in FINITE
    )


def _split_list(items: Sequence[str]) -> list[str]:
    """ "honesty, fairness" typed as one note: said as two things."""
    out: list[str] = []
    for item in items:
        parts = [p.strip() for p in item.split(",")]
        if len(parts) > 1 and all(
            p and ((len(p.split()) <= 3 and not is_clause(p)) or _said_as_verb(words_in(p)))
            for p in parts
        ):
            out += parts
        else:
            out.append(item)
    return out


def _values(items: list[str]) -> str:
    things, said = [], []
    for item in items:
        low = item.lower()
        if low.startswith(("you want", "you'd like", "you would like", "you value", "you care",
                           "you believe", "you need", "it's important", "it matters",
                           "it is important", "you love", "you like")):  # fmt: skip
            said.append(item)
        elif _SAYS_IT_MATTERS.search(low):
            said.append(item)  # "quality matters more than speed to me": already said as one
        elif low.startswith(("wants ", "values ", "cares ", "believes ", "needs ", "likes ",
                             "loves ")):  # fmt: skip
            said.append(subjectless(item))
        elif low.startswith(("to be ", "to have ", "to ", "want to ")):
            said.append("you want " + strip_lead(item, ("want ",))[0])
        elif is_clause(item):
            said.append("it matters to you that " + item)
        elif len(words_in(item)) == 1 and (
            is_adjective(words_in(item)[0]) or words_in(item)[0] in _VALUE_ADJECTIVES
        ):
            things.append("being " + item.lower())
        else:
            things.append(item)
    parts = []
    if len(things) == 1:
        parts.append(f"{things[0]} {_matters(things[0])} to you")
    elif len(things) == 2:
        does = "does" if _matters(things[1]) == "matters" else "do"
        parts.append(f"{things[0]} {_matters(things[0])} to you, and so {does} {things[1]}")
    elif things:
        parts.append(f"{join_spoken(things)} all matter to you")
    parts += said
    return join_spoken(parts)


def _matters(thing: str) -> str:
    """ "matters" for one thing ("craftsmanship"), "matter" for several ("customers")."""
    words = words_in(thing)
    last = words[-1] if words else ""
    plural = (
        len(words) <= 3
        and last.endswith("s")
        and not last.endswith(("ss", "us", "is", "'s"))
        and not words[0].endswith("ing")
    )
    return "matter" if plural else "matters"


# An answer made only of these says there is nothing more ("Nothing else really", "No, that's
# it", "Not really"): saying it back ("You mentioned nothing else really") is noise, not listening.
_NOTHING_MORE = wordset(
    "nothing else really no nope none not much more that that's thats it it's its all i think "
    "so honestly um er just at the moment for now i'm im can can't cant think of anything come "
    "up with to mind sure"
)


def says_nothing_more(answer: str) -> bool:
    words = [w for w in words_in(answer.replace("’", "'")) if w]
    return bool(words) and all(w in _NOTHING_MORE for w in words)


def _answer(question: str, answer: str, person: str, names: frozenset[str]) -> str:
    answer = plain(answer)  # "yeah so basically I'm kinda swamped lol" → "I'm swamped"
    if not answer or says_nothing_more(answer):
        return ""
    # The answer is in the person's own words: a he/she in it is someone else when the question
    # or the answer names someone ("What could Tom help with?" → "he likes lists" is Tom).
    others = names_someone([question, answer], person, names)
    said = mid_sentence(
        tidy(second_person(tidy(answer), person, third=not others, addressee=True)), names
    )
    if not said:
        return ""
    if words_in(said)[0] in ANSWER_VERBS:
        said = subjectless(said)  # "Can't afford it" → "you can't afford it"
    q = question.lower()
    clause = is_clause(said) or said.lower().startswith("you ")
    if any(k in q for k in _CHALLENGE):
        return f"the real challenge, you said, is {'that ' if clause else ''}{said}"
    if any(k in q for k in _BLOCK):
        return f"what's getting in the way, you said, is {'that ' if clause else ''}{said}"
    if any(k in q for k in _TRIED):
        return f"you said you've tried {said}" if not clause else f"you said {said}"
    if any(k in q for k in _WANT):
        if said.split(" ", 1)[0].lower() in BARE_VERBS:
            return f"you said you'd like to {said}"
        return f"you said {said}" if clause else f"what you're hoping for is {said}"
    return f"you said {said}" if clause else f"you mentioned {said}"


def _sentence(text: str) -> str:
    text = undouble(text.strip())
    return text[:1].upper() + text[1:] + "." if text else ""


def compose_restatement(
    facts: Sequence[str],
    feelings: Sequence[str],
    values: Sequence[str],
    answers: Sequence[tuple[str, str]] = (),
    person: str = "",
) -> str:
    """Spoken sentences from the notes and the (question, answer) pairs; "" when nothing."""
    texts = [*facts, *feelings, *values, *(a for _, a in answers)]
    names = names_in([*texts, *(q for q, _ in answers)]) | frozenset(
        n.lower() for n in person.split()
    )
    sentences = [
        _sentence(_facts(_Notes(facts, person, names).items)),
        _sentence(_feelings(_Notes(_split_list(feelings), person, names).items)),
        _sentence(_values(_Notes(_split_list(values), person, names).items)),
    ]
    sentences += [_sentence(_answer(q, a, person, names)) for q, a in answers if a.strip()]
    body = [s for s in sentences if s]
    if not body:
        return ""
    return " ".join([OPENING, *body, CHECK])
