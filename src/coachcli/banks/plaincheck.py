"""A bank's YAML data checked and built into records without pydantic, when that is sure.

``load.parse_bank`` asks ``plain_bank`` first. It says yes only to data it is certain the
models in ``banks.model`` accept, and then builds ``banks.parts`` records holding exactly the
values the models would: texts folded to one line, the description tidied, ``schema_version``
``"1"`` read as 1, ``evergreen`` ``true``/``false`` in any case. To anything else — a type the
YAML loader never makes, a spelling the model would still take but this check does not know,
a rule broken — it says ``None``, and the loader validates with the model exactly as before, so
an invalid bank still gets the model's messages at their lines and columns. Stricter than the
model, never more permissive: tests/test_bank_parts.py fuzzes the two against each other.

What it expects is what ``storage.yamlsafe`` hands over: dicts, lists and strings (every
scalar the string its author wrote). Standard library only.
"""

from __future__ import annotations

import re
from typing import Any

from coachcli.banks.parts import (
    FOCUSES,
    FRAMEWORKS,
    ID_PATTERN,
    KINDS,
    MAX_DESCRIPTION,
    MAX_PHASE_TEXT,
    MAX_QUESTIONS,
    MAX_TAGS,
    MAX_TEXT,
    MAX_TITLE,
    NAME_PATTERN,
    PHASES,
    SKILLS,
    WORD_PATTERN,
    Bank,
    Question,
    fold,
    has_controls,
)

__all__ = ["plain_bank"]

# fullmatch, not the patterns' own ^…$: Python's $ also matches before a final newline, which
# the model's (Rust) regex does not let through.
_NAME = re.compile(NAME_PATTERN).fullmatch
_ID = re.compile(ID_PATTERN).fullmatch
_WORD = re.compile(WORD_PATTERN).fullmatch
# A lone surrogate cannot be UTF-8: the model refuses it as "not a valid string".
_SURROGATE = re.compile("[\ud800-\udfff]")

_BANK_FIELDS = frozenset(("schema_version", "name", "title", "kind", "description"))
_BANK_FIELDS |= {"phases", "questions"}
_QUESTION_FIELDS = frozenset(("id", "text", "skill", "focus", "framework", "stage"))
_QUESTION_FIELDS |= {"tags", "evergreen"}
_FLAGS = {"true": True, "false": False}


class _Unsure(Exception):
    """The data may be invalid, or valid in a way this check does not build: ask the model."""


def plain_bank(raw: Any, stem: str | None = None) -> Bank | None:
    """The bank ``raw`` holds, if it is surely valid (named ``stem``, when given); else None.

    None means only "not sure": the caller validates with ``banks.model`` for the verdict.
    """
    try:
        return _bank(raw, stem)
    except _Unsure:
        return None


def _bank(raw: Any, stem: str | None) -> Bank:
    _fields(raw, _BANK_FIELDS)
    version = raw.get("schema_version")
    if type(version) is not str or version.strip() != "1":  # the model's own test for 1
        raise _Unsure
    name = raw.get("name")
    if type(name) is not str or not _NAME(name) or (stem is not None and name != stem):
        raise _Unsure
    questions = raw.get("questions")
    if type(questions) is not list or not 1 <= len(questions) <= MAX_QUESTIONS:
        raise _Unsure
    built = [_question(item) for item in questions]
    if len({q.id for q in built}) != len(built) or not any(q.skill == "ask" for q in built):
        raise _Unsure
    return Bank(
        schema_version=1,
        name=name,
        title=_text(raw.get("title"), MAX_TITLE),
        kind=_choice(raw.get("kind"), KINDS),
        description=_description(raw["description"]) if "description" in raw else "",
        phases=_phases(raw["phases"]) if "phases" in raw else {},
        questions=built,
    )


def _question(item: Any) -> Question:
    _fields(item, _QUESTION_FIELDS)
    qid = item.get("id")
    if type(qid) is not str or not _ID(qid):
        raise _Unsure
    skill = _choice(item.get("skill"), SKILLS)
    focus = _choice(item["focus"], FOCUSES) if "focus" in item else None
    if (skill == "listen") != (focus is not None):  # a focus only and always with listen
        raise _Unsure
    return Question(
        id=qid,
        text=_text(item.get("text"), MAX_TEXT),
        skill=skill,
        focus=focus,
        framework=_choice(item["framework"], FRAMEWORKS) if "framework" in item else None,
        stage=_word(item["stage"]) if "stage" in item else None,
        tags=_tags(item["tags"]) if "tags" in item else [],
        evergreen=_flag(item["evergreen"]) if "evergreen" in item else False,
    )


def _fields(value: Any, known: frozenset[str]) -> None:
    """A mapping with no field the model does not know."""
    if type(value) is not dict or not known.issuperset(value):
        raise _Unsure


def _choice(value: Any, allowed: tuple[str, ...]) -> Any:
    if type(value) is not str or value not in allowed:
        raise _Unsure
    return value


def _word(value: Any) -> str:
    if type(value) is not str or not _WORD(value):
        raise _Unsure
    return value


def _tags(value: Any) -> list[str]:
    if type(value) is not list or len(value) > MAX_TAGS:
        raise _Unsure
    return [_word(tag) for tag in value]


def _flag(value: Any) -> bool:
    """``true`` / ``false`` in any case, around spaces: the model's ``_flag`` exactly."""
    if type(value) is not str or (flag := _FLAGS.get(value.strip().lower())) is None:
        raise _Unsure
    return flag


def _plain_text(value: Any) -> str:
    """A string the model reads as it is: no control characters, nothing that is not UTF-8."""
    if type(value) is not str or has_controls(value) or _SURROGATE.search(value):
        raise _Unsure
    return value


def _text(value: Any, longest: int) -> str:
    """A one-line text (title, question, phase), as the model folds it, 1 to ``longest``."""
    folded = fold(_plain_text(value))
    if not 0 < len(folded) <= longest:
        raise _Unsure
    return folded


def _description(value: Any) -> str:
    """The model limits the description as written, then tidies it to one line."""
    text = _plain_text(value)
    if len(text) > MAX_DESCRIPTION:
        raise _Unsure
    return fold(text)


def _phases(value: Any) -> dict[Any, str]:
    if type(value) is not dict:
        raise _Unsure
    return {_choice(key, PHASES): _text(text, MAX_PHASE_TEXT) for key, text in value.items()}
