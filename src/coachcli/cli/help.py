"""`coach help [TOPIC]` and `coach help --man`: the docs/ pages, shipped inside the package.

The topics are the Markdown files of the repository's docs/ folder (linked into the package as
``coachcli/docs``, like ``prompts``), so an installed coach shows the same text the repository
does. Only typer and the standard library are imported here.
"""

import sys
from typing import Annotated

import typer

# topic -> ((folder, file) inside the package, one line on what it covers)
TOPICS = {
    "answers": (("docs", "answers.md"), "the answers file for `coach start --answers FILE`"),
    "answers-example": (("examples", "answers.yaml"), "a complete answers file to copy and edit"),
    "banks": (("docs", "banks.md"), "question banks: the format, and making your own"),
    "bank-schema": (
        ("docs", "bank.schema.json"),
        "the JSON Schema of a bank file, for your editor",
    ),
    "dates": (("docs", "dates.md"), "how due dates and periods are typed (friday, in 2 weeks, …)"),
    "exit-codes": (("docs", "exit-codes.md"), "what each exit status means, for scripts"),
    "environment": (("docs", "environment.md"), "the environment variables coach reads"),
    "privacy": (("docs", "privacy.md"), "what coach keeps, where, and who can read it"),
    "session-format": (("docs", "session-format.md"), "the session file, field by field"),
    "practice": (("docs", "practice.md"), "coach practice: drills on the four skills, scored"),
    "json": (("docs", "json.md"), "every --json output, its schema and versioning; --csv"),
    "config": (("docs", "config.md"), "the optional config file: default bank, colour, pager"),
    "sync": (("docs", "sync.md"), "keeping your store in step across machines with git"),
    "encryption": (("docs", "encryption.md"), "encryption at rest with age: keys, devices, git"),
    "report": (("docs", "report.md"), "the figures of `coach report` and its --json/--csv"),
    "index": (("docs", "index.md"), "the local index cache: where it is, how it stays true"),
}
MAN_SECTIONS = (
    ("exit status", "exit-codes"),
    ("environment", "environment"),
    ("files", "privacy"),
    ("dates", "dates"),
)


def topic_text(topic: str) -> str:
    """The text of a help topic, read from the installed package."""
    from importlib.resources import files

    from coachcli.core.errors import DamagedFileError, NotFoundError

    if topic not in TOPICS:
        raise NotFoundError(
            f"no help topic {topic!r}", hint="`coach help` lists the topics: " + ", ".join(TOPICS)
        )
    folder, name = TOPICS[topic][0]
    resource = files("coachcli").joinpath(folder, name)
    try:
        return resource.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DamagedFileError(f"{folder}/{name}", f"cannot read: {exc}") from None


def _topics(incomplete: str) -> list[tuple[str, str]]:
    return [(name, about) for name, (_, about) in TOPICS.items() if name.startswith(incomplete)]


def _commands() -> list[tuple[str, str]]:
    import typer.main
    from typer.core import TyperGroup

    from coachcli.cli.app import full_app

    out = []
    group = typer.main.get_command(full_app())
    assert isinstance(group, TyperGroup)  # an app with several commands is a group
    ctx = typer.Context(group, info_name="coach")
    for name, command in group.commands.items():
        if getattr(command, "hidden", False):
            continue
        subs = getattr(command, "commands", None) or {}
        if subs and name != "followup":
            for sub_name, sub in subs.items():
                usage = " ".join(sub.collect_usage_pieces(ctx))
                out.append((f"coach {name} {sub_name} {usage}", sub.get_short_help_str(200)))
        else:
            usage = " ".join(command.collect_usage_pieces(ctx))
            out.append((f"coach {name} {usage}", command.get_short_help_str(200)))
            for sub_name, sub in subs.items():
                usage = " ".join(sub.collect_usage_pieces(ctx))
                out.append((f"coach {name} {sub_name} {usage}", sub.get_short_help_str(200)))
    return out


def man_text() -> str:
    from coachcli import __version__
    from coachcli.cli.app import DESCRIPTION
    from coachcli.ui.manpage import Section, man_page

    return man_page(
        name="coach",
        version=__version__,
        summary="a coaching assistant for supervisors",
        synopsis="COMMAND [OPTIONS] [ARGS]...",
        description=DESCRIPTION + "\n\nEvery command has --help with an example; "
        "`coach help TOPIC` shows the topics below in full: " + ", ".join(TOPICS) + ".",
        commands=_commands(),
        sections=[Section(title, topic_text(topic)) for title, topic in MAN_SECTIONS],
    )


def help_command(
    topic: Annotated[
        str | None,
        typer.Argument(
            metavar="[TOPIC]",
            help="One of: " + ", ".join(TOPICS) + ".",
            autocompletion=_topics,
            show_default=False,
        ),
    ] = None,
    man: Annotated[
        bool, typer.Option("--man", help="Print coach's man page (roff) instead.")
    ] = False,
    no_pager: Annotated[bool, typer.Option("--no-pager", help="Never page the output.")] = False,
) -> int:
    """Read the documentation that comes with coach: formats, dates, exit codes, privacy.

    Without a topic, lists the topics.

    \b
    Examples:
      coach help answers
      coach help answers-example > answers.yaml
      coach help --man > coach.1 && man ./coach.1
    """
    from coachcli.core.sanitize import clean

    if man:
        sys.stdout.write(man_text())
        return 0
    if topic is None:
        width = max(len(name) for name in TOPICS)
        lines = ["Help topics (coach help TOPIC):", ""]
        lines += [f"  {name:<{width}}  {about}" for name, (_, about) in TOPICS.items()]
        lines += ["", "Every command also has --help, with an example."]
        print("\n".join(lines))
        return 0
    from coachcli.ui.pager import page

    page(clean(topic_text(topic)), enabled=not no_pager)
    return 0


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("help")(help_command)
