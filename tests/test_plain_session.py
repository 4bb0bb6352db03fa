"""The lean write path (no pydantic) writes exactly the bytes the model path writes.

``core.plain`` mirrors ``core.model`` field by field and ``core.plainitems`` mirrors
``core.items.apply_change``; the model path stays the reference. Here the two are pinned
together: the field tables, the time format, and the bytes of both paths for every change on
many generated sessions (times in every form the validator accepts, missing optional parts,
non-ASCII and control characters in the texts).
"""

from __future__ import annotations

import copy
import json
import random
import re
import types
import typing
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from pydantic import TypeAdapter
from pydantic_core import PydanticUndefined

from coachcli.core import model, parts
from coachcli.core.errors import DamagedFileError, UsageError
from coachcli.core.items import CHANGES, apply_change
from coachcli.core.model import Session
from coachcli.core.plain import FIELDS, LIST, REQUIRED, NotPlain, canonical, stamp, to_json_bytes
from coachcli.core.plainitems import CHANGES as PLAIN_CHANGES
from coachcli.core.plainitems import EFFECT, apply_plain_change
from coachcli.core.plainitems import TAKES_WORK_DATE as PLAIN_TAKES
from coachcli.core.record import from_model
from coachcli.followup.plainchange import change_plainly
from coachcli.index.validate import plainly_valid
from coachcli.storage.store import Store
from factories import coach, session_dict, write

# -- the tables match the model -----------------------------------------------------------------


def _part_name(annotation) -> str | None:
    """The model class an annotation holds (``X``, ``list[X]``, ``X | None``), by name."""
    args = typing.get_args(annotation)
    for arg in (annotation, *args):
        if isinstance(arg, type) and issubclass(arg, model.BaseModel):
            return arg.__name__
    return None


def _how(annotation) -> str:
    part = _part_name(annotation)
    origin = typing.get_origin(annotation)
    if part is not None:
        if origin is list:
            return f"[{part}]"
        if origin in (typing.Union, types.UnionType):
            return f"{part}?"
        return part
    if annotation is datetime:
        return "dt"
    return "v"


def _default(field, how: str):
    if field.default_factory is model.new_id:  # a plain file always holds its item ids
        return REQUIRED
    if field.default_factory is not None:
        made = field.default_factory()
        if made == []:
            return LIST
        if isinstance(made, model.BaseModel):
            return {}
        raise AssertionError(f"unexpected factory {field.default_factory}")
    if field.default is PydanticUndefined:
        return REQUIRED
    return field.default


def test_field_tables_match_the_model():
    for name, fields in FIELDS.items():
        cls = getattr(model, name)
        expected = []
        for key, field in cls.model_fields.items():
            how = _how(field.annotation)
            expected.append((key, how, _default(field, how)))
        assert list(fields) == expected, name
    named = {
        _part_name(f.annotation) for c in FIELDS for f in getattr(model, c).model_fields.values()
    }
    assert named - {None} <= set(FIELDS)


def test_the_one_change_table_speaks_the_models_statuses_and_events():
    from typing import get_args

    from coachcli.core.model import ItemStatus, StatusEvent

    assert set(EFFECT) == set(PLAIN_CHANGES)
    assert {status for status, _ in EFFECT.values()} <= set(get_args(ItemStatus))
    assert {event for _, event in EFFECT.values()} <= set(get_args(StatusEvent))
    assert set(PLAIN_TAKES) <= set(PLAIN_CHANGES)


def test_times_are_written_as_pydantic_writes_them():
    rng = random.Random(7)
    adapter = TypeAdapter(datetime)
    zones = [None, UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))]
    for _ in range(500):
        moment = datetime(rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28))
        moment += timedelta(seconds=rng.randint(0, 86399), microseconds=rng.choice([0, 1, 5000]))
        moment = moment.replace(tzinfo=rng.choice(zones))
        assert json.dumps(stamp(moment)).encode() == adapter.dump_json(moment)
    with pytest.raises(NotPlain):
        stamp(datetime(2026, 1, 1, tzinfo=timezone(timedelta(seconds=30))))


