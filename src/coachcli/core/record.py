"""Plain records: classes declared like dataclasses, made without generating code.

A conversation at a terminal or from an answers file builds its state, the session and the
parts of a bank out of these, so that a run needs no pydantic (whose import and model building
are most of a scripted run's start-up). The models in ``core.model`` stay the definition of a
session file; ``core.parts`` mirrors them with records, pinned to them by tests.

A record is declared with annotated fields and keyword-only construction::

    class CheckIn(Record):
        words: str = ""
        scale: int | None = None
        tags: list[str] = field(default_factory=list)

Type checkers see a dataclass (``typing.dataclass_transform``); at run time one shared
``__init__`` fills the fields from the class's ``__fields__``, so declaring a record costs a
few microseconds, not the few hundred a dataclass's generated methods take. A record checks
nothing about its values: the caller validates at the boundary (a file, a prompt).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, dataclass_transform

__all__ = ["REQUIRED", "Record", "field", "from_model"]


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()  # a field with no default


class _Factory:
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], Any]) -> Any:
    """A field whose default is made anew for every record (a list, a part)."""
    return _Factory(default_factory)


@dataclass_transform(kw_only_default=True, field_specifiers=(field,))
class Record:
    """Keyword-only fields, equality by value, a readable ``repr``; nothing validated."""

    __fields__: ClassVar[tuple[tuple[str, Any], ...]] = ()  # (name, default | _Factory | REQUIRED)
    __hash__ = None  # type: ignore[assignment]  # mutable: never a dict key

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = dict(cls.__fields__)  # a subclass adds to its base's fields
        own = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 (no import of inspect)
        for name, annotation in own.items():
            if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
                continue
            default = cls.__dict__.get(name, REQUIRED)
            if isinstance(default, _Factory):
                delattr(cls, name)  # the instance's own value is the only one
            fields[name] = default
        cls.__fields__ = tuple(fields.items())

    def __init__(self, **values: Any) -> None:
        own = self.__dict__
        for name, default in self.__fields__:
            if name in values:
                own[name] = values.pop(name)
            elif default is REQUIRED:
                raise TypeError(f"{type(self).__name__}: {name} is required")
            elif type(default) is _Factory:
                own[name] = default.make()
            else:
                own[name] = default
        if values:
            raise TypeError(f"{type(self).__name__}: unknown field(s) {', '.join(sorted(values))}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name, _ in self.__fields__)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name, _ in self.__fields__)
        return f"{type(self).__name__}({shown})"


def from_model(value: Any, classes: Mapping[str, type[Record]]) -> Any:
    """Records from what a pydantic model validated (a draft, a session, a bank, an answers
    file that only the model could read), part by part: a model whose class name is in
    ``classes`` becomes that record (records are named as the models they mirror); lists and
    mappings are copied; anything else is kept."""
    cls = classes.get(type(value).__name__)
    if cls is not None:
        return cls(
            **{name: from_model(getattr(value, name), classes) for name, _ in cls.__fields__}
        )
    if type(value) is list:
        return [from_model(entry, classes) for entry in value]
    if type(value) is dict:
        return {key: from_model(entry, classes) for key, entry in value.items()}
    return value
