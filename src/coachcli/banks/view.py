"""How `coach bank list/show` and `coach guide` look: a rich table at a terminal, plain text
otherwise (no colour, no box drawing). Text read from bank files is sanitized before it is shown.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from coachcli.core.sanitize import clean, one_line
from coachcli.ui.terminal import is_terminal as to_terminal

if TYPE_CHECKING:
    from coachcli.banks.load import BankInfo, Skipped
    from coachcli.banks.parts import Bank, Question


def _notes(q: Question) -> str:
    bits: list[str] = []
    if q.focus:
        bits.append(q.focus)
    if q.framework:
        bits.append(q.framework + (f"/{q.stage}" if q.stage else ""))
    elif q.stage:
        bits.append(q.stage)
    if q.tags:
        bits.append("#" + " #".join(q.tags))
    if q.evergreen:
        bits.append("evergreen")
    return ", ".join(bits)


# -- list ---------------------------------------------------------------------------------------


def show_list(banks: Sequence[BankInfo], skipped: Sequence[Skipped]) -> None:
    rows = [(b.name, b.kind, b.source, str(b.questions), one_line(b.title, 60)) for b in banks]
    header = ("NAME", "KIND", "SOURCE", "QUESTIONS", "TITLE")
    if to_terminal():
        from rich.table import Table

        from coachcli.ui.console import get_console, user_text

        console = get_console()
        table = Table(*header, title="Question banks", title_justify="left")
        for row in rows:
            table.add_row(*row[:4], user_text(row[4]))
        console.print(table)
        for item in skipped:
            console.print(user_text(f"skipped {item}", style="yellow"))
    else:
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
        for row in [header, *rows]:
            cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:4])]
            print("  ".join([*cells, row[4]]))
        if skipped:
            print()
            print(f"Skipped {len(skipped)} file(s) that did not load:")
            for item in skipped:
                print(f"  {one_line(str(item), 300)}")
    if skipped:
        print("Fix them with `coach bank validate FILE`.", file=sys.stderr)


# -- show ---------------------------------------------------------------------------------------


def show_bank(bank: Bank, source: str) -> None:
    from coachcli.banks.parts import SKILLS

    groups = [(s, bank.questions_for(s)) for s in SKILLS]
    groups = [(s, qs) for s, qs in groups if qs]
    if to_terminal():
        from rich.table import Table

        from coachcli.ui.console import get_console, user_text

        console = get_console()
        console.print(user_text(f"{bank.name} — {bank.title}", style="bold"))
        console.print(f"{bank.kind} · {source} · {len(bank.questions)} questions")
        if bank.description:
            console.print(user_text(bank.description))
        for skill, questions in groups:
            table = Table(title=skill.capitalize(), title_justify="left")
            table.add_column("id", overflow="fold")
            table.add_column("question")
            table.add_column("notes", overflow="fold")
            for q in questions:
                table.add_row(q.id, user_text(q.text), _notes(q))
            console.print(table)
        return
    print(f"{bank.name} — {one_line(bank.title, 200)}")
    print(f"{bank.kind} · {source} · {len(bank.questions)} questions")
    if bank.description:
        print(clean(bank.description))
    for skill, questions in groups:
        print()
        print(f"{skill.capitalize()} ({len(questions)})")
        for q in questions:
            notes = _notes(q)
            print(f"  {q.id}: {one_line(q.text, 600)}" + (f"  [{notes}]" if notes else ""))


def bank_json(bank: Bank, source: str) -> dict:
    return {
        "name": bank.name,
        "title": bank.title,
        "kind": bank.kind,
        "source": source,
        "questions": [
            {
                "id": q.id,
                "text": q.text,
                "skill": q.skill,
                "focus": q.focus,
                "framework": q.framework,
                "stage": q.stage,
                "tags": q.tags,
                "evergreen": q.evergreen,
            }
            for q in bank.questions
        ],
    }


# -- guide --------------------------------------------------------------------------------------

GUIDE_ROWS: tuple[tuple[str, str, str], ...] = (
    (
        "Purpose",
        "Here-and-now performance: a task, a problem, a skill they need now.",
        "Longer-term personal and career growth.",
    ),
    (
        "Who leads",
        "The coachee does the thinking; you ask rather than tell.",
        "The mentee leads and sets the agenda; it is voluntary on both sides.",
    ),
    (
        "Time frame",
        "Short: this week's step, this quarter's goal.",
        "Long: months and years.",
    ),
    (
        "Your role",
        "Listen to understand, ask what/how questions, balance challenge and support, "
        "end with clear next steps.",
        "Listen, be a role model, share experience, make suggestions and connections.",
    ),
    (
        "What is kept",
        "What you heard, the questions asked, the next steps and who owns them.",
        "Their agenda and development goals over months (coach goals), what you offered and "
        "whether they took it up, the next meeting.",
    ),
    (
        "Start",
        "coach start (the coaching bank)",
        "coach start --mentoring (or coach start --bank mentoring)",
    ),
)
GUIDE_TIP = (
    "Not sure? If it is about doing the current job well, coach. If it is about where they want "
    "to grow, mentor. `coach bank list` shows every bank, including your own."
)


def show_guide() -> None:
    if to_terminal():
        from rich.table import Table

        from coachcli.ui.console import get_console

        console = get_console()
        table = Table("", "Coaching", "Mentoring", title="Coaching or mentoring?")
        for label, coaching, mentoring in GUIDE_ROWS:
            table.add_row(label, coaching, mentoring)
        console.print(table)
        console.print(GUIDE_TIP)
        return
    print("Coaching or mentoring?")
    for label, coaching, mentoring in GUIDE_ROWS:
        print()
        print(label)
        print(f"  Coaching:  {coaching}")
        print(f"  Mentoring: {mentoring}")
    print()
    print(GUIDE_TIP)
