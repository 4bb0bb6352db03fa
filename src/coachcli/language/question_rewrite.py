"""What/how rewrites of why and yes/no questions (pure stdlib), used by ``language.question``.

Each function takes one question (no final mark, single spaces) and returns the rewrite without
its final mark. Templates cover the common shapes; anything else gets a safe open question of the
same intent ("To what extent …", "What led to that?") rather than a clumsy guess.
"""

from __future__ import annotations

from coachcli.language import question_choice as choice
from coachcli.language.question_rules import request_verb_at
from coachcli.language.words import (
    AUX,
    NEG_AUX,
    NOUNS_TO_ASK,
    PERSON_WORDS,
    THING_WORDS,
    conjugate,
    gerund,
    invert,
    is_adjective,
    is_ing,
    lower_first,
    subject_end,
    wordset,
)

_IMPERATIVE = {
    "tell": "Tell", "walk": "Walk", "talk": "Talk", "take": "Take", "describe": "Describe",
    "explain": "Help me understand", "share": "Tell me", "say": "Say", "give": "Give",
    "help": "Help", "show": "Show", "paint": "Paint", "fill": "Fill",
}  # fmt: skip
_PAST = frozenset({"did", "was", "were", "had"})
_EASE = ("well", "smoothly", "ok", "okay", "alright", "fine")
_HOW_MUCH = wordset("want like enjoy trust care value love wants likes enjoys trusts")
_HOW_WELL = wordset("know understand knows understands knew understood")
_LAND = "How does that land with you?"
_FIXED = {
    "does that make sense": _LAND, "do you understand": _LAND, "am i making sense": _LAND,
    "is that it": "What else", "is that all": "What else",
}  # fmt: skip
_YES_NO_ADJ = wordset("right true correct sure ok okay alright fine good well")
_UNDER_WAY = wordset("finished completed done started sorted")
_RECEIVED = wordset("get got receive received see seen read hear heard")
_REACH_OUT = wordset(
    "talk speak tell ask call email phone ring raise mention meet message text chat contact "
    "approach confront challenge"
)
_SAYING = wordset("saying suggesting thinking hoping asking considering expecting wondering")
_CONFIDENT = wordset("think believe reckon")


def _request(words: list[str], lw: list[str]) -> str | None:
    """``Can you tell me about X?`` → ``Tell me about X.``."""
    at = request_verb_at(lw)
    if at is None:
        return None
    verb = lw[at].removesuffix("ing")
    verb = {"describ": "describe", "explain": "explain", "shar": "share", "tak": "take"}.get(
        verb, "give" if verb == "giv" else verb
    )
    rest = words[at + 1 :]
    if verb == "share":
        if [w.lower() for w in rest[:2]] == ["with", "me"]:
            rest = rest[2:]
        if rest[:1] and rest[0].lower() == "more":
            return " ".join(["Say", *rest]) + "."
    return " ".join([_IMPERATIVE[verb], *rest]) + "."


def _there(words: list[str], lw: list[str]) -> str | None:
    """``Is there anything else?`` → ``What else is there?`` and friends."""
    if len(lw) < 3 or lw[1] != "there":
        return None
    aux, i = lw[0], 2
    if lw[i] in THING_WORDS or lw[i] in PERSON_WORDS:
        lead = "Who" if lw[i] in PERSON_WORDS else "What"
        i += 1
    elif lw[i] in ("any", "a", "an", "some") and i + 1 < len(lw):
        span = 2 if lw[i + 1] in ("other", "more", "new", "further", "different") else 1
        lead = "What " + " ".join(words[i + 1 : i + 1 + span])
        i += 1 + span
    else:
        return None
    if i < len(lw) and lw[i] == "else":
        lead, i = lead + " else", i + 1
    rest = words[i:]
    if rest and rest[0].lower() in ("that", "who", "which"):
        rest = rest[1:]
        return " ".join([lead, *rest]) if rest else f"{lead} {aux} there"
    inverted = invert(rest) if rest else None
    if inverted:
        return " ".join([lead, *inverted])
    if not rest or (lead.startswith("What ") and lead not in ("What else",)):
        return " ".join([lead, aux, "there", *rest])
    return " ".join([lead, *rest] if rest[0].lower() in AUX else [lead, aux, *rest])