# -- generated sessions -------------------------------------------------------------------------

TEXTS = [
    "",
    "plain",
    "Zoë’s café ✓ 🎯",
    'quote " back \\ slash',
    "tab\tline\nfeed\x01\x1f\x7f",
    "\u2028",
]
DAYS = ["2026-11-30", "2026-12-01", "2027-01-15", "2025-02-28"]


def _stamp(rng: random.Random) -> str:
    forms = [
        "2026-11-24T09:00:00Z",
        "2026-11-24T09:00:00+00:00",
        "2026-11-24T09:00:00-00:00",
        "2026-11-24T10:30:00+01:00",
        "2026-11-24T09:00:00",
        "2026-11-24T09:00:00.5Z",
        "2026-11-24T09:00:00.123456-05:00",
        "2026-11-24T09:00:00.000000Z",
    ]
    return rng.choice(forms)


def _maybe(rng: random.Random, data: dict, key: str, value) -> None:
    if rng.random() < 0.6:
        data[key] = value


def _history(rng: random.Random, status: str) -> list[dict]:
    entries = []
    for n in range(rng.randint(0, 3)):
        entry = {"at": _stamp(rng), "status": "open" if n == 0 else status, "event": "created"}
        _maybe(rng, entry, "due", rng.choice([None, *DAYS]))
        _maybe(rng, entry, "note", rng.choice(TEXTS))
        _maybe(rng, entry, "done_on", rng.choice([None, *DAYS]))
        if n:
            entry["event"] = rng.choice(["done", "partly", "dropped", "kept", "rescheduled"])
        entries.append(entry)
    return entries


def _action(rng: random.Random, n: int) -> dict:
    status = rng.choice(["open", "open", "done", "partly", "dropped"])
    action = {"id": f"it{n:02d}{rng.randrange(10**4):04d}", "text": rng.choice(TEXTS) or "Call"}
    action["created_at"] = _stamp(rng)
    _maybe(rng, action, "status", status)
    status = action.get("status", "open")
    _maybe(rng, action, "owner", rng.choice(["person", "supervisor"]))
    _maybe(rng, action, "due", rng.choice([None, *DAYS]))
    _maybe(rng, action, "confidence", rng.randint(1, 10))
    _maybe(rng, action, "check", rng.choice([None, "vague", "hedge"]))
    if status in ("done", "partly"):
        _maybe(rng, action, "learned", rng.choice(TEXTS))
        _maybe(rng, action, "done_on", rng.choice(DAYS))
    if status == "dropped":
        _maybe(rng, action, "drop_reason", rng.choice(TEXTS))
    _maybe(rng, action, "follows", rng.choice([None, "prev0001"]))
    _maybe(rng, action, "history", _history(rng, status))
    return action


def _mentoring(rng: random.Random) -> dict:
    data: dict = {}
    _maybe(rng, data, "agenda", rng.choice(TEXTS))
    _maybe(rng, data, "serves_goal", rng.choice([None, "goal0001"]))
    _maybe(rng, data, "goal_reviews", [{"goal_id": "goal0001", "goal": "Lead", "scale": 6}])
    _maybe(rng, data, "goals_set", [{"goal_id": "goal0002", "goal": "Speak", "horizon": "June"}])
    _maybe(rng, data, "offers", [{"kind": "introduction", "text": "Meet Ana", "taken_up": True}])
    _maybe(rng, data, "relationship", rng.choice([None, {"agreed": True, "cadence": "weekly"}]))
    return data


