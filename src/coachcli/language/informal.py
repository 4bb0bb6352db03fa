"""What was meant in what was typed or said casually: fillers, hedges and slang out (stdlib only).

A supervisor types what the person said as they said it: "yeah so basically I'm kinda swamped
lol", "tbh i just wanna get my weekends back you know", "idk, my family and stuff I guess?".
Said back word for word that is mimicry, not listening. ``plain`` keeps the facts, feelings and
values and the person's own words for them, and drops what carries none of it: discourse
markers ("yeah", "so", "basically", "I mean", "you know"), hedges ("kinda", "sort of", "I
guess", "idk," before a thought), laughter and chat slang ("lol", "haha", "tbh", "ngl") and
vague tails ("and stuff", "or whatever"); it spells out contractions of speech ("wanna" → "want
to", "gonna" → "going to", "cos" → "because") and ends without uptalk ("…?" on a statement).
Words that carry meaning stay: "like" as a verb ("I like my team"), "just" meaning recently
("just started"), "kind of" as a noun ("the kind of manager"), "a bit", "really".
"""

from __future__ import annotations

from coachcli.language.words import wordset

# Dropped wherever they stand: laughter, chat slang, pure fillers.
_ALWAYS = wordset(
    "lol lols lmao lmfao rofl haha hahaha hah heh hehe lolz xd tbh tbf ngl imo imho fwiw smh "
    "omg um umm ummm uh uhh uhm er erm errm hmm hmmm mm mmm ah ahh welp lowkey highkey ugh "
    "argh urgh pfft"
)
# Dropped as the first words of what was said (and after a comma): discourse markers.
_OPENERS = wordset(
    "yeah yea yeh ya yep yup yes nah nope so well ok okay right anyway anyways basically honestly "
    "literally actually like and but oh look listen see mean guess suppose dunno idk"
)
_OPENER_RUNS = (
    ("the", "thing", "is"), ("thing", "is"), ("to", "be", "honest"), ("to", "be", "fair"),
    ("if", "i'm", "honest"), ("i", "mean"), ("i", "guess"), ("i", "suppose"), ("you", "know"),
    ("i", "dunno"), ("i", "reckon"), ("it's", "just", "that"), ("it's", "that"),
    ("i", "don't", "know"), ("don't", "know"), ("not", "sure"),
)  # fmt: skip
# A run that must end in a comma to be a hedge ("not sure, maybe…"; "not sure how" is meant).
_COMMA_RUNS = (("i", "don't", "know"), ("don't", "know"), ("not", "sure"))
# After "it's that": a clause follows ("it's that nobody tells me") rather than a thing.
_CLAUSE_SUBJECTS = wordset(
    "nobody no one everyone everybody people i we they he she you the my our their his her it"
)
# Hedges and fillers dropped anywhere (each a tuple of words).
_ANYWHERE = (
    ("you", "know", "what", "i", "mean"), ("if", "that", "makes", "sense"),
    ("to", "be", "honest"), ("to", "be", "fair"), ("if", "i'm", "honest"),
    ("if", "i'm", "being", "honest"), ("or", "whatever"), ("or", "something"),
    ("and", "stuff"), ("and", "things"), ("and", "all", "that"), ("and", "everything"),
    ("or", "anything"), ("and", "that"), ("you", "know"), ("i", "guess"), ("i", "suppose"),
    ("kind", "of"), ("sort", "of"), ("kinda",), ("sorta",), ("basically",), ("literally",),
    ("honestly",), ("like",), ("i", "mean"), ("innit",), ("right",), ("my", "bad"),
)  # fmt: skip
_TAILS = wordset("though tho lol haha really honestly basically anyway anyways i guess")
_SPELLED = {
    "wanna": "want to", "gonna": "going to", "gotta": "have to", "hafta": "have to",
    "dunno": "don't know", "cuz": "because", "coz": "because", "cos": "because",
    "'cause": "because", "bc": "because", "b/c": "because", "tho": "though", "thru": "through",
    "rn": "right now", "atm": "at the moment", "ppl": "people", "w/": "with", "w/o": "without",
    "prob": "probably", "prolly": "probably", "gotten": "got", "ain't": "isn't", "u": "you",
    "ur": "your", "im": "I'm", "ive": "I've", "id": "I'd", "dont": "don't", "cant": "can't",
    "wont": "won't", "didnt": "didn't", "doesnt": "doesn't", "isnt": "isn't", "thats": "that's",
    "alot": "a lot", "idk": "I don't know", "pls": "please", "plz": "please", "msg": "message",
    "mgr": "manager", "convo": "conversation", "yr": "year", "yrs": "years", "wk": "week",
    "wks": "weeks", "mins": "minutes", "hrs": "hours", "tmrw": "tomorrow", "2moro": "tomorrow",
}  # fmt: skip
_EDGE = "\"'()[]{}.,;:!?"
# "like" is a verb or a comparison after these: "I like", "feels like", "look like".
_LIKE_KEPT = wordset(
    "i you we they he she would i'd you'd we'd really also don't didn't doesn't feel feels felt "
    "feeling look looks looked looking seem seems seemed sound sounds be is was things "
    "something nothing anything someone people more much would'nt not what stuff"
)
# "kind of"/"sort of" name a kind after these: "the kind of manager", "what sort of help".
_KIND_KEPT = wordset("a the this that what which any some every one same other my your")


