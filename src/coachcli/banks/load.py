"""Question banks: finding, loading and listing them, and rotating their questions.

Built-in banks ship inside the package (``coachcli/prompts``); user banks live in
``$COACH_HOME/banks`` and a user bank replaces the built-in bank of the same name. A bank file is
read with ``storage.yamlsafe``. A load returns ``banks.parts`` records: built straight from the
data by ``banks.plaincheck`` when it is surely valid (no pydantic, which would be most of a
scripted ``coach start``), otherwise validated with the models in ``banks.model``, so every
problem is reported as ``FILE:LINE:COL: FIELD.PATH: message`` without quoting the file's text,
exactly as the model sees it. See docs/banks.md.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachcli.banks.parts import (
    DEFAULT_PURPOSES,
    NAME_PATTERN,
    PHASES,
    SKILLS,
    Bank,
    Question,
    from_model,
)
from coachcli.banks.plaincheck import plain_bank
from coachcli.core.errors import BankError, NotFoundError
from coachcli.core.sanitize import one_line
from coachcli.storage import paths
from coachcli.storage.readfile import folder_entries
from coachcli.storage.skipped import Skipped
from coachcli.storage.yamlsafe import MAX_BYTES, Positions, bank_error, format_path

if TYPE_CHECKING:
    from importlib.abc import Traversable

__all__ = [
    "DEFAULT_PURPOSES",
    "PHASES",
    "SKILLS",
    "Bank",
    "BankInfo",
    "Question",
    "Skipped",
    "bank_json_schema",
    "builtin_banks_dir",
    "list_banks",
    "load_bank",
    "load_bank_file",
    "locate_bank",
    "rotate",
    "user_banks_dir",
]

SUFFIX = ".yaml"
BUILT_IN = "built-in"
USER = "user"
USER_REPLACES = "user (replaces built-in)"
_NAME = re.compile(NAME_PATTERN)


@dataclass(frozen=True)
class BankInfo:
    name: str
    title: str
    kind: str
    source: str  # "built-in" | "user" | "user (replaces built-in)"
    path: Path | Traversable
    questions: int


def builtin_banks_dir() -> Traversable:
    """The built-in banks shipped inside the package (``coachcli/prompts``)."""
    from importlib.resources import files

    return files("coachcli") / "prompts"


def user_banks_dir() -> Path:
    """The user's own banks: ``$COACH_HOME/banks`` (``coach bank path``)."""
    return paths.banks_dir()


# -- loading ------------------------------------------------------------------------------------

_FRIENDLY = {
    "extra_forbidden": "unknown field",
    "missing": "required field is missing",
    "dict_type": "must be a mapping (key: value lines)",
    "model_type": "must be a mapping (key: value lines)",
    "model_attributes_type": "must be a mapping (key: value lines)",
    "list_type": "must be a list",
    "string_type": "must be text, not a list or mapping",
}


def _problems(exc: Any, positions: Positions) -> list[tuple[tuple[int, int], str, str]]:
    """(position, field path, message) for each error, without the offending values."""
    from coachcli.banks.model import BankRules  # loaded already: the model raised ``exc``

    out = []
    for err in exc.errors(include_input=False, include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, BankRules):
            for sub, message in cause.problems:
                out.append((positions.value((*loc, *sub)), format_path((*loc, *sub)), message))
            continue
        if loc and loc[-1] == "[key]":  # a dict key outside the allowed set (phases)
            loc = loc[:-1]
            message = f"unknown phase; expected one of: {', '.join(PHASES)}"
            out.append((positions.key(loc), format_path(loc), message))
            continue
        message = _FRIENDLY.get(kind) or str(err["msg"]).removeprefix("Value error, ")
        if kind == "literal_error":
            expected = str(err["ctx"]["expected"]).replace("' or '", "', '")
            message = "must be one of: " + expected.replace("'", "")
        pos = positions.key(loc) if kind == "extra_forbidden" else positions.value(loc)
        out.append((pos, format_path(loc), message))
    return sorted(out, key=lambda item: item[0])


