"""Commands: ``coach check-question`` (an open question?) and ``coach check-step`` (a concrete
next step?).

Meant to be quick enough to run on every question or step while preparing a conversation, so
they import only the language checks and ``sanitize`` (no pydantic, rich or yaml) and print
with ``print``.
"""

from typing import Annotated

import typer

from coachcli.cli import options

STDIN_LIMIT = 1_000_000  # characters read from standard input; the check looks at far fewer


def _read_text(words: list[str] | None, hint: str, what: str) -> str:
    import sys

    from coachcli.core.errors import UsageError

    if not words:
        raise UsageError(f"no {what} given", hint=hint)
    words = list(words)
    try:
        return sys.stdin.read(STDIN_LIMIT) if words == ["-"] else " ".join(words)
    except UnicodeDecodeError:
        raise UsageError("standard input is not text in the terminal's encoding") from None


def check_question(
    text: Annotated[list[str] | None, options.text_argument("question")] = None,
    as_json: Annotated[
        bool,
        options.json_flag('Print {"text", "ok", "issues": [{"kind", "message"}], "suggestion"}.'),
    ] = False,
    strict: Annotated[bool, options.strict_flag("the question has issues")] = False,
    mentoring: Annotated[
        bool,
        typer.Option(
            "--mentoring",
            help="Check it as a mentoring conversation does: asking permission to offer is right.",
        ),
    ] = False,
) -> int:
    """Check a question before you ask it: open, or why, yes/no, leading, judgmental, stacked?

    Prints "ok", or each issue (why, closed, leading, judgmental, stacked, not-a-question,
    empty) with a one-line note, and a rewrite to try instead. Open questions start with what or
    how; who/when/where/which, "Tell me about…", "Can you walk me through…", "Go on." pass too,
    typed as people type (no question mark, lower case, common typos). An offer that asks
    permission ("Would it help if I shared an idea?") passes with a note (kind offer).

    Exit status: 0 whatever the verdict; with --strict, 2 when there are issues (for scripts).

    Example: coach check-question "Did the meeting go well?"
    """
    from coachcli.core.sanitize import clean
    from coachcli.language.question import check_question as check
    from coachcli.ui.terminal import labelled

    question = _read_text(
        text, 'coach check-question "What do you want?" (or - for stdin)', "question"
    )
    result = check(question, context="mentoring" if mentoring else "coaching")
    if as_json:
        import json

        print(json.dumps(result.to_dict()))  # ASCII-escaped: no control character reaches a tty
    else:
        if result.ok:
            print("ok: an open question" if not result.issues else "ok: not a flaw")
        for issue in result.issues:
            print(labelled(issue.kind, issue.message))
        if result.suggestion:
            print(labelled("suggestion", clean(result.suggestion)))
    return 2 if strict and not result.ok else 0


def check_step(
    text: Annotated[list[str] | None, options.text_argument("next step")] = None,
    as_json: Annotated[
        bool, options.json_flag('Print {"text", "ok", "kind", "message", "suggestion"}.')
    ] = False,
    strict: Annotated[bool, options.strict_flag("the step is flagged")] = False,
    owner: Annotated[
        str,
        options.owner_option(
            "Whose step: me (your own, the default: the message speaks to you) or person (the "
            "person's: it speaks about them, 'they')."
        ),
    ] = "me",
) -> int:
    """Check a next step: a concrete action, or vague, hedged or no action at all?

    Concrete actions pass ("I'll send Dana the draft", "Sam to book the room", "email client re:
    delays"). Vague intentions (think about, be more…, work on, improve, look into, follow up
    with no one), hedges (try, maybe, might, hopefully) and non-actions (TBD, nothing, "let me
    know") are flagged with a coaching note and a template to make concrete ([who], [day]).

    Exit status: 0 whatever the verdict; with --strict, 2 when the step is flagged.

    Example: coach check-step "Think about delegating more"
    Example: coach check-step --owner person "I'll try to get my report done"
    """
    from coachcli.core.sanitize import clean
    from coachcli.language.steps import OK_MESSAGE, voice_of
    from coachcli.language.steps import check_step as check
    from coachcli.ui.terminal import labelled

    voice = voice_of(options.owner_value(owner))

    step = _read_text(
        text, 'coach check-step "Email the client by Friday" (or - for stdin)', "step"
    )
    result = check(step, voice)
    if as_json:
        import json

        print(json.dumps(result.to_dict()))  # ASCII-escaped: no control character reaches a tty
    else:
        if result.ok:
            print(labelled("ok", OK_MESSAGE))
        else:
            print(labelled(str(result.kind), str(result.message)))
        if result.suggestion:
            print(labelled("suggestion", clean(result.suggestion)))
    return 2 if strict and not result.ok else 0


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("check-question")(check_question)
    app.command("check-step")(check_step)
