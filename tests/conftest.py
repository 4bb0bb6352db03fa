"""Fixtures every test module shares. Builders for test data live in ``factories.py``; the
scripted prompter in ``scripted.py``. A module that needs a store with data in it overrides
``store`` with a fixture of the same name that takes this one and fills it (pytest passes the
shared fixture to the override)."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from coachcli.storage.store import Store


def pytest_configure(config) -> None:
    """Compiled files, even where ``PYTHONDONTWRITEBYTECODE`` is set (common in CI shells):
    without them every child process (``python -m coachcli`` in the slow tests) compiles ~170
    modules again, and pytest rewrites the asserts of every test module on every run (~5 s of
    CPU). So coachcli is compiled once, up front (a stat per file when current), and pytest
    may keep its rewritten test modules (``__pycache__`` is git-ignored)."""
    import compileall

    import coachcli

    compileall.compile_dir(Path(coachcli.__file__).parent, quiet=2, workers=1)
    sys.dont_write_bytecode = False


@pytest.fixture(scope="session")
def _homes(tmp_path_factory) -> tuple[Path, Iterator[int]]:
    return tmp_path_factory.mktemp("homes", numbered=False), itertools.count(1)


@pytest.fixture(autouse=True)
def coach_home(_homes, request, monkeypatch) -> Path:
    """Every test gets its own data, cache and config folders; nothing touches the user's own.

    The folders are not created: coach creates what it needs, as on a first run (and a test that
    writes nothing costs no folder: 1,500 ``tmp_path`` folders cost the quick loop seconds).
    They live under ``homes/`` in pytest's temporary folder, named after the test function but
    not its parameters, which may be sentinels that must not show up in a printed path."""
    base, numbers = _homes
    test = getattr(request.node, "originalname", request.node.name)
    mine = base / f"{next(numbers)}-{re.sub(r'[^A-Za-z0-9_.-]+', '_', test)[:30]}"
    home = mine / "coach-home"
    monkeypatch.setenv("COACH_HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(mine / "xdg" / name.split("_")[1].lower()))
    monkeypatch.delenv("COACH_DEBUG", raising=False)
    monkeypatch.delenv("COACH_LOCK_TIMEOUT", raising=False)
    monkeypatch.delenv("COACH_TODAY", raising=False)
    monkeypatch.delenv("COACH_CACHE_DIR", raising=False)
    monkeypatch.delenv("COACH_STATE_DIR", raising=False)  # the lock: under the XDG state above
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    cache = sys.modules.get("coachcli.index.cache")
    if cache is not None:
        cache._warned.clear()  # "said once" is once per command, i.e. per process
    return home


@pytest.fixture
def store(coach_home) -> Store:
    """The test's own store, empty."""
    return Store(coach_home)


@pytest.fixture
def held_lock(coach_home, monkeypatch) -> Callable[..., AbstractContextManager[None]]:
    """``with held_lock(wait=0.1): ...`` — inside, someone else holds the store lock, and a
    command waits ``wait`` seconds for it (COACH_LOCK_TIMEOUT) before it gives up as busy.

    The lock file is in the test's own state folder (``XDG_STATE_HOME``, not the store). The
    holder is another thread with its own open lock file: the lock is per open file, so this
    thread waits exactly as it would for another coach process (test_faults.py also does it with
    a real process)."""

    @contextmanager
    def hold(wait: float = 0.05) -> Iterator[None]:
        monkeypatch.setenv("COACH_LOCK_TIMEOUT", f"{wait:g}")
        taken, release = threading.Event(), threading.Event()
        failed: list[BaseException] = []

        def holder() -> None:
            try:
                with Store(coach_home).lock(timeout=5):
                    taken.set()
                    release.wait(60)
            except BaseException as exc:
                failed.append(exc)
                taken.set()

        thread = threading.Thread(target=holder, name="held_lock", daemon=True)
        thread.start()
        assert taken.wait(10), "the lock holder did not start"
        if failed:
            raise failed[0]
        try:
            yield
        finally:
            release.set()
            thread.join(10)

    return hold


def _no_fsync(fd: int) -> None:
    os.fstat(fd)  # still an error on a closed or bad descriptor, as fsync would be


class StartsAProcess(AssertionError):
    """A test outside ``slow`` started a real process."""


@pytest.fixture(autouse=True)
def _quick_tests_stay_in_process(request, monkeypatch) -> None:
    """The quick loop (``-m "not slow"``) runs in this process only: a test that starts a real
    process (``python -m coachcli``, a pty, git, age) costs 0.1–1 s of start-up and belongs in
    ``slow``. This makes forgetting the mark a failure, not a slower loop."""
    if request.node.get_closest_marker("slow") is not None:
        return
    name = request.node.nodeid

    def refuse(*args, **kwargs):
        raise StartsAProcess(f"{name} starts a real process: mark it @pytest.mark.slow")

    monkeypatch.setattr(subprocess.Popen, "_execute_child", refuse)
    # Flushing to the disk guards against power loss, which no test can cause; in-process it
    # only costs the quick loop seconds (test_faults.py still breaks fsync on purpose).
    monkeypatch.setattr(os, "fsync", _no_fsync)
    for fork in ("fork", "forkpty", "posix_spawn", "posix_spawnp", "system"):
        if hasattr(os, fork):
            monkeypatch.setattr(os, fork, refuse)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config) -> int:
    """``-n auto``: a worker a core for the quick loop, which computes all the time; two a core
    when the slow tests run, since many of them wait rather than compute (for a
    pseudo-terminal's output, a lock's timeout, a process to be killed) and a second worker
    fills those waits. On this 2-core machine: quick loop 10.4 s with 2 workers, 15.0 s with
    4; whole suite 100 s with 2, 89 s with 4."""
    cores = os.cpu_count() or 1
    quick = "not slow" in (config.getoption("markexpr", "") or "")
    return cores if quick else 2 * cores
