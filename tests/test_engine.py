"""The conversation engine, driven by a scripted prompter (no terminal, no disk)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from coachcli.banks.load import load_bank_file
from coachcli.conversation.engine import Conversation
from coachcli.conversation.state import ConversationInterrupted, ConversationState, PersonContext
from coachcli.core.clock import FixedClock
from coachcli.core.errors import Cancelled
from scripted import CANCEL, ScriptedPrompter, UnexpectedPrompt


def through_a_draft(state: ConversationState) -> ConversationState:
    """The state written as a draft's JSON and read back as coach start reads it."""
    import json

    from coachcli.conversation.draft import read_draft
    from coachcli.core.parts import data

    restored = read_draft(json.loads(json.dumps(data(state))))
    assert restored is not None
    assert restored == state
    return restored


BANK = load_bank_file(Path(__file__).parent / "data" / "engine-bank.yaml")
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)  # a Tuesday


def script(**overrides):
    base = {
        "who.name": ["Sam"],
        "agenda.want": ["Get the rota sorted"],
        "agenda.advice": ["Tell Sam to swap shifts"],
        "checkin.words": ["Tired but OK"],
        "checkin.scale": ["6"],
        "listen.facts": ["Two late shifts in a row", "Missed the Monday stand-up", ""],
        "listen.feelings": ["Tired", ""],
        "listen.values": ["Time with family", ""],
        "ask.pick": ["q:ask-challenge", "done"],
        "ask.answer": ["Saying no to extra shifts"],
        "support.restatement": [None],  # Enter keeps the composed restatement
        "support.feedback": ["You missed the childcare"],
        "challenge.pick": ["q:challenge-assume", "done"],
        "challenge.assumption": ["The team will be angry"],
        "challenge.reframe": ["Nobody has said so; ask them"],
        "next.action": ["Ask Priya to swap Thursday"],
        "next.owner": ["person"],
        "next.due": ["friday"],
        "next.confidence": ["8"],
        "next.more": [False],
        "next.help": ["nothing"],
        "next.meeting": ["in 2 weeks"],
        "close.learning": ["Naming the real problem"],
        "close.after_check": ["partly"],
        "close.notes": [""],
    }
    base.update(overrides)
    return base


def run(prompter, **kwargs):
    state = kwargs.pop("state", None)
    person = kwargs.pop("person", None)
    convo = Conversation(BANK, prompter, FixedClock(NOW), **kwargs)
    return convo.run(state, person)


def test_full_conversation_captures_every_skill():
    prompter = ScriptedPrompter(script())
    session = run(prompter)
    prompter.assert_done()

    assert session.person == "Sam"
    assert session.bank == "engine-bank"
    assert session.agenda.want == "Get the rota sorted"
    assert session.listening.facts == ["Two late shifts in a row", "Missed the Monday stand-up"]
    assert session.listening.feelings == ["Tired"]
    assert session.listening.values == ["Time with family"]
    assert [(q.text, q.answer, q.source, q.question_id) for q in session.questions] == [
        (
            "What's the real challenge here for you?",
            "Saying no to extra shifts",
            "bank",
            "ask-challenge",
        ),
    ]
    assert (session.learning_question, session.learning) == (
        "What was most useful for you today?",
        "Naming the real problem",
    )
    assert session.checkin is not None
    assert (session.checkin.words, session.checkin.scale) == ("Tired but OK", 6)
    assert session.restatement_feedback == "You missed the childcare"
    assert session.help_wanted == ""
    assert session.next_meeting == date(2026, 12, 8)
    assert session.restatement == (
        "Let me check I've understood. You've told me about two late shifts in a row and you "
        "missed the Monday stand-up. It sounds like you're feeling tired. Time with family "
        "matters to you. The real challenge, you said, is saying no to extra shifts. What have I "
        "missed or got wrong?"
    )
    assert session.assumptions[0].assumption == "The team will be angry"
    assert session.assumptions[0].prompt == "What are you assuming here?"
    (item,) = session.actions
    assert (item.text, item.owner, item.due, item.confidence, item.status) == (
        "Ask Priya to swap Thursday",
        "person",
        date(2026, 11, 27),
        8,
        "open",
    )
    assert item.history[0].event == "created"
    assert session.after_check.agenda_took_over == "partly"
    assert session.started_at == NOW


