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
    from coachcli.core.model import ActionItem, Mentoring, Session

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
        private = is_private(session, key.split(".")[0])  # "mentoring.offers": its field
        if lines and not (shared and private):
            found.append(
                Section(key, f"{title} (private)" if private else title, private, tuple(lines))
            )

    agenda = session.agenda
    add(
        "agenda",
        "My agenda",
        [Line("entry", "What I wanted", agenda.want)] * bool(agenda.want)
        + [Line("entry", "Advice I was tempted to give", agenda.advice)] * bool(agenda.advice)
        + [Line("entry", "What I was tempted to take over", agenda.take_over)]
        * bool(agenda.take_over),
    )
    checkin = session.checkin
    if checkin is not None:
        add(
            "checkin",
            "Check-in",
            [Line("entry", "How they are today", f"{checkin.scale}/10")] * bool(checkin.scale)
            + [Line("entry", "In their words", checkin.words)] * bool(checkin.words),
        )
    mentoring = session.mentoring
    if mentoring is not None:
        for key, title, lines in mentoring_setup(mentoring):
            add(key, title, lines)
    add("listening", "What I heard", [Line("entry", k, v) for k, v in session.listening.entries()])
    if mentoring is not None and mentoring.grow_into:
        add(
            "mentoring.grow_into",
            "What they hope to grow into",
            [Line("text", "", mentoring.grow_into)],
        )
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
    if mentoring is not None:
        add("mentoring.offers", "What I offered", offer_lines(mentoring))
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


def mentoring_setup(m: Mentoring) -> list[tuple[str, str, list[Line]]]:
    """A mentoring conversation's set-up: the agreement or the check of how it is going, the
    goals reviewed, their agenda for today and the goals set."""
    found: list[tuple[str, str, list[Line]]] = []
    rel = m.relationship
    if rel is not None and rel.agreed:
        agreed = [
            ("How often we meet", rel.cadence),
            ("What they hope for", rel.mentee_expects),
            ("What I offer", rel.mentor_offers),
            ("Confidentiality", rel.confidentiality),
        ]
        found.append(
            (
                "mentoring.agreement",
                "Our mentoring agreement",
                [Line("entry", k, v) for k, v in agreed if v],
            )
        )
    if rel is not None and (rel.check_words or rel.check_scale):
        found.append(
            (
                "mentoring.check",
                "How the mentoring is going",
                [Line("entry", "On 1–10", f"{rel.check_scale}/10")] * bool(rel.check_scale)
                + [Line("entry", "In their words", rel.check_words)] * bool(rel.check_words),
            )
        )
    reviews: list[Line] = []
    for review in m.goal_reviews:
        reviews.append(Line("bullet", "", review.goal))
        if review.progress:
            reviews.append(Line("detail", "Progress", review.progress))
        if review.scale:
            reviews.append(Line("detail", "On 1–10", f"{review.scale}/10"))
        reviews.append(Line("detail", "Status", review.status))
    found.append(("mentoring.goal_reviews", "Their goals, reviewed", reviews))
    serves = {g.goal_id: g.goal for g in m.goals_set} | {r.goal_id: r.goal for r in m.goal_reviews}
    agenda = [Line("text", "", m.agenda)] * bool(m.agenda)
    if m.serves_goal:
        agenda.append(
            Line("entry", "It serves their goal", serves.get(m.serves_goal, m.serves_goal))
        )
    found.append(("mentoring.agenda", "Their agenda for today", agenda))
    goals: list[Line] = []
    for goal in m.goals_set:
        goals.append(Line("bullet", "", goal.goal))
        goals.append(Line("detail", "Horizon", goal.horizon or str(goal.horizon_date or "")))
        if goal.replaces:
            goals.append(Line("detail", "Replaces", goal.replaces))
    found.append(("mentoring.goals_set", "New development goals", goals))
    return found


def offer_lines(m: Mentoring) -> list[Line]:
    lines: list[Line] = []
    for offer in m.offers:
        lines.append(Line("bullet", "", f"{offer.kind}: {offer.text}"))
        taken = "yes" if offer.taken_up else "no"
        item = f" (my next step {offer.item_id})" if offer.item_id else ""
        lines.append(Line("detail", "Taken up", taken + item))
    return lines
