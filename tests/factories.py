"""Builders for test data, and the one way to run the CLI in-process.

Every test module takes its shared helpers from here (or from ``scripted`` for the prompter and
from the fixtures in ``conftest``); test modules never import from one another, which
``test_layers.py`` checks. Module-specific data stays in its own test module.

- Sessions as model objects: ``make_session`` (every field filled, optionally tagged with a
  sentinel), ``seed`` (save one per person into a store).
- Session files as JSON: ``session_dict`` (by id, index row known), ``session_on`` (by day,
  with chosen outcomes), ``write`` (as is), ``write_actions`` (a minimal file holding some
  actions), ``write_session`` (validated and saved through the store).
- Index rows, as the report reads them: ``action``, ``row``.
- The CLI: ``coach(capsys, *argv)`` returns ``(exit code, stdout, stderr)``.
- A real terminal: ``spawn`` a command in a pseudo-terminal, then ``line``, ``key``,
  ``finish``; ``saved_sessions`` reads what a run saved.
- A whole coaching conversation for the scripted prompter: ``conversation_answers``.
- Labelled corpora (``label<TAB>text`` lines): ``labelled_lines``.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pexpect

if TYPE_CHECKING:
    import pytest

    from coachcli.storage.store import Store

AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
_ids = itertools.count(1)


# -- sessions as model objects ------------------------------------------------------------------
def make_session(person: str = "Sam", n: int = 1, *, tag: str = "", items: int = 2):
    """A valid session; with ``tag`` every text field holds a unique string starting with it."""
    from coachcli.core.model import (
        ActionItem,
        AfterCheck,
        AskedQuestion,
        Assumption,
        Listening,
        OwnAgenda,
        Session,
        StatusChange,
    )

    t = (lambda field: f"{tag}{field}{n}") if tag else (lambda field: f"{field} {n}")
    actions = [
        ActionItem(
            id=f"item{n:02d}{k}x",
            text=t(f"action{k}"),
            owner="person",
            due=date(2026, 12, 1),
            created_at=AT,
            learned=t(f"learned{k}"),
            history=[
                StatusChange(at=AT, status="open", due=date(2026, 12, 1), event="created"),
                StatusChange(at=AT, status="open", note=t(f"hist{k}"), event="kept"),
            ],
        )
        for k in range(items)
    ]
    return Session(
        id=f"20261124-s{n:04d}x",
        person=person,
        bank="coaching",
        started_at=AT,
        finished_at=AT,
        agenda=OwnAgenda(want=t("want"), advice=t("advice")),
        listening=Listening(facts=[t("fact")], feelings=[t("feeling")], values=[t("value")]),
        questions=[AskedQuestion(text=t("question"), answer=t("answer"), source="own")],
        restatement=t("restatement"),
        assumptions=[Assumption(prompt=t("prompt"), assumption=t("assumption"), reframe=t("re"))],
        actions=actions,
        after_check=AfterCheck(agenda_took_over="no", note=t("afternote")),
        supervisor_notes=t("supnotes"),
    )


def seed(store: Store, *people: str) -> Store:
    """Save ``make_session(person, n)`` for each person, numbered from 1; returns the store."""
    for n, person in enumerate(people, 1):
        store.save_new_session(make_session(person, n))
    return store


# -- session files as JSON ----------------------------------------------------------------------
def session_dict(sid: str, person: str = "Sam", actions: list[dict] | None = None, **extra) -> dict:
    """A session file's JSON, by id, with traps for the index counts (a blank fact, questions
    that only look like what/how); one open action unless ``actions`` is given; ``extra``
    replaces fields."""
    when = datetime.strptime(sid[:8], "%Y%m%d").replace(hour=9, tzinfo=UTC)
    data = {
        "schema_version": 1,
        "id": sid,
        "person": person,
        "bank": "coaching",
        "started_at": when.isoformat(),
        "finished_at": (when + timedelta(minutes=30)).isoformat(),
        "listening": {"facts": ["a", " "], "feelings": ["b"], "values": []},
        "questions": [
            {"text": "What matters most?", "answer": "x"},
            {"text": "  how would you know?", "answer": ""},
            {"text": "Why not?", "answer": ""},
            {"text": "Whatever next?", "answer": ""},
        ],
        "restatement": "You want calm.",
        "assumptions": [{"assumption": "They will say no"}],
        "actions": actions
        or [
            {
                "id": f"a{sid[-6:]}x",
                "text": "Call the client",
                "due": "2026-12-01",
                "created_at": when.isoformat(),
            }
        ],
        "after_check": {"agenda_took_over": "partly"},
    }
    data.update(extra)
    return data


def session_on(
    person: str,
    started: date,
    *,
    text: str = "note",
    closes: list[tuple[str, date | None, date | None]] = (),
    owner: str = "person",
) -> dict:
    """A valid session JSON dict started on ``started``, with every text field set to ``text``.

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


def write(home: Path, data: dict) -> None:
    """Write ``data`` as the session file for its id, as is: no validation, no lock."""
    folder = home / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{data['id']}.json").write_text(json.dumps(data), encoding="utf-8")