def test_phases_are_announced_in_order_with_their_purpose():
    prompter = ScriptedPrompter(script())
    run(prompter)
    titles = [m.title for m in prompter.said("phase")]
    assert titles == [
        "Phase 1/4 · Listen to understand",
        "Phase 2/4 · Ask powerful questions",
        "Phase 3/4 · Balance challenge and support",
        "Phase 4/4 · End with clear next steps",
    ]
    assert prompter.said("phase")[0].text == "Capture their facts, feelings and values."


def test_due_date_in_words_is_echoed_back_resolved():
    prompter = ScriptedPrompter(script(**{"next.due": ["in 2 weeks"]}))
    session = run(prompter)
    assert session.actions[0].due == date(2026, 12, 8)
    echoes = [m.text for m in prompter.said("echo")]
    assert any("2026-12-08" in e for e in echoes), echoes


def test_next_step_rejects_empty_past_date_and_bad_confidence():
    prompter = ScriptedPrompter(
        script(
            **{
                "next.action": ["", "Maybe talk to Priya", "Talk to Priya"],
                "next.check": ["edit"],
                "next.due": ["12/01", "2026-11-01", "2026-12-01"],
                "next.confidence": ["11", "eight", "9"],
            }
        )
    )
    session = run(prompter)
    prompter.assert_done()
    assert session.actions[0].text == "Talk to Priya"
    assert session.actions[0].check is None
    assert session.actions[0].due == date(2026, 12, 1)
    assert session.actions[0].confidence == 9
    rejected = [key for key, _ in prompter.rejected]
    assert rejected == [
        "next.action",
        "next.due",
        "next.due",
        "next.confidence",
        "next.confidence",
    ]
    assert "past" in prompter.rejected[2][1]
    checks = [m for m in prompter.messages if m.title == "Next-step check"]
    assert len(checks) == 1 and "way out" in checks[0].text


@pytest.mark.parametrize(
    ("step", "kind"),
    [("Think about the rota", "vague"), ("Try to ask Priya", "hedge"), ("TBD", "non-action")],
)
def test_a_flagged_step_can_be_kept_and_the_session_records_it(step, kind):
    prompter = ScriptedPrompter(script(**{"next.action": [step], "next.check": ["keep"]}))
    session = run(prompter)
    prompter.assert_done()
    assert session.actions[0].text == step
    assert session.actions[0].check == kind


def test_first_person_and_named_steps_pass_without_a_check_prompt():
    steps = ["I will email the client tomorrow", "Sam to send the rota"]
    prompter = ScriptedPrompter(
        script(
            **{
                "next.action": steps,
                "next.owner": ["person", "supervisor"],
                "next.due": ["friday", "friday"],
                "next.confidence": ["8", "9"],
                "next.more": [True, False],
            }
        )
    )
    session = run(prompter)
    prompter.assert_done()  # no next.check prompt was needed
    assert [a.text for a in session.actions] == steps
    assert [a.check for a in session.actions] == [None, None]


def test_restatement_feedback_is_recorded():
    prompter = ScriptedPrompter(script(**{"support.feedback": ["It's more the Thursday shift"]}))
    session = run(prompter)
    prompter.assert_done()
    assert session.restatement_feedback == "It's more the Thursday shift"


def test_low_confidence_suggests_a_smaller_step_and_asks_again():
    prompter = ScriptedPrompter(
        script(
            **{
                "next.action": ["Rewrite the rota for the next three months"],
                "next.confidence": ["4", "8"],
                "next.smaller": ["Draft next week's rota"],
            }
        )
    )
    session = run(prompter)
    prompter.assert_done()
    assert session.actions[0].text == "Draft next week's rota"
    assert session.actions[0].confidence == 8
    assert any("smaller" in m.text for m in prompter.said("hint"))


def test_low_confidence_kept_when_supervisor_keeps_the_step():
    prompter = ScriptedPrompter(script(**{"next.confidence": ["5"], "next.smaller": [None]}))
    session = run(prompter)
    assert session.actions[0].confidence == 5
    assert session.actions[0].text == "Ask Priya to swap Thursday"


