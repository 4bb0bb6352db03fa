"""Word lists, patterns and what/how rewrites behind ``coachcli.questioncheck`` (pure stdlib).

Rewrites work on one question at a time (no trailing punctuation, words separated by single
spaces) and return the new question without its final mark. They are templates, not grammar:
when a shape is not recognised they fall back to a safe open question of the same intent.
"""

from __future__ import annotations


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


WH = wordset("what whats how hows who whos whom whose when whens where wheres which")
AUX = wordset(
    "do does did is are was were am can could would will have has had should shall may might must"
)
NEG_AUX = {
    "isn't": "is", "aren't": "are", "wasn't": "was", "weren't": "were", "don't": "do",
    "doesn't": "does", "didn't": "did", "can't": "can", "cannot": "can", "couldn't": "could",
    "won't": "will", "wouldn't": "would", "haven't": "have", "hasn't": "has", "hadn't": "had",
    "shouldn't": "should", "mustn't": "must", "ain't": "is", "mightn't": "might",
    "isnt": "is", "arent": "are", "wasnt": "was", "werent": "were", "dont": "do",
    "doesnt": "does", "didnt": "did", "cant": "can", "couldnt": "could", "wouldnt": "would",
    "havent": "have", "hasnt": "has", "hadnt": "had", "shouldnt": "should",
}  # fmt: skip
# "Everything ok?", "All good?": a yes/no check in two or three words.
EASE_WORDS = wordset("ok okay good alright fine well sorted")
DECLARATIVE = wordset("you i we they he she it that this there sounds seems looks")
YES_NO = wordset("really seriously okay ok right sure yes no correct agreed alright true")
PERSON_WORDS = wordset("anyone anybody someone somebody")
THING_WORDS = wordset("anything something")
# -ing words that are nouns, not a verb in progress.
ING_NOUNS = wordset(
    "thing something anything nothing everything morning evening meeting building wedding "
    "feeling training during ceiling string spring offering timing pricing funding hiring "
    "onboarding planning"
)
ADJECTIVES = wordset(
    "happy unhappy satisfied comfortable uncomfortable confident sure ready clear certain worried "
    "concerned excited motivated committed interested important realistic possible feasible fair "
    "useful helpful good bad right wrong true easy hard difficult likely serious urgent relevant "
    "necessary sustainable achievable aware prepared supported stressed overwhelmed frustrated "
    "upset angry afraid scared nervous anxious tired busy stuck valuable different new effective "
    "successful productive fun challenging rewarding meaningful engaged valued heard appreciated "
    "surprised disappointed pleased proud familiar open willing keen free available safe healthy "
    "close hopeful optimistic energised energized bored confused annoyed lonely clear fulfilled "
    "invested convinced comfortable late early fast slow big small"
)
_ADJ_SUFFIX = ("ful", "ous", "ive", "able", "ible", "ant", "ent", "ic", "ical", "less", "ish")


def expand(*specs: str) -> tuple[str, ...]:
    """Word prefixes from a compact spec, each ending in a space (a word boundary).

    Groups are separated by spaces, alternatives by ``|``, ``_`` joins the words of one
    alternative and ``-`` is "nothing": ``"have|has you -|ever tried"`` gives "have you tried ",
    "have you ever tried ", "has you tried ", … Matching is ``key.startswith(prefixes)`` on the
    lowercase words of the text, so no regular expression is compiled at import (fast start).
    """
    out: list[str] = []
    for spec in specs:
        found = [""]
        for group in spec.split():
            alts = ["" if a == "-" else a.replace("_", " ") + " " for a in group.split("|")]
            found = [f + a for f in found for a in alts]
        out.extend(found)
    return tuple(out)


PUNCT = ',.;:!?"()[]{}<>-*/\\|~=+'


def words_of(text: str) -> list[str]:
    """Lowercase words without surrounding punctuation (apostrophes inside are kept)."""
    return [t for t in (w.strip(PUNCT).strip("'") for w in text.lower().split()) if t]


def key_of(words: list[str]) -> str:
    return " ".join(words) + " "


