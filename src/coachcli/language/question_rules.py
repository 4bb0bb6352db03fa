"""What ``coachcli.language.question`` looks for: fillers, open starts, leading forms, advice, tags.

Written as prefix tables (see ``questioncheck_words.expand``) matched with ``str.startswith``
on the lowercase words of a sentence, so nothing is compiled at import and ``coach
check-question`` starts fast.
"""

from __future__ import annotations

from coachcli.language.words import AUX, NEG_AUX, PUNCT, WH, expand, is_ing, key_of, wordset

# "Everything ok?", "All good?": a yes/no check in two or three words.
EASE_WORDS = wordset("ok okay good alright fine well sorted")
DECLARATIVE = wordset("you i we they he she it that this there sounds seems looks")
YES_NO = wordset("really seriously okay ok right sure yes no correct agreed alright true")


FILLER = wordset(
    "and so okay ok well now right alright then but also oh hmm um uh yeah great cool thanks sure "
    "look listen mm mmm mhm uh-huh ah"
)
FILLER_PAIRS = expand("all_right|thank_you")
CURIOUS = expand(
    "i'm_curious|i_am_curious|i'm_wondering|i_am_wondering|just_curious|out_of_curiosity|"
    "i_was_wondering|i_wonder|i'm_just_wondering|just_wondering|i_was_just_wondering -|about|is",
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
    "describe|say_more|say_a_bit_more|say_a_little_more|help_me_understand|give_me|paint_me|"
    "share|show_me|fill_me_in|go_on|keep_going|carry_on|continue|go_ahead|expand|elaborate|"
    "talk_to_me",
    "and_then|then|such_as|like_what|for_example|for_instance|example|meaning|more|say_more",
)
_REQUEST_LEAD = expand(
    "can|could|would|will you -|please",
    "would|do you mind",
    "would|will|are you -|be willing|happy|able to",
    "would you like to",
)
_REQUEST_VERB = expand(
    "tell|telling|walk|walking|talk|talking|take|taking|give|giving|show|showing|paint|painting|"
    "fill|filling me|us",
    "describe|describing|explain|explaining|share|sharing",
    "say|saying -|a_bit|a_little|some more",
    "help|helping me understand",
    "think|thinking back",
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
    (expand("would|could|might|will you -|ever|maybe|perhaps|possibly consider"), OPTIONS, None),
    (expand("could|can|would|will|might you maybe|perhaps|possibly|just|simply"), OPTIONS, None),
    (expand("could|can|might you try|ask|consider|talk_to|speak_to|reach_out"), OPTIONS, None),
    (expand(_NEG_WORDS + " it|that|this|there -|be better|best|easier|worth"), OPTIONS, None),
    (expand(_NEG_WORDS + " you|it|that|this|there|we"), VIEW, None),
    (expand("do|would|will you -|not agree"), VIEW, None),
    (
        expand(
            "do|does|did|is|are|was|were|would|could|should|can|will|have|has you|it|that|this|we "
            "not"
        ),
        VIEW,
        None,
    ),
    (expand("surely|obviously|clearly"), VIEW, None),
    (expand("could|can|might|would|may it be|have_been that|because"), VIEW, None),
    (
        expand("is it possible|likely|fair_to_say|because", "would|is it -|be fair_to_say"),
        VIEW,
        None,
    ),
    (expand("is the -|real|main problem|issue|reason that|because|really"), VIEW, None),
    (expand("isn't|isnt|wasn't|wasnt the real|main|actual problem|issue|reason|thing"), VIEW, None),
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
    (expand("what_was_that_about|how_dare_you"), JUDGE, None),
    (expand("how would|will|could it be|work if you|we|i"), OPTIONS, None),
    (expand("what's|what_is|whats stopping|preventing you|us from just|simply"), OPTIONS, None),
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


_CONJ = frozenset({"and", "or", "but", "plus"})
_SUBJECTS = wordset("you i we they he she it there that this the your things everything")
_PAST_VERBS = wordset("happened helped worked changed went got made stopped came")
_WH_VERBS = _PAST_VERBS | wordset(
    "happens happened matters helps helped works worked changed went got made makes stops "
    "stopped needs comes came"
)


def _own_question(lw: list[str], j: int, *, weak: bool) -> bool:
    """True when ``lw[j:]`` is a question of its own, not an embedded clause."""
    if j >= len(lw):
        return False
    tok, rest = lw[j], lw[j + 1 : j + 4]  # a few words tell; keeps the scan linear
    base, _, tail = tok.partition("'")
    if base in WH:
        if tail:
            return len([w for w in rest if w != "not"]) >= 2
        if rest and (rest[0] in AUX or rest[0] in NEG_AUX):
            return len(rest) >= 2
        if base not in ("what", "who") or not rest:
            return False
        return rest[0] in _PAST_VERBS or (weak and rest[0] in _WH_VERBS)
    if tok in AUX or tok in NEG_AUX:
        return len(rest) >= 2 and rest[0] in _SUBJECTS
    return False


def split_stacked(core: str) -> str | None:
    """The first of two questions asked in one sentence, or None."""
    words = core.split()
    lw = [w.lower().strip(",;:") for w in words]
    for i in range(1, len(lw) - 1):
        after_comma = words[i - 1][-1:] in ",;:"
        if lw[i] in _CONJ and i >= 2:
            j = i + 1
            while j < len(lw) and lw[j] in ("then", "also", "so"):
                j += 1
            if _own_question(lw, j, weak=after_comma or words[i - 1][-1:] == "-"):
                return " ".join(words[:i]).rstrip(",;:- ")
        elif after_comma and _own_question(lw, i, weak=True) and _own_question(lw, 0, weak=True):
            return " ".join(words[:i]).rstrip(",;:- ")
    return None
