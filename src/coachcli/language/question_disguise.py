"""Advice wrapped in an open question's first words (pure stdlib, prefix tables, nothing compiled).

A question can begin with what or how and still carry the supervisor's idea: "What do you think
about maybe talking to Tom?", "How would you feel about trying a new approach?", "What would you
say to a weekly check-in?", "How does a short daily huddle sound?", "What if you talk to her
first?", "How could you just tell him?", "What's the harm in asking?". The person is asked to
rate the idea, not to find their own, so a coach hears it as leading.

What keeps a question open is what follows the frame. An opinion asked about something already
there passes ("What do you think about the new rota?", "What do you think is going on?", "How
do you feel about what happened?"); so do a person's own possibilities ("What if you could start
again?", "What would happen if you did nothing?", "How might you approach Tom?") and a turn of
the question back to them ("How about you?", "What would you say to a friend in your
position?"). Used by ``coachcli.language.question`` for a question whose start reads as open.
"""

from __future__ import annotations

from coachcli.language.words import AUX, expand, is_ing, key_of, wordset

# Frames that ask for a view of what follows them. The policy says what, after them, is an idea
# put forward: "ing" a course of action ("… about asking Sam"), "a" a thing proposed ("… to a
# trial run"), "act" only a course hedged as a suggestion ("How do you feel about maybe asking
# the team…", while "How do you feel about asking for help?" explores a feeling).
_FRAMES: tuple[tuple[tuple[str, ...], str], ...] = (
    (expand("how|what about|bout", "how would you feel about|to"), "ing+a"),
    (expand("what would|do you say to", "what would you think about|of"), "ing+a"),
    (
        expand(
            "what do|did you think|reckon about|of",
            "what do you reckon to",
            "what are|were your thoughts on|about",
            "what's|what_is your take|view|feeling on|about",
        ),
        "ing",
    ),
    (expand("how do|did you feel about"), "act"),
)
# Frames followed by a condition: the idea is the action in it ("What if you talk to her?").
_IF_FRAMES = expand(
    "what if|whatif",
    "what do|would you think|reckon|say if",
    "how about|what_about if",
    "suppose|supposing|imagine|say",
)
# Rhetoric that argues for the idea: "What's the harm in asking?", "What have you got to lose?".
_RHETORIC = expand(
    "what's|what_is|whats the harm|downside|risk in|of just|simply",
    "what's|what_is|whats the harm in",
    "what harm would|could|can|will it do",
    "what would|could|can it hurt",
    "what have|do you -|got|have to lose",
    "what would|could be wrong|so_bad with",
    "what's|what_is|whats so_bad|so_wrong about|with",
)
# After "you just …", "could you maybe …": verbs that carry no course of their own.
_GENERIC = wordset(
    "do doing done be being been have having had get getting got try trying say saying said "
    "think thinking feel feeling know knowing need needing want wanting like see seeing mean "
    "realise realize notice noticed happen happened go going went make making need start "
    "starting find finding imagine wonder hope expect remember"
)
# "What if you …" that imagines their own possibilities rather than proposing an action.
_STATES = wordset(
    "could can can't couldn't were weren't was wasn't had hadn't have haven't knew know didn't "
    "don't did do does doesn't wanted want needed need felt feel failed fail succeeded succeed "
    "still already never really are aren't got get lost lose found find thought think believed "
    "believe cared care liked like loved love realised realized noticed notice learned learnt "
    "decided imagined pretended stopped ran run won win weren't woke achieved achieve reached "
    "reach managed manage landed earned became become"
)
# "What would you say to a friend…?" turns the question back to them: no idea in it.
_PEOPLE = wordset(
    "friend colleague peer newcomer new stranger child kid student person younger older manager "
    "mentor coach customer client teammate parent"
)
_MARKERS = wordset("maybe perhaps just simply possibly say")
_SUBJECTS = wordset("you we")
_DOERS = wordset("you we i")
_OBJECTS = wordset("you us we him her them me")
_MODALS = wordset("could can might would should will may")
_NOT_VERBS = wordset(
    "a an the this that these those it its your my our their his her him them me us you we i "
    "to of for with about on in at by so as if not no more less very really too also still"
)