def test_several_next_steps_with_owners():
    prompter = ScriptedPrompter(
        script(
            **{
                "next.action": ["Ask Priya to swap Thursday", "Check the overtime budget"],
                "next.owner": ["person", "supervisor"],
                "next.due": ["friday", "tomorrow"],
                "next.confidence": ["8", "9"],
                "next.more": [True, False],
            }
        )
    )
    session = run(prompter)
    assert [(a.owner, a.due) for a in session.actions] == [
        ("person", date(2026, 11, 27)),
        ("supervisor", date(2026, 11, 25)),
    ]
    assert len({a.id for a in session.actions}) == 2


def test_why_question_gets_a_warning_and_a_rewrite_the_supervisor_accepts():
    prompter = ScriptedPrompter(
        script(
            **{
                "ask.pick": ["own", "done"],
                "ask.own": ["Why were you late twice?"],
                "ask.rewrite": ["rewrite"],
            }
        )
    )
    session = run(prompter)
    asked = session.questions[0]
    assert asked.source == "own"
    assert not asked.text.lower().startswith("why")
    assert asked.text.split()[0].lower() in {"what", "how"}
    assert asked.check_issues == []
    assert prompter.said("warning"), "a why question gets a gentle warning"


def test_kept_problem_question_records_what_the_check_found():
    prompter = ScriptedPrompter(
        script(
            **{
                "ask.pick": ["own", "done"],
                "ask.own": ["Did the swap work out?"],
                "ask.rewrite": ["keep"],
            }
        )
    )
    session = run(prompter)
    assert session.questions[0].text == "Did the swap work out?"
    assert session.questions[0].check_issues == ["closed"]


def test_own_question_that_is_in_the_bank_is_recorded_as_the_bank_question():
    prompter = ScriptedPrompter(
        script(
            **{
                "ask.pick": ["own", "done"],
                "ask.own": ["what do you want"],
            }
        )
    )
    session = run(prompter)
    assert session.questions[0].question_id == "ask-want"
    assert session.questions[0].source == "bank"


def test_asked_questions_are_not_offered_twice_and_and_what_else_comes_back_after_answers():
    prompter = ScriptedPrompter(
        script(
            **{
                "ask.pick": ["q:ask-challenge", "q:ask-else", "q:ask-else", "q:ask-want", "done"],
                "ask.answer": ["a", "b", "", "d"],
            }
        )
    )
    session = run(prompter)
    offered = [[c.value for c in choices] for choices in prompter.choices["ask.pick"]]
    # Never question 1: offered last on the first list, at the top after every answer.
    assert offered[0][0] == "q:ask-challenge" and offered[0].index("q:ask-else") == 2
    assert offered[1][0] == "q:ask-else" and "q:ask-challenge" not in offered[1]
    assert offered[2][0] == "q:ask-else"  # again after its own answer
    assert "q:ask-else" in offered[3] and offered[3][0] != "q:ask-else"  # declined: "" answer
    assert offered[4][0] == "q:ask-else"
    assert [q.question_id for q in session.questions] == [
        "ask-challenge",
        "ask-else",
        "ask-else",
        "ask-want",
    ]


@pytest.mark.parametrize("nothing", ["Nothing else really", "No, that's it", ""])
def test_and_what_else_stops_coming_first_once_they_say_there_is_nothing_more(nothing):
    """After "And what else?" → "Nothing else really" it was offered at the top again."""
    prompter = ScriptedPrompter(
        script(
            **{
                "ask.pick": ["q:ask-challenge", "q:ask-else", "done"],
                "ask.answer": ["a", nothing],
            }
        )
    )
    run(prompter)
    offered = [[c.value for c in choices] for choices in prompter.choices["ask.pick"]]
    assert offered[1][0] == "q:ask-else"
    assert offered[2][0] != "q:ask-else" and "q:ask-else" in offered[2]


def test_own_question_and_done_have_their_own_keys_and_questions_are_numbered():
    prompter = ScriptedPrompter(script())
    run(prompter)
    first = prompter.choices["ask.pick"][0]
    keys = {c.value: c.key for c in first}
    assert keys["own"] == "w" and keys["done"] == "d"
    assert all(keys[c.value] is None for c in first if c.value.startswith("q:"))


