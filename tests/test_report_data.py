"""Index rows and session files with known figures, shared by the report tests (and checked
here against the real index, so the helpers cannot drift from it)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

_ids = itertools.count(1)


def action(
    status: str = "open",
    *,
    due: str | None = None,
    closed: str | None = None,
    owner: str = "person",
    text: str = "call the client",
) -> dict:
    return {
        "id": f"a{next(_ids):07d}",
        "text": text,
        "owner": owner,
        "due": due,
        "status": status,
        "confidence": 7,
        "created_at": "2026-01-01T09:00:00+00:00",
        "closed_at": f"{closed}T17:00:00+00:00" if closed else None,
        "learned": "",
        "done_on": None,
    }


def row(
    person: str = "Sam",
    started: str = "2026-11-02",
    *,
    facts: int = 1,
    feelings: int = 1,
    values: int = 1,
    what_how: int = 1,
    restatement: bool = True,
    assumptions: int = 1,
    after: str = "no",
    actions: list[dict] | None = None,
) -> dict:
    """A row as ``index.cache`` keeps it; by default every skill is shown, one open step."""
    return {
        "file": f"{started.replace('-', '')}-r{next(_ids):05d}.json",
        "mtime_ns": 0,
        "size": 0,
        "id": f"{started.replace('-', '')}-r{next(_ids):05d}",
        "person": person,
        "bank": "coaching",
        "started_at": f"{started}T09:00:00+00:00",
        "finished_at": f"{started}T10:00:00+00:00",
        "facts": facts,
        "feelings": feelings,
        "values": values,
        "questions": what_how + 1,
        "what_how_questions": what_how,
        "restatement": restatement,
        "assumptions": assumptions,
        "after_check": after,
        "actions": [action()] if actions is None else actions,
    }


def session_dict(
    person: str,
    started: date,
    *,
    text: str = "note",
    closes: list[tuple[str, date | None, date | None]] = (),
    owner: str = "person",
) -> dict:
    """A valid session JSON dict with every text field set to ``text``.

    ``closes`` lists the action items as (status, due, day it was closed or None).
    """
    start = datetime(started.year, started.month, started.day, 9, tzinfo=UTC)
    actions = []
    for i, (status, due, closed) in enumerate(closes or [("open", None, None)]):
        history = [
            {
                "at": start.isoformat(),
                "status": "open",
                "due": due and due.isoformat(),
                "note": "",
                "event": "created",
            }
        ]
        if status != "open":
            at = datetime(closed.year, closed.month, closed.day, 17, tzinfo=UTC)
            history.append(
                {
                    "at": at.isoformat(),
                    "status": status,
                    "due": due and due.isoformat(),
                    "note": text,
                    "event": status,
                }
            )
        actions.append(
            {
                "id": f"item{i:04d}{started:%d}",
                "text": f"{text} action {i}",
                "owner": owner,
                "due": due.isoformat() if due else None,
                "confidence": 7,
                "status": status,
                "created_at": start.isoformat(),
                "learned": text if status != "open" else "",
                "history": history,
            }
        )
    return {
        "schema_version": 1,
        "id": f"{started:%Y%m%d}-s{next(_ids):05d}",
        "person": person,
        "bank": "coaching",
        "started_at": start.isoformat(),
        "finished_at": (start + timedelta(hours=1)).isoformat(),
        "agenda": {"want": text, "advice": text},
        "listening": {"facts": [text], "feelings": [text], "values": [text]},
        "questions": [
            {
                "text": f"What {text}?",
                "answer": text,
                "source": "own",
                "question_id": None,
                "check_issues": [],
            }
        ],
        "restatement": text,
        "assumptions": [{"prompt": text, "prompt_id": None, "assumption": text, "reframe": text}],
        "actions": actions,
        "after_check": {"agenda_took_over": "partly", "note": text},
        "supervisor_notes": text,
        "reviewed_items": [],
    }


def write_session(root: Path, session: dict) -> Path:
    """Save a session file the way the store does (validated, atomic, 0600)."""
    from coachcli.core.model import Session
    from coachcli.storage.store import Store

    return Store(root).save_new_session(Session.model_validate(session))


# -- the helpers agree with the real index ------------------------------------------------------
def test_session_dict_is_a_valid_session_and_indexes_like_row():
    from coachcli.core.model import Session
    from coachcli.index.cache import session_row

    data = session_dict(
        "Sam",
        date(2026, 9, 5),
        closes=[("done", date(2026, 9, 12), date(2026, 9, 10)), ("open", None, None)],
    )
    session = Session.model_validate(data)
    got = session_row(session.model_dump(mode="json"))
    assert (got["facts"], got["feelings"], got["values"]) == (1, 1, 1)
    assert got["what_how_questions"] == 1
    assert got["restatement"] is True and got["assumptions"] == 1
    assert got["after_check"] == "partly"
    assert [a["status"] for a in got["actions"]] == ["done", "open"]
    assert got["actions"][0]["closed_at"].startswith("2026-09-10")
    assert got["actions"][1]["closed_at"] is None
    expected_keys = set(row()) - {"file", "mtime_ns", "size"}
    assert expected_keys <= set(got), sorted(expected_keys - set(got))
    assert set(action()) == set(got["actions"][0])


def test_write_session_saves_a_private_file(tmp_path):
    path = write_session(tmp_path / "store", session_dict("Sam", date(2026, 9, 5)))
    assert path.exists()
    assert path.stat().st_mode & 0o777 == 0o600
