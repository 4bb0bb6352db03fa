"""Either/or questions: the supervisor picked the answers ("Do you want to work on the deadline or
the scope?"). Pure stdlib, used by ``language.question`` and ``language.question_rewrite``.

``is_choice`` tells an either/or question from a yes/no one ("…or not?" is yes/no). ``rewrite``
opens it the way a coach would, keeping what it was about:

- a feeling offered two ways asks how they feel ("Are you angry or disappointed about the
  decision?" → "How are you feeling about the decision");
- "Is it X or Y that worries you?" asks the clause ("What worries you");
- two actions become theirs to weigh, with room for a third ("Would you rather stay in the team or
  move?" → "Which appeals more: staying in the team, moving or something else");
- two things keep the verb ("Do you want to work on the deadline or the scope?" → "What would
  you like to work on: the deadline, the scope or something else").

Anything else returns None and the caller keeps its general rewrite.
"""

from __future__ import annotations

from coachcli.language.words import (
    AUX,
    DETERMINERS,
    NEG_AUX,
    PRONOUNS,
    gerund,
    is_adjective,
    wordset,
)

_YES_NO_TAILS = (["or", "not"], ["or", "no"], ["or", "what"], ["or", "something"], ["or", "so"])
_CLEFT_LINKS = wordset("that which who")
# How the choosing is asked: "would you rather", "do you want to", ... (after aux and "you").
_WANTING = (
    ["rather"],
    ["prefer", "to"],
    ["want", "to"],
    ["like", "to"],
    ["wanna"],
    ["prefer"],
    ["going", "to"],
    ["plan", "to"],
    ["need", "to"],
)
_FEELING = wordset("feel feeling")
_AUX_OPENERS = AUX | NEG_AUX.keys()  # how a yes/no question begins
_MAX_OPTION = 5  # words: a longer option is a sentence, not a choice to list


def is_choice(lw: list[str]) -> bool:
    """Does the question offer alternatives joined by "or" (not "…or not?", "…or so?")?"""
    if "or" not in lw:
        return False
    at = lw.index("or")
    return 0 < at < len(lw) - 1 and lw[at : at + 2] not in _YES_NO_TAILS


def rewrite(words: list[str], lw: list[str]) -> str | None:
    """The open form of an either/or question (no final mark), or None."""
    if not is_choice(lw) or lw[0] not in _AUX_OPENERS:
        return None
    at = lw.index("or")
    after, low_after = words[at + 1 :], lw[at + 1 :]
    if lw[1] == "it" and lw[0] in ("is", "was", "isn't", "wasn't"):
        return _cleft(words, lw, at)
    if lw[1] != "you":
        return None
    start = 2
    for phrase in _WANTING:
        if lw[2 : 2 + len(phrase)] == phrase:
            start = 2 + len(phrase)
            break
    if (lw[start : start + 1] and lw[start] in _FEELING) or (
        start == 2
        and lw[0] in ("are", "were")
        and _feeling_word(lw[2])
        and _feeling_word(low_after[0])
    ):
        return _feeling(words, lw, at)
    first = words[start:at]
    if not first or len(after) > _MAX_OPTION or low_after[0] in _AUX_OPENERS:
        return None  # "… or do you need more time": a second question, not an option
    chosen_by = start > 2 or lw[0] in _MODALS  # "would you rather …", "should you …"
    if chosen_by and _action(words[start], lw[start]) and _action(after[0], low_after[0]):
        # Two actions: "stay in the team or move"
        if len(first) > _MAX_OPTION:
            return None
        lead = (
            "Which feels right to you" if lw[0] in ("should", "shouldn't") else "Which appeals more"
        )
        return f"{lead}: {_doing(first)}, {_doing(after)} or something else"
    # Two things: the verb before them is kept ("work on").
    option = words[max(start, at - len(after)) : at]
    verb = words[start : at - len(option)]
    if not option:
        return None
    people = option[0][:1].isupper() and after[0][:1].isupper()  # "Sam or Kim"
    listed = f"{' '.join(option)}, {' '.join(after)} or {'someone' if people else 'something'} else"
    if verb and start > 2:
        return f"{'Who' if people else 'What'} would you like to {' '.join(verb)}: {listed}"
    return f"Which fits better for you: {listed}"


_MODALS = wordset("should would will could can shall shouldn't wouldn't won't couldn't can't")
_NOT_VERBS = (
    DETERMINERS
    | PRONOUNS
    | wordset(
        "with without at in on for from by about of into alone together more less just only also "
        "all both either someone somebody something anyone anything"
    )
)


def _action(word: str, low: str) -> bool:
    """Could ``word`` begin a verb phrase ("stay", "move", "to leave")? Names, determiners,
    prepositions and -ing forms begin something else."""
    return low not in _NOT_VERBS and not word[:1].isupper() and not low.endswith("ing")


def _feeling_word(word: str) -> bool:
    return is_adjective(word) or (word.endswith("ed") and len(word) > 4)


def _feeling(words: list[str], lw: list[str], at: int) -> str:
    tail = lw[at + 1 :]
    if "about" in tail:
        return " ".join(["How are you feeling", *words[at + 1 + tail.index("about") :]])
    return "How are you feeling"


def _cleft(words: list[str], lw: list[str], at: int) -> str | None:
    """ "Is it the deadline or the scope that worries you" → "What worries you"."""
    for i in range(at + 1, len(lw)):
        if lw[i] in _CLEFT_LINKS and i + 1 < len(lw):
            clause = words[i + 1 :]
            return " ".join(["What", *clause]) if lw[i] != "who" else " ".join(["Who", *clause])
    return None


def _doing(option: list[str]) -> str:
    """ "stay in the team" → "staying in the team"; "to move" → "moving"."""
    if option[0].lower() == "to" and len(option) > 1:
        option = option[1:]
    return " ".join([gerund(option[0]), *option[1:]])