def generated_session(rng: random.Random, n: int) -> dict:
    sid = f"2026112{n % 10}-{rng.randrange(36**6):06x}"[:15]
    data = session_dict(sid, rng.choice(["Sam", "Zoë", "Ana María"]))
    data["started_at"], data["finished_at"] = _stamp(rng), _stamp(rng)
    data["actions"] = [_action(rng, k) for k in range(rng.randint(1, 4))]
    for key in ("bank", "schema_version", "listening", "questions", "assumptions"):
        if rng.random() < 0.3:
            data.pop(key, None)
    _maybe(rng, data, "agenda", {"want": rng.choice(TEXTS)})
    _maybe(rng, data, "supervisor_notes", rng.choice(TEXTS))
    _maybe(rng, data, "reviewed_items", ["old00001"])
    _maybe(rng, data, "checkin", rng.choice([None, {"scale": 4}, {"words": "tired"}]))
    _maybe(rng, data, "next_meeting", rng.choice([None, *DAYS]))
    _maybe(rng, data, "edits", [{"at": _stamp(rng), "changes": ["supervisor_notes"]}])
    if rng.random() < 0.3:
        data["kind"] = "mentoring"
        data["mentoring"] = _mentoring(rng)
    keys = list(data)
    rng.shuffle(keys)  # any key order reads the same
    return {key: data[key] for key in keys}


def _model_path(data: dict, index: int, change: str, kw: dict) -> tuple[str, bytes] | str:
    session = Session.model_validate(copy.deepcopy(data))
    try:
        outcome = apply_change(session.actions[index], change, **kw)
    except UsageError as exc:
        return exc.message
    return outcome, session.to_json_bytes()


def _plain_path(data: dict, index: int, change: str, kw: dict) -> tuple[str, bytes] | str:
    session = canonical(copy.deepcopy(data))
    try:
        outcome = apply_plain_change(session["actions"][index], change, **kw)
    except UsageError as exc:
        return exc.message
    return outcome, to_json_bytes(session)


def test_canonical_form_is_what_the_model_writes():
    rng = random.Random(11)
    for n in range(100):
        data = generated_session(rng, n)
        assert plainly_valid(data), data
        assert to_json_bytes(canonical(data)) == Session.model_validate(data).to_json_bytes()


def _compare_changes(seed: int, sessions: int) -> None:
    rng = random.Random(seed)
    zones = [UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5, minutes=-30))]
    compared = 0
    for n in range(sessions):
        data = generated_session(rng, n)
        assert plainly_valid(data)
        for change in CHANGES:
            index = rng.randrange(len(data["actions"]))
            action = data["actions"][index]
            at = datetime(2026, 12, 2, 9, rng.randint(0, 59), tzinfo=rng.choice(zones))
            notes = [*TEXTS, action.get("learned", ""), action.get("drop_reason", "")]
            kw = {
                "at": at,
                "due": rng.choice([None, date(2026, 12, 1), date(2027, 1, 15)]),
                "note": rng.choice(notes),
                "done_on": rng.choice([None, date(2026, 11, 30), date(2026, 12, 1)]),
            }
            expected = _model_path(data, index, change, kw)
            assert _plain_path(data, index, change, kw) == expected, (change, kw)
            compared += 1
    assert compared == sessions * len(CHANGES)


def test_every_change_writes_the_same_bytes_both_ways():
    _compare_changes(0, 30)


@pytest.mark.slow  # ~4 s: 600 sessions, every change
@pytest.mark.parametrize("seed", range(1, 5))
def test_every_change_writes_the_same_bytes_on_many_sessions(seed):
    _compare_changes(seed, 150)


# -- through the CLI ----------------------------------------------------------------------------


def _file(home, sid: str) -> bytes:
    return (home / "sessions" / f"{sid}.json").read_bytes()


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["done", "ab12cd34", "--on", "2026-12-01", "--note", "Zoë ✓"], "marked done"),
        (["drop", "ab12cd34", "--why", "moot"], "dropped"),
        (["due", "ab12cd34", "2026-12-20"], "now due"),
        (["not-yet", "ab12cd34", "--why", "busy", "--due", "2026-12-21"], "not done yet"),
    ],
)
def test_cli_change_writes_what_the_model_writes(capsys, coach_home, monkeypatch, argv, said):
    """The same command on a plain file (lean path) and on the same session in a form only the
    model reads (a float confidence: plainly_valid declines) ends in the same bytes."""
    monkeypatch.setenv("COACH_TODAY", "2026-12-02")
    action = {"id": "ab12cd34", "text": "Call Ana", "due": "2026-12-10"}
    action["created_at"] = "2026-11-24T09:00:00+00:00"
    plain = session_dict("20261124-aaaaaa", "Zoë", [action])
    write(coach_home, plain)
    assert plainly_valid(plain)
    rc, out, err = coach(capsys, "followup", *argv)
    assert rc == 0, err
    assert said in out
    lean = _file(coach_home, "20261124-aaaaaa")

    odd = session_dict("20261124-aaaaaa", "Zoë", [dict(action, confidence=7.0)])
    assert not plainly_valid(odd)
    write(coach_home, odd)
    rc, out2, err = coach(capsys, "followup", *argv)
    assert rc == 0, err
    assert out2 == out
    by_model = _file(coach_home, "20261124-aaaaaa")
    # The new history line's time is when each command ran; every other byte is the same.
    assert _timeless(lean) == _timeless(by_model)
    assert lean.count(b'"at": "2026-12-02T') == 1


