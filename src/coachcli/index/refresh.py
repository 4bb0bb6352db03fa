"""Keeping the index true to the session files, one file at a time.

The rule (docs/index.md):

- Every listing ``lstat``s the "hot" files: those with open items and those that could not be
  read. What ``coach followup`` shows is therefore always checked against its file.
- Every listing also ``lstat``s its turn of the other files: 1/``SLICE_SHARE`` of them (at least
  ``SLICE_MIN``), in name order from where the previous listing stopped, so every file is
  checked within ``SLICE_SHARE`` listings.
- Every file is ``lstat``ed again (a full check) when the sessions folder's mtime differs from
  the one recorded at the last full check (a file was added, removed or replaced: coach, editors
  and sync tools all save by replacing), when the current round of turns began more than
  ``FULL_CHECK_SECONDS`` ago, after a cold or interrupted build, and by ``coach doctor``.
- coach's own writes update their file's row at once (``note_write``, called by the store under
  its lock), and move the recorded folder mtime on only when nothing else changed it meanwhile.
- A file whose identity (inode, size, mtime, ctime) differs from its row is read again. The
  ctime cannot be set back by any tool, so an edit in place is never mistaken for "unchanged".

Rows are written in batches, each in one transaction that first re-checks every file it is about
to describe: a row parsed before a file was changed or deleted (``coach forget``) is dropped, so
a slow reader never writes back what a writer removed. A killed build resumes where it stopped.
A build of thousands of files reads them on several processes (each sends its rows ready to
store, MAC'd, at most ``AHEAD`` batches ahead of the writes) and makes the indexes whose keys
come in random order once at its end (``db.LATE_INDEXES``); a stopped one leaves the index
incomplete, so the next refresh finishes the build and makes them.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from coachcli.core.errors import DamagedFileError
from coachcli.core.ids import SESSION_FILE_NAMES
from coachcli.index.db import Index, Meta, Prepared, prepare, prepared_identity, use_bulk_encoder
from coachcli.index.derive import (
    derive,
    identity,
    open_folder,
    stat_entry,
    use_written_decoder,
)
from coachcli.index.query import PEOPLE, person_facts

FULL_CHECK_SECONDS = 3600.0  # a round of slices older than this: check every file now
# Each listing also checks 1/128 of the files without open items, in turn (at least SLICE_MIN):
# 781 at 100,000 sessions. A quarter of that share cost a warm followup 50 ms more there (each
# turn reads other pages of the index and other inodes, rarely still cached); a round takes
# longer, but the hourly full check bounds how long an edit in place can wait.
SLICE_SHARE = 128
SLICE_MIN = 256
BATCH = 1000  # files per transaction of a build
PROGRESS_AFTER = 0.3  # seconds before a build says what it is doing
PROGRESS_MIN_FILES = 200
PARALLEL_FROM = 4000  # files to read before a build uses more than one process
MAX_WORKERS = 4
LATE_INDEXES_FROM = 4000  # files to read before a build makes some indexes at its end
AHEAD = 2  # batches per worker read ahead of the writes, at most


def list_names(folder: Path) -> list[str] | None:
    """Session file names in ``folder``, sorted; None when there is no sessions folder."""
    try:
        listing = "\n".join(os.listdir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise DamagedFileError(
            folder, f"cannot list the folder: {exc.strerror or exc}", hint="run `coach doctor`"
        ) from None
    return sorted(SESSION_FILE_NAMES.findall(listing))


def folder_mtime(folder: Path) -> int:
    try:
        return os.stat(folder).st_mtime_ns
    except OSError:
        return -1


class Progress:
    """A line on stderr once a build has taken ``PROGRESS_AFTER`` seconds."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.started = time.monotonic()
        self.shown = False
        self.tty = sys.stderr.isatty()

    def update(self, done: int) -> None:
        if self.total < PROGRESS_MIN_FILES:
            return
        if time.monotonic() - self.started < PROGRESS_AFTER:
            return
        if self.tty:
            print(
                f"\rcoach: indexing session files {done:,}/{self.total:,}", end="", file=sys.stderr
            )
        elif not self.shown:
            print(
                f"coach: indexing {self.total:,} session files (once; it resumes if stopped)",
                file=sys.stderr,
            )
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            took = time.monotonic() - self.started
            end = "\r" if self.tty else ""
            print(
                f"{end}coach: indexed {self.total:,} session files in {took:.1f} s", file=sys.stderr
            )


