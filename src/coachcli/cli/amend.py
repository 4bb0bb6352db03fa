"""Commands: coach edit (amend a saved session) and coach prep (the brief before a meeting).

Imports only typer at import time; the work is in ``coachcli.conversation.amend`` and
``coachcli.conversation.carryover``.
"""

import sys
from typing import Annotated

import typer

from coachcli.cli import options

EDIT_HELP = """Amend a saved session: fix text, add or change a next step, add a note.

Without options it opens the session as readable YAML in $VISUAL/$EDITOR; what you save is
checked before anything is written, and the change is recorded in the session's history
(when and what changed). Private parts stay private.

\b
Examples:
  coach edit 20261124-abc234
  coach edit 2026 --add-step "Send Sam the rota draft" --owner me --due friday
  coach edit 20261124-abc234 --note "Ask about childcare next time"
"""

PREP_HELP = """The brief to read before you meet someone again.

Their open items, what you agreed last time (the help they wanted, the next meeting), what they
found most useful, the values and assumptions they spoke of, their check-ins, and your own
private notes (shown to you here; never in a shared export).

\b
Examples:
  coach prep Sam
  coach prep "Sam Rivera" --json
"""


def edit(
    session_id: Annotated[str, typer.Argument(metavar="SESSION_ID", help="Id or unique prefix.")],
    add_step: Annotated[
        str | None,
        typer.Option("--add-step", metavar="TEXT", help="Add a next step (start with a verb)."),
    ] = None,
    owner: Annotated[str, options.owner_option("Who owns the step: person or me.")] = "person",
    due: Annotated[
        str | None,
        typer.Option("--due", metavar="DATE", help="When the step is due (2026-12-04, friday, …)."),
    ] = None,
    confidence: Annotated[
        int, typer.Option("--confidence", min=1, max=10, help="How sure the owner is (1-10).")
    ] = 7,
    note: Annotated[
        str | None,
        typer.Option("--note", metavar="TEXT", help="Add a private note for yourself."),
    ] = None,
    help_wanted: Annotated[
        str | None,
        typer.Option("--help-wanted", metavar="TEXT", help="Set the help they want from you."),
    ] = None,
    next_meeting: Annotated[
        str | None,
        typer.Option("--next-meeting", metavar="DATE", help="Set when you will next meet."),
    ] = None,
) -> int:
    from coachcli.conversation import amend
    from coachcli.core.clock import SystemClock
    from coachcli.core.errors import NoTerminalError, UsageError
    from coachcli.core.model import Session
    from coachcli.followup.view import say_skipped
    from coachcli.history.view import resolve_session_id
    from coachcli.index import cache as index
    from coachcli.language.steps import check_due
    from coachcli.storage.store import Store

    if owner not in options.OWNERS:
        raise UsageError("--owner must be person or me")
    if (due is not None or owner != "person") and add_step is None:
        raise UsageError("--owner and --due go with --add-step")
    store = Store.default()
    rows, errors = index.load_session_keys(store)
    say_skipped(errors)
    sid = resolve_session_id(rows, session_id, errors)
    clock = SystemClock()
    now = clock.now()

    def when(text: str | None, what: str):
        if text is None:
            return None
        parsed, error = check_due(text, now.date())
        if error:
            raise UsageError(f"{what}: {error}")
        return parsed

    step_due = when(due, "--due")
    meeting = when(next_meeting, "--next-meeting")
    scripted = any(v is not None for v in (add_step, note, help_wanted, next_meeting))
    if scripted:

        def change(session: Session) -> None:
            changes: list[str] = []
            if add_step is not None:
                changes += amend.add_step(session, add_step, owner, step_due, confidence, now)
            if note is not None:
                changes += amend.add_note(session, note)
            if help_wanted is not None and help_wanted.strip() != session.help_wanted:
                session.help_wanted = help_wanted.strip()
                changes.append("help_wanted")
            if meeting is not None and meeting != session.next_meeting:
                session.next_meeting = meeting
                changes.append("next_meeting")
            amend.record(session, changes, now)

        saved = store.update_session(sid, change)
        if add_step is not None and saved.actions[-1].check:
            from coachcli.language.steps import check_step, voice_of

            step = saved.actions[-1]
            message = check_step(step.text, voice_of(step.owner)).message or ""
            print(
                f"coach: warning: step kept despite the next-step check: {message}", file=sys.stderr
            )
        return _done(saved.edits[-1].changes if saved.edits else [], sid)
    from coachcli.ui.terminal import interactive

    if not interactive():
        raise NoTerminalError(
            "coach edit needs a terminal for the editor; or pass --add-step, --note, "
            "--help-wanted or --next-meeting"
        )
    return _edit_in_editor(store, sid, clock)


