"""The banks and practice scenarios in prompts/ ship in the package: build a wheel, load them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_contains_the_banks_and_loads_them(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("coachcli-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(n for n in names if n.startswith("coachcli/prompts/"))
    expected = sorted(
        f"coachcli/prompts/{p.relative_to(ROOT / 'prompts').as_posix()}"
        for p in (ROOT / "prompts").rglob("*.yaml")
    )
    assert shipped == expected and expected, names
    assert sum(n.startswith("coachcli/prompts/scenarios/") for n in shipped) >= 20, shipped

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import coachcli, coachcli.banks.load as b; "
        "print(coachcli.__file__); "
        "print(sorted(i.name for i in b.list_banks()[0])); "
        "print(len(b.load_bank('coaching').questions)); "
        "import coachcli.practice.load as p; "
        "print(len(p.list_scenarios()[0]))"
    )
    env = dict(os.environ, PYTHONPATH=str(site))
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0].startswith(str(site)), out  # imported from the wheel, not the source tree
    assert "coaching" in out[1] and "mentoring" in out[1], out
    assert int(out[2]) > 100, out
    assert int(out[3]) >= 20, out  # the practice scenarios load from the wheel too
