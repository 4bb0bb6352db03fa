"""Compose the supporting restatement from what was heard: facts, feelings, values."""

from __future__ import annotations

from collections.abc import Sequence


def _join(items: Sequence[str]) -> str:
    parts = [" ".join(item.split()).rstrip(" .;,") for item in items if item.strip()]
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    return "; ".join(parts[:-1]) + " and " + parts[-1]


def compose_restatement(
    facts: Sequence[str], feelings: Sequence[str], values: Sequence[str]
) -> str:
    """ "What I'm hearing is … You feel … It matters to you because …" — empty parts left out."""
    sentences = []
    if heard := _join(facts):
        sentences.append(f"What I'm hearing is {heard}.")
    if felt := _join(feelings):
        sentences.append(f"You feel {felt}.")
    if valued := _join(values):
        sentences.append(f"It matters to you because {valued}.")
    return " ".join(sentences)
