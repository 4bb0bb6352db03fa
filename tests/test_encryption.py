"""coach encrypt: age encryption at rest, in-process (the age CLI, real git and kills are in
test_encryption_slow.py)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from coachcli.core.errors import ExitCode, NoKeyError
from coachcli.storage import agefile, encryption, fsio
from coachcli.storage.paths import cache_dir, index_path
from coachcli.storage.readfile import read_bounded
from coachcli.storage.store import Store
from factories import coach, make_session

SENTINEL = "zebracrossing"
MAGIC = b"age-encryption.org/v1\n"


@pytest.fixture
def store(store) -> Store:
    for n, person in enumerate(["Sam", "Alex", "Priya"], 1):
        store.save_new_session(make_session(person, n, tag=SENTINEL))
    store.save_draft("d4ftgood", {"notes": f"{SENTINEL} draft"})
    return store


def other_device(monkeypatch, tmp_path: Path, name: str = "desktop") -> Path:
    """Switch this process to another device: its own config (identity) and cache folders."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / f"config-{name}"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"cache-{name}"))
    return tmp_path / f"config-{name}" / "coachcli" / agefile.IDENTITY_NAME


def files_under(*roots: Path) -> list[Path]:
    return [
        Path(folder) / name
        for root in roots
        if root.exists()
        for folder, _, names in os.walk(root)
        for name in names
    ]


def holding(text: str, *roots: Path) -> list[Path]:
    return [p for p in files_under(*roots) if text.encode() in p.read_bytes()]


@pytest.mark.slow
def test_init_encrypts_every_text_file_and_reads_stay_the_same(store, capsys):
    rc, before, _ = coach(capsys, "followup", "--json", "--all")
    assert rc in (0, 6) and SENTINEL in before
    assert holding(SENTINEL, cache_dir(store.root)), "the plaintext index holds text before"
    rc, out, err = coach(capsys, "encrypt", "init")
    assert rc == 0, err
    assert "public key: age1" in out and "encrypted 4 file(s)" in out
    for path in encryption.text_files(store):
        assert path.read_bytes().startswith(MAGIC), path
    rc, after, _ = coach(capsys, "followup", "--json", "--all")
    assert rc in (0, 6) and json.loads(after) == json.loads(before)
    assert not holding(SENTINEL, store.root, cache_dir(store.root))
    assert not index_path(store.root).exists()
    assert Path(f"{index_path(store.root)}.age").exists()


def test_the_identity_file_is_private_and_in_age_keygen_format(store, capsys):
    assert coach(capsys, "encrypt", "init")[0] == 0
    path = agefile.identity_path()
    assert path.parent == Path(os.environ["XDG_CONFIG_HOME"]) / "coachcli"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    lines = path.read_text().splitlines()
    public = agefile.public_key()
    assert f"# public key: {public}" in lines
    assert any(line.startswith("AGE-SECRET-KEY-1") for line in lines)


def test_status_json_names_the_identity_and_the_recipients(store, capsys):
    rc, out, _ = coach(capsys, "encrypt", "status", "--json")
    state = json.loads(out)
    assert rc == 0 and state["enabled"] is False and state["recipients"] == []
    assert state["identity"] == str(agefile.identity_path())
    assert state["files"]["plaintext"] == 4
    coach(capsys, "encrypt", "init")
    state = json.loads(coach(capsys, "encrypt", "status", "--json")[1])
    assert state["enabled"] is True and state["this_device_is_recipient"] is True
    assert state["recipients"] == [state["public_key"]]
    assert state["files"] == {"encrypted": 4, "plaintext": 0, "to_reencrypt": 0}


def test_new_writes_are_encrypted_before_they_touch_the_disk(store, capsys, monkeypatch):
    coach(capsys, "encrypt", "init")
    seen: list[bytes] = []
    real_write = os.write

    def spy(fd, data):
        seen.append(bytes(data))
        return real_write(fd, data)

    with monkeypatch.context() as patched:
        patched.setattr(fsio.os, "write", spy)
        store.save_new_session(make_session("Kofi", 7, tag=SENTINEL))
        store.update_session("20261124-s0001x", lambda s: setattr(s, "restatement", SENTINEL))
    assert seen and all(SENTINEL.encode() not in chunk for chunk in seen)
    assert store.load_session("20261124-s0001x").restatement == SENTINEL
    assert not holding(SENTINEL, store.root, cache_dir(store.root))