def _idea(rest: list[str], policy: str, hedged: bool) -> bool:
    """Whether ``rest`` (what follows a frame) puts an idea forward."""
    if not rest:
        return False
    first = rest[0]
    doing = len(rest) > 1 and rest[1].endswith("ing") and len(rest[1]) > 4
    if policy == "act":  # "How do you feel about asking for help?" explores; "maybe asking" floats
        return is_ing(first) and hedged
    if is_ing(first):
        return True
    if first in ("the", "this") and rest[1:2] in (["idea"], ["thought"], ["option"]):
        return True
    if "a" in policy and doing and first not in _NOT_VERBS:  # "… think of Sam taking over"
        return True
    if "a" in policy and first in ("a", "an", "another"):
        return rest[1:2] != [] and rest[1] not in _PEOPLE  # not "… say to a friend"
    if first in _OBJECTS:  # "What about you taking the lead?", "… us meeting weekly"
        if doing:
            return True
        if rest[1:2] == ["and"] and len(rest) > 3 and (is_ing(rest[2]) or is_ing(rest[3])):
            return True
    return False


def _framed(words: list[str], key: str) -> bool:
    for prefixes, policy in _FRAMES:
        hits = [p for p in prefixes if key.startswith(p)]
        if not hits:
            continue
        rest = words[len(max(hits, key=len).split()) :]
        hedged = False
        while rest and rest[0] in _MARKERS:
            hedged, rest = True, rest[1:]
        return _idea(rest, policy, hedged)
    return False


def _conditional(words: list[str], key: str) -> bool:
    hits = [p for p in _IF_FRAMES if key.startswith(p)]
    if not hits:
        return False
    rest = words[len(max(hits, key=len).split()) :]
    if not rest or rest[0] not in ("you", "we", "i"):
        return False
    if rest[0] == "i" and not key.startswith("what would you say if "):
        return False
    rest = rest[1:]
    if rest[:1] == ["were"] and rest[1:2] == ["to"]:  # "what if you were to ask Dev"
        return len(rest) > 2 and rest[2] not in _GENERIC
    hedged = bool(rest) and rest[0] in _MARKERS
    while rest and rest[0] in _MARKERS:
        rest = rest[1:]
    if not rest or not rest[0].isalpha():
        return False
    verb = rest[0]
    if hedged:
        return verb not in _GENERIC or verb in ("said", "told", "went", "did")
    return verb not in _STATES and verb not in _NOT_VERBS and verb not in AUX


def _marked(words: list[str]) -> bool:
    """ "How could you just tell him?", "What stops you from just calling her?"."""
    for i in range(1, len(words) - 1):
        if words[i] not in ("just", "simply", "maybe", "perhaps"):
            continue
        prev, prev2 = words[i - 1], words[i - 2] if i >= 2 else ""
        verb = words[i + 1]
        if prev == "to" and prev2 == "be" and words[i] in ("just", "simply"):
            return True  # "How would it be to just say yes?", "How hard would it be to just…"
        if not verb.isalpha() or verb in _GENERIC or verb in _NOT_VERBS or verb in AUX:
            continue
        if prev in _SUBJECTS and prev2 in ("if", "suppose", "imagine", "say", "supposing"):
            return True
        if verb in ("said", "told", "went"):  # "What did you just say?" is not advice
            continue
        subject_first = prev in _SUBJECTS and prev2 not in ("did", "have", "had", "has", "didn't")
        modal_first = prev in _MODALS and prev2 in _SUBJECTS
        subject_modal = prev in _SUBJECTS and prev2 in _MODALS
        if (subject_first or modal_first or subject_modal) and not verb.endswith("ed"):
            return True
        if prev in ("from", "about", "by", "of") and is_ing(verb):
            return True
    return False


def _sounds(words: list[str]) -> bool:
    """ "How does a short daily huddle sound?", "How would moving the meeting sound?"."""
    if len(words) < 4 or words[0] != "how" or words[1] not in ("does", "would", "will", "might"):
        return False
    if "sound" not in words[3:12]:
        return False
    return is_ing(words[2]) or words[2] in ("a", "an", "some", "another")


def advice_in_open(words: list[str]) -> bool:
    """Whether an open-looking question (``words``: lowercase) carries the asker's idea."""
    if not words:
        return False
    key = key_of(words)
    if key.startswith(_RHETORIC):
        return True
    return _framed(words, key) or _conditional(words, key) or _sounds(words) or _marked(words)


def advice_clause(words: list[str]) -> bool:
    """A framing clause that proposes: "Suppose you just told her, …", "If you simply…"."""
    key = key_of(words)
    return _conditional(words, key) or _marked(words)


