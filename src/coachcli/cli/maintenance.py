"""Commands: ``coach doctor`` (check and mend the store) and ``coach forget`` (remove a person)."""

import sys
from typing import Annotated

import typer

from coachcli.cli import completion as complete
from coachcli.cli import options


def doctor(
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Mend permissions, remove stale temp files and merge sync tools' conflict copies.",
        ),
    ] = False,
    as_json: Annotated[bool, options.json_flag("Print the report as JSON.")] = False,
) -> int:
    """Check the store: permissions, damaged or newer files, conflict copies, temp files, lock,
    drafts, index.

    Exit status 0 when nothing is wrong or all of it can be fixed with --fix; 3 when a file or
    folder is damaged (or a FIFO, folder or device sits where a file belongs); 4 when coach
    cannot use the store and cannot fix it (not a folder, not writable, owned by another user).
    Damaged files are never rewritten or deleted; --fix only tightens permissions (folders
    0700, files 0600), removes temp files left by an interrupted write, and merges the
    conflict copies Dropbox, Syncthing or Nextcloud left beside a session or goals file into
    it (as `coach sync` merges), removing each copy once it is merged (coach help sync).

    Example: coach doctor --fix
    """
    from coachcli.core.sanitize import print_lines
    from coachcli.storage import doctor as checks
    from coachcli.storage.paths import data_dir
    from coachcli.storage.store import Store

    store = Store(data_dir(check=False))  # a store that is not a folder is a finding here
    mended = None
    if store.root.is_dir():
        from coachcli.sync import copies

        # Folder-sync conflict copies, merged as `coach sync` merges (or what that would do).
        mended = copies.mend_copies(store) if fix else copies.preview_copies(store)
    if store.root.is_dir():
        import contextlib

        from coachcli.core.errors import CoachError
        from coachcli.index.cache import rebuild

        # The full check: every session file against its index row. What stops it (a folder
        # that cannot be listed) is the store's problem, which the report below names.
        with contextlib.suppress(CoachError):
            rebuild(store)
    report = checks.fix(store) if fix and store.root.exists() else checks.check(store)
    if mended is not None:
        mended.annotate(report)
    if as_json:
        import json

        print(json.dumps(report.to_dict(), indent=2))
    else:
        print_lines(checks.render(report))
    return report.exit_code


def forget(
    person: Annotated[
        str,
        typer.Argument(
            metavar="PERSON",
            help="The person's name, as in their sessions.",
            autocompletion=complete.people,
        ),
    ],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask; needed without a terminal.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only count what would be removed.")
    ] = False,
    as_json: Annotated[
        bool,
        options.json_flag("With --dry-run: print the counts as JSON (coach schema forget-plan)."),
    ] = False,
) -> int:
    """Remove every session, action item, draft and backup about PERSON.

    Names match ignoring case and surrounding spaces. Other people's files are not touched;
    the index is deleted and rebuilt on the next read. Only counts and paths are printed.
    Asks first when run in a terminal; otherwise pass --yes.

    Example: coach forget "Sam Lee" --yes
    """
    from coachcli.core.errors import Cancelled, UsageError
    from coachcli.core.sanitize import print_lines
    from coachcli.storage import forget as forgetting
    from coachcli.storage.store import Store
    from coachcli.ui.terminal import is_terminal

    store = Store.default()
    todo = forgetting.plan(store, person)
    if not todo.found:
        raise forgetting.not_found(todo)
    if as_json and not dry_run:
        raise UsageError("--json goes with --dry-run (forget itself only reports counts)")
    if dry_run and as_json:
        from coachcli.core.sanitize import json_text

        plan = {
            "kind": "forget-plan",
            "version": 1,
            "sessions": len(todo.sessions),
            "drafts": len(todo.drafts),
            "backups": len(todo.backups),
            "summary": todo.summary(),
            "unattributed": [str(p) for p in todo.unattributed],
        }
        print(json_text(plan))
        return 0
    if dry_run:
        print(f"Would remove {todo.summary()}.")
        _report_unattributed(todo.unattributed)
        return 0
    if not yes:
        if not is_terminal(sys.stdin):
            raise UsageError(
                "coach forget deletes files: pass --yes to confirm (stdin is not a terminal)"
            )
        if not typer.confirm(f"Remove {todo.summary()}? This cannot be undone", default=False):
            raise Cancelled("nothing was removed")
    result = forgetting.forget(store, person)
    print(f"Removed {result.plan.summary()}.")
    if result.index_removed:
        print("Deleted the index; it is rebuilt on the next read.")
    if result.temp_removed:
        print(f"Removed {result.temp_removed} temp file(s) left by interrupted writes.")
    _report_unattributed(result.plan.unattributed)
    if result.still_mentioned:
        print_lines(
            [f"{len(result.still_mentioned)} other file(s) still mention the name (not changed):"]
            + [f"  {path}" for path in result.still_mentioned]
        )
    if result.unchecked:
        print_lines(
            [
                f"{len(result.unchecked)} file(s) too large or unreadable to look for the name "
                "in (not changed):"
            ]
            + [f"  {path}" for path in result.unchecked]
        )
    return 0


def _report_unattributed(unattributed: list) -> None:
    from coachcli.core.sanitize import print_lines

    if unattributed:
        print_lines(
            [
                f"{len(unattributed)} unreadable file(s) could not be attributed to anyone "
                "and were left (see coach doctor):"
            ]
            + [f"  {path}" for path in unattributed]
        )


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("doctor")(doctor)
    app.command("forget")(forget)
