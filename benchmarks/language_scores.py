"""Print how the coaching-language checks score against the labelled corpora in tests/data/language.

    .venv/bin/python benchmarks/language_scores.py

Questions: agreement with the coach (flag or pass), same first kind, judgmental caught, good
questions flagged, the share of the three most common rewrites, rewrites that fail the check.
Steps: agreement, flagged ones caught, concrete ones passed. Restatements: cases that read as
spoken second-person English with nothing dropped (tests/test_restate.py's rules), and say-back
properties (tests/test_restate_sayback.py). Per-kind precision/recall for questions_skills.tsv.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "language"
sys.path.insert(0, str(ROOT / "tests"))


def _rows(name: str) -> list[tuple[str, str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t", 1)) for line in lines if line.strip() and line[0] != "#"]  # type: ignore[misc]


def questions(name: str) -> str:
    from coachcli.language.question import check_question

    rows = _rows(name)
    agree = kind = judged = caught = good = good_flagged = broken = 0
    rewrites: Counter[str] = Counter()
    for label, text in rows:
        result = check_question(text)
        kinds = [i.kind for i in result.issues]
        got = ("offer" if kinds == ["offer"] else "good") if result.ok else kinds[0]
        agree += (label in ("good", "offer")) == result.ok
        kind += label == got
        judged += label == "judgmental"
        caught += label == "judgmental" and got == "judgmental"
        good += label == "good"
        good_flagged += label == "good" and not result.ok
        if not result.ok and result.suggestion:
            rewrites[result.suggestion] += 1
            broken += not check_question(result.suggestion).ok
    top3 = sum(n for _, n in rewrites.most_common(3))
    total = sum(rewrites.values())
    return (
        f"{name}: {len(rows)} questions, agreement {agree / len(rows):.1%}, same kind "
        f"{kind / len(rows):.1%}, judgmental caught {caught}/{judged}, good flagged "
        f"{good_flagged}/{good}, top-3 rewrites {top3}/{total} ({top3 / total:.1%}), rewrites "
        f"failing the check {broken}"
    )


def per_kind(name: str) -> str:
    """Precision and recall of each first kind against the coach's label (good and offer pass)."""
    from coachcli.language.question import check_question

    pairs = []
    for label, text in _rows(name):
        result = check_question(text)
        kinds = [i.kind for i in result.issues]
        got = ("offer" if kinds == ["offer"] else "good") if result.ok else kinds[0]
        pairs.append((label, got))
    lines = [f"{name}: per kind (precision, recall)"]
    for k in sorted({label for label, _ in pairs} | {got for _, got in pairs}):
        tp = sum(label == k and got == k for label, got in pairs)
        said = sum(got == k for _, got in pairs)
        real = sum(label == k for label, _ in pairs)
        prec = f"{tp / said:.0%}" if said else "-"
        rec = f"{tp / real:.0%}" if real else "-"
        lines.append(f"  {k:15} precision {prec:>4} ({tp}/{said}), recall {rec:>4} ({tp}/{real})")
    return "\n".join(lines)


def disguised(name: str) -> str:
    """Leading questions dressed as open ones: the flag's precision and recall, and rewrites."""
    from coachcli.language.question import check_question

    tp = fp = fn = tn = leading = broken = 0
    rewrites: Counter[str] = Counter()
    for label, text in _rows(name):
        result = check_question(text)
        flagged = not result.ok
        tp += flagged and label == "leading"
        fp += flagged and label != "leading"
        fn += not flagged and label == "leading"
        tn += not flagged and label != "leading"
        if flagged and label == "leading":
            leading += result.issues[0].kind == "leading"
            rewrites[result.suggestion or ""] += 1
            broken += not check_question(result.suggestion or "").ok
    precision = tp / (tp + fp) if tp + fp else 0.0
    return (
        f"{name}: {tp + fn} leading, {fp + tn} open; precision {precision:.1%} ({tp}/{tp + fp}), "
        f"recall {tp / (tp + fn):.1%} ({tp}/{tp + fn}), open ones flagged {fp}/{fp + tn}, "
        f"kind 'leading' {leading}/{tp}, distinct rewrites {len(rewrites)}/{tp}, rewrites "
        f"failing the check {broken}"
    )


