"""One walk over a session's sections, each marked private or shared.

``coach show``, the summary at the end of ``coach start`` and every export print a session from
``sections``: what is shown, in which order, and what is private is decided here (privacy itself
is declared on the model, see ``core.privacy``). Renderers only decide how a line looks. With
``shared=True`` private sections and private lines are left out, so nothing private can reach a
shared export by a renderer forgetting to check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from coachcli.core.privacy import is_private

if TYPE_CHECKING:
    from coachcli.core.model import ActionItem, Session

# entry: "Label: text"; bullet: a list item, detail: a labelled line under it; question and
# answer: a numbered question and its answer; text: a paragraph; action: one next step
# (renderers format the item themselves).
LineKind = Literal["entry", "bullet", "detail", "question", "answer", "text", "action"]


@dataclass(frozen=True)
class Line:
    kind: LineKind
    label: str  # ours (never user text)
    text: str = ""  # user text: renderers clean or escape it
    action: ActionItem | None = None


@dataclass(frozen=True)
class Section:
    key: str  # the session field it shows
    title: str
    private: bool
    lines: tuple[Line, ...]


def sections(session: Session, *, shared: bool = False) -> list[Section]:
    """The session's sections in conversation order; private ones left out when ``shared``."""
    found: list[Section] = []

    def add(key: str, title: str, lines: list[Line]) -> None:
        private = is_private(session, key)
        if lines and not (shared and private):
            found.append(
                Section(key, f"{title} (private)" if private else title, private, tuple(lines))
            )

    agenda = session.agenda
    add(
        "agenda",
        "My agenda",
        [Line("entry", "What I wanted", agenda.want)] * bool(agenda.want)
        + [Line("entry", "Advice I was tempted to give", agenda.advice)] * bool(agenda.advice),
    )
    checkin = session.checkin
    if checkin is not None:
        add(
            "checkin",
            "Check-in",
            [Line("entry", "How they are today", f"{checkin.scale}/10")] * bool(checkin.scale)
            + [Line("entry", "In their words", checkin.words)] * bool(checkin.words),
        )
    add("listening", "What I heard", [Line("entry", k, v) for k, v in session.listening.entries()])
    questions: list[Line] = []
    for number, question in enumerate(session.questions, start=1):
        questions.append(Line("question", f"{number}.", question.text))
        questions.append(Line("answer", "Answer", question.answer))
    add("questions", "Questions", questions)
    add(
        "restatement",
        "Restatement",
        [Line("text", "", session.restatement)] * bool(session.restatement)
        + [Line("entry", "They said", session.restatement_feedback)]
        * bool(session.restatement_feedback),
    )
    assumptions: list[Line] = []
    for assumption in session.assumptions:
        assumptions.append(Line("bullet", "", assumption.assumption))
        if assumption.reframe:
            assumptions.append(Line("detail", "Reframe", assumption.reframe))
    add("assumptions", "Assumptions", assumptions)
    add("actions", "Next steps", [Line("action", "", action=a) for a in session.actions])
    add(
        "help_wanted",
        "Help they want from me",
        [Line("text", "", session.help_wanted)] * bool(session.help_wanted),
    )
    meeting = session.next_meeting
    add(
        "next_meeting",
        "Next meeting",
        [Line("entry", "Agreed for", f"{meeting:%A %d %B %Y}" if meeting else "")] * bool(meeting),
    )
    add(
        "learning",
        "What they took away (theirs)",
        [Line("entry", "Asked", session.learning_question)] * bool(session.learning_question)
        + [Line("entry", "Their answer", session.learning)]
        if session.learning
        else [],
    )
    check = session.after_check
    add(
        "after_check",
        "After-check",
        [Line("entry", "Did my agenda take over?", check.agenda_took_over)]
        + [Line("entry", "Note", check.note)] * bool(check.note),
    )
    notes = session.supervisor_notes
    add("supervisor_notes", "My notes", [Line("text", "", notes)] * bool(notes))
    add(
        "edits",
        "Edits",
        [Line("entry", f"{e.at:%Y-%m-%d %H:%M}", "; ".join(e.changes)) for e in session.edits],
    )
    return found


def labelled(label: str) -> str:
    """``label`` ready to be followed by its text: "Note: ", or "Did my agenda take over? "."""
    return f"{label} " if label.endswith("?") else f"{label}: "