def _anything(words: list[str], lw: list[str]) -> str | None:
    """``Did you learn anything?`` → ``What did you learn?``."""
    for k in range(1, len(lw)):
        if lw[k] in THING_WORDS or lw[k] in PERSON_WORDS:
            lead, after = ("Who" if lw[k] in PERSON_WORDS else "What"), k + 1
            break
        if lw[k] == "any" and k + 1 < len(lw) and lw[k + 1] not in ("more", "longer", "better"):
            span = (
                2
                if lw[k + 1] in ("other", "new", "further", "different") and k + 2 < len(lw)
                else 1
            )
            lead, after = "What " + " ".join(words[k + 1 : k + 1 + span]), k + 1 + span
            break
    else:
        return None
    if after < len(lw) and lw[after] == "else":
        lead, after = lead + " else", after + 1
    rest = words[after:]
    if k == 1 and lw[0] in ("do", "does", "did") and rest:  # "Did anything surprise you?"
        return " ".join([lead, conjugate(rest[0], lw[0]), *rest[1:]])
    if k > 1 and lw[0] in ("is", "are", "was", "were", "am"):
        return None  # "Is that something you'd enjoy?": not a what-question in disguise
    if rest and is_adjective(rest[0]) and len(rest) == 1:
        rest = ["that", "was" if lw[0] in _PAST else "is", *rest]
    return " ".join([lead, lw[0], *words[1:k], *rest])


def _ease(words: list[str], lw: list[str]) -> str | None:
    """``Did the meeting go well?`` → ``How did the meeting go?``."""
    for k in range(2, len(lw)):
        if lw[k] in _EASE or lw[k : k + 2] in (["as", "planned"], ["as", "expected"]):
            drop = 2 if lw[k] == "as" else 1
            kept = words[1:k] + words[k + drop :]
            how = "How well" if any(w in _HOW_WELL for w in lw[1:k]) else "How"
            return " ".join([how, lw[0], *kept])
    return None


def _bare_any(words: list[str], lw: list[str]) -> str:
    """``Anything else?`` → ``What else?``; ``Any questions?`` → ``What questions do you have?``."""
    if lw in (["anything", "else"], ["something", "else"]):
        return "What else"
    if lw[0] == "any":
        return _anything(["do", "you", "have", *words], ["do", "you", "have", *lw]) or "What else"
    if len(lw) == 1:
        return "Who comes to mind" if lw[0] in PERSON_WORDS else "What comes to mind"
    return _there(["is", "there", *words], ["is", "there", *lw]) or "What else"