def _timeless(raw: bytes) -> bytes:
    return re.sub(rb'"at": "2026-12-02T[^"]*"', b'"at": "T"', raw)


def test_lean_change_waits_for_the_lock_and_gives_up_as_busy(capsys, coach_home, held_lock):
    action = {"id": "ab12cd34", "text": "Call Ana", "created_at": "2026-11-24T09:00:00Z"}
    write(coach_home, session_dict("20261124-aaaaaa", "Ana", [action]))
    before = _file(coach_home, "20261124-aaaaaa")
    with held_lock(wait=0.05):
        rc, out, err = coach(capsys, "followup", "done", "ab12cd34")
    assert rc == 5, out + err
    assert "busy" in err and _file(coach_home, "20261124-aaaaaa") == before


def test_lean_change_refuses_a_file_named_unlike_its_id(capsys, coach_home):
    """A plain file holding another session's id (a renamed copy) is damage, as on the model
    path: nothing is written."""
    action = {"id": "ab12cd34", "text": "Call Ana", "created_at": "2026-11-24T09:00:00Z"}
    data = session_dict("20261124-aaaaaa", "Ana", [action])
    folder = coach_home / "sessions"
    folder.mkdir(parents=True)
    wrong = folder / "20261124-bbbbbb.json"
    wrong.write_text(json.dumps(data), encoding="utf-8")
    assert plainly_valid(data)
    with pytest.raises(DamagedFileError, match="not the id in its file name"):
        change_plainly(
            Store(coach_home), "20261124-bbbbbb", "ab12cd34", "done", at=datetime.now(UTC)
        )
    assert json.loads(wrong.read_text()) == data


# -- a session made of records (core.parts, what a conversation builds) ------------------------


@pytest.mark.parametrize("seed", range(4))
def test_a_session_of_records_writes_the_models_bytes(seed: int) -> None:
    rng = random.Random(seed)
    for n in range(150):
        raw = generated_session(rng, n)
        session = Session.model_validate(raw)
        made = from_model(session, parts.CLASSES)
        assert made.to_json_bytes() == session.to_json_bytes()
        assert parts.data(made) == json.loads(session.to_json_bytes())
        assert plainly_valid(parts.data(made)) == plainly_valid(json.loads(session.to_json_bytes()))


@pytest.mark.parametrize("seed", range(3))
def test_records_read_plainly_hold_what_the_model_reads(seed: int) -> None:
    """``core.parts.from_json`` on plainly valid JSON makes the records the model's values
    would: days and times as objects, defaults filled in, nothing shared with the input."""
    rng = random.Random(100 + seed)
    for n in range(150):
        raw = generated_session(rng, n)
        assert plainly_valid(raw)
        read = parts.from_json(copy.deepcopy(raw))
        assert read == from_model(Session.model_validate(raw), parts.CLASSES)
        assert read.to_json_bytes() == Session.model_validate(raw).to_json_bytes()


def test_the_day_fields_are_the_models_dates() -> None:
    for name in FIELDS:
        dated = {
            key
            for key, info in getattr(model, name).model_fields.items()
            if date in (info.annotation, *typing.get_args(info.annotation))
        }
        assert dated == set(parts.DAYS.get(name, ())), name