def test_rotation_offers_questions_not_asked_recently_first():
    context = PersonContext(recent_question_ids=("ask-challenge",))
    prompter = ScriptedPrompter(script(**{"ask.pick": ["done"], "who.name": []}))
    run(prompter, person="Sam", context=lambda name: context)
    offered = [c.value for c in prompter.choices["ask.pick"][0] if c.value.startswith("q:")]
    assert offered == ["q:ask-want", "q:ask-challenge", "q:ask-else"], offered


def test_known_people_are_offered_and_someone_new_can_be_typed():
    prompter = ScriptedPrompter(script(**{"who.person": ["new"], "who.name": ["  Ana   Lee "]}))
    session = run(prompter, known_people=["Sam", "Priya"])
    assert session.person == "Ana Lee"
    prompter = ScriptedPrompter(script(**{"who.person": [("label", "Priya")], "who.name": []}))
    assert run(prompter, known_people=["Sam", "Priya"]).person == "Priya"


def test_carry_over_shows_last_values_and_runs_the_review():
    reviewed = []

    def review(prompter):
        reviewed.append(prompter)
        return ["k7m2x9qa"]

    context = PersonContext(
        last_session_date=date(2026, 11, 17),
        open_items=1,
        review=review,
        brief=(("Last time (2026-11-17)", ("They valued: Time with family",), False),),
    )
    prompter = ScriptedPrompter(script(**{"who.name": []}))
    session = run(prompter, person="Sam", context=lambda name: context)
    assert reviewed, "the review of open items ran"
    assert session.reviewed_items == ["k7m2x9qa"]
    info = [m for m in prompter.said("info") if m.title.startswith("Last time")]
    assert info and "They valued: Time with family" in info[0].lines


@pytest.mark.parametrize(
    "where", ["listen.feelings", "ask.answer", "next.due", "close.after_check"]
)
def test_ctrl_c_keeps_everything_typed_and_resume_continues(where):
    answers = script()
    answers[where] = [CANCEL]
    prompter = ScriptedPrompter(answers)
    with pytest.raises(ConversationInterrupted) as caught:
        run(prompter)
    state = caught.value.state
    assert state.person == "Sam"
    assert state.listening.facts == ["Two late shifts in a row", "Missed the Monday stand-up"]

    # The draft survives a round trip through JSON, then the conversation resumes.
    restored = through_a_draft(state)
    rest = script()
    for key in ("who.name", "agenda.want", "agenda.advice", "checkin.words", "checkin.scale"):
        rest[key] = []
    rest["listen.facts"] = []
    if where != "listen.feelings":
        rest["listen.feelings"] = rest["listen.values"] = []
    if where in ("next.due", "close.after_check"):
        for key in (
            "ask.pick",
            "ask.answer",
            "support.restatement",
            "support.feedback",
            "challenge.pick",
            "challenge.assumption",
            "challenge.reframe",
        ):
            rest[key] = []
    if where == "ask.answer":
        rest["ask.pick"] = ["done"]  # the chosen question is kept: its answer is asked first
    if where == "next.due":
        rest["next.action"] = rest["next.owner"] = []  # kept in the pending step
    if where == "close.after_check":
        rest["close.learning"] = []  # answered before the interruption
        for key in ("next.action", "next.owner", "next.due", "next.confidence", "next.more"):
            rest[key] = []
        rest["next.help"] = rest["next.meeting"] = []
    resumed = ScriptedPrompter(rest)
    session = run(resumed, state=restored)
    resumed.assert_done()
    assert session.listening.facts == ["Two late shifts in a row", "Missed the Monday stand-up"]
    assert session.actions[0].text == "Ask Priya to swap Thursday"


def test_unexpected_prompt_fails_the_test_instead_of_hanging():
    prompter = ScriptedPrompter({"who.name": ["Sam"]})
    with pytest.raises(UnexpectedPrompt):
        run(prompter)


