"""Is this a powerful question? A pure, fast check for open what/how questions (stdlib only).

``check_question(text)`` returns a ``CheckResult``: ``ok`` when the question is open, otherwise
one or more issues, each a kind and a gentle one-line message, and a what/how ``suggestion``
that itself passes the check.

Kinds: ``empty``; ``judgmental`` (blame, sarcasm or rhetoric whatever the first word: "How could
you let this happen?", "What's your excuse?", "How hard can it be to…"; read before the form,
see ``question_tone``); ``why`` (begins with why or "how come", or hides one: "What's the reason
you didn't…"); ``closed`` (a yes/no question: begins
with do/is/can/would/… or "Anything else?"); ``leading`` (advice or an opinion in disguise:
"Have you tried…", "Don't you think…", tag questions such as "…, right?"; it takes the place of
``closed`` when both apply, as it is the one that matters; also a question about the supervisor
rather than the person, "What do you think of my idea?", "How did my feedback land?", with its
own message); an either/or question is ``closed`` with its own message (the answers were picked
for them) and a rewrite that opens the choice (``question_choice``);
``stacked`` (two questions at once, in two sentences or joined by "and/or" or a comma; the
suggestion keeps the first);
``not-a-question`` (a statement, such as advice: "You should talk to Sam."). ``offer`` is not a
flaw: a question that asks permission to share or introduce ("Would it help if I shared an
idea?", "What introduction would be useful?") passes, with a note in a coaching ``context`` and
none in ``"mentoring"``. Rewrites keep what the question was about (``question_advice``,
``question_rewrite``); a stock line only when nothing specific can be kept.

Passes: questions that begin with what or how (also What's, How's, "In what way…", "To what
extent…", "On a scale of…"); who/when/where/which questions, which cannot be answered yes or no
("Which of these matters most?" helps someone focus, so it passes rather than counting as
closed); and open prompts ("Tell me about…", "Walk me through…", "Describe…", "Say more…",
"Help me understand…", and their softened forms "Can you tell me…", "Could you walk me
through…", "I was wondering if you could say more…"; short prompts "Go on.", "Say more.",
"And?"). Typing slips are read as meant ("waht", "hwo", "teh", "yuo"). A leading "And", "So",
"Okay,", "I'm curious," and a framing clause or
sentence ("Looking back, what…", "On a scale of 1 to 10, how…") are looked past. The check reads
how a question begins, so "Tell me why…" passes. Only the first ``MAX_CHARS`` characters are
examined, so a pasted megabyte costs no more than a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coachcli.core.sanitize import clean
from coachcli.language import question_choice as choice
from coachcli.language import question_disguise as disguise
from coachcli.language import question_forms as forms
from coachcli.language import question_rules as rules
from coachcli.language import question_tone as tone
from coachcli.language import words as vocab
from coachcli.language.question_rewrite import rewrite_closed
from coachcli.language.question_why import rewrite_why

MAX_CHARS = 2000
_START_CHARS = 160  # how a sentence begins is all the start rules look at

MESSAGES = {
    "empty": "There is no question yet; type the question you want to ask.",
    "why": "'Why' can sound like a demand to justify; a what or how question invites reflection.",
    "closed": "This can be answered yes or no; a what or how question opens it up.",
    "leading": "This may be advice or an opinion in disguise; an open question lets them find "
    "their own answer.",
    "stacked": "This asks more than one question at once; ask one, then listen.",
    "not-a-question": "This reads as a statement; a what or how question hands them the thinking.",
    "judgmental": "This may land as blame or sarcasm; ask with curiosity and they can think "
    "rather than defend.",
    "offer": "An offer that asks permission first: fine once they have had their own say.",
}
SELF_MESSAGE = (
    "This asks about you rather than them; a question about their thinking keeps the focus on them."
)
ADVICE_MESSAGE = "This sounds like advice; asking instead lets them find their own answer."
CHOICE_MESSAGE = (  # an either/or question: still kind "closed"
    "This offers answers you picked; a what or how question lets them give their own."
)
# Safe rewrites when a template cannot do better (each passes the check).
GENERIC = {
    "empty": "What's on your mind?",
    "why": "What led to that?",
    "closed": "How do you see it?",
    "leading": rules.OPTIONS,
    "stacked": "What's most important here?",
    "not-a-question": "What's on your mind?",
    "judgmental": "What happened, from your side?",
}
_QUESTION_KINDS = frozenset(
    {"open", "why", "closed", "leading", "anything", "judgmental", "offer", "prompt", "self"}
)


@dataclass(frozen=True)
class Issue:
    kind: str
    message: str


@dataclass(frozen=True)
class CheckResult:
    text: str
    ok: bool
    issues: tuple[Issue, ...]
    suggestion: str | None

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "ok": self.ok,
            "issues": [{"kind": i.kind, "message": i.message} for i in self.issues],
            "suggestion": self.suggestion,
        }


def check_question(text: str, context: str = "coaching") -> CheckResult:
    """The verdict on one question (or whatever was typed).

    An offer that asks permission ("Would it help if I shared an idea?") passes; in a coaching
    ``context`` it carries a note (kind ``offer``), in ``"mentoring"`` none.
    """
    issues, suggestion = _analyse(text or "")
    if suggestion is not None:
        if _flawed(suggestion):  # a template slipped: never suggest a flawed question
            suggestion = GENERIC[issues[0].kind]
        suggestion = vocab.upper_first(suggestion)
    if context == "mentoring":
        issues = [i for i in issues if i.kind != "offer"]
    ok = all(i.kind == "offer" for i in issues)
    return CheckResult(text=text, ok=ok, issues=tuple(issues), suggestion=suggestion)


def _flawed(question: str) -> bool:
    return any(i.kind != "offer" for i in _analyse(question)[0])


_TRANSLATE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
        "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u2026": "...",
        "\u2013": " - ", "\u2014": " - ", "\uff1f": "?", "\u00bf": "", "\u00a0": " ",
    }
)  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_TRAIL = " \"')]}.!?"
_SEPARATOR = re.compile(r"(?:[,;:]|\s-)\s+")
_WORD = re.compile(r"\w")


class _Sentence:
    """One sentence of the text and what begins it (a plain class: no dataclass cost at import)."""

    __slots__ = ("asked", "body", "clauses", "core", "ended", "kind", "lead")

    def __init__(self, body: str, marks: str) -> None:
        self.body = body  # without its final marks
        self.asked = "?" in marks  # ended with a question mark
        self.ended = any(m in marks for m in ".!?")  # ended with . ! or ?
        # framing clauses before the question proper, the question, its kind, and the
        # suggestion for a leading question
        self.clauses, self.core, self.kind, self.lead = _frame(body)


def _normalize(text: str) -> str:
    return vocab.fix_typos(" ".join(clean(text[:MAX_CHARS]).translate(_TRANSLATE).split()))


def _sentences(text: str) -> list[_Sentence]:
    out = []
    for part in _SENTENCE_END.split(text):
        stripped = part.rstrip(_TRAIL)
        marks = part[len(stripped) :]
        body = stripped.lstrip(" \"'([{")
        if _WORD.search(body):
            out.append(_Sentence(body, marks))
    return out


def _start(core: str) -> tuple[str, str | None]:
    """What kind of sentence begins here, and the rewrite for a leading one."""
    words = vocab.words_of(core[:_START_CHARS])
    if not words:
        return "unknown", None
    if forms.softened_request(words) or rules.request_verb_at(words) is not None:
        return "prompt", None
    if forms.is_offer(words):
        return "offer", None
    judged = tone.judgmental(words, core)
    if judged:
        return "judgmental", judged
    if forms.hidden_why(words):
        return "why", None
    mine = forms.about_me(words)
    if mine:
        return "self", mine
    lead = rules.leading(words)
    if lead:
        return "leading", lead
    key = vocab.key_of(words)
    if key.startswith(rules.ADVICE):
        return "advice", rules.OPTIONS
    first = words[0]
    base = first.split("'")[0]
    if (len(words) == 1 and first in rules.YES_NO) or (
        len(words) <= 3 and words[-1] in rules.EASE_WORDS and base not in vocab.WH
    ):
        return "closed", None
    if base == "why" or words[:2] == ["how", "come"]:
        return "why", None
    if base in vocab.WH or key.startswith(rules.OPEN_LEAD):
        if disguise.advice_in_open(words):  # "What do you think about maybe asking Tom?"
            return "leading", disguise.rewrite(core) or rules.OPTIONS
        return "open", None
    if key.startswith(rules.PROMPT):
        return "prompt", None
    if first in vocab.AUX or first in vocab.NEG_AUX:
        if first in ("have", "has", "had") and words[1:2] and words[1] in ("a", "an", "some"):
            return "unknown", None
        return "closed", None
    if first in vocab.THING_WORDS or first in vocab.PERSON_WORDS or first == "any":
        return "anything", None
    if base in rules.DECLARATIVE:
        return "declarative", None
    return "unknown", None


def _lead_in(words: list[str]) -> int:
    """How many words of filler ("So,", "Okay,", "I'm curious,") begin ``words``."""
    key = vocab.key_of(words)
    if key.startswith(rules.FILLER_PAIRS):
        return 2
    if words[0] in rules.FILLER:
        return 1
    if not key.startswith(rules.CURIOUS):
        return 0
    n = max(len(p.split()) for p in rules.CURIOUS if key.startswith(p))
    return 0 if words[n : n + 1] in (["if"], ["whether"]) else n


def _drop_words(text: str, n: int) -> str:
    parts = text.split()
    i = seen = 0
    while i < len(parts) and (seen < n or not parts[i].strip(vocab.PUNCT + "'")):
        seen += bool(parts[i].strip(vocab.PUNCT + "'"))
        i += 1
    return " ".join(parts[i:])


def _frame(body: str) -> tuple[list[str], str, str, str | None]:
    """Look past fillers ("So,", "I'm curious,") and framing clauses ("Looking back, …")."""
    clauses: list[str] = []
    core = body
    for _ in range(12):
        words = vocab.words_of(core)
        drop = _lead_in(words) if words else 0
        if 0 < drop < len(words):
            core = _drop_words(core, drop)
            continue
        kind, lead = _start(core)
        if kind != "unknown":
            return clauses, core, kind, lead
        for sep in _SEPARATOR.finditer(core):
            rest = core[sep.end() :]
            if _WORD.search(rest) and _start(rest)[0] not in ("unknown", "declarative"):
                clauses.append(core[: sep.start()])
                core = rest
                break
        else:
            split = _unmarked_frame(core)
            if split is None:
                return clauses, core, kind, lead
            clauses.append(core[:split].rstrip())
            core = core[split:]
    return clauses, core, *_start(core)


_FRAME_STARTS = frozenset(
    [
        "if",
        "when",
        "thinking",
        "looking",
        "given",
        "before",
        "after",
        "now",
        "as",
        "since",
        "suppose",
        "imagine",
        "say",
    ]
)


def _unmarked_frame(core: str) -> int | None:
    """Where the question starts after a framing clause typed without a comma ("If you could
    change one thing what would it be"), or None."""
    tokens = core.split(" ")
    if not tokens or tokens[0].lower().strip(vocab.PUNCT) not in _FRAME_STARTS:
        return None
    offset = len(tokens[0]) + 1
    for token in tokens[1:]:
        word = token.lower().strip(vocab.PUNCT + "'").split("'")[0]
        if word in ("what", "how") and offset > 0:
            rest = core[offset:]
            if _start(rest)[0] == "open":
                return offset
        offset += len(token) + 1
    return None


def _elliptic(core: str) -> bool:
    words = vocab.words_of(core[:_START_CHARS])
    return bool(words) and (words[0] == "not" or vocab.is_adjective(words[0]))


def _advice(text: str) -> bool:
    words = vocab.words_of(text)
    return rules.is_advice(words) or disguise.advice_clause(words)


def _analyse(text: str) -> tuple[list[Issue], str | None]:
    sentences = _sentences(_normalize(text))
    if not sentences:
        return [Issue("empty", MESSAGES["empty"])], GENERIC["empty"]
    asked = [
        i for i, s in enumerate(sentences) if s.asked or (not s.ended and s.kind in _QUESTION_KINDS)
    ]
    main = asked[0] if asked else None
    if main is None:
        main = next((i for i, s in enumerate(sentences) if s.kind == "prompt"), None)
    if main is None:
        main = next((i for i, s in enumerate(sentences) if s.kind in _QUESTION_KINDS), None)
    if main is None:
        said = next((s.body for s in sentences if s.kind == "advice"), None)
        if said is not None:
            from coachcli.language.question_advice import advice_rewrite

            rewrite = advice_rewrite(said, rules.OPTIONS)
            return [Issue("not-a-question", ADVICE_MESSAGE)], vocab.restore_case(rewrite, said)
        return [Issue("not-a-question", MESSAGES["not-a-question"])], GENERIC["not-a-question"]
    s = sentences[main]
    kind, core, lead = s.kind, s.core, s.lead
    if kind == "unknown" and s.asked and _elliptic(core):
        kind = "closed"  # "Tired?", "Ready for the review?", "Not feeling it?"
    if rules.is_tag_question(s.body):
        from coachcli.language.question_advice import tag_rewrite

        kind, lead = "leading", tag_rewrite(s.body) or rules.VIEW
    framing = [p.body for p in sentences[:main]] + s.clauses
    if kind == "judgmental" and lead:
        return [Issue("judgmental", MESSAGES["judgmental"])], vocab.restore_case(lead, core)
    if kind == "offer":
        return [Issue("offer", MESSAGES["offer"])], None
    if kind == "self":  # about the supervisor: flagged as leading, with its own message
        return [Issue("leading", SELF_MESSAGE)], lead
    advised = [p for p in framing if _advice(p)]
    if kind == "advice" or advised:
        kind, lead = "leading", rules.OPTIONS
        if advised:
            core = advised[0]
            lead = disguise.rewrite(core) or lead
    first = rules.split_stacked(core) if kind != "leading" else None
    stacked = first is not None or len(asked) > 1
    target = first or core
    if target.isupper():  # "WHY DID YOU DO THAT" → a rewrite in ordinary case
        target = target.lower()
    issues: list[Issue] = []
    if kind == "leading":
        issues.append(Issue("leading", MESSAGES["leading"]))
    elif kind == "why":
        issues.append(Issue("why", MESSAGES["why"]))
        lowered = vocab.words_of(target)
        if forms.hidden_why(lowered):
            target = vocab.restore_case(forms.rewrite_hidden_why(lowered), target)
        else:
            target = rewrite_why(target)
    elif kind in ("closed", "anything", "declarative"):
        either_or = choice.is_choice(vocab.words_of(target.lower()))
        issues.append(Issue("closed", CHOICE_MESSAGE if either_or else MESSAGES["closed"]))
        target = rewrite_closed(target)
    if stacked:
        issues.append(Issue("stacked", MESSAGES["stacked"]))
    if not issues:
        return [], None
    if kind == "leading":
        if lead in (rules.OPTIONS, rules.VIEW, rules.TRIED, None) and core:
            from coachcli.language.question_advice import STOCK, advice_rewrite

            lead = advice_rewrite(core, lead or rules.OPTIONS)
            if lead in STOCK:  # "What if you tried apologising first?": the idea, weighed
                lead = disguise.rewrite(core) or lead
        return issues, vocab.restore_case(lead or rules.OPTIONS, core)
    mark = "." if target.endswith(".") else "?"
    question = target.rstrip(".?")
    lead_in = [p.body + ("?" if p.asked else ".") for p in sentences[:main]]
    if s.clauses:
        question = ", ".join(s.clauses) + ", " + vocab.lower_first(question)
    return issues, " ".join([*lead_in, vocab.upper_first(question) + mark])
