"""Encryption at rest, the file level: age (https://age-encryption.org/v1) through ``pyrage``.

A store is encrypted when its data folder holds a recipients file (``.coach-recipients``: one
``age1…`` public key a line, ``#`` comments; the format ``age -R`` reads). It is synced with the
store, so every device encrypts to every device. This device's identity (its private key) is a
file in the platform config folder (``$XDG_CONFIG_HOME/coachcli/age-identity.txt``, 0600), in
the format ``age-keygen`` writes, so ``age -d -i FILE`` decrypts any file without coach.

Two hooks make it transparent, and both are here so that the write path (``fsio``) and the read
path (``readfile``) each call one function:

* ``seal_for_path``: a file written into ``sessions/``, ``goals/``, ``drafts/`` or ``backups/``
  of an encrypted store is encrypted before the atomic write starts, so no temp file ever holds
  plaintext. File names stay the same (``.json``): listings, globbing and the index do not
  change, and a store can be half encrypted while it is being converted.
* ``unseal``: bytes that begin with the age header (``age-encryption.org/v1``) are decrypted;
  anything else is returned as it is. A file this device cannot decrypt is a ``NoKeyError``
  (exit 11) naming the file and what to do.

The binary age format is used (not armored): it is what ``age`` writes by default, a third
smaller, and detected by the same header line. ``pyrage`` is imported only when a file is
actually encrypted or decrypted (about 1.5 ms). No cryptography is done here beyond calling it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from coachcli.core.errors import DamagedFileError, NoKeyError, UsageError

MAGIC = b"age-encryption.org/v1\n"
RECIPIENTS_NAME = ".coach-recipients"
IDENTITY_NAME = "age-identity.txt"
SEALED_DIRS = frozenset({"sessions", "goals", "drafts", "backups"})
NO_KEY_DETAIL = "encrypted with age, and this device cannot decrypt it"
NO_KEY_HINT = (
    "run `coach encrypt init` on this device, then `coach encrypt add-device KEY` with the key "
    "it prints on a device that can read the store, and `coach sync` on both"
)
_MAX_SMALL = 64 * 1024
_cache: dict[str, tuple[tuple[int, int, int], Any]] = {}


def is_sealed(raw: bytes | bytearray | memoryview) -> bool:
    return bytes(raw[: len(MAGIC)]) == MAGIC


def identity_path() -> Path:
    """This device's age identity file (it need not exist)."""
    from coachcli.storage.config import config_dir

    return config_dir() / IDENTITY_NAME


def recipients_path(root: Path) -> Path:
    return Path(root) / RECIPIENTS_NAME


def _read_small(path: Path) -> bytes | None:
    """A small regular file's bytes (not following a link), or None when there is none."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise DamagedFileError(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise DamagedFileError(path, "not a regular file")
        data = os.read(fd, _MAX_SMALL + 1)
    finally:
        os.close(fd)
    if len(data) > _MAX_SMALL:
        raise DamagedFileError(path, f"larger than {_MAX_SMALL // 1024} KiB")
    return data


def parse_recipients(text: str) -> list[str]:
    """The ``age1…`` keys of a recipients file, in order, once each."""
    keys: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#") and line not in keys:
            keys.append(line)
    return keys


def recipients(root: Path) -> list[str]:
    """The store's recipients (public keys); empty when the store is not encrypted."""
    raw = _read_small(recipients_path(root))
    if raw is None:
        return []
    try:
        return parse_recipients(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DamagedFileError(recipients_path(root), "not UTF-8") from None


def enabled(root: Path) -> bool:
    """Is the store at ``root`` encrypted (does it name recipients)?"""
    try:
        return bool(recipients(root))
    except DamagedFileError:
        return True  # a recipients file is there: never fall back to plaintext


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def identity() -> Any | None:
    """This device's ``pyrage.x25519.Identity``, or None when it has none."""
    path = identity_path()
    stamp = _stamp(path)
    if stamp is None:
        return None
    key = str(path)
    cached = _cache.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    raw = _read_small(path)
    if raw is None:
        return None
    from pyrage import x25519

    secret = [
        line.strip()
        for line in raw.decode("utf-8", "replace").splitlines()
        if line.strip().startswith("AGE-SECRET-KEY-")
    ]
    try:
        found = x25519.Identity.from_str(secret[0])
    except (IndexError, Exception):
        raise DamagedFileError(
            path, "not an age identity (no valid AGE-SECRET-KEY-1… line)"
        ) from None
    _cache[key] = (stamp, found)
    return found


def public_key() -> str | None:
    """This device's public key (``age1…``), or None without an identity."""
    found = identity()
    return None if found is None else str(found.to_public())


def parse_recipient(text: str) -> Any:
    """A ``pyrage.x25519.Recipient`` from ``age1…`` text, or a ``UsageError``."""
    from pyrage import x25519

    shown = "".join(ch for ch in text[:80] if ch.isprintable())
    try:
        return x25519.Recipient.from_str(text.strip())
    except Exception:
        raise UsageError(
            f"not an age public key: {shown!r}",
            hint="a key looks like age1… (what `coach encrypt init` prints on the other device)",
        ) from None


def seal(root: Path, data: bytes | bytearray | memoryview) -> bytes:
    """``data`` encrypted to the store's recipients and this device's own key (so a device
    that is not yet a recipient can still read what it writes)."""
    import pyrage

    keys = recipients(root)
    own = public_key()
    if own is not None and own not in keys:
        keys.append(own)
    if not keys:
        raise UsageError(f"{root}: the store is not encrypted (no recipients)")
    return pyrage.encrypt(bytes(data), [parse_recipient(k) for k in keys])


def seal_to(data: bytes, keys: list[str]) -> bytes:
    import pyrage

    return pyrage.encrypt(bytes(data), [parse_recipient(k) for k in keys])


def seal_for_path(path: Path, data: bytes | bytearray) -> bytes | bytearray:
    """The write hook (``fsio.atomic_write_bytes``): ``data`` encrypted when ``path`` is a
    store file that holds text and the store is encrypted; else ``data`` unchanged."""
    folder = path.parent
    if folder.name not in SEALED_DIRS or is_sealed(data):
        return data
    root = folder.parent
    if not os.path.lexists(recipients_path(root)):
        return data
    return seal(root, data)


def unseal(path: Path | str, raw: bytes) -> bytes:
    """The read hook: ``raw`` decrypted when it is an age file, else ``raw`` itself."""
    if not is_sealed(raw):
        return raw
    found = identity()
    if found is None:
        raise NoKeyError(
            path, f"{NO_KEY_DETAIL} (no identity at {identity_path()})", hint=NO_KEY_HINT
        )
    import pyrage

    try:
        return pyrage.decrypt(raw, [found])
    except pyrage.DecryptError:
        raise NoKeyError(
            path,
            f"{NO_KEY_DETAIL} (this device's key is not one of its recipients, or it is damaged)",
            hint=NO_KEY_HINT,
        ) from None


def x25519_stanzas(raw: bytes) -> int:
    """How many X25519 recipients an age file's header names (each stanza is anonymous, so
    the count is what can be known without decrypting)."""
    end = raw.find(b"\n---", 0, 64 * 1024)
    header = raw[: end if end >= 0 else 64 * 1024]
    return header.count(b"\n-> X25519 ")
