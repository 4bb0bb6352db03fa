"""The built-in question banks (prompts/*.yaml): valid, open, deep enough, and honestly sourced."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path

import pytest

from coachcli.banks.load import builtin_banks_dir, load_bank, load_bank_file, rotate

ROOT = Path(__file__).resolve().parents[1]
PROMPTS = ROOT / "prompts"
SOURCES_DOC = ROOT / "docs" / "question-sources.md"

# Minimum questions per skill (and per listen focus) for each built-in bank.
MINIMUMS: dict[str, dict[str, int]] = {
    "coaching": {
        "open": 12,
        "listen": 36,
        "ask": 70,
        "support": 12,
        "challenge": 25,
        "commit": 20,
        "close": 10,
        "listen:facts": 12,
        "listen:feelings": 12,
        "listen:values": 12,
    },
    "mentoring": {
        "open": 8,
        "listen": 24,
        "ask": 45,
        "support": 8,
        "challenge": 15,
        "commit": 12,
        "close": 8,
        "listen:facts": 8,
        "listen:feelings": 8,
        "listen:values": 8,
    },
}
BANKS = sorted(MINIMUMS)

# The stages each framework has; a question that names a framework names one of these.
STAGES: dict[str, set[str]] = {
    "grow": {"goal", "reality", "options", "will"},
    "coaching-habit": {
        "kickstart",
        "awe",
        "focus",
        "foundation",
        "lazy",
        "strategic",
        "learning",
    },
    "clear": {"contracting", "listening", "exploring", "action", "review"},
    "oskar": {"outcome", "scaling", "know-how", "affirm-action", "review"},
    "solution-focused": {
        "miracle",
        "exception",
        "scaling",
        "coping",
        "preferred-future",
        "competence",
        "best-hopes",
    },
    "thinking-environment": {"opening", "attention", "assumptions", "incisive"},
    "motivational-interviewing": {"importance", "confidence"},
    "mentoring": {"contracting", "review"},
}

# The Coaching Habit's seven questions, as the coaching bank carries them.
COACHING_HABIT = {
    "habit-kickstart": ("open", "What's on your mind?"),
    "habit-awe": ("ask", "And what else?"),
    "habit-focus": ("ask", "What's the real challenge here for you?"),
    "habit-foundation": ("ask", "What do you want?"),
    "habit-lazy": ("commit", "How can I help?"),
    "habit-strategic": ("commit", "If you're saying yes to this, what are you saying no to?"),
    "habit-learning": ("close", "What was most useful for you?"),
}


def _bank(name: str):
    return load_bank_file(PROMPTS / f"{name}.yaml")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower().replace("’", "'")))


@pytest.mark.parametrize("name", BANKS)
def test_bank_file_loads_with_its_own_name_and_kind(name):
    bank = _bank(name)
    assert bank.name == name
    assert bank.kind == name
    assert bank.schema_version == 1
    assert bank.title and bank.description


@pytest.mark.parametrize("name", BANKS)
def test_builtin_bank_is_shipped_in_the_package_and_loads_by_name(name):
    shipped = builtin_banks_dir() / f"{name}.yaml"
    assert shipped.is_file(), f"{name}.yaml is not reachable through coachcli/prompts"
    assert shipped.read_bytes() == (PROMPTS / f"{name}.yaml").read_bytes()
    bank = load_bank(name)  # no user banks in this test's COACH_HOME: the built-in wins
    assert [q.id for q in bank.questions] == [q.id for q in _bank(name).questions]


@pytest.mark.parametrize("name", BANKS)
def test_every_question_passes_the_question_check(name):
    from coachcli.language.question import check_question

    failures = []
    for q in _bank(name).questions:
        result = check_question(q.text, context=name)
        if not result.ok or result.issues:
            kinds = ",".join(issue.kind for issue in result.issues)
            failures.append(f"{q.id}: {kinds}: {q.text}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", BANKS)
def test_ids_and_texts_are_unique(name):
    questions = _bank(name).questions
    ids = Counter(q.id for q in questions)
    assert [i for i, n in ids.items() if n > 1] == []
    texts = Counter(" ".join(sorted(_words(q.text))) for q in questions)
    assert [t for t, n in texts.items() if n > 1] == []


@pytest.mark.parametrize("name", BANKS)
def test_no_near_duplicate_questions(name):
    """Two questions sharing most of their words are one question asked twice."""
    questions = _bank(name).questions
    close = []
    for a, b in itertools.combinations(questions, 2):
        wa, wb = _words(a.text), _words(b.text)
        if len(wa & wb) / len(wa | wb) >= 0.75:
            close.append(f"{a.id} ~ {b.id}")
    assert close == []


@pytest.mark.parametrize("name", BANKS)
def test_each_skill_meets_its_minimum(name):
    counts: Counter[str] = Counter()
    for q in _bank(name).questions:
        counts[q.skill] += 1
        if q.focus:
            counts[f"listen:{q.focus}"] += 1
    short = {k: (counts[k], need) for k, need in MINIMUMS[name].items() if counts[k] < need}
    assert short == {}, f"{name}: (have, need) per skill: {short}"


@pytest.mark.parametrize(("name", "weeks"), [("coaching", 10), ("mentoring", 8)])
def test_weekly_sessions_hear_no_repeated_ask_question_for_two_months(name, weeks):
    """Eight offered a session, all of them asked: no repeat (but evergreen) for `weeks` weeks."""
    ask = _bank(name).questions_for("ask")
    recent: list[str] = []
    heard: set[str] = set()
    for week in range(weeks):
        offered = [q for q in rotate(ask, recent)[:8] if not q.evergreen]
        repeats = [q.id for q in offered if q.id in heard]
        assert repeats == [], f"week {week + 1} repeats {repeats}"
        heard.update(q.id for q in offered)
        recent = [q.id for q in offered] + recent


@pytest.mark.parametrize("name", BANKS)
def test_focus_only_with_listen(name):
    for q in _bank(name).questions:
        assert (q.focus is not None) == (q.skill == "listen"), q.id


@pytest.mark.parametrize("name", BANKS)
def test_framework_stages_are_the_frameworks_own(name):
    wrong = [
        f"{q.id}: {q.framework}/{q.stage}"
        for q in _bank(name).questions
        if q.framework in STAGES and q.stage is not None and q.stage not in STAGES[q.framework]
    ]
    assert wrong == []


@pytest.mark.parametrize("name", BANKS)
def test_phases_are_written_for_the_bank(name):
    bank = _bank(name)
    assert set(bank.phases) == {"listen", "ask", "balance", "next"}
    for phase, sentence in bank.phases.items():
        assert bank.purpose(phase) == sentence


def test_coaching_carries_the_seven_coaching_habit_questions():
    by_id = {q.id: q for q in _bank("coaching").questions}
    for qid, (skill, text) in COACHING_HABIT.items():
        assert qid in by_id, qid
        q = by_id[qid]
        assert (q.skill, q.text, q.framework) == (skill, text, "coaching-habit"), qid


def test_coaching_evergreen_questions_are_the_handful_for_every_conversation():
    evergreen = {q.id for q in _bank("coaching").questions if q.evergreen}
    assert evergreen == {"habit-awe", "habit-focus", "habit-learning"}


def test_coaching_covers_every_grow_stage_and_the_other_frameworks():
    questions = _bank("coaching").questions
    grow = {q.stage for q in questions if q.framework == "grow"}
    assert grow == STAGES["grow"]
    frameworks = {q.framework for q in questions}
    assert {"grow", "coaching-habit", "clear", "oskar", "solution-focused"} <= frameworks
    sf = {q.stage for q in questions if q.framework == "solution-focused"}
    assert {"miracle", "exception", "scaling", "coping"} <= sf


def test_coaching_covers_the_everyday_topics():
    tags = Counter(t for q in _bank("coaching").questions for t in q.tags)
    topics = [
        "workload",
        "conflict",
        "growth",
        "motivation",
        "feedback",
        "priorities",
        "relationships",
        "wellbeing",
        "decisions",
    ]
    thin = {t: tags[t] for t in topics if tags[t] < 4}
    assert thin == {}, f"topics with fewer than 4 questions: {thin}"


def test_mentoring_covers_the_mentoring_topics():
    questions = _bank("mentoring").questions
    tags = Counter(t for q in questions for t in q.tags)
    topics = [
        "aspirations",
        "career",
        "strengths",
        "values",
        "learning",
        "network",
        "role-models",
        "stretch",
        "reflection",
        "relationship",
    ]
    thin = {t: tags[t] for t in topics if tags[t] < 3}
    assert thin == {}, f"topics with fewer than 3 questions: {thin}"
    texts = {q.text for q in questions}
    assert "What would make these conversations most valuable for you?" in texts


def test_mentoring_is_not_the_coaching_bank_renamed():
    coaching = {q.text for q in _bank("coaching").questions}
    mentoring = [q for q in _bank("mentoring").questions if q.skill in ("ask", "challenge")]
    shared = [q.id for q in mentoring if q.text in coaching]
    assert len(shared) <= 3, shared


def test_sources_doc_names_only_ids_that_exist():
    """docs/question-sources.md maps canonical questions to ids; every id it cites is real."""
    doc = SOURCES_DOC.read_text(encoding="utf-8")
    ids = {name: {q.id for q in _bank(name).questions} for name in BANKS}
    cited = re.findall(r"`((?:coaching|mentoring)/[a-z0-9-]+)`", doc)
    assert len(cited) >= 30, "the sources page should map the canonical questions to ids"
    missing = [c for c in cited if c.split("/", 1)[1] not in ids[c.split("/", 1)[0]]]
    assert missing == []


# Canonical GROW questions as coaching texts give them (Whitmore; and the common GROW question
# lists built on it), worded as a coach says them. A bank question matches one when it carries
# the same words (case, contractions and punctuation aside) or nearly all of them.
CANONICAL_GROW = [
    "What would you like to focus on?",
    "What do you want to achieve?",
    "What would success look like?",
    "How will you know you have achieved it?",
    "What would you like to be different?",
    "What is happening now?",
    "What led up to this?",
    "What have you tried so far?",
    "What effect did that have?",
    "What is getting in the way?",
    "What is really stopping you?",
    "What would happen if you did nothing?",
    "What resources do you have?",
    "What is in your control?",
    "What could you do?",
    "What else could you do?",
    "Who could help you?",
    "What would you do if you knew you couldn't fail?",
    "What are the pros and cons of each option?",
    "Which option will you choose?",
    "What will you do?",
    "What is the first step?",
    "When will you do it?",
    "By when?",
    "Who else needs to know?",
    "What could get in the way?",
    "What support do you need?",
    "On a scale of 1 to 10, how committed are you?",
    "How will you overcome the obstacles?",
    "What would make it a 10?",
]


def _norm_words(text: str) -> set[str]:
    text = text.lower().replace("’", "'").replace("couldn't", "could not").replace("'s", " is")
    return set(re.findall(r"[a-z0-9]+", text))


def _matched(canonical: str, texts: list[str]) -> bool:
    want = _norm_words(canonical)
    return any(
        want == _norm_words(t) or len(want & _norm_words(t)) / len(want | _norm_words(t)) >= 0.7
        for t in texts
    )


def test_canonical_grow_questions_are_in_the_coaching_bank():
    texts = [q.text for q in _bank("coaching").questions]
    missing = [c for c in CANONICAL_GROW if not _matched(c, texts)]
    share = 1 - len(missing) / len(CANONICAL_GROW)
    assert share >= 0.75, (share, missing)


@pytest.mark.parametrize(
    "canonical",
    [
        "What more do you think, or feel, or want to say?",  # Nancy Kline
        "What are your best hopes from our talk today?",  # solution-focused opener
        "On a scale of 1 to 10, how important is this to you?",  # importance ruler
        "Who else needs to know?",
        "When will you do it?",
        "By when?",
    ],
)
def test_coaching_bank_carries_the_canonical_wording(canonical):
    texts = {q.text for q in _bank("coaching").questions}
    assert canonical in texts