def _write(ix: Index, meta: Meta, ready: list[Prepared], gone: list[str], fd, folder) -> int:
    """One transaction: re-check each file under SQLite's write lock, then store its row.
    Returns how many files changed while they were read (left for the next refresh)."""
    skipped = 0
    with ix.conn:
        _begin(ix, meta)
        same: list[Prepared] = []
        vanished: list[str] = []
        for item in ready:
            name = item[0][0]
            st = stat_entry(name, fd, folder)
            if st is None:
                vanished.append(name)
            elif identity(st) == prepared_identity(item):
                same.append(item)
            else:  # changed while it was read: the next refresh reads it again
                skipped += 1
        ix.put_many(meta, same)
        vanished += [name for name in gone if stat_entry(name, fd, folder) is None]
        ix.drop(meta, vanished)
        ix.save_meta(meta)
    return skipped


def _begin(ix: Index, meta: Meta) -> None:
    """Take SQLite's write lock and bring ``meta`` to what the index holds now: another
    process may have written since it was read, and its sums are kept."""
    ix.conn.execute("BEGIN IMMEDIATE")
    current = ix.meta()
    if current is not None:
        meta.__dict__.update(current.__dict__)


def _begin_build(ix: Index, meta: Meta) -> None:
    """Before writing many rows: drop the indexes made at the end (``db.LATE_INDEXES``) and
    mark the index incomplete, so a stopped build is finished (and they are made) next time."""
    with ix.conn:
        _begin(ix, meta)
        meta.complete = False
        ix.drop_late_indexes()
        ix.save_meta(meta)


def prepare_names(folder: str, names: list[str], key: bytes) -> list[Prepared | str]:
    """Read and prepare session files, their rows MAC'd under ``key`` (in a worker process
    during a big build); the name of each file that no longer exists."""
    path = Path(folder)
    with open_folder(path) as fd:
        out: list[Prepared | str] = []
        for name in names:
            state = derive(name, fd, path)
            out.append(name if state is None else prepare(state, key))
        return out


def _prepared(folder: Path, todo: list[str], key: bytes) -> Iterator[list[Prepared | str]]:
    """``prepare_names`` over ``todo`` in batches of ``BATCH``, in order; on several processes
    when there is much to read (a cold build), else in this one. At most ``AHEAD`` batches per
    worker wait to be stored, so memory stays bounded when reading outpaces writing."""
    batches = [todo[i : i + BATCH] for i in range(0, len(todo), BATCH)]
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if len(todo) < PARALLEL_FROM or workers < 2 or not sys.platform.startswith("linux"):
        for batch in batches:
            yield prepare_names(str(folder), batch, key)
        return
    import marshal
    import multiprocessing
    from collections import deque
    from multiprocessing.pool import AsyncResult

    context = multiprocessing.get_context("fork")
    with context.Pool(workers, _start_worker, (str(folder), key)) as pool:
        waiting: deque[AsyncResult] = deque()
        for batch in batches:
            waiting.append(pool.apply_async(_prepare_batch, (batch,)))
            if len(waiting) > AHEAD * workers:
                yield marshal.loads(waiting.popleft().get())
        while waiting:
            yield marshal.loads(waiting.popleft().get())


_job: tuple[str, bytes] = ("", b"")  # a worker's folder and MAC key (set as it starts)


def _start_worker(folder: str, key: bytes) -> None:
    global _job
    _job = (folder, key)
    use_written_decoder()  # thousands of files to read and write out: worth orjson's import
    use_bulk_encoder()


def _prepare_batch(names: list[str]) -> bytes:
    """A batch as ``marshal`` bytes: a third of the time ``pickle`` takes for these tuples."""
    import marshal

    return marshal.dumps(prepare_names(_job[0], names, _job[1]))