def write_actions(home: Path, sid: str, person: str, actions: list[dict]) -> None:
    """A minimal session file holding ``actions`` (no notes at all), written as is."""
    when = datetime.strptime(sid[:8], "%Y%m%d").replace(hour=9, tzinfo=UTC)
    data = {
        "schema_version": 1,
        "id": sid,
        "person": person,
        "started_at": when.isoformat(),
        "finished_at": (when + timedelta(minutes=30)).isoformat(),
        "actions": actions,
        "after_check": {"agenda_took_over": "no"},
    }
    write(home, data)


def write_session(root: Path, session: dict) -> Path:
    """Save a session file the way the store does (validated, atomic, 0600)."""
    from coachcli.core.model import Session
    from coachcli.storage.store import Store

    return Store(root).save_new_session(Session.model_validate(session))


# -- index rows, as the report reads them -------------------------------------------------------
def action(
    status: str = "open",
    *,
    due: str | None = None,
    closed: str | None = None,
    owner: str = "person",
    text: str = "call the client",
) -> dict:
    """An action as an index row holds it."""
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


# -- the CLI, in-process ------------------------------------------------------------------------
def coach(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``coach ARGV`` in this process; returns its exit code, stdout and stderr."""
    from coachcli.cli.app import run

    rc = run(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def fill_known_store(root: Path, *, text: str = "note", names=("Sam", "Alex")) -> None:
    """Three conversations with known figures (see the assertions below)."""
    sam, alex = names
    write_session(
        root,
        session_on(
            sam,
            date(2026, 9, 5),
            text=text,
            closes=[
                ("done", date(2026, 9, 12), date(2026, 9, 11)),  # on time
                ("done", date(2026, 9, 12), date(2026, 9, 14)),  # late
                ("open", date(2026, 9, 30), None),  # overdue
            ],
        ),
    )
    write_session(
        root,
        session_on(
            sam,
            date(2026, 10, 10),
            text=text,
            owner="supervisor",
            closes=[("partly", None, date(2026, 10, 20)), ("open", date(2026, 12, 1), None)],
        ),
    )
    write_session(
        root,
        session_on(
            alex, date(2026, 11, 20), text=text, closes=[("dropped", None, date(2026, 11, 24))]
        ),
    )


def snapshot(root: Path) -> dict:
    """Every file and folder under ``root`` with its bytes and mtime."""
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            data = path.read_bytes() if path.is_file() else None
            found[str(path.relative_to(root))] = (data, path.stat().st_mtime_ns)
    return found


def spawn(home, *args: str, columns: int = 120, command: str = "start") -> pexpect.spawn:
    env = dict(
        os.environ,
        COACH_HOME=str(home),
        PROMPT_TOOLKIT_NO_CPR="1",
        TERM="xterm",
        NO_COLOR="1",
        COLUMNS=str(columns),
        LINES="40",
    )
    child = pexpect.spawn(
        sys.executable,
        ["-m", "coachcli", command, *args],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, columns),
    )
    child.logfile_read = io.StringIO()  # the whole transcript, for assertions
    return child


UP, DOWN, ENTER = "\x1b[A", "\x1b[B", "\r"


def line(child: pexpect.spawn, expect: str, text: str) -> None:
    """At a real terminal: wait for ``expect``, type ``text`` and Enter."""
    child.expect(expect)
    child.send(text + ENTER)


def key(child: pexpect.spawn, expect: str, keys: str) -> None:
    """At a real terminal: wait for ``expect``, press ``keys``."""
    child.expect(expect)
    child.send(keys)


def finish(child: pexpect.spawn) -> tuple[int | None, str]:
    """Wait for the process to end: its exit status and what it printed last."""
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.before


def saved_sessions(home: Path) -> list[dict]:
    """Every session file of the store at ``home``, as JSON, in file-name order."""
    folder = home / "sessions"
    if not folder.is_dir():
        return []
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))]


# -- conversations and corpora --------------------------------------------------------------------

_CONVERSATION = {
    "agenda.want": [""],
    "agenda.advice": [""],
    "checkin.words": [""],
    "checkin.scale": [""],
    "listen.facts": [""],
    "listen.feelings": [""],
    "listen.values": [""],
    "ask.pick": ["done"],
    "support.restatement": [None],
    "support.feedback": [""],
    "challenge.pick": ["done"],
    "next.action": ["Book the training"],
    "next.owner": ["person"],
    "next.due": ["2026-12-04"],
    "next.confidence": ["9"],
    "next.more": [False],
    "next.help": [""],
    "next.meeting": [""],
    "close.learning": [""],
    "close.after_check": ["no"],
    "close.notes": [""],
}


def conversation_answers(changes: dict[str, list] | None = None) -> dict[str, list]:
    """Answers for ``ScriptedPrompter`` that carry a coaching conversation (the test bank
    ``data/engine-bank.yaml``) from the agenda to the notes with the least said and one next
    step, for a person already chosen; ``changes`` replaces or adds prompt keys (``who.name``
    when the conversation asks who)."""
    answers = {key: list(values) for key, values in _CONVERSATION.items()}
    answers.update({key: list(values) for key, values in (changes or {}).items()})
    return answers


def labelled_lines(path: Path) -> list[tuple[str, str]]:
    """``(label, text)`` from a corpus file of ``label<TAB>text`` lines (``#`` comments)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split("\t", 1)
            rows.append((label, text))
    return rows
