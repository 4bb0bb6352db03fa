"""The mentoring flow, step by step, driven by a scripted prompter (no terminal, no disk)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from coachcli.banks.load import load_bank
from coachcli.conversation.mentoring import MentoringConversation
from coachcli.conversation.mentoring_steps import read_due, read_horizon
from coachcli.conversation.offers import is_permission_question, mentoring_check
from coachcli.conversation.state import ConversationInterrupted
from coachcli.core.clock import FixedClock
from coachcli.core.goals import Agreement, Goal, MenteeFile, Visit, apply_session, cadence_days
from scripted import CANCEL, ScriptedPrompter

NOW = datetime(2027, 1, 11, 10, 0, tzinfo=UTC)  # a Monday
TODAY = NOW.date()
BANK = load_bank("mentoring")


def first_time(**overrides):
    """A first mentoring conversation: the agreement, two new goals, an introduction."""
    base = {
        "agenda.want": ["Ana leaves clearer about her next move"],
        "agenda.take_over": ["Planning her career for her"],
        "checkin.words": ["Energised"],
        "checkin.scale": ["7"],
        "relationship.cadence": ["every 4 weeks"],
        "relationship.expects": ["A sounding board"],
        "relationship.offers": ["My experience; introductions"],
        "relationship.confidentiality": [None],  # Enter keeps the standard sentence
        "mentee.agenda": ["Whether to apply for the APM role"],
        "goals.new": [True, True, False],
        "goals.text": ["Move into a product role", "Speak at an internal meetup"],
        "goals.horizon": ["by September", "in 4 months"],
        "mentee.serves": [("label", "Move into a product role")],
        "listen.facts": ["Applications close in six weeks", ""],
        "listen.feelings": ["Excited and unsure", ""],
        "listen.values": ["Building things customers love", ""],
        "mentee.grow_into": ["A product manager who still talks to customers"],
        "ask.pick": ["q:aspire-ideal-role", "done"],
        "ask.answer": ["Owning a small product area"],
        "support.restatement": [None],
        "support.feedback": [""],
        "offer.kind": ["experience", "introduction", "done"],
        "offer.text": ["How I prepared for my product interview", "Priya in Ops"],
        "offer.taken_up": [True, True],
        "offer.action": [None],
        "offer.due": ["in 1 week"],
        "offer.confidence": ["9"],
        "challenge.pick": ["done"],
        "next.meeting": [None],  # Enter keeps the default: four weeks, as agreed
        "next.action": ["Draft answers to the interview questions"],
        "next.owner": ["person"],
        "next.due": ["before we next meet"],
        "next.confidence": ["8"],
        "next.more": [False],
        "next.help": [""],
        "close.learning": ["I have more product experience than I thought"],
        "close.after_check": ["no"],
        "close.notes": [""],
    }
    base.update(overrides)
    return base


def run(prompter, mentee=None, person="Ana Costa", state=None):
    convo = MentoringConversation(BANK, prompter, FixedClock(NOW), mentee=lambda _: mentee)
    return convo.run(state, person)


def test_first_mentoring_conversation_records_what_mentoring_needs():
    prompter = ScriptedPrompter(first_time())
    session = run(prompter)
    prompter.assert_done()
    assert not any(m.title.startswith("Resuming") for m in prompter.messages)  # a fresh start
    assert session.kind == "mentoring" and session.bank == "mentoring"
    m = session.mentoring
    assert m is not None
    assert m.agenda == "Whether to apply for the APM role"
    assert [g.goal for g in m.goals_set] == [
        "Move into a product role",
        "Speak at an internal meetup",
    ]
    assert m.goals_set[0].horizon_date == date(2027, 9, 30)
    assert m.serves_goal == m.goals_set[0].goal_id
    assert m.grow_into.startswith("A product manager")
    assert m.relationship is not None and m.relationship.agreed
    assert m.relationship.confidentiality.startswith("What we talk about stays between us")
    assert session.agenda.take_over == "Planning her career for her"
    # The next meeting defaults to the agreed cadence; "before we next meet" is that day.
    assert session.next_meeting == date(2027, 2, 8)
    mine = [a for a in session.actions if a.owner == "supervisor"]
    theirs = [a for a in session.actions if a.owner == "person"]
    assert [a.text for a in mine] == ["Introduce Ana Costa to Priya in Ops"]
    assert mine[0].due == date(2027, 1, 18)
    assert theirs[0].due == session.next_meeting
    kinds = [(o.kind, o.taken_up, bool(o.item_id)) for o in m.offers]
    assert kinds == [("experience", True, False), ("introduction", True, True)]
    assert m.offers[1].item_id == mine[0].id


def test_setup_asks_what_the_mentor_is_tempted_to_take_over_not_advice():
    prompter = ScriptedPrompter(first_time())
    run(prompter)
    keys = [key for key, _ in prompter.asked]
    assert "agenda.advice" not in keys
    prompts = " ".join(prompt for _, prompt in prompter.asked)
    assert "tempted to take over" in prompts
    said = " ".join(m.text for m in prompter.messages)
    assert "Park that advice" not in said and "advice" not in said.lower()
    # Their agenda comes before listening, the next meeting before next steps.
    assert keys.index("mentee.agenda") < keys.index("listen.facts")
    assert keys.index("next.meeting") < keys.index("next.action")


def test_every_offer_is_asked_for_first():
    prompter = ScriptedPrompter(first_time())
    run(prompter)
    asks = [m.text for m in prompter.messages if m.text.startswith("Ask first")]
    assert len(asks) == 2
    assert all(is_permission_question(text.split("“")[1].rstrip("”")) for text in asks)


def test_an_offer_not_taken_up_makes_no_item_and_an_unwanted_one_is_not_recorded():
    prompter = ScriptedPrompter(
        first_time(
            **{
                "offer.kind": ["sponsorship", "suggestion", "done"],
                "offer.text": ["Put her forward for the product guild", ""],
                "offer.taken_up": [False],
                "offer.action": [],
                "offer.due": [],
                "offer.confidence": [],
            }
        )
    )
    session = run(prompter)
    prompter.assert_done()
    assert [(o.kind, o.taken_up) for o in session.mentoring.offers] == [("sponsorship", False)]
    assert all(a.owner == "person" for a in session.actions)


def mentee_with_goals(sessions: int = 1, checks: int = 0) -> MenteeFile:
    began = date(2026, 12, 14)
    return MenteeFile(
        person="Ana Costa",
        began=began,
        agreement=Agreement(agreed_on=began, cadence="monthly", cadence_days=30),
        sessions=[Visit(id=f"2026121{i}-abcd{i}", on=began) for i in range(sessions)],
        goals=[
            Goal(
                id="goal1111",
                text="Move into a product role",
                horizon="by September",
                horizon_date=date(2027, 9, 30),
                set_on=began,
            ),
            Goal(
                id="goal2222",
                text="Speak at a meetup",
                horizon="by March",
                horizon_date=date(2027, 3, 31),
                set_on=began,
            ),
        ],
    )


def later(**overrides):
    """A later conversation: no agreement asked, the goals reviewed first."""
    base = first_time(**overrides)
    for key in (
        "relationship.cadence",
        "relationship.expects",
        "relationship.offers",
        "relationship.confidentiality",
    ):
        base.pop(key)
    base.update(
        {
            "goals.pick": ["goal1111", "goal2222"],  # then none is left to pick
            "goals.progress": ["Shadowed a PM for a week", "Not started: it feels too big"],
            "goals.scale": ["6", "2"],
            "goals.status": ["open", "changed"],
            "goals.text": ["Give a lightning talk to my team"],
            "goals.horizon": [None],  # Enter keeps the old horizon
            "goals.new": [False],
            "mentee.serves": ["goal1111"],
        }
    )
    base.update(overrides)
    return base


def test_goals_are_reviewed_at_the_start_and_a_changed_goal_replaces_the_old():
    prompter = ScriptedPrompter(later())
    session = run(prompter, mentee=mentee_with_goals())
    prompter.assert_done()
    keys = [key for key, _ in prompter.asked]
    assert "relationship.cadence" not in keys  # agreed the first time
    assert keys.index("goals.pick") < keys.index("mentee.agenda")
    reviews = session.mentoring.goal_reviews
    assert [(r.goal_id, r.scale, r.status) for r in reviews] == [
        ("goal1111", 6, "open"),
        ("goal2222", 2, "changed"),
    ]
    new = session.mentoring.goals_set
    assert [(g.goal, g.horizon, g.replaces) for g in new] == [
        ("Give a lightning talk to my team", "by March", "goal2222")
    ]
    # Folding the session into the file: the old goal is closed as changed, the new one open.
    folded = apply_session(mentee_with_goals(), session)
    by_text = {g.text: g for g in folded.goals}
    assert by_text["Speak at a meetup"].status == "changed"
    assert by_text["Move into a product role"].reviews[-1].progress == "Shadowed a PM for a week"
    assert by_text["Give a lightning talk to my team"].is_open


def test_the_relationship_is_checked_every_third_conversation():
    script = later()
    script.update(
        {
            "relationship.check": ["Useful; I'd like more challenge"],
            "relationship.check_scale": ["8"],
        }
    )
    prompter = ScriptedPrompter(script)
    session = run(prompter, mentee=mentee_with_goals(sessions=2))
    prompter.assert_done()
    rel = session.mentoring.relationship
    assert rel is not None and not rel.agreed and rel.check_scale == 8
    # The second conversation does not ask.
    prompter = ScriptedPrompter(later())
    run(prompter, mentee=mentee_with_goals(sessions=1))
    assert "relationship.check" not in [key for key, _ in prompter.asked]


def test_an_interrupted_mentoring_conversation_resumes_with_its_goals():
    script = first_time(**{"offer.kind": [CANCEL]})
    with pytest.raises(ConversationInterrupted) as caught:
        run(ScriptedPrompter(script))
    state = caught.value.state
    assert state.kind == "mentoring" and len(state.mentoring.goals_set) == 2
    rest = {
        k: v
        for k, v in first_time().items()
        if k.startswith(("offer.", "challenge", "next.", "close."))
    }
    prompter = ScriptedPrompter(rest)
    session = run(prompter, state=state)
    prompter.assert_done()
    assert len(session.mentoring.goals_set) == 2 and session.kind == "mentoring"


def test_due_words_run_to_the_next_meeting_and_months_ahead():
    meeting = date(2027, 2, 8)
    for words in ("before we next meet", "by our next meeting", "next time", "Before the next 1:1"):
        assert read_due(words, TODAY, meeting) == (meeting, None), words
    assert read_due("before we next meet", TODAY, None)[1]
    assert read_due("by June", TODAY, meeting)[0] == date(2027, 6, 30)
    assert read_due("in 3 months", TODAY, meeting)[0] == date(2027, 4, 11)
    assert read_horizon("end of the year", TODAY)[0] == date(2027, 12, 31)
    assert read_horizon("by January", TODAY)[0] == date(2027, 1, 31)
    assert read_horizon("", TODAY)[1]
    assert read_horizon("someday", TODAY)[1]
    assert cadence_days("every 4 weeks") == 28 and cadence_days("monthly") == 30
    assert cadence_days("whenever") is None


@pytest.mark.parametrize(
    "question",
    [
        "Would it help if I introduced you to Priya in Ops?",
        "May I share what worked for me when I moved teams?",
        "Would you like me to put your name forward for the guild?",
        "Could I offer a suggestion here?",
    ],
)
def test_the_mentoring_question_check_accepts_permission_and_offer_questions(question):
    assert mentoring_check(question).ok


@pytest.mark.parametrize(
    "question",
    ["You should talk to Priya.", "Why haven't you applied yet?", "Did you apply?"],
)
def test_the_mentoring_question_check_still_stops_closed_and_why_questions(question):
    assert not is_permission_question(question)
    assert not mentoring_check(question).ok


def test_an_own_permission_question_passes_in_the_ask_step():
    script = first_time(
        **{
            "ask.pick": ["own", "done"],
            "ask.own": ["Would it help if I shared how I chose between two roles?"],
            "ask.answer": ["Yes please"],
        }
    )
    prompter = ScriptedPrompter(script)
    session = run(prompter)
    prompter.assert_done()  # no "ask.rewrite": the check did not object
    assert session.questions[0].source == "own" and session.questions[0].check_issues == []
