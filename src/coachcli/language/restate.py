"""The supporting restatement: what was heard, said back to the person as spoken English.

``compose_restatement`` takes the notes (facts, feelings, values) and the answers to the
questions asked, and returns a few sentences a supervisor could say out loud: in the second
person, joined with commas and "and", feelings offered tentatively ("it sounds like you're
feeling…"), values phrased by their form ("craftsmanship matters to you", "you want to be seen
as reliable"), the real-challenge and what-they-want answers named, ending with a check that it
landed. Every note is used; none is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from coachcli.language.spoken import (
    base_verb,
    join_spoken,
    mid_sentence,
    names_in,
    second_person,
    tidy,
    undouble,
)
from coachcli.language.words import ADJECTIVES, is_adjective, wordset

OPENING = "Let me check I've understood."
CHECK = "What have I missed or got wrong?"

_FINITE = wordset(
    "is are was were am has have had does do did can can't cannot could couldn't will won't "
    "would wouldn't should shouldn't must may might isn't aren't wasn't weren't hasn't haven't "
    "hadn't doesn't don't didn't keeps kept says said tells told gets got goes went comes came "
    "leaves left takes took makes made feels felt thinks thought knows knew wants wanted needs "
    "needed likes liked loves hates seems seemed looks looked asked asks works worked happened "
    "happens starts started stopped stops finishes finished missed misses covered covers "
    "cancelled canceled complained complains agreed refused forgot forgets lost won spent "
    "'s 're 've 'd 'll"
)
_VERB_START = wordset(
    "missed has have had was were is are got went came left took made kept keeps gets goes "
    "comes said says told asked worked works been started stopped covered covers forgot lost "
    "spent finished did does didn't doesn't hasn't hadn't wasn't isn't can't couldn't won't "
    "wants needs feels felt thinks thought knows knew seems seemed likes loves hates cares "
    "believes values struggles struggled tends tried tries"
)
_IRREGULAR_PAST = wordset(
    "broke went came ran fell got gave took made left lost sent spent said told thought felt "
    "kept met paid put quit read saw sat set shut sold stood stole threw understood won wrote "
    "forgot hit hurt cut began brought bought caught chose drove fought found grew heard held "
    "knew led meant rose rang shook slept spoke struck taught tore wore woke did became"
)
_ANSWER_VERBS = wordset(
    "can't cannot won't don't didn't couldn't wouldn't haven't hasn't need needs want wants "
    "have has had keep keeps feel feels am was is"
)
_ADVERB_STARTS = wordset("never always often sometimes usually rarely hardly recently still just")
_STATE_STARTS = wordset("late early off absent sick ill behind away short")
_DETERMINERS = wordset("the a an my your our their his her this that")
COMMON_NOUNS = wordset("hours days weeks months years times things people others results needs")
_BARE_VERBS = wordset(
    "lead get find move have be work go make learn do start stop change take become run manage "
    "build finish own try earn join leave stay see feel keep spend buy"
)
_ED_NOUNS = wordset("need speed feed bed red shed seed greed deed breed weed")
_CONNECTORS = ("because ", "as ", "since ", "that ", "and ", "also ", "so ", "but ")
_FEELING_LEADS = (
    "you're feeling ", "you are feeling ", "you feel ", "you felt ", "you're ", "you are ",
    "you were ", "you seem ", "you seemed ", "feeling ", "feels ", "feel ", "felt ", "seems ",
    "seemed ", "is ", "was ", "are ", "were ",
)  # fmt: skip
_LIKE_LEADS = ("like ", "that ", "as if ", "as though ")
_DEGREE = wordset("a bit quite really very so pretty rather slightly somewhat totally a_little")
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
_CHALLENGE = ("challenge", "hardest", "difficult", "struggl", "tough")
_WANT = ("want", "hope", "hoping", "like to", "goal", "achieve", "success", "outcome", "ideal",
         "look like", "best hopes", "aim")  # fmt: skip
_BLOCK = ("stopping", "in the way", "holding you back", "obstacle", "block")
_TRIED = ("tried", "done so far", "attempted")


def _words(text: str) -> list[str]:
    return [w.strip("\"'()[]{}.,;:!?").lower() for w in text.split()]


_SUBJECTS = wordset("you you're you've you'll you'd i we they he she it there nobody everyone")


def _is_clause(text: str, *, ed: bool = True) -> bool:
    """Whether a note holds a verb of its own ("the client complained"), not just a thing.

    A phrase led by a gerund or "to" ("saying no when someone asks") names a thing, even with a
    verb further on; with ``ed=False`` an -ed word is read as an adjective ("embarrassed").
    """
    words = _words(text)
    if not words or words[0].endswith("ing") or words[0] == "to":
        return False
    if words[0] in _SUBJECTS and len(words) > 1:
        return True
    for i, w in enumerate(words):
        if w in _IRREGULAR_PAST and i > 0:
            return True
        if (
            words[0] in _DETERMINERS
            and 2 <= i < len(words) - 1
            and w.endswith("s")
            and not w.endswith(("ss", "'s"))
            and not words[i - 1].endswith("s")
            and w not in COMMON_NOUNS
        ):
            return True  # "the price list changes every week"
        if w in _FINITE or (w.endswith("'s") and i == 0 and len(words) > 2):
            if w.endswith("'s") and i + 1 < len(words) and not _is_predicate(words[i + 1]):
                continue
            return True
        if (
            ed
            and i > 0
            and len(w) > 4
            and w.endswith("ed")
            and w not in _ED_NOUNS
            and words[i - 1] not in ("the", "a", "an", "my", "your", "their", "his", "her", "our")
        ):
            return True
    return False


def _is_predicate(word: str) -> bool:
    return word in _DEGREE or is_adjective(word) or word.endswith(("ed", "ing")) or word in (
        "been", "got", "not", "off", "on", "in", "out", "away", "late", "back"
    )  # fmt: skip


def _strip(text: str, leads: Sequence[str]) -> tuple[str, str]:
    """``text`` without the first of ``leads`` it begins with (case-insensitive), and that lead."""
    low = text.lower()
    for lead in leads:
        if low.startswith(lead) and len(text) > len(lead):
            return text[len(lead) :], lead
    return text, ""


class _Notes:
    """The notes turned into second-person spoken phrases, case fixed."""

    def __init__(self, texts: Sequence[str], person: str, names: frozenset[str]) -> None:
        self.items = []
        for text in (part for note in texts for part in note.split(";")):
            said = tidy(second_person(tidy(text), person))
            said, _ = _strip(said, _CONNECTORS)
            if said:
                self.items.append(mid_sentence(said, names))


def _facts(items: list[str]) -> str:
    """Facts in the order told: clauses as said, things "you've told me about", adjacent things
    together."""
    parts: list[str] = []
    things: list[str] = []
    for item in items:
        words = _words(item)
        first = words[0] if words else ""
        nxt = words[1] if len(words) > 1 else ""
        if first in _STATE_STARTS and not item[:1].isupper():
            item = "been " + item  # "late twice" → "you've been late twice"
            first, nxt = "been", first
        subjectless = not item[:1].isupper() and (
            first in _VERB_START
            or first == "been"
            or (first in _ADVERB_STARTS and (nxt in _VERB_START or nxt.endswith("ed")))
            or (first.endswith("ed") and len(first) > 4 and first not in _ED_NOUNS)
            or (
                first.endswith("s")
                and not first.endswith(("ss", "'s"))
                and len(first) > 3
                and bool(nxt)
                and nxt not in _FINITE
                and not nxt.endswith("ed")
                and nxt not in _IRREGULAR_PAST
            )
        )
        if subjectless or _is_clause(item):
            if things:
                parts.append("you've told me about " + join_spoken(things))
                things = []
            parts.append(_subjectless(item) if subjectless else item)
        else:
            things.append(item)
    if things:
        parts.append("you've told me about " + join_spoken(things))
    return join_spoken(parts)


def _subjectless(item: str) -> str:
    """ "missed the stand-up" → "you missed the stand-up"; "has been late" → "you've been late"."""
    first, _, rest = item.partition(" ")
    low = first.lower()
    swap = {"is": "you're", "was": "you were", "has": "you've", "been": "you've been",
            "am": "you're", "can't": "you can't", "cannot": "you can't"}  # fmt: skip
    said = swap.get(low) or "you " + base_verb(low)
    return f"{said} {rest}".strip()


def _feelings(items: list[str]) -> str:
    states, clauses = [], []
    for item in items:
        body, _ = _strip(item, _FEELING_LEADS)
        body, like = _strip(body, _LIKE_LEADS)
        words = _words(body)
        first = words[0] if words else ""
        if like:
            clauses.append(("like " if like == "like " else "") + body)
        elif (
            first in _DEGREE
            or first in ADJECTIVES
            or is_adjective(first)
            or first.endswith(("ed", "ing"))
            or first in _FEELING_NOUNS
            or first in ("a", "an", "some", "not", "no", "more", "less", "fed", "on", "out", "in")
        ) and not _is_clause(body, ed=False):
            states.append("some " + body if first in _FEELING_NOUNS else body)
        elif _is_clause(body, ed=False):
            clauses.append(body)
        else:
            states.append(body)
    parts = []
    if states:
        parts.append("you're feeling " + join_spoken(states))
    parts += [f"you feel {c}" for c in clauses]
    return "it sounds like " + join_spoken(parts) if parts else ""


def _values(items: list[str]) -> str:
    things, said = [], []
    for item in items:
        low = item.lower()
        if low.startswith(("you want", "you'd like", "you would like", "you value", "you care",
                           "you believe", "you need", "it's important", "it matters",
                           "it is important", "you love", "you like")):  # fmt: skip
            said.append(item)
        elif low.startswith(("wants ", "values ", "cares ", "believes ", "needs ", "likes ",
                             "loves ")):  # fmt: skip
            said.append(_subjectless(item))
        elif low.startswith(("to be ", "to have ", "to ", "want to ")):
            said.append("you want " + _strip(item, ("want ",))[0])
        elif _is_clause(item):
            said.append("it matters to you that " + item)
        elif len(_words(item)) == 1 and (
            is_adjective(_words(item)[0]) or _words(item)[0] in _VALUE_ADJECTIVES
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
    words = _words(thing)
    last = words[-1] if words else ""
    plural = (
        len(words) <= 3
        and last.endswith("s")
        and not last.endswith(("ss", "us", "is", "'s"))
        and not words[0].endswith("ing")
    )
    return "matter" if plural else "matters"


def _answer(question: str, answer: str, person: str, names: frozenset[str]) -> str:
    said = mid_sentence(tidy(second_person(tidy(answer), person)), names)
    if not said:
        return ""
    if _words(said)[0] in _ANSWER_VERBS:
        said = _subjectless(said)  # "Can't afford it" → "you can't afford it"
    q = question.lower()
    clause = _is_clause(said) or said.lower().startswith("you ")
    if any(k in q for k in _CHALLENGE):
        return f"the real challenge, you said, is {'that ' if clause else ''}{said}"
    if any(k in q for k in _BLOCK):
        return f"what's getting in the way, you said, is {'that ' if clause else ''}{said}"
    if any(k in q for k in _TRIED):
        return f"you said you've tried {said}" if not clause else f"you said {said}"
    if any(k in q for k in _WANT):
        if said.split(" ", 1)[0].lower() in _BARE_VERBS:
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
    names = names_in(texts) | frozenset(n.lower() for n in person.split())
    sentences = [
        _sentence(_facts(_Notes(facts, person, names).items)),
        _sentence(_feelings(_Notes(feelings, person, names).items)),
        _sentence(_values(_Notes(values, person, names).items)),
    ]
    sentences += [_sentence(_answer(q, a, person, names)) for q, a in answers if a.strip()]
    body = [s for s in sentences if s]
    if not body:
        return ""
    return " ".join([OPENING, *body, CHECK])