def refresh(ix: Index, folder: Path, *, full: bool = False, hot_checked: bool = False) -> Meta:
    """Bring ``ix`` up to date with the session files in ``folder``; return its meta.

    ``hot_checked``: the caller checks the hot files itself as it reads their rows
    (``query.hot`` with a folder, which raises ``Stale`` for one that changed), so a listing
    ``lstat``s each once; only the rolling slice is checked here."""
    meta = ix.meta() or ix.reset()
    building = not meta.complete  # a cold build, or one that was stopped
    started_at = time.time()
    dir_mtime = folder_mtime(folder)
    full = (
        full
        or not meta.complete
        or meta.dir_mtime_ns != dir_mtime
        or not (0 <= started_at - meta.checked_at < FULL_CHECK_SECONDS)
    )
    known = {} if hot_checked and not full else ix.identities(hot_only=not full)
    wrapped = False
    if not full and meta.rows:  # this listing's turn of the rolling check
        share, wrapped = ix.slice_after(meta.cursor, max(SLICE_MIN, meta.rows // SLICE_SHARE))
        known.update(share)
        head = [name for name in share if not wrapped or name <= meta.cursor]
        cursor = max(head, default="")
    names = list_names(folder) if full else sorted(known)
    if names is None:  # no sessions folder: no sessions
        if known or meta.rows:
            _write(ix, meta, [], list(known), None, folder)
        return meta
    with open_folder(folder) as fd:
        todo: list[str] = []
        gone: list[str] = []
        for name in names:
            if name not in known:  # no row yet: read it (one that is gone is dropped then)
                todo.append(name)
                continue
            st = stat_entry(name, fd, folder)
            if st is None:
                gone.append(name)
            elif known[name] != identity(st):
                todo.append(name)
        if full:
            listed = set(names)
            gone += [name for name in known if name not in listed]
        progress = Progress(len(todo))
        done = skipped = 0
        if gone:
            skipped += _write(ix, meta, [], gone, fd, folder)
        late = len(todo) >= LATE_INDEXES_FROM
        if late:  # made again below, or by the next refresh if this one is stopped
            _begin_build(ix, meta)
        for batch in _prepared(folder, todo, ix.key):
            ready = [item for item in batch if type(item) is tuple]
            vanished = [item for item in batch if type(item) is str]
            skipped += _write(ix, meta, ready, vanished, fd, folder)
            done += len(batch)
            progress.update(done)
        if late or building:
            ix.make_late_indexes()
        progress.finish()
    if skipped:
        return meta
    with ix.conn:
        ix.conn.execute("BEGIN IMMEDIATE")
        meta = ix.meta() or meta
        if full:
            meta.complete, meta.dir_mtime_ns = True, dir_mtime
            meta.checked_at, meta.cursor = started_at, ""
        elif meta.rows:
            meta.cursor = cursor
            if wrapped:  # every file has had its turn since checked_at: a new round begins
                meta.checked_at = started_at
        ix.save_meta(meta)
    return meta


def note_write(ix: Index, folder: Path, name: str, before_mtime: int) -> None:
    """After coach replaced or removed ``folder/name`` (under the store lock): update its row,
    and the recorded folder mtime if the folder was as the index last saw it."""
    with open_folder(folder) as fd:
        state = derive(name, fd, folder)
        with ix.conn:
            ix.conn.execute("BEGIN IMMEDIATE")
            meta = ix.meta()
            if meta is None:
                return  # no trusted index yet: the next read builds it
            before, facts = (meta.rows, meta.mac_sum), person_facts(ix, name)
            if state is None:
                ix.drop(meta, [name])
            else:
                ix.put(meta, prepare(state, ix.key))
            if meta.dir_mtime_ns == before_mtime:
                meta.dir_mtime_ns = folder_mtime(folder)
            ix.save_meta(meta)
            # An item marked done leaves the people as they were: their summary goes on
            # serving the next listing (at 100,000 sessions, a 14 ms recount it need not make).
            if facts is not None and facts == person_facts(ix, name):
                ix.carry_memo(PEOPLE, before, meta)
