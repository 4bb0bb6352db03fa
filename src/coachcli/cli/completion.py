"""Shell completion: `coach completion bash|zsh|fish` and the values completed from your data.

The shell runs ``coach`` with ``_COACH_COMPLETE=complete_bash`` (``COMP_WORDS``/``COMP_CWORD``;
zsh and fish pass ``_TYPER_COMPLETE_ARGS``) and typer asks the functions below for the values of
``--person``, ``--bank``, ``SESSION_ID``, ``ITEM_ID`` and so on. They read the derived index
(plain JSON; pydantic only if a session file changed since it was written) and list bank files
by name: no rich, no yaml, no bank validation, so a <Tab> costs about as much as ``--help``.
Nothing here ever prints an error: a store that cannot be read completes nothing.
"""

import os
import sys
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

import typer

SHELLS = ("bash", "zsh", "fish")
MAX_HELP = 60


def _bash() -> bool:
    return os.environ.get("_COACH_COMPLETE", "").endswith("_bash")


def _value(text: str) -> str:
    """One completion value: controls and newlines gone (they would break the shell protocol);
    bash inserts what it gets, so spaces are escaped there."""
    from coachcli.core.sanitize import clean

    flat = " ".join(clean(text).split())
    if _bash():
        for char in "\\ '\"$`&;|()<>*?[]!{}#~":
            flat = flat.replace(char, "\\" + char)
    return flat


def _help(text: str) -> str:
    from coachcli.core.sanitize import cut

    return cut(text, MAX_HELP)


def _matches(candidate: str, incomplete: str) -> bool:
    return candidate.startswith(incomplete.replace("\\ ", " ").strip("'\""))


def _rows(*, open_only: bool = False) -> Sequence[Mapping[str, Any]]:
    """Index rows: every session's, or (``open_only``) the fast section's: sessions with open
    items, each with only those, plus one entry per person; both without reading a session."""
    try:
        from coachcli.index.cache import load_open_rows, load_rows
        from coachcli.storage.store import Store

        store = Store.default()
        if not store.sessions_dir.is_dir():
            return []
        if open_only:
            open_rows, _errors, known = load_open_rows(store)
            return [
                *open_rows,
                *({"person": p["person"], "started_at": p.get("last")} for p in known),
            ]
        rows, _errors = load_rows(store)
    except Exception:  # completion must never print a stack into the user's prompt
        return []
    return rows


def people(incomplete: str) -> list[str]:
    """Everyone with a session, most recent first."""
    rows = [r for r in _rows(open_only=True) if "actions" not in r]  # the per-person entries
    rows.sort(key=lambda r: str(r.get("started_at") or ""), reverse=True)
    seen: dict[str, str] = {}
    for row in rows:
        name = " ".join(str(row.get("person", "")).split())
        if name and name.casefold() not in seen and _matches(name, incomplete):
            seen[name.casefold()] = name
    return [_value(name) for name in seen.values()]


def sessions(incomplete: str) -> list[tuple[str, str]]:
    """Session ids, newest first, with date and person as the help."""
    rows = sorted(_rows(), key=lambda r: r.get("started_at") or "", reverse=True)
    return [
        (row["id"], _help(f"{str(row.get('started_at', ''))[:10]} {row.get('person', '')}"))
        for row in rows
        if isinstance(row.get("id"), str) and row["id"].startswith(incomplete)
    ]


def _items(incomplete: str, *, open_: bool) -> list[tuple[str, str]]:
    out = []
    for row in _rows(open_only=open_):
        for action in row.get("actions") or ():
            if not isinstance(action, dict) or not isinstance(action.get("id"), str):
                continue
            if (action.get("status") == "open") != open_:
                continue
            if action["id"].startswith(incomplete):
                out.append((action["id"], _help(f"{row.get('person', '')}: {action['text']}")))
    return out


def open_items(incomplete: str) -> list[tuple[str, str]]:
    """Ids of open action items (done, partly, drop, due), with person and text as the help."""
    return _items(incomplete, open_=True)


def closed_items(incomplete: str) -> list[tuple[str, str]]:
    """Ids of closed action items (reopen)."""
    return _items(incomplete, open_=False)


def bank_names(incomplete: str) -> list[str]:
    """Built-in and your own bank names, from the file names (nothing is parsed)."""
    from pathlib import Path

    from coachcli.storage.paths import banks_dir

    names: set[str] = set()
    folders = [Path(__file__).resolve().parent.parent / "prompts", banks_dir()]
    for folder in folders:
        try:
            for entry in os.scandir(folder):
                stem, dot, ext = entry.name.rpartition(".")
                if dot and ext in ("yaml", "yml") and stem and not stem.startswith("."):
                    names.add(stem)
        except OSError:
            continue
    return sorted(n for n in names if n.startswith(incomplete))


def shells(incomplete: str) -> list[str]:
    return [name for name in SHELLS if name.startswith(incomplete)]


def completion(
    shell: Annotated[
        str,
        typer.Argument(
            metavar="bash|zsh|fish",
            help="The shell to print the completion script for.",
            autocompletion=shells,
        ),
    ],
) -> int:
    """Print the completion script for your shell; it completes commands, options, people,
    session ids, open item ids and bank names.

    \b
    Examples:
      coach completion bash > ~/.local/share/bash-completion/completions/coach
      coach completion zsh > "${fpath[1]}/_coach"
      coach completion fish > ~/.config/fish/completions/coach.fish
      eval "$(coach completion bash)"     (this shell only)
    (coach --install-completion does the same for the shell you are in.)
    """
    from typer.completion import get_completion_script

    from coachcli.core.errors import UsageError

    if shell not in SHELLS:
        raise UsageError(f"unknown shell {shell!r}: choose bash, zsh or fish")
    script = get_completion_script(prog_name="coach", complete_var="_COACH_COMPLETE", shell=shell)
    sys.stdout.write(script.rstrip("\n") + "\n")
    return 0


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("completion")(completion)