def test_other_questions_page_through_the_bank_and_wrap_around(monkeypatch):
    from coachcli.conversation import paging as engine_steps

    monkeypatch.setattr(engine_steps, "PAGE", 2)  # two questions a page, then paging choices
    prompter = ScriptedPrompter(script(**{"ask.pick": ["more", "more", "q:ask-challenge", "done"]}))
    session = run(prompter)
    pages = [
        [c.value for c in page if c.value.startswith("q:")] for page in prompter.choices["ask.pick"]
    ]
    assert pages[0] == ["q:ask-challenge", "q:ask-want"]
    assert pages[1] == ["q:ask-else"]  # never question 1, but there to pick
    assert pages[2] == pages[0]  # wrapped around to the first page
    prompts = [prompt for key, prompt in prompter.asked if key == "ask.pick"]
    assert prompts[0].endswith("(page 1 of 2)") and prompts[1].endswith("(page 2 of 2)")
    assert session.questions[0].question_id == "ask-challenge"


def test_a_pasted_megabyte_is_cut_with_a_notice_and_the_session_still_saves():
    from coachcli.core.model import MAX_TEXT

    huge = "x" * (MAX_TEXT + 5000)
    prompter = ScriptedPrompter(script(**{"listen.facts": [huge, ""]}))
    session = run(prompter)
    assert len(session.listening.facts[0]) == MAX_TEXT
    assert any("are kept" in m.text for m in prompter.said("warning"))


def test_half_typed_answer_and_chosen_question_survive_ctrl_c_and_resume_with_a_recap():
    answers = script()
    answers["ask.answer"] = [CANCEL]
    prompter = ScriptedPrompter(answers)

    def typed_then_cancel(key, prompt, **kw):
        raise Cancelled(partial="The rota comes out la")

    prompter.text = _intercept(prompter.text, "ask.answer", typed_then_cancel)
    with pytest.raises(ConversationInterrupted) as caught:
        run(prompter)
    state = through_a_draft(caught.value.state)
    assert state.pending_question is not None
    assert state.pending_question.text == "What's the real challenge here for you?"
    assert state.partial == {"ask.answer": "The rota comes out la"}
    assert state.typed_anything

    rest = {
        "ask.answer": [None],  # Enter keeps the half-typed text, offered as the default
        "ask.pick": ["done"],
        **{k: v for k, v in script().items() if k.split(".")[0] in ("support", "challenge")},
        **{k: v for k, v in script().items() if k.split(".")[0] in ("next", "close")},
    }
    resumed = ScriptedPrompter(rest)
    session = run(resumed, state=state)
    resumed.assert_done()
    assert session.questions[0].answer == "The rota comes out la"
    recap = [m for m in resumed.said("info") if m.title.startswith("Resuming")]
    assert recap, "a recap is shown when resuming"
    assert any("Check-in: 6/10" in line for line in recap[0].lines)
    assert any("What's the real challenge" in line for line in recap[0].lines)


def _intercept(original, key, replacement):
    def text(k, prompt, **kw):
        if k == key and original.__self__.script.get(k, [None])[0] is CANCEL:
            original.__self__.script[k].pop(0)
            return replacement(k, prompt, **kw)
        return original(k, prompt, **kw)

    return text


def test_checkin_is_optional_and_the_scale_is_checked():
    prompter = ScriptedPrompter(
        script(**{"checkin.words": [""], "checkin.scale": ["11", "seven", ""]})
    )
    session = run(prompter)
    prompter.assert_done()
    assert session.checkin is None
    assert [key for key, _ in prompter.rejected] == ["checkin.scale", "checkin.scale"]


def test_checkin_trend_from_earlier_sessions_is_shown():
    context = PersonContext(
        checkins=((date(2026, 11, 10), 5, ""), (date(2026, 11, 17), 7, "Better, sleeping more"))
    )
    prompter = ScriptedPrompter(script(**{"who.name": [], "checkin.words": ["Fine"]}))
    session = run(prompter, person="Sam", context=lambda name: context)
    (shown,) = [m for m in prompter.said("info") if m.title == "Check-in"]
    assert "5 → 7" in shown.lines[0]
    assert "Better, sleeping more" in shown.lines[1]
    assert session.checkin is not None and session.checkin.words == "Fine"


