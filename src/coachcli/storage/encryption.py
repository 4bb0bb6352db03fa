"""Turning encryption on, adding a device, and checking it (``coach encrypt``, ``coach doctor``).

The file-level rules (what is encrypted, how a file is recognised) are in ``agefile``. Here:

* ``init``: this device's identity is created if it has none. On a plaintext store its public
  key becomes the first recipient, the plaintext index is dropped, and every existing file that
  holds text is encrypted. On a store that arrived encrypted and does not name this device, only
  the identity is created: its public key is what a device that can read adds.
* ``add_device``: the key joins the recipients file, and every file is encrypted again to the
  whole set.
* ``convert`` does the work of both, one file at a time: each file is read, encrypted in memory
  and replaced atomically (``fsio``), under the store lock for a batch of files, never longer.
  A kill at any moment leaves every file either as it was or completely converted, and running
  the command again finishes (a file needs work when it is plaintext, or when its header names
  fewer X25519 recipients than the store has now).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from coachcli.core.errors import DamagedFileError, NoKeyError, UsageError
from coachcli.storage import agefile, paths
from coachcli.storage.fsio import TMP_PREFIX, atomic_write_bytes, ensure_private_dir
from coachcli.storage.readfile import MAX_FILE_BYTES, open_regular
from coachcli.storage.store import Store

BATCH = 32  # files converted per hold of the store lock
RECIPIENTS_HEADER = """\
# coachcli: this store is encrypted with age (https://age-encryption.org) to these public keys,
# one per device. Not secret. Decrypt a file without coach:
#   age -d -i ~/.config/coachcli/age-identity.txt sessions/FILE.json
"""


@dataclass
class Converted:
    encrypted: int = 0  # plaintext files now encrypted
    reencrypted: int = 0  # files encrypted again to the whole recipient set
    unreadable: list[Path] = field(default_factory=list)  # this device cannot decrypt them


@dataclass
class InitResult:
    identity: Path
    public_key: str
    created_identity: bool
    started: bool  # this run turned encryption on
    needs_add: bool  # the store is encrypted for other devices: add this key from one of them
    converted: Converted = field(default_factory=Converted)


def text_files(store: Store) -> list[Path]:
    """Every file of the store that holds text and is kept encrypted: sessions, goals, drafts,
    backups (temp files and anything that is not a regular file are not)."""
    found: list[Path] = []
    for name in sorted(agefile.SEALED_DIRS):
        folder = store.root / name
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:
            raise DamagedFileError(folder, f"cannot list the folder: {exc.strerror}") from None
        for entry in entries:
            if entry.name.startswith((TMP_PREFIX, ".")):
                continue
            with contextlib.suppress(OSError):
                if stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode):
                    found.append(Path(entry.path))
    return found


def read_raw(path: Path) -> bytes:
    """A store file's bytes as they are on disk (not decrypted)."""
    fd, st = open_regular(path)
    try:
        if st.st_size > MAX_FILE_BYTES:
            raise DamagedFileError(path, "larger than 16 MiB; not read")
        parts = []
        while chunk := os.read(fd, 1 << 20):
            parts.append(chunk)
        return b"".join(parts)
    finally:
        os.close(fd)


def all_recipients(root: Path) -> list[str]:
    keys = agefile.recipients(root)
    own = agefile.public_key()
    if own is not None and own not in keys:
        keys.append(own)
    return keys


def needs_work(raw: bytes, wanted: int) -> bool:
    return not agefile.is_sealed(raw) or agefile.x25519_stanzas(raw) < wanted


def convert(store: Store, progress: Callable[[int, int], None] | None = None) -> Converted:
    """Encrypt every text file of ``store`` to its recipients, resumably (see the module)."""
    result = Converted()
    files = text_files(store)
    wanted = len(all_recipients(store.root))
    for start in range(0, len(files), BATCH):
        with store.lock():
            for path in files[start : start + BATCH]:
                try:
                    raw = read_raw(path)
                except DamagedFileError:
                    continue  # gone, or not a file any more; `coach doctor` reports damage
                if not needs_work(raw, wanted):
                    continue
                sealed = agefile.is_sealed(raw)
                if sealed:
                    try:
                        raw = agefile.unseal(path, raw)
                    except NoKeyError:
                        result.unreadable.append(path)
                        continue
                atomic_write_bytes(path, agefile.seal(store.root, raw))
                if sealed:
                    result.reencrypted += 1
                else:
                    result.encrypted += 1
        if progress is not None:
            progress(min(start + BATCH, len(files)), len(files))
    return result


def create_identity() -> tuple[Path, str]:
    """Write a new identity file for this device (0600, ``age-keygen`` format)."""
    from pyrage import x25519

    path = agefile.identity_path()
    new = x25519.Identity.generate()
    public = str(new.to_public())
    stamp = datetime.now(UTC).replace(microsecond=0).isoformat()
    text = f"# created: {stamp}\n# public key: {public}\n{new}\n"
    ensure_private_dir(path.parent)
    atomic_write_bytes(path, text.encode("ascii"))
    return path, public


