"""Did a note catch a marked item? Overlap of meaning-ish keys, tolerant of paraphrase.

A text becomes keys: its content words, lowercased, with common endings taken off ("worried",
"worries", "worrying" → "worry"), numbers written as digits, and words of one idea
(``practice.lexicon``) folded to that idea. A note catches an item when they share enough keys
with the item's note and its ``also`` words (strong), or with the words the person said (weak).
"""

from __future__ import annotations

import re
from functools import lru_cache

from coachcli.language.words import wordset
from coachcli.practice.scenario import Heard

STOP = wordset(
    """a an the and or but of to in on at for with about from by as is are was were be been being
    am i me my mine we us our you your yours he him his she her they them their it its this that
    these those there here so very really just not no yes do does did done have has had will would
    can could should might must may up out over into than then too also get gets got getting go
    goes going gone went what which who whom when where why how all any some more most much many
    such only own same other another again still even ever if because while though although like
    feel feels feeling felt think thinks thought seems seem seemed bit lot kind sort thing things
    im ive id ill youre theyre hes shes its dont doesnt didnt isnt arent wasnt werent cant wont
    one way now yet said says say tell told know knows knew want wants wanted need needs needed
    make makes made really quite pretty right well maybe perhaps something anything everything
    someone anyone everyone work works worked working job"""
)
NUMBERS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "twelve": "12", "twenty": "20", "first": "1",
    "second": "2", "third": "3", "twice": "2", "once": "1", "half": "half",
}  # fmt: skip
_TOKEN = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_SUFFIXES = ("ational", "iness", "ness", "ments", "ment", "ingly", "edly", "ings", "ing",
             "ies", "ied", "ity", "ful", "ous", "ive", "ion", "ers", "er", "ed", "ly", "es",
             "s")  # fmt: skip


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A rough lemma: the same for "promise", "promised", "promises", "promising"."""
    w = word
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix in ("ies", "ied", "iness"):
                w = w[: -len(suffix)] + "y"
            elif suffix == "s" and w.endswith(("ss", "us", "is")):
                continue
            else:
                w = w[: -len(suffix)]
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    if w.endswith("i") and len(w) > 3:
        w = w[:-1] + "y"
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    return w


@lru_cache(maxsize=1)
def _groups() -> dict[str, str]:
    from coachcli.practice.lexicon import groups

    table: dict[str, str] = {}
    for word, group in groups().items():
        table.setdefault(word, group)
        table.setdefault(stem(word), group)
    return table


def words(text: str) -> list[str]:
    flat = text.lower().replace("\u2019", "'").replace("let down", "letdown")
    flat = flat.replace("fed up", "fedup").replace("self-doubt", "selfdoubt")
    out = []
    for token in _TOKEN.findall(flat):
        token = token.replace("'", "")
        if token in STOP:
            continue
        out.append(NUMBERS.get(token, token))
    return out


def keys(text: str) -> frozenset[str]:
    """The keys of ``text``: ideas where a word belongs to one, else the word's rough lemma."""
    table = _groups()
    found = set()
    for word in words(text):
        group = table.get(word) or table.get(stem(word))
        found.add(group or stem(word))
    return frozenset(found)


def item_keys(item: Heard) -> tuple[frozenset[str], frozenset[str]]:
    strong = keys(item.note).union(*(keys(a) for a in item.also))
    return strong, keys(item.said) - strong


def strength(note: frozenset[str], item: Heard) -> float:
    """How much of ``item`` the note holds: 1 for each strong key shared, ½ for each weak one."""
    strong, weak = item_keys(item)
    return len(note & strong) + 0.5 * len(note & weak)


def catches(note: str | frozenset[str], item: Heard) -> bool:
    """One shared idea with the item's note or ``also`` words, or two with the words said."""
    note_keys = keys(note) if isinstance(note, str) else note
    return strength(note_keys, item) >= 1
