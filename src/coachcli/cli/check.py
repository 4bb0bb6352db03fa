"""Command: ``coach check-question`` — is this an open what/how question?

Meant to be quick enough to run on every question while preparing a conversation, so it imports
only the question check and ``sanitize`` (no pydantic, rich or yaml) and prints with ``print``.
"""

import typer

STDIN_LIMIT = 1_000_000  # characters read from standard input; the check looks at far fewer


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("check-question")(check_question_command)


def check_question_command(
    text: list[str] = typer.Argument(
        None,
        metavar="TEXT",
        help="The question (quoted, or its words are joined); - reads it from standard input.",
        show_default=False,
    ),
    as_json: bool = typer.Option(
        False, "--json", help='Print {"text", "ok", "issues": [{"kind", "message"}], "suggestion"}.'
    ),
    strict: bool = typer.Option(
        False, "--strict", help="Exit with status 2 when the question has issues (default: 0)."
    ),
) -> int:
    """Check a question before you ask it: open what/how, or why, yes/no, leading, stacked?

    Prints "ok", or each issue (why, closed, leading, stacked, not-a-question, empty) with a
    one-line note, and a what/how rewrite to try instead. Open questions start with what or how
    (who/when/where/which and "Tell me about…", "Walk me through…" pass too).

    Exit status: 0 whatever the verdict; with --strict, 2 when there are issues (for scripts).

    Example: coach check-question "Did the meeting go well?"
    """
    import sys

    from coachcli.core.errors import UsageError
    from coachcli.core.sanitize import clean
    from coachcli.language.question import check_question

    if not text:
        raise UsageError(
            "no question given", hint='coach check-question "What do you want?" (or - for stdin)'
        )
    words = list(text)
    try:
        question = sys.stdin.read(STDIN_LIMIT) if words == ["-"] else " ".join(words)
    except UnicodeDecodeError:
        raise UsageError("standard input is not text in the terminal's encoding") from None
    result = check_question(question)
    if as_json:
        import json

        print(json.dumps(result.to_dict()))  # ASCII-escaped: no control character reaches a tty
    else:
        if result.ok:
            print("ok: an open question")
        for issue in result.issues:
            print(f"{issue.kind}: {issue.message}")
        if result.suggestion:
            print(f"suggestion: {clean(result.suggestion)}")
    return 2 if strict and not result.ok else 0
