"""Templates that make a flagged next step concrete, for ``coachcli.language.steps``.

A vague step gets a template for its family ("Write down three thoughts on … by [day]"), a
hedged one loses its hedge ("Try to email the client" → "Email the client by [day]"). The check
itself is passed in (``passes``) so each template can be checked without an import cycle.
"""

from __future__ import annotations

from collections.abc import Callable

from coachcli.language import step_words as sw
from coachcli.language.words import key_of, wordset

FALLBACK = "Agree the first step with [who] by [day]"
_POSSESSIVES = wordset("my your our their his her the some any")


def has_marker(words: list[str], lower: list[str]) -> bool:
    """A time, a number or a named person: enough to make a weak head concrete."""
    for i, (w, lw) in enumerate(zip(words, lower, strict=True)):
        if lw in sw.TIME_WORDS or lw in sw.NUMBER_WORDS or any(c.isdigit() for c in lw):
            return True
        if i > 0 and w[:1].isupper() and lw not in sw.PRONOUNS:
            return True
        if lw in ("with", "to") and i + 1 < len(lower) and lower[i + 1] not in sw.VAGUE_OBJECTS:
            return True
    return False


def _object(lower: list[str], words: list[str]) -> str:
    """What a vague step is about: the words after its head and preposition."""
    key = key_of(lower)
    heads = [p for p in (*sw.STRONG, *sw.WEAK) if key.startswith(p)]
    skip = max((len(p.split()) for p in heads), default=1)
    if heads and max(heads, key=len).split()[-1] in sw.VAGUE_OBJECTS:
        skip -= 1  # "look at options": the head ends in what it is about
    while skip < len(lower) and lower[skip] in (
        "about", "over", "into", "at", "on", "through", "of", "up", "out", "to", "with", "more",
        "less", "a", "an", "better", "sure", "certain", "an", "eye", "of", "effort",
    ):  # fmt: skip
        skip += 1
    rest = words[skip:]
    filler = sw.VAGUE_OBJECTS | {"over", "up", "out", "on", "through", "again", "now"}
    if not rest or all(w.lower() in filler for w in rest):
        return ""
    return " ".join(rest)


def suggest(
    kind: str, family: str, words: list[str], lower: list[str], passes: Callable[[str], bool]
) -> str:
    """A concrete template for a flagged step (``[who]``, ``[day]`` to fill in)."""
    obj = _object(lower, words)
    if kind == "hedge":
        return _unhedged(words, lower, passes)
    if family == "think":
        if lower[0] in ("consider", "considering", "explore", "exploring", "look", "looking"):
            first = obj.split()[0] if obj else ""
            if obj.lower().endswith(("options", "ideas", "paths", "choices", "routes")):
                kept = obj.split()
                while kept and kept[0].lower() in _POSSESSIVES:  # not "List two my options"
                    kept = kept[1:]
                return f"List two {' '.join(kept)} by [day] and pick one"
            if first.lower() in ("i", "we", "you") or first.lower() in _POSSESSIVES:
                kept = obj.split()
                if first.lower() in _POSSESSIVES:
                    kept = kept[1:]
                if kept and kept[0].lower() in ("options", "choices", "ideas"):
                    kept = kept[2:] if kept[1:2] == ["for"] else kept[1:]
                    about = " for " + " ".join(kept) if kept else ""
                    return f"List two options{about} by [day] and pick one"
                if first.lower() in ("i", "we", "you"):  # "look at ways I could reduce …"
                    return f"List two ways {obj} by [day] and pick one"
            if first.lower().endswith("ing") and _base_form(first) != first:
                return f"Decide by [day] whether to {_base_form(first)} {obj[len(first) :].strip()}"
            return f"List two options{' for ' + obj if obj else ''} by [day] and pick one"
        return f"Write down three thoughts{' on ' + obj if obj else ''} by [day] and share them"
    if family == "watch":
        if lower[0] in ("continue", "continuing", "carry", "stay", "remain"):
            return "Agree with [who] by [day] what to keep doing and what to change"
        if key_of(lower).startswith(("make sure ", "make certain ", "ensure ")):
            return f"Agree with [who] by [day] one check that makes sure {obj or 'it happens'}"
        if lower[0] in ("make", "making"):
            return FALLBACK
        return f"Check {obj or 'how it is going'} on [day] and tell [who] what you find"
    if family == "follow":
        return "Email [who] about [what] by [day]"
    if family == "quality":
        if lower[0] in ("be", "being", "become") and obj:
            return (
                f"Pick one moment by [day] to be {' '.join(lower[1:])}, and tell [who] how it went"
            )
        if lower[0] in ("feel", "feeling") and obj:
            return (
                f"Name one thing that would help you feel {' '.join(lower[1:])}, and do it by [day]"
            )
        if obj:
            return f"Ask [who] for one tip on {obj} and use it by [day]"
    return FALLBACK


def _base_form(word: str) -> str:
    """``asking`` → ``ask``, ``making`` → ``make``, ``stopping`` → ``stop`` (a step's verb)."""
    w = word.lower()
    if len(w) < 6 or not w.endswith("ing"):
        return word
    base = w[:-3]
    if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "lsfz":
        return base[:-1]
    vowels = "aeiou"
    if base[-1] not in vowels + "wxy" and base[-2] in vowels and base[-3] not in vowels:
        return base + "e"
    return base


_HEDGE_WORDS = wordset(
    "try to and maybe perhaps possibly probably hopefully might may could should i i'll we we'll "
    "will just i'd like hope aim see if can guess attempt ideally"
)


def _unhedged(words: list[str], lower: list[str], passes: Callable[[str], bool]) -> str:
    drop = _HEDGE_WORDS
    i = 0
    while i < len(lower) and lower[i] in drop:
        i += 1
    rest = [
        w for w, lw in zip(words[i:], lower[i:], strict=True) if lw not in ("hopefully", "maybe")
    ]
    if not rest:
        return FALLBACK
    rest[0] = _base_form(rest[0])
    text = " " + " ".join(rest) + " "
    for phrase in sw.HEDGE_ANYWHERE:  # "… when needed", "… at some point"
        at = text.lower().find(phrase.rstrip() + " ")
        if at != -1:
            text = text[:at] + text[at + len(phrase.rstrip()) :]
    text = " ".join(text.split()).replace(" ,", ",").strip(" ,;")
    rest = text.split()
    text = text[:1].upper() + text[1:]
    if not has_marker(rest, [w.lower() for w in rest]) and passes(text + " by [day]"):
        return text + " by [day]"  # "I'll try to sort out my inbox" → "Sort out … by [day]"
    return text if passes(text) else FALLBACK