def steps(name: str) -> str:
    from coachcli.language.steps import check_step

    rows = _rows(name)
    results = [(label, check_step(text)) for label, text in rows]
    agree = sum((label == "concrete") == r.ok for label, r in results)
    flagged = [r for label, r in results if label != "concrete"]
    concrete = [r for label, r in results if label == "concrete"]
    same = sum(label == (r.kind or "concrete") for label, r in results)
    return (
        f"{name}: {len(rows)} steps, agreement {agree / len(rows):.1%}, vague/hedge/non-action "
        f"caught {sum(not r.ok for r in flagged)}/{len(flagged)}, concrete passed "
        f"{sum(r.ok for r in concrete)}/{len(concrete)}, same kind {same / len(rows):.1%}"
    )


def voices(name: str) -> str:
    """Flagged steps whose message and suggestion stay in one voice (no "my" kept, no they/you)."""
    from coachcli.language.steps import check_step

    first = {"i", "me", "my", "mine", "myself", "i'm", "i've", "i'll", "i'd", "our", "ours"}
    second = {"you", "your", "yours", "yourself", "you're", "you've", "you'll", "you'd"}
    third = {"they", "them", "their", "theirs", "themselves", "they're", "they've", "they'll"}
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    steps = [line for line in lines if line.strip() and not line.startswith("#")]
    out = []
    for voice, wrong in (("you", first | third), ("they", first | second)):
        flagged = [r for r in (check_step(s, voice) for s in steps) if not r.ok]
        clean = 0
        for r in flagged:
            words = [
                w.strip(",.;:!?()[]\"'").lower() for w in f"{r.message} {r.suggestion}".split()
            ]
            words = [
                w for i, w in enumerate(words) if not (w == "them" and words[i - 1] == "share")
            ]
            clean += not any(w in wrong for w in words)
        out.append(f"voice '{voice}' {clean}/{len(flagged)}")
    return f"{name}: flagged steps answered in one voice: {', '.join(out)}"


def restatements(name: str) -> str:
    import test_restate as t

    cases = json.loads((DATA / name).read_text(encoding="utf-8"))
    good = sum(not t.spoken_problems(case, t._compose(case)) for case in cases)
    return f"{name}: {good}/{len(cases)} read as spoken, second person, nothing dropped"


def informal(name: str) -> str:
    import test_restate_informal as t

    cases = t._cases(name)
    good = sum(not t.problems(case) for case in cases)
    return (
        f"{name}: {good}/{len(cases)} said back as meant (no filler or slang, second person, "
        "facts kept)"
    )


def sayback(name: str) -> str:
    import test_restate_sayback as t

    cases = json.loads((DATA / name).read_text(encoding="utf-8"))
    good = sum(not t.problems(case) for case in cases)
    return (
        f"{name}: {good}/{len(cases)} said back with every property (pronouns, agreement, "
        "negation, feelings, values, names, tidy)"
    )


def main() -> None:
    for name in (
        "questions.tsv",
        "questions_holdout.tsv",
        "questions_skills.tsv",
        "questions_skills_holdout.tsv",
    ):
        print(questions(name))
    for name in ("questions_skills.tsv", "questions_skills_holdout.tsv"):
        print(per_kind(name))
    for name in ("leading_disguised.tsv", "leading_disguised_holdout.tsv"):
        print(disguised(name))
    for name in ("steps.tsv", "steps_holdout.tsv"):
        print(steps(name))
    print(voices("step_voice.txt"))
    for name in ("restatements.json", "restatements_holdout.json"):
        print(restatements(name))
    for name in ("restatements_informal.json", "restatements_informal_holdout.json"):
        print(informal(name))
    for name in ("restatements_sayback.json", "restatements_sayback_holdout.json"):
        print(sayback(name))


if __name__ == "__main__":
    main()
