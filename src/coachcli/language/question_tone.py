"""Tone in a question: blame, sarcasm and rhetoric; offers that ask permission; a hidden why.

Used by ``coachcli.language.question`` (pure stdlib, prefix tables, nothing compiled). A
judgmental question can begin with any word ("How could you let this happen?", "What's your
excuse?"), so these are read before the question's form. Each judgmental form comes with a
rewrite that keeps what the supervisor wanted to know, without the blame.
"""

from __future__ import annotations

from coachcli.language.words import expand, gerund, key_of, wordset

_BAD_VERBS = wordset(
    "let forget forgot miss missed lose lost ignore ignored allow allowed leave left mess messed "
    "screw screwed break broke broken skip skipped drop dropped"
)
_CULPRIT_VERBS = _BAD_VERBS | wordset("caused messed screwed failed")
_ACCEPTABLE = wordset("acceptable ok okay fine appropriate professional alright right normal")
_ANYWHERE = (
    " excuse ", " excuses ", " your fault ", " whose fault ", " to blame ", " mess that up ",
    " messed up ", " mess this up ", " mess it up ", " screw up ", " screwed up ", " on earth ",
    " the hell ", " the heck ", " wrong with you ", " matter with you ", " a joke ",
    " didn't you understand ", " don't you understand ", " don't you get ", " didn't you get ",
    " playing at ", " lost your mind ", " kind of joke ", " of a joke ", " laughing matter ",
    " think you are ", " even listening ", " even care ",
    " so hard about ", " so difficult about ", " so important that ", " stupid ", " idiot ",
    " idiotic ", " lazy ", " useless ", " incompetent ", " pathetic ", " clueless ",
    " best you can do ", " best you could do ", " any slower ", " any worse ", " any later ",
    " keep your job ", " problem with me ", " any idea how ", " any idea what ",
    " the point of you ", " the attitude ", " gives you the right ", " always you ",
    " dropped the ball ", " drop the ball ", " dropping the ball ",
)  # fmt: skip
_STARTS = expand(
    "how could|can you not",
    "how hard|difficult|tricky can it|this|that be",
    "how hard|difficult is it to",
    "how many times do|have|did|must|am i|we",
    "how many more",
    "how is it possible",
    "what's|what_is your problem|excuse",
    "what's|what_is the excuse",
    "what's|what_is the story|problem|issue this_time|now",
    "what's|what_is it this_time|now",
    "what's|what_is wrong with",
    "what were|was you thinking|playing",
    "what did|have you do|done wrong",
    "what don't|didn't you get|understand|see",
    "who told you",
    "do|did|are|have|were you even",
    "are you serious|kidding|joking|mad|crazy|for_real",
    "who do you think you are",
    "why can't|won't you just|ever",
    "you do|did realise|realize",
    "you call this|that",
    "do|must|should i have|need to do|tell|remind|chase|explain",
    "who's|who_is|who_was|who's_going|who_is_going going|supposed to clean|fix|sort|tidy|pick",
    "what makes|made you think you can|could",
    "since when",
    "is it really that|so hard|difficult",
    "was that|it really that|so hard|difficult",
    "do|don't|didn't you -|even realise|realize how|that|this|what",
    "why do|are|did you always|never",
    "so what's|what_is the|your story|excuse|problem this_time|now|today",
    "so what's|what_is your excuse|problem",
    "don't|didn't|can't|won't|doesn't you|they ever|even",
    "can't|couldn't you do|get anything|nothing right|properly",
    "can't|couldn't|cant|couldnt you see|tell how|that|what|why",
    "how is|how's|how_was|why_is|why's that|this|it my problem|fault|job|concern",
    "who|what in their|your|his|her right mind",
    "what do|did you expect me_to_do|me_to_say",
)


_OBVIOUS = expand("isn't|wasn't|isnt|wasnt it|that obvious|clear|plain")


def _after(words: list[str], *heads: str) -> list[str]:
    """The words after the first of ``heads`` found in ``words``."""
    for i, w in enumerate(words):
        if w in heads:
            return words[i + 1 :]
    return []


def _noun_phrase(words: list[str]) -> str:
    """A short noun phrase at the start of ``words`` ("the client meeting"), or ""."""
    out: list[str] = []
    for w in words:
        if w in ("happen", "happened", "to", "for", "on", "in", "at", "walk", "go", "again",
                 "this", "that", "it", "up", "out", "there", "so", "when", "today"):  # fmt: skip
            if out or w not in ("this", "that", "it"):
                break
            return ""
        out.append(w)
        if len(out) == 4:
            break
    return " ".join(out)


