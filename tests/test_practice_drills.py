"""The four drills judged as a coach would: good attempts pass, poor ones do not, and the
feedback names what happened. Attempts are written as a supervisor would write them, in their
own words (not the scenario's marked words)."""

from __future__ import annotations

from datetime import date

import pytest

from coachcli.practice.attempt import Attempt
from coachcli.practice.drills import score
from coachcli.practice.load import load_scenario

TODAY = date(2026, 12, 1)


def listen(facts, feelings, values) -> Attempt:
    return Attempt("listen", notes={"facts": facts, "feelings": feelings, "values": values})


def ask(*questions) -> Attempt:
    return Attempt("ask", questions=questions)


def balance(restatement, challenge) -> Attempt:
    return Attempt("balance", restatement=restatement, challenge=challenge)


def commit(step) -> Attempt:
    return Attempt("commit", step=step)


GOOD = {
    "bored-star": [
        listen(
            ("doing the same integration work each sprint", "finishes tasks in an hour"),
            ("bored", "feels flat", "a bit embarrassed to admit it"),
            ("wants to learn and build difficult things",),
        ),
        ask(
            "What kind of work would get you excited again?",
            "How would you like your next six months here to look?",
            "What's stopping you from asking for harder problems?",
        ),
        balance(
            "It sounds like you're bored doing the same integrations every sprint, and learning "
            "and building hard things is what matters to you.",
            "What makes you think you'd have to leave to find interesting work?",
        ),
        commit("Draft a list of three harder projects you'd like to own and share it by Friday"),
    ],
    "presentation-nerves": [
        listen(
            ("board presentation Thursday - first time", "has redone the slides 4 times"),
            ("really anxious and not sleeping",),
            ("wants the board to trust the analysis",),
        ),
        ask(
            "What would help you feel ready by Thursday?",
            "What do you want the board to take away from the churn slide?",
            "How have you handled nerves before a big moment in the past?",
        ),
        balance(
            "You've worked really hard on this deck and you're anxious about Thursday, because "
            "you want the board to trust the team's work.",
            "What evidence do you have that the board will judge you on your age?",
        ),
        commit("Rehearse the churn slide with me tomorrow at 10am"),
    ],
    "building-network": [
        listen(
            ("knows almost nobody outside his team after 6 months", "eats lunch at his desk"),
            ("frustrated", "lonely"),
            ("meaningful work", "real relationships with people"),
        ),
        ask(
            "Who would you most like to get to know here?",
            "What would make meeting new people feel genuine to you?",
            "How did you build relationships at the startup?",
        ),
        balance(
            "You're frustrated and lonely after six months without knowing many people here, "
            "and you want real connections and work that matters.",
            "How could networking look if it was about genuine connection, not schmoozing?",
        ),
        commit("Ask two people from the analytics team to lunch next week"),
    ],
    "missed-deadline": [
        listen(
            ("migration is late, was due Friday", "the legacy data was a mess"),
            ("embarrassed finance heard first",),
            ("being dependable", "handling things herself"),
        ),
        ask(
            "What got in the way of the data clean-up?",
            "How could we get the migration back on track from here?",
            "What would help you raise a slip earlier next time?",
        ),
        balance(
            "You feel embarrassed that finance found out before you told me, and it matters to "
            "you to be someone who delivers - the data was a mess and the date slipped.",
            "How might asking for help on the migration actually show that you can do the job?",
        ),
        commit("Send finance the revised migration date by Thursday"),
    ],
}

POOR = {
    "bored-star": [
        listen(("she is fine",), ("she seems lazy lately",), ("money",)),
        ask(
            "Are you happy here?",
            "Why have you stopped volunteering?",
            "Would you like a promotion or a raise?",
        ),
        balance("Lena is bored. She should ask for more work.", "Leaving would be a mistake."),
        commit("I'll just ride it out"),
    ],
    "presentation-nerves": [
        listen(("presentation",), (), ()),
        ask(
            "Don't worry, you'll be fine, right?",
            "Have you tried practising in front of a mirror?",
            "Why are you so nervous?",
        ),
        balance("You should just practise more and you'll be fine.", "Is it really that bad?"),
        commit("Try to relax"),
    ],
    "building-network": [
        listen(("introvert",), ("shy",), ("none",)),
        ask(
            "Have you thought about joining a club?",
            "Do you like your team?",
            "What's your plan and who will you talk to?",
        ),
        balance("He needs to get out there more.", "Networking isn't fake, everyone does it."),
        commit("Network more"),
    ],
    "missed-deadline": [
        listen(("the project is late",), (), ("she is making excuses",)),
        ask(
            "Why didn't you tell me sooner?",
            "Did you think about asking for help?",
            "Don't you think you should have flagged it?",
        ),
        balance(
            "She is disappointed, she should have told me earlier.", "You're wrong to think that."
        ),
        commit("I'll try to communicate better"),
    ],
}
CASES = [(sid, a.skill, a) for sid, attempts in GOOD.items() for a in attempts]
POOR_CASES = [(sid, a.skill, a) for sid, attempts in POOR.items() for a in attempts]