def parse_bank(data: bytes, filename: str, stem: str | None = None) -> Bank:
    """Validate ``data`` as a bank named ``stem``; ``BankError`` lists every problem found.

    The error's message is the first problem; ``.problems`` holds them all, one line each.
    A bank the plain check is sure of is built without pydantic; any other goes through the
    model, for its verdict and its messages.
    """
    from coachcli.storage.yamlsafe import load_yaml_with_positions

    raw, positions = load_yaml_with_positions(data, filename)
    bank = plain_bank(raw, stem)
    return bank if bank is not None else _model_bank(raw, positions, filename, stem)


def _model_bank(raw: Any, positions: Positions, filename: str, stem: str | None) -> Bank:
    """``raw`` validated with the pydantic model: its records, or every problem as a
    ``BankError``."""
    from pydantic import ValidationError

    from coachcli.banks.model import Bank as BankModel

    try:
        return from_model(BankModel.model_validate(raw, context={"stem": stem}))
    except ValidationError as exc:
        found = _problems(exc, positions) or [((1, 1), "(top)", "not a valid bank")]
    error = bank_error(filename, found[0][0], f"{found[0][1]}: {found[0][2]}")
    error.problems = [f"{filename}:{p[0]}:{p[1]}: {f}: {m}" for p, f, m in found]
    if len(found) > 1:
        error.hint = f"{len(found)} problems; `coach bank validate {filename}` shows them all"
    raise error


def _read(path: Path | Traversable, filename: str, *, follow: bool = False) -> bytes:
    """A bank file's bytes. A file on disk is read through ``storage.readfile``: a regular file
    only (a FIFO or device in the banks folder is refused, never waited on), at most
    ``MAX_BYTES``, and a symbolic link only when ``follow`` (a file the user named; links in
    the banks folder are not followed, like every link in the store)."""
    if not isinstance(path, Path):  # a built-in bank inside the package
        try:
            with path.open("rb") as fh:
                return fh.read(MAX_BYTES + 1)
        except FileNotFoundError:
            raise NotFoundError(f"{filename}: no such file") from None
        except OSError as exc:
            raise BankError(filename, f"cannot read: {exc.strerror or exc}") from None
    from coachcli.core.errors import DamagedFileError
    from coachcli.storage.readfile import read_bounded

    try:
        return read_bounded(path, MAX_BYTES, follow=follow)
    except NotFoundError:
        raise NotFoundError(f"{filename}: no such file") from None
    except DamagedFileError as exc:
        if exc.detail.startswith("larger than"):
            raise bank_error(
                filename,
                (1, 1),
                f"file is larger than {MAX_BYTES // 1024} KiB; refusing to read it",
            ) from None
        if exc.detail.startswith("a folder"):
            raise BankError(filename, "is a folder, not a bank file") from None
        raise BankError(filename, exc.detail) from None


def load_bank_file(path: Path, *, follow: bool = True) -> Bank:
    """Load and validate one bank file; its ``name`` must equal the file name's stem.

    ``follow``: read it even if it is a symbolic link (a file the user named; ``load_bank``
    passes False for the banks folder)."""
    filename = str(path)
    return parse_bank(_read(path, filename, follow=follow), filename, stem=Path(path.name).stem)


def _bank_files(folder: Path | Traversable) -> dict[str, Path | Traversable]:
    return {
        entry.name[: -len(SUFFIX)]: entry
        for entry in folder_entries(folder)
        if entry.name.endswith(SUFFIX) and _NAME.match(entry.name[: -len(SUFFIX)])
    }


def locate_bank(name: str) -> tuple[Path | Traversable, str] | None:
    """Where bank ``name`` would be loaded from, and its source label; None if nowhere."""
    if not _NAME.match(name):
        return None
    builtin = builtin_banks_dir() / f"{name}{SUFFIX}"
    has_builtin = builtin.is_file()
    user = user_banks_dir() / f"{name}{SUFFIX}"
    if os.path.lexists(user):  # a link, FIFO or folder there is a user file that does not load
        return user, USER_REPLACES if has_builtin else USER
    if has_builtin:
        return builtin, BUILT_IN
    return None


def available_names() -> list[str]:
    """Names of every bank file present (valid or not), built-in and user."""
    return sorted(set(_bank_files(builtin_banks_dir())) | set(_bank_files(user_banks_dir())))


