"""`coach bank …` (list, show, validate, new, lint, path) and `coach guide`.

Only typer is imported here; the bank loader (PyYAML; pydantic for a bank that needs the
model's check) and rich load inside commands.
"""

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coachcli.cli import completion as complete
from coachcli.cli import options

if TYPE_CHECKING:
    from coachcli.banks.parts import Bank

BANK_HELP = (
    "Question banks: list, show, check and create them.\n\n"
    "Built-in banks ship with coach; your own live in the folder `coach bank path` prints, "
    "and one with the same name replaces the built-in. Format: coach help banks.\n\n"
    "Example: coach bank new team-retro"
)


def _looks_like_path(text: str) -> bool:
    return text.endswith((".yaml", ".yml")) or "/" in text or os.sep in text


def _resolve(name_or_file: str) -> "tuple[Bank, str]":
    """A bank by name, or from a file when the argument looks like a path."""
    from coachcli.banks.load import load_bank, load_bank_file, locate_bank

    if _looks_like_path(name_or_file):
        return load_bank_file(Path(name_or_file)), "file"
    bank = load_bank(name_or_file)
    found = locate_bank(name_or_file)
    return bank, found[1] if found else "built-in"


def bank_path() -> None:
    """Print the folder that holds your own banks.

    \b
    Example:
      coach bank path
    """
    from coachcli.storage.paths import (
        banks_dir,  # what banks.user_banks_dir() returns, without pydantic
    )

    print(banks_dir())


def bank_list(
    as_json: Annotated[
        bool, options.json_flag("Print JSON instead of a table (coach schema bank-list).")
    ] = False,
) -> None:
    """List the banks you can use: name, kind, source and number of questions.

    Files in your bank folder that do not load are listed after the banks, with the reason.

    \b
    Example:
      coach bank list
    """
    from coachcli.banks.load import list_banks

    banks, skipped = list_banks()
    if as_json:
        from coachcli.core.sanitize import json_text

        print(
            json_text(
                {
                    "banks": [
                        {
                            "name": b.name,
                            "title": b.title,
                            "kind": b.kind,
                            "source": b.source,
                            "path": str(b.path),
                            "questions": b.questions,
                        }
                        for b in banks
                    ],
                    "skipped": [{"path": str(s.path), "reason": s.reason} for s in skipped],
                },
            )
        )
        return
    from coachcli.banks.view import show_list

    show_list(banks, skipped)


def bank_show(
    name: Annotated[
        str, typer.Argument(help="Bank name (or a bank file).", autocompletion=complete.bank_names)
    ],
    as_json: Annotated[bool, options.json_flag("Print JSON instead of text.")] = False,
) -> None:
    """Show a bank's questions, grouped by skill (--json: coach schema bank).

    \b
    Examples:
      coach bank show coaching
      coach bank show mentoring --json
    """
    from coachcli.banks import view as bank_view

    bank, source = _resolve(name)
    if as_json:
        from coachcli.core.sanitize import json_text

        print(json_text(bank_view.bank_json(bank, source)))
        return
    from coachcli.ui.pager import paged

    with paged():
        bank_view.show_bank(bank, source)


def bank_validate(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE_OR_NAME",
            help="The bank file to check, a bank name, or - for standard input.",
            autocompletion=complete.bank_names,
        ),
    ],
) -> int:
    """Check a bank file; print each problem as FILE:LINE:COL: FIELD: message.

    Exit status 0 when the file is a valid bank, 3 when it is not.

    \b
    Examples:
      coach bank validate ~/my-banks/team-retro.yaml
      coach bank validate team-retro
      cat team-retro.yaml | coach bank validate -
    """
    from coachcli.banks.load import MAX_BYTES, load_bank_file, locate_bank, parse_bank
    from coachcli.core.errors import BankError, ExitCode, UsageError
    from coachcli.core.sanitize import clean, one_line

    try:
        if file == "-":
            import sys

            data = sys.stdin.buffer.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise UsageError(f"<stdin>: larger than {MAX_BYTES} bytes")
            file = "<stdin>"
            bank = parse_bank(data, file)
        elif not _looks_like_path(file) and not Path(file).exists():
            found = locate_bank(file)
            if found is None:
                from coachcli.core.errors import NotFoundError

                raise NotFoundError(
                    f"no bank named {one_line(file, 60)!r} and no such file",
                    hint="`coach bank list` shows the banks",
                )
            file = str(found[0])
            bank = load_bank_file(Path(file))
        else:
            bank = load_bank_file(Path(file))
    except BankError as exc:
        for line in exc.problems or [exc.message]:
            print(" ".join(clean(line).split()))
        return int(ExitCode.DAMAGED)
    print(f"{one_line(str(file), 300)}: ok — bank {bank.name!r}, {len(bank.questions)} questions")
    return int(ExitCode.OK)


