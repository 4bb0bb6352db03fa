"""core.parts: the plain session records the engine builds, pinned to the model.

The records, ``core.model`` and ``core.plain.FIELDS`` hold the same fields in the same order
with the same defaults; a session made of records writes exactly the bytes the model writes for
the same session, on many generated sessions (every optional part, non-ASCII and control
characters, times in every form).
"""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime

import pytest

from coachcli.core import model, parts
from coachcli.core.plain import FIELDS, LIST, REQUIRED
from coachcli.core.record import REQUIRED as RECORD_REQUIRED
from coachcli.core.record import _Factory
from coachcli.index.validate import plainly_valid
from test_plain_session import generated_session


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


@pytest.mark.parametrize("seed", range(4))
def test_a_session_of_records_writes_the_models_bytes(seed: int) -> None:
    rng = random.Random(seed)
    for n in range(150):
        raw = generated_session(rng, n)
        session = model.Session.model_validate(raw)
        made = parts.from_python(parts.Session, session.model_dump())
        assert made.to_json_bytes() == session.to_json_bytes()
        assert parts.data(made) == json.loads(session.to_json_bytes())
        assert plainly_valid(parts.data(made)) == plainly_valid(json.loads(session.to_json_bytes()))


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