def rewrite_closed(core: str) -> str:
    words = core.split()
    lw = [w.lower() for w in words]
    if len(lw) > 3 and [w.strip(",") for w in lw[-2:]] in (["or", "not"], ["or", "no"]):
        words, lw = words[:-2], lw[:-2]  # "…, or not?" only makes the yes/no plain
        words[-1] = words[-1].rstrip(",")
    if lw[0] in NEG_AUX:
        lw[0] = NEG_AUX[lw[0]]
        words[0] = lw[0]
    if lw[0] in THING_WORDS or lw[0] in PERSON_WORDS or lw[0] == "any":
        return _bare_any(words, lw)
    if lw[0] == "not" or (is_adjective(lw[0]) and lw[0] not in _YES_NO_ADJ):  # "Tired?"
        return " ".join(["How", lw[0], "are you", *words[1:]]) if lw[0] != "not" else "How are you"
    if len(lw) == 1:
        return "Say more about that." if lw[0] in ("really", "seriously") else _LAND
    if (
        len(lw) <= 3
        and (lw[0] in ("everything", "all", "things") or lw[1] in ("everything", "things"))
        and lw[-1].strip(".?!") in ("ok", "okay", "good", "alright", "fine", "well", "sorted")
    ):
        return "How is everything" if "everything" in lw else "How are things"
    if lw[0] == "you" and (lw[1] in _EASE or lw[1] in ("good", "all")):
        return "How are you"
    if lw[0] not in AUX:
        flipped = invert(words)
        if flipped is None:
            return "How do you see it?"
        words, lw = flipped, [w.lower() for w in flipped]
    aux = lw[0]
    fixed = _FIXED.get(" ".join(lw)) or _FIXED.get(" ".join(lw[:4]))
    if fixed:
        return fixed
    if lw[:2] == ["shall", "we"] and len(lw) > 2:
        return " ".join(["How would you like to", *words[2:]])
    if lw[1:4] in (["we", "talk", "about"], ["we", "discuss"]) and aux in ("can", "could", "shall"):
        topic = words[4:] if lw[3] == "about" else words[3:]
        return " ".join(["What would you like to say about", *topic]) if topic else _LAND
    if (
        lw[:3] == ["do", "you", "have"]
        and lw[3:4] in (["a"], ["an"])
        and lw[4:5] > [""]
        and lw[4] not in ("minute", "moment", "second", "sec", "few", "lot", "bit", "good")
    ):
        return " ".join(["What's your", *words[4:]])
    if " or " in " ".join(lw) and lw[-2:] != ["or", "not"]:
        chosen = choice.rewrite(words, lw)
        if chosen is not None:
            return chosen
        at = lw.index("or") if "or" in lw else -1
        after = words[at + 1 :]
        before = words[max(1, at - len(after)) : at]
        if at > 1 and after and before and len(after) <= 4:
            return (
                f"Which fits better for you: {' '.join(before)}, {' '.join(after)} or "
                "something else"
            )
        return "How do you see it"
    if lw[1:2] == ["you"] and aux in ("are", "were") and lw[2:3] and lw[2] in _SAYING:
        about = words[3:4] if lw[3:4] == ["about"] else []
        return " ".join(["What", aux, "you", words[2], *about])
    if lw[1:2] == ["i"] and aux in ("can", "could", "may") and "suggestion" in " ".join(lw):
        return "What ideas do you already have"
    if (
        lw[:2] == ["have", "you"]
        and lw[2:4] in (["thought", "about"], ["considered", "how"], ["considered", "what"])
        and len(lw) > 4
        and lw[4 if lw[3] == "about" else 3] in ("how", "what", "who", "where", "when", "whether")
    ):
        tail = words[4:] if lw[3] == "about" else words[3:]
        return " ".join(["What are your thoughts on", *tail])
    if lw[1:4] == ["you", "think", "of"] and lw[4:5] in (["a"], ["an"]) and len(lw) > 5:
        return " ".join(["Tell me about", *words[4:]]) + "."
    if lw[:3] == ["have", "you", "got"] and len(lw) > 3 and "need" in lw[3:]:
        return "What else do you need"  # "Have you got what you need?": possession, not news
    if lw[:2] == ["did", "you"] and len(lw) > 3 and lw[2] in _REACH_OUT:
        return " ".join(["How did", gerund(lw[2]), *words[3:], "go"])  # "Did you talk to Sam?"
    if (
        lw[:2] in (["did", "you"], ["have", "you"])
        and len(lw) > 3
        and lw[2] in _RECEIVED
        and lw[3] not in ("back", "from", "of", "about", "anything", "any")
    ):
        return " ".join(["What did you make of", *words[3:]])
    if lw[:2] == ["have", "you"] and len(lw) > 3 and lw[2] in _UNDER_WAY:
        return " ".join(["Where are you up to with", *words[3:]])
    if lw[1:2] == ["you"] and lw[0] in ("are", "were") and lw[2:4] == ["going", "to"]:
        return " ".join(["How likely are you to", *words[4:]])
    for rule in (_request, _there, _anything, _ease):
        found = rule(words, lw)
        if found:
            return found
    end = subject_end(lw, 1, words)
    subj = " ".join(words[1:end]) if end else ""
    nxt, rest = (lw[end] if end and end < len(lw) else ""), (words[end + 1 :] if end else [])
    if end and aux in ("is", "are", "was", "were", "am") and nxt:
        if is_adjective(nxt) and nxt not in ("worth", "enough"):
            return " ".join(["How", nxt, aux, subj, *rest])
        if is_ing(nxt) and lw[1] != "i" and lw[end : end + 3] != ["going", "to", "be"]:
            return " ".join(["How", aux, subj, words[end], *rest])
    if end and aux in ("do", "does", "did") and nxt:
        if nxt in _HOW_MUCH:
            return " ".join(["How much", aux, subj, words[end], *rest])
        if nxt in _HOW_WELL:
            return " ".join(["How well", aux, subj, words[end], *rest])
        if nxt in _CONFIDENT and lw[1] == "you" and rest:
            tail = rest[1:] if rest[0].lower() == "that" else rest
            return " ".join(["How confident are you that", *tail])
        if nxt in ("feel", "feels") and rest and is_adjective(rest[0]):
            return " ".join(["How", rest[0].lower(), aux, subj, "feel", *rest[1:]])
        if nxt in ("need", "have", "want", "expect") and rest and rest[0].lower() in NOUNS_TO_ASK:
            return " ".join(["What", rest[0], aux, subj, words[end], *rest[1:]])
    if end and aux in ("will", "would") and nxt and lw[1] == "you":
        if lw[2:4] == ["like", "to"] and lw[-1] in ("it", "that", "this") and len(lw) > 5:
            return " ".join(["What would you", *words[2:-1]])
        if lw[2:4] == ["like", "to"]:
            return " ".join(["How much would you", *words[2:]])
        if lw[2] == "like" and lw[3:4] in (["some"], ["a"], ["an"], ["more"]) and len(lw) > 4:
            return " ".join(["What", *words[4:5], "would you like", *words[5:]])
        return " ".join(["How likely are you to", *words[end:]])
    if end and aux in ("can", "could") and nxt:
        if lw[1] in ("i", "we") and nxt in ("help", "support"):
            return " ".join(["How", aux, subj, *words[end:]])
        if lw[1] in ("you", "we"):
            return " ".join(["What would it take to", *words[end:]])
    if end and aux == "should" and lw[1] in ("i", "we", "you"):
        return f"What do you think {subj} should do"
    return "To what extent " + lower_first(" ".join(words))
