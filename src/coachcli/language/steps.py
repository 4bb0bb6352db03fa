"""Checks for a next step: a verb first, a real date not in the past, a confidence 1–10.

Each validator returns an error message or ``None``; the engine shows the message and asks again
(an ``--answers`` run reports it against the field instead).
"""

from __future__ import annotations

from datetime import date

LOW_CONFIDENCE = 7

# Words a next step should not start with: it should start with what will be done.
_NOT_VERBS = frozenset(
    [
        "i",
        "we",
        "you",
        "they",
        "he",
        "she",
        "it",
        "me",
        "us",
        "them",
        "my",
        "our",
        "your",
        "their",
        "his",
        "her",
        "its",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "maybe",
        "perhaps",
        "probably",
        "should",
        "will",
        "would",
        "could",
        "might",
        "must",
        "can",
        "to",
        "try",
        "trying",
        "hopefully",
        "somehow",
        "someone",
        "somebody",
        "something",
        "next",
        "more",
        "less",
        "better",
    ]
)


def first_word(text: str) -> str:
    words = text.strip().split(maxsplit=1)
    return words[0].strip(".,;:!?\"'()").lower() if words else ""


def check_action_text(text: str) -> str | None:
    if not text.strip():
        return "A next step needs words: start with a verb, e.g. 'Draft the rota for December'."
    word = first_word(text)
    if word in _NOT_VERBS:
        return (
            "Start the step with a verb (what will be done), e.g. 'Ask Priya for the numbers' "
            f"rather than starting with '{word[:20]}'."
        )
    return None


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
