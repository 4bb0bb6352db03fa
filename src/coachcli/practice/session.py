"""Practice at a terminal, through the ``Prompter`` protocol (scripted in tests).

The first prompt (which skill) needs only the progress file (JSON), so it appears before any
scenario is parsed; the scenario list is loaded after it. Each drill shows the situation and the
person's words, asks for the attempt, scores it, shows the feedback and a model answer, and
keeps the score in the practice history.
"""

from __future__ import annotations

from coachcli.core.clock import Clock
from coachcli.practice import progress
from coachcli.practice.attempt import Attempt
from coachcli.practice.result import Result
from coachcli.practice.scenario import CATEGORIES, SKILL_TITLES, SKILLS, Scenario
from coachcli.ui.prompting import Choice, Message, Prompter

HOW = {
    "listen": "note the facts, feelings and values you hear",
    "ask": "write three questions you would ask next",
    "balance": "say back what you heard, then question the assumption",
    "commit": "turn a vague intention into a concrete next step",
}
PROMPTS = {
    "facts": "Facts you heard — what happened (separate notes with ;)",
    "feelings": "Feelings you heard (separate with ;)",
    "values": "Values — what matters to them (separate with ;)",
}


def _split(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.replace("\n", ";").split(";") if p.strip())


def _required(value: str) -> str | None:
    return None if value.strip() else "Write something to try it; it is only practice."


def show_scenario(prompter: Prompter, s: Scenario) -> None:
    prompter.say(Message("phase", f"{s.situation}", title=f"{s.title} ({s.kind})"))
    prompter.say(Message("restatement", "\n\n".join(s.turns), title=f"{s.person} says:"))


def collect(prompter: Prompter, s: Scenario, skill: str) -> Attempt:
    if skill == "listen":
        notes = {c: _split(prompter.text(f"listen.{c}", PROMPTS[c])) for c in CATEGORIES}
        return Attempt("listen", notes=notes)
    if skill == "ask":
        asked = tuple(
            prompter.text(
                f"ask.{i}", f"Question {i} you would ask {s.person} next", validate=_required
            )
            for i in (1, 2, 3)
        )
        return Attempt("ask", questions=asked)
    if skill == "balance":
        prompter.say(Message("hint", f"The assumption under it: {s.assumption.note}"))
        restatement = prompter.text(
            "balance.restatement", f"Say back what you heard, to {s.person}", validate=_required
        )
        challenge = prompter.text(
            "balance.challenge", "One question that challenges the assumption", validate=_required
        )
        return Attempt("balance", restatement=restatement, challenge=challenge)
    prompter.say(Message("hint", f"{s.person} ends with: “{s.intention}”"))
    step = prompter.text(
        "commit.step", "Their next step, concrete: what, and when", validate=_required
    )
    return Attempt("commit", step=step)


def show_result(prompter: Prompter, result: Result) -> None:
    from coachcli.practice.view import verdict

    prompter.say(Message("summary", "", title=verdict(result), lines=result.feedback))
    prompter.say(Message("info", "A model answer:", lines=result.model_answer))


def drill(prompter: Prompter, s: Scenario, skill: str, clock: Clock) -> Result:
    """One drill, scored and kept in the practice history."""
    from coachcli.practice.drills import score

    prompter.say(Message("info", f"{SKILL_TITLES[skill]}: {HOW[skill]}."))
    show_scenario(prompter, s)
    result = score(s, collect(prompter, s, skill), clock.today())
    show_result(prompter, result)
    progress.save_record(progress.record_for(result.to_dict(), clock.now()))
    return result


def _pick_skill(prompter: Prompter, suggested: str) -> str:
    choices = [
        Choice(s, f"{SKILL_TITLES[s]} — {HOW[s]}" + (" (suggested)" if s == suggested else ""))
        for s in SKILLS
    ]
    return prompter.select(
        "practice.skill", "Which skill do you want to practise?", choices, suggested
    )


def _pick_scenario(prompter: Prompter, scenarios: list[Scenario], suggested: str | None) -> str:
    ordered = sorted(scenarios, key=lambda s: s.id != suggested)
    choices = [
        Choice(s.id, f"{s.title} ({s.kind})" + (" (suggested)" if s.id == suggested else ""))
        for s in ordered
    ]
    return prompter.select("practice.scenario", "Which situation?", choices, suggested)


def run(
    prompter: Prompter,
    clock: Clock,
    *,
    scenario_id: str | None,
    skill: str | None,
) -> list[Result]:
    """Drills until the supervisor is done; returns their results."""
    from coachcli.practice.load import list_scenarios, load_scenario

    results: list[Result] = []
    chosen_skill, chosen_id = skill, scenario_id
    while True:
        records = progress.load_records()
        if chosen_skill is None:
            chosen_skill = _pick_skill(prompter, progress.next_skill(records))
        if chosen_id is None:
            scenarios, skipped = list_scenarios()
            for entry in skipped:
                prompter.say(Message("warning", f"Skipped your scenario file {entry}"))
            ids = [s.id for s in scenarios]
            suggested = progress.next_scenario(records, chosen_skill, ids)
            chosen_id = _pick_scenario(prompter, scenarios, suggested)
        scenario = load_scenario(chosen_id)
        results.append(drill(prompter, scenario, chosen_skill, clock))
        after = prompter.select(
            "practice.next",
            "What next?",
            [
                Choice("again", "Try this drill again"),
                Choice("other", "Another drill"),
                Choice("done", "Done for now"),
            ],
            "other",
        )
        if after == "done":
            prompter.say(Message("hint", "Your scores over time: coach practice --history"))
            return results
        if after == "other":
            chosen_skill, chosen_id = None, None
