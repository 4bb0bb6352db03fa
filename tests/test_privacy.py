"""Privacy is declared once, on the model, and every way out of coach honours it."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from coachcli.core.model import (
    ActionItem,
    AfterCheck,
    AskedQuestion,
    Listening,
    OwnAgenda,
    Session,
    session_json_schema,
)
from coachcli.core.privacy import is_private, owner_label, shared_exclude
from coachcli.history.export import render
from coachcli.history.sections import sections
from coachcli.history.view import plain_view, session_view

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SECRET = "sentinel-private-7f3a"


def session() -> Session:
    return Session(
        id="20261201-abcd23",
        person="Sam Lee",
        started_at=NOW,
        finished_at=NOW,
        agenda=OwnAgenda(want=f"want {SECRET}", advice=f"advice {SECRET}"),
        listening=Listening(facts=["Two late shifts"], feelings=["tired"], values=["family"]),
        questions=[AskedQuestion(text="What matters most?", answer="rest", check_issues=["why"])],
        restatement="You sound tired.",
        actions=[ActionItem(text="Book a day off", created_at=NOW, owner="supervisor")],
        after_check=AfterCheck(agenda_took_over="partly", note=f"note {SECRET}"),
        supervisor_notes=f"notes {SECRET}",
    )


def test_the_private_fields_are_the_ones_the_model_marks():
    private = {name for name in Session.model_fields if is_private(Session, name)}
    assert private == {"agenda", "after_check", "supervisor_notes", "edits"}
    assert is_private(AskedQuestion, "check_issues")
    assert is_private(ActionItem, "check")  # a step kept despite the next-step check
    assert shared_exclude(Session) == {
        "agenda": True,
        "questions": {"__all__": {"check_issues": True}},
        "actions": {"__all__": {"check": True}},
        "after_check": True,
        "supervisor_notes": True,
        "edits": True,
    }


def test_the_schema_says_which_fields_are_private():
    schema = session_json_schema()
    assert schema["properties"]["supervisor_notes"]["private"] is True
    assert "private" not in schema["properties"]["restatement"]


def test_shared_sections_leave_out_every_private_section_and_line():
    whole = {s.key: s.private for s in sections(session())}
    assert whole["agenda"] and whole["after_check"] and whole["supervisor_notes"]
    shared = sections(session(), shared=True)
    assert [s.key for s in shared] == ["listening", "questions", "restatement", "actions"]
    assert not any(s.private for s in shared)


def test_no_shared_export_holds_private_text_in_any_format():
    for fmt in ("md", "json", "ics"):
        out = render([session()], fmt, shared=True).decode("utf-8")
        assert SECRET not in out, fmt
        assert "check_issues" not in out
    data = json.loads(render([session()], "json", shared=True))
    assert data["shared"] is True and "questions" in data


def test_show_marks_private_sections_and_keeps_their_text():
    text = plain_view(session_view(session()))
    assert "My agenda (private)" in text and "My notes (private)" in text
    assert text.count(SECRET) == 4


def test_one_owner_label():
    assert owner_label("supervisor", "Sam  Lee") == "me"
    assert owner_label("person", "Sam  Lee") == "Sam Lee"