@pytest.mark.parametrize(("sid", "skill", "attempt"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_good_attempts_pass(sid, skill, attempt):
    result = score(load_scenario(sid), attempt, TODAY)
    assert result.passed, (result.score, result.feedback)
    assert result.score >= 60 and result.feedback and result.model_answer


@pytest.mark.parametrize(
    ("sid", "skill", "attempt"), POOR_CASES, ids=[f"{c[0]}-{c[1]}" for c in POOR_CASES]
)
def test_poor_attempts_do_not_pass(sid, skill, attempt):
    result = score(load_scenario(sid), attempt, TODAY)
    assert not result.passed, (result.score, result.feedback)
    assert result.score < 60
    assert result.model_answer  # the model answer comes after every attempt


def feedback(sid: str, attempt: Attempt) -> str:
    return "\n".join(score(load_scenario(sid), attempt, TODAY).feedback)


def test_listen_names_what_was_caught_missed_and_misplaced():
    text = feedback(
        "overload",
        listen(("she's exhausted", "doing evenings to keep up"), (), ()),
    )
    assert "1 of 3 facts, 1 of 2 feelings" in text
    assert "reads as a feeling rather than a fact" in text  # "exhausted" noted as a fact
    assert "A value to listen for: being someone people can come to" in text
    assert "I like being the one people can come to" in text  # where to hear it


def test_listen_names_a_judgement_gently_and_what_was_not_said():
    text = feedback("underperformer-denial", listen(("making excuses about the CRM",), (), ()))
    assert "conclusion about Greg ('excuses')" in text
    text = feedback("underperformer-denial", listen(("he plays golf on Sundays",), (), ()))
    assert "couldn't find 'he plays golf on Sundays' in what Greg said" in text


def test_listen_without_feelings_or_values_does_not_pass_even_with_every_fact():
    s = load_scenario("promotion-disappointed")
    result = score(s, listen(tuple(h.note for h in s.facts), (), ()), TODAY)
    assert not result.passed and "what they feel" in " ".join(result.feedback)


def test_ask_gives_the_check_verdict_and_a_rewrite_for_each_question():
    text = feedback("peer-conflict", ask("Why did you not talk to Jo?", "What happened?"))
    assert "'Why' can sound like a demand" in text and "Try: '" in text
    assert "2. 'What happened?': open" in text
    assert "asks for 3 questions" in text


def test_ask_counts_the_same_question_once():
    result = score(load_scenario("overload"), ask(*["What matters most to you here?"] * 3), TODAY)
    assert not result.passed and result.score == 33
    assert "asks again" in " ".join(result.feedback)


def test_ask_stacked_but_open_counts_half():
    result = score(
        load_scenario("overload"),
        ask(
            "What's on your list this week and what could wait?",
            "What would you want your workload to look like?",
            "How do you decide what to say yes to?",
        ),
        TODAY,
    )
    assert result.score == 83 and result.passed
    assert "more than one question" in " ".join(result.feedback)


def test_balance_restatement_must_be_said_to_them_without_advice():
    text = feedback(
        "burnout-signals",
        balance(
            "Mei is exhausted since the outage and cares about the team depending on her.",
            "What would happen if you took time off?",
        ),
    )
    assert 'Say it to Mei — "you…"' in text
    text = feedback(
        "burnout-signals",
        balance(
            "You're exhausted since the outage; you need to take a holiday.",
            "What would happen if you took time off?",
        ),
    )
    assert "slips into advice" in text


def test_balance_challenge_must_be_a_question_about_the_assumption():
    s = load_scenario("credit-taken")
    restatement = s.model.restatement
    judged = score(s, balance(restatement, "You won't look petty, don't be silly."), TODAY)
    assert not judged.passed
    assert "reads as a statement" in " ".join(judged.feedback)
    off = score(s, balance(restatement, "What did you have for lunch?"), TODAY)
    assert not off.passed and "doesn't reach the assumption" in " ".join(off.feedback)
    on = score(s, balance(restatement, "What makes you think raising it would look petty?"), TODAY)
    assert on.passed


def test_commit_needs_an_action_a_when_and_this_situation():
    s = load_scenario("feedback-not-landing")
    no_when = score(
        s, commit("Let colleagues finish before giving his view in design reviews"), TODAY
    )
    assert not no_when.passed and "Add when" in " ".join(no_when.feedback)
    same = score(s, commit("Be a bit more aware of it"), TODAY)
    assert not same.passed
    good = score(
        s, commit("Ask one question before giving his view in Tuesday's design review"), TODAY
    )
    assert good.passed, good.feedback


def test_scores_stay_within_0_and_100_whatever_is_typed():
    s = load_scenario("overload")
    huge = "lazy excuses should " * 200
    for attempt in (
        listen((huge,) * 30, (huge,) * 30, (huge,) * 30),
        ask(huge, huge, huge, huge),
        balance(huge, huge),
        commit(huge),
        listen((), (), ()),
        ask(),
        balance("", ""),
        commit(""),
    ):
        result = score(s, attempt, TODAY)
        assert 0 <= result.score <= 100 and result.feedback


def test_ask_hears_blame_in_a_what_or_how_question():
    text = feedback(
        "missed-deadline",
        ask("How could you let that happen?", "What got in the way?", "How can I help?"),
    )
    assert "1. 'How could you let that happen?': This may land as blame" in text


@pytest.mark.parametrize(
    ("step", "says"),
    [
        ("Think about what to drop by Friday", "Thinking it over is a start"),
        ("Try to say no more this week", "A hedge"),
        ("Be more organised by Friday", "a goal, not yet a step"),
    ],
)
def test_commit_gives_the_next_step_checks_coaching_note(step, says):
    result = score(load_scenario("overload"), commit(step), TODAY)
    assert not result.passed and says in " ".join(result.feedback)


def test_a_good_listen_is_said_back_from_the_supervisors_own_notes():
    text = feedback(
        "bored-star",
        listen(
            ("same integrations every sprint", "done in an hour, then nothing to do"),
            ("bored", "embarrassed to say so"),
            ("learning hard things",),
        ),
    )
    assert "From your notes, you could say back: " in text and "bored" in text
