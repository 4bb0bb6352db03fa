"""Scripted conversations: ``coach start --answers FILE`` runs the same engine without prompts.

The file (YAML or JSON, loaded with the strict loader) becomes an ``AnswersFile``, plain records
(``core.record``); then ``AnswersPrompter`` answers the engine's prompts from it, by key. A
valid file is read without pydantic: each record's plain check (``answers_plain``) builds it, and
only a file the checks cannot vouch for is validated by the pydantic models
(``answers_model.py``), whose error is the one reported, placed at its line and column. A value
the engine rejects (a date it cannot read, a confidence outside 1–10) is reported against its
field — ``answers.yaml: next_steps[0].due: …`` — and nothing is saved. A step the next-step
check flags, or a confidence under 7, is kept as written with a warning on stderr, as a person
at a terminal may keep it. The format is documented in docs/answers.md with
examples/answers.yaml.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from coachcli.conversation import answers_mentoring as mentoring
from coachcli.conversation import answers_plain as plain
from coachcli.conversation.answers_mentoring import (
    GoalAnswer,
    GoalReviewAnswer,
    MentoringAnswers,
    OfferAnswer,
    RelationshipAnswer,
)
from coachcli.core.errors import UsageError
from coachcli.core.record import Record, field

if TYPE_CHECKING:  # in annotations only: reading a file needs neither (nor dataclasses)
    from coachcli.storage.yamlsafe import Positions
    from coachcli.ui.prompting import Choice, Message, Validator

MAX_ANSWERS_BYTES = 2 * 1024 * 1024
MAX_PAGES = 50  # pages to look through for a bank question before calling it missing


class AgendaAnswers(Record):
    want: str = ""
    advice: str = ""
    take_over: str = ""  # mentoring: what you are tempted to take over


class QuestionAnswer(Record):
    question: str | None = None
    id: str | None = None  # a bank question id instead of the text
    answer: str = ""


class AssumptionAnswer(Record):
    assumption: str
    reframe: str = ""
    prompt_id: str | None = None


class NextStepAnswer(Record):
    action: str
    owner: Literal["person", "supervisor", "me"] = "person"
    due: str
    confidence: int


class CheckInAnswer(Record):
    words: str = ""
    scale: int | None = None


class AnswersFile(Record):
    """The whole file; ``answers_model.AnswersFile`` says what is valid (stripped, 1–10, …)."""

    person: str
    bank: str | None = None
    kind: Literal["coaching", "mentoring"] | None = None  # mentoring: the mentoring flow
    agenda: AgendaAnswers = field(default_factory=AgendaAnswers)
    checkin: CheckInAnswer = field(default_factory=CheckInAnswer)
    facts: list[str] = field(default_factory=list)
    feelings: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    questions: list[QuestionAnswer] = field(default_factory=list)
    restatement: str | None = None
    restatement_feedback: str = ""  # what they corrected or added when asked if it landed
    assumptions: list[AssumptionAnswer] = field(default_factory=list)
    next_steps: list[NextStepAnswer]  # at least one
    help_wanted: str = ""  # what help they want from you: becomes a step you own
    help_confidence: int = 8  # your confidence in giving it
    next_meeting: str = ""  # when you will next meet: a date in the same words as due dates
    learning: str = ""  # their answer to the closing question
    after_check: Literal["yes", "partly", "no"]
    notes: str = ""  # private notes
    # Mentoring (kind or bank mentoring); see docs/answers.md and examples/mentoring.yaml.
    relationship: RelationshipAnswer = field(default_factory=RelationshipAnswer)
    goal_reviews: list[GoalReviewAnswer] = field(default_factory=list)
    mentee_agenda: str = ""  # their agenda for today, in their words
    goals: list[GoalAnswer] = field(default_factory=list)
    serves_goal: str = ""  # the goal today serves: id, id prefix or words (new goals too)
    grow_into: str = ""  # what they hope to grow into
    offers: list[OfferAnswer] = field(default_factory=list)


# The plain check of the whole file (answers_plain): the rules of answers_model.AnswersFile.
CHECK_ANSWERS = plain.part(
    AnswersFile,
    person=plain.required_up_to(100),
    bank=plain.optional(plain.text),
    kind=plain.optional(plain.one_of("coaching", "mentoring")),
    agenda=plain.part(AgendaAnswers, want=plain.line, advice=plain.line, take_over=plain.line),
    checkin=plain.part(CheckInAnswer, words=plain.line, scale=plain.optional(plain.whole(1, 10))),
    facts=plain.list_of(plain.required),
    feelings=plain.list_of(plain.required),
    values=plain.list_of(plain.required),
    questions=plain.list_of(
        plain.part(
            QuestionAnswer,
            question=plain.optional(plain.required),
            id=plain.optional(plain.text),
            answer=plain.line,
        )
    ),
    restatement=plain.optional(plain.text),
    restatement_feedback=plain.line,
    assumptions=plain.list_of(
        plain.part(
            AssumptionAnswer,
            assumption=plain.required,
            reframe=plain.line,
            prompt_id=plain.optional(plain.text),
        )
    ),
    next_steps=plain.list_of(
        plain.part(
            NextStepAnswer,
            action=plain.required,
            owner=plain.one_of("person", "supervisor", "me"),
            due=plain.required,
            confidence=plain.whole(1, 10),
        ),
        min_length=1,
    ),
    help_wanted=plain.line,
    help_confidence=plain.whole(1, 10),
    next_meeting=plain.line,
    learning=plain.line,
    after_check=plain.one_of("yes", "partly", "no"),
    notes=plain.line,
    relationship=mentoring.CHECK_RELATIONSHIP,
    goal_reviews=mentoring.CHECK_GOAL_REVIEWS,
    mentee_agenda=plain.line,
    goals=mentoring.CHECK_GOALS,
    serves_goal=plain.line,
    grow_into=plain.line,
    offers=mentoring.CHECK_OFFERS,
)
# Every record of the file by its name, which is also its model's (``from_model``).
RECORDS: dict[str, type[Record]] = {
    **mentoring.RECORDS,
    **{
        cls.__name__: cls
        for cls in (
            AgendaAnswers,
            QuestionAnswer,
            AssumptionAnswer,
            NextStepAnswer,
            CheckInAnswer,
            AnswersFile,
        )
    },
}


def _read_file(path: Path) -> bytes:
    """A regular file only (a FIFO with no writer would wait forever), at most 2 MiB; a link is
    followed, since the user named the file."""
    from coachcli.core.errors import DamagedFileError, NotFoundError
    from coachcli.storage.readfile import read_bounded

    try:
        return read_bounded(path, MAX_ANSWERS_BYTES, follow=True)
    except NotFoundError:
        raise UsageError(f"{path}: cannot read: no such file") from None
    except DamagedFileError as exc:
        if exc.detail.startswith("larger than"):
            raise UsageError(
                f"{path}: larger than {MAX_ANSWERS_BYTES // 1024 // 1024} MiB"
            ) from None
        raise UsageError(f"{path}: {exc.detail}") from None


def load_answers(path: Path) -> AnswersFile:
    from coachcli.core.errors import BankError
    from coachcli.storage.yamlsafe import load_yaml_with_positions

    if str(path) == "-":  # standard input: `coach start --answers - < answers.yaml`
        import sys

        path = Path("<stdin>")
        try:
            data = sys.stdin.buffer.read(MAX_ANSWERS_BYTES + 1)
        except OSError as exc:
            raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
        if len(data) > MAX_ANSWERS_BYTES:
            raise UsageError(f"{path}: larger than {MAX_ANSWERS_BYTES // 1024 // 1024} MiB")
    else:
        data = _read_file(path)
    try:
        raw, positions = load_yaml_with_positions(data, str(path), max_bytes=MAX_ANSWERS_BYTES)
    except BankError as exc:
        raise UsageError(exc.message) from None
    if not isinstance(raw, dict):
        raise UsageError(f"{path}: expected a mapping of fields (person, facts, next_steps, …)")
    try:
        answers: AnswersFile = CHECK_ANSWERS(raw)
    except plain.Unsure:
        return _validated(raw, path, positions)
    return answers


def _validated(raw: dict[str, Any], path: Path, positions: Positions) -> AnswersFile:
    """The pydantic model's verdict on a file the plain check could not vouch for: its error at
    the line and column of the first field it names, or, when the file is valid after all
    (``" 8"`` for 8, a no-break space to strip), the model's values as records."""
    from pydantic import ValidationError

    from coachcli.conversation.answers_model import AnswersFile as Model
    from coachcli.core.record import from_model
    from coachcli.storage.sessionfile import validation_detail

    try:
        model = Model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors(include_input=False)[0]
        line, col = positions.value(first["loc"])
        raise UsageError(f"{path}:{line}:{col}: {validation_detail(exc)}") from None
    answers: AnswersFile = from_model(model, RECORDS)
    return answers


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """``question_key`` once per text: a bank's labels are compared on every page turn."""
    # The engine's modules (ask, base) are imported where they are used, not with this module:
    # reading a file needs none of them, and a run has them loaded by the time they are asked.
    from coachcli.conversation.ask import question_key

    return question_key(text)


