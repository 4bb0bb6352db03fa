"""Conflict copies that folder-sync tools (Syncthing, Dropbox, Nextcloud/ownCloud) leave beside
a session or goals file: ``coach doctor`` names each by path, ``coach doctor --fix`` merges it
into its file with the sync merge, removes it only once merged, and never touches a damaged one.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from coachcli.core.errors import ExitCode
from coachcli.core.items import apply_change
from coachcli.storage.copies import find_copies, original_stem
from coachcli.storage.goals import goal_files, goals_path, load_all_mentees, update_mentee
from coachcli.storage.store import Store
from factories import coach, make_session

SENTINEL = "zq-note-"  # every text field of the sessions starts with it
SID = "20261124-s0001x"
ITEM_A, ITEM_B = "item010x", "item011x"

# Each tool's name for a conflict copy of "<stem>.json" (the original's stem is filled in).
SYNCTHING = [
    "{}.sync-conflict-20261130-101010-ABCDEFG.json",
    "{}.sync-conflict-20261130-101010-7777777.json",
    "{}.sync-conflict-20261130-101010.json",  # before Syncthing 0.14: no device part
]
DROPBOX = [
    "{} (conflicted copy).json",
    "{} (Some Laptop's conflicted copy 2026-11-30).json",
    "{} (Some Laptop's conflicted copy 2026-11-30 (1)).json",
    "{} (José’s MacBook Pro’s conflicted copy 2026-11-30).json",
    "{} (Ноутбук's conflicted copy 2026-11-30).json",
    "{} (笔记本's Conflicted Copy 2026-11-30).json",
    "{} (conflicted copy 2026-11-30).json",
]
NEXTCLOUD = [
    "{} (conflicted copy 2026-11-30 101010).json",
    "{} (conflicted copy ana.costa 2026-11-30 101010).json",
    "{} (conflicted copy Zoë Ünal 2026-11-30 101010).json",
    "{}_conflict-20261130-101010.json",  # older ownCloud clients
]
NESTED = [
    "{} (conflicted copy) (conflicted copy).json",
    "{}_conflict-20261130-101010 (conflicted copy 2026-12-01 090000).json",
]
ALL = SYNCTHING + DROPBOX + NEXTCLOUD + NESTED
TOOL = {p: "Syncthing" for p in SYNCTHING} | {p: "Dropbox" for p in DROPBOX}
TOOL |= {p: "Nextcloud/ownCloud" for p in NEXTCLOUD[:3]} | {NEXTCLOUD[3]: "ownCloud"}

NOT_COPIES = [
    "20261124-s0001x (1).json",  # a plain duplicate name: not a sync tool's
    "notes (conflicted copy).json",  # the original would not be a session file
    "20261124-s0001x.json",
    "20261124-s0001x.sync-conflict-2026.json",
    "20261124-s0001x conflicted copy.json",
    ".tmp-20261124-s0001x (conflicted copy).json.123.abcdef",
    "20261124-s0001x (conflicted copy).yaml",
]


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


@pytest.fixture
def store(store):
    store.save_new_session(make_session("Sam", 1, tag=SENTINEL))
    return store


def path_of(store: Store, sid: str = SID) -> Path:
    return store.session_path(sid)


def as_copy(store: Store, pattern: str, data: bytes, sid: str = SID) -> Path:
    """Put ``data`` beside the session as a copy named by ``pattern``, as a sync tool would."""
    copy = store.sessions_dir / pattern.format(sid)
    copy.write_bytes(data)
    os.chmod(copy, 0o600)
    return copy


def change(store: Store, *changes) -> None:
    """Apply (item, change, kwargs) triples and note additions to the stored session."""

    def apply(session) -> None:
        for what in changes:
            if what[0] == "notes":
                session.supervisor_notes += what[1]
            else:
                item = next(a for a in session.actions if a.id == what[0])
                apply_change(item, what[1], **what[2])

    store.update_session(SID, apply)


def diverge(store: Store) -> tuple[bytes, bytes]:
    """Two machines change one session: this one marks A done and adds a note; the other
    moves B's due date and adds another note. Returns (this machine's file, the other's)."""
    before = path_of(store).read_bytes()
    change(
        store,
        ("notes", "\nthe other machine's note"),
        (ITEM_B, "reschedule", {"at": at(28), "due": date(2026, 12, 12)}),
    )
    theirs = path_of(store).read_bytes()
    path_of(store).write_bytes(before)
    change(store, ("notes", "\nthis machine's note"), (ITEM_A, "done", {"at": at(29), "note": "x"}))
    return path_of(store).read_bytes(), theirs


