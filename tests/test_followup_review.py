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
from coachcli.followup.asking import (
    DONE_ON_KEY,
    DUE_KEY,
    LEARNED_KEY,
    LEFT_DUE_KEY,
    LEFT_KEY,
    OBSTACLE_KEY,
    WHY_DROP_KEY,
    Answer,
)
from coachcli.followup.listing import Item
from coachcli.followup.review import (
    CHOICE_KEY,
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


def item(aid: str, sid: str = "20261101-abc234", due: date | None = None, **kw) -> Item:
    return Item(
        id=aid,
        session_id=sid,
        person=kw.get("person", "Sam"),
        action=f"Action {aid}",
        owner=kw.get("owner", "person"),
        due=due,
        status="open",
        confidence=7,
        learned="",
        session_date=date(2026, 11, 1),
    )


def test_each_answer_goes_to_apply():
    calls = []

    def apply(it, answer, *, at):
        calls.append((it.id, answer, at))
        return "changed"

    prompter = ScriptedPrompter(
        {
            CHOICE_KEY: ["done", "partly", "keep", "keep", "drop"],
            DONE_ON_KEY: ["", "last friday"],
            LEARNED_KEY: ["  Early is better ", ""],
            LEFT_KEY: ["Send the second half"],
            LEFT_DUE_KEY: ["next friday"],
            OBSTACLE_KEY: ["The data came late", ""],
            DUE_KEY: ["2026-12-05", ""],
            WHY_DROP_KEY: ["Not worth it"],
        }
    )
    items = [item(f"item{n}234", due=date(2026, 11, 30)) for n in range(5)]
    summary = review_items(items, prompter, CLOCK, apply)
    assert prompter.finished()
    assert [(c[0], c[1]) for c in calls] == [
        ("item0234", Answer("done", done_on=NOW.date(), note="Early is better")),
        (
            "item1234",
            Answer(
                "partly",
                done_on=date(2026, 11, 20),
                left="Send the second half",
                left_due=date(2026, 12, 4),
            ),
        ),
        ("item2234", Answer("keep", due=date(2026, 12, 5), note="The data came late")),
        ("item3234", Answer("keep")),  # Enter keeps a due date still ahead
        ("item4234", Answer("drop", note="Not worth it")),
    ]
    assert all(c[2] == NOW for c in calls)
    assert summary.reviewed == 5 and not summary.stopped
    assert summary.line() == "Reviewed 5: 1 done, 1 partly, 1 moved, 1 kept, 1 dropped"
    assert prompter.said[0].title == "Item 1 of 5 (item0234, Sam)"
    echoes = [m.text for m in prompter.said if m.kind == "echo"]
    assert "Done Tuesday 2026-11-24 (today)" in echoes
    assert "Due Friday 2026-12-04 (in 10 days)" in echoes


def test_the_learning_is_asked_as_the_owners_and_drop_asks_why():
    prompts = []

    class Recording(ScriptedPrompter):
        def _next(self, key, prompt):
            prompts.append(prompt)
            return super()._next(key, prompt)

    prompter = Recording(
        {
            CHOICE_KEY: ["done", "done", "drop"],
            DONE_ON_KEY: ["", ""],
            LEARNED_KEY: ["", ""],
            WHY_DROP_KEY: [""],
        }
    )
    items = [
        item("aaaa2345", person="Priya Patel"),
        item("bbbb2345", person="Priya Patel", owner="supervisor"),
        item("cccc2345", person="Priya Patel"),
    ]
    review_items(items, prompter, CLOCK, lambda *a, **k: "changed")
    assert "What did Priya Patel learn? (optional)" in prompts
    assert "What did you learn? (optional)" in prompts
    assert "Why drop it? (optional)" in prompts
    assert sum("learn" in p for p in prompts) == 2


def no_apply(*args, **kwargs) -> str:
    return ""


def test_not_yet_on_an_overdue_item_needs_a_date_from_today_on():
    prompter = ScriptedPrompter(
        {CHOICE_KEY: ["keep"], OBSTACLE_KEY: ["Ill"], DUE_KEY: ["2026-11-20"]}
    )
    with pytest.raises(AssertionError, match="in the past"):
        review_items([item("aaaa2345", due=date(2026, 11, 15))], prompter, CLOCK, no_apply)
    prompter = ScriptedPrompter({CHOICE_KEY: ["keep"], OBSTACLE_KEY: ["Ill"], DUE_KEY: [""]})
    with pytest.raises(AssertionError, match="a date is needed"):
        review_items([item("aaaa2345", due=date(2026, 11, 15))], prompter, CLOCK, no_apply)


def test_a_work_date_in_the_future_is_refused():
    prompter = ScriptedPrompter({CHOICE_KEY: ["done"], DONE_ON_KEY: ["tomorrow"]})
    with pytest.raises(AssertionError, match="in the future"):
        review_items([item("aaaa2345")], prompter, CLOCK, lambda *a, **k: "")


def test_stop_leaves_the_rest():
    calls = []
    prompter = ScriptedPrompter({CHOICE_KEY: ["keep", "stop"], OBSTACLE_KEY: [""], DUE_KEY: [""]})
    summary = review_items(
        [item("aaaa2345", due=date(2026, 12, 1)), item("bbbb2345"), item("cccc2345")],
        prompter,
        CLOCK,
        lambda it, answer, **kw: calls.append(it.id),
    )
    assert calls == ["aaaa2345"] and summary.stopped and summary.reviewed == 1
    assert summary.line() == "Reviewed 1: 1 kept (stopped early)"


def test_a_bad_date_is_refused_by_validation():
    prompter = ScriptedPrompter({CHOICE_KEY: ["keep"], OBSTACLE_KEY: [""], DUE_KEY: ["someday"]})
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
        {CHOICE_KEY: ["done"], DONE_ON_KEY: [""], LEARNED_KEY: ["it worked"]}, on_select=meanwhile
    )
    summary = review_items([item("aaaa2345", sid)], prompter, CLOCK, store_applier(store))
    assert summary.reviewed == 1
    actions = actions_of(coach_home, sid)
    assert actions["aaaa2345"]["status"] == "done"
    assert actions["aaaa2345"]["learned"] == "it worked"
    assert actions["bbbb2345"]["status"] == "dropped"
    assert actions["bbbb2345"]["history"][-1]["note"] == "other process"


