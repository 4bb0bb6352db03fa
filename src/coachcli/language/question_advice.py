"""Rewrites for advice or an opinion in a question's clothing (pure stdlib).

A leading question carries the supervisor's idea ("Have you thought about asking Sam?"). The
open question underneath keeps what it is about and hands the idea back: the person named
("What could Sam help with?"), the thing at stake ("What options do you see for the rota?"), the
course weighed rather than pushed ("What are the pros and cons of waiting until Monday?"), the
opinion asked for rather than given ("What's your view on whether that went well?"). A stock
line only when the question names nothing to keep.
"""

from __future__ import annotations

from coachcli.language.words import (
    ADJECTIVES,
    NEG_AUX,
    expand,
    gerund,
    is_adjective,
    key_of,
    lower_first,
    wordset,
)

# Forms that push one course: it is weighed instead.
_WEIGH = expand(
    "wouldn't|would|won't|will it -|not be better|best|easier|wiser|smarter|quicker|good|"
    "a_good_idea|worth|helpful to|if",
    "wouldn't|would|does|doesn't it -|not help|make_sense to",
    "do|don't you -|not think -|that it_would|it'd help|be_better|be_best|be_worth|make_sense|"
    "be_a_good_idea|be_easier to",
    "do|don't you -|not think -|that you|we should|ought_to|need_to|must|could",
    "shouldn't|should you|we -|not",
    "isn't it -|not time to",
    "would|will|could you -|ever consider",
)
# Forms that float an idea: its person or thing is kept, the idea handed back.
_FLOAT = expand(
    "have|has you -|ever|already thought_about|thought_of|considered|looked_at|looked_into|"
    "asked|talked_to|spoken_to|spoke_to|checked|explored|reached_out_to|tried",
    "did you -|ever think_about|think_of|consider|try",
    "what|how about -|just|maybe",
    "what if you|we -|just|simply",
    "how would|will|could it be|work if you|we -|just",
    "what's|what_is|whats stopping|preventing you|us from -|just|simply",
    "could|can|might|would you maybe|perhaps|possibly|just|simply|not",
    "could|can|might you try|ask|consider|talk_to|speak_to|reach_out_to",
    "maybe|perhaps you|we could|should|might|can|need_to",
    "why don't|dont|not -|you|we -|just",
    "why can't|won't|wouldn't|couldn't|shouldn't you|we -|just",
    "what do you think about|of -|just",
    "i wonder|i'm_wondering|i_am_wondering|i_was_wondering if|whether you|we -|could|might|should",
    "couldn't|can't you|we -|just",
    "you|we should|need_to|could|must|ought_to|might_want_to|may_want_to|had_better|have_to "
    "-|just|probably|really",
    "i_think|i_feel|i_reckon you|we should|need_to|could|must|ought_to",
    "if_i_were_you -|i'd|i_would",
    "i'd|i_would|i'd_just|my_advice_is_to|my_advice_would_be_to|the_answer_is_to",
    "what_you should|need_to do_is|do_is_to",
    "try|just|let's_just|go_and|you'd_better -|just",
)
_STOCK = (
    (
        expand("have|has you -|ever|already tried", "did you -|ever try"),
        "What have you tried so far?",
    ),
    (expand("what's|what_is|whats stopping|preventing"), "What's really stopping you?"),
    (expand("have|has|did you"), "What have you considered so far?"),
    (expand("what|how about", "what if"), "What ideas do you have?"),
    (expand("how would|will|could it"), "What would you like to do?"),
    (expand("would|will|could you -|ever consider"), "What options are you weighing up?"),
    (expand("what do you think"), "What do you think would work?"),
)
# Lines that keep nothing of the question: a more specific rewrite is preferred where one exists.
STOCK = frozenset([line for _, line in _STOCK] + ["What options do you see?", "How do you see it?"])
_TALK = wordset(
    "tell telling told talk talking talked speak speaking spoke spoken call calling called ring "
    "ringing rang email emailing emailed contact contacting contacted approach approaching "
    "approached chat chatting chatted word conversation coffee meet meeting met confront "
    "confronting apologise apologising apologize apologizing text texting message messaging raise "
    "raising"
)
_ASK = wordset("ask asking asked")
_HELP = wordset("help support advice backup cover")
_PEOPLE = wordset(
    "client clients customer customers team manager boss hr finance it supplier suppliers "
    "colleague colleagues staff director head union rep landlord agency auditor mentor "
    "partner her him them night"
)
_NOT_NAMES = wordset(
    "i monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december christmas easter"
)
_DETERMINERS = wordset("the your this that these those his her their our my")
_STOP = wordset(
    "to for with about on in at by first again instead directly now today tomorrow this week "
    "and or so if when before after until then properly"
)
_PREPS = wordset("to with about from for")


