"""The console script's own work: a shutdown that does not collect what is about to go."""

import gc
import subprocess
import sys

import pytest
from tests.factories import coach

import coachcli.cli.app
from coachcli import entry


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()


def test_the_objects_of_a_finished_command_skip_the_shutdown_collection(monkeypatch, unfrozen):
    monkeypatch.setattr(sys, "argv", ["coach", "path"])
    monkeypatch.setattr(coachcli.cli.app, "main", lambda: sys.exit(3))
    gc.unfreeze()
    with pytest.raises(SystemExit) as exited:
        entry.main()
    assert exited.value.code == 3  # the command's status is kept
    assert gc.get_freeze_count() > 0


def test_a_failing_command_still_freezes_and_keeps_its_exception(monkeypatch, unfrozen):
    def boom() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(sys, "argv", ["coach", "path"])
    monkeypatch.setattr(coachcli.cli.app, "main", boom)
    gc.unfreeze()
    with pytest.raises(KeyboardInterrupt):
        entry.main()
    assert gc.get_freeze_count() > 0


@pytest.mark.slow
def test_output_written_at_the_end_still_reaches_a_pipe(tmp_path, capsys):
    """Frozen objects are still freed and the streams flushed: a real process prints the same
    long text, to its last line, as the command run in this process."""
    env = {"COACH_HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    proc = subprocess.run(
        [sys.executable, "-m", "coachcli", "help", "exit-codes"],
        capture_output=True,
        text=True,
        env={**env, "PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    code, out, _ = coach(capsys, "help", "exit-codes")
    assert code == 0
    assert proc.stdout == out
    assert "130" in out
