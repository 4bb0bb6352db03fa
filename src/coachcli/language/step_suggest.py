"""Templates that make a flagged next step concrete, for ``coachcli.language.steps``.

A vague step gets a template for its family ("Write down three thoughts on … by [day]"), a
hedged one loses its hedge ("Try to email the client" → "Email the client by [day]"). The check
itself is passed in (``passes``) so each template can be checked without an import cycle.
"""

from __future__ import annotations

from collections.abc import Callable

from coachcli.language import step_shape as shape
from coachcli.language import step_words as sw
from coachcli.language.words import gerund, is_adjective, key_of, wordset

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
    kind: str,
    family: str,
    words: list[str],
    lower: list[str],
    passes: Callable[[str], bool],
    again: Callable[[str], str] | None = None,
) -> str:
    """A concrete template for a flagged step (``[who]``, ``[day]`` to fill in); ``again``
    gives the template for what is left of a hedged step when that is vague in its turn."""
    obj = _object(lower, words)
    if family in _SHAPED:
        return _SHAPED[family](words, lower)
    if kind == "hedge":
        return _unhedged(words, lower, passes, again)
    if family == "non-action":
        return _waited(lower, words)
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
        if obj and (len(obj.split()) > 1 or not is_adjective(obj.lower())):
            return f"Ask [who] for one tip on {obj} and use it by [day]"
    if family == "vague" and obj and obj.split()[0].lower() not in sw.VAGUE_OBJECTS:
        return f"Pick the first thing to do about {obj} and do it by [day]"
    return FALLBACK


def _timed(text: str) -> str:
    """The step with " by [day]" when it names no time ("Email Jo" → "Email Jo by [day]")."""
    return text if shape.timed(text.lower().split()) else text + " by [day]"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _question(words: list[str], lower: list[str]) -> str:
    """ "Should I email Tom?" → "Decide by [day] whether to email Tom"."""
    i = 0
    wh = lower[0] if lower[0] in sw.QUESTION_WH else ""
    i += bool(wh)
    while i < len(lower) and (
        lower[i] in sw.QUESTION_AUX or lower[i] in sw.SUBJECT_PRONOUNS or lower[i] in _HEDGE_WORDS
    ):
        i += 1
    if lower[i : i + 2] in (["need", "to"], ["have", "to"], ["want", "to"], ["going", "to"]):
        i += 2
    rest = " ".join(words[i:]).rstrip("?").strip()
    if not rest:
        return FALLBACK
    if wh in ("what", "how", "who", "which", "where"):
        return f"Decide by [day] {wh} to {rest}, and tell [who]"
    return f"Decide by [day] whether to {rest}, and tell [who]"


def _passive(words: list[str], lower: list[str]) -> str:
    """ "The rota will be sorted by Friday" → "Get the rota sorted by Friday"."""
    found = shape.passive(words, lower)
    if not found:
        return FALLBACK
    what, rest = found
    what = what if what[:2] == "I " else what[:1].lower() + what[1:]
    if what.lower() in sw.VAGUE_OBJECTS:  # "It gets sorted": who, and what is it?
        return f"Agree with [who] by [day] who will get {what} {rest.split()[0]}, and how"
    return _timed(f"Get {what} {rest}")


def _big(words: list[str], lower: list[str]) -> str:
    """ "Fix the team culture" → "Write down one small change to the team culture …"."""
    rest = [w for w, lw in zip(words[1:], lower[1:], strict=True) if lw not in ("out", "up")]
    if rest and rest[-1].lower() in ("around", "round"):
        rest = rest[:-1]
    obj = " ".join(rest) or "it"
    return f"Write down one small change to {obj} and agree it with [who] by [day]"


def _negative(words: list[str], lower: list[str]) -> str:
    """ "Stop being late" → "Pick one thing you'll do instead of being late, and do it by [day]"."""
    n = shape.negative(lower) or 1
    rest = words[n:]
    if lower[0] not in ("stop", "stopping", "quit", "quitting", "avoid", "avoiding") and rest:
        rest = [gerund(rest[0]), *rest[1:]]
    if not rest:
        return FALLBACK
    return f"Pick one thing you'll do instead of {' '.join(rest)}, and do it by [day]"