def _low(token: str) -> str:
    return token.strip(_EDGE).lower().replace("\u2019", "'")


def _drop_at(tokens: list[str], i: int, n: int) -> None:
    """Remove ``n`` tokens at ``i``, keeping the punctuation that ended the last of them."""
    end = tokens[i + n - 1]
    tail = end[len(end.rstrip(_EDGE)) :].strip("'\")]}") if end.rstrip(_EDGE) != end else ""
    del tokens[i : i + n]
    if not tail or i == 0 or tokens[i - 1][-1:] in ",;:.!?":
        return
    last = i == len(tokens)
    if tail[:1] in ".!" or (tail[:1] == "?" and last):
        tokens[i - 1] += tail[:1]
    elif not last and _low(tokens[i]) in _CLAUSE_SUBJECTS | _NEW_CLAUSE:
        tokens[i - 1] += ","  # "just time, there's never enough of it"


def _spell(token: str) -> list[str]:
    start = len(token) - len(token.lstrip(_EDGE))
    end = len(token.rstrip(_EDGE)) if token.rstrip(_EDGE) else len(token)
    core = token[start:end]
    new = _SPELLED.get(core.lower().replace("\u2019", "'"))
    if new is None:
        return [token]
    if core[:1].isupper() and new[:1] != "I":
        new = new[:1].upper() + new[1:]
    parts = new.split(" ")
    parts[0] = token[:start] + parts[0]
    parts[-1] = parts[-1] + token[end:]
    return parts


def _strip_openers(tokens: list[str], at: int) -> None:
    """Discourse markers at ``at`` (the start, or just after a comma)."""
    for _ in range(8):
        if at >= len(tokens):
            return
        low = _low(tokens[at])
        nxt = _low(tokens[at + 1]) if at + 1 < len(tokens) else ""
        words = tuple(_low(t) for t in tokens[at : at + 4])
        run = next((r for r in _OPENER_RUNS if words[: len(r)] == r), None)
        if run is not None and at + len(run) < len(tokens):
            n = len(run)
            after = _low(tokens[at + n])
            if run in _COMMA_RUNS and not tokens[at + n - 1].endswith(","):
                return  # "not sure how to start" is what they said
            if run[0] == "it's" and after not in _CLAUSE_SUBJECTS:
                return  # "it's that time of year"
            _drop_at(tokens, at, n)
        elif low in _OPENERS and at + 1 < len(tokens) and not _kept_opener(low, nxt, tokens, at):
            _drop_at(tokens, at, 1)
        else:
            return


def _kept_opener(low: str, nxt: str, tokens: list[str], at: int) -> bool:
    """An opener word that is the note's meaning: "So tired", "Well paid", "Right now"."""
    if low == "so":  # "So tired", "so much to do": the meaning; "so the client…": a marker
        return not tokens[at].endswith(",") and (_adjectival(nxt) or nxt in ("much", "many"))
    if low in ("well", "right", "actually", "like", "see", "look", "mean", "yes", "and", "but"):
        return (
            not tokens[at].endswith(",")
            and low not in ("like",)
            and nxt
            not in (
                "yeah",
                "so",
                "i",
                "i've",
                "i'm",
                "i'd",
                "basically",
                "um",
                "like",
                "anyway",
                "we",
                "the",
                "my",
                "it's",
                "honestly",
            )
        )
    return False


def _meant(phrase: tuple[str, ...], tokens: list[str], i: int) -> bool:
    """Whether ``phrase`` at ``tokens[i]`` carries meaning here rather than filling."""
    n = len(phrase)
    prev = _low(tokens[i - 1]) if i else ""
    after = _low(tokens[i + n]) if i + n < len(tokens) else ""
    comma_before = bool(i) and tokens[i - 1].endswith(",")
    if phrase == ("like",):  # "I like lists", "feels like nobody listens", "treated like an adult"
        if tokens[i].endswith(","):
            return False
        compared = prev.endswith(("ed", "s")) and after in _KIND_KEPT | _OBJECTS
        return prev in _LIKE_KEPT or not after or compared
    if phrase in (("kind", "of"), ("sort", "of")):
        return prev in _KIND_KEPT  # "the kind of manager I want"
    if phrase == ("right",):
        return not comma_before  # "right now", "you were right"; only a tag ("…, right?") goes
    if phrase == ("you", "know"):  # "you know the rota" is the meaning, "…, you know," is not
        return bool(after) and not tokens[i + 1].endswith(",") and after != "what" and i > 0
    if phrase in (("i", "mean"), ("i", "guess"), ("i", "suppose")):  # "what I mean is"
        ended = tokens[i + n - 1].endswith((",", "?", "."))
        return bool(after) and not ended and i > 0 and not comma_before
    if phrase == ("and", "that"):
        return bool(after)  # "and that nobody listens"
    return False


