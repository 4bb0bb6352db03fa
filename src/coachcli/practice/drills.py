"""Score one attempt at one drill: the single entry point the command line and the terminal use."""

from __future__ import annotations

from datetime import date

from coachcli.practice.attempt import Attempt
from coachcli.practice.result import Result
from coachcli.practice.scenario import Scenario


def score(scenario: Scenario, attempt: Attempt, today: date) -> Result:
    if attempt.skill == "listen":
        from coachcli.practice.listen import score_listen

        return score_listen(scenario, attempt.notes)
    if attempt.skill == "ask":
        from coachcli.practice.ask import score_ask

        return score_ask(scenario, attempt.questions)
    if attempt.skill == "balance":
        from coachcli.practice.balance import score_balance

        return score_balance(scenario, attempt.restatement, attempt.challenge)
    from coachcli.practice.commit import score_commit

    return score_commit(scenario, attempt.step, today)


def model_answer(scenario: Scenario, skill: str) -> Attempt:
    """The scenario's own model answer as an attempt (each must pass its drill)."""
    if skill == "listen":
        notes = {
            c: tuple(h.note for h in scenario.heard(c)) for c in ("facts", "feelings", "values")
        }
        return Attempt("listen", notes=notes)
    if skill == "ask":
        return Attempt("ask", questions=scenario.model.ask)
    if skill == "balance":
        return Attempt(
            "balance", restatement=scenario.model.restatement, challenge=scenario.model.challenge
        )
    return Attempt("commit", step=scenario.model.step)