def assert_both_changes(store: Store) -> None:
    session = store.load_session(SID)
    items = {a.id: a for a in session.actions}
    assert items[ITEM_A].status == "done"
    assert items[ITEM_B].due == date(2026, 12, 12) and items[ITEM_B].status == "open"
    assert "this machine's note" in session.supervisor_notes
    assert "the other machine's note" in session.supervisor_notes
    assert session.supervisor_notes.count(f"{SENTINEL}") == 1  # the original text once


def assert_no_note_text(*outputs: str) -> None:
    for text in outputs:
        assert SENTINEL not in text and "machine's note" not in text


# -- names ------------------------------------------------------------------------------------
@pytest.mark.parametrize("pattern", ALL)
@pytest.mark.parametrize("stem", [SID, "0123456789abcdef01234567"])
def test_every_tools_name_is_recognised_down_to_the_original(pattern, stem):
    name = pattern.format(stem)[: -len(".json")]
    found = original_stem(name)
    assert found is not None, name
    assert found[0] == stem
    if pattern in TOOL:
        assert found[1] == TOOL[pattern]


@pytest.mark.parametrize("name", NOT_COPIES)
def test_other_names_are_not_copies(store, name):
    (store.sessions_dir / name).write_text("{}")
    assert find_copies(store.root) == []


def test_only_copies_of_coach_files_in_their_folders(store):
    (store.root / "banks").mkdir()
    (store.root / "banks" / f"{SID} (conflicted copy).json").write_text("{}")
    (store.drafts_dir / "d4ft2345 (conflicted copy).json").write_text("{}")
    (store.sessions_dir / "0123456789abcdef01234567 (conflicted copy).json").write_text("{}")
    assert find_copies(store.root) == []


# -- doctor -----------------------------------------------------------------------------------
@pytest.mark.parametrize("pattern", ALL)
def test_doctor_names_each_copy_by_path_and_fix_merges_it(store, capsys, pattern):
    ours, theirs = diverge(store)
    copy = as_copy(store, pattern, theirs)
    rc, out, err = coach(capsys, "doctor")
    assert rc == 0, out + err
    line = next(ln for ln in out.splitlines() if str(copy) in ln)
    assert line.startswith("  problem ")
    assert f"conflicted copy of session {SID}; `coach doctor --fix` merges it" in line
    assert "1 can be fixed with `coach doctor --fix`" in out
    assert copy.read_bytes() == theirs and path_of(store).read_bytes() == ours  # a look only

    rc, out2, err2 = coach(capsys, "doctor", "--fix")
    assert rc == 0, out2 + err2
    assert f"fixed      {copy}: " in out2 and f"merged into {SID}.json" in out2
    assert "Healthy." in out2
    assert not copy.exists()
    assert_both_changes(store)
    assert stat.S_IMODE(os.stat(path_of(store)).st_mode) == 0o600
    assert_no_note_text(out, err, out2, err2)
    # The listing follows the merged file (the index saw the write).
    rc, out3, _ = coach(capsys, "followup", "--json")
    rows = {r["id"]: r for r in json.loads(out3)}
    assert ITEM_A not in rows or rows[ITEM_A]["status"] == "done"
    assert rows[ITEM_B]["due"] == "2026-12-12"


