"""The interactive review loop, driven by a scripted prompter that fails on surprises."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from datetime import UTC, date, datetime

import pytest

from coachcli.core.clock import FixedClock
from coachcli.followup.listing import Item
from coachcli.followup.review import (
    CHOICE_KEY,
    DUE_KEY,
    LEARNED_KEY,
    review_items,
    review_open_items,
    store_applier,
)
from coachcli.storage.store import Store
from coachcli.ui.prompting import Choice, Message
from factories import write_actions

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
CLOCK = FixedClock(NOW)


class ScriptedPrompter:
    """Answers by key, in order; raises on a question it has no answer for."""

    def __init__(self, answers: dict[str, list], on_select=None) -> None:
        self.answers = {key: list(values) for key, values in answers.items()}
        self.said: list[Message] = []
        self.on_select = on_select

    def _next(self, key: str, prompt: str):
        queue = self.answers.get(key)
        if not queue:
            raise AssertionError(f"unexpected prompt {key!r}: {prompt!r}")
        return queue.pop(0)

    def say(self, message: Message) -> None:
        self.said.append(message)

    def text(self, key, prompt, *, default="", multiline=False, validate=None) -> str:
        answer = self._next(key, prompt)
        if validate is not None:
            problem = validate(answer)
            if problem:
                raise AssertionError(f"answer {answer!r} rejected: {problem}")
        return answer

    def select(self, key, prompt, choices: Sequence[Choice], default=None) -> str:
        if self.on_select:
            self.on_select()
        answer = self._next(key, prompt)
        assert answer in {c.value for c in choices}, answer
        return answer

    def confirm(self, key, prompt, *, default=False) -> bool:
        return self._next(key, prompt)

    def finished(self) -> bool:
        return not any(self.answers.values())


def item(aid: str, sid: str = "20261101-abc234", due: date | None = None) -> Item:
    return Item(
        id=aid,
        session_id=sid,
        person="Sam",
        action=f"Action {aid}",
        owner="person",
        due=due,
        status="open",
        confidence=7,
        learned="",
        session_date=date(2026, 11, 1),
    )


def test_each_answer_goes_to_apply():
    calls = []

    def apply(it, change, *, at, due, note):
        calls.append((it.id, change, due, note, at))

    prompter = ScriptedPrompter(
        {
            CHOICE_KEY: ["done", "partly", "keep", "reschedule", "drop"],
            LEARNED_KEY: ["  Early is better ", "", "Not worth it"],
            DUE_KEY: ["2026-12-05"],
        }
    )
    items = [item(f"item{n}234") for n in range(5)]
    summary = review_items(items, prompter, CLOCK, apply)
    assert prompter.finished()
    assert calls == [
        ("item0234", "done", None, "Early is better", NOW),
        ("item1234", "partly", None, "", NOW),
        ("item2234", "keep", None, "", NOW),
        ("item3234", "reschedule", date(2026, 12, 5), "", NOW),
        ("item4234", "drop", None, "Not worth it", NOW),
    ]
    assert summary.reviewed == 5 and not summary.stopped
    assert summary.line() == (
        "Reviewed 5: 1 done, 1 partly done, 1 kept open, 1 rescheduled, 1 dropped"
    )
    assert prompter.said[0].title == "Item 1 of 5 (item0234, Sam)"


def test_stop_leaves_the_rest():
    calls = []
    prompter = ScriptedPrompter({CHOICE_KEY: ["keep", "stop"]})
    summary = review_items(
        [item("aaaa2345"), item("bbbb2345"), item("cccc2345")],
        prompter,
        CLOCK,
        lambda it, change, **kw: calls.append(it.id),
    )
    assert calls == ["aaaa2345"] and summary.stopped and summary.reviewed == 1
    assert summary.line().endswith("(stopped early)")


def test_a_bad_date_is_refused_by_validation():
    prompter = ScriptedPrompter({CHOICE_KEY: ["reschedule"], DUE_KEY: ["someday"]})
    with pytest.raises(AssertionError, match="rejected"):
        review_items([item("aaaa2345")], prompter, CLOCK, lambda *a, **k: None)


def actions_of(home, sid: str) -> dict:
    data = json.loads((home / "sessions" / f"{sid}.json").read_text())
    return {a["id"]: a for a in data["actions"]}


@pytest.mark.slow
def test_changes_reach_the_file_and_another_process_change_survives(coach_home):
    """The lock is not held while a prompt waits: another process changes item B in the same
    file during the prompt about item A, and both changes are kept."""
    sid = "20261101-abc234"
    new = {"created_at": NOW.isoformat(), "text": "x"}
    write_actions(coach_home, sid, "Sam", [{"id": "aaaa2345", **new}, {"id": "bbbb2345", **new}])
    other = textwrap.dedent(
        f"""
        from datetime import datetime, UTC
        from coachcli.core.items import apply_change
        from coachcli.storage.store import Store
        def change(session):
            for a in session.actions:
                if a.id == "bbbb2345":
                    apply_change(a, "drop", at=datetime.now(UTC), note="other process")
        with Store.default().lock(timeout=2):  # free: nobody holds it while prompting
            Store.default().update_session("{sid}", change)
        """
    )

    def meanwhile() -> None:
        done = subprocess.run([sys.executable, "-c", other], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr

    store = Store(coach_home)
    prompter = ScriptedPrompter(
        {CHOICE_KEY: ["done"], LEARNED_KEY: ["it worked"]}, on_select=meanwhile
    )
    summary = review_items([item("aaaa2345", sid)], prompter, CLOCK, store_applier(store))
    assert summary.reviewed == 1
    actions = actions_of(coach_home, sid)
    assert actions["aaaa2345"]["status"] == "done"
    assert actions["aaaa2345"]["learned"] == "it worked"
    assert actions["bbbb2345"]["status"] == "dropped"
    assert actions["bbbb2345"]["history"][-1]["note"] == "other process"


def test_a_session_removed_meanwhile_is_reported_not_fatal(coach_home):
    prompter = ScriptedPrompter({CHOICE_KEY: ["done"], LEARNED_KEY: [""]})
    Store(coach_home).ensure()
    summary = review_items(
        [item("aaaa2345", "20261101-gone23")], prompter, CLOCK, store_applier(Store(coach_home))
    )
    assert summary.missing == ["aaaa2345"] and summary.reviewed == 0
    assert prompter.said[-1].kind == "warning"
    assert "aaaa2345" in prompter.said[-1].text


def test_carry_over_entry_point_for_coach_start(coach_home):
    from coachcli.index.cache import load_rows

    sid = "20261101-abc234"
    new = {"created_at": NOW.isoformat(), "text": "x", "due": "2026-11-20"}
    write_actions(
        coach_home, sid, "Sam", [{"id": "aaaa2345", **new}, {"id": "bbbb2345", **new, "due": None}]
    )
    store = Store(coach_home)
    rows, _ = load_rows(store)
    pairs = [(row, a) for row in rows for a in row["actions"] if a["status"] == "open"]
    prompter = ScriptedPrompter(
        {CHOICE_KEY: ["partly", "reschedule"], LEARNED_KEY: ["half"], DUE_KEY: ["2026-12-24"]}
    )
    reviewed = review_open_items(store, pairs, prompter, CLOCK)
    assert reviewed == ["aaaa2345", "bbbb2345"]
    actions = actions_of(coach_home, sid)
    assert actions["aaaa2345"]["status"] == "partly"
    assert actions["bbbb2345"]["due"] == "2026-12-24"
    assert actions["bbbb2345"]["history"][-1]["event"] == "rescheduled"


@pytest.mark.slow
def test_review_at_a_real_terminal(coach_home):
    """`coach followup` in a pseudo-terminal lists, then walks each item with the real prompts."""
    import os

    import pexpect

    sid = "20261101-abc234"
    new = {"created_at": NOW.isoformat()}
    write_actions(
        coach_home,
        sid,
        "Sam",
        [
            {"id": "aaaa2345", "text": "Call Alex", "due": "2026-11-10", **new},
            {"id": "bbbb2345", "text": "Book a room", **new},
        ],
    )
    env = {**os.environ, "COACH_HOME": str(coach_home), "PROMPT_TOOLKIT_NO_CPR": "1"}
    env["TERM"] = "xterm"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "coachcli", "followup"],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )
    try:
        child.expect("Overdue")
        child.expect("How did it go")
        child.send("\x1b[A\x1b[A\r")  # from the default "Not done yet" up to "Done"
        child.expect("What did you learn")
        child.sendline("It worked")
        child.expect("How did it go")
        child.send("\x1b[B\r")  # down to "New due date"
        child.expect("New due date")
        child.sendline("2026-12-24")
        child.expect("Reviewed 2: 1 done, 1 rescheduled")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0, child.before
    actions = actions_of(coach_home, sid)
    assert actions["aaaa2345"]["status"] == "done"
    assert actions["aaaa2345"]["learned"] == "It worked"
    assert actions["bbbb2345"]["due"] == "2026-12-24"


def test_a_session_damaged_meanwhile_is_skipped_with_a_note_free_warning(coach_home):
    sid = "20261101-abc234"
    write_actions(
        coach_home, sid, "Sam", [{"id": "aaaa2345", "text": "x", "created_at": NOW.isoformat()}]
    )
    path = coach_home / "sessions" / f"{sid}.json"

    def damage() -> None:
        path.write_text('{"secret words": ', encoding="utf-8")

    prompter = ScriptedPrompter({CHOICE_KEY: ["keep", "keep"]}, on_select=damage)
    summary = review_items(
        [item("aaaa2345", sid), item("bbbb2345", sid)],
        prompter,
        CLOCK,
        store_applier(Store(coach_home)),
    )
    assert summary.missing == ["aaaa2345", "bbbb2345"] and summary.reviewed == 0
    warnings = [m.text for m in prompter.said if m.kind == "warning"]
    assert len(warnings) == 2 and all("secret" not in w for w in warnings)
    assert path.read_text() == '{"secret words": '  # a damaged file is never rewritten
