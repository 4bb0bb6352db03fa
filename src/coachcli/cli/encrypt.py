"""Commands: ``coach encrypt init``, ``coach encrypt add-device KEY``, ``coach encrypt status``.

Encryption at rest with age (``coach help encryption``). Wiring only: the work is in
``coachcli.storage.encryption``; typer and the standard library are imported here.
"""

from typing import Annotated

import typer

from coachcli.core.errors import ExitCode

ENCRYPT_HELP = """Encrypt the store at rest with age (X25519), readable with the standard age tool.

Sessions, goals, drafts and backups are encrypted to every device's public key; the index cache
is kept encrypted too. Each device has its own identity (a file in the config folder, 0600).

Example: coach encrypt init   (then, on another device: coach encrypt init, and here:
         coach encrypt add-device age1...)
"""


def _progress(what: str):
    import sys

    shown = [False]

    def report(done: int, total: int) -> None:
        if total >= 200 and sys.stderr.isatty():
            print(f"\rcoach: {what} {done:,}/{total:,}", end="", file=sys.stderr)
            shown[0] = True
        if shown[0] and done == total:
            print(file=sys.stderr)

    return report


def _say_converted(converted) -> None:
    if converted.encrypted:
        print(f"encrypted {converted.encrypted} file(s)")
    if converted.reencrypted:
        print(f"encrypted {converted.reencrypted} file(s) again to every device")
    for path in converted.unreadable:
        print(f"cannot decrypt (left as it is): {path}")


def init_fn() -> int:
    """Turn encryption on (or, on a store that arrived encrypted, make this device's key).

    Creates this device's age identity if it has none. On a plaintext store every file that
    holds text is encrypted, one file at a time; if stopped, run it again to finish. On a store
    already encrypted for other devices it prints this device's public key: add it from a
    device that can read the store with `coach encrypt add-device KEY`, then `coach sync` there
    and here.

    Example: coach encrypt init
    """
    from coachcli.storage.encryption import init
    from coachcli.storage.store import Store

    result = init(Store.default(), _progress("encrypting"))
    if result.created_identity:
        print(f"created this device's identity: {result.identity} (keep it; back it up)")
    else:
        print(f"this device's identity: {result.identity}")
    print(f"public key: {result.public_key}")
    if result.needs_add:
        print("this store is encrypted for other devices; on a device that can read it, run:")
        print(f"  coach encrypt add-device {result.public_key}")
        print("then `coach sync` there, and `coach sync` here")
        return 0
    if result.started:
        print("encryption is on: new and changed files are encrypted")
    _say_converted(result.converted)
    if not result.converted.unreadable:
        print(
            "every file is encrypted; old git history still holds plaintext: coach help encryption"
        )
    return int(ExitCode.NO_KEY) if result.converted.unreadable else 0


def add_device_fn(
    public_key: Annotated[str, typer.Argument(help="The other device's key (age1…).")],
) -> int:
    """Let another device read the store: add its public key and encrypt every file again.

    If stopped, run it again to finish. Then `coach sync`, and `coach sync` on the other device.

    Example: coach encrypt add-device age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq
    """
    from coachcli.storage.encryption import add_device
    from coachcli.storage.store import Store

    new, converted = add_device(Store.default(), public_key, _progress("encrypting again"))
    print("added the device" if new else "that device was already a recipient")
    _say_converted(converted)
    print("now run `coach sync` here, then on the other device")
    return int(ExitCode.NO_KEY) if converted.unreadable else 0


def status_fn(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (schema: coach schema encrypt-status).")
    ] = False,
) -> None:
    """Whether the store is encrypted, this device's identity, and every recipient.

    Example: coach encrypt status --json
    """
    import json

    from coachcli.storage.encryption import status
    from coachcli.storage.store import Store

    state = status(Store.default())
    if as_json:
        print(json.dumps(state))
        return
    print(f"encryption: {'on' if state['enabled'] else 'off'}")
    exists = "" if state["identity_exists"] else " (none yet: coach encrypt init)"
    print(f"identity: {state['identity']}{exists}")
    if state["public_key"]:
        mark = (
            ""
            if state["this_device_is_recipient"] or not state["enabled"]
            else " (not a recipient)"
        )
        print(f"public key: {state['public_key']}{mark}")
    for key in state["recipients"]:
        print(f"recipient: {key}")
    files = state["files"]
    print(
        f"files: {files['encrypted']} encrypted, {files['plaintext']} plaintext, "
        f"{files['to_reencrypt']} to encrypt again"
    )


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help=ENCRYPT_HELP,
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    group.command("init")(init_fn)
    group.command("add-device")(add_device_fn)
    group.command("status")(status_fn)
    app.add_typer(group, name="encrypt")
