"""The report tests' builders (``factories.row``, ``action``, ``session_on``,
``write_session``) checked against the real index, so they cannot drift from it."""

from __future__ import annotations

from datetime import date

from factories import action, row, session_on, write_session


# -- the helpers agree with the real index ------------------------------------------------------
def test_session_dict_is_a_valid_session_and_indexes_like_row():
    from coachcli.core.model import Session
    from coachcli.index.cache import session_row

    data = session_on(
        "Sam",
        date(2026, 9, 5),
        closes=[("done", date(2026, 9, 12), date(2026, 9, 10)), ("open", None, None)],
    )
    session = Session.model_validate(data)
    got = session_row(session.model_dump(mode="json"))
    assert (got["facts"], got["feelings"], got["values"]) == (1, 1, 1)
    assert got["what_how_questions"] == 1
    assert got["restatement"] is True and got["assumptions"] == 1
    assert got["after_check"] == "partly"
    assert [a["status"] for a in got["actions"]] == ["done", "open"]
    assert got["actions"][0]["closed_at"].startswith("2026-09-10")
    assert got["actions"][1]["closed_at"] is None
    expected_keys = set(row()) - {"file", "mtime_ns", "size"}
    assert expected_keys <= set(got), sorted(expected_keys - set(got))
    assert set(action()) == set(got["actions"][0])


def test_write_session_saves_a_private_file(tmp_path):
    path = write_session(tmp_path / "store", session_on("Sam", date(2026, 9, 5)))
    assert path.exists()
    assert path.stat().st_mode & 0o777 == 0o600
