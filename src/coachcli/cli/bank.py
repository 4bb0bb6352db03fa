"""`coach bank …` (list, show, validate, new, lint, path) and `coach guide`.

Only typer is imported here; the bank loader (pydantic, PyYAML) and rich load inside commands.
"""

import os
from pathlib import Path

import typer

bank_app = typer.Typer(
    name="bank",
    help=(
        "Question banks: list, show, check and create them.\n\n"
        "Built-in banks ship with coach; your own live in the folder `coach bank path` prints, "
        "and one with the same name replaces the built-in. Format: docs/banks.md.\n\n"
        "Example: coach bank new team-retro"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def _resolve(name_or_file: str):  # -> tuple[Bank, str]
    """A bank by name, or from a file when the argument looks like a path."""
    from coachcli.banks.load import load_bank, load_bank_file, locate_bank

    if name_or_file.endswith((".yaml", ".yml")) or "/" in name_or_file or os.sep in name_or_file:
        return load_bank_file(Path(name_or_file)), "file"
    bank = load_bank(name_or_file)
    found = locate_bank(name_or_file)
    return bank, found[1] if found else "built-in"


@bank_app.command("path")
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


@bank_app.command("list")
def bank_list(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
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
        import json

        print(
            json.dumps(
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
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    from coachcli.banks.view import show_list

    show_list(banks, skipped)


@bank_app.command("show")
def bank_show(
    name: str = typer.Argument(..., help="Bank name (or a bank file)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Show a bank's questions, grouped by skill.

    \b
    Examples:
      coach bank show coaching
      coach bank show mentoring --json
    """
    from coachcli.banks import view as bank_view

    bank, source = _resolve(name)
    if as_json:
        import json

        print(json.dumps(bank_view.bank_json(bank, source), indent=2, ensure_ascii=False))
        return
    bank_view.show_bank(bank, source)


@bank_app.command("validate")
def bank_validate(
    file: Path = typer.Argument(..., help="The bank file to check.", dir_okay=False),
) -> int:
    """Check a bank file; print each problem as FILE:LINE:COL: FIELD: message.

    Exit status 0 when the file is a valid bank, 3 when it is not.

    \b
    Example:
      coach bank validate ~/my-banks/team-retro.yaml
    """
    from coachcli.banks.load import load_bank_file
    from coachcli.core.errors import BankError, ExitCode
    from coachcli.core.sanitize import clean, one_line

    try:
        bank = load_bank_file(file)
    except BankError as exc:
        for line in exc.problems or [exc.message]:
            print(" ".join(clean(line).split()))
        return int(ExitCode.DAMAGED)
    print(f"{one_line(str(file), 300)}: ok — bank {bank.name!r}, {len(bank.questions)} questions")
    return int(ExitCode.OK)


@bank_app.command("new")
def bank_new(
    name: str = typer.Argument(..., help="Bank name: lowercase letters, digits and -."),
    kind: str = typer.Option("coaching", "--kind", help="coaching or mentoring."),
) -> None:
    """Write a commented starter bank into your bank folder, ready to edit.

    Never overwrites an existing bank.

    \b
    Example:
      coach bank new team-retro
      coach bank new career-talks --kind mentoring
    """
    from coachcli.banks.user import new_user_bank

    path = new_user_bank(name, kind)
    print(f"wrote {path}")
    print(f"edit it, then: coach bank validate {path}")
    print(f"               coach bank lint {name}")
    print(f"use it with:   coach start --bank {name}")


@bank_app.command("lint")
def bank_lint(
    name_or_file: str = typer.Argument(..., metavar="FILE_OR_NAME", help="Bank name or file."),
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


def guide() -> None:
    """Coaching or mentoring? A side-by-side, then (at a terminal) the right conversation.

    \b
    Example:
      coach guide
      coach start --mentoring
    """
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
    app.add_typer(bank_app, name="bank")
    app.command("guide")(guide)
