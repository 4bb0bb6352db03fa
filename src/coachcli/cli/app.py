"""The command line: parse, wire the real prompter, store and clock, turn errors into exit codes.

Each command group lives in ``coachcli.cli.<name>`` and registers itself on ``app``; a run
imports only the module of the command it invokes (``MODULE_OF``), and those modules import only
typer at import time and load what a command needs inside the command, so ``coach --help``
stays close to the bare interpreter. ``main`` is the one place where an
exception becomes a message and an exit status.
"""

import contextlib
import copy
import os
import sys
from typing import Annotated, Any, Protocol, cast

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

from coachcli import __version__
from coachcli.core.errors import CoachError, ExitCode


def _readable(params: list) -> None:
    """An option that takes a value and names none shows its own name (``--person PERSON``),
    not the type typer would print (``<str>``)."""
    for param in params:
        if (
            getattr(param, "param_type_name", "") == "option"
            and not getattr(param, "is_flag", False)
            and param.metavar is None
            and param.name
        ):
            param.metavar = param.name.upper()


class _Command(TyperCommand):
    """Usage lines as people read them: ``coach show [OPTIONS] SESSION_ID`` (typer >= 0.26
    writes ``{SESSION_ID}`` for a required argument)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _readable(self.params)

    def collect_usage_pieces(self, ctx):
        return [_unbrace(piece) for piece in super().collect_usage_pieces(ctx)]


class _Group(TyperGroup):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _readable(self.params)

    def collect_usage_pieces(self, ctx):
        return [_unbrace(piece) for piece in super().collect_usage_pieces(ctx)]


def _unbrace(piece: str) -> str:
    if piece.startswith("{") and piece.endswith("}"):
        return piece[1:-1]
    return piece


DESCRIPTION = (
    "A coaching assistant for supervisors: listen to understand, ask powerful questions, "
    "balance challenge and support, end with clear next steps."
)
EPILOG = """\b
Environment (coach help environment):
  COACH_HOME          where your data lives (coach path)
  COACH_LOCK_TIMEOUT  seconds to wait for another coach process (10)
  COACH_DEBUG         show the stack of an unexpected error
  NO_COLOR            no colour and no bold
  COACH_TODAY         YYYY-MM-DD: fixes today's date, for demos and tests
  COACH_CACHE_DIR     where the index cache lives (coach help index)
  COACH_STATE_DIR     where the store lock lives (coach help environment)
  PAGER               pager for long output (less -FRX)
Docs: coach help TOPIC (answers, banks, dates, exit-codes, privacy, ...)."""

app = typer.Typer(
    name="coach",
    cls=_Group,
    help=DESCRIPTION + "\n\nExample: coach start --person Sam",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
COLORS = ("auto", "always", "never")


def _version(value: bool) -> None:
    if value:
        print(f"coach {__version__}")
        raise typer.Exit()


def _colors(incomplete: str) -> list[str]:
    return [c for c in COLORS if c.startswith(incomplete)]


def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
    color: Annotated[
        str | None,
        typer.Option(
            "--color",
            metavar="auto|always|never",
            help="Colour and bold: auto (on a terminal, unless NO_COLOR or TERM=dumb), always "
            "or never. Default: the config file's color, else auto.",
            autocompletion=_colors,
            show_default=False,
        ),
    ] = None,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Never send long output through $PAGER.")
    ] = False,
) -> None:
    """coachcli."""
    if color is not None and color not in COLORS:
        raise typer.BadParameter(f"{color!r}: choose auto, always or never", param_hint="--color")
    from coachcli.ui import pager, terminal

    # The config file is read only if colour or paging comes up (plain, piped output never
    # reads it); a broken file is ignored here and reported by `coach config`.
    config = _Lazy()
    terminal.set_color(color, default=lambda: config().color)
    pager.configure(lambda: config().pager)
    if no_pager:
        pager.disable()


app.callback()(_root)


class _Lazy:
    """The config file, read on first use, once per command."""

    def __init__(self) -> None:
        self._config: Any = None

    def __call__(self) -> Any:  # a storage.config.Config
        if self._config is None:
            from coachcli.storage.config import load_quietly

            self._config = load_quietly()
        return self._config


# The command modules, in the order ``coach --help`` lists their commands, and which of them
# registers each top-level command or group (tests/test_cli_pattern.py checks this table against
# what the modules register): a run imports only the module of the command it invokes.
MODULES = (
    "start",
    "practice",
    "amend",
    "followup",
    "goals",
    "history",
    "export",
    "report",
    "check",
    "bank",
    "maintenance",
    "sync",
    "encrypt",
    "about",
    "help",
    "config",
    "completion",
)
MODULE_OF = {
    "start": "start",
    "practice": "practice",
    "edit": "amend",
    "prep": "amend",
    "followup": "followup",
    "goals": "goals",
    "people": "history",
    "sessions": "history",
    "show": "history",
    "rename": "history",
    "export": "export",
    "report": "report",
    "check-question": "check",
    "check-step": "check",
    "bank": "bank",
    "guide": "bank",
    "doctor": "maintenance",
    "forget": "maintenance",
    "sync": "sync",
    "import": "sync",
    "encrypt": "encrypt",
    "path": "about",
    "schema": "about",
    "help": "help",
    "config": "config",
    "completion": "completion",
}
_COACH = app
_parts: dict[str, typer.Typer] = {}


def _load(names: tuple[str, ...] | list[str]) -> None:
    """Register the command modules ``names`` on ``app`` (each imported once), every command in
    ``MODULES`` order whichever was loaded first."""
    import importlib

    missing = [name for name in names if name not in _parts]
    for name in missing:
        part = _parts[name] = typer.Typer()
        importlib.import_module(f"coachcli.cli.{name}").register(part)
    if not missing:
        return
    loaded = [_parts[name] for name in MODULES if name in _parts]
    _COACH.registered_commands = [info for part in loaded for info in part.registered_commands]
    _COACH.registered_groups = [info for part in loaded for info in part.registered_groups]
    _plain_usage(_COACH)


def full_app() -> typer.Typer:
    """``app`` with every command registered (help, the manual page, completion)."""
    _load(MODULES)
    return _COACH


def _plain_usage(typer_app: typer.Typer) -> None:
    """Every command and group of ``typer_app`` uses the readable usage classes above."""
    for command in typer_app.registered_commands:
        if command.cls in (None, TyperCommand):
            command.cls = _Command
    for group in typer_app.registered_groups:
        group.cls = _Group
        if group.typer_instance is not None:
            _plain_usage(group.typer_instance)


def _say_error(message: str, hint: str | None = None) -> None:
    from coachcli.ui.output import say_error

    say_error(message, hint)


def _where(exc: BaseException) -> str:
    """file:line of the innermost frame, to make a bug report useful without any values."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    if last is None:
        return "?"
    return f"{os.path.basename(last.tb_frame.f_code.co_filename)}:{last.tb_lineno}"