class AnswersPrompter(MentoringAnswers):
    """Answers the engine's prompts from an ``AnswersFile``; raises on anything it can't."""

    a: AnswersFile

    def __init__(self, answers: AnswersFile, source: str) -> None:
        self.a = answers
        self.source = source
        self.messages: list[Message] = []
        # deques: a file may list many thousands of facts; popping from a list's front is O(n)
        self._lists = {f: deque(getattr(answers, f)) for f in ("facts", "feelings", "values")}
        self._q = -1  # index of the question being answered
        self._asm = -1
        self._step = 0
        self._pages = 0  # "Show other questions" presses while looking for one question
        self._seen: set[str] = set()  # bank choices already shown while looking for it
        self._init_mentoring()

    def _field_error(self, field: str, error: str) -> UsageError:
        return UsageError(f"{self.source}: {field}: {error}")

    def _checked(self, field: str, value: str, validate: Validator | None) -> str:
        if validate is not None and (error := validate(value)) is not None:
            raise self._field_error(field, error)
        return value

    def say(self, message: Message) -> None:
        """Keep every message; print warnings on stderr, as a terminal run would show them
        (a bank file skipped, an answer cut, a session file that could not be read)."""
        from coachcli.conversation.base import QUESTION_CHECK_TITLE, STEP_CHECK_TITLE  # see _key

        self.messages.append(message)
        # The next-step check is reported at its choice, naming the field (``_warn_step_check``).
        checks = (STEP_CHECK_TITLE, QUESTION_CHECK_TITLE)  # reported at their choice, by field
        if message.kind == "warning" and message.title not in checks:
            import sys

            from coachcli.core.sanitize import one_line

            print(f"coach: warning: {one_line(message.text, 400)}", file=sys.stderr)

    def _warn(self, field: str, text: str) -> None:
        """A warning on stderr: the scripted value is kept, as a person at a terminal may."""
        import sys

        print(f"coach: warning: {self.source}: {field}: {text}", file=sys.stderr)

    def _warn_low_confidence(self, step: str) -> str:
        confidence = self.a.next_steps[self._step].confidence
        self._warn(
            f"next_steps[{self._step}].confidence",
            f"{confidence} is under 7; a smaller step is more likely to happen (kept as written)",
        )
        return step  # a scripted step is kept as written

    def _warn_step_check(self) -> str:
        from coachcli.language.steps import check_step, voice_of

        step = self.a.next_steps[self._step]
        owner = "supervisor" if step.owner in ("supervisor", "me") else "person"
        result = check_step(step.action, voice_of(owner))
        self._warn(f"next_steps[{self._step}].action", f"{result.message} (kept as written)")
        return "keep"

    def text(
        self,
        key: str,
        prompt: str,
        *,
        default: str = "",
        multiline: bool = False,
        validate: Validator | None = None,
    ) -> str:
        a = self.a
        mentoring = self.mentoring_text(key, default, validate)
        if mentoring is not None:
            return mentoring
        if key.startswith("listen."):
            entries = self._lists[key.removeprefix("listen.")]
            return entries.popleft() if entries else ""
        step = a.next_steps[self._step] if self._step < len(a.next_steps) else None
        simple = {
            "agenda.want": lambda: a.agenda.want,
            "agenda.advice": lambda: a.agenda.advice,
            "checkin.words": lambda: a.checkin.words,
            "checkin.scale": lambda: "" if a.checkin.scale is None else str(a.checkin.scale),
            "support.feedback": lambda: a.restatement_feedback,
            "next.help": lambda: a.help_wanted,
            "next.help_action": lambda: default,  # the help as a step, as the engine words it
            "next.help_due": lambda: default,  # by the next meeting (or in a week)
            "next.help_smaller": lambda: default,
            "ask.own": lambda: a.questions[self._q].question or "",
            "ask.answer": lambda: a.questions[self._q].answer,
            "support.restatement": lambda: default if a.restatement is None else a.restatement,
            "challenge.assumption": lambda: a.assumptions[self._asm].assumption,
            "challenge.reframe": lambda: a.assumptions[self._asm].reframe,
            "close.learning": lambda: a.learning,
            "close.notes": lambda: a.notes,
            "next.smaller": lambda: self._warn_low_confidence(default),
        }
        if key in simple:
            return simple[key]()
        checked = {
            "next.meeting": ("next_meeting", lambda: a.next_meeting),
            "next.help_confidence": ("help_confidence", lambda: str(a.help_confidence)),
        }
        if key in checked:
            field, read = checked[key]
            return self._checked(field, read(), validate)
        if step is not None and key in ("next.action", "next.due", "next.confidence"):
            name = key.removeprefix("next.")
            value = str(getattr(step, name))
            return self._checked(f"next_steps[{self._step}].{name}", value, validate)
        raise self._field_error(key, "the answers file has no answer for this prompt")

    def _pick(self, choices: Sequence[Choice], qid: str | None, text: str | None) -> str:
        """The choice a person would make: the bank question if it is on this page, the next
        page while there is one to look at, else "own"."""
        wanted = _key(text) if text else None
        for choice in choices:
            if qid and choice.value == f"q:{qid}":
                return choice.value
            if wanted and choice.value.startswith("q:") and _key(choice.label) == wanted:
                return choice.value
        offered = {c.value for c in choices if c.value.startswith("q:")}
        fresh = not offered <= self._seen  # pages wrap around: stop once one shows nothing new
        self._seen |= offered
        if (
            (qid or text)
            and fresh
            and self._pages < MAX_PAGES
            and any(c.value == "more" for c in choices)
        ):
            self._pages += 1
            return "more"
        return "own"

    def select(
        self, key: str, prompt: str, choices: Sequence[Choice], default: str | None = None
    ) -> str:
        a = self.a
        mentoring = self.mentoring_select(key, choices)
        if mentoring is not None:
            return mentoring
        if key == "ask.pick":
            index = self._q + 1
            if index >= len(a.questions):
                return "done"
            item = a.questions[index]
            if item.question is None and item.id is None:
                raise self._field_error(f"questions[{index}]", "needs a question or an id")
            picked = self._pick(choices, item.id, item.question)
            if picked == "more":
                return picked
            self._pages = 0
            self._seen = set()
            if picked == "own" and item.question is None:
                raise self._field_error(f"questions[{index}].id", "no such question in the bank")
            self._q = index
            return picked
        if key == "ask.rewrite":
            # A scripted question is kept as written; its check issues are saved and said here,
            # naming the field (the check's heading alone said nothing about what or where).
            # No rewrite: it is made of the question's words, and stderr may go to a log.
            from coachcli.conversation.base import QUESTION_CHECK_TITLE  # see _key

            check = next(m for m in reversed(self.messages) if m.title == QUESTION_CHECK_TITLE)
            hint = " (kept as written; `coach check-question` offers a rewrite)"
            self._warn(f"questions[{self._q}].question", " ".join(check.lines) + hint)
            return "keep"
        if key == "challenge.pick":
            index = self._asm + 1
            if index >= len(a.assumptions):
                return "done"
            picked = self._pick(choices, a.assumptions[index].prompt_id, None)
            if picked == "more":
                return picked
            self._pages = 0
            self._seen = set()
            if picked == "own" and a.assumptions[index].prompt_id:
                raise self._field_error(
                    f"assumptions[{index}].prompt_id", "no such challenge prompt in the bank"
                )
            self._asm = index
            return picked
        if key == "next.check":
            return self._warn_step_check()
        if key == "next.owner":
            owner = a.next_steps[self._step].owner
            return "supervisor" if owner in ("supervisor", "me") else "person"
        if key == "close.after_check":
            return a.after_check
        raise self._field_error(key, "the answers file has no answer for this choice")

    def confirm(self, key: str, prompt: str, *, default: bool = False) -> bool:
        mentoring = self.mentoring_confirm(key)
        if mentoring is not None:
            return mentoring
        if key == "next.more":
            self._step += 1
            return self._step < len(self.a.next_steps)
        raise self._field_error(key, "the answers file has no answer for this question")
