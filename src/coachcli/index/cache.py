"""The index's front door: open it, bring it up to date, ask one question, close it.

The index (``db``) lives in the local cache folder (``storage.paths.index_path``), never in the
data folder; session files stay the only source of truth. Every read goes through ``ask``:

- the index is opened (a damaged file or something in its place is cleared away) and refreshed
  (``refresh``: only changed files are read again);
- a row or a set of rows its MACs do not vouch for (``Tampered``) makes it derive every row
  again from the files, then ask once more;
- when the index cannot be opened or written (read-only or full cache folder, a folder in its
  place), the files are read into an index in memory for this run, with one line on stderr.
  A read never fails because of the cache.

Writers keep it current: the store calls ``_store_changed`` after each session file it writes
or removes, which updates that one row. Standard library only on this path (no pydantic unless
a file has to be validated by the model).
"""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from coachcli.core.errors import CoachError, DamagedFileError, NoKeyError, ReadOnlyError
from coachcli.index import query
from coachcli.index.counts import Counted, by_person_month
from coachcli.index.db import Index, Meta, Tampered, Unavailable
from coachcli.index.opener import memory_index, open_index
from coachcli.index.query import Person, Problem
from coachcli.index.refresh import note_write, refresh
from coachcli.index.rows import ACTION_KEYS, ROW_KEYS, IndexRow, OpenRow, session_row
from coachcli.storage import paths
from coachcli.storage import store as store_module
from coachcli.storage.agefile import NO_KEY_DETAIL, NO_KEY_HINT

if TYPE_CHECKING:
    from pathlib import Path

    from coachcli.storage.store import Store

__all__ = [
    "ACTION_KEYS",
    "ROW_KEYS",
    "ask",
    "load_open_rows",
    "load_report_rows",
    "load_rows",
    "rebuild",
    "session_row",
]

T = TypeVar("T")
_warned: set[str] = set()


def _say_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        print(f"coach: {message}", file=sys.stderr)


def _remove_legacy(store: Store) -> None:
    """The JSON index files older versions kept in the data folder: derived, so removed."""
    for name in paths.LEGACY_INDEX_NAMES:
        path = store.root / name
        try:
            if not stat.S_ISDIR(os.lstat(path).st_mode):
                os.unlink(path)
        except OSError:
            continue


def _open(store: Store) -> Index:
    if not store.sessions_dir.is_dir():
        return memory_index(store.root)  # no sessions: nothing to keep, nothing created
    try:
        ix, created = open_index(store.root, paths.index_path(store.root))
    except Unavailable as exc:
        _say_once(f"cannot use the index ({exc}); reading the session files directly")
        return memory_index(store.root)
    if created:
        _remove_legacy(store)
    return ix


def ask(
    store: Store,
    question: Callable[[Index, Meta], T],
    *,
    full: bool = False,
    hot_question: Callable[[Index, Meta, Path], T] | None = None,
) -> T:
    """``question(index, meta)`` on an up-to-date index of ``store``.

    ``hot_question`` (a listing of the hot rows) is asked first instead, given the sessions
    folder: it checks each hot file as it reads its row, so the refresh leaves them out; if one
    changed behind coach's back (``query.Stale``), the index is brought up to date with every
    hot file checked and ``question`` is asked."""
    ix = _open(store)
    folder = store.sessions_dir
    try:
        if hot_question is not None:
            try:
                meta = refresh(ix, folder, full=full, hot_checked=True)
                return hot_question(ix, meta, folder)
            except (query.Stale, Tampered, sqlite3.Error):
                pass  # the checked way below says what is wrong, once
        for attempt in range(3):
            try:
                meta = refresh(ix, folder, full=full)
                return question(ix, meta)
            except Tampered:
                if attempt:
                    raise
                _say_once("the index did not match its own checks; rebuilt from the files")
                ix.reset()
                full = True
            except sqlite3.Error as exc:
                if ix.path is None:
                    raise
                _say_once(f"cannot use the index ({exc}); reading the session files directly")
                ix.close()
                ix = memory_index(store.root)
                full = True
        raise AssertionError("unreachable")
    finally:
        ix.close()


def _errors(store: Store, problems: list[Problem]) -> list[CoachError]:
    errors: list[CoachError] = []
    for problem in problems:
        path = store.sessions_dir / problem["file"]
        if problem["kind"] == "read_only":
            exc = ReadOnlyError(
                f"{path}: {problem['detail']}", hint="upgrade coachcli to read or change it"
            )
            exc.path = path  # as coachcli.storage.store sets it
            errors.append(exc)
        elif problem["detail"].startswith(NO_KEY_DETAIL):
            errors.append(NoKeyError(path, problem["detail"], hint=NO_KEY_HINT))
        else:
            errors.append(DamagedFileError(path, problem["detail"], hint="run `coach doctor`"))
    return errors


def load_open_rows(
    store: Store, convert: Callable[[OpenRow], Iterable[T]] | None = None
) -> tuple[list, list[CoachError], list[Person]]:
    """What ``coach followup`` and ``coach start`` need: sessions with open items (only those
    items; with ``convert``, what it makes of each row, see ``query.hot``), the errors of
    unreadable files, and the people summary."""

    def question(ix: Index, meta: Meta, folder: Path | None = None):
        rows, problems = query.hot(ix, meta, convert, folder)
        return rows, problems, query.people(ix, meta)

    rows, problems, people = ask(store, question, hot_question=question)
    return rows, _errors(store, problems), people


