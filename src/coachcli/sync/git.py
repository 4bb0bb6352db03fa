"""The user's own git, run in the data folder: their credentials, their remote, their errors.

Every git failure is raised with git's own message (``SyncError``); nothing is retried quietly
and no git output is hidden from the user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from coachcli.core.errors import SyncError


@dataclass(frozen=True)
class Git:
    root: Path

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        exe = shutil.which("git")
        if exe is None:
            raise SyncError("git is not installed (coach sync uses your own git)")
        env = dict(os.environ, GIT_TERMINAL_PROMPT=os.environ.get("GIT_TERMINAL_PROMPT", "0"))
        done = subprocess.run(
            [exe, *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            check=False,
            umask=0o077,  # what git writes (checkouts, objects) is the user's alone: 0600/0700
        )
        if check and done.returncode != 0:
            said = (done.stderr or done.stdout).strip().splitlines()
            raise SyncError(
                f"git {args[0]} failed: {said[-1] if said else f'exit {done.returncode}'}",
                hint="\n".join(said[:-1][-5:]) or None,
            )
        return done

    def out(self, *args: str) -> str:
        return self.run(*args).stdout.strip()

    def ok(self, *args: str) -> bool:
        return self.run(*args, check=False).returncode == 0

    def is_repo(self) -> bool:
        return (self.root / ".git").exists()

    def git_dir(self) -> Path:
        return self.root / self.out("rev-parse", "--git-dir")
