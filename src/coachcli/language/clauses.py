"""Is a note a clause or a thing? Small grammar for ``coachcli.language.restate`` (stdlib only).

"The client complained" holds a verb and is said as it is; "two late shifts" is a thing, said as
"you've told me about two late shifts"; "missed the stand-up" lacks its subject, said as "you
missed the stand-up".
"""

from __future__ import annotations

from collections.abc import Sequence

from coachcli.language.spoken import base_verb
from coachcli.language.words import is_adjective, wordset

FINITE = wordset(
    "is are was were am has have had does do did can can't cannot could couldn't will won't "
    "would wouldn't should shouldn't must may might isn't aren't wasn't weren't hasn't haven't "
    "hadn't doesn't don't didn't keeps kept says said tells told gets got goes went comes came "
    "leaves left takes took makes made feels felt thinks thought knows knew wants wanted needs "
    "needed likes liked loves hates seems seemed looks looked asked asks works worked happened "
    "happens starts started stopped stops finishes finished missed misses covered covers "
    "cancelled canceled complained complains agreed refused forgot forgets lost won spent died "
    "'s 're 've 'd 'll"
)
VERB_START = wordset(
    "missed has have had was were is are got went came left took made kept keeps gets goes "
    "comes said says told asked worked works been started stopped covered covers forgot lost "
    "spent finished did does didn't doesn't hasn't hadn't wasn't isn't can't couldn't won't "
    "wants needs feels felt thinks thought knows knew seems seemed likes loves hates cares "
    "believes values struggles struggled tends tried tries"
)
IRREGULAR_PAST = wordset(
    "broke went came ran fell got gave took made left lost sent spent said told thought felt "
    "kept met paid put quit read saw sat set shut sold stood stole threw understood won wrote "
    "forgot hit hurt cut began brought bought caught chose drove fought found grew heard held "
    "knew led meant rose rang shook slept spoke struck taught tore wore woke did became"
)
ANSWER_VERBS = wordset(
    "can't cannot won't don't didn't couldn't wouldn't haven't hasn't doesn't isn't "
    "wasn't need needs want wants says said thinks knows "
    "have has had keep keeps feel feels am was is"
)
ADVERB_STARTS = wordset("never always often sometimes usually rarely hardly recently still just")
STATE_STARTS = wordset("late early off absent sick ill behind away short")
DETERMINERS = wordset("the a an my your our their his her this that")
COMMON_NOUNS = wordset("hours days weeks months years times things people others results needs")
BARE_VERBS = wordset(
    "lead get find move have be work go make learn do start stop change take become run manage "
    "build finish own try earn join leave stay see feel keep spend buy"
)
ED_NOUNS = wordset("need speed feed bed red shed seed greed deed breed weed")
DEGREE = wordset("a bit quite really very so pretty rather slightly somewhat totally a_little")


def words_in(text: str) -> list[str]:
    return [w.strip("\"'()[]{}.,;:!?").lower() for w in text.split()]


# An -ed word after these is a participle or an adjective, not the note's verb.
_NOT_BEFORE_VERB = wordset(
    "the a an my your their his her our being been be not get got feel feeling felt very so"
)
_SUBJECTS = wordset(
    "you you're you've you'll you'd i we they he she it there nobody everyone it's that's "
    "there's what's everything's nothing's"
)


def is_clause(text: str, *, ed: bool = True) -> bool:
    """Whether a note holds a verb of its own ("the client complained"), not just a thing.

    A phrase led by a gerund or "to" ("saying no when someone asks") names a thing, even with a
    verb further on; with ``ed=False`` an -ed word is read as an adjective ("embarrassed").
    """
    words = words_in(text)
    if not words or words[0].endswith("ing") or words[0] == "to":
        return False
    if words[0] in _SUBJECTS and len(words) > 1:
        return True
    for i, w in enumerate(words):
        if w in IRREGULAR_PAST and i > 0:
            return True
        if (
            words[0] in DETERMINERS
            and 2 <= i < len(words) - 1
            and w.endswith("s")
            and not w.endswith(("ss", "'s"))
            and not words[i - 1].endswith("s")
            and w not in COMMON_NOUNS
            and not is_adjective(w)
        ):
            return True  # "the price list changes every week"
        owner = i == 0 or (i <= 2 and words[0] in DETERMINERS)  # "my mum's been ill"
        if w in FINITE or (w.endswith("'s") and owner and len(words) > i + 1):
            if w.endswith("'s") and i + 1 < len(words) and not _is_predicate(words[i + 1]):
                continue
            return True
        if (
            ed
            and i > 0
            and len(w) > 4
            and w.endswith("ed")
            and w not in ED_NOUNS
            and words[i - 1] not in _NOT_BEFORE_VERB
        ):
            return True
    return False


def _is_predicate(word: str) -> bool:
    return word in DEGREE or is_adjective(word) or word.endswith(("ed", "ing")) or word in (
        "been", "got", "not", "off", "on", "in", "out", "away", "late", "back"
    )  # fmt: skip


def strip_lead(text: str, leads: Sequence[str]) -> tuple[str, str]:
    """``text`` without the first of ``leads`` it begins with (case-insensitive), and that lead."""
    low = text.lower()
    for lead in leads:
        if low.startswith(lead) and len(text) > len(lead):
            return text[len(lead) :], lead
    return text, ""


def subjectless(item: str) -> str:
    """ "missed the stand-up" → "you missed the stand-up"; "has been late" → "you've been late"."""
    first, _, rest = item.partition(" ")
    low = first.lower()
    swap = {"is": "you're", "was": "you were", "has": "you've", "been": "you've been",
            "am": "you're", "can't": "you can't", "cannot": "you can't"}  # fmt: skip
    said = swap.get(low) or "you " + base_verb(low)
    return f"{said} {rest}".strip()
