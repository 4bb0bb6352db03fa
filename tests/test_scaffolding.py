"""The test scaffolding itself: test modules stay independent, every test has its own folders,
and ``held_lock`` really holds the store lock."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from coachcli.core.errors import StoreBusyError
from coachcli.storage.store import Store

TESTS = Path(__file__).resolve().parent


def cross_imports(source: str) -> list[str]:
    """The test modules (and conftest) that ``source`` imports, wherever the import is."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        found += [n for n in names if n.split(".")[0].startswith("test_") or n == "conftest"]
    return found


def test_test_modules_never_import_one_another():
    """Shared helpers live in factories.py (builders, the CLI runner), scripted.py (the prompter)
    and conftest.py (fixtures); a test module imported by another runs its tests twice over and
    ties the two together."""
    wrong = {
        path.name: found
        for path in sorted(TESTS.glob("*.py"))
        if (found := cross_imports(path.read_text(encoding="utf-8")))
    }
    assert not wrong, f"move these helpers to tests/factories.py: {wrong}"


def test_the_check_catches_every_form_of_import():
    source = (
        "import test_store\n"
        "from test_index import write\n"
        "def f():\n    from test_followup import save\n"
        "import conftest\n"
        "from factories import make_session\n"
        "import scripted, testing_tools\n"
    )
    assert sorted(cross_imports(source)) == [
        "conftest",
        "test_followup",
        "test_index",
        "test_store",
    ]


SEEN: set[Path] = set()


@pytest.mark.parametrize("run", ["first", "second"])
def test_every_test_has_its_own_data_cache_and_config_folders(coach_home, run):
    mine = coach_home.parent
    assert mine not in SEEN  # the second run of this test is another test: new folders
    SEEN.add(mine)
    assert Path(os.environ["COACH_HOME"]) == coach_home
    assert Store.default().root == coach_home
    folders = [os.environ[n] for n in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")]
    assert len(set(folders)) == 3
    assert all(Path(folder).is_relative_to(mine) for folder in folders), folders
    assert not mine.exists()  # created by coach when it needs them, as on a first run
    assert "COACH_LOCK_TIMEOUT" not in os.environ and "COACH_TODAY" not in os.environ


def test_held_lock_makes_this_thread_wait_like_another_process(store, held_lock):
    with held_lock(wait=0.05):
        assert os.environ["COACH_LOCK_TIMEOUT"] == "0.05"
        with pytest.raises(StoreBusyError) as info, store.lock():
            pass
        assert "waited 0.05 s" in str(info.value)
    with store.lock(timeout=1):  # released on leaving the block
        pass
