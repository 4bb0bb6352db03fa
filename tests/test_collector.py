"""The cycle collector is held off while a big listing makes and writes its objects, and only
then: it is on again afterwards, whatever happened inside."""

import gc
import json

import pytest

from coachcli.cli import options
from coachcli.core.collector import paused
from coachcli.followup import listing
from factories import coach, session_dict, write


def test_paused_blocks_nest_and_the_outermost_turns_it_back_on():
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # still inside the outer block
    assert gc.isenabled()


def test_paused_turns_it_back_on_after_an_error():
    with pytest.raises(KeyError), paused():
        raise KeyError("x")
    assert gc.isenabled()


def test_paused_leaves_it_off_for_a_caller_that_turned_it_off():
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_followup_json_reads_and_writes_with_the_collector_held_off(
    coach_home, capsys, monkeypatch
):
    for n in range(3):
        write(coach_home, session_dict(f"2026112{n}-abc23{n}", person=f"P{n}"))
    seen: dict[str, list[bool]] = {"reading": [], "writing": []}
    write_json_mode, items_from_row = options.write_json_mode, listing.items_from_row

    def converting(row):
        seen["reading"].append(gc.isenabled())
        return items_from_row(row)

    def writing(values, mode):
        seen["writing"].append(gc.isenabled())
        return write_json_mode(values, mode)

    monkeypatch.setattr(listing, "items_from_row", converting)
    monkeypatch.setattr(options, "write_json_mode", writing)
    rc, out, _ = coach(capsys, "followup", "--json")
    assert rc == 0 and len(json.loads(out)) == 3
    assert seen == {"reading": [False] * 3, "writing": [False]}
    assert gc.isenabled()
