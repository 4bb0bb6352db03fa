"""Practice progress: scores kept apart from real conversations.

``<data dir>/practice/attempts.json`` (folder 0700, file 0600, written atomically under the
store lock) holds one record per scored attempt: when, scenario id, skill, score, passed. No
attempt text and no person's name: practice is about the supervisor's skill, and nothing here
is read by ``people``, ``sessions``, ``followup`` or ``report --store``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from coachcli.core.errors import DamagedFileError
from coachcli.practice.scenario import SKILLS
from coachcli.storage import paths

SCHEMA_VERSION = 1
MAX_RECORDS = 5000
MAX_FILE_BYTES = 4 * 1024 * 1024
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
            "at": self.at,
            "scenario": self.scenario,
            "skill": self.skill,
            "score": self.score,
            "passed": self.passed,
        }


def practice_dir(root: Path | None = None) -> Path:
    return (root or paths.data_dir()) / "practice"


def attempts_path(root: Path | None = None) -> Path:
    return practice_dir(root) / "attempts.json"


def _damaged(path: Path, detail: str) -> DamagedFileError:
    return DamagedFileError(
        path, detail, hint="move it aside to start a new practice history; it is left as it is"
    )


def _record(raw: object) -> Record | None:
    if not isinstance(raw, dict):
        return None
    at, sid, skill, score = (raw.get(k) for k in ("at", "scenario", "skill", "score"))
    if not (isinstance(at, str) and isinstance(sid, str) and skill in SKILLS):
        return None
    if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= 100:
        return None
    return Record(at, sid, str(skill), score, raw.get("passed") is True)


def load_records(root: Path | None = None) -> list[Record]:
    """Every record, oldest first; none when there is no practice yet."""
    path = attempts_path(root)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise _damaged(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise _damaged(path, "larger than expected for a practice history")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _damaged(path, "not valid JSON") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("attempts"), list):
        raise _damaged(path, "not a practice history (no attempts list)")
    if doc.get("schema_version") != SCHEMA_VERSION:
        raise _damaged(path, "written by another version of coachcli")
    return [r for raw in doc["attempts"] if (r := _record(raw)) is not None]


def save_record(record: Record, root: Path | None = None) -> Path:
    """Append ``record`` (keeping the newest ``MAX_RECORDS``) and return the file's path."""
    from coachcli.storage.fsio import atomic_write_bytes, ensure_private_dir
    from coachcli.storage.store import Store

    base = root or paths.data_dir()
    with Store(base).lock():
        ensure_private_dir(practice_dir(base))
        records = [*load_records(base), record][-MAX_RECORDS:]
        doc = {"schema_version": SCHEMA_VERSION, "attempts": [r.to_dict() for r in records]}
        path = attempts_path(base)
        atomic_write_bytes(path, (json.dumps(doc, indent=1) + "\n").encode("utf-8"))
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