def _timing(words: list[str], lower: list[str]) -> str:
    """ "Email the client soon" → "Email the client by [day]"."""
    span = shape.vague_timing(lower)
    if span is None:
        return FALLBACK
    kept = words[: span[0]] + words[span[1] :]
    return _timed(_capital(" ".join(kept).strip(" ,;")))


def _waited(lower: list[str], words: list[str]) -> str:
    """ "We'll see how my first week goes" → "Book a time with [who] on [day] to review your
    first week"; other non-actions get the fallback."""
    key = key_of(lower)
    if not key.startswith(("see how ", "wait and see how ", "let's see how ")):
        if key.startswith(("see what ", "wait and see ", "wait to see ", "let's see ")):
            return "Book a time with [who] on [day] to decide the next step"
        return FALLBACK
    at = lower.index("how") + 1
    end = len(lower)
    while end > at and lower[end - 1] in ("goes", "go", "went", "pans", "out", "works", "is"):
        end -= 1
    what = " ".join(words[at:end])
    if not what or what.lower() in sw.VAGUE_OBJECTS:
        return "Book a time with [who] on [day] to review how it's going"
    return f"Book a time with [who] on [day] to review {what}"


_SHAPED: dict[str, Callable[[list[str], list[str]], str]] = {
    "question": _question,
    "passive": _passive,
    "big": _big,
    "negative": _negative,
    "timing": _timing,
}


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


def _unhedged(
    words: list[str],
    lower: list[str],
    passes: Callable[[str], bool],
    again: Callable[[str], str] | None,
) -> str:
    """The step without its hedge: "I'll do my best to be at the 9am call" → "Be at the 9am
    call"; "I'll redo the slides if I get time" → "Redo the slides by [day]"."""
    words, lower = _without_chance(words, lower)
    for phrase in sw.HEDGE_ANYWHERE:  # "Fingers crossed I'll …", "… at some point"
        cut = phrase.split()
        at = next((i for i in range(len(lower)) if lower[i : i + len(cut)] == cut), -1)
        if at != -1 and len(cut) < len(lower):
            words, lower = words[:at] + words[at + len(cut) :], lower[:at] + lower[at + len(cut) :]
    prefixes = (*sw.HEDGE_START, *sw.SUBJECT, "to ", "do my best to ", "try my best to ")
    for _ in range(8):
        key = key_of(lower)
        hit = max((p for p in prefixes if key.startswith(p)), key=len, default="")
        n = len(hit.split())
        if hit in ("see whether ", "see if ") and lower[2:4] not in (["i", "can"], ["we", "can"]):
            words, lower = (
                ["Ask", "[who]", "whether", *words[2:]],
                ["ask", "[who]", "whether", *lower[2:]],
            )
            break  # "I'll see whether the budget allows it" → "Ask [who] whether the budget …"
        if not n and lower[:1] and lower[0] in _HEDGE_WORDS | sw.SUBJECT_ADVERBS:
            n = 1
        if not n or n >= len(lower):
            break
        words, lower = words[n:], lower[n:]
    rest = [
        w
        for w, lw in zip(words, lower, strict=True)
        if lw not in ("hopefully", "maybe", "probably")
    ]
    if not rest:
        return FALLBACK
    rest[0] = _base_form(rest[0])
    text = " " + " ".join(rest) + " "
    for phrase in sw.HEDGE_ANYWHERE:  # "… when needed", "… at some point"
        at = text.lower().find(phrase.rstrip() + " ")
        if at != -1:
            text = text[:at] + text[at + len(phrase.rstrip()) :]
    text = _capital(" ".join(text.split()).replace(" ,", ",").strip(" ,;"))
    if passes(_timed(text)):
        return _timed(text)  # "I'll try to sort out my inbox" → "Sort out … by [day]"
    if passes(text):
        return text
    return again(text) if again else FALLBACK  # "Plan to think about it": its vague template


def _without_chance(words: list[str], lower: list[str]) -> tuple[list[str], list[str]]:
    """Drop "if I get time", "when I get the chance (to)" from a step, with the "I'll" after it."""
    for i, w in enumerate(lower):
        if w not in sw.CHANCE_OPENERS or not shape.chance_hedge(lower[i : i + 7]):
            continue
        end = next(j for j in range(i + 1, len(lower)) if lower[j] in sw.CHANCE_WORDS) + 1
        while end < len(lower) and lower[end] in ("to", "it", "round", "around"):
            end += 1
        return words[:i] + words[end:], lower[:i] + lower[end:]
    return words, lower
