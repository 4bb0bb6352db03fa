"""Finding and loading practice scenarios: built-in ones and the user's own.

Built-in scenarios ship in the package (``coachcli/prompts/scenarios``); the user's own live in
``<coach bank path>/scenarios`` and one with a built-in's id replaces it. Files are read with the
strict YAML loader (``storage.yamlsafe``: no tags, anchors or aliases, size and depth caps) and
validated by ``practice.schema``; a broken file is refused with ``FILE:LINE:COL: field: message``
and never stops the others from loading.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from coachcli.core.errors import BankError, NotFoundError
from coachcli.core.sanitize import one_line
from coachcli.practice.scenario import Scenario
from coachcli.storage import paths
from coachcli.storage.readfile import folder_entries
from coachcli.storage.skipped import Skipped

if TYPE_CHECKING:
    from importlib.abc import Traversable

MAX_SCENARIO_BYTES = 64 * 1024
MAX_USER_FILES = 500
SUFFIX = ".yaml"
BUILT_IN = "built-in"
USER = "user"
_STEM = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")


def builtin_dir() -> Traversable:
    from importlib.resources import files

    return files("coachcli") / "prompts" / "scenarios"


def user_dir() -> Path:
    """``<coach bank path>/scenarios``."""
    return paths.banks_dir() / "scenarios"


def _read(path: Path | Traversable, filename: str) -> bytes:
    from coachcli.storage.yamlsafe import bank_error

    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_SCENARIO_BYTES + 1)
    except FileNotFoundError:
        raise NotFoundError(f"{filename}: no such file") from None
    except IsADirectoryError:
        raise BankError(filename, "is a folder, not a scenario file") from None
    except OSError as exc:
        raise BankError(filename, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_SCENARIO_BYTES:
        limit = MAX_SCENARIO_BYTES // 1024
        raise bank_error(filename, (1, 1), f"file is larger than {limit} KiB; refusing to read it")
    return data


def parse_scenario(data: bytes, filename: str, stem: str | None = None) -> Scenario:
    """Validate ``data``; ``BankError`` (exit 3) names the first problem, ``.problems`` all."""
    from coachcli.practice.schema import validate
    from coachcli.storage.yamlsafe import bank_error, load_yaml_with_positions

    raw, positions = load_yaml_with_positions(data, filename)
    scenario, found = validate(raw, positions, stem)
    if scenario is not None:
        return scenario
    error = bank_error(filename, found[0][0], f"{found[0][1]}: {found[0][2]}")
    error.problems = [f"{filename}:{p[0]}:{p[1]}: {f}: {m}" for p, f, m in found]
    if len(found) > 1:
        error.hint = f"{len(found)} problems; `coach practice --validate {filename}` shows them all"
    raise error


def load_scenario_file(path: Path) -> Scenario:
    """One file, validated; its ``id`` must equal the file name's stem."""
    filename = str(path)
    scenario = parse_scenario(_read(path, filename), filename, stem=Path(path.name).stem)
    return replace(scenario, source=USER)


def _user_files(skipped: list[Skipped]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for entry in folder_entries(user_dir())[:MAX_USER_FILES]:
        if entry.name.startswith(".") or not isinstance(entry, Path) or not entry.is_file():
            continue
        stem, _, suffix = entry.name.rpartition(".")
        if suffix == "yml":
            skipped.append(Skipped(entry, "scenario files end in .yaml; rename it"))
        elif suffix == "yaml" and not _STEM.match(stem):
            skipped.append(Skipped(entry, "the file name is not a scenario id (a-z, 0-9 and -)"))
        elif suffix == "yaml":
            found[stem] = entry
    return found


def _builtin_files() -> dict[str, Path | Traversable]:
    return {
        e.name[: -len(SUFFIX)]: e
        for e in folder_entries(builtin_dir())
        if e.name.endswith(SUFFIX) and _STEM.match(e.name[: -len(SUFFIX)])
    }


def list_scenarios() -> tuple[list[Scenario], list[Skipped]]:
    """Every scenario that loads (built-in first, then the user's), and every file that did not.

    A user file with a built-in's id replaces it; if it is broken, the built-in is used and the
    file is listed as skipped.
    """
    skipped: list[Skipped] = []
    users = _user_files(skipped)
    builtins = _builtin_files()
    out: list[Scenario] = []
    for sid in [*builtins, *sorted(set(users) - set(builtins))]:
        if sid in users:
            try:
                out.append(load_scenario_file(users[sid]))
                continue
            except (BankError, NotFoundError) as exc:
                reason = getattr(exc, "detail", None) or exc.message
                if sid in builtins:
                    reason += " (the built-in scenario is used instead)"
                skipped.append(Skipped(users[sid], reason))
                if sid not in builtins:
                    continue
        path = builtins[sid]
        out.append(parse_scenario(_read(path, str(path)), str(path), stem=sid))
    return out, skipped


def locate(sid: str) -> tuple[Path | Traversable, str] | None:
    """Where scenario ``sid`` would be read from (the user's file first), without reading it."""
    if not _STEM.match(sid):
        return None
    user = user_dir() / f"{sid}{SUFFIX}"
    if user.is_file():
        return user, USER
    builtin = builtin_dir() / f"{sid}{SUFFIX}"
    return (builtin, BUILT_IN) if builtin.is_file() else None


def require(sid: str) -> None:
    """``NotFoundError`` (exit 8) naming some scenarios when ``sid`` is none of them."""
    if locate(sid) is None:
        known = sorted(set(_builtin_files()) | set(_user_files([])))
        shown = ", ".join(known[:8]) + (", …" if len(known) > 8 else "")
        raise NotFoundError(
            f"no practice scenario named {one_line(sid, 40)!r}; available: {shown or 'none'}",
            hint="`coach practice --list` shows them all",
        )


def load_scenario(sid: str) -> Scenario:
    """Scenario ``sid``: the user's file if there is one, else the built-in one."""
    require(sid)
    path, source = locate(sid) or (builtin_dir(), BUILT_IN)
    if isinstance(path, Path) and source == USER:
        try:
            return load_scenario_file(path)
        except BankError as exc:
            if (builtin_dir() / f"{sid}{SUFFIX}").is_file():
                exc.hint = (
                    f"this file replaces the built-in scenario {sid!r}; fix it, or move it out "
                    f"of {user_dir()} to use the built-in one"
                )
            raise
    return parse_scenario(_read(path, str(path)), str(path), stem=sid)