_NOT_ACTIONS = wordset(
    "i you we they he she it this that the a an to no not more less be have had been so very "
    "really how what why who when where"
)
_PAST_IRREGULAR = wordset(
    "told spoke went took gave sent wrote said set cut made let put got came left brought "
    "bought thought"
)


_NOUN_ENDINGS = ("ing", "ment", "tion", "sion", "ness", "ity", "ship", "ance", "ence", "ism")


def _past(word: str) -> bool:
    return word in _PAST_IRREGULAR or (word.endswith("ed") and len(word) > 4)


def _words(core: str) -> tuple[list[str], list[str]]:
    words = [w.strip(",.;:!?\"'()") for w in core.split()]
    words = [w for w in words if w]
    return words, [w.lower() for w in words]


def _action(lw: list[str]) -> int:
    """Index where the floated action begins (after "have you thought about", "what if you")."""
    key = key_of(lw)
    for table in (_WEIGH, _FLOAT):
        hits = [p for p in table if key.startswith(p)]
        if hits:
            return len(max(hits, key=len).split())
    return 0


def _person(words: list[str], lw: list[str], start: int) -> str:
    """Someone named in the action: "Sam", "the client", "her", "your manager"."""
    for i in range(start, len(lw)):
        w = lw[i]
        if i > 0 and words[i][:1].isupper() and w not in _NOT_NAMES:
            return words[i]
        if w in ("her", "him", "them") and (
            i + 1 == len(lw) or lw[i + 1] in _STOP or lw[i + 1] in ("how", "what", "that", "why")
        ):
            return w
        if w in _DETERMINERS and i + 1 < len(lw) and lw[i + 1] in _PEOPLE:
            span = 3 if i + 2 < len(lw) and lw[i + 2] in ("manager", "rep", "team", "lead") else 2
            det = "your" if w in ("your", "my") else w
            return " ".join([det, *words[i + 1 : i + span]])
        if (
            w in _PEOPLE
            and w not in ("her", "him", "them", "night")
            and (i == start or lw[i - 1] in _PREPS or lw[i - 1] in _ASK or lw[i - 1] in _TALK)
        ):
            if w == "it" and words[i] != "IT":  # "raising it", not the IT team
                continue
            return words[i] if w not in ("hr", "it") else w.upper()
    return ""


def _thing(words: list[str], lw: list[str], start: int) -> str:
    """The thing at stake in the action: "the rota", "the report", "the deadline"."""
    for i in range(start, len(lw)):
        if lw[i] in _DETERMINERS and lw[i] not in ("her", "his", "their", "this", "that"):
            out = []
            for w, low in zip(words[i + 1 : i + 4], lw[i + 1 : i + 4], strict=False):
                if low in _STOP or low in _PEOPLE:
                    break
                out.append(w)
            if out:
                det = "your" if lw[i] in ("my", "your") else lw[i]
                return " ".join([det, *out])
    return ""


def advice_rewrite(core: str, stock: str) -> str:
    """The open question beneath a leading one; ``stock`` when nothing specific can be kept."""
    words, lw = _words(core)
    if not lw:
        return stock
    key = key_of(lw)
    start = _action(lw)
    if key.startswith(expand("have|has you -|ever|already tried", "did you -|ever try")):
        return "What have you tried so far?"
    if key.startswith(expand("what's|what_is|whats stopping|preventing you|us from")):
        return "What's really stopping you?"
    rest = [w for w in lw[start:] if w not in ("just", "simply", "maybe", "perhaps")]
    if start and any(key.startswith(p) for p in _WEIGH) and rest:
        kept = [w for w in words[start:] if w.lower() not in ("just", "simply", "maybe")]
        if rest[0] not in ("have", "be", "not") and rest[0].isalpha():
            doing = rest[0] if rest[0].endswith(_NOUN_ENDINGS) else gerund(rest[0])
            return f"What are the pros and cons of {' '.join([doing, *kept[1:]])}?"
    if start:
        if any(w in _HELP for w in rest) and any(w in _ASK or w == "get" for w in rest[:2]):
            return "Who could help you with this?"
        person = _person(words, lw, start)
        if person:
            verbs = lw[max(0, start - 2) : start + 3]
            if any(w in _TALK for w in verbs) or lw[start - 1 : start] in (["to"], ["with"]):
                return f"How do you want to approach {person}?"
            if rest and rest[0] in _ASK:
                subject = {"him": "he", "her": "she", "them": "they"}.get(person, person)
                return f"What could {subject} help with?"
            if any(w in _TALK for w in rest[:3]):
                return f"How do you want to approach {person}?"
            subject = {"him": "he", "her": "she", "them": "they"}.get(person, person)
            return f"What part could {subject} play in this?"
        thing = _thing(words, lw, start)
        if thing:
            return f"What options do you see for {thing}?"
        if "no" in rest[:2] and rest[0].startswith("say"):
            return "What would it take for you to say no?"
        if rest and rest[0].isalpha() and rest[0] not in _NOT_ACTIONS and not _past(rest[0]):
            kept = [w for w in words[start:] if w.lower() not in ("just", "simply", "maybe")]
            doing = rest[0] if rest[0].endswith(_NOUN_ENDINGS) else gerund(rest[0])
            return f"What are the pros and cons of {' '.join([doing, *kept[1:]])}?"
    return _view(words, lw) or next((s for p, s in _STOCK if key.startswith(p)), stock)