def _write_recipients(root: Path, keys: list[str]) -> None:
    text = RECIPIENTS_HEADER + "".join(f"{key}\n" for key in keys)
    atomic_write_bytes(agefile.recipients_path(root), text.encode("ascii"))


def _drop_plain_index(store: Store) -> None:
    from contextlib import suppress

    base = paths.index_path(store.root)
    for suffix in ("", "-wal", "-shm"):
        with suppress(FileNotFoundError, IsADirectoryError, PermissionError):
            os.unlink(f"{base}{suffix}")


def init(store: Store, progress: Callable[[int, int], None] | None = None) -> InitResult:
    """``coach encrypt init`` (see the module). Running it again finishes a stopped run."""
    path = agefile.identity_path()
    created = False
    public = agefile.public_key()
    if public is None:
        path, public = create_identity()
        created = True
    keys = agefile.recipients(store.root)
    result = InitResult(path, public, created, started=not keys, needs_add=False)
    if keys and public not in keys:
        result.needs_add = True  # arrived encrypted: another device must add this key
        return result
    store.ensure()
    if not keys:
        with store.lock():
            _write_recipients(store.root, [public])
    _drop_plain_index(store)
    result.converted = convert(store, progress)
    return result


def add_device(
    store: Store, key: str, progress: Callable[[int, int], None] | None = None
) -> tuple[bool, Converted]:
    """``coach encrypt add-device KEY``: (whether the key was new, what was converted)."""
    agefile.parse_recipient(key)
    key = key.strip()
    keys = agefile.recipients(store.root)
    if not keys:
        raise UsageError(
            "this store is not encrypted", hint="`coach encrypt init` turns encryption on"
        )
    own = agefile.public_key()
    if own is None or own not in keys:
        raise UsageError(
            "this device cannot read the store, so it cannot add another",
            hint="run `coach encrypt add-device` on a device whose key is in "
            f"{agefile.recipients_path(store.root)}",
        )
    new = key not in keys
    if new:
        with store.lock():
            _write_recipients(store.root, [*agefile.recipients(store.root), key])
    return new, convert(store, progress)


def status(store: Store) -> dict:
    """``coach encrypt status --json``."""
    keys = agefile.recipients(store.root)
    ident = agefile.identity_path()
    public = agefile.public_key()
    wanted = len(all_recipients(store.root))
    counts = {"encrypted": 0, "plaintext": 0, "to_reencrypt": 0}
    for path in text_files(store):
        try:
            raw = read_raw(path)
        except DamagedFileError:
            continue
        if not agefile.is_sealed(raw):
            counts["plaintext"] += 1
        else:
            counts["encrypted"] += 1
            if agefile.x25519_stanzas(raw) < wanted:
                counts["to_reencrypt"] += 1
    return {
        "enabled": bool(keys),
        "identity": str(ident),
        "identity_exists": public is not None,
        "public_key": public,
        "this_device_is_recipient": public is not None and public in keys,
        "recipients": keys,
        "recipients_file": str(agefile.recipients_path(store.root)),
        "files": counts,
    }


def problems(store: Store) -> list[tuple[str, Path, str]]:
    """What ``coach doctor`` reports about encryption: (kind, path, note-free detail)."""
    try:
        keys = agefile.recipients(store.root)
    except DamagedFileError as exc:
        return [("encryption", Path(str(exc.path)), exc.detail)]
    found: list[tuple[str, Path, str]] = []
    try:
        public = agefile.public_key()
    except DamagedFileError as exc:
        return [("encryption", Path(str(exc.path)), exc.detail)]
    ident = agefile.identity_path()
    if keys and public is None:
        found.append(("encryption", ident, "no identity on this device: it cannot read the store"))
    elif keys and public not in keys:
        found.append(("encryption", ident, "this device's key is not one of the recipients"))
    wanted = len(all_recipients(store.root))
    try:
        files = text_files(store)
    except DamagedFileError:
        return found  # a folder that cannot be listed: the layout check reports it
    for path in files:
        try:
            raw = read_raw(path)
        except DamagedFileError:
            continue
        if not agefile.is_sealed(raw):
            if keys:
                found.append(("plaintext", path, "not encrypted (`coach encrypt init` finishes)"))
            continue
        if public is not None and keys and agefile.x25519_stanzas(raw) < wanted:
            found.append(
                ("encryption", path, "encrypted to fewer recipients than the store has now")
            )
        if path.parent.name in ("sessions", "drafts"):
            continue  # the session and draft checks read these and report them already
        try:
            agefile.unseal(path, raw)
        except NoKeyError as exc:
            found.append(("no-key", path, exc.detail))
    return found