def test_several_copies_of_one_session_all_merge(store, capsys):
    base = path_of(store).read_bytes()
    change(store, (ITEM_A, "done", {"at": at(29), "note": "x"}))
    one = path_of(store).read_bytes()
    path_of(store).write_bytes(base)
    change(store, (ITEM_B, "drop", {"at": at(27), "note": "y"}))
    two = path_of(store).read_bytes()
    path_of(store).write_bytes(base)
    change(store, ("notes", "\nthird"))
    as_copy(store, SYNCTHING[0], one)
    as_copy(store, DROPBOX[1], two)
    rc, out, err = coach(capsys, "doctor", "--fix")
    assert rc == 0 and "Healthy." in out, out + err
    session = store.load_session(SID)
    assert {a.id: a.status for a in session.actions} == {ITEM_A: "done", ITEM_B: "dropped"}
    assert session.supervisor_notes.endswith("\nthird")
    assert sorted(os.listdir(store.sessions_dir)) == [f"{SID}.json"]


def test_a_copy_whose_file_is_missing_is_put_in_its_place(store, capsys):
    data = path_of(store).read_bytes()
    path_of(store).unlink()
    copy = as_copy(store, NEXTCLOUD[0], data)
    rc, out, _ = coach(capsys, "doctor")
    assert rc == 0 and "whose own file is missing; `coach doctor --fix` puts it in place" in out
    rc, out, _ = coach(capsys, "doctor", "--fix")
    assert rc == 0 and "Healthy." in out, out
    assert f"{copy}: a Nextcloud/ownCloud conflicted copy of session {SID}: put in place" in out
    assert path_of(store).read_bytes() == data and not copy.exists()
    assert stat.S_IMODE(os.stat(path_of(store)).st_mode) == 0o600


@pytest.mark.parametrize(
    "damage",
    [b"{not json", b"[]", b'{"schema_version": 1, "id": "20261124-s0001x"}', b"\xff\xfe"],
)
def test_a_damaged_copy_is_named_and_never_rewritten_or_deleted(store, capsys, damage):
    original = path_of(store).read_bytes()
    copy = as_copy(store, SYNCTHING[0], damage)
    for args in ([], ["--fix"]):
        rc, out, err = coach(capsys, "doctor", *args)
        assert rc == ExitCode.DAMAGED, out + err
        assert f"DAMAGED    {copy}: a Syncthing conflicted copy of session {SID} that cannot" in out
        assert copy.read_bytes() == damage
        assert path_of(store).read_bytes() == original
        assert_no_note_text(out, err)


def test_a_copy_of_another_session_is_damage_not_merged(store, capsys):
    other = make_session("Ana", 2).to_json_bytes()  # holds id ...s0002x
    copy = as_copy(store, DROPBOX[0], other)
    rc, out, _ = coach(capsys, "doctor", "--fix")
    assert rc == ExitCode.DAMAGED
    assert str(copy) in out and copy.read_bytes() == other


def test_a_copy_from_a_newer_coachcli_is_left_alone(store, capsys):
    data = json.loads(path_of(store).read_bytes()) | {"schema_version": 99}
    copy = as_copy(store, SYNCTHING[0], json.dumps(data).encode())
    rc, out, _ = coach(capsys, "doctor", "--fix")
    assert rc == 0
    assert f"{copy}: a Syncthing conflicted copy of session {SID}, written by a newer" in out
    assert copy.exists()


def test_a_field_changed_two_ways_is_reported_and_the_copy_kept(store, capsys):
    base = path_of(store).read_bytes()
    store.update_session(SID, lambda s: setattr(s, "next_meeting", date(2026, 12, 3)))
    theirs = path_of(store).read_bytes()
    path_of(store).write_bytes(base)
    store.update_session(SID, lambda s: setattr(s, "next_meeting", date(2026, 12, 4)))
    change(store, (ITEM_A, "done", {"at": at(29), "note": "x"}))
    copy = as_copy(store, SYNCTHING[0], theirs)

    rc, out, err = coach(capsys, "doctor")
    assert rc == 0, out + err
    line = next(ln for ln in out.splitlines() if str(copy) in ln)
    assert "1 field holds two values (next_meeting)" in line
    assert "can be fixed" not in out  # no promise --fix cannot keep

    rc, out, err = coach(capsys, "doctor", "--fix")
    assert rc == 0, out + err
    line = next(ln for ln in out.splitlines() if str(copy) in ln)
    assert f"conflicted copy of session {SID}: merged into {SID}.json, but 1 field" in line
    assert "(next_meeting)" in line and "this store's value was kept and the copy left" in line
    assert copy.read_bytes() == theirs
    assert store.load_session(SID).next_meeting == date(2026, 12, 4)
    assert_no_note_text(out, err)
    merged = path_of(store).read_bytes()
    rc, out, _ = coach(capsys, "doctor", "--fix")  # again: nothing more changes
    assert path_of(store).read_bytes() == merged and copy.exists()

    copy.unlink()  # the user looked, and keeps this store's value
    rc, out, _ = coach(capsys, "doctor")
    assert rc == 0 and "Healthy." in out


