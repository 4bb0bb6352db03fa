"""coach encrypt with real processes: the standard age tool, real git with a bare remote, and
conversions killed with SIGKILL at random moments."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coachcli.cli.app import run
from coachcli.storage import agefile, encryption
from coachcli.storage.store import Store
from factories import make_session

pytestmark = pytest.mark.slow  # the age CLI, git and coach as processes

SENTINEL = "quokkasentinel"
MAGIC = b"age-encryption.org/v1\n"
AGE = "/usr/bin/age"


def coach(*argv: str) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "coachcli", *argv], capture_output=True, text=True, timeout=120
    )
    return done.returncode, done.stdout + done.stderr


def fill(store: Store, count: int, first: int = 1) -> None:
    for n in range(first, first + count):
        store.save_new_session(make_session(f"Person {n % 7}", n, tag=SENTINEL))


def test_the_age_tool_decrypts_what_coach_wrote_and_coach_reads_what_age_wrote(store, tmp_path):
    fill(store, 2)
    assert run(["encrypt", "init"]) == 0
    session = store.sessions_dir / "20261124-s0001x.json"
    assert session.read_bytes().startswith(MAGIC)
    plain = subprocess.run(
        [AGE, "-d", "-i", str(agefile.identity_path()), str(session)],
        capture_output=True,
        check=True,
    ).stdout
    assert json.loads(plain)["id"] == "20261124-s0001x" and SENTINEL.encode() in plain
    mine = make_session("Written by age", 9, tag=SENTINEL)
    source = tmp_path / "plain.json"
    source.write_bytes(mine.to_json_bytes())
    target = store.sessions_dir / f"{mine.id}.json"
    recipients = agefile.recipients_path(store.root)
    subprocess.run([AGE, "-R", str(recipients), "-o", str(target), str(source)], check=True)
    assert target.read_bytes().startswith(MAGIC)
    assert store.load_session(mine.id).person == "Written by age"
    rc, out = coach("followup", "--json", "--all")
    assert rc in (0, 6) and "Written by age" in out


def _every_file_reads(store: Store) -> list[bool]:
    """Each text file decrypts (or is plaintext) and parses: True where it is encrypted."""
    states = []
    for path in encryption.text_files(store):
        raw = encryption.read_raw(path)
        json.loads(agefile.unseal(path, raw))
        states.append(raw.startswith(MAGIC))
    for path in store.session_files():
        assert store.load_session(path.stem).id == path.stem
    return states


def _kill_at_random(argv: list[str], rng: random.Random) -> int:
    """Start coach, SIGKILL it after a random moment; its exit status (negative: killed)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "coachcli", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(rng.uniform(0.3, 1.6))
    proc.send_signal(signal.SIGKILL)
    return proc.wait()


def test_sigkill_during_encryption_and_reencryption_leaves_every_file_readable(store):
    from pyrage import x25519

    fill(store, 120)
    store.save_draft("d4ftgood", {"notes": SENTINEL})
    rng = random.Random(int.from_bytes(os.urandom(4)))
    partial = 0
    for _ in range(4):
        _kill_at_random(["encrypt", "init"], rng)
        states = _every_file_reads(store)
        partial += any(states) and not all(states)
    rc, out = coach("encrypt", "init")
    assert rc == 0, out
    assert all(_every_file_reads(store))
    other = str(x25519.Identity.generate().to_public())
    for _ in range(4):
        _kill_at_random(["encrypt", "add-device", other], rng)
        _every_file_reads(store)
        counts = {agefile.x25519_stanzas(p.read_bytes()) for p in encryption.text_files(store)}
        partial += counts == {1, 2}
    rc, out = coach("encrypt", "add-device", other)
    assert rc == 0, out
    assert all(_every_file_reads(store))
    assert {agefile.x25519_stanzas(p.read_bytes()) for p in encryption.text_files(store)} == {2}
    state = json.loads(coach("encrypt", "status", "--json")[1])
    assert state["files"] == {"encrypted": 121, "plaintext": 0, "to_reencrypt": 0}
    print(f"kills that landed mid-way: {partial} of 8")


def _git_objects(repo: Path) -> bytes:
    """Every object of a repository, decompressed (loose and packed alike)."""
    return subprocess.run(
        ["git", "-C", str(repo), "cat-file", "--batch-all-objects", "--batch"],
        capture_output=True,
        check=True,
    ).stdout


def _raw_bytes(*roots: Path) -> bytes:
    out = []
    for root in roots:
        for folder, _, names in os.walk(root):
            for name in names:
                path = Path(folder) / name
                if path.is_file() and not path.is_symlink():
                    out.append(path.read_bytes())
    return b"\n".join(out)


def test_two_devices_share_an_encrypted_store_and_no_plaintext_reaches_disk_or_remote(
    tmp_path, monkeypatch
):
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)

    def device(name: str) -> Path:
        monkeypatch.setenv("COACH_HOME", str(tmp_path / name / "data"))
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / name / "config"))
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / name / "cache"))
        return tmp_path / name / "data"

    laptop = device("laptop")
    fill(Store(laptop), 3)
    rc, out = coach("encrypt", "init")
    assert rc == 0, out
    assert coach("sync", "init", str(remote))[0] == 0
    fill(Store(laptop), 1, first=4)  # written after encryption, then synced
    assert coach("sync")[0] == 0
    assert coach("followup", "--no-review")[0] in (0, 6)

    device("desktop")
    assert coach("sync", "init", str(remote))[0] == 0
    rc, out = coach("followup", "--json", "--all")
    assert "cannot decrypt" in out and "coach encrypt init" in out
    rc, out = coach("encrypt", "init")
    assert rc == 0 and "coach encrypt add-device age1" in out, out
    key = json.loads(coach("encrypt", "status", "--json")[1])["public_key"]

    device("laptop")
    rc, out = coach("encrypt", "add-device", key)
    assert rc == 0, out
    assert coach("sync")[0] == 0

    device("desktop")
    assert coach("sync")[0] == 0
    rc, out = coach("followup", "--json", "--all")
    people = {row["person"] for row in json.loads(out)}
    assert people == {f"Person {n % 7}" for n in range(1, 5)}, out
    rc, out = coach("show", "20261124-s0002x", "--json")
    assert rc == 0 and SENTINEL in out
    # The desktop changes a session; the laptop reads it after a sync.
    assert coach("followup", "done", "item010x", "--on", "2026-11-30")[0] == 0
    assert coach("sync")[0] == 0
    device("laptop")
    assert coach("sync")[0] == 0
    done = json.loads(coach("show", "20261124-s0001x", "--json")[1])
    assert done["actions"][0]["status"] == "done"

    needle = SENTINEL.encode()
    for name in ("laptop", "desktop"):
        assert needle not in _raw_bytes(tmp_path / name / "data"), f"{name} data folder"
        assert needle not in _raw_bytes(tmp_path / name / "cache"), f"{name} cache"
        assert needle not in _git_objects(tmp_path / name / "data"), f"{name} git objects"
    assert needle not in _raw_bytes(remote) and needle not in _git_objects(remote), "the remote"
    assert b"Person" not in _git_objects(remote)
