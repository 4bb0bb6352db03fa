"""Words and small grammar for ``coachcli.language.question`` (pure stdlib, nothing compiled).

Word lists, the prefix-table expander the rules are written in, and the few grammar helpers the
rewrites need: find a simple subject, invert "you'd like" to "would you like", conjugate a verb.
"""

from __future__ import annotations


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


WH = wordset("what whats how hows who whos whom whose when whens where wheres which")
AUX = wordset(
    "do does did is are was were am can could would will have has had should shall may might must"
)
NEG_AUX = {
    "isn't": "is", "aren't": "are", "wasn't": "was", "weren't": "were", "don't": "do",
    "doesn't": "does", "didn't": "did", "can't": "can", "cannot": "can", "couldn't": "could",
    "won't": "will", "wouldn't": "would", "haven't": "have", "hasn't": "has", "hadn't": "had",
    "shouldn't": "should", "mustn't": "must", "ain't": "is", "mightn't": "might",
    "isnt": "is", "arent": "are", "wasnt": "was", "werent": "were", "dont": "do",
    "doesnt": "does", "didnt": "did", "cant": "can", "couldnt": "could", "wouldnt": "would",
    "havent": "have", "hasnt": "has", "hadnt": "had", "shouldnt": "should",
}  # fmt: skip
PERSON_WORDS = wordset("anyone anybody someone somebody")
THING_WORDS = wordset("anything something")
# -ing words that are nouns, not a verb in progress.
ING_NOUNS = wordset(
    "thing something anything nothing everything morning evening meeting building wedding "
    "feeling training during ceiling string spring offering timing pricing funding hiring "
    "onboarding planning"
)
ADJECTIVES = wordset(
    "happy unhappy satisfied comfortable uncomfortable confident sure ready clear certain worried "
    "concerned excited motivated committed interested important realistic possible feasible fair "
    "useful helpful good bad right wrong true easy hard difficult likely serious urgent relevant "
    "necessary sustainable achievable aware prepared supported stressed overwhelmed frustrated "
    "upset angry afraid scared nervous anxious tired busy stuck valuable different new effective "
    "successful productive fun challenging rewarding meaningful engaged valued heard appreciated "
    "surprised disappointed pleased proud familiar open willing keen free available safe healthy "
    "close hopeful optimistic energised energized bored confused annoyed lonely clear fulfilled "
    "invested convinced comfortable late early fast slow big small"
)
_ADJ_SUFFIX = ("ful", "ous", "ive", "able", "ible", "ant", "ent", "ic", "ical", "less", "ish")


def expand(*specs: str) -> tuple[str, ...]:
    """Word prefixes from a compact spec, each ending in a space (a word boundary).

    Groups are separated by spaces, alternatives by ``|``, ``_`` joins the words of one
    alternative and ``-`` is "nothing": ``"have|has you -|ever tried"`` gives "have you tried ",
    "have you ever tried ", "has you tried ", … Matching is ``key.startswith(prefixes)`` on the
    lowercase words of the text, so no regular expression is compiled at import (fast start).
    """
    out: list[str] = []
    for spec in specs:
        found = [""]
        for group in spec.split():
            alts = ["" if a == "-" else a.replace("_", " ") + " " for a in group.split("|")]
            found = [f + a for f in found for a in alts]
        out.extend(found)
    return tuple(out)


PUNCT = ',.;:!?"()[]{}<>-*/\\|~=+'


def words_of(text: str) -> list[str]:
    """Lowercase words without surrounding punctuation (apostrophes inside are kept)."""
    return [t for t in (w.strip(PUNCT).strip("'") for w in text.lower().split()) if t]


def key_of(words: list[str]) -> str:
    return " ".join(words) + " "


def lower_first(text: str) -> str:
    if not text or text.startswith(("I ", "I'")):
        return text
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def is_adjective(word: str) -> bool:
    w = word.lower()
    return w in ADJECTIVES or (len(w) > 5 and w.endswith(_ADJ_SUFFIX) and w not in ING_NOUNS)


def is_ing(word: str) -> bool:
    w = word.lower()
    return len(w) > 4 and w.endswith("ing") and w not in ING_NOUNS


PRONOUNS = wordset("you i we they he she it that this there everything everyone things")
OBJECT = {"i": "me", "we": "us", "they": "them", "he": "him", "she": "her"}
DETERMINERS = wordset("the your this that my our his her their these those a an")
NOUNS_TO_ASK = wordset(
    "help support time feedback resources input information guidance questions concerns ideas "
    "thoughts worries doubts options plans goals suggestions"
)


def subject_end(lw: list[str], i: int, words: list[str]) -> int | None:
    """Index just past a simple subject starting at ``i`` (pronoun, name, the/your + noun)."""
    if i >= len(lw):
        return None
    if lw[i] in PRONOUNS:
        return i + 1
    if lw[i] in DETERMINERS and i + 1 < len(lw):
        return i + 2
    if words[i][:1].isupper():
        return i + 1
    return None


def as_object(words: list[str]) -> str:
    if len(words) == 1 and words[0].lower() in OBJECT:
        return OBJECT[words[0].lower()]
    return " ".join(words)


