"""The shape of a next step, beyond its verb: for ``coachcli.language.steps`` (pure stdlib).

A step can name an action and still not be one someone will take: a question asked instead of
a step ("Should I email Tom?"), a thing that happens to nobody ("The report will get done"), a
goal too big for one step ("Fix the team culture"), a rule about what not to do ("Stop being
late": what will they do instead?), a way out kept in the timing ("Email the client soon",
"… when I get a chance"). Each test here reads the lowercase words of the step and says yes or
no; ``steps`` names the family and its message, ``step_suggest`` the template.
"""

from __future__ import annotations

from coachcli.language import step_words as sw


def is_question(text: str, lower: list[str]) -> bool:
    """Asked instead of decided: "Should I email Tom?", "What should I say to Jo", "Do I…"."""
    if text.rstrip().endswith("?") and len(lower) > 1:
        return True
    if len(lower) < 3:
        return False
    head, nxt = lower[0], lower[1]
    if head in sw.QUESTION_AUX and nxt in sw.SUBJECT_PRONOUNS:
        return True
    return head in sw.QUESTION_WH and nxt in sw.WH_NEXT


def chance_hedge(lower: list[str]) -> bool:
    """ "… when I get a chance", "if we have time", "once I've got a minute"."""
    for i, w in enumerate(lower):
        if w not in sw.CHANCE_OPENERS:
            continue
        window = lower[i + 1 : i + 6]
        who = window[:1] and window[0] in ("i", "we", "i've", "we've", "there's", "there", "things")
        if who and any(x in sw.CHANCE_WORDS for x in window[1:]):
            return True
    return False


def vague_timing(lower: list[str]) -> tuple[int, int] | None:
    """Where the step leaves its day open ("soon", "ASAP", "later", "in due course"), as the
    (start, end) of those words, or None when its timing is concrete or not given."""
    key = " " + " ".join(lower) + " "
    for phrase in sw.VAGUE_TIME_PHRASES:
        at = key.find(" " + phrase + " ")
        if at != -1:
            start = key[:at].count(" ")
            return start, start + len(phrase.split())
    for i, w in enumerate(lower):
        if w == "later" and i + 1 < len(lower) and lower[i + 1] in sw.LATER_OK:
            continue
        if w == "later" and i > 0 and lower[i - 1] in ("no", "not"):
            continue
        if w in sw.VAGUE_TIMES and i > 0:
            end = i + 1
            while end < len(lower) and lower[end] in ("as", "possible", "on", "ish", "-ish"):
                end += 1
            return i, end
    return None


def too_big(lower: list[str]) -> bool:
    """A goal bigger than a step: "Fix the team culture", "Rewrite the whole process"."""
    if not lower or lower[0] not in sw.BIG_VERBS:
        return False
    if lower[0] in sw.ALWAYS_BIG or (lower[0] == "turn" and lower[-1] in ("around", "round")):
        return True
    for i, w in enumerate(lower[1:], 1):
        if w.startswith("everything") or (w in ("whole", "entire") and i < 6):
            return True
        if w not in sw.BIG_OBJECTS or not (i + 1 == len(lower) or lower[i + 1] in sw.BIG_AFTER):
            continue
        if w not in sw.WHOLE_PLACES or lower[i - 1] in ("the", "our", "my", "this", "across"):
            return True  # "across the company", not "the till system"
    return False


def life_area(lower: list[str]) -> bool:
    """ "Get my work-life balance sorted", "Sort my finances out": an area of life, not a task."""
    if len(lower) < 3 or lower[0] not in ("get", "sort", "getting", "sorting", "put"):
        return False
    if lower[1] not in ("my", "our", "your", "out") or timed(lower):
        return False
    rest = lower[2:] if lower[1] != "out" else lower[3:]
    return any(w in sw.LIFE_AREAS for w in rest) and (
        lower[1] == "out" or any(w in sw.LIFE_ENDS for w in rest[1:])
    )


def vague_thing(lower: list[str]) -> bool:
    """A step whose object is only "the … situation/issue/problem" ("Deal with the Steve
    situation"): what about it will be done?"""
    return len(lower) > 2 and lower[-1] in ("situation", "issue", "problem", "stuff", "thing")


def timed(lower: list[str]) -> bool:
    """A time or a number in the step ("after 8pm", "on Fridays", "twice")."""
    return any(
        w in sw.TIME_WORDS or w in sw.NUMBER_WORDS or any(c.isdigit() for c in w)
        for w in lower
        if w not in ("with", "to")
    )


def negative(lower: list[str]) -> int:
    """Words of a "don't" at the start ("stop", "don't", "I won't", "not"), 0 when the step is
    not negative or is a concrete rule with a time in it ("Stop checking email after 8pm")."""
    n = 0
    if lower[:2] in (["will", "not"], ["shall", "not"], ["do", "not"], ["try", "not"]):
        n = 2
    elif lower[:1] and lower[0] in sw.NEGATIVE_HEADS:
        n = 1
        if lower[1:2] == ["to"]:  # "not to …"
            n = 2
    if n == 0 or n >= len(lower) or timed(lower[n:]) or lower[n : n + 2] == ["forget", "to"]:
        return 0  # "Don't forget to send the invoice": a reminder to do it
    if lower[0] == "no" and lower[1:2] != ["more"]:
        return 0  # "No meetings on Friday" reads as a rule, already timed or not a step
    if lower[0] == "no":
        n = 2
    return n if n < len(lower) else 0


def passive(words: list[str], lower: list[str]) -> tuple[str, str] | None:
    """A step nobody owns: "The report will get done", "It gets sorted", "The budget needs to
    be agreed" → (what, the rest from its participle: "sorted by Friday"), else None. A
    passive that names who does it ("… done by the teachers") is one too: whose step is it?"""
    if not lower:
        return None
    first = lower[0]
    if first.endswith("'ll") and first[:-3] in sw.OWNERLESS_HEADS | {"it", "that", "this"}:
        words = [words[0][:-3], "will", *words[1:]]
        lower = [first[:-3], "will", *lower[1:]]
        first = lower[0]
    if first not in sw.OWNERLESS_HEADS and not first.endswith("s"):
        return None
    if first not in sw.OWNERLESS_HEADS and (words[0][:1].isupper() or len(lower) < 3):
        return None  # "Sam gets …", "Dana will be …": a person, not a thing
    for i in range(1, min(5, len(lower))):
        key = " ".join(lower[i:]) + " "
        aux = max((p for p in sw.PASSIVE_AUX if key.startswith(p)), key=len, default="")
        if not aux:
            continue
        j = i + len(aux.split())
        if (
            j < len(lower)
            and _participle(lower[j])
            and not any(w[:1].isupper() for w in words[1:i])
        ):
            return " ".join(words[:i]), " ".join(words[j:])
        return None
    return None


def _participle(word: str) -> bool:
    return word in sw.PARTICIPLES or (len(word) > 4 and word.endswith("ed"))