def test_a_session_removed_meanwhile_is_reported_not_fatal(coach_home):
    prompter = ScriptedPrompter({CHOICE_KEY: ["done"], DONE_ON_KEY: [""], LEARNED_KEY: [""]})
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
        {
            CHOICE_KEY: ["partly", "keep"],
            DONE_ON_KEY: ["yesterday"],
            LEFT_KEY: ["Write the second half"],
            LEFT_DUE_KEY: ["friday"],
            LEARNED_KEY: ["half"],
            OBSTACLE_KEY: ["No time"],
            DUE_KEY: ["2026-12-24"],
        }
    )
    reviewed = review_open_items(store, pairs, prompter, CLOCK)
    assert reviewed == ["aaaa2345", "bbbb2345"]
    actions = actions_of(coach_home, sid)
    first = actions.pop("aaaa2345")
    assert first["status"] == "partly" and first["done_on"] == "2026-11-23"
    assert first["learned"] == "half"
    later = actions.pop("bbbb2345")
    assert later["due"] == "2026-12-24"
    assert later["history"][-1]["event"] == "rescheduled"
    assert later["history"][-1]["note"] == "No time"
    [rest] = actions.values()  # what was left is a new open item, linked to the first
    assert rest["text"] == "Write the second half" and rest["status"] == "open"
    assert rest["due"] == "2026-11-27" and rest["follows"] == "aaaa2345"
    assert rest["id"][:4] not in ("aaaa", "bbbb")
    assert prompter.said[-1].kind == "summary"
    assert prompter.said[-1].text == "Reviewed 2: 1 partly, 1 moved"


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
            {"id": "cccc2345", "text": "Send the rota", "due": "2099-01-08", **new},
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
        child.send("\r")  # overdue: no answer presumed, the cursor starts on "Done"
        child.expect("When was it done")
        child.sendline("")
        child.expect("What did Sam learn")
        child.sendline("It worked")
        child.expect("Not due yet: leave it")
        child.send("\r")  # not due until 2099: the default leaves it as it is, nothing asked
        child.expect("How did it go")
        child.send("3")  # no date: nothing presumed; "Not done yet" by its number key
        child.send("\r")
        child.expect("What got in the way")
        child.sendline("Holidays")
        child.expect("New due date")
        child.sendline("2099-12-24")
        child.expect("Reviewed 2: 1 done, 1 moved")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0, child.before
    actions = actions_of(coach_home, sid)
    assert actions["aaaa2345"]["status"] == "done"
    assert actions["aaaa2345"]["learned"] == "It worked"
    assert actions["bbbb2345"]["due"] == "2099-12-24"


def test_a_session_damaged_meanwhile_is_skipped_with_a_note_free_warning(coach_home):
    sid = "20261101-abc234"
    write_actions(
        coach_home, sid, "Sam", [{"id": "aaaa2345", "text": "x", "created_at": NOW.isoformat()}]
    )
    path = coach_home / "sessions" / f"{sid}.json"

    def damage() -> None:
        path.write_text('{"secret words": ', encoding="utf-8")

    prompter = ScriptedPrompter(
        {CHOICE_KEY: ["keep", "keep"], OBSTACLE_KEY: ["", ""], DUE_KEY: ["friday", "friday"]},
        on_select=damage,
    )
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
