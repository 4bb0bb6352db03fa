"""Whose words: a step said by its owner, given back in one voice (pure stdlib).

A next step is typed as its owner said it ("work on my confidence", "I'll email my manager").
What the tool writes back about it (the next-step check's message and its suggestion) uses one
voice throughout: ``"you"`` speaks to the owner ("Ask [who] for one tip on your confidence"),
``"they"`` speaks about them to the supervisor ("… on their confidence"). ``owner_words``
turns the owner's first person (I, my, me, myself, our) — and, for ``"they"``, the
supervisor's "you/your" said to them — into that voice, keeping capitals and punctuation.
``voiced`` puts a sentence written in the "you" voice into the "they" voice.
"""

from __future__ import annotations

from typing import Literal

from coachcli.language.words import wordset

Voice = Literal["you", "they"]

_FIRST = {
    "you": {
        "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
        "i'm": "you're", "i've": "you've", "i'll": "you'll", "i'd": "you'd", "im": "you're",
        "ive": "you've", "our": "your", "ours": "yours", "ourselves": "yourselves",
    },
    "they": {
        "i": "they", "me": "them", "my": "their", "mine": "theirs", "myself": "themselves",
        "i'm": "they're", "i've": "they've", "i'll": "they'll", "i'd": "they'd", "im": "they're",
        "ive": "they've", "our": "their", "ours": "theirs", "ourselves": "themselves",
        "your": "their", "yours": "theirs", "yourself": "themselves", "you're": "they're",
        "you've": "they've", "you'll": "they'll", "you'd": "they'd",
    },
}  # fmt: skip
# After "I": the verb agrees with the new subject ("I am" → "you are", "I was" → "they were").
_AGREE = {"am": "are", "was": "were", "'m": "'re"}
# "you" after these is an object ("tell you", "with you") → "them"; otherwise a subject.
_OBJECT_AFTER = wordset(
    "to with for at about from by of on tell ask give help let show send remind thank call "
    "email meet see invite update"
)
_EDGE = ",.;:!?\"'()[]"


def _swap(word: str, voice: Voice, prev: str) -> str:
    core = word.strip(_EDGE)
    if not core:
        return word
    low = core.lower().replace("\u2019", "'")
    new = _FIRST[voice].get(low)
    if new is None and low == "you" and voice == "they":
        new = "them" if prev in _OBJECT_AFTER else "they"
    if new is None and prev in ("i", "im") and low in _AGREE:
        new = _AGREE[low]
    if new is None:
        return word
    if core[:1].isupper() and (low.split("'")[0] not in ("i", "im", "ive") or prev == ""):
        new = new[:1].upper() + new[1:]
    start = word.find(core)
    return word[:start] + new + word[start + len(core) :]


def owner_words(words: list[str], voice: Voice) -> list[str]:
    """The owner's words in ``voice``: ["work", "on", "my", "confidence"] → […, "your", …]."""
    out: list[str] = []
    prev = ""
    for word in words:
        out.append(_swap(word, voice, prev))
        prev = word.strip(_EDGE).lower().replace("\u2019", "'")
    return out


def owner_text(text: str, voice: Voice) -> str:
    return " ".join(owner_words(text.split(" "), voice))


_THEY = {
    "you": "they", "your": "their", "yours": "theirs", "yourself": "themselves",
    "you're": "they're", "you'll": "they'll", "you've": "they've", "you'd": "they'd",
}  # fmt: skip


def voiced(sentence: str, voice: Voice) -> str:
    """A message written in the "you" voice, in ``voice`` ("What would you do" → "… they do")."""
    if voice == "you":
        return sentence
    out: list[str] = []
    prev = ""
    for word in sentence.split(" "):
        core = word.strip(_EDGE)
        low = core.lower()
        new = _THEY.get(low)
        if low == "you" and prev in _OBJECT_AFTER:
            new = "them"
        if new is not None:
            if core[:1].isupper():
                new = new[:1].upper() + new[1:]
            start = word.find(core)
            word = word[:start] + new + word[start + len(core) :]
        out.append(word)
        prev = low
    return " ".join(out)
