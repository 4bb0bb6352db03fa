"""The next-step check: is this a step someone will actually take? And due dates, confidence.

``check_step(text)`` returns a ``StepCheck``: ``ok`` for a concrete action ("I'll send Dana the
draft", "Sam to book the room", "email client re: delays"), otherwise a ``kind`` and a coaching
``message`` that asks for the concrete version, with a ``suggestion`` (a template with
``[who]``/``[day]`` to fill in) that itself passes. Kinds:

- ``non-action``: said instead of a step ("TBD", "nothing", "n/a", "let me know", "see how it
  goes");
- ``hedge``: a way out left open ("try to", "maybe", "might", "hopefully", "if I get time");
- ``vague``: an intention rather than an action ("think about", "be more …", "work on",
  "improve", "look into", "consider", "reflect", "continue", "follow up" with no one to follow
  up with, "make sure", "get better at", "feel …", "keep an eye on"), or no action at all.

Beyond the verb (``step_shape``), each with its own message family: a question asked instead of
a step ("Should I email Tom?": non-action), a way out in waiting ("we'll see how my first week
goes": non-action) or in the timing ("email the client soon", "ASAP", "later": hedge), a step
nobody owns ("the report will get done": vague), one too big for a step ("fix the team
culture": vague) and a don't with no rule in it ("stop being late": vague, what instead?).

Pure stdlib and fast: ``coach check-step`` imports only this, its word lists and ``sanitize``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, cast

from coachcli.language import step_shape as shape
from coachcli.language import step_words as sw
from coachcli.language.step_subject import strip_subject
from coachcli.language.step_suggest import FALLBACK, has_marker, suggest
from coachcli.language.voice import Voice, owner_text, voiced
from coachcli.language.words import PUNCT, is_adjective, key_of

LOW_CONFIDENCE = 7
MAX_CHARS = 2000

# Written to the step's owner ("you"); ``check_step(text, voice="they")`` says the same about
# them to the supervisor (``language.voice``). One voice per message, never both.
MESSAGES = {
    "non-action": "That isn't a step yet. What will you actually do first, and by when?",
    "hedge": "A hedge ('try', 'maybe', 'hopefully') leaves a way out. What will you actually "
    "do, and when? If it feels too big, make the step smaller rather than softer.",
    "think": "Thinking it over is a start, not a step. What would you actually do first, and when?",
    "quality": "That's a goal, not yet a step. What would you actually do first, and when, "
    "that would show it?",
    "watch": "That's an intention to keep watch. What would you actually do, and when: check "
    "what, with whom?",
    "follow": "Follow up with whom, about what, and by when? What would you actually do first?",
    "no-verb": "A step starts with what will be done. What would you actually do first, and when?",
    "vague": "That's an intention, not yet an action. What would you actually do first, and when?",
    "question": "That's a question, not yet a step. What's your answer: what will you do first, "
    "and by when?",
    "passive": "Who will do it? A step needs someone who does it. What will you do first, and by "
    "when?",
    "big": "That's a big goal, more than one step. What's the first small piece you could do "
    "this week, and when?",
    "negative": "That says what to stop, not what to do. What will you do instead, and when?",
    "timing": "'Soon', 'ASAP' and 'later' leave the day open. Which day will you do it?",
}
OK_MESSAGE = "A concrete step: someone can do it and you'll both know when it's done."
_THINK = ("think", "reflect", "ponder", "mull", "contemplate", "consider", "explore", "look",
          "research")  # fmt: skip
_WATCH = ("keep", "monitor", "make", "ensure", "continue", "stay", "remain", "carry", "check")
_QUALITY = ("be", "being", "become", "feel", "get", "improve", "work", "develop", "grow", "learn")


StepKind = Literal["vague", "hedge", "non-action"]


@dataclass(frozen=True)
class StepCheck:
    text: str
    ok: bool
    kind: StepKind | None
    message: str | None
    suggestion: str | None

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "ok": self.ok,
            "kind": self.kind,
            "message": self.message,
            "suggestion": self.suggestion,
        }


def _words(text: str) -> list[str]:
    out = []
    for raw in text.replace("\u2019", "'").split():
        word = raw.strip(PUNCT.replace("-", "").replace("?", "").replace("/", "")).strip("'")
        if word:
            out.append(word)
    return out


def _is_hedge(lower: list[str]) -> bool:
    key = key_of(lower)
    if lower[0] in ("try", "trying"):
        nxt = lower[1] if len(lower) > 1 else ""
        return not (nxt in sw.TRY_ACTION or nxt in ("the", "a", "an", "out") or nxt == "")
    if lower[0] in ("i'd", "we'd"):
        return True
    if key.startswith(sw.HEDGE_START):
        return True
    padded = " " + key
    return any(phrase in padded for phrase in sw.HEDGE_ANYWHERE) or shape.chance_hedge(lower)


_WAIT = ("see how ", "see what ", "see where ", "wait and see ", "wait to see ", "let's see ")


def _is_non_action(lower: list[str]) -> bool:
    if not lower or not any(c.isalpha() for c in "".join(lower)):
        return True
    key = key_of(lower)
    wait = next((p for p in _WAIT if key.startswith(p)), "")
    if wait and not any(_concrete_clause(c) for c in _clauses(lower[len(wait.split()) :])[1:]):
        return True  # "We'll see how my first week goes", "Wait and see what the board says"
    for phrase in sw.NON_ACTION:
        n = len(phrase.split())
        if key == phrase or (n >= 2 and key.startswith(phrase) and len(lower) - n <= 3):
            return True
    return False


def _clauses(lower: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for w in lower:
        if w in ("and", "then", "&", "+"):
            out.append([])
        else:
            out[-1].append(w)
    return [c for c in out if c]


def _concrete_clause(clause: list[str]) -> bool:
    if len(clause) < 2 or clause[0] in sw.DETERMINERS or clause[0] in sw.PRONOUNS:
        return False
    if is_adjective(clause[0]) or clause[0].endswith("ed"):
        return False
    key = key_of(clause)
    return not key.startswith(sw.STRONG) and not key.startswith(sw.WEAK)


def _vague_adverb(lower: list[str]) -> bool:
    if lower[-1] in sw.VAGUE_ADVERBS:
        return True
    return any(
        w in ("better", "more", "less", "harder", "properly")
        and lower[i + 1] in ("with", "at", "in", "on", "about", "to", "next", "when")
        for i, w in enumerate(lower[:-1])
    )


# Words that start a wish or a thing rather than an action ("Better tools", "Our budget").
_NO_VERB_HEADS = frozenset({"my", "our", "your", "better", "fewer", "extra", "bigger", "smaller"})


def _vague_kind(words: list[str], lower: list[str]) -> str | None:
    """Which vague family the step belongs to (for its message), or None when concrete."""
    key = key_of(lower)
    later = _clauses(lower)[1:]
    rescued = any(_concrete_clause(c) for c in later)
    marked = has_marker(words, lower)
    head = lower[0]
    timed = any(
        w in sw.TIME_WORDS or w in sw.NUMBER_WORDS or any(c.isdigit() for c in w)
        for w in lower[1:]
        if w not in ("by", "before", "after", "until", "every", "each", "meeting")
    )
    if timed and (
        key.startswith(sw.SCHEDULED)
        or (head in ("be", "being") and len(lower) > 1 and lower[1] in sw.BE_PLACED)
    ):
        return None
    back = key.startswith(("get back to ", "getting back to "))
    if back and not rescued and not has_marker(words[4:], lower[4:]):
        return "follow"
    if key in ("follow up ", "following up ", "follow through ") and not rescued:
        return "follow"
    if key.startswith(sw.STRONG) and not rescued:
        if head in ("follow", "following"):
            return "follow"
        return _family(head)
    if rescued:
        return None
    weak = [p for p in sw.WEAK if key.startswith(p)]
    if weak:
        n = len(max(weak, key=len).split())
        return None if has_marker(words[n:], lower[n:]) else _family(head)
    if head in sw.DETERMINERS or head in _NO_VERB_HEADS or head in sw.PRONOUNS:
        return "no-verb"  # "More time on Fridays": a wish, not yet an action, dated or not
    if marked:
        return None
    if len(lower) <= 4 and all(
        w in sw.VAGUE_OBJECTS or w in ("out", "up", "on") for w in lower[1:]
    ):
        return "vague"  # "Fix it", "Sort it out"
    if _vague_adverb(lower):
        return "quality"
    return None


def _family(head: str) -> str:
    if head.startswith(_THINK):
        return "think"
    if head.startswith(_WATCH):
        return "watch"
    if head in _QUALITY or head.startswith(_QUALITY[3:]):
        return "quality"
    return "vague"


def _verdict(text: str) -> tuple[str | None, str | None, list[str], list[str]]:
    """(kind, message family, words, lowercase words) — kind None when the step is concrete."""
    from coachcli.core.sanitize import clean

    words = _words(clean((text or "")[:MAX_CHARS]))
    lower = [w.lower() for w in words]
    if _is_non_action(lower):
        return "non-action", "non-action", words, lower
    while len(lower) > 1 and lower[0] in sw.LEAD_FILLERS:
        words, lower = words[1:], lower[1:]
    if shape.is_question(text, lower):
        return "non-action", "question", words, lower
    if shape.passive(words, lower):
        return "vague", "passive", words, lower
    if _is_hedge(lower):
        return "hedge", "hedge", words, lower
    words, lower = strip_subject(words, lower)
    if lower[:1] and lower[0] in sw.PRONOUNS - _NO_VERB_HEADS and len(lower) > 1:
        words, lower = words[1:], lower[1:]  # "I email…", not "Our budget…"
    while len(lower) > 1 and lower[0] in sw.SUBJECT_ADVERBS:
        words, lower = words[1:], lower[1:]  # "I really should…"
    if _is_non_action(lower):
        return "non-action", "non-action", words, lower
    if _is_hedge(lower):
        return "hedge", "hedge", words, lower
    if shape.negative(lower):
        return "vague", "negative", words, lower
    if shape.too_big(lower):
        return "vague", "big", words, lower
    if shape.life_area(lower):
        return "vague", "quality", words, lower
    words, lower = _particle_first(words, lower)
    family = _vague_kind(words, lower)
    if family is None and key_of(lower).startswith(sw.WEAK) and shape.vague_thing(lower):
        family = "vague"  # "Deal with the Steve situation": do what about it?
    if family is None and shape.vague_timing(lower):
        return "hedge", "timing", words, lower
    return (None if family is None else "vague"), family, words, lower


def _particle_first(words: list[str], lower: list[str]) -> tuple[list[str], list[str]]:
    """ "Sort my finances out" read as "sort out my finances" (a life area, not a task)."""
    if len(lower) < 3 or lower[0] not in ("sort", "sorting") or "out" not in lower[2:5]:
        return words, lower
    if lower[1] not in ("my", "our", "your"):
        return words, lower
    at = lower.index("out", 2)
    return (
        [words[0], words[at], *words[1:at], *words[at + 1 :]],
        [lower[0], "out", *lower[1:at], *lower[at + 1 :]],
    )


def _passes(text: str) -> bool:
    return _verdict(text)[0] is None


def _template(text: str) -> str:
    """The template for the rest of a hedged step ("think about the restructure")."""
    kind, family, words, lower = _verdict(text)
    if kind is None or family is None or kind == "hedge":
        return FALLBACK
    return suggest(kind, family, words, lower, _passes)


def check_step(text: str, voice: Voice = "you") -> StepCheck:
    """The verdict on one next step, its message and suggestion in one ``voice``: ``"you"``
    speaks to the step's owner, ``"they"`` about them to the supervisor. The owner's own words
    ("work on my confidence") are put in that voice too ("… your confidence")."""
    kind, family, words, lower = _verdict(text)
    if kind is None or family is None:
        return StepCheck(text=text, ok=True, kind=None, message=None, suggestion=None)
    suggestion = owner_text(suggest(kind, family, words, lower, _passes, _template), voice)
    if not _passes(suggestion):
        suggestion = FALLBACK
    message = voiced(MESSAGES[family], voice)
    return StepCheck(text, False, cast(StepKind, kind), message, suggestion)


def voice_of(owner: str | None) -> Voice:
    """The voice for a step's owner: the person → "they" (said to the supervisor), else "you"."""
    return "they" if owner == "person" else "you"


def check_due(text: str, today: date) -> tuple[date | None, str | None]:
    """Parse a due date: (date, None) or (None, message)."""
    from coachcli.core.dates import DateError, parse_due, prompt_problem

    try:
        return parse_due(text, today), None
    except DateError as exc:
        return None, prompt_problem(exc)


def parse_confidence(text: str) -> tuple[int | None, str | None]:
    raw = text.strip()
    if not raw.isdigit() or not 1 <= int(raw) <= 10:
        return None, "Confidence is a whole number from 1 (unlikely) to 10 (certain)."
    return int(raw), None
