"""`coach start` wiring on a real store: first prompt, carry-over, drafts, message rendering."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coachcli.cli.app import run
from coachcli.conversation.start import converse
from coachcli.core.clock import FixedClock
from coachcli.core.errors import Cancelled
from coachcli.storage.store import Store
from coachcli.ui.messages import fragments
from coachcli.ui.prompting import Message
from factories import conversation_answers
from scripted import CANCEL, ScriptedPrompter

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)

REST_OF_CONVERSATION = conversation_answers()


@pytest.mark.slow
def test_first_prompt_comes_before_pydantic_yaml_and_rich_are_loaded(coach_home):
    probe = f"""
import sys
sys.path.insert(0, {str(ROOT / "tests")!r})
from factories import conversation_answers
from scripted import ScriptedPrompter
from coachcli.core.clock import SystemClock
from coachcli.conversation.start import converse
from coachcli.storage.store import Store

class Probe(ScriptedPrompter):
    def text(self, key, prompt, **kw):
        heavy = sorted({{m.split('.')[0] for m in sys.modules}} & {{'pydantic', 'yaml', 'rich'}})
        print(key, heavy)
        raise SystemExit(0)

converse(Store.default(), Probe({{}}), SystemClock(), person=None, bank_name=None)
"""
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=dict(os.environ, COACH_HOME=str(coach_home)),
        check=True,
    ).stdout
    assert out.strip() == "who.name []", out


def _first_session(tmp_path) -> dict:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "person: Sam\nvalues: [Time with family]\n"
        "assumptions:\n  - assumption: The team will mind\n"
        "questions:\n  - id: grow-reality-now\n    answer: Saying no\n"
        "next_steps:\n  - {action: Ask Priya to swap, due: 2099-11-20, confidence: 8}\n"
        "after_check: 'no'\n"
    )
    assert run(["start", "--answers", str(answers)]) == 0
    (path,) = (Store.default().sessions_dir).glob("*.json")
    return json.loads(path.read_text())


def test_carry_over_reviews_open_items_and_rotates_questions(tmp_path, capsys):
    first = _first_session(tmp_path)
    item = first["actions"][0]["id"]
    capsys.readouterr()

    prompter = ScriptedPrompter(
        {
            **REST_OF_CONVERSATION,
            "who.person": [("label", "Sam")],
            "followup.choice": ["done"],
            "followup.done_on": ["yesterday"],
            "followup.learned": ["Asking early works"],
        }
    )
    session, _ = converse(Store.default(), prompter, FixedClock(NOW), person=None, bank_name=None)
    prompter.assert_done()
    assert any("What did Sam learn" in prompt for _, prompt in prompter.asked)
    assert prompter.said("summary")[0].text == "Reviewed 1: 1 done"

    assert session.reviewed_items == [item]
    earlier = Store.default().load_session(first["id"])
    assert earlier.actions[0].status == "done"
    assert earlier.actions[0].learned == "Asking early works"
    assert earlier.actions[0].done_on == NOW.date() - timedelta(days=1)
    last_time = [m for m in prompter.said("info") if m.title.startswith("Last time")]
    assert last_time and "They valued: Time with family" in last_time[0].lines
    offered = [c.value for c in prompter.choices["ask.pick"][0] if c.value.startswith("q:")]
    assert "q:grow-reality-now" not in offered  # asked last time, so offered last


def test_draft_choices_discard_and_later(coach_home):
    store = Store.default()
    base = {**REST_OF_CONVERSATION, "who.name": ["Ana"], "agenda.want": [CANCEL]}
    with pytest.raises(Cancelled):
        converse(store, ScriptedPrompter(base), FixedClock(NOW), person=None, bank_name=None)
    (draft,) = store.draft_files()

    later = ScriptedPrompter(
        {"draft.resume": ["later"], "who.name": ["Lee"], "agenda.want": [CANCEL]}
    )
    with pytest.raises(Cancelled):
        converse(store, later, FixedClock(NOW), person=None, bank_name=None)
    assert draft.exists() and len(store.draft_files()) == 2
    assert any("with Ana" in c.label for c in later.choices["draft.resume"][0])

    newest = store.draft_files()[0]
    discard = ScriptedPrompter(
        {
            "draft.resume": ["discard", "later"],
            "draft.discard": ["resume:0"],
            "who.name": ["Kim"],
            "agenda.want": [CANCEL],
        }
    )
    with pytest.raises(Cancelled):
        converse(store, discard, FixedClock(NOW), person=None, bank_name=None)
    assert not newest.exists()
    # Both drafts were listed, each with its person.
    labels = [c.label for c in discard.choices["draft.resume"][0]]
    assert any("with Ana" in label for label in labels)
    assert any("with Lee" in label for label in labels)


def test_a_damaged_draft_is_reported_and_left_alone(coach_home):
    store = Store.default()
    store.save_draft("abcd2345", {"person": "Ana", "started_at": "not a date", "bank": 3})
    (path,) = store.draft_files()
    before = path.read_bytes()
    prompter = ScriptedPrompter(
        {**REST_OF_CONVERSATION, "draft.resume": ["resume:0"], "who.name": ["Ana"]}
    )
    session, _ = converse(store, prompter, FixedClock(NOW), person=None, bank_name=None)
    assert session.person == "Ana"
    assert any("could not be read" in m.text for m in prompter.said("warning"))
    assert path.read_bytes() == before


def test_messages_render_user_text_literally():
    message = Message("restatement", "[red]x[/red] \x1b[2Jgone :smile:", title="Say \x1b]0;t\x07")
    shown = "".join(text for _, text in fragments(message, 80))
    assert "[red]x[/red] gone :smile:" in shown
    assert "\x1b" not in shown and "\x07" not in shown
    phase = fragments(Message("phase", "Why it matters", title="Phase 1/4 · Listen"), 40)
    assert phase[1][1].startswith("── Phase 1/4 · Listen ─")


@pytest.mark.parametrize("failure", ["save", "bug"])
def test_a_failed_save_or_a_bug_at_the_end_keeps_a_draft(coach_home, monkeypatch, failure):
    from coachcli.conversation import engine
    from coachcli.conversation import state as conversation
    from coachcli.core.errors import SaveError

    store = Store.default()
    if failure == "save":

        def fail(session, data=None):
            raise SaveError("cannot write: disk full")

        monkeypatch.setattr(store, "save_new_session", fail)
        expected = SaveError
    else:

        def broken(state, finished_at):
            raise RuntimeError("a bug")

        monkeypatch.setattr(engine, "build_session", broken)
        monkeypatch.setattr(conversation, "build_session", broken)
        expected = RuntimeError
    prompter = ScriptedPrompter({**REST_OF_CONVERSATION, "who.name": ["Ana"]})
    with pytest.raises(expected):
        converse(store, prompter, FixedClock(NOW), person=None, bank_name=None)
    (draft,) = store.draft_files()
    state = json.loads(draft.read_text())["state"]
    assert state["person"] == "Ana"
    assert state["actions"][0]["text"] == "Book the training"


def _draft_for(store, name: str) -> None:
    prompter = ScriptedPrompter(
        {
            "draft.resume": ["later"],  # asked only when another draft is there
            "who.name": [name],
            "agenda.want": ["Hear them out"],
            "agenda.advice": [CANCEL],
        }
    )
    with pytest.raises(Cancelled):
        converse(store, prompter, FixedClock(NOW), person=None, bank_name=None)


def test_person_option_never_resumes_someone_elses_draft(coach_home):
    store = Store.default()
    _draft_for(store, "Ana")
    prompter = ScriptedPrompter({**REST_OF_CONVERSATION})
    session, _ = converse(store, prompter, FixedClock(NOW), person="Eli Brown", bank_name=None)
    assert session.person == "Eli Brown"
    assert "draft.resume" not in [key for key, _ in prompter.asked]
    assert len(store.draft_files()) == 1  # Ana's draft is still there for later


def test_person_option_offers_that_persons_draft(coach_home):
    store = Store.default()
    _draft_for(store, "Ana")
    _draft_for(store, "Lee")
    rest = {k: v for k, v in REST_OF_CONVERSATION.items() if k != "agenda.want"}
    prompter = ScriptedPrompter({**rest, "draft.resume": ["resume:0"]})
    session, _ = converse(store, prompter, FixedClock(NOW), person="ana", bank_name=None)
    assert session.person == "Ana" and session.agenda.want == "Hear them out"
    (offered,) = prompter.choices["draft.resume"]
    assert [c.label for c in offered if c.value.startswith("resume")] == [
        c.label for c in offered if "Ana" in c.label
    ]
    recap = [m for m in prompter.said("info") if m.title.startswith("Resuming")]
    assert recap, "resuming shows a recap"


def test_no_draft_when_nothing_was_typed(coach_home):
    store = Store.default()
    prompter = ScriptedPrompter({"agenda.want": [CANCEL]})
    with pytest.raises(Cancelled) as caught:
        converse(store, prompter, FixedClock(NOW), person="Sam", bank_name=None)
    assert "nothing was typed" in caught.value.message
    assert store.draft_files() == []


@pytest.mark.parametrize("width", [60, 80, 120])
def test_messages_wrap_at_word_boundaries(width):
    text = "Note each on its own line, as you hear it: facts (what happened, who, when). " * 3
    message = Message("hint", text, lines=("A long bullet that goes on and on " * 4,))
    shown = "".join(t for _, t in fragments(message, width - 1))
    words = (
        set(text.split()) | set(["A", "long", "bullet", "that", "goes", "on", "and", "on"]) | {"•"}
    )
    for line in shown.split("\n"):
        assert len(line) <= width - 1, line
        assert set(line.split()) <= words, line
