"""``coach report --json`` and ``--csv``: the same figures, importable and spreadsheet-safe."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from coachcli.report.build import StoreRows, build_report
from coachcli.report.export import CSV_COLUMNS, csv_rows, to_csv, to_json
from factories import action, row

TODAY = date(2026, 11, 24)


def sample_report(names=("Sam", "Alex")) -> dict:
    rows = [
        row(
            names[0], "2026-10-03", actions=[action("done", due="2026-10-10", closed="2026-10-09")]
        ),
        row(names[1], "2026-11-02", after="yes", actions=[action("open", due="2026-11-05")]),
    ]
    return build_report([StoreRows("store 1", rows), StoreRows("store 2", [], 1)], today=TODAY)


def parse_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_json_is_the_report_itself():
    report = sample_report()
    assert json.loads(to_json(report)) == report


def test_csv_has_one_header_and_six_columns_on_every_line():
    text = to_csv(sample_report())
    lines = list(csv.reader(io.StringIO(text)))
    assert tuple(lines[0]) == CSV_COLUMNS
    assert all(len(line) == len(CSV_COLUMNS) for line in lines), lines
    sections = {line[0] for line in lines[1:]}
    assert sections == {"report", "summary", "store", "month", "person", "actions", "skills"}


def test_csv_holds_the_same_figures_as_json():
    report = sample_report()
    got = {
        (r["section"], r["store"], r["person"], r["month"], r["metric"]): r["value"]
        for r in parse_csv(to_csv(report))
    }
    assert got[("summary", "(all)", "", "", "conversations")] == "2"
    assert got[("actions", "(all)", "", "", "completion_rate")] == "0.5"
    assert got[("actions", "(all)", "", "", "on_time")] == "1"
    assert got[("actions", "(all)", "", "", "overdue")] == "1"
    assert got[("actions", "(all)", "", "", "supervisor_owns_most")] == "0"
    assert got[("store", "store 2", "", "", "skipped_files")] == "1"
    assert got[("store", "store 2", "", "", "completion_rate")] == ""  # no steps: no rate
    assert got[("month", "(all)", "", "2026-10", "conversations")] == "1"
    assert got[("month", "(all)", "", "2026-11", "all_four_share")] == "1.0"
    assert got[("person", "store 1", "Sam", "", "days_since_last")] == "52"
    assert got[("person", "store 1", "Alex", "", "neglected")] == "0"
    assert got[("skills", "(all)", "", "", "agenda_took_over_yes_share")] == "0.5"
    assert got[("skills", "(all)", "", "", "all_four_count")] == "2"
    # Every number of the JSON summary and actions is in the CSV, unchanged.
    for section in ("summary", "actions"):
        for metric, value in report[section].items():
            expected = (
                "" if value is None else str(int(value) if isinstance(value, bool) else value)
            )
            assert got[(section, "(all)", "", "", metric)] == expected, metric


def test_csv_cells_cannot_run_as_spreadsheet_formulas():
    report = sample_report(names=('=HYPERLINK("http://x")', "@SUM(A1)"))
    people = {r["person"] for r in parse_csv(to_csv(report)) if r["section"] == "person"}
    assert people == {'\'=HYPERLINK("http://x")', "'@SUM(A1)"}


def test_exports_strip_terminal_controls_from_names():
    report = sample_report(names=("Sam\x1b[2J", "Al\u202eex"))
    assert "\x1b" not in to_csv(report) and "\u202e" not in to_csv(report)
    people = {p["person"] for p in json.loads(to_json(report))["people"]}
    assert people == {"Sam", "Alex"}


def test_csv_rows_come_in_a_fixed_order():
    order = []
    for line in csv_rows(sample_report()):
        if line[0] not in order:
            order.append(line[0])
    assert order == ["report", "summary", "store", "month", "person", "actions", "skills"]