def test_goals_are_encrypted(store, capsys):
    from coachcli.storage.goals import goals_path

    path = goals_path(store, "Sam")
    fsio.atomic_write_bytes(path, json.dumps({"note": SENTINEL}).encode())
    coach(capsys, "encrypt", "init")
    assert path.read_bytes().startswith(MAGIC)
    assert json.loads(read_bounded(path, 1 << 20))["note"] == SENTINEL


def test_a_partly_encrypted_store_reads(store, capsys):
    coach(capsys, "encrypt", "init")
    plain = make_session("Lena", 9, tag=SENTINEL)
    (store.sessions_dir / f"{plain.id}.json").write_bytes(plain.to_json_bytes())
    rc, out, _ = coach(capsys, "followup", "--json", "--all")
    assert {row["person"] for row in json.loads(out)} == {"Sam", "Alex", "Priya", "Lena"}
    rc, out, _ = coach(capsys, "doctor", "--json")
    assert rc == 0  # a plaintext file is a warning: `coach encrypt init` finishes
    kinds = {(f["kind"], Path(f["path"]).name) for f in json.loads(out)["findings"]}
    assert ("plaintext", f"{plain.id}.json") in kinds
    assert coach(capsys, "encrypt", "init")[0] == 0  # finishes the job
    assert (store.sessions_dir / f"{plain.id}.json").read_bytes().startswith(MAGIC)


def test_a_device_without_the_key_gets_one_line_naming_the_file(
    store, capsys, monkeypatch, tmp_path
):
    coach(capsys, "encrypt", "init")
    other_device(monkeypatch, tmp_path)
    rc, out, err = coach(capsys, "show", "20261124-s0001x")
    assert rc == ExitCode.NO_KEY == 11
    error, hint = err.strip().splitlines()[-2:]  # the error and its hint, last
    assert error.startswith("coach: ") and hint.startswith("hint: ")
    assert "20261124-s0001x.json" in err and "coach encrypt init" in err
    assert "add-device" in err and "Traceback" not in err and SENTINEL not in err
    rc, out, err = coach(capsys, "followup", "--no-review")
    assert "cannot decrypt" in err and "sessions" in err and "coach encrypt init" in err
    rc, out, _ = coach(capsys, "doctor", "--json")
    assert rc == ExitCode.DAMAGED
    details = [f["kind"] + ": " + f["detail"] for f in json.loads(out)["findings"]]
    assert any("no identity on this device" in d for d in details)
    assert any("cannot decrypt" in d for d in details)


@pytest.mark.slow
def test_second_device_joins_with_add_device(store, capsys, monkeypatch, tmp_path):
    first = other_device(monkeypatch, tmp_path, "laptop")
    coach(capsys, "encrypt", "init")
    assert first.exists()
    other_device(monkeypatch, tmp_path, "desktop")
    rc, out, _ = coach(capsys, "encrypt", "init")
    assert rc == 0 and "coach encrypt add-device age1" in out
    key = json.loads(coach(capsys, "encrypt", "status", "--json")[1])["public_key"]
    assert coach(capsys, "show", "20261124-s0002x")[0] == ExitCode.NO_KEY
    # Written here before it was added: readable here and on the first device.
    store.save_new_session(make_session("Chen", 8, tag=SENTINEL))
    other_device(monkeypatch, tmp_path, "laptop")
    rc, out, _ = coach(capsys, "encrypt", "add-device", key)
    assert rc == 0, out
    assert "added the device" in out and "again to every device" in out
    assert store.load_session("20261124-s0008x").person == "Chen"
    other_device(monkeypatch, tmp_path, "desktop")
    rc, out, _ = coach(capsys, "followup", "--json", "--all")
    assert {row["person"] for row in json.loads(out)} == {"Sam", "Alex", "Priya", "Chen"}
    assert coach(capsys, "show", "20261124-s0002x")[0] == 0
    state = json.loads(coach(capsys, "encrypt", "status", "--json")[1])
    assert state["this_device_is_recipient"] and len(state["recipients"]) == 2


def test_add_device_refuses_a_bad_key_and_a_plain_store(store, capsys):
    rc, _, err = coach(capsys, "encrypt", "add-device", "age1notakey")
    assert rc == ExitCode.USAGE and "not an age public key" in err
    other = "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq"
    rc, _, err = coach(capsys, "encrypt", "add-device", other)
    assert rc == ExitCode.USAGE and "not encrypted" in err