_TRAILING = wordset("sound sounds to you for you like")
_PAST = {
    "gave": "giving", "told": "telling", "took": "taking", "went": "going", "sent": "sending",
    "spoke": "speaking", "let": "letting", "made": "making", "wrote": "writing", "said": "saying",
    "put": "putting", "got": "getting", "set": "setting", "cut": "cutting", "met": "meeting",
}  # fmt: skip
_PERSON_REWRITES = ("How do you want to approach ", "What could ", "Who could help ")


def _doing(word: str) -> str:
    """The -ing form of a verb as typed: "ask", "asked", "gave" → "asking", … "giving"."""
    from coachcli.language.words import gerund

    w = word.lower()
    if is_ing(w):
        return word
    if w in _PAST:
        return _PAST[w]
    if w.endswith("ied"):
        return w[:-3] + "ying"
    if w.endswith("eed"):
        return w[:-1] + "ing"
    if w.endswith("ed") and len(w) > 4:
        return w[:-2] + "ing"
    return gerund(w)


def _idea_words(tokens: list[str], lowered: list[str]) -> tuple[list[str], list[str]] | None:
    """The idea as typed, after its frame and hedges: ("a", "trial", "run"), ("asking", …)."""
    key = key_of(lowered)
    n = 0
    for prefixes in [p for p, _ in _FRAMES] + [_IF_FRAMES, _RHETORIC]:
        hits = [p for p in prefixes if key.startswith(p)]
        if hits:
            n = max(n, len(max(hits, key=len).split()))
    if not n and _sounds(lowered):
        n = 2
    if not n:
        marked = [i for i, w in enumerate(lowered) if w in ("just", "simply", "maybe", "perhaps")]
        if not marked:
            return None
        n = marked[0]
    tokens, lowered = tokens[n:], lowered[n:]
    while lowered:
        if lowered[:3] in (["the", "idea", "of"], ["the", "thought", "of"]):
            cut = 3
        elif lowered[0] in _MARKERS or (lowered[0] in _DOERS and lowered[1:2] != ["and"]):
            cut = 1
        else:
            break
        tokens, lowered = tokens[cut:], lowered[cut:]
    if lowered[:2] in (["i", "suggested"], ["i", "proposed"], ["i", "offered"]):
        tokens, lowered = tokens[2:], lowered[2:]  # "what would you say if I suggested a mentor"
    if lowered[:2] == ["were", "to"]:  # "what if you were to ask Dev"
        tokens, lowered = tokens[2:], lowered[2:]
    elif lowered[:1] in (["tried"], ["try"], ["trying"]) and lowered[1:2] and is_ing(lowered[1]):
        tokens, lowered = tokens[1:], lowered[1:]  # "what if you tried apologising first"
    while lowered and lowered[-1] in _TRAILING:
        tokens, lowered = tokens[:-1], lowered[:-1]
    return (tokens, lowered) if lowered else None


def rewrite(core: str) -> str | None:
    """The open question beneath advice in an open question's clothing, or None for a stock one.

    Rhetoric for the idea becomes what holds them back ("What's the harm in asking?" → "What's
    holding you back from asking?"); an idea about someone, how they want to approach that
    person; any other idea, weighed rather than pushed ("What would you say to a trial run?" →
    "What are the pros and cons of a trial run?").
    """
    from coachcli.language.question_advice import advice_rewrite

    tokens = [t.strip(",.;:!?\"'()") for t in core.split()]
    tokens = [t for t in tokens if t]
    lowered = [t.lower() for t in tokens]
    rhetoric = key_of(lowered).startswith(_RHETORIC)
    found = _idea_words(tokens, lowered)
    if found is None:
        return "What feels at stake for you here?" if rhetoric else None
    idea, low = found
    if low[0] in ("a", "an", "another", "some"):
        phrase = " ".join(idea)
    elif low[0].isalpha() and low[0] not in _NOT_VERBS and low[0] not in AUX:
        phrase = " ".join([_doing(idea[0]), *idea[1:]])
    else:
        return "What feels at stake for you here?" if rhetoric else None
    if rhetoric:
        return f"What's holding you back from {phrase}?"
    person = advice_rewrite(f"How about {phrase}", "")
    if person.startswith(_PERSON_REWRITES):
        return person
    if len(phrase.split()) <= 9:
        return f"What are the pros and cons of {phrase}?"
    return None