def _quoted(core: str) -> str:
    """The first quoted phrase in ``core`` ("'by Friday'"), or ""."""
    for mark in ("'", '"'):
        start = core.find(mark + "")
        while start != -1 and start > 0 and core[start - 1].isalpha():
            start = core.find(mark, start + 1)
        if start == -1:
            continue
        end = core.find(mark, start + 1)
        if end > start + 1:
            return core[start : end + 1]
        if end == -1 and len(core) > start + 1:
            return core[start:].rstrip(" ?.!") + mark  # the closing mark ended the sentence
    return ""


def judgmental(words: list[str], core: str) -> str | None:
    """The rewrite for a judgmental or rhetorical question, or None when it is not one."""
    key = key_of(words)
    padded = " " + key
    # "Who dropped the ball?", "Who missed it?": looking for a culprit, not understanding.
    if key.startswith("who ") and len(words) > 1 and words[1] in _CULPRIT_VERBS:
        return "What happened?"
    hit = key.startswith(_STARTS) or any(p in padded for p in _ANYWHERE)
    if not hit and key.startswith(("how could you ", "how can you ", "how did you manage to ")):
        rest = _after(words, "you", "to")
        hit = not rest or rest[0] in _BAD_VERBS or (len(rest) <= 2 and rest[-1] in ("that", "this"))
    if not hit and key.startswith("what part of "):
        hit = any(w in ("didn't", "don't", "wasn't", "isn't", "unclear", "not") for w in words)
    if not hit and key.startswith(("what makes you think ", "what made you think ", "who said ")):
        hit = any(w in _ACCEPTABLE for w in words[-3:]) or key.endswith("good idea ")
    if not hit and key in ("what did you expect ", "what did you think would happen "):
        hit = True
    if not hit and key.startswith(_OBVIOUS):  # "Isn't it obvious?" but not "… what went wrong?"
        hit = len(words) == 3 or words[3:] in (["enough"], ["by", "now"], ["to", "you"])
    if not hit:
        return None
    return _rewrite(words, key, core)


_INSULTS = wordset("stupid idiot idiotic lazy useless incompetent pathetic clueless")
_INTENSIFIERS = (" on earth", " the hell", " the heck", " even", " seriously", " just")


def _calmed(key: str) -> str | None:
    """The question without its intensifier, when that leaves a plain open one ("How on earth
    did that happen?" → "How did that happen?")."""
    for word in _INTENSIFIERS:
        if word + " " in " " + key:
            plain = (" " + key).replace(word + " ", " ", 1).strip()
            if (
                plain.startswith(("how ", "what "))
                and not any(p in " " + plain + " " for p in _ANYWHERE)
                and not plain.startswith(_STARTS)
            ):
                return plain[:1].upper() + plain[1:] + "?"
    return None


