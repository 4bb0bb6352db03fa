"""Property tests: whatever bytes or JSON a session file holds, the loader returns a Session or
raises a clean CoachError (one line, no note text), never any other exception."""

from __future__ import annotations

import json
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachcli.core.errors import CoachError
from coachcli.storage.sessionfile import parse_session, read_json_file
from factories import make_session

pytestmark = pytest.mark.slow  # hypothesis fuzzing, ~1 s

SENTINEL = "Zq7SENTINELxq"
SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.just(SENTINEL)
    | st.sampled_from(["2026-02-30", "2026-11-24T09:00:00Z", "open", "person", "", "yes"])
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@cache
def valid_bytes() -> bytes:
    return make_session(SENTINEL + "person", 1, tag=SENTINEL).to_json_bytes()


def load(path, raw: bytes):
    path.write_bytes(raw)
    try:
        return parse_session(path, read_json_file(path))
    except CoachError as exc:
        message = str(exc) + (exc.hint or "")
        assert "\n" not in str(exc)
        assert SENTINEL not in message, message
        return exc


@SETTINGS
@given(raw=st.binary(max_size=3000))
def test_arbitrary_bytes(tmp_path, raw):
    load(tmp_path / "20261124-s0001x.json", raw)


@SETTINGS
@given(value=json_values)
def test_arbitrary_json(tmp_path, value):
    load(tmp_path / "20261124-s0001x.json", json.dumps(value).encode())


def _paths(value, prefix=()):
    """Every location in a JSON value: tuples of keys and indexes."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*prefix, i))


@SETTINGS
@given(data=st.data())
def test_near_valid_session_with_one_field_mutated(tmp_path, data):
    session = json.loads(valid_bytes())
    where = data.draw(st.sampled_from(list(_paths(session))[1:]))
    parent = session
    for piece in where[:-1]:
        parent = parent[piece]
    last = where[-1]
    how = data.draw(st.sampled_from(["replace", "delete", "extra"]))
    if how == "replace":
        parent[last] = data.draw(json_values)
    elif how == "delete":
        del parent[last]
    elif isinstance(parent, dict):
        parent[data.draw(st.text(min_size=1, max_size=8))] = SENTINEL
    else:
        parent.append(data.draw(json_values))
    result = load(tmp_path / "20261124-s0001x.json", json.dumps(session).encode())
    assert isinstance(result, CoachError) or result.id == "20261124-s0001x"


@SETTINGS
@given(data=st.data())
def test_valid_file_with_bytes_damaged(tmp_path, data):
    raw = bytearray(valid_bytes())
    how = data.draw(st.sampled_from(["truncate", "flip", "insert", "delete"]))
    at = data.draw(st.integers(min_value=0, max_value=len(raw) - 1))
    if how == "truncate":
        raw = raw[:at]
    elif how == "flip":
        raw[at] ^= data.draw(st.integers(min_value=1, max_value=255))
    elif how == "insert":
        raw[at:at] = data.draw(st.binary(min_size=1, max_size=4))
    else:
        del raw[at : at + data.draw(st.integers(min_value=1, max_value=40))]
    load(tmp_path / "20261124-s0001x.json", bytes(raw))


def test_the_valid_file_itself_loads(tmp_path):
    session = load(tmp_path / "20261124-s0001x.json", valid_bytes())
    assert not isinstance(session, CoachError), session
