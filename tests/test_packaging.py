"""The banks and practice scenarios in prompts/ ship in the package: build a wheel, load them."""

from __future__ import annotations

import os
import re
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

    # The help topics and the example are in the wheel too: `coach help` works without the
    # repository (run from an empty folder, importing only the unpacked wheel).
    for name in ("docs/answers.md", "docs/exit-codes.md", "examples/answers.yaml"):
        assert f"coachcli/{name}" in names, names
    assert "coachcli-0" in " ".join(names) and any(n.endswith("/licenses/LICENSE") for n in names)
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    for topic, source in (
        ("answers", "docs/answers.md"),
        ("answers-example", "examples/answers.yaml"),
    ):
        shown = subprocess.run(
            [sys.executable, "-m", "coachcli", "help", topic],
            env=env,
            cwd=empty,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert shown.strip() == (ROOT / source).read_text(encoding="utf-8").strip()


def test_lowest_constraints_pin_every_dependency_to_its_floor():
    """scripts/lowest-deps.sh installs exactly the floors pyproject.toml declares."""
    import re
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors = {}
    for spec in declared["dependencies"]:
        name, low = re.match(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9.]+)", spec).groups()
        floors[name.lower()] = low
    pinned = {}
    for line in (ROOT / "scripts" / "lowest-constraints.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pinned[name.lower()] = version
    assert set(pinned) == set(floors)
    for name, low in floors.items():
        want = tuple(int(p) for p in low.split("."))
        got = tuple(int(p) for p in pinned[name].split("."))
        assert got[: len(want)] == want and not any(got[len(want) :]), (name, low, pinned[name])


def test_the_code_imports_nothing_private_from_its_dependencies():
    for path in (ROOT / "src" / "coachcli").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for dep in ("typer", "click", "rich", "pydantic", "questionary", "yaml", "filelock"):
            assert not re.search(rf"(from|import) {dep}\._", text), (path, dep)


def test_license_and_metadata():
    import tomllib

    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and "LICENSE" in project["license-files"]
    assert "License :: OSI Approved :: MIT License" not in project["classifiers"]  # PEP 639
    assert any(c.startswith("Environment :: Console") for c in project["classifiers"])


@pytest.mark.slow
def test_a_wheel_built_from_the_sdist_has_the_banks_and_docs_too(tmp_path):
    """`python -m build` makes the sdist first and the wheel from it: the symlinks under
    src/coachcli are not followed there, so the data must be included by path."""
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("coachcli-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("prompts", "docs", "examples"):
        expected = {
            f"coachcli/{p.relative_to(ROOT).as_posix()}"
            for p in (ROOT / folder).rglob("*")
            if p.is_file()
        }
        assert expected and expected <= names, sorted(expected - names)