def invert(words: list[str]) -> list[str] | None:
    """``you'd like to add`` → ``would you like to add``; None when the shape is unknown."""
    if len(words) < 2:
        return None
    first, second = words[0].lower(), words[1].lower()
    pron, _, tail = first.partition("'")
    contractions = {"d": "would", "ll": "will", "re": "are", "m": "am", "ve": "have"}
    pronoun = "I" if pron == "i" else pron
    if pron in ("you", "i", "we", "they") and tail in contractions:
        return [contractions[tail], pronoun, *words[1:]]
    if first not in ("you", "i", "we", "they", "he", "she"):
        return None
    if second in ("can", "could", "would", "should", "will", "might", "must"):
        return [second, pronoun, *words[2:]]
    verbs = "want need have see think feel know like expect mean hope wish notice remember plan"
    if second in verbs.split():
        return ["do", pronoun, *words[1:]]
    return None


_IRREGULAR = {
    "stand": "stood", "go": "went", "come": "came", "get": "got", "make": "made", "take": "took",
    "give": "gave", "feel": "felt", "catch": "caught", "strike": "struck", "do": "did",
    "say": "said", "see": "saw", "find": "found", "think": "thought", "know": "knew",
    "tell": "told", "keep": "kept", "hold": "held", "stick": "stuck", "leave": "left",
}  # fmt: skip


def conjugate(verb: str, aux: str) -> str:
    """``surprise`` after ``did`` → ``surprised``; after ``does`` → ``surprises``."""
    v = verb.lower()
    if aux == "do":
        return v
    if aux == "does":
        if v.endswith("y") and v[-2:-1] not in "aeiou":
            return v[:-1] + "ies"
        return v + ("es" if v.endswith(("s", "sh", "ch", "x", "o")) else "s")
    if v in _IRREGULAR:
        return _IRREGULAR[v]
    if v.endswith("e"):
        return v + "d"
    if v.endswith("y") and v[-2:-1] not in "aeiou":
        return v[:-1] + "ied"
    return v + "ed"


# Common slips of the keyboard in the words a question turns on, read as meant.
TYPOS = {
    "waht": "what", "wat": "what", "wht": "what", "whta": "what", "hwat": "what", "whaat": "what",
    "wjat": "what", "whar": "what", "waht's": "what's", "whta's": "what's", "wats": "what's",
    "hwo": "how", "hw": "how", "ohw": "how", "hoow": "how", "hwo's": "how's", "hows": "how's",
    "yuo": "you", "yoo": "you", "u": "you", "ya": "you", "yu": "you", "oyu": "you",
    "yoru": "your", "yuor": "your", "ur": "your", "youre": "you're", "r": "are",
    "teh": "the", "hte": "the", "th": "the", "tthe": "the",
    "wen": "when", "whn": "when", "wehn": "when", "wher": "where", "whr": "where",
    "wich": "which", "whihc": "which", "wy": "why", "hwy": "why", "y": "why", "whu": "why",
    "wud": "would", "woudl": "would", "wold": "would", "cud": "could", "coudl": "could",
    "shud": "should", "shoudl": "should", "cna": "can", "adn": "and", "nad": "and", "abt": "about",
    "abotu": "about", "liek": "like", "thnk": "think", "thikn": "think", "knwo": "know",
    "konw": "know", "wnat": "want", "watn": "want", "taht": "that", "tihs": "this", "thsi": "this",
    "doign": "doing", "somthing": "something", "anythign": "anything", "becuase": "because",
    "waht're": "what're", "im": "I'm", "ive": "I've", "doesnt": "doesn't", "didnt": "didn't",
    "dont": "don't", "cant": "can't", "wont": "won't", "isnt": "isn't", "wasnt": "wasn't",
}  # fmt: skip


def fix_typos(text: str) -> str:
    """``waht do yuo want`` → ``what do you want``: known slips only, the rest as typed."""
    out = []
    for token in text.split(" "):
        core = token.strip(PUNCT)
        fixed = TYPOS.get(core.lower())
        if fixed is None:
            out.append(token)
            continue
        if core[:1].isupper():
            fixed = fixed[:1].upper() + fixed[1:]
        start = token.find(core)
        out.append(token[:start] + fixed + token[start + len(core) :])
    return " ".join(out)


def gerund(verb: str) -> str:
    """``reply`` → ``replying``, ``make`` → ``making``, ``get`` → ``getting``, ``be`` →
    ``being``; a word already ending in -ing is kept."""
    v = verb.lower()
    if v.endswith("ing") and len(v) > 4:
        return v
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")) and len(v) > 2:
        return v[:-1] + "ing"
    vowels = "aeiou"
    if (
        len(v) in (3, 4)
        and v[-1] not in vowels + "wxy"
        and v[-2] in vowels
        and (v[-3] not in vowels or v[-4:-2] == "qu")  # "quit" → "quitting"
        and v not in ("visit", "open", "edit", "offer", "listen", "email")
    ):
        return v + v[-1] + "ing"
    return v + "ing"


def restore_case(rewrite: str, source: str) -> str:
    """Names the supervisor capitalised ("Sam", "HR") keep their capitals in the rewrite."""
    capitals = {}
    for token in source.split()[1:]:
        word = token.strip(PUNCT + "'")
        if word[:1].isupper():
            capitals[word.lower()] = word
    out = []
    for i, token in enumerate(rewrite.split(" ")):
        word = token.strip(PUNCT + "'")
        if i and word.lower() in capitals:
            token = token.replace(word, capitals[word.lower()])
        out.append(token)
    return " ".join(out)