def _view(words: list[str], lw: list[str]) -> str | None:
    """Opinions asked for agreement: "Isn't it obvious what went wrong?" → "What do you think
    went wrong?"; "Aren't you worried about X?" → "How worried are you about X?"."""
    if not lw:
        return None
    for i, w in enumerate(lw[:4]):
        if w in ("what", "how", "why", "who") and i >= 2 and lw[i - 1] in ADJECTIVES | {"obvious"}:
            tail = " ".join(words[i + 1 :])
            return (
                f"What do you think {tail}?" if w == "what" else f"What do you make of {w} {tail}?"
            )
    joined = " ".join(lw)
    if (lw[0] in ("surely", "obviously", "clearly") or lw[0] in NEG_AUX or "not" in lw[:3]) and (
        "see" in lw[:5]
    ):
        at = lw.index("see")
        return f"How do you see {' '.join(words[at + 1 :])}?" if at + 1 < len(lw) else None
    for lead in ("is the real", "is the main", "isn't the real", "isn't the main"):
        if joined.startswith(lead) and len(lw) > 3 and lw[3] in ("problem", "issue", "reason"):
            return f"What do you see as the real {lw[3]}?"
    if lw[0] in NEG_AUX and lw[1:3] in (["that", "what"], ["it", "what"], ["this", "what"]):
        return f"What's your understanding of what {' '.join(words[3:])}?"
    if lw[0] in ("haven't", "havent", "hasn't") and lw[-1:] == ["yet"]:
        return "Where are you up to with it?"
    if lw[0] in NEG_AUX and lw[1:3] in (["you", "have"], ["we", "have"]):
        return "What got in the way at the time?"
    if (
        lw[0] in NEG_AUX
        and len(lw) >= 3
        and lw[1] in ("you", "we")
        and (is_adjective(lw[2]) or lw[2] in ADJECTIVES)
    ):
        tail = " ".join(words[3:])
        return f"How {lw[2]} {NEG_AUX[lw[0]]} {lw[1]} {tail}".rstrip() + "?"
    if lw[0] in NEG_AUX and lw[1:3] == ["there", "another"]:
        return "What other ways are there?"
    if (
        lw[0] in NEG_AUX
        and len(lw) >= 3
        and lw[1] in ("that", "this", "it")
        and is_adjective(lw[2])
    ):
        return f"How {lw[2]} {NEG_AUX[lw[0]]} {lw[1]}?"
    for lead in ("could it be that", "is it possible that", "is it because", "could it be because",
                 "might it be that"):  # fmt: skip
        if " ".join(lw).startswith(lead) and len(lw) > len(lead.split()):
            tail = " ".join(words[len(lead.split()) :])
            return f"What do you make of the idea that {tail}?"
    thinks = ("don't you think", "do you not think", "do you really think", "do you really believe",
              "don't you agree", "wouldn't you agree", "do you agree", "would you agree",
              "would it be fair to say", "is it fair to say", "would you say", "sounds like",
              "it sounds like", "seems like", "it seems like")  # fmt: skip
    for lead in thinks:
        if " ".join(lw).startswith(lead) and len(lw) > len(lead.split()):
            after = words[len(lead.split()) :]
            if after[0].lower() == "that":
                after = after[1:]
            if after and after[0].lower() in ("with", "about", "on", "of"):
                return f"What's your view on {' '.join(after[1:])}?" if after[1:] else None
            return f"What's your view on whether {' '.join(after)}?" if after else None
    return None


_TAG_OPENERS = frozenset({"so", "and", "but", "ok", "okay", "well", "now", "then", "right"})


def tag_rewrite(body: str) -> str | None:
    """ "You'll finish by Friday, right?" → "How confident are you that you'll finish by
    Friday?"; "That went well, didn't it?" → "What's your view on whether that went well?"."""
    statement = body.rsplit(",", 1)[0].strip()
    words = statement.split()
    # "So you're going to…, right?": a leading "so", "and", "ok" is the speaker's, not the idea
    while len(words) > 2 and words[0].lower().strip(",") in _TAG_OPENERS:
        words = words[1:]
    if len(words) < 2:
        return None
    first = words[0].lower()
    text = " ".join([first if first != "i" else "I", *words[1:]])
    if first in ("you'll", "you're") or words[:2] in (["you", "will"], ["you", "are"]):
        return f"How confident are you that {text}?"
    return f"What's your view on whether {lower_first(text)}?"
