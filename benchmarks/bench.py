"""Whole-process timings of coach commands, against the bare interpreter and Taskwarrior.

Run: .venv/bin/python benchmarks/bench.py [--sessions 1000 10000 100000] [--runs N] [--small]

Builds synthetic stores (cached under benchmarks/.stores/, git-ignored): "realistic" ones of each
size (a few hundred open items, however long the history) and a "stress" one of the largest size
(two open items per session), each with the same items as a Taskwarrior data folder. Times each
command as a separate process and prints the median, the ratio to ``python -c pass`` measured in
the same run, the child's peak memory (max RSS from ``os.wait4``), then every target of issue 11
as a ratio measured in that run, with PASS/MISS. ``--small`` is a quick mode for CI.
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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
STORES = HERE / ".stores"
STORE_FORMAT = 4  # bump when the synthetic sessions change, so cached stores are rebuilt
PEOPLE = ["Sam", "Alex", "Jordan", "Priya", "Chen", "Maria", "Tomás", "Aisha", "Lena", "Kofi"]
ACTIONS = [
    "Draft the onboarding checklist and share it with the team",
    "Ask two customers what they find hardest about the new release",
    "Block an hour on Friday to review the incident notes",
    "Write down three options for the reorganisation and their risks",
    "Pair with a colleague on the deployment script",
]
ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
QUESTION = "What matters most to you?"


def _id(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(ID_ALPHABET) for _ in range(length))


def synthetic_session(
    rng: random.Random, when: datetime, today: date, *, stress: bool = False, density: float = 1.0
) -> dict:
    """A valid schema_version 1 session with 1–3 action items.

    Like a real history: items of the last two months are half open (some overdue), those of
    the past year were mostly closed (3% were forgotten and are still open), older ones are all
    closed. ``density`` (sessions a day / 2) scales those shares down, so a busier store has
    about as many open items. ``stress``: exactly two items, both open.
    """
    at = when.isoformat()
    age = (today - when.date()).days
    actions = []
    for _ in range(2 if stress else rng.randint(1, 3)):
        due = (when.date() + timedelta(days=rng.randint(3, 30))).isoformat()
        recent = age <= 60 and rng.random() < 0.5 / density
        forgotten = age <= 365 and rng.random() < 0.03 / density
        if stress or recent or forgotten:
            status = "open"
        else:
            status = rng.choice(["done", "partly", "dropped"])
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


def _epoch(stamp: str) -> int:
    return int(datetime.fromisoformat(stamp).timestamp())


def _task_line(session: dict, action: dict, n: int) -> tuple[bool, str]:
    """One action item as a Taskwarrior 2.6 data line (pending or completed)."""
    pending = action["status"] == "open"
    fields = {
        "description": action["text"],
        "due": str(_epoch(action["due"] + "T00:00:00+00:00")),
        "entry": str(_epoch(action["created_at"])),
        "modified": str(_epoch(action["created_at"])),
        "project": session["person"],
        "status": "pending" if pending else "completed",
        "uuid": f"{n:08x}-0000-4000-8000-{n:012x}",
    }
    if not pending:
        fields["end"] = fields["modified"]
    body = " ".join(f'{key}:"{value}"' for key, value in sorted(fields.items()))
    return pending, f"[{body}]\n"


def build_store(count: int, stores: Path = STORES, *, stress: bool = False) -> Path:
    """A COACH_HOME with ``count`` sessions and, beside it (``<home>.task``), a Taskwarrior data
    folder holding the same items; cached between runs."""
    home = stores / f"{'x' if stress else 's'}{count}-v{STORE_FORMAT}"
    sessions = home / "sessions"
    tasks = Path(f"{home}.task")
    if (
        sessions.is_dir()
        and len(os.listdir(sessions)) == count
        and (tasks / "completed.data").exists()
    ):
        return home
    shutil.rmtree(home, ignore_errors=True)
    shutil.rmtree(tasks, ignore_errors=True)
    sessions.mkdir(parents=True, mode=0o700)
    tasks.mkdir(parents=True, mode=0o700)
    rng = random.Random(count)
    today = date.today()
    # Two sessions a day (ten people, weekly one-on-ones), the last one yesterday; a bigger
    # store is a busier programme: at most 40 years of history (Taskwarrior reads no date
    # before 1970).
    hours = min(12.0, 40 * 365 * 24 / count)
    density = 12.0 / hours
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=hours * count + 24)
    n = 0
    with open(tasks / "pending.data", "w") as pending, open(tasks / "completed.data", "w") as done:
        for i in range(count):
            when = start + timedelta(hours=hours * i)
            session = synthetic_session(rng, when, today, stress=stress, density=density)
            path = sessions / f"{session['id']}.json"
            path.write_text(json.dumps(session, indent=2), encoding="utf-8")
            os.chmod(path, 0o600)
            for action in session["actions"]:
                n += 1
                is_pending, line = _task_line(session, action, n)
                (pending if is_pending else done).write(line)
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


def run_once(
    argv: list[str], env: dict[str, str], ok: tuple[int, ...] = (0, 6)
) -> tuple[float, float, int, bytes]:
    """(wall ms, peak RSS MB, exit status, stderr) of one child process."""
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
    if proc.returncode not in ok:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise RuntimeError(f"{' '.join(argv[2:])} exited {proc.returncode}: {tail[0]}")
    return elapsed, usage.ru_maxrss / 1024, proc.returncode, err


@dataclass
class Case:
    name: str
    argv: list[str]
    env: dict[str, str]
    target: float | None
    times: list[float] = field(default_factory=list)
    peak: float = 0.0
    note: str = ""
    before: Callable[[], None] | None = None  # run (untimed) before each timed run

    def run(self) -> None:
        if self.note:
            return  # it failed once: not worth timing
        if self.before is not None:
            self.before()
        try:
            ms, rss, _, _ = run_once(self.argv, self.env)
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


def tty_ms(argv: list[str], env: dict, timeout: float = 120.0) -> float:
    """Wall time of a command whose output goes to a pseudo-terminal, read to the end."""
    import pty

    master, slave = pty.openpty()
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([master], [], [], 1.0)
            if not ready:
                continue
            try:
                if not os.read(master, 65536):
                    break
            except OSError:  # EIO: the child closed the terminal
                break
    finally:
        proc.wait()
        os.close(master)
    return (time.perf_counter() - started) * 1000


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


# The least any program must do to print the stress store's open items as compact JSON from the
# same index: start the interpreter, check each file is still there (stat), read and decode the
# rows, encode. `followup --json` is measured against this.
FLOOR = """
import json, os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
folder = sys.argv[2]
out = []
for name, text in db.execute(
    "SELECT f.name, b.open_row FROM files f JOIN bodies b ON b.name = f.name WHERE f.hot = 1"
):
    os.stat(os.path.join(folder, name))
    row = json.loads(text)
    for a in row["actions"]:
        out.append({"id": a["id"], "session_id": row["id"], "person": row["person"],
                    "action": a["text"], "due": a["due"], "status": a["status"]})
