"""`coach start`: wire the real prompter, store and clock to the conversation engine."""

import contextlib
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from coachcli.cli import completion as complete
from coachcli.cli import options
from coachcli.core.errors import CoachError, NoTerminalError

NO_TTY = (
    "coach start needs a terminal (stdin and stdout); for scripted use pass --answers FILE "
    "(coach help answers; an example: coach help answers-example)"
)


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP end the conversation like Ctrl-C, so the draft is kept.

    The interrupt is raised wherever the program is when the signal comes, which may be inside
    the prompt library's own clean-up; if it comes out as another error, it is still the
    signal's: the run ends as cancelled (130), not as a bug (the engine keeps the draft on any
    error)."""
    received: list[int] = []

    def handler(signum: int, frame: object) -> None:
        received.append(signum)
        raise KeyboardInterrupt

    previous = {}
    for sig in (signal.SIGTERM, signal.SIGHUP):
        previous[sig] = signal.signal(sig, handler)
    try:
        yield
    except CoachError:
        raise  # the conversation said what happened (cancelled, draft kept)
    except Exception as exc:
        if received:
            raise KeyboardInterrupt from exc
        raise
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def start(
    person: Annotated[
        str | None, options.person_option("Who you are meeting.", "-p", metavar=None)
    ] = None,
    bank: Annotated[
        str | None,
        typer.Option(
            "--bank",
            "-b",
            help="Question bank (default: coaching).",
            autocompletion=complete.bank_names,
        ),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Run without prompts from a YAML/JSON answers file (- reads standard input; "
            "format: coach help answers). --person, --bank and --mentoring take the place of "
            "the file's.",
        ),
    ] = None,
    mentoring: Annotated[
        bool,
        typer.Option(
            "--mentoring",
            "-m",
            help="A mentoring conversation: the mentee leads, you offer, goals span months "
            "(the mentoring bank unless --bank names another).",
        ),
    ] = False,
) -> None:
    """Walk through a four-skill coaching (or mentoring) conversation and save it.

    A brief from earlier conversations, your own agenda, a quick check-in, then the four skills:
    listen to understand, ask powerful questions ("And what else?" after every answer; number
    keys pick), balance challenge and support (what they corrected is kept), end with clear next
    steps, the help they want from you and when you will next meet. End a line with :e to write
    it in $EDITOR. Ctrl-C keeps a draft (with what you were typing) that the next `coach start`
    offers to resume.

    A bank whose kind is mentoring (or --mentoring) runs the mentoring flow: the mentee's agenda
    and development goals, offers made with permission, the next meeting.

    Examples:

      coach start --person Sam

      coach start --mentoring --person Ana

      coach help answers-example > answers.yaml

      coach start --answers answers.yaml
    """
    from coachcli.ui.terminal import interactive

    kind = "mentoring" if mentoring else None
    if answers is not None:
        from coachcli.conversation.start import run_scripted

        run_scripted(answers, bank, kind, person)
        return
    if not interactive():
        raise NoTerminalError(NO_TTY)
    from coachcli.conversation.start import run_interactive

    if bank is None:
        from coachcli.storage.config import load_quietly

        bank = load_quietly().bank or None  # the config file's default bank

    with terminate_as_interrupt():
        run_interactive(person, bank, kind)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("start", rich_help_panel=None)(start)
