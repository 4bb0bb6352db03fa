"""coach export: Markdown, JSON and ICS; --shared leaves out private parts; files are private."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from coachcli.core.model import (
    ActionItem,
    AfterCheck,
    AskedQuestion,
    Listening,
    OwnAgenda,
    Session,
)
from coachcli.history import export
from coachcli.storage.store import Store
from factories import coach

WHEN = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
PRIVATE = ("SECRET-WANT", "SECRET-ADVICE", "SECRET-CHECK", "SECRET-NOTES", "leading")


def make_session(sid: str = "20261124-abc234", person: str = "Sam", text: str = "Call Alex"):
    return Session(
        id=sid,
        person=person,
        started_at=WHEN,
        finished_at=WHEN + timedelta(minutes=30),
        agenda=OwnAgenda(want="SECRET-WANT", advice="SECRET-ADVICE"),
        listening=Listening(facts=["Late twice"], feelings=["worried"], values=["trust"]),
        questions=[
            AskedQuestion(
                text="Why did you not ask?", answer="", source="own", check_issues=["leading"]
            )
        ],
        restatement="You want trust.",
        actions=[
            ActionItem(id="open2345", text=text, due=date(2026, 12, 1), created_at=WHEN),
            ActionItem(id="nodue234", text="Think it over", owner="supervisor", created_at=WHEN),
            ActionItem(id="done2345", text="Already done", status="done", created_at=WHEN),
        ],
        after_check=AfterCheck(agenda_took_over="yes", note="SECRET-CHECK"),
        supervisor_notes="SECRET-NOTES",
    )


@pytest.fixture
def store(store) -> Store:
    store.save_new_session(make_session())
    store.save_new_session(make_session("20261201-def234", text="Second talk"))
    store.save_new_session(make_session("20261202-kim234", person="Kim", text="Kim's step"))
    return store


def export_out(capsys, *args: str) -> tuple[int, str, str]:
    return coach(capsys, "export", *args)


def test_markdown_whole_session(store, capsys):
    rc, out, err = export_out(capsys, "20261124-abc234", "--format", "md")
    assert rc == 0, err
    assert out.startswith("# Coaching conversation with Sam, 2026-11-24")
    for expected in ("## What I heard", "## Questions", "## Next steps", "- [ ] Call Alex"):
        assert expected in out, expected
    assert "- [x] Already done" in out
    assert "SECRET-WANT" in out and "## After-check (private)" in out


def test_shared_leaves_out_everything_private(store, capsys):
    for fmt in ("md", "json", "ics"):
        rc, out, err = export_out(capsys, "20261124-abc234", "--format", fmt, "--shared")
        assert rc == 0, err
        for secret in PRIVATE:
            assert secret not in out, (fmt, secret)
    rc, out, _ = export_out(capsys, "20261124-abc234", "--format", "json", "--shared")
    data = json.loads(out)
    assert data["shared"] is True
    assert not {"agenda", "after_check", "supervisor_notes"} & data.keys()
    assert data["actions"][0]["text"] == "Call Alex"


def test_json_is_the_session_or_a_list_for_a_person(store, capsys):
    rc, out, _ = export_out(capsys, "20261124-abc234", "--format", "json")
    assert rc == 0
    data = json.loads(out)
    assert Session.model_validate(data).id == "20261124-abc234"
    rc, out, _ = export_out(capsys, "--person", "sam", "--format", "json")
    assert [s["id"] for s in json.loads(out)] == ["20261124-abc234", "20261201-def234"]


def test_ics_has_one_todo_per_item_named_for_the_person(store, capsys):
    rc, out, err = export_out(capsys, "--person", "Sam", "--format", "ics")
    assert rc == 0, err
    calendar = Calendar.from_ical(out)
    todos = list(calendar.walk("VTODO"))
    assert len(todos) == 6  # three items in each of Sam's two sessions
    first = todos[0]  # by due date
    assert str(first["uid"]) == "open2345@coachcli"
    assert str(first["summary"]) == "Sam: Call Alex"
    assert first.decoded("due") == date(2026, 12, 1)
    assert first["due"].params.get("VALUE") == "DATE"
    assert str(first["status"]) == "NEEDS-ACTION"
    description = str(first["description"])
    assert "Sam" in description and "20261124-abc234" in description
    by_uid = {str(t["uid"]): t for t in todos}
    mine = by_uid["nodue234@coachcli"]
    assert "due" not in mine and str(mine["summary"]) == "Me, for Sam: Think it over"
    assert "Owner: me" in str(mine["description"])
    assert str(by_uid["done2345@coachcli"]["status"]) == "COMPLETED"
    assert all("Sam" in str(t["summary"]) for t in todos)


def test_ics_is_the_same_for_the_same_items(store):
    from coachcli.history.ics import calendar_bytes

    session = Store(store.root).load_session("20261124-abc234")
    first = calendar_bytes([session], now=WHEN)
    again = calendar_bytes([session], now=WHEN)
    assert first == again


def test_output_file_is_private_and_not_overwritten(store, capsys, tmp_path):
    target = tmp_path / "out" / "sam.md"
    rc, out, err = export_out(capsys, "20261124-abc234", "--output", str(target))
    assert rc == 0, err
    assert "Wrote" in out
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert target.read_text().startswith("# Coaching conversation with Sam")
    rc, _, err = export_out(capsys, "20261124-abc234", "--output", str(target))
    assert rc == 2 and "--force" in err
    rc, _, err = export_out(capsys, "20261201-def234", "-o", str(target), "--force")
    assert rc == 0, err
    assert "Second talk" in target.read_text()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ([], 2),
        (["20261124-abc234", "--person", "Sam"], 2),
        (["20261124-abc234", "--format", "pdf"], 2),
        (["--person", "Nobody"], 8),
        (["20301231-zzz234"], 8),
    ],
)
def test_export_errors(store, capsys, args, code):
    rc, out, err = export_out(capsys, *args)
    assert rc == code, out + err
    assert len(err.strip().splitlines()) <= 2


def test_markdown_cannot_be_injected(coach_home, capsys):
    hostile = "# Heading\n<script>alert(1)</script> [link](http://x) **bold** `code`\n- item"
    session = make_session(text=hostile)
    session.restatement = "1. not a list\n    indented code\n==="
    Store(coach_home).save_new_session(session)
    rc, out, err = export_out(capsys, "20261124-abc234")
    assert rc == 0, err
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "\\# Heading" in out and "\\[link\\](http" in out and "\\*\\*bold\\*\\*" in out
    assert "\\`code\\`" in out
    assert "\n- item" not in out and "\\- item" in out
    assert "1\\. not a list" in out and "\n    indented" not in out and "\\===" in out
    # Only our own headings start a line with '#'.
    headings = [line for line in out.splitlines() if line.startswith("#")]
    assert all(line.startswith(("# Coaching", "## ")) for line in headings), headings


def test_md_escape_unit():
    assert export.md_escape("a_b*c") == "a\\_b\\*c"
    assert export.md_escape("x & <y>") == "x &amp; &lt;y&gt;"
    assert export.md_escape("one\n\n two", "  ") == "one  \n  two"
    assert export.md_escape("\x1b[31mred") == "red"