sys.stdout.write(json.dumps(out, ensure_ascii=False, separators=(",", ":")))
"""


def _task_env(env: dict[str, str], home: Path) -> dict[str, str]:
    data = Path(f"{home}.task")
    rc = data / "rc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\nhooks=off\n")
    return {**env, "TASKRC": str(rc)}


def _first(argv: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    return done.stdout


@dataclass
class Bench:
    results: list[Result] = field(default_factory=list)
    progress_shown: bool = False
    sizes: list[int] = field(default_factory=list)

    def ms(self, name: str) -> float | None:
        for r in self.results:
            if r.name == name and r.ms and not r.note.startswith("failed"):
                return r.ms
        return None

    def peak(self, name: str) -> float:
        return next((r.rss_mb for r in self.results if r.name == name), 0.0)


def _median_result(name: str, times: list[float], peak: float = 0.0, note: str = "") -> Result:
    return Result(name, statistics.median(times) if times else 0.0, peak, None, note)


def read_all(folder: Path) -> None:
    """Read every file in ``folder`` once, untimed, so a cold build measures coach's work on a
    cold *index*, not the disk: a virtual machine may hand its page cache back within minutes
    (this one's kdamond does), and 100,000 files read from disk cost seconds of their own."""
    for entry in os.scandir(folder):
        with open(entry.path, "rb") as fh:
            fh.read()


def run_bench(sizes: list[int], runs: int, prompt_pattern: str, stores: Path = STORES) -> Bench:
    skip = ("COACH_HOME", "COACH_DEBUG", "PYTHONDONTWRITEBYTECODE", "COACH_CACHE_DIR", "TASKRC")
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env["NO_COLOR"] = "1"
    # Terminal runs time coach's own output, not a pager waiting for a key.
    env["PAGER"] = "cat"
    # Time what an installed coach costs: with compiled bytecode, kept out of the source tree.
    env["PYTHONPYCACHEPREFIX"] = str(stores / "pycache")
    task = shutil.which("task")
    coach = _coach()
    bench = Bench(sizes=sizes)
    large = max(sizes)
    mid = sizes[-2] if len(sizes) > 1 else large
    homes = {size: build_store(size, stores) for size in sizes}
    stress = build_store(large, stores, stress=True)

    def coach_env(home: Path) -> dict[str, str]:  # each store its own cache folder
        return {**env, "COACH_HOME": str(home), "XDG_CACHE_HOME": str(stores / "cache" / home.name)}

    # The same realistic store encrypted at rest (coach encrypt init), with its own identity.
    enc_size = max((s for s in sizes if s <= ENCRYPTED_MAX), default=min(sizes))
    enc_home = encrypted_store(homes[enc_size], env)
    enc_env = {**coach_env(enc_home), "XDG_CONFIG_HOME": str(Path(f"{enc_home}.config"))}

    listing = [*coach, "followup", "--no-review"]
    # Cold: no index yet (first run on an existing or copied store): every file read once.
    cold_results = []
    for home in [*homes.values(), stress]:
        shutil.rmtree(stores / "cache" / home.name, ignore_errors=True)
        size = int(home.name[1:].split("-")[0])
        name = f"followup --no-review, {size} (cold index)"
        if home == stress:
            name = f"followup --no-review, {size} stress (cold index)"
        read_all(home / "sessions")
        try:
            ms, rss, _, err = run_once(listing, coach_env(home))
        except RuntimeError as exc:
            cold_results.append(Result(name, 0.0, 0.0, None, f"failed: {exc}"))
            continue
        if size == large and home != stress:
            bench.progress_shown = b"coach: indexing" in err
        cold_results.append(Result(name, ms, rss, None))
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as empty:
        plain = {**env, "COACH_HOME": empty, "XDG_CACHE_HOME": str(Path(empty) / "cache")}
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
        answers = HERE.parent / "examples" / "answers.yaml"
        fresh = Path(empty) / "start-home"

        def wipe() -> None:
            shutil.rmtree(fresh, ignore_errors=True)

        start_env = {**plain, "COACH_HOME": str(fresh)}
        cases.append(
            Case(
                "coach start --answers (empty store)",
                [*coach, "start", "--answers", str(answers)],
                start_env,
                None,
                before=wipe,
            )
        )
        for size, home in homes.items():
            cases.append(Case(f"followup --no-review, {size}", listing, coach_env(home), None))
            cases.append(
                Case(
                    f"followup --json, {size}",
                    [*coach, "followup", "--json"],
                    coach_env(home),
                    None,
                )
            )
            # <Tab> after `coach followup done `: the open item ids, from the index.
            tab = {
                **coach_env(home),
                "_COACH_COMPLETE": "complete_bash",
                "COMP_WORDS": "coach followup done ",
                "COMP_CWORD": "3",
            }
            cases.append(Case(f"<Tab> followup done, {size}", coach, tab, None))
            if task:
                cases.append(Case(f"task list, {size}", [task, "list"], _task_env(env, home), None))
            if size == enc_size:
                cases.append(
                    Case(f"followup --no-review, {size} encrypted", listing, enc_env, None)
                )
        big = coach_env(homes[large])
        cases += [
            Case(f"sessions --json, {large}", [*coach, "sessions", "--json"], big, None),
            Case(f"sessions (piped), {large}", [*coach, "sessions"], big, None),
            Case(f"people, {large}", [*coach, "people"], big, None),
            Case(f"report --json, {large}", [*coach, "report", "--json"], big, None),
            Case(
                f"followup --json, {large} stress",
                [*coach, "followup", "--json"],
                coach_env(stress),
                None,
            ),
        ]
        index_file = _first(
            [
                sys.executable,
                "-c",
                "from coachcli.storage.paths import index_path; print(index_path())",
            ],
            coach_env(stress),
        ).strip()
        cases.append(
            Case(
                f"floor: stress open items as JSON, {large}",
                [sys.executable, "-c", FLOOR, index_file, str(stress / "sessions")],
                env,
                None,
            )
        )
        if task:
            cases.append(
                Case(f"task export, {large}", [task, "export"], _task_env(env, homes[large]), None)
            )
        bench.results = timed_round_robin(cases, runs)
    bench.results += cold_results
    bench.results += _changes(coach, coach_env(homes[mid]), mid, runs, task, env, homes[mid])
    # Both at a terminal and in the same loop: the machine's drift between phases of the
    # benchmark is not read as a difference between the two commands.
    terminal, listing_there = [], []
    for _ in range(runs):
        terminal.append(tty_ms([*coach, "sessions"], big))
        listing_there.append(tty_ms(listing, big))
    bench.results.append(_median_result(f"sessions (terminal), {large}", terminal))
    bench.results.append(_median_result(f"followup --no-review (terminal), {large}", listing_there))
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as fresh_home:
        times, notes = [], set()
        for _ in range(runs):
            ms, note = first_prompt_ms({**env, "COACH_HOME": fresh_home}, prompt_pattern)
            times.append(ms)
            if note:
                notes.add(note)
        note = "; ".join(sorted(notes))
        median = statistics.median(times)
        bench.results.append(Result("coach start, first prompt (pty)", median, 0.0, 25, note))
    return bench


ENCRYPTED_MAX = 10000  # the largest store also measured encrypted (issue 18's figure)


def encrypted_store(home: Path, env: dict[str, str]) -> Path:
    """A copy of ``home`` encrypted with ``coach encrypt init`` (its identity in
    ``<copy>.config``); cached between runs like the stores themselves."""
    copy = Path(f"{home}-age")
    config = Path(f"{copy}.config")
    sessions = copy / "sessions"
    if not (sessions.is_dir() and len(os.listdir(sessions)) == len(os.listdir(home / "sessions"))):
        shutil.rmtree(copy, ignore_errors=True)
        shutil.rmtree(config, ignore_errors=True)
        shutil.copytree(home / "sessions", sessions)
    run_env = {**env, "COACH_HOME": str(copy), "XDG_CONFIG_HOME": str(config)}
    run_env["XDG_CACHE_HOME"] = str(copy.parent / "cache" / copy.name)
    subprocess.run([*_coach(), "encrypt", "init"], env=run_env, check=True, capture_output=True)
    return copy


def _changes(
    coach: list[str],
    store_env: dict[str, str],
    size: int,
    runs: int,
    task: str | None,
    env: dict[str, str],
    home: Path,
) -> list[Result]:
    """``followup done ID`` and the listing right after it; ``task UUID done`` on the same
    data. Each change is undone (untimed) before the next run."""
    first = _first([*coach, "followup", "--jsonl"], store_env).splitlines()[0]
    item = json.loads(first)["id"]
    done, after, warm = [], [], []
    peak = 0.0
    listing = [*coach, "followup", "--no-review"]
    for _ in range(runs):
        # The warm listing it is compared with, in the same loop: a drift of the machine's
        # speed between the two phases of the benchmark is not read as the change's cost.
        warm.append(run_once(listing, store_env)[0])
        ms, rss, _, _ = run_once([*coach, "followup", "done", item], store_env)
        done.append(ms)
        peak = max(peak, rss)
        after.append(run_once(listing, store_env)[0])
        run_once([*coach, "followup", "reopen", item], store_env)
    results = [
        _median_result(f"followup done ID, {size}", done, peak),
        _median_result(f"followup right after a change, {size}", after),
        _median_result(f"followup warm, beside the changes, {size}", warm),
    ]
    if task:
        task_env = _task_env(env, home)
        line = (Path(f"{home}.task") / "pending.data").read_text().splitlines()[0]
        uuid = re.search(r'uuid:"([^"]+)"', line)[1]  # type: ignore[index]
        times = []
        for _ in range(runs):
            times.append(run_once([task, uuid, "done"], task_env)[0])
            run_once([task, uuid, "modify", "status:pending"], task_env)
        results.append(_median_result(f"task N done, {size}", times))
    return results


MEM_LIMIT_MB = 100.0


def _verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("PASS" if ok else "MISS")


def targets(bench: Bench) -> list[str]:
    """Every target of issue 11 as a ratio measured in this run."""
    sizes = bench.sizes
    large = max(sizes)
    mid = sizes[-2] if len(sizes) > 1 else large
    ms = bench.ms
    lines = []

    def ratio(label: str, a: str, b: str, limit: float) -> None:
        x, y = ms(a), ms(b)
        if x is None or y is None:
            lines.append(f"{label:58} {'n/a':>8} {f'<= {limit:g}x':>9} {'-':>5}  ({a} / {b})")
            return
        value = x / y
        lines.append(
            f"{label:58} {value:7.2f}x {f'<= {limit:g}x':>9} {_verdict(value <= limit):>5}"
            f"  ({x:.0f} / {y:.0f} ms)"
        )

    base = "python -c pass"
    ratio(f"warm followup {large} realistic vs task list", f"followup --no-review, {large}",
          f"task list, {large}", 0.25)  # fmt: skip
    ratio(f"warm followup {large} vs its own {mid}", f"followup --no-review, {large}",
          f"followup --no-review, {mid}", 1.5)  # fmt: skip
    enc = max((s for s in sizes if s <= ENCRYPTED_MAX), default=min(sizes))
    ratio(f"warm followup {enc} encrypted vs plain", f"followup --no-review, {enc} encrypted",
          f"followup --no-review, {enc}", 1.5)  # fmt: skip
    ratio(f"sessions --json {large} vs task export", f"sessions --json, {large}",
          f"task export, {large}", 0.5)  # fmt: skip
    ratio(f"sessions at a terminal {large} vs followup there", f"sessions (terminal), {large}",
          f"followup --no-review (terminal), {large}", 2.0)  # fmt: skip
    ratio(f"followup done ID {mid} vs task N done", f"followup done ID, {mid}",
          f"task N done, {mid}", 1.5)  # fmt: skip
    ratio(f"followup right after a change {mid} vs warm (+10% noise)",
          f"followup right after a change, {mid}", f"followup warm, beside the changes, {mid}",
          1.1)  # fmt: skip
    ratio(f"stress followup --json {large} vs the floor", f"followup --json, {large} stress",
          f"floor: stress open items as JSON, {large}", 1.5)  # fmt: skip
    ratio("coach start --answers (empty store) vs python", "coach start --answers (empty store)",
          base, 15)  # fmt: skip
    ratio("coach --version vs python", "coach --version", base, 6)
    ratio("coach --help vs python", "coach --help", base, 6)
    ratio("coach check-question vs python", "coach check-question", base, 8)
    ratio("coach start first prompt vs python", "coach start, first prompt (pty)", base, 25)
    cold = f"followup --no-review, {large} (cold index)"
    cold_ms, cold_mb = ms(cold), bench.peak(cold)
    if cold_ms is not None:
        ok = cold_ms <= 6000 and cold_mb <= 150 and bench.progress_shown
        lines.append(
            f"{f'cold build {large}: <= 6000 ms, <= 150 MB, progress shown':58} "
            f"{cold_ms:7.0f}ms {cold_mb:6.0f} MB {_verdict(ok):>5}"
            f"  (progress {'shown' if bench.progress_shown else 'NOT shown'})"
        )
    listings = [
        r
        for r in bench.results
        if str(large) in r.name
        and not r.name.startswith(("task", "floor"))
        and "cold" not in r.name
        and "stress" not in r.name
        and r.rss_mb
    ]
    if listings:
        worst = max(listings, key=lambda r: r.rss_mb)
        lines.append(
            f"{f'peak memory of every realistic listing at {large} < {MEM_LIMIT_MB:g} MB':58} "
            f"{worst.rss_mb:7.1f}MB {'':>9} {_verdict(worst.rss_mb < MEM_LIMIT_MB):>5}"
            f"  (largest: {worst.name})"
        )
    stress, floor = f"followup --json, {large} stress", f"floor: stress open items as JSON, {large}"
    if bench.peak(stress):
        lines.append(
            f"{'peak memory, stress followup --json (floor: ' + f'{bench.peak(floor):.0f} MB)':58} "
            f"{bench.peak(stress):7.1f}MB {'':>9} {'-':>5}  (no target; shown for the record)"
        )
    return lines


def report(bench: Bench) -> str:
    results = bench.results
    base = next((r.ms for r in results if r.name == "python -c pass"), 0.0)
    lines = [f"{'command':52} {'median ms':>10} {'ratio':>8} {'peak MB':>8}"]
    for r in results:
        ratio = f"{r.ms / base:7.1f}x" if base and r.ms else "-"
        rss = f"{r.rss_mb:.1f}" if r.rss_mb else "-"
        line = f"{r.name:52} {r.ms:10.1f} {ratio:>8} {rss:>8}"
        lines.append(line + (f"  ({r.note})" if r.note else ""))
    lines.append("")
    lines.append(f"{'target (ratios from this run)':58} {'value':>8} {'target':>9} {'result':>5}")
    lines += targets(bench)
    sizes = bench.sizes
    if len(sizes) >= 2:
        small, large = min(sizes), max(sizes)
        a = bench.ms(f"followup --no-review, {small}")
        b = bench.ms(f"followup --no-review, {large}")
        if a and b:
            lines.append(f"followup growth {small} -> {large} sessions: {b / a:.2f}x")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--small", action="store_true", help="CI mode: stores of 20 and 30 sessions, one run"
    )
    parser.add_argument(
        "--prompt-pattern",
        default=r"\?\s*\S",
        help="regex that marks the first prompt of `coach start` (questionary shows '? ')",
    )
    parser.add_argument(
        "--stores", type=Path, default=STORES, help="where synthetic stores are cached"
    )
    args = parser.parse_args(argv)
    if args.small:
        args.sessions, args.runs = [20, 30], 1
    if args.runs < 1 or any(n < 1 for n in args.sessions):
        parser.error("--runs and --sessions must be positive")
    sizes = sorted(set(args.sessions))
    bench = run_bench(sizes, args.runs, args.prompt_pattern, args.stores)
    task = shutil.which("task")
    version = ""
    if task:
        version = subprocess.run([task, "--version"], capture_output=True, text=True).stdout
    print(
        f"python {sys.version.split()[0]}, {args.runs} run(s) each, median; "
        f"taskwarrior {version.strip() or 'not installed'}"
    )
    print(report(bench))
    return 0


if __name__ == "__main__":
    sys.exit(main())