def _anywhere(tokens: list[str]) -> None:
    i = 0
    while i < len(tokens):
        low = tuple(_low(t) for t in tokens[i : i + 5])
        for phrase in _ANYWHERE:
            if low[: len(phrase)] == phrase and not _meant(phrase, tokens, i):
                _drop_at(tokens, i, len(phrase))
                break
        else:
            i += 1


_OBJECTS = wordset("me you him her them us it someone something nothing everyone an")
_NEW_CLAUSE = wordset(
    "there's it's i'm i've we're they're he's she's that's but and so because though which"
)
_LINKS = wordset("is was are were be been being get got feel feels felt 's 're")


def _adjectival(word: str) -> bool:
    from coachcli.language.words import ADJECTIVES, is_adjective

    return word in ADJECTIVES or is_adjective(word) or (word.endswith("ed") and len(word) > 3)


def _intensifiers(tokens: list[str]) -> None:
    """British "well nice", "proper stressed": said back as "really"; shouting ("AGAIN") lowered."""
    for i, token in enumerate(tokens):
        core = token.strip(_EDGE)
        if len(core) >= 5 and core.isupper() and core.isalpha():
            tokens[i] = token.replace(core, core.lower())
        low = core.lower()
        if low not in ("well", "proper", "dead", "mega", "super") or i + 1 >= len(tokens):
            continue
        prev = _low(tokens[i - 1]) if i else ""
        nxt = _low(tokens[i + 1])
        linked = prev in _LINKS or prev.endswith(("'s", "'re", "'m")) or prev == ""
        if low == "well" and (nxt.endswith(("ed", "n", "one")) or nxt in ("paid", "off", "aware")):
            continue  # "well paid", "well known", "well done", "well off": one word
        if linked and (
            _adjectival(nxt) or nxt.endswith("ing") or nxt in ("fed", "nice", "good", "chuffed")
        ):
            tokens[i] = token.replace(core, "really")


_WH = wordset("what how if why where whether who when which")


def _unsure(tokens: list[str]) -> None:
    """ "idk just kinda meh", "dunno, kinda lost": a hedge before the feeling, not "you don't
    know" (kept in "idk what to do")."""
    heads = ((3, ("i", "don't", "know")), (2, ("don't", "know")), (2, ("i", "dunno")))
    for n, head in heads:  # "idk" and "dunno" are spelled out by now
        if tuple(_low(t) for t in tokens[:n]) == head and len(tokens) > n:
            nxt = _low(tokens[n])
            if nxt not in _WH and nxt not in ("about", "anything", "much", "yet", "why"):
                del tokens[:n]
            return


def _just(tokens: list[str]) -> None:
    """ "I just wanna…", "just like really tired": a softener, not "recently"."""
    soft = wordset("want to need feel don't can't really so like kinda think wish hope")
    i = 0
    while i < len(tokens) - 1:
        if _low(tokens[i]) == "just" and _low(tokens[i + 1]) in soft:
            _drop_at(tokens, i, 1)
            continue
        i += 1


def plain(text: str) -> str:
    """``text`` without fillers, hedges and chat slang; "" when nothing meant is left."""
    tokens = [part for token in text.split() for part in _spell(token)]
    tokens = [t for t in tokens if t.strip(_EDGE) or t.strip() in ("&",)]
    for i in range(len(tokens) - 1, -1, -1):
        if _low(tokens[i]) in _ALWAYS:
            _drop_at(tokens, i, 1)
    _strip_openers(tokens, 0)
    _unsure(tokens)  # "yeah idk just kinda meh": after "yeah", before "just"
    _strip_openers(tokens, 0)
    _just(tokens)
    _anywhere(tokens)
    _strip_openers(tokens, 0)  # "honestly it's kinda that…": "it's that" once "kinda" is gone
    _intensifiers(tokens)
    for i in range(len(tokens) - 1, 0, -1):  # after a comma or a full stop: markers again
        if tokens[i - 1].endswith((",", ".", ";")):
            _strip_openers(tokens, i)
    while tokens and _low(tokens[-1]) in _TAILS and len(tokens) > 1:
        tokens.pop()
    text = " ".join(tokens).strip(" ,;:-")
    asked = text.split(" ", 1)[0].lower().replace("\u2019", "'").split("'")[0]
    while text.endswith("?") and asked not in _WH | {"why", "is", "are", "do", "does", "can"}:
        text = text[:-1].rstrip()  # uptalk: "my family I guess?" (not "What's the point?")
    text = text.replace(" ,", ",").replace(",,", ",")
    return text.strip(" ,;:-")