class _Shown(Protocol):
    """What coach uses of click's ``ClickException`` (typer does not export that class)."""

    def show(self) -> None: ...


def _click_exception() -> type[Exception]:
    """click's ClickException (usage errors), found through typer's public ``BadParameter``:
    typer <0.26 uses the ``click`` package, later versions a private vendored copy."""
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == "ClickException":
            return cls
    return typer.BadParameter  # pragma: no cover - every typer has it


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit status. Never raises (but for SystemExit)."""
    from coachcli.ui import output

    # A pydantic plugin installed beside coach (an observability tool, say) would be handed
    # every model coach validates, notes included; none is loaded (and none looked for: the
    # search reads every installed package's metadata, ~10 ms). Set the variable to opt in.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    return output.guarded(lambda: _dispatch(argv))


_built: dict[str | None, tuple[typer.Typer, Any]] = {}
_ROOT_FLAGS = ("--no-pager",)
_ROOT_VALUED = ("--color",)


def _invoked(argv: list[str]) -> str | None:
    """The command ``argv`` names after the root options, or None when it names none (help,
    version, completion, a typo): then the whole tree is needed, to list or suggest."""
    if os.environ.get("_COACH_COMPLETE"):
        return None
    tokens = iter(argv)
    for token in tokens:
        if token in _ROOT_FLAGS or token.startswith("--color="):
            continue
        if token in _ROOT_VALUED:
            next(tokens, None)
            continue
        return None if token.startswith("-") else token
    return None


def _command(argv: list[str]) -> Any:
    """The click command typer builds from ``app``, with only the command ``argv`` invokes.

    Typer builds a command by reading every parameter's signature and type hints (~0.3 ms a
    command, ~10 ms for the whole tree), so a run builds just the one it needs; ``coach``,
    ``coach --help`` and a mistyped name build them all. Each build is kept for the process:
    one that runs many commands (the tests) pays once per command."""
    name = _invoked(argv)
    if app is _COACH:  # tests may swap ``app`` for their own
        _load([MODULE_OF[name]] if name in MODULE_OF else MODULES)
    built = _built.get(name)
    if built is None or built[0] is not app:  # tests may swap ``app`` for their own
        built = _built[name] = (app, typer.main.get_command(_only(app, name) if name else app))
    return built[1]


def _only(typer_app: typer.Typer, name: str) -> typer.Typer:
    """``typer_app`` with just the command or group called ``name`` (all of it if none is)."""
    from typer.main import get_command_name

    commands = [
        info
        for info in typer_app.registered_commands
        if (info.name or (info.callback and get_command_name(info.callback.__name__))) == name
    ]
    groups = [info for info in typer_app.registered_groups if info.name == name]
    if not commands and not groups:
        return typer_app
    trimmed = copy.copy(typer_app)
    trimmed.registered_commands = commands
    trimmed.registered_groups = groups
    return trimmed


def _dispatch(argv: list[str] | None) -> int:
    click_exception = _click_exception()
    try:
        command = _command(sys.argv[1:] if argv is None else argv)
        result = command.main(args=argv, prog_name="coach", standalone_mode=False)
    except CoachError as exc:
        _say_error(exc.message, exc.hint)
        return int(exc.exit_code)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except click_exception as exc:
        with contextlib.suppress(OSError, ValueError):
            cast("_Shown", exc).show()  # a ClickException: the class found above
        return int(ExitCode.USAGE)
    except (typer.Abort, KeyboardInterrupt, EOFError):
        _say_error("cancelled")
        return int(ExitCode.CANCELLED)
    except BrokenPipeError:
        # The reader went away (coach ... | head): not an error worth a message.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep interpreter exit quiet
        return int(ExitCode.OK)
    except Exception as exc:
        from coachcli.ui.output import OutputClosed, OutputFailed

        if isinstance(exc, OutputClosed | OutputFailed):
            raise
        if os.environ.get("COACH_DEBUG"):
            raise
        # No message text: it may quote user notes. The type and place are enough to report.
        _say_error(
            f"unexpected error ({type(exc).__name__} at {_where(exc)})",
            "this is a bug in coachcli; run again with COACH_DEBUG=1 to see the stack",
        )
        return int(ExitCode.UNEXPECTED)
    return int(result) if isinstance(result, int) else int(ExitCode.OK)


def main() -> None:
    sys.exit(run(sys.argv[1:]))
