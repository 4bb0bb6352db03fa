"""Whole-process timings of coach commands against the bare interpreter.

Run: .venv/bin/python benchmarks/bench.py [--sessions 1000 10000] [--runs N]

Builds synthetic stores (cached under benchmarks/.stores/, git-ignored), then times each command
as a separate process and prints the median, the ratio to ``python -c pass`` measured in the same
run, the target ratio, PASS/MISS and the child's peak memory (max RSS from ``os.wait4``).
Only the standard library is used, so the script runs with any interpreter that can run coach.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
STORES = HERE / ".stores"
STORE_FORMAT = 2  # bump when the synthetic sessions change, so cached stores are rebuilt
PEOPLE = ["Sam", "Alex", "Jordan", "Priya", "Chen", "Maria", "Tomás", "Aisha", "Lena", "Kofi"]
ACTIONS = [
    "Draft the onboarding checklist and share it with the team",
    "Ask two customers what they find hardest about the new release",
    "Block an hour on Friday to review the incident notes",
    "Write down three options for the reorganisation and their risks",
    "Pair with a colleague on the deployment script",
]
ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
MEM_TARGET_MB = 80.0
QUESTION = "What matters most to you?"


def _id(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(ID_ALPHABET) for _ in range(length))


def synthetic_session(rng: random.Random, when: datetime, today: date) -> dict:
    """A valid schema_version 1 session with 1–3 action items.

    Like a real history: items of the last two months are half open (some overdue), older ones
    were mostly closed long ago (3% were forgotten and are still open).
    """
    at = when.isoformat()
    recent = (today - when.date()).days <= 60
    actions = []
    for _ in range(rng.randint(1, 3)):
        due = (when.date() + timedelta(days=rng.randint(3, 30))).isoformat()
        if recent:
            status = rng.choice(["open", "open", "open", "done", "partly", "dropped"])
        else:
            status = "open" if rng.random() < 0.03 else rng.choice(["done", "partly", "dropped"])
        history = [{"at": at, "status": "open", "due": due, "note": "", "event": "created"}]
        if status != "open":
            history.append({"at": at, "status": status, "due": due, "note": "", "event": status})
        actions.append(
            {
                "id": _id(rng, 8),
                "text": rng.choice(ACTIONS),
                "owner": rng.choice(["person", "person", "supervisor"]),
                "due": due,
                "confidence": rng.randint(5, 10),
                "status": status,
                "created_at": at,
                "learned": "",
                "history": history,
            }
        )
    return {
        "schema_version": 1,
        "id": f"{when:%Y%m%d}-{_id(rng, 6)}",
        "person": rng.choice(PEOPLE),
        "bank": "coaching",
        "started_at": at,
        "finished_at": (when + timedelta(minutes=40)).isoformat(),
        "agenda": {"want": "A clear plan", "advice": "Just do it my way"},
        "listening": {
            "facts": ["The release slipped twice"],
            "feelings": ["frustrated"],
            "values": ["craft"],
        },
        "questions": [
            {
                "text": "What matters most to you here?",
                "answer": "Getting it right",
                "source": "bank",
                "question_id": "what-matters",
                "check_issues": [],
            }
        ],
        "restatement": "You want to ship something you are proud of.",
        "assumptions": [],
        "actions": actions,
        "after_check": {"agenda_took_over": "no", "note": ""},
        "supervisor_notes": "",
        "reviewed_items": [],
    }


def build_store(count: int, stores: Path = STORES) -> Path:
    """A COACH_HOME with ``count`` sessions (cached between runs)."""
    home = stores / f"s{count}-v{STORE_FORMAT}"
    sessions = home / "sessions"
    if sessions.is_dir() and len(os.listdir(sessions)) == count:
        return home
    shutil.rmtree(home, ignore_errors=True)
    sessions.mkdir(parents=True, mode=0o700)
    rng = random.Random(count)
    today = date.today()
    # Two sessions a day (ten people, weekly one-on-ones), the last one yesterday.
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=12 * count + 24)
    for n in range(count):
        when = start + timedelta(hours=12 * n)
        session = synthetic_session(rng, when, today)
        path = sessions / f"{session['id']}.json"
        path.write_text(json.dumps(session, indent=2), encoding="utf-8")
        os.chmod(path, 0o600)
    return home


@dataclass
class Result:
    name: str
    ms: float
    rss_mb: float
    target: float | None
    note: str = ""


def _coach() -> list[str]:
    return [sys.executable, "-m", "coachcli"]


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall ms, peak RSS MB, exit status) of one child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - started) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode not in (0, 6):
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise RuntimeError(f"{' '.join(argv[2:])} exited {proc.returncode}: {tail[0]}")
    return elapsed, usage.ru_maxrss / 1024, proc.returncode


@dataclass
class Case:
    name: str
    argv: list[str]
    env: dict[str, str]
    target: float | None
    times: list[float] = field(default_factory=list)
    peak: float = 0.0
    note: str = ""

    def run(self) -> None:
        if self.note:
            return  # it failed once: not worth timing
        try:
            ms, rss, _ = run_once(self.argv, self.env)
        except RuntimeError as exc:  # report it and go on with the other commands
            self.note = f"failed: {exc}"
            return
        self.times.append(ms)
        self.peak = max(self.peak, rss)

    def result(self) -> Result:
        median = statistics.median(self.times) if self.times else 0.0
        return Result(self.name, median, self.peak, self.target, self.note)


def timed_round_robin(cases: list[Case], runs: int) -> list[Result]:
    """Run every case once per round, ``runs`` rounds: a busy moment on the machine then slows
    the bare interpreter as much as the commands compared with it. One untimed warm-up round
    first (bytecode written, files in the page cache)."""
    for case in cases:
        case.run()
        case.times.clear()
        case.peak = 0.0
    for _ in range(runs):
        for case in cases:
            case.run()
    return [case.result() for case in cases]


def first_prompt_ms(env: dict, pattern: str, timeout: float = 20.0) -> tuple[float, str]:
    """Time until ``coach start`` shows its first prompt in a pseudo-terminal (then kill it)."""
    import pty

    master, slave = pty.openpty()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*_coach(), "start"],
        env={**env, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"},
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
    )
    os.close(slave)
    seen = b""
    found = re.compile(pattern.encode())
    note = ""
    try:
        while True:
            left = timeout - (time.perf_counter() - started)
            if left <= 0:
                note = "no prompt seen"
                break
            ready, _, _ = select.select([master], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(master, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                note = "exited before a prompt"
                break
            seen += chunk
            if found.search(re.sub(rb"\x1b\[[0-?]*[ -/]*[@-~]", b"", seen)):
                break
        elapsed = (time.perf_counter() - started) * 1000
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)
    return elapsed, note


def run_bench(
    sizes: list[int], runs: int, prompt_pattern: str, stores: Path = STORES
) -> list[Result]:
    skip = ("COACH_HOME", "COACH_DEBUG", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env["NO_COLOR"] = "1"
    # Time what an installed coach costs: with compiled bytecode, kept out of the source tree.
    env["PYTHONPYCACHEPREFIX"] = str(stores / "pycache")
    coach = _coach()
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as empty:
        plain = {**env, "COACH_HOME": empty}
        cases = [
            Case("python -c pass", [sys.executable, "-c", "pass"], plain, None),
            Case("coach --version", [*coach, "--version"], plain, 6),
            Case("coach --help", [*coach, "--help"], plain, 6),
            Case(
                "coach check-question", [*coach, "check-question", "What matters most?"], plain, 8
            ),
            Case(
                "coach check-step", [*coach, "check-step", "Email the client by Friday"], plain, 8
            ),
        ]
        timed_round_robin(cases[1:2], 1)  # compile coach's bytecode before the cold runs
        cold_results = []
        for size in sizes:
            home = build_store(size, stores)
            store_env = {**env, "COACH_HOME": str(home)}
            listing = [*coach, "followup", "--no-review"]
            # Cold: no index yet, every session file is read and validated once.
            for cache in ("index.json", "index-report.json"):
                (home / cache).unlink(missing_ok=True)
            cold = Case(f"followup --no-review, {size} (cold index)", listing, store_env, None)
            cold.run()  # this also warms the index for the timed runs
            cold_results.append(cold.result())
            cases.append(Case(f"followup --no-review, {size}", listing, store_env, 12))
            as_json = [*coach, "followup", "--json"]
            cases.append(Case(f"followup --json, {size}", as_json, store_env, 12))
            # The report's budget is followup's plus drawing its charts: printed as a delta.
            cases.append(
                Case(f"report --json, {size}", [*coach, "report", "--json"], store_env, None)
            )
            cases.append(Case(f"report, {size}", [*coach, "report"], store_env, None))
        results = timed_round_robin(cases, runs)
    results += cold_results
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as fresh:
        times, notes = [], set()
        for _ in range(runs):
            ms, note = first_prompt_ms({**env, "COACH_HOME": fresh}, prompt_pattern)
            times.append(ms)
            if note:
                notes.add(note)
        median = statistics.median(times)
        note = "; ".join(sorted(notes))
        results.append(Result("coach start, first prompt (pty)", median, 0.0, 25, note))
    return results


def report(results: list[Result], sizes: list[int]) -> str:
    base = results[0].ms
    lines = [
        f"{'command':44} {'median ms':>10} {'ratio':>7} {'target':>7} {'result':>6} {'peak MB':>8}"
    ]
    for r in results:
        ratio = r.ms / base if base else 0.0
        target = f"{r.target:g}x" if r.target else "-"
        verdict = "FAIL" if r.note.startswith("failed") else "-"
        if r.target and verdict != "FAIL":
            verdict = "PASS" if ratio <= r.target and r.rss_mb <= MEM_TARGET_MB else "MISS"
        rss = f"{r.rss_mb:.1f}" if r.rss_mb else "-"
        line = f"{r.name:44} {r.ms:10.1f} {ratio:6.1f}x {target:>7} {verdict:>6} {rss:>8}"
        lines.append(line + (f"  ({r.note})" if r.note else ""))
    by_name = {r.name: r.ms for r in results}
    if len(sizes) >= 2:
        small, large = min(sizes), max(sizes)
        a = by_name.get(f"followup --no-review, {small}")
        b = by_name.get(f"followup --no-review, {large}")
        if a and b:
            growth = b / a
            verdict = "PASS" if growth <= 1.5 else "MISS"
            lines.append(
                f"followup growth {small} -> {large} sessions: {growth:.2f}x "
                f"(target 1.5x) {verdict}"
            )
    for size in sizes:
        listing = by_name.get(f"followup --no-review, {size}")
        for name in (f"report --json, {size}", f"report, {size}"):
            if listing and by_name.get(name):
                lines.append(f"{name}: +{by_name[name] - listing:.0f} ms over followup")
    lines.append(f"peak memory target: {MEM_TARGET_MB:g} MB for followup")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--prompt-pattern",
        default=r"\?\s*\S",
        help="regex that marks the first prompt of `coach start` (questionary shows '? ')",
    )
    parser.add_argument(
        "--stores", type=Path, default=STORES, help="where synthetic stores are cached"
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or any(n < 1 for n in args.sessions):
        parser.error("--runs and --sessions must be positive")
    sizes = sorted(set(args.sessions))
    results = run_bench(sizes, args.runs, args.prompt_pattern, args.stores)
    print(f"python {sys.version.split()[0]}, {args.runs} run(s) each, median")
    print(report(results, sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
