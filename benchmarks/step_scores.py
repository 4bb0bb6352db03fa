"""Per-label precision and recall of the next-step check against the labelled step corpora.

    .venv/bin/python benchmarks/step_scores.py [FILE.tsv ...] [--misses]

Default files: steps.tsv, steps_holdout.tsv, steps_commitment.tsv and
steps_commitment_holdout.tsv in tests/data/language. For each file: agreement on flag or pass,
then for each label (concrete, vague, hedge, non-action) its precision and recall as the check's
kind ("concrete" is a pass), then for "flagged" (any of the three) against "concrete".
``--misses`` lists the steps where the check and the coach disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "language"
FILES = ("steps.tsv", "steps_holdout.tsv", "steps_commitment.tsv", "steps_commitment_holdout.tsv")
LABELS = ("concrete", "vague", "hedge", "non-action")


def _rows(path: Path) -> list[tuple[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t", 1)) for line in lines if line.strip() and line[0] != "#"]  # type: ignore[misc]


def _pr(pairs: list[tuple[str, str]], label: str) -> str:
    tp = sum(want == label and got == label for want, got in pairs)
    said = sum(got == label for _, got in pairs)
    real = sum(want == label for want, _ in pairs)
    p = f"{tp / said:.0%}" if said else "-"
    r = f"{tp / real:.0%}" if real else "-"
    return f"{label} P {p} ({tp}/{said}) R {r} ({tp}/{real})"


def score(path: Path, misses: bool) -> str:
    from coachcli.language.steps import check_step

    pairs = []
    for want, text in _rows(path):
        got = check_step(text).kind or "concrete"
        pairs.append((want, got))
        if misses and want != got:
            print(f"  {want:>10} got {got:<10} {text}")
    agree = sum((w == "concrete") == (g == "concrete") for w, g in pairs)
    flagged = [("flagged" if w != "concrete" else w, "flagged" if g != "concrete" else g)
               for w, g in pairs]  # fmt: skip
    lines = [f"{path.name}: {len(pairs)} steps, agreement {agree / len(pairs):.1%}"]
    lines.append("  " + _pr(flagged, "flagged"))
    lines += ["  " + _pr(pairs, label) for label in LABELS]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    misses = "--misses" in argv
    names = [a for a in argv if not a.startswith("--")] or list(FILES)
    for name in names:
        path = Path(name) if "/" in name else DATA / name
        if path.exists():
            print(score(path, misses))


if __name__ == "__main__":
    main(sys.argv[1:])
