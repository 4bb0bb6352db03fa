"""What/how rewrites of why questions (pure stdlib), used by ``coachcli.language.question``.

"Why did you choose that?" → "What led you to choose that?"; "Why do you think the client got
upset?" → "What do you think made the client upset?" (the meaning kept, the demand to justify
gone). Each function takes one question (no final mark, single spaces) and returns the rewrite.
"""

from __future__ import annotations

from coachcli.language.words import as_object, is_ing, subject_end, wordset

_PAST = frozenset({"did", "was", "were", "had"})
_MORE_PAST = wordset(
    "chose forgot broke ran fell gave sent wrote spoke bought brought caught drove ate lost won "
    "spent paid sold stood"
)


def rewrite_why(core: str) -> str:
    words = core.split()
    lw = [w.lower() for w in words]
    skip = 2 if lw[:2] == ["how", "come"] else 1
    words, lw = words[skip:], lw[skip:]
    if skip == 2 and len(lw) > 2 and lw[0] in ("you", "he", "she", "they", "we", "i"):
        verb = lw[1]
        if verb in ("didn't", "couldn't", "haven't", "hasn't", "don't", "doesn't", "can't"):
            return "What made it hard to " + " ".join(words[2:])
        if verb.endswith("ed") or verb in _PAST_FORMS or verb in _MORE_PAST:
            return "What was going on when " + " ".join(words)
    if skip == 2 or not words:
        return "What led to that?" if words else "What's behind that?"
    if lw in (["is", "that"], ["is", "it"], ["so"], ["was", "that"]):
        return "What's behind that?"
    if lw == ["not"]:
        return "What's holding you back?"
    if lw in (["do", "you", "think", "that", "is"], ["do", "you", "think", "so"]):
        return "What do you think is behind that?"
    if lw[:3] in (["do", "you", "think"], ["did", "you", "think"]) and len(lw) > 4:
        found = _think_why(words[3:] if lw[3] != "that" else words[4:])
        if found:
            return found
    head = lw[0]
    if head in ("the", "this", "that", "all", "such"):
        return " ".join(["What's behind", *words])
    if head in ("haven't", "hasn't", "hadn't", "havent", "hasnt"):
        return "What's getting in the way?"
    end = subject_end(lw, 1, words)
    if end is None or end >= len(words):
        return "What led to that?"
    subj, verb = as_object(words[1:end]), " ".join(words[end:])
    if head == "did":
        return f"What led {subj} to {verb}"
    if head in ("do", "does"):
        return f"What makes {subj} {verb}"
    if head in ("wasn't", "weren't") and end < len(words):
        return f"What kept {subj} from being {verb}"  # "Why weren't you at the stand-up?"
    if head in ("didn't", "couldn't"):
        return f"What made it hard for {subj} to {verb}"
    if head in ("doesn't", "can't", "won't", "wouldn't", "isn't", "aren't"):
        return (
            f"What makes it hard for {subj} to {verb}"
            if head[:2] not in ("is", "ar")
            else ("What's getting in the way?")
        )
    if head in ("is", "are", "am", "was", "were"):
        past = head in _PAST
        if any(is_ing(w) for w in words[end:]):
            return f"What {'was' if past else 'is'} behind {subj} {verb}"
        return f"What {'made' if past else 'makes'} {subj} {verb}"
    if head in ("would", "will"):
        return f"What would lead {subj} to {verb}"
    if head in ("should", "must"):
        return f"What makes it important for {subj} to {verb}"
    if head in ("can", "could", "might"):
        return f"What makes it possible for {subj} to {verb}"
    return "What led to that?"


PRONOUNS_SAID = wordset("i you he she they we")
_BECOME = wordset("got get gets became become becomes was were is are seemed seems felt feels")
_PAST_FORMS = frozenset(
    _PAST
    | {
        "got",
        "became",
        "seemed",
        "felt",
        "said",
        "went",
        "came",
        "left",
        "took",
        "made",
        "told",
        "thought",
        "knew",
        "lost",
        "kept",
    }
)


def _think_why(words: list[str]) -> str | None:
    """ "(Why do you think) the client got upset" → "What do you think made the client upset"."""
    lw = [w.lower() for w in words]
    end = subject_end(lw, 0, words)
    if end is None or end >= len(words):
        return None
    subj, verb, rest = words[:end], lw[end], words[end + 1 :]
    past = verb in _PAST_FORMS or verb.endswith("ed")
    said = "they" if lw[0] not in PRONOUNS_SAID else lw[0].replace("i", "I")
    if verb in _BECOME and rest and lw[end + 1] not in ("to", "going", "being"):
        made = "made" if past else "makes"
        return f"What do you think {made} {as_object(subj)} {' '.join(rest)}"
    going = "was" if past else "is"
    clause = " ".join(words[end:])
    if lw[0] in ("i", "you", "he", "she", "they", "we") or (
        len(subj) == 1 and subj[0][:1].isupper()
    ):
        return f"What do you think {going} going on for {as_object(subj)} when {said} {clause}"
    if not past and verb.endswith("s") and not verb.endswith("ss"):
        base = verb[:-2] if verb.endswith(("ches", "shes", "xes", "oes")) else verb[:-1]
        base = {"ha": "have", "doe": "do"}.get(base, base)
        return f"What do you think makes {' '.join(subj)} {' '.join([base, *rest])}"
    return f"What do you think {going} behind it when {' '.join(subj)} {clause}"
