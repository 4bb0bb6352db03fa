"""Commands: report — conversations, next steps and skill use, for you or a whole program.

Only typer and the standard library are imported here; the index, the figures and rich are
loaded inside the command. Other supervisors' stores (``--store``) are untrusted and read-only
(``report.stores``): every session file is re-read and validated, no cache or link of theirs is
believed, and nothing (no index, no lock) is written into them.
"""

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from coachcli.cli import options

MAX_SKIP_LINES = 20  # per store; the total is in the report's "skipped files"


def _today() -> date:
    """Today in local time (tests replace this)."""
    from coachcli.core.clock import SystemClock

    return SystemClock().today()


def _say_skipped(label: str, errors: list) -> None:
    from coachcli.core.sanitize import one_line

    for exc in errors[:MAX_SKIP_LINES]:
        print(f"coach: {label}: session file skipped: {one_line(str(exc), 300)}", file=sys.stderr)
    if len(errors) > MAX_SKIP_LINES:
        more = len(errors) - MAX_SKIP_LINES
        print(f"coach: {label}: {more} more session files skipped", file=sys.stderr)


def _add_practice(data: dict, root: Path, since: date | None, until: date | None) -> None:
    """Your own practice drills in the period, as ``data["practice"]`` (only when there are any);
    kept out of program reports, as practice is not a conversation."""
    from coachcli.core.errors import DamagedFileError
    from coachcli.core.sanitize import one_line
    from coachcli.practice.progress import in_period, load_records, summary

    try:
        found = summary(in_period(load_records(root), since, until))
    except DamagedFileError as exc:
        print(f"coach: practice history skipped: {one_line(exc.message, 300)}", file=sys.stderr)
        return
    if found:
        data["practice"] = found


def report(
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="First day of the period, inclusive: 2026-09-01, 1 sep, last month, 6 weeks ago.",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", metavar="DATE", help="Last day of the period, inclusive (same forms)."
        ),
    ] = None,
    person: Annotated[str | None, options.person_option("Only conversations with NAME.")] = None,
    as_json: Annotated[bool, options.json_flag("Print the figures as JSON.")] = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="Print the figures as CSV (one table).")
    ] = False,
    stores: Annotated[
        list[Path] | None,
        typer.Option(
            "--store",
            metavar="DIR",
            help="A supervisor's store folder (holding sessions/); repeat for a program report. "
            "Read-only.",
        ),
    ] = None,
    names: Annotated[
        bool,
        typer.Option(
            "--names", help="Program report: show names and folder names, not pseudonyms."
        ),
    ] = False,
) -> int:
    """Figures on your coaching: conversations, next steps and skill use, with monthly trends.

    Counts and rates only, never a note. With --store (repeatable) it is a program report over
    several supervisors' stores, showing people as stable pseudonyms (keyed by the salt in your
    own store's report-salt file) and supervisors as "store 1", "store 2"… unless --names.

    Example: coach report --since 2026-09-01

    Example: coach report --store /sync/ana --store /sync/ben --csv > program.csv
    """
    from coachcli.core.errors import UsageError

    if as_json and as_csv:
        raise UsageError("choose one of --json and --csv")
    today = _today()
    since_day = options.parse_bound(since, "--since", today)
    until_day = options.parse_bound(until, "--until", today)
    if since_day and until_day and since_day > until_day:
        raise UsageError(f"--since {since_day} is after --until {until_day}")

    from coachcli.report.build import StoreRows, build_report, pseudonym
    from coachcli.report.program import report_salt, store_labels, whole_months
    from coachcli.storage.store import Store

    own = Store.default()
    months = whole_months(since_day, until_day)  # then the index's monthly sums suffice
    groups: list[StoreRows] = []
    if stores:
        seen: set[Path] = set()
        for folder in stores:
            if folder.resolve() in seen:
                raise UsageError(f"--store {folder}: given twice (it would be counted twice)")
            seen.add(folder.resolve())
        from coachcli.report.stores import read_store_rows
        from coachcli.ui.progress import progress

        for folder, label in zip(stores, store_labels(stores, names), strict=True):
            with progress(f"reading {label} ({len(groups) + 1} of {len(stores)})"):
                rows, errors = read_store_rows(folder, months=months)
            _say_skipped(label, errors)
            groups.append(StoreRows(label, skipped=len(errors), counted=rows))
    else:
        from coachcli.index.cache import load_report_rows

        rows, errors = load_report_rows(own, whole_months=months)
        _say_skipped("your store", errors)
        groups.append(StoreRows("own", skipped=len(errors), counted=rows))

    program = bool(stores)
    if person is not None and not program:  # a unique first name or prefix will do
        from coachcli.followup.view import take_person

        person = take_person(person, [c[0] for group in groups for c in group.conversations()])
    shown_as: Callable[[str], str] | None = None
    if program and not names:
        key = report_salt(own.root)
        shown_as = lambda name: pseudonym(name, key)  # noqa: E731 - a closure over the key
    data = build_report(
        groups,
        today=today,
        since=since_day,
        until=until_day,
        person=person,
        label=shown_as,
        program=program,
    )
    data["mentoring"] = _mentoring(own, stores, groups, today, since_day, until_day, person)
    if not program and person is None:
        _add_practice(data, own.root, since_day, until_day)
    if person is not None and not data["people"]:
        from coachcli.core.errors import NotFoundError

        raise NotFoundError(
            "no sessions with the person given to --person",
            hint=None if program else "`coach people` lists them",
        )
    if as_json or as_csv:
        from coachcli.report.export import to_csv, to_json

        sys.stdout.write(to_json(data) if as_json else to_csv(data))
        return 0
    from coachcli.report.view import render_report
    from coachcli.ui.console import get_console
    from coachcli.ui.pager import paged

    with paged():
        render_report(data, get_console())
    return 0


def _mentoring(own, stores, groups, today, since, until, person) -> dict:
    """The mentoring figures from each store's goals files (plain JSON, counts only)."""
    from coachcli.core.errors import CoachError
    from coachcli.report.mentoring import mentoring_figures
    from coachcli.storage.goals import goal_files
    from coachcli.storage.sessionfile import read_json_file
    from coachcli.storage.store import Store

    folders = [Store(folder) for folder in stores] if stores else [own]
    found = []
    for store, group in zip(folders, groups, strict=True):
        mentees = []
        for path in goal_files(store):
            try:
                mentees.append(read_json_file(path))
            except CoachError:
                mentees.append(None)  # counted as skipped
        found.append((group.label, mentees))
    figures = mentoring_figures(found, today=today, since=since, until=until, person=person)
    if figures["skipped_goal_files"]:
        count = figures["skipped_goal_files"]
        print(f"coach: {count} goals file(s) skipped (cannot be read)", file=sys.stderr)
    return figures


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("report")(report)