def load_bank(name: str, on_skip: Callable[[Skipped], None] | None = None) -> Bank:
    """Bank ``name``: the user's file if there is one, else the built-in one.

    A broken user file never stops a built-in bank from loading: when the user's file that
    replaces a built-in does not load, the built-in is used and ``on_skip`` is told which file
    was skipped and why (without a callback the error is raised, as for any other bank).
    """
    found = locate_bank(name)
    if found is None:
        names = ", ".join(available_names()) or "none"
        raise NotFoundError(
            f"no bank named {one_line(name, 40)!r}; available: {names}",
            hint="`coach bank list` shows them; `coach bank new NAME` starts your own",
        )
    path, source = found
    if isinstance(path, Path):
        try:
            return load_bank_file(path, follow=False)
        except BankError as exc:
            if source != USER_REPLACES:
                raise
            if on_skip is None:
                exc.hint = (
                    f"this file replaces the built-in bank {name!r}; fix it, or move it out of "
                    f"{user_banks_dir()} to use the built-in one"
                )
                raise
            on_skip(Skipped(path, f"{exc.detail} (the built-in bank {name!r} is used instead)"))
            path = builtin_banks_dir() / f"{name}{SUFFIX}"
    return parse_bank(_read(path, str(path)), str(path), stem=name)


def list_banks() -> tuple[list[BankInfo], list[Skipped]]:
    """Every bank that loads, and every bank file that does not (with the reason).

    A broken user file never stops the other banks from loading. A broken user file that would
    replace a built-in bank is listed in ``Skipped`` and the built-in is listed as loaded, as
    ``load_bank`` (with ``on_skip``) would load it.
    """
    banks: list[BankInfo] = []
    skipped: list[Skipped] = []
    builtins = _bank_files(builtin_banks_dir())
    users: dict[str, Path] = {}
    for entry in folder_entries(user_banks_dir()):
        if entry.name.startswith(".") or not isinstance(entry, Path) or entry.is_dir():
            continue  # a link to a folder is not listed; a link to a file is, and refused
        stem, suffix = entry.name.rsplit(".", 1) if "." in entry.name else (entry.name, "")
        if suffix == "yml":
            skipped.append(Skipped(entry, "bank files end in .yaml; rename it"))
        elif suffix == "yaml" and not _NAME.match(stem):
            skipped.append(
                Skipped(entry, "the file name is not a bank name (a-z, 0-9 and -, up to 40)")
            )
        elif suffix == "yaml":
            users[stem] = entry
    for name in sorted(set(builtins) | set(users)):
        path: Path | Traversable
        if name in users:
            path, source = users[name], USER_REPLACES if name in builtins else USER
        else:
            path, source = builtins[name], BUILT_IN
        try:
            bank = parse_bank(_read(path, str(path)), str(path), stem=name)
        except (BankError, NotFoundError) as exc:
            reason = getattr(exc, "detail", None) or exc.message
            if source != USER_REPLACES:
                skipped.append(Skipped(path, reason))
                continue
            skipped.append(Skipped(path, f"{reason} (the built-in bank {name!r} is used instead)"))
            path, source = builtins[name], BUILT_IN
            bank = parse_bank(_read(path, str(path)), str(path), stem=name)
        banks.append(BankInfo(name, bank.title, bank.kind, source, path, len(bank.questions)))
    return banks, skipped


def bank_json_schema() -> dict[str, Any]:
    """The JSON Schema of a bank file, made from the pydantic models (``banks.model``)."""
    from coachcli.banks.model import bank_json_schema as from_models

    return from_models()


# -- rotation -----------------------------------------------------------------------------------


def rotate(questions: Sequence[Question], recent_ids: Sequence[str]) -> list[Question]:
    """Order questions to offer: evergreen ones first, then those not asked recently (bank
    order), then those asked before, least recently asked first.

    ``recent_ids`` is ordered most recent first (duplicates count at their most recent place).
    """
    last_asked: dict[str, int] = {}
    for index, qid in enumerate(recent_ids):
        last_asked.setdefault(qid, index)
    evergreen = [q for q in questions if q.evergreen]
    fresh = [q for q in questions if not q.evergreen and q.id not in last_asked]
    asked = [q for q in questions if not q.evergreen and q.id in last_asked]
    asked.sort(key=lambda q: -last_asked[q.id])  # stable: ties keep bank order
    return [*evergreen, *fresh, *asked]