def test_help_named_becomes_a_step_owned_by_me_due_by_the_next_meeting():
    prompter = ScriptedPrompter(
        script(
            **{
                "next.help": ["Review my draft rota"],
                "next.meeting": ["in 2 weeks"],
                "next.help_action": [None],
                "next.help_due": [None],
                "next.help_confidence": ["9"],
            }
        )
    )
    session = run(prompter)
    prompter.assert_done()
    assert session.help_wanted == "Review my draft rota"
    mine = [a for a in session.actions if a.owner == "supervisor"]
    assert [(a.text, a.due, a.confidence) for a in mine] == [
        ("Review my draft rota", date(2026, 12, 8), 9)
    ]
    asked = [m.text for m in prompter.said("info")]
    assert any("How can I help" in t for t in asked)


def test_help_that_is_not_a_step_is_turned_into_one_and_meeting_can_wait():
    prompter = ScriptedPrompter(
        script(
            **{
                "next.help": ["More time on Fridays"],
                "next.meeting": ["2026-11-01", ""],
                "next.help_action": [None],
                "next.help_due": [None],
                "next.help_confidence": ["8"],
            }
        )
    )
    session = run(prompter)
    assert session.next_meeting is None
    assert prompter.rejected[0][0] == "next.meeting"  # a meeting in the past is refused
    mine = [a for a in session.actions if a.owner == "supervisor"]
    assert mine[0].text == "Give Sam the help asked for: More time on Fridays"
    assert mine[0].due == date(2026, 12, 1)  # "in 1 week" when no meeting was agreed


def test_due_date_examples_are_computed_from_today():
    prompter = ScriptedPrompter(script())
    run(prompter)
    (due_prompt,) = [p for k, p in prompter.asked if k == "next.due"]
    assert "2026-12-01" in due_prompt and "2026-12-04" not in due_prompt


def test_only_answers_captured_still_gives_a_restatement():
    prompter = ScriptedPrompter(
        script(
            **{
                "listen.facts": [""],
                "listen.feelings": [""],
                "listen.values": [""],
                "ask.pick": ["q:ask-challenge", "done"],
                "ask.answer": ["Saying no to extra shifts"],
            }
        )
    )
    session = run(prompter)
    assert "saying no to extra shifts" in session.restatement  # said back, not pasted
    assert not any("Nothing was noted" in m.text for m in prompter.said("hint"))


def test_close_keeps_their_learning_apart_and_labels_the_after_check_mine():
    prompter = ScriptedPrompter(script())
    session = run(prompter)
    assert all(q.question_id != "close-useful" for q in session.questions)
    titles = [m.title for m in prompter.said("info")]
    assert titles.index("Close") < titles.index("Your after-check")
    (mine,) = [m for m in prompter.said("info") if m.title == "Your after-check"]
    assert "not shared" in mine.text


@pytest.mark.parametrize(
    ("bank", "meeting"),
    [
        ("coaching", "When shall we look back at how it went?"),
        ("mentoring", "When shall we look at how it went?"),  # none in the bank: ours
    ],
)
def test_the_next_meeting_question_is_about_when_to_meet(bank, meeting):
    from coachcli.banks.load import load_bank

    prompter = ScriptedPrompter(script())
    convo = Conversation(load_bank(bank), prompter, FixedClock(NOW))
    state = ConversationState(started_at=NOW, bank=bank, person="Sam")
    state.done = ["next.steps", "next.help"]
    from coachcli.conversation.agree import agree_help_and_meeting

    agree_help_and_meeting(convo, state)
    asked = [m.text for m in prompter.said("info") if m.text.startswith("Ask")]
    assert asked == [f"Ask: “{meeting}”"]
    assert state.next_meeting == date(2026, 12, 8)


@pytest.mark.parametrize(("choice", "offered"), [("edit", "work on my confidence"), ("new", "")])
def test_a_flagged_step_is_edited_from_its_words_or_written_afresh(choice, offered):
    prompter = ScriptedPrompter(
        script(
            **{
                "next.action": ["work on my confidence", "Ask Tom to cover Monday's early shift"],
                "next.check": [choice],
            }
        )
    )
    session = run(prompter)
    prompter.assert_done()
    assert session.actions[0].text == "Ask Tom to cover Monday's early shift"
    assert prompter.defaults["next.action"][-1] == offered
