"""What earlier sessions bring to a new conversation is read as records, plainly when it can be.

``conversation.carryover.read_session`` reads a file in the form coach writes without the model
and anything else through it; either way the records hold what the model reads, and a damaged or
misnamed file is the same error ``Store.load_session`` gives.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from coachcli.conversation.carryover import read_session
from coachcli.core import parts
from coachcli.core.errors import DamagedFileError
from coachcli.core.record import from_model
from coachcli.storage.store import Store
from factories import session_dict, write

SID = "20261124-aaaaaa"


def _model_read(store: Store, sid: str) -> parts.Session:
    return from_model(store.load_session(sid), parts.CLASSES)


def test_a_file_coach_wrote_reads_as_the_model_reads_it(coach_home) -> None:
    write(coach_home, session_dict(SID, "Zoë", next_meeting="2026-12-08", checkin={"scale": 4}))
    store = Store(root=coach_home)
    read = read_session(store, SID)
    assert read == _model_read(store, SID)
    assert read.next_meeting.isoformat() == "2026-12-08" and read.checkin == parts.CheckIn(scale=4)


def test_a_file_only_the_model_reads_goes_through_it(coach_home) -> None:
    action = {"id": "ab12cd34", "text": "Call", "created_at": "2026-11-24T09:00:00Z"}
    write(coach_home, session_dict(SID, actions=[{**action, "confidence": "8"}]))  # lax: "8"
    store = Store(root=coach_home)
    read = read_session(store, SID)
    assert read.actions[0].confidence == 8
    assert read == _model_read(store, SID)


@pytest.mark.parametrize("damage", ["misnamed", "invalid"])
def test_a_damaged_or_misnamed_file_is_the_same_error_either_way(coach_home, damage) -> None:
    data = session_dict(SID)
    if damage == "invalid":
        data["actions"] = []
    write(coach_home, data)
    store = Store(root=coach_home)
    if damage == "misnamed":
        os.rename(store.session_path(SID), store.session_path("20261124-bbbbbb"))
    sid = SID if damage == "invalid" else "20261124-bbbbbb"
    with pytest.raises(DamagedFileError) as plain:
        read_session(store, sid)
    with pytest.raises(DamagedFileError) as modelled:
        store.load_session(sid)
    assert plain.value.message == modelled.value.message


@pytest.mark.slow
def test_a_second_scripted_conversation_with_someone_loads_no_pydantic(coach_home) -> None:
    import coachcli

    example = os.path.join(os.path.dirname(coachcli.__file__), "examples", "answers.yaml")
    env = dict(os.environ, COACH_HOME=str(coach_home))
    probe = (
        "import sys, json; from coachcli.cli.app import run; rc = run(sys.argv[1:]); "
        "print(json.dumps([rc, sorted(m for m in sys.modules if m.startswith('pydantic'))]))"
    )
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, "-c", probe, "start", "--answers", example],
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )
        rc, loaded = json.loads(proc.stdout.strip().splitlines()[-1])
        assert (rc, loaded) == (0, []), proc.stderr
    assert len(os.listdir(coach_home / "sessions")) == 2


def test_times_with_and_without_a_utc_offset_sort_together(coach_home, capsys) -> None:
    """A hand-edited file may hold a time without its UTC offset: the brief, a new conversation
    and the next-meeting calendar still order the sessions (it was a TypeError, exit 70)."""
    from factories import coach

    write(coach_home, session_dict("20261124-aaaaaa", "Sam", next_meeting="2026-12-08"))
    naive = session_dict("20261125-bbbbbb", "Sam", next_meeting="2026-12-09")
    naive["started_at"], naive["finished_at"] = "2026-11-25T09:00:00", "2026-11-25T09:30:00"
    write(coach_home, naive)
    code, out, err = coach(capsys, "prep", "Sam")
    assert code == 0, err
    assert "the last on 2026-11-25" in out
    code, out, err = coach(capsys, "export", "--person", "Sam", "--format", "ics")
    assert code == 0, err


def test_instant_orders_any_two_times() -> None:
    from datetime import UTC, datetime, timedelta, timezone

    from coachcli.core.clock import instant

    aware = datetime(2026, 11, 25, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    naive = datetime(2026, 11, 25, 9, 0)
    assert instant(aware) == datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
    assert instant(naive).tzinfo is UTC
    assert sorted([naive, aware], key=instant) in ([naive, aware], [aware, naive])


def test_instant_at_the_edges_of_the_calendar() -> None:
    from datetime import UTC, datetime, timedelta, timezone

    from coachcli.core.clock import instant

    east, west = timezone(timedelta(hours=1)), timezone(timedelta(hours=-5))
    times = [
        datetime(9999, 12, 31, 23, 0, tzinfo=west),
        datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
        datetime(1, 1, 1, 0, 0, tzinfo=east),
        datetime(1, 1, 1),
    ]
    ordered = sorted(times, key=instant)
    assert ordered[-1].year == 9999 and ordered[1].year == 1 and ordered[2].year == 2026
