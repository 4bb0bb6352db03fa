"""Commands: ``coach sync`` (init, status, resolve) and ``coach import`` — beyond one machine."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coachcli.cli import options

if TYPE_CHECKING:
    from coachcli.sync.repo import SyncResult

SYNC_HELP = """Sync this store with your own git remote: commit, merge, push.

Sessions merge field by field; a field changed two ways keeps this machine's version (inside a
next step, the side with the newer change) and is listed for `coach sync resolve`. Commit
messages name no person and no note. Caches, the lock, drafts and backups stay local.

Example: coach sync init git@example.com:me/coach-notes.git && coach sync
"""


def _print_result(result: "SyncResult") -> None:
    parts = [f"{result.committed} file(s) committed" if result.committed else "nothing to commit"]
    if result.pulled:
        parts.append("merged from the remote")
    if result.pushed:
        parts.append("pushed")
    print("coach sync: " + ", ".join(parts))
    for session_id, field, kept in result.conflicts:
        side = "this machine's" if kept == "ours" else "the other machine's"
        print(f"conflict: session {session_id}, {field}: kept {side} version")
    if result.conflicts:
        print("hint: `coach sync resolve` switches a field to the other version")


def sync(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from coachcli.storage.paths import data_dir
    from coachcli.sync.repo import sync as run_sync

    _print_result(run_sync(data_dir()))


def init(
    remote: Annotated[
        str | None, typer.Argument(help="A git remote to sync with (joined if it has data).")
    ] = None,
) -> None:
    """Make the data folder a git repository (or join REMOTE), then sync once.

    Example: coach sync init /srv/git/coach.git
    """
    from coachcli.storage.paths import data_dir
    from coachcli.sync.repo import init as run_init

    _print_result(run_init(data_dir(), remote))


def status(
    as_json: options.Json = False,
) -> None:
    """Whether this store syncs, with which remote, and what is waiting.

    Example: coach sync status
    """
    import json

    from coachcli.storage.paths import data_dir
    from coachcli.sync.repo import status as read_status

    state = read_status(data_dir())
    if as_json:
        print(json.dumps(state))
        return
    if not state["synced"]:
        print("not synced (coach sync init [REMOTE])")
        return
    print(f"remote: {state['remote'] or '(none)'}")
    print(f"changed here: {state['changed']}, ahead: {state['ahead']}, behind: {state['behind']}")
    print(f"conflicts to look at: {state['conflicts']}")


def resolve(
    take: Annotated[
        str | None,
        typer.Option("--take", help="ours or theirs: the version every listed field keeps."),
    ] = None,
) -> int:
    """Look at fields two machines changed two ways; keep or switch each.

    Example: coach sync resolve --take theirs
    """
    from coachcli.core.errors import UsageError
    from coachcli.storage.paths import data_dir, sessions_dir
    from coachcli.sync.resolve import forget_records, pending, take_other

    if take not in (None, "ours", "theirs"):
        raise UsageError("--take is ours or theirs")
    root = data_dir()
    items = pending(root)
    if not items:
        print("no conflicts to look at")
        return 0
    if take is None:
        from coachcli.ui.terminal import interactive

        if not interactive():
            raise UsageError("no terminal to ask at", hint="coach sync resolve --take ours|theirs")
    done: set[str] = set()
    for item in items:
        want = take
        if want is None:
            from coachcli.ui.prompting import Choice
            from coachcli.ui.questionary_prompter import QuestionaryPrompter

            kept = "this machine's" if item.kept == "ours" else "the other machine's"
            want = QuestionaryPrompter().select(
                "sync.resolve",
                f"Session {item.session_id}, {item.path}: {kept} version was kept.",
                [Choice(item.kept, "Keep it"), Choice("switch", "Take the other version")],
            )
            want = item.kept if want == item.kept else ("theirs" if item.kept == "ours" else "ours")
        if want != item.kept:
            take_other(root, sessions_dir(root), item)
        done.add(item.session_id)
    for session_id in done:
        forget_records(root, session_id)
    print(f"resolved {len(items)} field(s); `coach sync` shares the result")
    return 0


def merge_driver(
    base: Annotated[Path, typer.Argument()],
    ours: Annotated[Path, typer.Argument()],
    theirs: Annotated[Path, typer.Argument()],
    name: Annotated[str, typer.Argument()] = "",
) -> int:
    """git's merge driver for session files (set up by coach sync; not for people).

    Example: coach sync merge-driver BASE OURS THEIRS sessions/20261201-abcd23.json
    """
    from coachcli.sync.driver import merge_files

    return merge_files(base, ours, theirs, Path.cwd())


def import_command(
    path: Annotated[Path, typer.Argument(help="A store, sessions folder, session file or export.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; change nothing.")
    ] = False,
) -> None:
    """Merge sessions from another store, an export or a backup into this store, by id.

    Example: coach import ~/old-laptop/coachcli --dry-run
    """
    from coachcli.storage.store import Store
    from coachcli.sync.importing import apply_import, plan_import

    store = Store.default()
    plan = plan_import(store, path)
    verb = "would be" if dry_run else "were"
    print(
        f"{len(plan.added)} new, {len(plan.merged)} merged, {len(plan.unchanged)} unchanged "
        f"session(s) {verb} imported"
    )
    for sid in plan.added:
        print(f"new: {sid}")
    for sid in plan.merged:
        print(f"merged: {sid}")
    for sid, field in plan.conflicts:
        print(f"conflict: session {sid}, {field}: kept this store's version")
    for skipped in plan.skipped:
        print(f"skipped (not a valid session): {skipped}")
    if not dry_run:
        apply_import(store, plan)


def register(app: typer.Typer) -> None:
    """Add ``coach sync`` and ``coach import`` to ``app``."""
    group = options.group(
        SYNC_HELP, invoke_without_command=True, context_settings=options.HELP_NAMES
    )
    group.callback(invoke_without_command=True)(sync)
    group.command("init")(init)
    group.command("status")(status)
    group.command("resolve")(resolve)
    group.command("merge-driver", hidden=True)(merge_driver)
    app.add_typer(group, name="sync")
    app.command("import")(import_command)
