"""``coach sync``: the data folder as a git repository, synced with the user's own remote.

Only what is worth syncing is committed: sessions, user banks and the report salt. The local
caches (the index files), the lock, drafts and backups stay on this machine (``.gitignore``).
Session files merge through ``coach``'s own merge driver (``.gitattributes``), registered in the
repository's local config each time sync runs, so a plain ``git clone`` of the store is joined
by running ``coach sync`` once. Commit messages name no person and no note: only the machine and
how many files changed.
"""

from __future__ import annotations

import os
import shlex
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

from coachcli.core.errors import SyncError, UsageError
from coachcli.storage.fsio import atomic_write_text, ensure_private_dir
from coachcli.sync.git import Git
from coachcli.sync.resolve import pending

DRIVER = "coachcli"
GITIGNORE = """\
# coachcli: caches, the lock, drafts, backups, conflict copies and temporary files stay on
# this machine. (The lock and the index live outside the data folder; an older coachcli kept
# them here, and on macOS and Windows the platform's state folder is the data folder.)
/index*.json
/.lock
/stores/
/drafts/
/backups/
.tmp-*
*.sync-conflict-*
*conflicted copy*
"""
GITATTRIBUTES = """\
# coachcli merges session files field by field (coach sync merge-driver).
/sessions/*.json merge=coachcli
"""


@dataclass
class SyncResult:
    committed: int = 0  # files in this machine's commit
    pulled: bool = False
    pushed: bool = False
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)  # session, field, kept


def _current(path: Path) -> str | None:
    """The text of a small file coach keeps in the store, or None when it is missing or not
    a plain readable file (a FIFO there is replaced, never waited on)."""
    from coachcli.core.errors import CoachError
    from coachcli.storage.readfile import read_bounded

    try:
        return read_bounded(path, 64 * 1024).decode("utf-8")
    except (CoachError, UnicodeDecodeError):
        return None


def _setup(git: Git) -> None:
    """The files and the local config a synced store needs (idempotent)."""
    for name, text in ((".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)):
        path = git.root / name
        if _current(path) != text:
            atomic_write_text(path, text)
    # The repository holds every note too: private like the rest of the store.
    git.run("config", "core.sharedRepository", "0600")
    _private_tree(git.root / ".git")
    driver = f"{shlex.quote(sys.executable)} -m coachcli sync merge-driver %O %A %B %P"
    git.run("config", f"merge.{DRIVER}.name", "coachcli session merge")
    git.run("config", f"merge.{DRIVER}.driver", driver)
    if not git.ok("config", "user.email"):
        git.run("config", "user.email", "coach@localhost")
    if not git.ok("config", "user.name"):
        git.run("config", "user.name", "coach sync")


def _private_tree(top: Path) -> None:
    """Folders 0700 and files at most 0600 under ``top`` (git's own may be 0755/0644)."""
    for folder, _dirs, files in os.walk(top):
        os.chmod(folder, 0o700)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, os.stat(path).st_mode & 0o600 or 0o600)


def _branch(git: Git) -> str:
    return git.out("symbolic-ref", "--short", "HEAD")


def _has_commits(git: Git) -> bool:
    return git.ok("rev-parse", "--verify", "-q", "HEAD")


def _remote_branch(git: Git, branch: str) -> bool:
    return bool(git.run("ls-remote", "--heads", "origin", branch).stdout.strip())


def _commit(git: Git) -> int:
    git.run("add", "-A")
    changed = git.out("diff", "--cached", "--name-only").splitlines()
    if not changed:
        return 0
    host = socket.gethostname().split(".")[0] or "this machine"
    count = len(changed)
    git.run("commit", "-q", "-m", f"coach sync from {host}: {count} file{'s' * (count != 1)}")
    return count


def init(root: Path, remote: str | None = None) -> SyncResult:
    """Make the data folder a repository, or join ``remote``; then sync once."""
    ensure_private_dir(root)
    git = Git(root)
    if not git.is_repo():
        git.run("init", "-q", "-b", "main")
    _setup(git)
    if remote:
        if git.ok("remote", "get-url", "origin"):
            if git.out("remote", "get-url", "origin") != remote:
                raise UsageError(
                    "this store already syncs with another remote (`coach sync status`)"
                )
        else:
            git.run("remote", "add", "origin", remote)
    return sync(root, first=True)


def sync(root: Path, *, first: bool = False) -> SyncResult:
    """Commit what changed here, merge what changed elsewhere, push."""
    git = Git(root)
    if not git.is_repo():
        raise UsageError("this store is not synced yet", hint="coach sync init [REMOTE]")
    _setup(git)
    result = SyncResult(committed=_commit(git))
    if not git.ok("remote", "get-url", "origin"):
        return result
    branch = _branch(git)
    git.run("fetch", "-q", "origin")
    if _remote_branch(git, branch):
        args = ["merge", "-q", "--no-edit", f"origin/{branch}"]
        if first or not _has_commits(git):
            args.insert(1, "--allow-unrelated-histories")
        done = git.run(*args, check=False)
        if done.returncode != 0:
            unmerged = git.out("diff", "--name-only", "--diff-filter=U").splitlines()
            said = done.stderr.strip().splitlines() or ["git merge failed"]
            git.run("merge", "--abort", check=False)
            why = f"{len(unmerged)} file(s) could not be merged" if unmerged else said[-1]
            raise SyncError(
                f"the merge stopped: {why}",
                hint="nothing was changed here; `coach sync status` shows where things stand",
            )
        result.pulled = True
    git.run("push", "-q", "-u", "origin", branch)
    result.pushed = True
    result.conflicts = [(c.session_id, c.path, c.kept) for c in pending(root)]
    return result


def status(root: Path) -> dict:
    git = Git(root)
    if not git.is_repo():
        return {
            "synced": False,
            "remote": None,
            "changed": 0,
            "ahead": 0,
            "behind": 0,
            "conflicts": 0,
        }
    remote = (
        git.out("remote", "get-url", "origin") if git.ok("remote", "get-url", "origin") else None
    )
    changed = len([ln for ln in git.out("status", "--porcelain").splitlines() if ln.strip()])
    ahead = behind = 0
    if remote and _has_commits(git) and git.ok("rev-parse", "--verify", "-q", "@{u}"):
        counts = git.out("rev-list", "--left-right", "--count", "HEAD...@{u}").split()
        ahead, behind = int(counts[0]), int(counts[1])
    return {
        "synced": True,
        "remote": remote,
        "changed": changed,
        "ahead": ahead,
        "behind": behind,
        "conflicts": len(pending(root)),
    }