def _edit_in_editor(store, sid: str, clock) -> int:
    from coachcli.conversation import amend
    from coachcli.core.errors import UsageError
    from coachcli.ui.editor import edit_text

    text = amend.view_text(store.load_session(sid))
    original = text
    while True:
        text = edit_text(text, suffix=".yaml")
        if text.strip() == original.strip():
            print("No changes.")
            return 0
        try:
            view = amend.parse_view(text, "edit.yaml", clock.today())
            return _done(_save_view(store, sid, view, clock.now()), sid)
        except UsageError as exc:
            import shutil
            import textwrap

            from coachcli.core.sanitize import clean

            columns = max(shutil.get_terminal_size((80, 24)).columns - 1, 40)
            print(textwrap.fill(f"coach: {clean(exc.message)}", columns, break_long_words=False))
            answer = input("Open the editor again to fix it? [Y/n] ").strip().lower()
            if answer in ("n", "no"):
                raise UsageError("nothing saved") from None


def _save_view(store, sid: str, view, now) -> list[str]:
    from coachcli.conversation import amend

    changed: list[str] = []

    def change(session) -> None:
        changed.extend(amend.apply_view(session, view, now))
        amend.record(session, changed, now)

    store.update_session(sid, change)
    return changed


def _done(changes: list[str], sid: str) -> int:
    if not changes:
        print("No changes.")
        return 0
    print(f"Saved {sid}: " + "; ".join(changes) + ".")
    return 0


def prep(
    person: Annotated[str, typer.Argument(metavar="PERSON", help="Who you are about to meet.")],
    as_json: options.Json = False,
) -> int:
    from coachcli.conversation.brief import brief_sections
    from coachcli.conversation.carryover import person_brief
    from coachcli.core.clock import SystemClock
    from coachcli.core.sanitize import clean
    from coachcli.followup.view import say_skipped
    from coachcli.storage.store import Store

    clock = SystemClock()
    brief, errors = person_brief(Store.default(), person, clock)
    say_skipped(errors)
    if as_json:
        from coachcli.core.sanitize import json_text

        print(json_text(brief.as_json()))
        return 0
    today = clock.today()
    last = brief.last_session.isoformat() if brief.last_session else "never"
    out = [f"Before you meet {clean(' '.join(brief.person.split()))}"]
    out.append(f"{brief.sessions} session(s) so far, the last on {last}.")
    sections = brief_sections(brief, today)
    if not sections:
        out.append("Nothing carried over: no open items, notes or agreements.")
    for title, lines, private in sections:
        out += ["", title + (" — yours only, never shared" if private else "")]
        for line in lines:
            out += _bullet(clean(line))
    from coachcli.core.sanitize import print_lines

    print_lines(out)
    return 0


def _bullet(text: str) -> list[str]:
    """A bullet wrapped at word boundaries to the terminal (never mid-word); one line per
    paragraph when piped."""
    import shutil
    import textwrap

    from coachcli.ui.terminal import is_terminal

    columns = shutil.get_terminal_size((80, 24)).columns - 1 if is_terminal() else 0
    out: list[str] = []
    for number, paragraph in enumerate(text.split("\n")):
        first = "  - " if number == 0 else "    "
        if columns < 30:
            out.append((first + paragraph).rstrip())
            continue
        out += textwrap.wrap(
            paragraph,
            columns,
            initial_indent=first,
            subsequent_indent="    ",
            break_long_words=False,
            break_on_hyphens=False,
        ) or [first.rstrip()]
    return out


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("edit", help=EDIT_HELP)(edit)
    app.command("prep", help=PREP_HELP)(prep)
