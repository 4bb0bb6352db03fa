"""The question bank format, ``schema_version`` 1, as pydantic models.

``storage.yamlsafe`` hands over every scalar as the string the author wrote; the few fields that
are not strings convert them here, strictly: ``schema_version`` accepts ``1`` (or ``"1"``) and
``evergreen`` accepts ``true`` / ``false`` (any case) — never ``yes``, ``on`` or ``1``.
Rules that span fields raise ``BankRules`` (a ``ValueError`` carrying the data path of each
problem) so the loader can point at the right line. See docs/banks.md.

These models are the definition of the format, its messages and its JSON Schema; a load does
not return them. ``banks.plaincheck`` builds a valid bank's ``banks.parts`` records without
pydantic, and the loader turns to these models only when that check is unsure (an invalid bank
gets their errors; a valid one their values, as records).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

# The format's names, patterns and limits are defined once, in banks.parts (standard library
# only), for these models and for banks.plaincheck alike.
from coachcli.banks.parts import (
    DEFAULT_PURPOSES,
    ID_PATTERN,
    MAX_DESCRIPTION,
    MAX_PHASE_TEXT,
    MAX_QUESTIONS,
    MAX_TAGS,
    MAX_TEXT,
    MAX_TITLE,
    NAME_PATTERN,
    PHASES,
    SCHEMA_VERSION,
    SKILLS,
    WORD_PATTERN,
    Focus,
    Framework,
    Kind,
    Phase,
    Skill,
    fold,
    has_controls,
)

__all__ = [
    "DEFAULT_PURPOSES",
    "ID_PATTERN",
    "MAX_TEXT",
    "NAME_PATTERN",
    "PHASES",
    "SCHEMA_VERSION",
    "SKILLS",
    "WORD_PATTERN",
    "Bank",
    "BankRules",
    "Focus",
    "Framework",
    "Kind",
    "Phase",
    "Question",
    "Skill",
    "bank_json_schema",
]


class BankRules(ValueError):
    """Problems found across fields: ``(path relative to the model, message)`` pairs."""

    def __init__(self, problems: list[tuple[tuple[str | int, ...], str]]) -> None:
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems


def _version(value: Any) -> Any:
    if isinstance(value, str) and value.strip() == "1":
        return 1
    if isinstance(value, str) and value.strip().isdigit() and int(value) > SCHEMA_VERSION:
        raise ValueError("this bank is for a newer coachcli; this one reads schema_version 1")
    return value


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise ValueError("must be true or false")


def _no_controls(value: Any) -> Any:
    if isinstance(value, str) and has_controls(value):
        raise ValueError("contains control characters")
    return value


def _one_line(value: Any) -> Any:
    """Folded to one line: YAML ``>`` blocks and wrapped quotes leave newlines behind."""
    if isinstance(value, str):
        return fold(_no_controls(value))
    return value


Word = Annotated[str, StringConstraints(pattern=WORD_PATTERN)]


# Non-empty one-line strings of at most so many characters.
QuestionText = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_TEXT), BeforeValidator(_one_line)
]
Title = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_TITLE), BeforeValidator(_one_line)
]
PhaseText = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_PHASE_TEXT), BeforeValidator(_one_line)
]


Flag = Annotated[bool, BeforeValidator(_flag)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, frozen=True)


class Question(_Strict):
    """One question; ``id`` is stable forever (sessions record it, rotation uses it)."""

    id: Annotated[str, StringConstraints(pattern=ID_PATTERN)] = Field(
        description="Unique within the bank and stable forever: sessions record it."
    )
    text: QuestionText = Field(
        description="An open question (what/how, or 'Tell me about…'), one line, ≤500 characters."
    )
    skill: Skill = Field(description="Where in the conversation the question is offered.")
    focus: Focus | None = Field(
        default=None, description="Only and always with skill listen: facts, feelings or values."
    )
    framework: Framework | None = Field(default=None, description="The model it comes from.")
    stage: Word | None = Field(
        default=None, description="The framework's stage, e.g. grow: goal|reality|options|will."
    )
    tags: list[Word] = Field(
        default_factory=list, max_length=MAX_TAGS, description="Short lowercase words."
    )
    evergreen: Flag = Field(
        default=False, description="true: always offered first, whatever the rotation."
    )

    @model_validator(mode="after")
    def _focus_with_listen(self) -> Question:
        if self.skill == "listen" and self.focus is None:
            raise BankRules(
                [(("focus",), "a listen question needs a focus: facts, feelings or values")]
            )
        if self.skill != "listen" and self.focus is not None:
            raise BankRules([(("focus",), "only questions with skill listen have a focus")])
        return self


class Bank(_Strict):
    """A question bank: ``<name>.yaml``, built in or in the user bank folder."""

    schema_version: Annotated[Literal[1], BeforeValidator(_version)] = Field(
        description="The bank format version; this coachcli reads 1."
    )
    name: Annotated[str, StringConstraints(pattern=NAME_PATTERN)] = Field(
        description="Equals the file name without .yaml; `coach start --bank NAME` uses it."
    )
    title: Title = Field(description="A short title shown in `coach bank list`.")
    kind: Kind = Field(description="coaching or mentoring (see `coach guide`).")
    description: Annotated[
        str, BeforeValidator(_no_controls), StringConstraints(max_length=MAX_DESCRIPTION)
    ] = Field(default="", description="One paragraph: what conversation this bank is for.")
    phases: dict[Phase, PhaseText] = Field(
        default_factory=dict,
        description="Optional: one sentence per phase, shown as what that skill is for.",
    )
    questions: list[Question] = Field(min_length=1, max_length=MAX_QUESTIONS)

    @field_validator("description")
    @classmethod
    def _tidy(cls, value: str) -> str:
        return fold(value)

    @model_validator(mode="after")
    def _whole_bank(self, info: ValidationInfo) -> Bank:
        problems: list[tuple[tuple[str | int, ...], str]] = []
        stem = (info.context or {}).get("stem")
        if stem is not None and self.name != stem:
            problems.append((("name",), "must equal the file name without .yaml"))
        first: dict[str, int] = {}
        for index, question in enumerate(self.questions):
            if question.id in first:
                problems.append(
                    (
                        ("questions", index, "id"),
                        f"duplicate id (first at questions[{first[question.id]}])",
                    )
                )
            else:
                first[question.id] = index
        if not any(q.skill == "ask" for q in self.questions):
            problems.append((("questions",), "needs at least one question with skill: ask"))
        if problems:
            raise BankRules(problems)
        return self

    def questions_for(self, skill: str, focus: str | None = None) -> list[Question]:
        """The questions for ``skill`` (and ``focus``, for listen), in bank order."""
        return [
            q for q in self.questions if q.skill == skill and (focus is None or q.focus == focus)
        ]

    def purpose(self, phase: Phase) -> str:
        """One sentence on what ``phase`` (listen, ask, balance, next) is for."""
        return self.phases.get(phase) or DEFAULT_PURPOSES.get(phase, "")


def bank_json_schema() -> dict[str, Any]:
    """The JSON Schema of a bank file (docs/bank.schema.json is this, kept up to date by a test).

    It describes the YAML as a YAML-aware editor sees it: ``schema_version: 1`` an integer,
    ``evergreen: true`` a boolean.
    """
    schema = Bank.model_json_schema()
    _drop_null_options(schema)
    question = schema["$defs"]["Question"]
    # focus: only and always with skill listen.
    question["if"] = {"properties": {"skill": {"const": "listen"}}}
    question["then"] = {"required": ["focus"]}
    question["else"] = {"not": {"required": ["focus"]}}
    # The same schema whichever pydantic >= the floor made it: older ones add a redundant
    # "enum" beside "const" and leave out the names a phases mapping may use.
    version = schema["properties"]["schema_version"]
    if "const" in version:
        version.pop("enum", None)
    phases = schema["properties"].get("phases")
    if isinstance(phases, dict) and phases.get("type") == "object":
        phases.setdefault("propertyNames", {"enum": list(PHASES)})
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "coachcli question bank"
    schema["description"] = (
        "A question bank for coachcli (schema_version 1); see `coach help banks`."
    )
    return schema


def _drop_null_options(node: Any) -> None:
    """Optional fields are left out, never written as null (YAML ``null`` is a string here)."""
    if isinstance(node, dict):
        options = node.get("anyOf")
        if (
            isinstance(options, list)
            and {"type": "null"} in options
            and node.get("default") is None
        ):
            rest = [o for o in options if o != {"type": "null"}]
            del node["anyOf"]
            node.pop("default", None)
            if len(rest) == 1:
                node.update(rest[0])
            else:
                node["anyOf"] = rest
        for value in node.values():
            _drop_null_options(value)
    elif isinstance(node, list):
        for value in node:
            _drop_null_options(value)
