"""The optional config file: ``$XDG_CONFIG_HOME/coachcli/config.toml`` (the platform's config
folder elsewhere; ``COACH_CONFIG`` names another file).

TOML, every key optional::

    bank = "mentoring"        # the question bank `coach start` uses without --bank
    color = "never"           # auto, always or never (--color wins; NO_COLOR means never)
    pager = "less -FRX"       # for long output on a terminal ($PAGER wins)

A missing file is no config. A file that cannot be read or has a wrong value is reported (exit
3, naming the file and the key) by ``load``; ``load_quietly`` (used on every start-up path)
ignores it instead, so a broken config never stops a read. Standard library only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

from coachcli.core.errors import DamagedFileError

APP_NAME = "coachcli"
MAX_BYTES = 64 * 1024
CHOICES = {"color": ("auto", "always", "never")}


@dataclass(frozen=True)
class Config:
    bank: str = ""
    color: str = "auto"
    pager: str = ""

    def to_dict(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


KEYS = tuple(f.name for f in fields(Config))


def config_dir() -> Path:
    """The platform's config folder for coach (``$XDG_CONFIG_HOME/coachcli`` on Linux); it
    need not exist. The config file and this device's encryption identity live here."""
    xdg = os.environ.get("XDG_CONFIG_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / APP_NAME
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def config_path() -> Path:
    """Where the config file is looked for (it need not exist)."""
    override = os.environ.get("COACH_CONFIG")
    if override:
        return Path(override).expanduser()
    return config_dir() / "config.toml"


def load(path: Path | None = None) -> Config:
    """The config, or the defaults when there is no file. ``DamagedFileError`` when it is bad."""
    import tomllib

    path = config_path() if path is None else path
    try:
        if not path.is_file():
            if path.exists():
                raise DamagedFileError(path, "not a regular file")
            return Config()
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise DamagedFileError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise DamagedFileError(path, f"larger than {MAX_BYTES // 1024} KiB")
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        detail = (
            str(exc).split("\n")[0] if isinstance(exc, tomllib.TOMLDecodeError) else "not UTF-8"
        )
        raise DamagedFileError(path, f"not valid TOML: {detail}") from None
    values: dict[str, str] = {}
    for key, value in raw.items():
        if key not in KEYS:
            raise DamagedFileError(
                path, f"{key}: unknown setting", hint="known: " + ", ".join(KEYS)
            )
        if not isinstance(value, str) or len(value) > 200 or "\n" in value:
            raise DamagedFileError(path, f"{key}: expected one line of text in quotes")
        if key in CHOICES and value.lower() not in CHOICES[key]:
            raise DamagedFileError(path, f"{key}: expected one of {', '.join(CHOICES[key])}")
        values[key] = value.lower() if key in CHOICES else value.strip()
    return Config(**values)


def load_quietly() -> Config:
    """The config, or the defaults if it is missing or broken (``coach config`` reports it)."""
    try:
        return load()
    except DamagedFileError:
        return Config()
