"""The optional config file, `coach config`, and colour: --color, NO_COLOR, TERM=dumb."""

from __future__ import annotations

import json
import os
import sys

import pexpect
import pytest

from coachcli.cli.app import run
from coachcli.storage.config import Config, load
from factories import make_session


@pytest.fixture
def config_file(tmp_path, monkeypatch):
    path = tmp_path / "xdg" / "coachcli" / "config.toml"
    path.parent.mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("COACH_CONFIG", raising=False)
    return path


@pytest.fixture
def store(coach_home):
    from coachcli.storage.store import Store

    s = Store(coach_home)
    s.save_new_session(make_session("José Ñúñez", 1))
    return s


def test_no_file_is_the_defaults(config_file, capsys):
    assert load() == Config()
    assert run(["config"]) == 0
    out = capsys.readouterr().out
    assert str(config_file) in out and "none yet" in out


def test_settings_are_read_and_shown(config_file, capsys):
    config_file.write_text('bank = "mentoring"\ncolor = "Never"\npager = "most -s"\n')
    assert load() == Config(bank="mentoring", color="never", pager="most -s")
    assert run(["config", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["valid"] and data["settings"]["bank"] == "mentoring"
    assert run(["config", "--path"]) == 0
    assert capsys.readouterr().out.strip() == str(config_file)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("bnak = 'x'\n", "bnak: unknown setting"),
        ("color = 'purple'\n", "color: expected one of auto, always, never"),
        ("bank = 3\n", "bank: expected one line of text"),
        ("bank = \n", "not valid TOML"),
    ],
)
def test_a_bad_file_is_named_by_config_and_ignored_by_the_rest(
    config_file, store, capsys, text, said
):
    config_file.write_text(text)
    assert run(["config"]) == 3
    out = capsys.readouterr().out
    assert said in out and str(config_file) in out
    assert run(["people"]) == 0  # a typo in the config never locks anyone out
    assert "José" in capsys.readouterr().out


def test_coach_config_env_names_another_file(tmp_path, monkeypatch, capsys):
    other = tmp_path / "other.toml"
    other.write_text('bank = "team"\n')
    monkeypatch.setenv("COACH_CONFIG", str(other))
    assert run(["config", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["path"] == str(other) and data["settings"]["bank"] == "team"


def test_color_always_and_the_config_colour_style_piped_output(config_file, store, capsys):
    assert run(["report"]) == 0
    assert "\x1b[" not in capsys.readouterr().out  # piped: plain
    assert run(["--color", "always", "report"]) == 0
    assert "\x1b[" in capsys.readouterr().out
    config_file.write_text('color = "always"\n')
    assert run(["report"]) == 0
    assert "\x1b[" in capsys.readouterr().out
    assert run(["--color", "never", "report"]) == 0
    assert "\x1b[" not in capsys.readouterr().out


def test_bad_color_value_is_a_usage_error(capsys):
    assert run(["--color", "sometimes", "people"]) == 2


def terminal_output(argv, env) -> str:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "coachcli", "--no-pager", *argv],
        env=dict(os.environ, **env),
        dimensions=(200, 100),
        encoding="utf-8",
        timeout=60,
    )
    out = child.read()
    child.close()
    return out


@pytest.mark.slow
def test_no_color_and_dumb_terminals_get_no_bold_either(store):
    styled = terminal_output(["report"], {"NO_COLOR": "", "TERM": "xterm"})
    assert "\x1b[1m" in styled  # a terminal: bold headings
    for env in ({"NO_COLOR": "1", "TERM": "xterm"}, {"NO_COLOR": "", "TERM": "dumb"}):
        out = terminal_output(["report"], env)
        assert "Coaching report" in out
        assert "\x1b[" not in out, env