def bank_new(
    name: Annotated[str, typer.Argument(help="Bank name: lowercase letters, digits and -.")],
    kind: Annotated[
        str,
        typer.Option("--kind", metavar="coaching|mentoring", help="The kind of conversation."),
    ] = "coaching",
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Allow a built-in bank's name: copy the built-in to customise."
        ),
    ] = False,
) -> None:
    """Write a commented starter bank into your bank folder, ready to edit.

    Never overwrites a bank of yours. The name of a built-in bank (coaching, mentoring) is
    refused, since yours would replace it; with --force the built-in is copied for you to
    customise.

    \b
    Example:
      coach bank new team-retro
      coach bank new career-talks --kind mentoring
    """
    from coachcli.banks.user import new_user_bank

    path = new_user_bank(name, kind, force=force)
    print(f"wrote {path}")
    print(f"edit it, then: coach bank validate {path}")
    print(f"               coach bank lint {name}")
    print(f"use it with:   coach start --bank {name}")


def bank_lint(
    name_or_file: Annotated[
        str,
        typer.Argument(
            metavar="FILE_OR_NAME", help="Bank name or file.", autocompletion=complete.bank_names
        ),
    ],
    as_json: Annotated[bool, options.json_flag("Print JSON (coach schema bank-lint).")] = False,
) -> int:
    """Run the question check over every question of a bank.

    Each problem is shown with the question id and a suggestion. Exit status 0 when every
    question passes, 2 when some do not, 3 when the bank itself is not valid.

    \b
    Examples:
      coach bank lint coaching
      coach bank lint ./team-retro.yaml
    """
    from coachcli.banks.user import lint_bank
    from coachcli.core.errors import ExitCode
    from coachcli.core.sanitize import one_line

    bank, _source = _resolve(name_or_file)
    problems = lint_bank(bank)
    if as_json:
        from coachcli.core.sanitize import json_text

        print(
            json_text(
                {
                    "kind": "bank-lint",
                    "version": 1,
                    "bank": bank.name,
                    "questions": len(bank.questions),
                    "ok": not problems,
                    "problems": [
                        {
                            "question_id": p.question_id,
                            "issues": [{"kind": k, "message": m} for k, m in p.issues],
                            "suggestion": p.suggestion or None,
                        }
                        for p in problems
                    ],
                }
            )
        )
        return int(ExitCode.USAGE if problems else ExitCode.OK)
    for problem in problems:
        for kind, message in problem.issues:
            print(f"{problem.question_id}: {kind}: {one_line(message, 300)}")
        if problem.suggestion:
            print(f"  try: {one_line(problem.suggestion, 300)}")
    if problems:
        print(f"{len(problems)} of {len(bank.questions)} questions in {bank.name!r} need work")
        return int(ExitCode.USAGE)
    print(f"all {len(bank.questions)} questions in {bank.name!r} pass the question check")
    return int(ExitCode.OK)


def guide(
    as_json: Annotated[bool, options.json_flag("Print JSON (coach schema guide).")] = False,
) -> None:
    """Coaching or mentoring? A side-by-side, then (at a terminal) the right conversation.

    \b
    Example:
      coach guide
      coach start --mentoring
    """
    if as_json:
        from coachcli.banks.view import GUIDE_ROWS, GUIDE_TIP
        from coachcli.core.sanitize import json_text

        rows = [{"aspect": a, "coaching": c, "mentoring": m} for a, c, m in GUIDE_ROWS]
        print(json_text({"kind": "guide", "version": 1, "rows": rows, "tip": GUIDE_TIP}))
        return
    from coachcli.banks.view import show_guide
    from coachcli.ui.terminal import interactive

    show_guide()
    if not interactive():
        print("Start one: coach start (coaching) or coach start --mentoring (mentoring).")
        return
    from coachcli.ui.prompting import Choice
    from coachcli.ui.questionary_prompter import QuestionaryPrompter

    picked = QuestionaryPrompter().select(
        "guide.start",
        "Which conversation is this?",
        [
            Choice("coaching", "Coaching: the job now — start a coaching conversation"),
            Choice("mentoring", "Mentoring: where they want to grow — start a mentoring one"),
            Choice("none", "Neither, not now"),
        ],
    )
    if picked == "none":
        return
    from coachcli.cli.start import terminate_as_interrupt
    from coachcli.conversation.start import run_interactive

    with terminate_as_interrupt():
        run_interactive(None, None, picked)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    group = options.group(BANK_HELP, name="bank", no_args_is_help=True)
    group.command("path")(bank_path)
    group.command("list")(bank_list)
    group.command("show")(bank_show)
    group.command("validate")(bank_validate)
    group.command("new")(bank_new)
    group.command("lint")(bank_lint)
    app.add_typer(group, name="bank")
    app.command("guide")(guide)
