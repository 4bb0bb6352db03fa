"""What of a session is private: the one rule, read from the model.

A field marked ``json_schema_extra=PRIVATE`` in ``core.model`` is the supervisor's alone: their own
agenda, the after-check, their notes, the question-check findings. ``is_private`` answers for one
field and ``shared_exclude`` builds the pydantic ``exclude`` that leaves every private field out,
at any depth. ``history.sections`` (what ``show`` and every export print) and the JSON export use
these, so a new private field is private everywhere once it is marked.
"""

from __future__ import annotations

import typing
from typing import Any

OWNER_ME = "me"  # how the supervisor is named as the owner of a next step


def owner_label(owner: str, person: str) -> str:
    """Who does a next step: "me" for the supervisor, else the person's name (spaces tidied)."""
    return OWNER_ME if owner == "supervisor" else " ".join(person.split())


def is_private(model: Any, field: str) -> bool:
    """Whether ``field`` of the pydantic model class (or instance) ``model`` is private; a
    plain record (``core.parts``) names its private fields in ``__private__``, pinned to the
    model's marks by tests/test_parts.py."""
    cls: Any = model if isinstance(model, type) else type(model)
    if not hasattr(cls, "model_fields"):  # a record
        return field in getattr(cls, "__private__", ())
    info = cls.model_fields[field]
    extra = info.json_schema_extra
    return isinstance(extra, dict) and extra.get("private") is True


def _model_in(annotation: Any) -> Any:
    """The pydantic model class held by ``annotation`` (``M``, ``list[M]``, ``M | None``)."""
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return annotation
    for arg in typing.get_args(annotation):
        if (inner := _model_in(arg)) is not None:
            return inner
    return None


def shared_exclude(model: type) -> dict[str, Any]:
    """The ``exclude`` for ``model_dump`` that drops every private field, nested ones too."""
    exclude: dict[str, Any] = {}
    fields: dict[str, Any] = getattr(model, "model_fields", {})
    for name, info in fields.items():
        if is_private(model, name):
            exclude[name] = True
            continue
        inner = _model_in(info.annotation)
        if inner is None:
            continue
        nested = shared_exclude(inner)
        if nested:
            origin = typing.get_origin(info.annotation)
            exclude[name] = {"__all__": nested} if origin is list else nested
    return exclude