def test_an_item_changed_two_ways_takes_the_newer_history_as_sync_does(store, capsys):
    base = path_of(store).read_bytes()
    change(store, (ITEM_A, "drop", {"at": at(30), "note": "y"}))
    theirs = path_of(store).read_bytes()
    path_of(store).write_bytes(base)
    change(store, (ITEM_A, "done", {"at": at(29), "note": "x"}))
    copy = as_copy(store, DROPBOX[1], theirs)
    rc, out, _ = coach(capsys, "doctor", "--fix")
    assert rc == 0 and "Healthy." in out, out
    assert f"the copy's value was kept for actions[{ITEM_A}].status" in out
    item = next(a for a in store.load_session(SID).actions if a.id == ITEM_A)
    assert item.status == "dropped"
    assert [h.event for h in item.history][-2:] == ["done", "dropped"]  # both kept, in order
    assert not copy.exists()


def test_the_store_lock_is_held_while_merging(store, capsys, held_lock):
    _, theirs = diverge(store)
    copy = as_copy(store, SYNCTHING[0], theirs)
    with held_lock(wait=0.1):
        rc, out, err = coach(capsys, "doctor", "--fix")
    assert rc == ExitCode.BUSY, out + err
    assert copy.exists()


# -- goals files ------------------------------------------------------------------------------
def test_a_goals_files_copy_is_not_a_second_mentee_and_merges(store, capsys):
    from coachcli.core.goals import Goal, MenteeFile

    day = date(2026, 11, 24)
    update_mentee(
        store,
        "Ana Costa",
        lambda _: MenteeFile(person="Ana Costa", goals=[Goal(id="g1234567", text="g", set_on=day)]),
    )
    path = goals_path(store, "Ana Costa")
    base = path.read_bytes()
    data = json.loads(base)
    data["goals"].append({"id": "g7654321", "text": "other", "set_on": "2026-11-25"})
    copy = path.with_name(path.stem + ".sync-conflict-20261130-101010-ABCDEFG.json")
    copy.write_text(json.dumps(data))
    data = json.loads(base)
    data["next_meeting"] = "2026-12-08"
    path.write_text(json.dumps(data))
    assert goal_files(store) == [path]
    mentees, problems = load_all_mentees(store)
    assert len(mentees) == 1 and not problems

    rc, out, _ = coach(capsys, "doctor")
    assert f"{copy}: a Syncthing conflicted copy of goals file {path.stem}" in out
    assert "Ana" not in out
    rc, out, _ = coach(capsys, "doctor", "--fix")
    assert rc == 0 and "Healthy." in out, out
    (mentee,), _ = load_all_mentees(store)
    assert [g.id for g in mentee.goals] == ["g1234567", "g7654321"]
    assert mentee.next_meeting == date(2026, 12, 8)
    assert not copy.exists()