FILLER = wordset(
    "and so okay ok well now right alright then but also oh hmm um uh yeah great cool thanks sure "
    "look listen"
)
FILLER_PAIRS = expand("all_right|thank_you")
CURIOUS = expand(
    "i'm_curious|i_am_curious|i'm_wondering|i_am_wondering|just_curious|out_of_curiosity "
    "-|about|is",
    "i'd|i_would love|like to know|hear|understand -|about",
    "i_want_to_understand|let_me_ask|let_me_ask_you|quick_question|one_question|my_question_is",
    "can|may i ask -|you -|something",
    "question|question_is|my_question",
)
OPEN_LEAD = expand(
    "in|to|on|from|at|by|for|with|under|of|about|through|into|toward|towards|during|after|"
    "before|between|among|across|if_not what|which|whom|whose|how",
    "on_a_scale",
)
PROMPT = expand(
    "-|please tell_me|tell_us|walk_me_through|talk_me_through|take_me_through|talk_to_me_about|"
    "describe|say_more|say_a_bit_more|help_me_understand|give_me|paint_me|share|show_me|"
    "fill_me_in"
)
_REQUEST_LEAD = expand("can|could|would|will you -|please", "would|do you mind")
_REQUEST_VERB = expand(
    "tell|telling|walk|walking|talk|talking|take|taking|give|giving|show|showing|paint|painting|"
    "fill|filling me|us",
    "describe|describing|explain|explaining|share|sharing",
    "say|saying -|a_bit|a_little|some more",
    "help|helping me understand",
)
_NEG_WORDS = (
    "don't|doesn't|isn't|aren't|wasn't|weren't|shouldn't|wouldn't|couldn't|can't|won't|haven't|"
    "hasn't|mustn't|didn't|dont|doesnt|isnt|arent|wasnt|werent|shouldnt|wouldnt|couldnt|cant|"
    "havent|hasnt|didnt"
)
TAGS = tuple(
    sep + tag.strip()
    for tag in expand(
        "right|correct|yes|no|yeah|ok|okay|agreed|true|surely|eh|huh|am_i_right|isn't_that_right|"
        "isn't_that_so|you_agree|don't_you_agree|wouldn't_you_agree",
        _NEG_WORDS + " you|it|they|we|he|she|i|that|there|this",
    )
    for sep in (",", ", ")
)

TRIED = "What have you tried so far?"
OPTIONS = "What options do you see?"
VIEW = "How do you see it?"
JUDGE = "What was going on for you?"
# "What if you had/wanted/failed…" explores; "What if you delegated it?" is advice.
_OPEN_PAST = wordset(
    "wanted needed decided believed imagined pretended cared liked loved realized realised noticed "
    "learned succeeded failed felt stopped"
)
# Advice or an opinion in a question's clothing, each with the open question underneath it.
# A check, when given, looks at the word after the prefix: "not-wh" (not what/how/…: "Have you
# thought about what you want?" is merely closed), "ing" (a verb in -ing: "What about asking
# Sam?"), "more" (any word at all: "How about you?" on its own is an open turn-around), "end"
# (nothing more: "How could you do that?" but not "… that differently?"), "ed" (a past-tense
# action: "What if you delegated it?" but not "What if you failed?").
LEADING: tuple[tuple[tuple[str, ...], str, str | None], ...] = (
    (expand("have|has you -|ever|already tried|attempted"), TRIED, None),
    (expand("did you -|ever try|attempt"), TRIED, None),
    (
        expand(
            "have|has you -|ever|already thought_about|thought_of|considered|looked_at|asked|"
            "talked_to|spoken_to|checked|explored|reached_out"
        ),
        OPTIONS,
        "not-wh",
    ),
    (expand("did you -|ever think_about|think_of|consider"), OPTIONS, None),
    (expand("would|could|might|will you -|maybe|perhaps|possibly consider"), OPTIONS, None),
    (expand("could|can|would|will|might you maybe|perhaps|possibly|just|simply"), OPTIONS, None),
    (expand("could|can|might you try|ask|consider|talk_to|speak_to|reach_out"), OPTIONS, None),
    (expand(_NEG_WORDS + " it|that|this|there -|be better|best|easier|worth"), OPTIONS, None),
    (expand(_NEG_WORDS + " you|it|that|this|there|we"), VIEW, None),
    (expand("do you not think|feel|agree|believe", "do|would|will you -|not agree"), VIEW, None),
    (expand("surely|obviously|clearly"), VIEW, None),
    (expand("could|can|might|would|may it be|have_been that|because"), VIEW, None),
    (
        expand("is it possible|likely|fair_to_say|because", "would|is it -|be fair_to_say"),
        VIEW,
        None,
    ),
    (expand("is the -|real|main problem|issue|reason that|because|really"), VIEW, None),
    (
        expand(
            "would|wouldn't it -|not be_better|be_best|be_easier|be_wiser|be_smarter|be_good|"
            "be_a_good_idea|be_worth|be_helpful|be_more|help|make_sense"
        ),
        OPTIONS,
        None,
    ),
    (
        expand(
            "do you -|not think -|that you|we|i|they|he|she should|could|ought|might_want|need|"
            "must|would_be_better|had_better",
            "do you -|not think -|that you'd|we'd|i'd|they'd|he'd|she'd",
            "do you think it would|might|could help|be_better|be_best|be_worth|make_sense|"
            "be_a_good_idea",
            "do you think it'd help|be_better|be_best|be_worth|make_sense|be_a_good_idea",
        ),
        OPTIONS,
        None,
    ),
    (
        expand(
            "what if you|we|i just|simply|spoke|told|went|gave|let|took|sent|wrote|said|set|cut|"
            "made"
        ),
        OPTIONS,
        None,
    ),
    (expand("what if you|we|i"), OPTIONS, "ed"),
    (expand("do you really think|believe|want|need"), VIEW, None),
    (
        expand(
            "what_were_you_thinking|what_was_that_about|what's_wrong_with_you|"
            "what_is_wrong_with_you|what's_the_matter_with_you|what_on_earth|how_dare_you|"
            "how_many_times_have_i|how_many_times_do_i"
        ),
        JUDGE,
        None,
    ),
    (expand("how could|can you do|say|let|forget|miss that|this|it"), JUDGE, "end"),
    (expand("what_about|what_do_you_think_about|what_do_you_think_of -|just"), OPTIONS, "ing"),
    (expand("how about you|we|i|just"), OPTIONS, "more"),
    (expand("how about"), OPTIONS, "ing"),
    (expand("why don't|dont|not -|you|we|i"), OPTIONS, "more"),
    (expand("why can't|won't|wouldn't|couldn't|shouldn't you|we just"), OPTIONS, None),
    (expand("i wonder|i'm_wondering|i_am_wondering|i_was_wondering if|whether"), OPTIONS, None),
    (expand("maybe|perhaps you|we|i could|should|might|can|need"), OPTIONS, None),
)
# Advice stated outright: leading with a question mark, otherwise not a question at all.
ADVICE = expand(
    "you|we should|need_to|could|must|ought_to|might_want_to|may_want_to|had_better|have_to|"
    "might_try|can_just|could_just",
    "you'd|we'd better",
    "i_think_you|i_feel_you|in_my_opinion|my_advice|if_i_were_you|i'd|i_would|i_suggest|"
    "i_recommend|my_suggestion|the_answer_is|the_best_thing|the_best_way|try|just|let's_just|"
    "go_and|go_talk",
    "what_you should|need_to|could|must|ought_to do",
    "what_i would|'d do",
    "what_i'd_do",
    "it_would_be better|best|good",
    "it's better|best to",
)


