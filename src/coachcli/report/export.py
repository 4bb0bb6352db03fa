"""``coach report --json`` and ``--csv``: the same figures as the terminal view, for tools and
spreadsheets.

JSON is the ``build_report`` data as it is. CSV is one long table (``section, store, person,
month, metric, value``): one figure per line, so a spreadsheet imports it without guessing and a
pivot table rebuilds any view. The columns are documented in docs/report.md. Names and store
labels are the only text; they are stripped of terminal controls, and a cell that a spreadsheet
would run as a formula (``=``, ``+``, ``-``, ``@`` …) is prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from coachcli.core.sanitize import clean, json_text
from coachcli.index.counts import SKILLS

CSV_COLUMNS = ("section", "store", "person", "month", "metric", "value")
ALL = "(all)"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _clean_labels(report: dict) -> dict:
    """A copy whose people and store labels hold no terminal controls."""
    out = dict(report)
    out["stores"] = [{**s, "store": clean(s["store"])} for s in report["stores"]]
    out["people"] = [
        {**p, "store": clean(p["store"]), "person": clean(p["person"])} for p in report["people"]
    ]
    return out


def to_json(report: dict) -> str:
    return json_text(_clean_labels(report)) + "\n"


def _cell_text(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def _value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return 1 if value else 0
    return value


def csv_rows(report: dict) -> Iterator[tuple]:
    """The CSV lines (without the header) in a fixed order: report, summary, store, month,
    person, actions, skills, mentoring."""
    report = _clean_labels(report)
    for key in ("today", "since", "until", "program", "pseudonyms", "one_person", "neglect_days"):
        yield ("report", ALL, "", "", key, _value(report[key]))
    for key, value in report["summary"].items():
        yield ("summary", ALL, "", "", key, _value(value))
    for store in report["stores"]:
        label = _cell_text(store["store"])
        for key, value in store.items():
            if key != "store":
                yield ("store", label, "", "", key, _value(value))
    for month in report["months"]:
        for key, value in month.items():
            if key != "month":
                yield ("month", ALL, "", month["month"], key, _value(value))
    for person in report["people"]:
        store, name = _cell_text(person["store"]), _cell_text(person["person"])
        for key, value in person.items():
            if key not in ("store", "person"):
                yield ("person", store, name, "", key, _value(value))
    for key, value in report["actions"].items():
        yield ("actions", ALL, "", "", key, _value(value))
    skills = report["skills"]
    yield ("skills", ALL, "", "", "conversations", skills["conversations"])
    for name in SKILLS:
        yield ("skills", ALL, "", "", f"{name}_count", skills[name]["count"])
        yield ("skills", ALL, "", "", f"{name}_share", _value(skills[name]["share"]))
    for answer, figure in skills["agenda_took_over"].items():
        yield ("skills", ALL, "", "", f"agenda_took_over_{answer}_count", figure["count"])
        yield ("skills", ALL, "", "", f"agenda_took_over_{answer}_share", _value(figure["share"]))
    mentoring = report.get("mentoring")
    if mentoring:
        for key, value in mentoring.items():
            if key not in ("offers", "stores"):
                yield ("mentoring", ALL, "", "", key, _value(value))
        for kind, figure in mentoring["offers"].items():
            yield ("mentoring", ALL, "", "", f"offers_{kind}_made", figure["made"])
            yield ("mentoring", ALL, "", "", f"offers_{kind}_taken_up", figure["taken_up"])
        for store in mentoring["stores"] if report["program"] else ():
            label = _cell_text(clean(store["store"]))
            for key, value in store.items():
                if key != "store":
                    yield ("mentoring", label, "", "", key, _value(value))


def to_csv(report: dict) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(report))
    return buffer.getvalue()