# -- a round trip -----------------------------------------------------------------------------
@pytest.mark.parametrize("pattern", [SYNCTHING[0], DROPBOX[1], NEXTCLOUD[1]])
def test_two_stores_diverge_and_a_copy_brings_every_change_back(tmp_path, capsys, pattern):
    """Two machines start from one store and change it apart (the same session, and each a
    session of its own); a sync tool lands the other's files, one as a conflict copy."""
    here = Store(Path(os.environ["COACH_HOME"]))
    there = Store(tmp_path / "laptop")
    here.save_new_session(make_session("Sam", 1, tag=SENTINEL))
    shutil.copytree(here.root, there.root)
    # The laptop: A done, a note, a new session with Ana.
    there.update_session(SID, lambda s: apply_change(s.actions[0], "done", at=at(29), note="l"))
    there.update_session(SID, lambda s: setattr(s, "supervisor_notes", s.supervisor_notes + "\nL"))
    there.save_new_session(make_session("Ana", 2))
    # This desktop: B rescheduled, a note, the relationship's next meeting.
    here.update_session(
        SID, lambda s: apply_change(s.actions[1], "reschedule", at=at(28), due=date(2026, 12, 12))
    )
    here.update_session(SID, lambda s: setattr(s, "supervisor_notes", s.supervisor_notes + "\nD"))
    here.update_session(SID, lambda s: setattr(s, "next_meeting", date(2026, 12, 9)))
    # The sync tool: the laptop's new file arrives; its changed file lands as a copy.
    for name in os.listdir(there.sessions_dir):
        target = here.sessions_dir / name
        if name == f"{SID}.json":
            target = here.sessions_dir / pattern.format(SID)
        if not target.exists():
            shutil.copy2(there.sessions_dir / name, target)

    rc, out, err = coach(capsys, "doctor", "--fix")
    assert rc == 0 and "Healthy." in out, out + err
    session = here.load_session(SID)
    items = {a.id: a for a in session.actions}
    assert items[ITEM_A].status == "done"
    assert items[ITEM_B].due == date(2026, 12, 12)
    assert session.supervisor_notes.endswith("\nD\nL")
    assert session.next_meeting == date(2026, 12, 9)
    assert here.load_session("20261124-s0002x").person == "Ana"
    assert sorted(os.listdir(here.sessions_dir)) == [f"{SID}.json", "20261124-s0002x.json"]
    rc, out, _ = coach(capsys, "people")
    assert "Ana" in out and "Sam" in out


@pytest.mark.parametrize("later", ["done", "reschedule"])
def test_one_item_done_on_one_side_and_rescheduled_on_the_other_keeps_both(tmp_path, capsys, later):
    """No ancestor, but the item's history has one: the last event both copies hold. Marking
    done is not undone by a reschedule made elsewhere, whichever of the two came later."""
    here = Store(Path(os.environ["COACH_HOME"]))
    there = Store(tmp_path / "laptop")
    here.save_new_session(make_session("Sam", 1))
    shutil.copytree(here.root, there.root)
    done_at, moved_at = (at(28), at(29)) if later == "reschedule" else (at(29), at(28))
    there.update_session(SID, lambda s: apply_change(s.actions[0], "done", at=done_at, note="l"))
    here.update_session(
        SID,
        lambda s: apply_change(s.actions[0], "reschedule", at=moved_at, due=date(2026, 12, 12)),
    )
    shutil.copy2(there.sessions_dir / f"{SID}.json", here.sessions_dir / SYNCTHING[0].format(SID))

    rc, out, err = coach(capsys, "doctor", "--fix")
    assert rc == 0 and "Healthy." in out, out + err
    assert "kept" not in out  # nothing held two values
    item = next(a for a in here.load_session(SID).actions if a.id == ITEM_A)
    assert (item.status, item.due) == ("done", date(2026, 12, 12))
    assert sorted(h.event for h in item.history[-2:]) == ["done", "rescheduled"]


def test_one_item_rescheduled_two_ways_is_still_a_held_value(tmp_path, capsys):
    here = Store(Path(os.environ["COACH_HOME"]))
    there = Store(tmp_path / "laptop")
    here.save_new_session(make_session("Sam", 1))
    shutil.copytree(here.root, there.root)
    there.update_session(
        SID, lambda s: apply_change(s.actions[0], "reschedule", at=at(29), due=date(2026, 12, 20))
    )
    here.update_session(
        SID, lambda s: apply_change(s.actions[0], "reschedule", at=at(28), due=date(2026, 12, 12))
    )
    shutil.copy2(there.sessions_dir / f"{SID}.json", here.sessions_dir / SYNCTHING[0].format(SID))

    rc, out, err = coach(capsys, "doctor", "--fix")
    assert rc == 0, out + err
    assert "actions[" in out and ".due" in out  # reported by session and field
    item = next(a for a in here.load_session(SID).actions if a.id == ITEM_A)
    assert item.due == date(2026, 12, 20)  # the newer history wins, as documented