def _rewrite(words: list[str], key: str, core: str) -> str:
    calm = _calmed(key)
    if calm and not key.startswith(("how could", "how can", "what excuse")):
        return calm
    tail = " this time" if key.endswith("this time ") else (" today" if "today" in words else "")
    if key.startswith("what part of ") or " understand " in key or " get about " in key:
        quoted = _quoted(core)
        about = _after(words, "about")
        if quoted:
            return f"What was unclear about {quoted}?"
        if about:
            return f"What's unclear about {' '.join(about)}?"
        return "What's unclear to you so far?"
    if "excuse" in key:
        obj = _noun_phrase(_after(words, "for"))
        return f"What happened with {obj}?" if obj else f"What got in the way{tail}?"
    if "hard" in words or "difficult" in words or "tricky" in words:
        adjective = next(w for w in words if w in ("hard", "difficult", "tricky"))
        rest = _after(words, "to", "about")
        rest = [w for w in rest if w not in ("just", "simply")]
        if rest:
            doing = [gerund(rest[0]), *rest[1:]] if not rest[0].endswith("ing") else rest
            return f"What makes {' '.join(doing)} {adjective} right now?"
        return f"What makes this {adjective} right now?"
    if "wrong" in words and ("do" in words or "done" in words):
        obj = _noun_phrase(_after(words, "with"))
        return f"What would you do differently with {obj}?" if obj else (
            "What would you do differently next time?"
        )  # fmt: skip
    if "wrong" in words or "matter" in words:
        target = _after(words, "with")
        if not target or target[0] in ("you", "yourself"):
            lately = " lately" if "lately" in words else tail
            return f"What's going on for you{lately}?"
        return f"What concerns you about {' '.join(target)}?"
    if key.startswith(("how could", "how can", "how did you manage")):
        rest = _after(words, "let", "forget", "forgot", "miss", "lose", "ignore", "leave", "mess",
                      "skip", "drop", "know")  # fmt: skip
        obj = _noun_phrase(rest)
        if "know" in words and rest:
            return f"What would help you keep track of {' '.join(rest)}?"
        if obj:
            return f"What happened with {obj}?"
        return (
            "What happened, from your side?"
            if "let" in words
            else ("How did it go wrong, from your side?")
        )
    if "slower" in words or "later" in words:
        return "What's slowing things down?"
    if "best" in words and "do" in words:
        return "What would make this even better?"
    if "job" in words:
        return "What do you need to turn this around?"
    if key.startswith("you call "):
        rest = [w for w in _after(words, "call")[1:] if w not in ("this", "that")]
        return f"What would {' '.join(rest)} look like?" if rest else "What would done look like?"
    if key.startswith(("do i ", "must i ", "should i ")):
        return "What can you take on here?"
    if "attitude" in words:
        return "How are you feeling about this?"
    if key.startswith(("who's ", "who is ", "who was ")):
        return "What's the plan for putting this right?"
    if key.startswith(("can't you see ", "couldn't you see ", "cant you see ", "couldnt you see ")):
        return "How do you think it looks to others?"
    if "obvious" in words or "clear" in words or "plain" in words:
        return "What do you make of it?"
    if "mind" in words and "right" in words:
        return "What might lead someone to do that?"
    if "my" in words and any(w in words for w in ("problem", "fault", "job", "concern")):
        return "What do you need from me here?"
    if "ever" in words or "anything" in words or "nothing" in words or "properly" in words:
        return "What's getting in the way right now?"
    if ("think" in words and ("can" in words or "could" in words)) or "right" in words:
        return "What did you understand was expected?"
    if "idea" in words and ("how" in words or "what" in words):
        return "What impact do you think this has had?"
    if "me" in words and "problem" in words:
        return "What's going on between us?"
    if "always" in words and "you" in words and words[-1] == "you":
        return "What do you notice about when this happens?"
    if any(w in _INSULTS for w in words) or "point" in words:
        return "What's getting in the way right now?"
    if key.endswith("good idea "):
        return "What led you to that decision?"
    if "realise" in words or "realize" in words:
        return "What do you make of this happening again?"
    if "thinking" in words or "playing" in words:
        return "What was going through your mind at the time?"
    if "times" in words:
        return "What would help this stick?"
    if "chances" in words:
        return "What would help you turn this around?"
    if "told" in words or "said" in words:
        return "What did you understand had been agreed?"
    if "fault" in words or "blame" in words:
        return "What can we learn from this?"
    if "problem" in words:
        other = _after(words, "with")
        return f"What's happening between you and {' '.join(other)}?" if other else (
            "What's going on for you?"
        )  # fmt: skip
    if "possible" in words:
        return "What do you think got in the way here?"
    if "care" in words:
        about = _after(words, "about")
        return f"What does {' '.join(about)} mean to you right now?" if about else (
            "What matters to you in this?"
        )  # fmt: skip
    if "important" in words and "that" in words:
        rest = _after(words, "that")
        return f"What was going on that meant {' '.join(rest)}?" if rest else "What was going on?"
    if "acceptable" in words or any(w in _ACCEPTABLE for w in words[-3:]):
        return "What impact do you think this had?"
    if "expect" in words or "would happen" in key:
        return "What were you hoping would happen?"
    if "joke" in words or "serious" in words or "kidding" in words or "joking" in words:
        return "How serious does this feel to you?"
    if "listening" in words:
        return "What's on your mind right now?"
    if "just" in words or "always" in words or "never" in words:
        rest = [w for w in _after(words, "just", "always", "never") if w != "just"]
        at = words.index(next(w for w in words if w in ("just", "always", "never")))
        if any(
            w in ("are", "is", "were", "was", "you're", "it's") for w in words[max(0, at - 2) : at]
        ):
            return "What do you notice about when this happens?"
        return f"What makes it hard to {' '.join(rest)}?" if rest else "What makes this hard?"
    if "story" in words or "this" in words or "now" in words:
        return "What happened?"
    return "What's going on for you right now?"
