"""Notes into words said to the person: second person, ordinary case, no doubled words.

Helpers for ``coachcli.language.restate`` (pure stdlib). A supervisor's note is written about
the person ("She's angry", "I feel ignored" in their words, "Missed Monday's stand-up"); said
back, it is about *you*: "you're angry", "you feel ignored", "you missed Monday's stand-up".
"""

from __future__ import annotations

import re

from coachcli.language.words import ADJECTIVES, wordset

_FIRST = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
    "i'm": "you're", "im": "you're", "i've": "you've", "ive": "you've", "i'll": "you'll",
    "i'd": "you'd", "we": "you", "us": "you", "our": "your", "ours": "yours",
    "ourselves": "yourselves", "we're": "you're", "we've": "you've", "we'll": "you'll",
    "we'd": "you'd",
}  # fmt: skip
_OWN_VOICE = frozenset(
    {"i", "i'm", "im", "i've", "ive", "i'll", "i'd", "we", "we're", "we've", "my", "our", "us"}
)
_THIRD = {
    "she": {"she": "you", "hers": "yours", "herself": "yourself", "she's": "you're",
            "she'd": "you'd", "she'll": "you'll"},
    "he": {"he": "you", "him": "you", "his": "your", "himself": "yourself", "he's": "you're",
           "he'd": "you'd", "he'll": "you'll"},
    "they": {"they": "you", "them": "you", "their": "your", "theirs": "yours",
             "themselves": "yourself", "themself": "yourself", "they're": "you're",
             "they've": "you've", "they'd": "you'd", "they'll": "you'll"},
}  # fmt: skip
# The person's own words said back by the supervisor: their "you" is the supervisor ("For you to
# stop micromanaging me" → "for me to stop micromanaging you").
_SECOND = {
    "your": "my", "yours": "mine", "yourself": "myself", "you're": "I'm", "youre": "I'm",
    "you've": "I've", "you'll": "I'll", "you'd": "I'd",
}  # fmt: skip
_CLAUSE_START = wordset("and but or so that because when if while though although")
_SUBJECT_NEXT = wordset(
    "are were will would can could should shall must might may have had do did don't didn't "
    "won't wouldn't can't couldn't aren't weren't never always just really still often also "
    "said told asked think thought know knew want wanted need needed seem seemed keep kept make "
    "made listen listened gave give take took expect expected"
)
_AFTER_I = {"are": "am", "were": "was", "aren't": "am not", "weren't": "wasn't"}
_FAMILY_OF = {w: fam for fam, forms in _THIRD.items() for w in forms} | {"her": "she"}
_BE = {
    "am": "are", "is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't",
    "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't", "doesnt": "don't",
    "isnt": "aren't", "wasnt": "weren't", "hasnt": "haven't",
}  # fmt: skip
_ADVERBS = wordset("really never always just also still often sometimes usually rarely even")
# After "her": words that show it is the object ("told her about"), not "her manager".
_NOT_NOUN = wordset(
    "to and or that the a an about for with in on at off up down out back again too so because "
    "when if but any anything everything feel feeling know that's this last yet now"
)
_SUBJECT_VERBS = wordset(
    "is was has had will would can could did does said told left went came got took made "
    "wants needs thinks says keeps asked joined quit works lives feels seems likes covers "
    "manages runs leads reports goes gets makes takes knows"
)
_PERFECT = wordset("been got gone had done made taken left finished started asked told said")
_PREDICATE_START = wordset(
    "off on in out away not never always late early back sick ill quite really very so a bit "
    "still often struggling"
)
# Words a note may begin with that are not names (lowered when said mid-sentence).
COMMON = wordset(
    "the a an this that these those some any all no not one two three four five six seven eight "
    "nine ten several many few more most much lots lot both each every another other there here "
    "client clients customer customers team teams manager boss rota shift shifts project projects "
    "deadline deadlines meeting meetings report reports work job role time family money pay "
    "promotion feedback training stand-up standup handover colleague colleagues staff new old "
    "last next first second late early missed being having doing getting feeling wants needs "
    "wanting trying making working quality honesty fairness respect recognition autonomy growth "
    "learning security balance kids children partner home health sleep stress workload overtime "
    "nobody everyone someone anyone people nothing everything something it its because since as "
    "so and but or if when while after before during still already again also just really very "
    "quite too bit little only tired angry sad happy upset worried anxious stressed frustrated "
    "embarrassed ashamed hurt lonely excited proud relieved nervous scared afraid overwhelmed "
    "annoyed disappointed confused bored fed stuck ignored overlooked undervalued unappreciated "
    "valued appreciated burnt burned exhausted drained calm hopeful optimistic keen fine ok okay "
    "wants values cares believes likes loves hates feels felt feel thinks thought knows said "
    "says told asked came went got had has have was were is are did does do can can't won't "
    "didn't doesn't isn't wasn't couldn't wouldn't hasn't haven't keeps kept started stopped "
    "left took takes made makes gets goes comes wife husband mum mom dad mother father son "
    "daughter sister brother friend friends office site store shop ward warehouse kitchen "
    "school class course budget sales numbers figures targets target complaint complaints "
    "email emails phone calls call covering cover craftsmanship reliability loyalty trust "
    "independence creativity fun challenge challenges care making doing being having seen "
    "known heard recognised recognized respected trusted liked needed included involved "
    "supported together own personal career future you your you're you've you'll you'd yours "
    "yourself we our to under over in on at for with without from by about into out up down "
    "caught torn lead learn get find move make build take become run go stay keep start stop "
    "never always often sometimes usually rarely hardly recently still finally"
)
PROPER = wordset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december christmas easter"
)
_SUFFIXES = ("ed", "ing", "ly", "ness", "ment", "tion", "sion", "ship", "ity", "ful", "less",
             "ous", "ive", "able", "ible", "al", "ance", "ence", "ism", "ies", "ers")  # fmt: skip
