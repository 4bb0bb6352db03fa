"""Practice progress: scores kept apart from real conversations.

``<data dir>/practice/attempts/`` (folders 0700) holds one small JSON file (0600, written
atomically) per scored attempt: when, scenario id, skill, score, passed. One file each, never
rewritten, so two machines that practise between two ``coach sync`` runs add files and never
conflict. No attempt text and no person's name: practice is about the supervisor's skill, and
nothing here is read by ``people``, ``sessions``, ``followup`` or ``report --store``. A file that
cannot be read is counted and left as it is.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from coachcli.core.errors import DamagedFileError
from coachcli.practice.scenario import SKILLS
from coachcli.storage import paths

SCHEMA_VERSION = 1
MAX_RECORDS = 10_000  # the newest files read; older ones stay on disk
MAX_RECORD_BYTES = 4096
RECENT = 3  # attempts a skill's recent average looks at


@dataclass(frozen=True)
class Record:
    at: str
    scenario: str
    skill: str
    score: int
    passed: bool

    def to_dict(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "at": self.at,
            "scenario": self.scenario,
            "skill": self.skill,
            "score": self.score,
            "passed": self.passed,
        }


class Records(list[Record]):
    """The records, oldest first, and how many files could not be read."""

    def __init__(self) -> None:
        super().__init__()
        self.unreadable = 0


def practice_dir(root: Path | None = None) -> Path:
    return (root or paths.data_dir()) / "practice"


def attempts_dir(root: Path | None = None) -> Path:
    return practice_dir(root) / "attempts"


def _record(raw: object) -> Record | None:
    if not isinstance(raw, dict) or raw.get("schema_version") != SCHEMA_VERSION:
        return None
    at, sid, skill, score = (raw.get(k) for k in ("at", "scenario", "skill", "score"))
    if not (isinstance(at, str) and isinstance(sid, str) and skill in SKILLS):
        return None
    if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= 100:
        return None
    return Record(at, sid, str(skill), score, raw.get("passed") is True)


def _read(path: Path) -> Record | None:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_RECORD_BYTES + 1)
        if len(data) > MAX_RECORD_BYTES:
            return None
        return _record(json.loads(data.decode("utf-8")))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None


def _when(record: Record) -> float:
    try:
        return datetime.fromisoformat(record.at).timestamp()
    except (ValueError, OverflowError):
        return 0.0


def load_records(root: Path | None = None) -> Records:
    """Every readable record, oldest first; none when there is no practice yet."""
    folder = attempts_dir(root)
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".json"))
    except FileNotFoundError:
        return Records()
    except OSError as exc:
        raise DamagedFileError(
            folder, f"cannot read: {exc.strerror or exc}", hint="it is left as it is"
        ) from None
    out = Records()
    found: list[tuple[float, str, Record]] = []
    for name in names[-MAX_RECORDS:]:
        record = _read(folder / name)
        if record is None:
            out.unreadable += 1
        else:
            found.append((_when(record), name, record))
    found.sort(key=lambda entry: entry[:2])  # by time; within a second, by the file name
    out.extend(record for _, _, record in found)
    return out


def save_record(record: Record, root: Path | None = None) -> Path:
    """Keep ``record`` in a file of its own and return its path."""
    from coachcli.storage.fsio import atomic_write_bytes, ensure_private_dir

    folder = attempts_dir(root)
    ensure_private_dir(folder)
    stamp = record.at[:19].replace("-", "").replace(":", "")
    fraction = time.time_ns() % 1_000_000_000  # orders attempts within one second
    path = folder / f"{stamp}.{fraction:09d}-{record.skill}-{os.urandom(3).hex()}.json"
    atomic_write_bytes(path, (json.dumps(record.to_dict(), indent=1) + "\n").encode("utf-8"))
    return path


def record_for(result_dict: dict, now: datetime) -> Record:
    return Record(
        now.isoformat(timespec="seconds"),
        result_dict["scenario"],
        result_dict["skill"],
        int(result_dict["score"]),
        bool(result_dict["passed"]),
    )


def _day(record: Record) -> date | None:
    try:
        return datetime.fromisoformat(record.at).date()
    except ValueError:
        return None


def in_period(records: list[Record], since: date | None, until: date | None) -> list[Record]:
    out = []
    for r in records:
        day = _day(r)
        if day is None or (since and day < since) or (until and day > until):
            continue
        out.append(r)
    return out


def by_skill(records: list[Record]) -> dict[str, dict]:
    """Per skill: attempts, passed, last, best, recent average and the scores in order."""
    out: dict[str, dict] = {}
    for skill in SKILLS:
        mine = [r for r in records if r.skill == skill]
        scores = [r.score for r in mine]
        recent = scores[-RECENT:]
        out[skill] = {
            "attempts": len(mine),
            "passed": sum(r.passed for r in mine),
            "last": scores[-1] if scores else None,
            "best": max(scores) if scores else None,
            "recent_average": round(sum(recent) / len(recent)) if recent else None,
            "scores": [{"at": r.at, "scenario": r.scenario, "score": r.score} for r in mine],
        }
    return out


def next_skill(records: list[Record]) -> str:
    """A skill never practised (in the order of a conversation), else the weakest lately."""
    stats = by_skill(records)
    for skill in SKILLS:
        if not stats[skill]["attempts"]:
            return skill
    return min(SKILLS, key=lambda s: (stats[s]["recent_average"], SKILLS.index(s)))


def next_scenario(records: list[Record], skill: str, scenario_ids: list[str]) -> str | None:
    """The first scenario not yet passed at ``skill``, else the one with the lowest best score."""
    if not scenario_ids:
        return None
    best: dict[str, int] = {}
    passed = set()
    for r in records:
        if r.skill == skill:
            best[r.scenario] = max(best.get(r.scenario, 0), r.score)
            if r.passed:
                passed.add(r.scenario)
    untried = [s for s in scenario_ids if s not in best]
    if untried:
        return untried[0]
    failing = [s for s in scenario_ids if s not in passed]
    pool = failing or scenario_ids
    return min(pool, key=lambda s: (best.get(s, 0), scenario_ids.index(s)))


def summary(records: list[Record]) -> dict | None:
    """The practice section of ``coach report``: None when there is no practice."""
    if not records:
        return None
    stats = by_skill(records)
    return {
        "attempts": len(records),
        "passed": sum(r.passed for r in records),
        "skills": {s: {k: v for k, v in stats[s].items() if k != "scores"} for s in SKILLS},
        "next_skill": next_skill(records),
    }
