"""core.parts: the plain session records the engine builds, pinned to the model.

The records, ``core.model`` and ``core.plain.FIELDS`` hold the same fields in the same order
with the same defaults and the same private fields. That a session made of records writes
exactly the model's bytes is checked with the generated sessions of tests/test_plain_session.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from coachcli.core import model, parts
from coachcli.core.plain import FIELDS, LIST, REQUIRED
from coachcli.core.record import REQUIRED as RECORD_REQUIRED
from coachcli.core.record import _Factory


def test_every_part_of_the_model_has_a_record_with_the_same_fields_and_defaults() -> None:
    assert set(FIELDS) == {name for name in FIELDS if hasattr(parts, name)}
    for name, table in FIELDS.items():
        record = getattr(parts, name)
        assert [key for key, _ in record.__fields__] == [key for key, _, _ in table], name
        assert list(getattr(model, name).model_fields) == [key for key, _ in record.__fields__]
        for (key, default), (_, how, plain_default) in zip(record.__fields__, table, strict=True):
            if plain_default is LIST:
                assert isinstance(default, _Factory) and default.make() == [], (name, key)
            elif type(plain_default) is dict:  # a part made with its defaults
                assert isinstance(default, _Factory), (name, key)
                assert default.make() == getattr(parts, how)(), (name, key)
            elif plain_default is REQUIRED and (name, key) != ("ActionItem", "id"):
                assert default is RECORD_REQUIRED, (name, key)
            elif (name, key) == ("ActionItem", "id"):  # the model makes one too
                assert isinstance(default, _Factory)
            else:
                assert default == plain_default, (name, key)


def test_a_new_item_and_its_history_line() -> None:
    at = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    item = parts.ActionItem(
        text="Call Ana",
        due=date(2026, 12, 8),
        created_at=at,
        history=[parts.created_entry(at, date(2026, 12, 8))],
    )
    other = parts.ActionItem(text="Call Ana", created_at=at)
    assert item.id != other.id and len(item.id) == 8
    as_model = model.ActionItem.model_validate(parts.data(item))
    assert as_model.history[0].event == "created" and as_model.due == date(2026, 12, 8)


def test_the_records_private_fields_are_the_models() -> None:
    from coachcli.core.privacy import is_private

    for name in FIELDS:
        record, cls = getattr(parts, name), getattr(model, name)
        for key in cls.model_fields:
            assert is_private(record, key) == is_private(cls, key), (name, key)