def load_open_items(
    store: Store, convert: Callable[[OpenRow], Iterable[T]] | None = None
) -> tuple[list, list[CoachError]]:
    """Sessions with open items (only those items) and the errors: ``coach followup``. With
    ``convert``, what it makes of each row instead of the rows (see ``query.hot``)."""
    rows, problems = ask(
        store,
        lambda ix, meta: query.hot(ix, meta, convert),
        hot_question=lambda ix, meta, folder: query.hot(ix, meta, convert, folder),
    )
    return rows, _errors(store, problems)


def load_people(store: Store) -> list[Person]:
    return ask(store, query.people)


def find_items(store: Store, prefix: str) -> list[OpenRow]:
    """Rows holding the items whose id starts with ``prefix``, each with only those items
    (``coach followup done ID``: one indexed look-up, not every row).

    When no readable session holds it but some file cannot be read, that file's error is
    raised (damaged: exit 3, newer: exit 7), not "not found". An item id held by two session
    files (a copied file) is refused, naming both files:
    changing one copy and saying "done" would claim a change that did not happen.
    """

    def question(ix: Index, meta: Meta):
        return query.item_rows(ix, meta, prefix), query.problems(ix, meta)

    pairs, problems = ask(store, question)
    if not pairs and problems:
        # The item may be in a file that cannot be read: say which, not "no such item".
        raise _errors(store, problems)[0]
    where: dict[str, str] = {}
    for row, action in pairs:
        first = where.setdefault(action["id"], row["id"])
        if first != row["id"]:
            raise DamagedFileError(
                store.sessions_dir / f"{row['id']}.json",
                f"holds item {action['id']}, as does {first}.json (a copied session?)",
                hint="run `coach doctor`; move the copy out of the store",
            )
    return [
        {"id": row["id"], "person": row["person"], "started_at": row["started_at"], "actions": [a]}
        for row, a in pairs
    ]


def item_ids(store: Store) -> list[str]:
    """Every item id in the store (a new item's id is made unlike them)."""
    return ask(store, query.item_ids)


def find_session_ids(store: Store, prefix: str) -> list[str]:
    """Ids of readable sessions starting with ``prefix``."""
    return ask(store, lambda ix, meta: query.session_ids(ix, meta, prefix))


def session_lines(
    store: Store,
    *,
    pkey: str | None = None,
    since: str | None = None,
    until: str | None = None,
    last: int | None = None,
) -> tuple[list[query.SessionLine], int, list[CoachError]]:
    """``coach sessions``: one line per readable session (oldest first; only the ``last`` N
    when given), how many match in all, and the errors."""

    def question(ix: Index, meta: Meta):
        lines, total = query.session_lines(ix, meta, pkey=pkey, since=since, until=until, last=last)
        return lines, total, query.problems(ix, meta)

    lines, total, problems = ask(store, question)
    return lines, total, _errors(store, problems)


def load_rows(store: Store) -> tuple[list[IndexRow], list[CoachError]]:
    """Every readable session's row, oldest first, and a note-free error per unreadable file."""

    def question(ix: Index, meta: Meta):
        return query.rows(ix, meta), query.problems(ix, meta)

    rows, problems = ask(store, question)
    return rows, _errors(store, problems)


def load_session_keys(store: Store) -> tuple[list[query.SessionKey], list[CoachError]]:
    """Every readable session's id, person and start (oldest first), and the errors: what
    ``coach show`` and ``coach export`` need to find a session, without decoding any row."""

    def question(ix: Index, meta: Meta):
        return query.session_keys(ix, meta), query.problems(ix, meta)

    keys, problems = ask(store, question)
    return keys, _errors(store, problems)


def load_report_rows(
    store: Store, *, write: bool = True, whole_months: bool = False
) -> tuple[list[Counted], list[CoachError]]:
    """Every readable conversation as the report counts it; with ``whole_months``, summed per
    person and month (the same figures for any period made of whole months).

    With ``write=False`` (another supervisor's store, read as untrusted input) no cache is used
    or written: its files are read into an index in memory.
    """

    def question(ix: Index, meta: Meta):
        return query.counted(ix, meta), query.problems(ix, meta)

    if write:
        conversations, problems = ask(store, question)
    else:
        ix = memory_index(store.root)
        try:
            conversations, problems = question(ix, refresh(ix, store.sessions_dir, full=True))
        finally:
            ix.close()
    if whole_months:
        conversations = by_person_month(conversations)
    return conversations, _errors(store, problems)


def rebuild(store: Store) -> None:
    """Check every session file again (``coach doctor``)."""
    ask(store, lambda ix, meta: None, full=True)


def _store_changed(store: Store, name: str, before_mtime: int) -> None:
    """The store wrote or removed ``sessions/name`` (its lock is held): update that row only."""
    path = paths.index_path(store.root)
    if not (os.path.isfile(path) or os.path.isfile(f"{path}.age")):  # plain or encrypted
        return  # no index yet: the next read builds it
    try:
        ix, _ = open_index(store.root, path)
    except Unavailable:
        return
    try:
        note_write(ix, store.sessions_dir, name, before_mtime)
    except (sqlite3.Error, OSError, CoachError):
        pass  # the folder's mtime moved: the next read checks every file
    finally:
        ix.close()


if _store_changed not in store_module.WATCHERS:
    store_module.WATCHERS.append(_store_changed)
