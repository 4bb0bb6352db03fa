"""The user's own banks: a commented starter file, and the question check over a whole bank."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coachcli.banks.parts import NAME_PATTERN
from coachcli.core.errors import UsageError

if TYPE_CHECKING:
    from coachcli.banks.parts import Bank

STARTER = """\
# A coachcli question bank. Check it with: coach bank validate {path}
#                      and its questions with: coach bank lint {name}
# Use it with: coach start --bank {name}        The format: coach help banks
#
# Every question is open: it begins with What or How (or "Tell me about…",
# "Walk me through…"). No why, no yes/no questions, one question at a time,
# no advice dressed up as a question.
schema_version: 1
name: {name}                 # must stay equal to the file name
title: My {kind} conversation
kind: {kind}                 # coaching | mentoring
description: >-
  Say in one paragraph what conversation this bank is for.
phases:                      # optional: one sentence shown for each part of the conversation
  listen: Set your own agenda aside and capture their facts, feelings and values, separately.
  ask: Open questions that begin with what or how let them do the thinking.
  balance: Say back what you heard (support), then test the assumptions under it (challenge).
  next: End with at least one small, owned, dated step.
questions:
  # id: lowercase words joined by -, unique, never changed once used (sessions record it).
  # skill: open | listen | ask | support | challenge | commit | close
  - id: open-on-your-mind
    text: What's on your mind?
    skill: open
    evergreen: true          # always offered first, whatever the rotation
  - id: listen-what-happened
    text: What happened, in the order it happened?
    skill: listen
    focus: facts             # listen questions only: facts | feelings | values
  - id: listen-how-it-felt
    text: How did that feel for you?
    skill: listen
    focus: feelings
  - id: listen-what-matters
    text: What matters most to you about this?
    skill: listen
    focus: values
  - id: ask-real-challenge
    text: What is the real challenge here for you?
    skill: ask
    framework: coaching-habit  # optional: grow | coaching-habit | clear | oskar |
                               #   solution-focused | thinking-environment |
                               #   motivational-interviewing | mentoring | general
    tags: [focus]            # optional short lowercase words
  - id: ask-what-you-want
    text: What do you want to happen?
    skill: ask
    framework: grow
    stage: goal              # optional: the framework's stage
  - id: support-what-i-missed
    text: What did I miss in what I just said back?
    skill: support
  - id: challenge-assuming
    text: What are you assuming about how they will react?
    skill: challenge
  - id: commit-smallest-step
    text: What is the smallest step you could take this week?
    skill: commit
  - id: close-most-useful
    text: What was most useful for you today?
    skill: close
"""


def starter_text(name: str, kind: str = "coaching", path: str = "FILE") -> str:
    """The starter bank; ``path`` goes into a comment, so it is kept to one line."""
    return STARTER.format(name=name, kind=kind, path=" ".join(path.split()))


def new_user_bank(name: str, kind: str = "coaching", *, force: bool = False) -> Path:
    """Write a starter bank ``name`` into the user bank folder; refuse to overwrite.

    A name that is a built-in bank would replace it everywhere (``coach start`` would use the
    new file), so it is refused unless ``force``; then the built-in itself is copied, so the
    customising starts from all its questions, not from a ten-question starter.
    """
    from coachcli.banks.load import builtin_banks_dir, user_banks_dir
    from coachcli.storage.fsio import atomic_write_bytes, atomic_write_text

    if not re.match(NAME_PATTERN, name):
        raise UsageError(
            "a bank name is 1-40 characters: lowercase letters, digits and -, "
            "starting with a letter or digit"
        )
    if kind not in ("coaching", "mentoring"):
        raise UsageError("kind must be coaching or mentoring")
    path = user_banks_dir() / f"{name}.yaml"
    if path.exists() or path.is_symlink():
        raise UsageError(
            f"{path} already exists; edit it, or pick another name",
            hint=f"coach bank validate {path}",
        )
    builtin = builtin_banks_dir() / f"{name}.yaml"
    if builtin.is_file():
        if not force:
            raise UsageError(
                f"{name!r} is a built-in bank: a bank of yours with that name would replace it",
                hint=f"pick another name, or `coach bank new {name} --force` to start from a copy "
                "of the built-in",
            )
        atomic_write_bytes(path, builtin.read_bytes())
        return path
    atomic_write_text(path, starter_text(name, kind, str(path)))
    return path


@dataclass(frozen=True)
class LintProblem:
    """A question that does not pass the question check: each issue (kind, message) and a
    suggested rewrite."""

    question_id: str
    issues: tuple[tuple[str, str], ...]
    suggestion: str | None


def lint_bank(bank: Bank) -> list[LintProblem]:
    """Run the question check over every question; one entry per question that fails it."""
    from coachcli.language.question import check_question

    problems: list[LintProblem] = []
    for question in bank.questions:
        result = check_question(question.text, context=bank.kind)
        if result.ok:
            continue
        issues = tuple((issue.kind, issue.message) for issue in result.issues)
        problems.append(
            LintProblem(
                question.id,
                issues or (("check", "not an open question"),),
                result.suggestion or None,
            )
        )
    return problems
