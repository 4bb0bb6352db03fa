#!/usr/bin/env bash
# Install coachcli with the LOWEST version of every runtime dependency pyproject.toml allows
# (scripts/lowest-constraints.txt pins each to its floor; pip has no "lowest" resolution) in a
# fresh venv, then run the test suite there. Test tools and transitive dependencies are the
# newest that fit.
#
#   scripts/lowest-deps.sh            # venv in .venv-lowest, the fast tests
#   scripts/lowest-deps.sh --all      # the slow tests too
#   VENV=/tmp/v scripts/lowest-deps.sh
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${VENV:-.venv-lowest}"
python3 -m venv "$venv"
"$venv/bin/pip" install -q -c scripts/lowest-constraints.txt -e '.[test]'
"$venv/bin/python" - <<'PY'
from importlib.metadata import version
from pathlib import Path

for line in Path("scripts/lowest-constraints.txt").read_text().splitlines():
    line = line.split("#")[0].strip()
    if line:
        name, want = line.split("==")
        got = version(name)
        assert got == want, f"{name} {got} installed, {want} wanted"
        print(f"{name}=={got}")
PY
if [ "${1:-}" = "--all" ]; then
    "$venv/bin/python" -m pytest -q -p no:cacheprovider
else
    "$venv/bin/python" -m pytest -q -p no:cacheprovider -m "not slow"
fi
