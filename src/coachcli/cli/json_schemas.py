"""The JSON Schema of every ``--json`` output: the contract scripts can rely on.

``coach schema NAME`` prints one (``coach schema`` alone: the saved session file). Outputs that
existed before this contract keep their shape (a JSON array stays an array); each schema carries
its version in ``$id`` (``coachcli:people/1``), and objects made since also say
``"kind"``/``"version"`` themselves. A version changes only when a field is removed or changes
meaning; new fields may appear at any time (``additionalProperties`` is closed in the schemas so
the tests notice, not so scripts break). Tests validate every output against its schema.
Standard library only.
"""

from typing import Any

STR: dict[str, Any] = {"type": "string"}
INT: dict[str, Any] = {"type": "integer"}
COUNT: dict[str, Any] = {"type": "integer", "minimum": 0}
BOOL: dict[str, Any] = {"type": "boolean"}
DATE: dict[str, Any] = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _maybe(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(props: dict[str, Any], *, loose: bool = False) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": loose,
    }


def _array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


def _kind(kind: str, version: int = 1) -> dict[str, Any]:
    return {"kind": {"const": kind}, "version": {"const": version}}


ISSUE = _object({"kind": STR, "message": STR})
FINDING = _object({"kind": STR, "path": STR, "detail": STR, "severity": STR, "fixable": BOOL})