_ANY_LEADING = tuple(prefix for prefixes, _, _ in LEADING for prefix in prefixes)


def leading(words: list[str]) -> str | None:
    """The open question beneath a leading one, or None when ``words`` do not lead."""
    key = key_of(words)
    if not key.startswith(_ANY_LEADING):  # one C-level scan rejects most text
        return None
    for prefixes, suggestion, check in LEADING:
        for prefix in prefixes:
            if not key.startswith(prefix):
                continue
            nxt = key[len(prefix) :].split(" ", 1)[0]
            if (
                check is None
                or (check == "not-wh" and nxt.split("'")[0] not in WH | {"whether", "if"})
                or (check == "ing" and is_ing(nxt))
                or (check == "more" and nxt != "")
                or (check == "end" and nxt == "")
                or (check == "ed" and nxt.endswith("ed") and nxt not in _OPEN_PAST)
            ):
                return suggestion
    return None


def is_advice(words: list[str]) -> bool:
    return key_of(words).startswith(ADVICE) or leading(words) is not None


def request_verb_at(words: list[str]) -> int | None:
    """Index of the verb in "Can you tell me…", "Would you mind describing…", or None."""
    key = key_of(words)
    for lead in _REQUEST_LEAD:
        if key.startswith(lead) and key[len(lead) :].startswith(_REQUEST_VERB):
            return len(lead.split())
    return None


def is_tag_question(body: str) -> bool:
    """ "…, right?", "…, don't you?": an opinion looking for agreement."""
    return body.lower().rstrip(PUNCT + " '").endswith(TAGS)


def lower_first(text: str) -> str:
    if not text or text.startswith("I ") or text.startswith("I'"):
        return text
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def is_adjective(word: str) -> bool:
    w = word.lower()
    return w in ADJECTIVES or (len(w) > 5 and w.endswith(_ADJ_SUFFIX) and w not in ING_NOUNS)


def is_ing(word: str) -> bool:
    w = word.lower()
    return len(w) > 4 and w.endswith("ing") and w not in ING_NOUNS
