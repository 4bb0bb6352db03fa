"""Offering bank questions a page at a time: numbered choices, paging both ways, a page number.

Every page ends with the same fixed choices, each with its own letter so it is one key away
whatever the page: ``w`` write my own, ``n``/``p`` next and previous page, ``d`` done.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from coachcli.ui.prompting import Choice

if TYPE_CHECKING:
    from coachcli.banks.parts import Question
    from coachcli.ui.prompting import Prompter

PAGE = 7
NEXT = Choice("more", "Next page of questions →", key="n")
PREVIOUS = Choice("back", "← Previous page", key="p")


def pages(count: int, size: int) -> int:
    return max(1, -(-count // size))


def page_choices(
    pool: Sequence[Question],
    page: int,
    size: int,
    fixed: Sequence[Choice],
    done: Choice,
    first: Sequence[Choice] = (),
) -> list[Choice]:
    """Page ``page`` (0-based) of ``pool``: ``first`` (e.g. "And what else?"), the questions,
    then ``fixed`` (write my own…), next/previous page when there is more than one, ``done``."""
    shown = pool[page * size : (page + 1) * size]
    choices = [*first, *(Choice(f"q:{q.id}", q.text) for q in shown), *fixed]
    if pages(len(pool), size) > 1:
        choices += [NEXT, PREVIOUS]
    return [*choices, done]


def pick(
    prompter: Prompter,
    key: str,
    prompt: str,
    pool: Sequence[Question],
    fixed: Sequence[Choice],
    done: Choice,
    *,
    size: int | None = None,
    first: Sequence[Choice] = (),
) -> Question | str:
    """Offer ``pool`` a page at a time; the picked question, or the value of another choice.

    Paging wraps around both ways; the prompt says which page is shown ("page 2 of 5").
    ``first`` choices are shown on the first page only.
    """
    size = size or PAGE
    page = 0
    total = pages(len(pool), size)
    while True:
        where = f" (page {page + 1} of {total})" if total > 1 else ""
        shown_first = first if page == 0 else ()
        picked = prompter.select(
            key, prompt + where, page_choices(pool, page, size, fixed, done, shown_first)
        )
        if picked == NEXT.value:
            page = (page + 1) % total
            continue
        if picked == PREVIOUS.value:
            page = (page - 1) % total
            continue
        for question in pool:
            if picked == f"q:{question.id}":
                return question
        return picked