def test_a_stopped_conversion_leaves_every_file_readable_and_init_finishes(
    store, capsys, monkeypatch
):
    real = encryption.atomic_write_bytes
    writes = []

    def dies_on_the_third(path, data):  # after the identity, the recipients and two files
        writes.append(path)
        if len(writes) == 5:
            raise KeyboardInterrupt
        real(path, data)

    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        patched.setattr(encryption, "atomic_write_bytes", dies_on_the_third)
        encryption.init(store)
    states = [p.read_bytes().startswith(MAGIC) for p in encryption.text_files(store)]
    assert any(states) and not all(states)
    for path in store.session_files():
        assert store.load_session(path.stem).id == path.stem
    rc, out, _ = coach(capsys, "encrypt", "init")
    assert rc == 0 and "encrypted 2 file(s)" in out
    assert all(p.read_bytes().startswith(MAGIC) for p in encryption.text_files(store))


def test_reencryption_counts_recipients_in_the_header(store, capsys):
    from pyrage import x25519

    coach(capsys, "encrypt", "init")
    path = store.sessions_dir / "20261124-s0001x.json"
    assert agefile.x25519_stanzas(path.read_bytes()) == 1
    other = str(x25519.Identity.generate().to_public())
    coach(capsys, "encrypt", "add-device", other)
    assert agefile.x25519_stanzas(path.read_bytes()) == 2
    rc, out, _ = coach(capsys, "encrypt", "add-device", other)
    assert rc == 0 and "already a recipient" in out and "again" not in out


def test_undecryptable_bytes_are_no_key_errors_not_tracebacks(store, capsys, tmp_path):
    coach(capsys, "encrypt", "init")
    bad = tmp_path / "bad.json"
    bad.write_bytes(MAGIC + b"-> X25519 garbage\n--- nothing\n")
    with pytest.raises(NoKeyError) as caught:
        read_bounded(bad, 1 << 20)
    assert str(bad) in str(caught.value)


def test_help_topic_explains_fresh_git_history(capsys):
    rc, out, _ = coach(capsys, "help", "encryption")
    assert rc == 0 and "git checkout --orphan" in out and "age -d -i" in out


def _views(capsys) -> dict[str, object]:
    views = {}
    for argv in (
        ("followup", "--json", "--all"),
        ("sessions", "--json"),
        ("people", "--json"),
        ("report", "--json"),
    ):
        rc, out, err = coach(capsys, *argv)
        assert rc in (0, 6), err
        data = json.loads(out)
        if isinstance(data, dict):
            data.pop("today", None)
        views[" ".join(argv)] = data
    return views


@pytest.mark.slow
def test_the_encrypted_index_answers_as_the_plain_one_from_its_warm_and_whole_images(store, capsys):
    from coachcli.index import sealed

    plain = _views(capsys)
    coach(capsys, "encrypt", "init")
    assert coach(capsys, "followup", "--no-review")[0] in (0, 6)  # builds, writes both images
    warm = sealed.warm_path(index_path(store.root))
    assert warm.exists() and sealed.sealed_path(index_path(store.root)).exists()
    assert _views(capsys) == plain
    # A warm image of another generation (two processes saved at once): noticed, rebuilt.
    stale = warm.read_bytes()
    assert coach(capsys, "followup", "done", "item010x")[0] == 0
    assert coach(capsys, "followup", "reopen", "item010x")[0] == 0
    warm.write_bytes(stale)
    seen = _views(capsys)
    for path in files_under(cache_dir(store.root)):  # what the files say, with no cache at all
        path.unlink()
    assert seen == _views(capsys)
    assert not holding(SENTINEL, cache_dir(store.root))


@pytest.mark.slow
def test_the_encrypted_index_built_on_several_processes_answers_as_the_plain_one(
    store, capsys, monkeypatch
):
    from coachcli.index import refresh

    plain = _views(capsys)
    coach(capsys, "encrypt", "init")
    for path in files_under(cache_dir(store.root)):
        path.unlink()
    monkeypatch.setattr(refresh, "PARALLEL_FROM", 1)  # workers, batches of one file
    monkeypatch.setattr(refresh, "LATE_INDEXES_FROM", 1)
    monkeypatch.setattr(refresh, "BATCH", 1)
    assert _views(capsys) == plain
    assert not holding(SENTINEL, cache_dir(store.root))