_TOKEN = re.compile(r"\S+")
_EDGE = "\"'()[]{}.,;:!?"


def _core(token: str) -> tuple[str, str, str]:
    """``"(Sam's,"`` → ``("(", "Sam's", ",")``; apostrophes inside a word are kept."""
    start = len(token) - len(token.lstrip(_EDGE))
    end = len(token.rstrip(_EDGE))
    if end <= start:
        return token, "", ""
    return token[:start], token[start:end], token[end:]


def _match_case(new: str, old: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def third_family(text: str) -> str | None:
    """The pronoun family ("she", "he", "they") a note uses first for the person, if any.

    "They" stands for the person only when the note begins with it ("They're exhausted"); in
    "nervous about training them" it is someone else.
    """
    for i, token in enumerate(text.split()):
        word = _core(token)[1].lower().replace("\u2019", "'")
        if word in _FAMILY_OF:
            family = _FAMILY_OF[word]
            return family if family != "they" or i == 0 else None
    return None


def base_verb(word: str) -> str:
    w = word.lower()
    if w in _BE:
        return _BE[w]
    if len(w) < 4 or not w.endswith("s") or w.endswith(("ss", "us")):
        return word
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return w[:-2]
    return w[:-1]


def second_person(
    text: str, person: str = "", *, third: bool = True, addressee: bool = False
) -> str:
    """The note said to the person: I/my/she/he/they (and their name) become you/your.

    ``third=False`` keeps she/he/they as they are: in a note that names someone else, they
    may well be that someone ("What could Tom help with?" → "he likes lists"). ``addressee``:
    the text is the person speaking to the supervisor, whose "you"/"your" become "I"/"me"/"my"."""
    text = text.replace("\u2019", "'")
    family = third_family(text) if third else None
    if (
        family
        and not addressee
        and any(_core(t)[1].lower().replace("\u2019", "'") in _OWN_VOICE for t in text.split())
    ):  # "My manager said I was late": in their own voice, she/he/they are someone else
        family = None
    names = {n.lower() for n in person.split()[:1]} if person.strip() else set()
    tokens = _TOKEN.findall(text)
    out: list[str] = []
    agree = False  # the next verb follows a subject that became "you"
    for i, token in enumerate(tokens):
        pre, word, post = _core(token)
        low = word.lower()
        new = None
        subject = False
        was_i, after_i = False, out and out[-1].endswith("\x00")
        if after_i:
            out[-1] = out[-1][:-1]
        if addressee and low in _SECOND:
            new = _SECOND[low]
        elif addressee and low == "you":
            prev = _core(tokens[i - 1])[1].lower() if i else ""
            nxt = _core(tokens[i + 1])[1].lower() if i + 1 < len(tokens) else ""
            clause = i == 0 or prev in _CLAUSE_START or tokens[i - 1].endswith((",", ";", ":"))
            new, was_i = ("I", True) if clause or nxt in _SUBJECT_NEXT else ("me", False)
        elif after_i and low in _AFTER_I:
            new = _AFTER_I[low]
        elif low in _FIRST and not (family and family != "they"):
            new, subject = _FIRST[low], low in ("i", "we")
            word = word.lower()  # "I" said back is "you", capitalised only to begin a sentence
        elif family and low in _THIRD[family]:
            new = _THIRD[family][low]
            subject = low in ("she", "he", "they")
            if low in ("she's", "he's"):
                nxt = _core(tokens[i + 1])[1].lower() if i + 1 < len(tokens) else ""
                new = "you've" if nxt in _PERFECT else new
        elif family == "she" and low == "her":
            nxt = _core(tokens[i + 1])[1].lower() if i + 1 < len(tokens) else ""
            new = "you" if (not nxt or nxt in _NOT_NOUN or post) else "your"
        elif names and low in names and not post.startswith("'"):
            new, subject = "you", True
        elif names and low.endswith("'s") and low[:-2] in names:
            nxt = _core(tokens[i + 1])[1].lower() if i + 1 < len(tokens) else ""
            if nxt in ("been", "got", "gone", "had"):
                new, subject = "you've", True
            elif nxt in _PREDICATE_START or nxt.endswith(("ing", "ed")) or nxt in ADJECTIVES:
                new, subject = "you're", True
            else:
                new = "your"
        elif agree and (low in _BE or (family and family != "they" and low.endswith("s"))):
            new = base_verb(word) if low in _BE or family else None
            agree = False
        elif agree and low not in _ADVERBS:
            agree = False
        if new is not None:
            said = new if new[:1] == "I" else _match_case(new, word)  # "I" is always a capital
            out.append(pre + said + post + ("\x00" if was_i and not post else ""))
            agree = subject or (agree and low in _ADVERBS)
        else:
            out.append(token)
    return " ".join(out).replace("\x00", "")


def is_proper(word: str, elsewhere: frozenset[str] = frozenset(), after: str = "") -> bool:
    """Whether a capitalised word at the start of a note is a name to keep capitalised.

    Kept: "I", days and months, acronyms (HR, CEO), names the notes write with a capital
    mid-sentence, and an unknown word acting as a subject ("Priya left early"). Lowered: the
    capital a supervisor types on any first word ("Guilty about…", "Patient safety").
    """
    low = word.lower().split("'")[0]
    if word in ("I",) or low in PROPER or low in elsewhere:
        return True
    if len(word) >= 2 and word.isupper() and word.isalpha():
        return True  # HR, IT, CEO
    if not word[:1].isupper():
        return False
    if low in COMMON or low in ADJECTIVES or low.endswith(_SUFFIXES):
        return False
    if low in _FIRST or low in _FAMILY_OF:
        return False
    if word.endswith(("'s", "\u2019s")):
        return True  # "Sam's manager", "Jo's off sick"
    nxt = after.lower().strip(_EDGE)
    return nxt in _SUBJECT_VERBS or (len(nxt) > 3 and nxt.endswith("ed") and nxt not in COMMON)


def mid_sentence(text: str, elsewhere: frozenset[str] = frozenset()) -> str:
    """The note's first letter lowered unless it begins with a name, "I" or an acronym."""
    text = text.strip()
    parts = text.split(" ", 2)
    first = _core(parts[0])[1] if text else ""
    if not first or is_proper(first, elsewhere, parts[1] if len(parts) > 1 else ""):
        return text
    if text.isupper() and len(text) > 3:
        return text.lower()
    return text[:1].lower() + text[1:]


def names_in(texts: list[str]) -> frozenset[str]:
    """Words typed with a capital mid-note: names the supervisor wrote as names."""
    found = set()
    for text in texts:
        tokens = text.split()
        for token in tokens[1:]:
            word = _core(token)[1]
            if word[:1].isupper() and not word.isupper() and word.lower() not in COMMON:
                found.add(word.lower().split("'")[0])
    return frozenset(found)


def names_someone(texts: list[str], person: str = "", known: frozenset[str] = frozenset()) -> bool:
    """Whether the texts name someone other than ``person``: a name typed mid-text, or a text
    starting with a name written mid-text elsewhere (``known``, from ``names_in``)."""
    mine = {word.lower() for word in person.split()} | set(_FAMILY_OF) | set(_FIRST)
    found = set(names_in(texts))
    for text in texts:
        first = _core(text.split()[0])[1].lower().split("'")[0] if text.split() else ""
        if first in known:
            found.add(first)
    return bool(found - mine)


_TOLD = wordset("told tell tells asked showed reminded warned promised assured taught")


def undouble(text: str) -> str:
    """ "because because" → "because": a word said twice in a row, once."""
    tokens = text.split(" ")
    out: list[str] = []
    for token in tokens:
        if out and token and token.lower() == out[-1].lower() and token.isalpha():
            if token.lower() == "you" and len(out) > 1 and out[-2].lower() in _TOLD:
                out.append(token)  # "told me I was" said back: "told you you were"
            continue
        out.append(token)
    return " ".join(out)


def tidy(text: str) -> str:
    """One line, no trailing full stop or semicolon, semicolons said as commas."""
    text = " ".join(text.split()).strip(" .;,!")
    return text.replace(" ;", ",").replace(";", ",")


def join_spoken(items: list[str]) -> str:
    """ "a", "b", "c" → "a, b and c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
