"""Who will do a next step, said before its action, for ``coachcli.language.steps``.

"I will", "Sam to", "The team will", "Action:", "I really…" are dropped before the action is
read; the step's owner is asked for separately. Pure stdlib.
"""

from __future__ import annotations

from coachcli.language import step_words as sw
from coachcli.language.words import key_of


def strip_subject(words: list[str], lower: list[str]) -> tuple[list[str], list[str]]:
    """Drop "I will", "Sam to", "The team will", "Action:" before the action."""
    for _ in range(4):
        key = key_of(lower)
        hit = max((p for p in sw.SUBJECT if key.startswith(p)), key=len, default=None)
        if lower[0] in sw.SUBJECT_ADVERBS and len(lower) > 1:
            words, lower = words[1:], lower[1:]  # "I really should…"
            continue
        if hit is None:
            named = _named_subject(words, lower)
            if named == 0:
                break
            words, lower = words[named:], lower[named:]
            continue
        n = len(hit.split())
        if n >= len(lower):
            break
        words, lower = words[n:], lower[n:]
    if lower[:1] == ["will"] and len(lower) > 1:
        words, lower = words[1:], lower[1:]
    return words, lower


def _named_subject(words: list[str], lower: list[str]) -> int:
    """Words in "Sam to send…", "Dana will share…", "The team will vote…" up to the action."""
    for i in range(1, min(4, len(lower) - 1)):
        if lower[i] not in sw.NAMED_SUBJECT_VERBS:
            continue
        after = lower[i + 1] if i + 1 < len(lower) else ""
        if lower[i] == "to" and (
            after in sw.DETERMINERS or after in sw.PRONOUNS or words[i + 1][:1].isupper()
        ):
            return 0  # "Talk to the client", "Write to Sam": a verb, not a name
        subject = words[:i]
        named = all(w[:1].isupper() for w in subject) and lower[0] not in _PRONOUN_STARTS
        the = lower[0] in ("the", "our", "my", "everyone", "both", "each")
        if not (named or the):
            return 0
        n = i + 1
        if lower[i] in ("is", "are") and lower[i + 1 : i + 3] == ["going", "to"]:
            n = i + 3
        elif lower[i] in ("needs", "has", "agreed", "promised") and lower[i + 1 : i + 2] == ["to"]:
            n = i + 2
        elif lower[i] in ("is", "are", "needs", "has", "agreed", "promised"):
            return 0
        return n if n < len(lower) else 0
    return 0


_PRONOUN_STARTS = sw.PRONOUNS | {"i'll", "we'll", "try", "maybe", "perhaps", "please"}
