"""Which modules each fast command loads: a behaviour test of the import graph, not a timing.

Speed targets themselves are measured by benchmarks/bench.py (ratios to the bare interpreter).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from factories import session_dict, write

HEAVY = (
    "pydantic",
    "rich",
    "yaml",
    "questionary",
    "prompt_toolkit",
    "icalendar",
    "filelock",
    "orjson",
)

PROBE = """
import json, sys
from coachcli.cli.app import run
rc = run(sys.argv[1:])
loaded = sorted({m.split('.')[0] for m in sys.modules})
print(json.dumps({"rc": rc, "loaded": loaded}), file=sys.stderr)
"""


def loaded_by(argv: list[str], home) -> set[str]:
    env = dict(os.environ, COACH_HOME=str(home))
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    assert report["rc"] in (0, 6), proc.stdout + proc.stderr
    return set(report["loaded"])


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["--help"],
        ["start", "--help"],
        ["followup", "--help"],
        ["check-question", "What matters most to you?"],
        ["check-question", "--json", "Why did you do that?"],
        ["check-step", "I'll email the client tomorrow"],
        ["check-step", "--json", "Think about it"],
        ["practice", "--help"],
    ],
    ids=" ".join,
)
@pytest.mark.slow
def test_fast_commands_load_no_heavy_module(argv, coach_home):
    heavy = loaded_by(argv, coach_home) & set(HEAVY)
    assert not heavy, f"coach {' '.join(argv)} imported {sorted(heavy)}"


@pytest.mark.slow
@pytest.mark.parametrize("command", ["start", "practice"])
def test_no_terminal_refusal_happens_before_heavy_imports(coach_home, command):
    env = dict(os.environ, COACH_HOME=str(coach_home))
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, command],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    assert report["rc"] == 2
    assert not set(report["loaded"]) & set(HEAVY), report["loaded"]


@pytest.mark.slow
def test_version_fast_path_prints_what_the_command_line_prints(coach_home):
    env = dict(os.environ, COACH_HOME=str(coach_home))
    fast = subprocess.run(
        [sys.executable, "-m", "coachcli", "--version"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    full = subprocess.run(
        [sys.executable, "-c", PROBE, "--version"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert fast == full and fast.startswith("coach ")


@pytest.mark.slow
@pytest.mark.parametrize(
    "change",
    [
        ["done", "ab12cd34", "--note", "Asked early"],
        ["drop", "ab12cd34"],
        ["due", "ab12cd34", "friday"],
    ],
    ids=" ".join,
)
def test_an_item_change_on_a_plain_file_loads_no_model(coach_home, change):
    """``followup done ID`` & co. on a file in the form coach writes: the lean path (index
    look-up, plain JSON change, atomic write), no pydantic, no rich; the free store lock is
    taken with flock itself, without filelock."""
    action = {"id": "ab12cd34", "text": "Call Ana", "created_at": "2026-11-24T09:00:00Z"}
    write(coach_home, session_dict("20261124-aaaaaa", "Ana", [action]))
    loaded = loaded_by(["followup", *change], coach_home)
    lean = {"pydantic", "pydantic_core", "rich", "yaml", "questionary", "filelock"}
    assert not loaded & lean, sorted(loaded & lean)
    saved = json.loads((coach_home / "sessions" / "20261124-aaaaaa.json").read_text())
    assert saved["actions"][0]["history"][-1]["event"] in ("done", "dropped", "rescheduled")


@pytest.mark.slow
def test_start_with_answers_piped_loads_no_rich_and_no_pydantic(coach_home):
    """``coach start --answers FILE`` piped prints the summary as plain text, without rich; the
    file, the built-in bank and the session are plain records checked without pydantic."""
    import coachcli

    example = os.path.join(os.path.dirname(coachcli.__file__), "examples", "answers.yaml")
    loaded = loaded_by(["start", "--answers", example], coach_home)
    assert not loaded & {"rich", "pydantic", "pydantic_core"}, sorted(loaded)
    assert len(os.listdir(coach_home / "sessions")) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    "argv", [["followup", "--no-review"], ["people"], ["sessions"]], ids=" ".join
)
def test_a_listing_loads_only_what_it_reads(coach_home, argv):
    """A listing makes no id and checks no signature: no OpenSSL (``secrets`` loads it, ~4 ms),
    nothing heavy."""
    write(coach_home, session_dict("20261124-aaaaaa", "Ana"))
    loaded = loaded_by(argv, coach_home)
    assert not loaded & {*HEAVY, "secrets", "hashlib", "_hashlib"}, sorted(
        loaded & {*HEAVY, "secrets", "hashlib", "_hashlib"}
    )


@pytest.mark.slow
def test_no_pydantic_plugin_sees_the_notes(coach_home, tmp_path):
    """A pydantic plugin installed in the same environment is not loaded into coach."""
    plugin = tmp_path / "plugin"
    (plugin / "spy_plugin").mkdir(parents=True)
    (plugin / "spy_plugin" / "__init__.py").write_text(
        "import sys\n"
        "class Spy:\n"
        "    def new_schema_validator(self, *a, **k):\n"
        "        print('SPY LOADED', file=sys.stderr)\n"
        "        return None, None, None\n"
        "plugin = Spy()\n"
    )
    meta = plugin / "spy_plugin-1.0.dist-info"
    meta.mkdir()
    (meta / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n")
    (meta / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n")
    # `coach edit` validates the session it rewrites with the model
    write(coach_home, session_dict("20261124-aaaaaa", "Ana"))
    env = dict(os.environ, COACH_HOME=str(coach_home), PYTHONPATH=str(plugin))
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    argv = [sys.executable, "-m", "coachcli", "edit", "20261124-aaaaaa", "--note", "Private"]
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr
    assert "SPY LOADED" not in proc.stderr
    opted_in = dict(env, PYDANTIC_DISABLE_PLUGINS="")  # the user may opt in
    proc = subprocess.run(argv, env=opted_in, capture_output=True, text=True)
    assert "SPY LOADED" in proc.stderr
