"""core.record: plain records built like dataclasses, without generated code."""

from __future__ import annotations

from typing import ClassVar

import pytest

from coachcli.core.record import Record, field


class Part(Record):
    text: str
    note: str = ""
    tags: list[str] = field(default_factory=list)


class Whole(Record):
    limit: ClassVar[int] = 3
    part: Part = field(default_factory=lambda: Part(text="x"))
    scale: int | None = None


class Wider(Part):
    extra: int = 0


def test_defaults_are_filled_and_factories_made_anew() -> None:
    one, two = Part(text="a"), Part(text="b")
    assert (one.note, one.tags) == ("", [])
    one.tags.append("t")
    assert two.tags == []
    assert Whole().part == Part(text="x")
    assert Whole().part is not Whole().part


def test_a_required_field_and_an_unknown_one_are_refused() -> None:
    with pytest.raises(TypeError, match="text is required"):
        Part()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unknown field"):
        Part(text="a", colour="red")  # type: ignore[call-arg]


def test_equality_is_by_value_and_type() -> None:
    assert Part(text="a", tags=["t"]) == Part(text="a", tags=["t"])
    assert Part(text="a") != Part(text="b")
    assert Part(text="a") != Wider(text="a")
    assert Part(text="a") != {"text": "a"}
    with pytest.raises(TypeError):
        hash(Part(text="a"))


def test_fields_in_order_a_subclass_adds_to_its_base_and_class_vars_are_not_fields() -> None:
    assert [name for name, _ in Wider.__fields__] == ["text", "note", "tags", "extra"]
    assert [name for name, _ in Whole.__fields__] == ["part", "scale"]
    assert Whole.limit == 3
    wider = Wider(text="a", extra=2)
    assert (wider.text, wider.tags, wider.extra) == ("a", [], 2)


def test_repr_names_every_field() -> None:
    assert repr(Part(text="a")) == "Part(text='a', note='', tags=[])"
