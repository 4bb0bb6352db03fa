"""What practice shows: a result, the scenario list, the history. Plain lines, text cleaned.

Lines are built here and printed by the caller (``print_lines`` cleans every one), or said
through the prompter at a terminal, so a scenario file's text can never style the screen.
"""

from __future__ import annotations

from coachcli.practice.progress import Record, by_skill
from coachcli.practice.result import Result
from coachcli.practice.scenario import SKILL_TITLES, SKILLS, Scenario

BLOCKS = "▁▂▃▄▅▆▇█"


def verdict(result: Result) -> str:
    mark = "passed" if result.passed else "not yet"
    return f"{SKILL_TITLES[result.skill]}: {result.score}/100 — {mark}"


def result_lines(result: Result) -> list[str]:
    lines = [verdict(result)]
    lines += [f"  • {line}" for line in result.feedback]
    lines.append("A model answer:")
    lines += [f"  {line}" for line in result.model_answer]
    return lines


def scenario_lines(s: Scenario) -> list[str]:
    lines = [f"{s.title} ({s.kind})", "", s.situation, ""]
    lines += [f"{s.person}: {turn}" for turn in s.turns]
    return lines


def list_lines(scenarios: list[Scenario]) -> list[str]:
    width = max((len(s.id) for s in scenarios), default=10)
    lines = [f"{'id':<{width}}  {'kind':<9}  title"]
    for s in scenarios:
        mark = "" if s.source == "built-in" else "  (yours)"
        lines.append(f"{s.id:<{width}}  {s.kind:<9}  {s.title}{mark}")
    return lines


def spark(scores: list[int]) -> str:
    return "".join(BLOCKS[min(7, s * 8 // 100)] for s in scores[-20:])


def history_lines(records: list[Record], next_skill: str, next_scenario: str | None) -> list[str]:
    if not records:
        lines = ["No practice yet."]
    else:
        stats = by_skill(records)
        lines = [f"{'skill':<8}  tries  passed  last  best  scores over time"]
        for skill in SKILLS:
            st = stats[skill]
            if not st["attempts"]:
                lines.append(f"{skill:<8}  {0:>5}  {0:>6}     –     –  (not practised yet)")
                continue
            scores = [e["score"] for e in st["scores"]]
            lines.append(
                f"{skill:<8}  {st['attempts']:>5}  {st['passed']:>6}  {st['last']:>4}  "
                f"{st['best']:>4}  {spark(scores)}  " + " → ".join(str(x) for x in scores[-5:])
            )
    target = f" {next_scenario}" if next_scenario else ""
    lines.append(
        f"Next: {SKILL_TITLES[next_skill].lower()} — coach practice{target} --skill {next_skill}"
    )
    return lines
