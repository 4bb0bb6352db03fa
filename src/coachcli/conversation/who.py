"""Asking who the conversation is with: someone already known, or a new name.

Light on purpose (no pydantic, no rich): ``coach start`` asks this before it loads the rest of
the engine, so the first prompt is on screen fast.
"""

from __future__ import annotations

from collections.abc import Sequence

from coachcli.core.people import known_spelling, valid_name
from coachcli.ui.prompting import Choice, Prompter


def ask_person(prompter: Prompter, known: Sequence[str]) -> str:
    """Pick someone already known, or type a new name."""
    if known:
        choices = [Choice(f"p{i}", name) for i, name in enumerate(known)]
        choices.append(Choice("new", "Someone new…"))
        picked = prompter.select("who.person", "Who are you meeting?", choices)
        if picked != "new":
            return known[int(picked[1:])]
    typed = prompter.text("who.name", "Who are you meeting? (name)", validate=valid_name)
    return known_spelling(typed, known)  # "priya patel" is the Priya Patel already known