# name -> (what prints it, version, schema)
OUTPUTS: dict[str, tuple[str, int, dict[str, Any]]] = {
    "people": (
        "coach people --json",
        1,
        _array(
            _object(
                {
                    "person": STR,
                    "last_session": DATE,
                    "sessions": COUNT,
                    "open": COUNT,
                    "overdue": COUNT,
                }
            )
        ),
    ),
    "sessions": (
        "coach sessions --json",
        1,
        _array(
            _object(
                {
                    "id": STR,
                    "date": DATE,
                    "person": STR,
                    "bank": STR,
                    "kind": {"type": "string", "enum": ["coaching", "mentoring"]},
                    "open": COUNT,
                    "actions": COUNT,
                }
            )
        ),
    ),
    "followup": (
        "coach followup --json",
        1,
        _array(
            _object(
                {
                    "id": STR,
                    "session_id": STR,
                    "person": STR,
                    "action": STR,
                    "owner": {"enum": ["person", "supervisor"]},
                    "due": _maybe(DATE),
                    "status": {"enum": ["open", "done", "partly", "dropped"]},
                    "overdue": BOOL,
                    "days_overdue": COUNT,
                    "session_date": DATE,
                    "confidence": _maybe(INT),
                    "learned": STR,
                    "done_on": _maybe(DATE),
                }
            )
        ),
    ),
    "followup-check": (
        "coach followup --check --json",
        1,
        _object(
            {
                **_kind("followup-check"),
                "overdue": COUNT,
                "due_soon": COUNT,
                "soon_days": COUNT,
                "open": COUNT,
                "line": STR,
            }
        ),
    ),
    "check-question": (
        "coach check-question --json TEXT",
        1,
        _object({"text": STR, "ok": BOOL, "issues": _array(ISSUE), "suggestion": _maybe(STR)}),
    ),
    "check-step": (
        "coach check-step --json TEXT",
        1,
        _object(
            {
                "text": STR,
                "ok": BOOL,
                "kind": _maybe(STR),
                "message": _maybe(STR),
                "suggestion": _maybe(STR),
            }
        ),
    ),
    "prep": (
        "coach prep PERSON --json",
        1,
        _object(
            {
                "person": STR,
                "sessions": COUNT,
                "last_session": _maybe(DATE),
                "open_items": _array(
                    _object(
                        {
                            "id": STR,
                            "text": STR,
                            "owner": STR,
                            "due": _maybe(DATE),
                            "days_overdue": COUNT,
                            "session_id": STR,
                        },
                        loose=True,
                    )
                ),
                "last_time": {"type": "object"},
                "checkins": {"type": "array"},
                "goals": {"type": "array"},  # a mentee's open development goals
                "private": {"type": "object"},
            },
            loose=True,
        ),
    ),
    "doctor": (
        "coach doctor --json",
        1,
        _object(
            {
                "root": STR,
                "exists": BOOL,
                "sessions": COUNT,
                "drafts": COUNT,
                "backups": COUNT,
                "healthy": BOOL,
                "findings": _array(FINDING),
                "fixed": _array(FINDING),
            },
            loose=True,
        ),
    ),
    "bank-list": (
        "coach bank list --json",
        1,
        _object(
            {
                "banks": _array(
                    _object(
                        {
                            "name": STR,
                            "title": STR,
                            "kind": {"enum": ["coaching", "mentoring"]},
                            "source": STR,
                            "path": STR,
                            "questions": COUNT,
                        }
                    )
                ),
                "skipped": _array(_object({"path": STR, "reason": STR})),
            }
        ),
    ),
    "bank": (
        "coach bank show NAME --json",
        1,
        _object(
            {
                "name": STR,
                "title": STR,
                "kind": {"enum": ["coaching", "mentoring"]},
                "source": STR,
                "questions": _array(
                    _object(
                        {
                            "id": STR,
                            "text": STR,
                            "skill": STR,
                            "focus": _maybe(STR),
                            "framework": _maybe(STR),
                            "stage": _maybe(STR),
                            "tags": _array(STR),
                            "evergreen": BOOL,
                        }
                    )
                ),
            }
        ),
    ),
    "bank-lint": (
        "coach bank lint NAME --json",
        1,
        _object(
            {
                **_kind("bank-lint"),
                "bank": STR,
                "questions": COUNT,
                "ok": BOOL,
                "problems": _array(
                    _object(
                        {"question_id": STR, "issues": _array(ISSUE), "suggestion": _maybe(STR)}
                    )
                ),
            }
        ),
    ),
    "report": (
        "coach report --json",
        1,
        _object(
            {
                **_kind("coachcli-report"),
                "today": DATE,
                "since": _maybe(DATE),
                "until": _maybe(DATE),
                "program": BOOL,
                "pseudonyms": BOOL,
                "one_person": BOOL,
                "neglect_days": COUNT,
                "summary": {"type": "object"},
                "stores": _array({"type": "object"}),
                "people": _array({"type": "object"}),
                "months": _array({"type": "object"}),
                "actions": {"type": "object"},
                "skills": {"type": "object"},
            },
            loose=True,
        ),
    ),
    "path": (
        "coach path --json",
        1,
        _object(
            {
                **_kind("coach-paths"),
                "data": STR,
                "sessions": STR,
                "banks": STR,
                "index": STR,
                "lock": STR,
                "config": STR,
            }
        ),
    ),
    "guide": (
        "coach guide --json",
        1,
        _object(
            {
                **_kind("guide"),
                "rows": _array(_object({"aspect": STR, "coaching": STR, "mentoring": STR})),
                "tip": STR,
            }
        ),
    ),
    "forget-plan": (
        "coach forget PERSON --dry-run --json",
        1,
        _object(
            {
                **_kind("forget-plan"),
                "sessions": COUNT,
                "drafts": COUNT,
                "backups": COUNT,
                "summary": STR,
                "unattributed": _array(STR),
            }
        ),
    ),
    "sync-status": (
        "coach sync status --json",
        1,
        _object(
            {
                "synced": BOOL,
                "remote": _maybe(STR),
                "changed": COUNT,
                "ahead": COUNT,
                "behind": COUNT,
                "conflicts": COUNT,
            }
        ),
    ),
    "encrypt-status": (
        "coach encrypt status --json",
        1,
        _object(
            {
                "enabled": BOOL,
                "identity": STR,
                "identity_exists": BOOL,
                "public_key": _maybe(STR),
                "this_device_is_recipient": BOOL,
                "recipients": _array(STR),
                "recipients_file": STR,
                "files": _object({"encrypted": COUNT, "plaintext": COUNT, "to_reencrypt": COUNT}),
            }
        ),
    ),
    "config": (
        "coach config --json",
        1,
        _object(
            {
                **_kind("coach-config"),
                "path": STR,
                "exists": BOOL,
                "valid": BOOL,
                "problem": _maybe(STR),
                "settings": _object(
                    {"bank": STR, "color": {"enum": ["auto", "always", "never"]}, "pager": STR}
                ),
            }
        ),
    ),
}


def schema(name: str) -> dict[str, Any]:
    """The full JSON Schema document for output ``name``."""
    command, version, body = OUTPUTS[name]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"coachcli:{name}/{version}",
        "title": f"{command} (version {version})",
        **body,
    }
