"""Every command is written one way (docs/architecture.md, "A new command"): a module-level
function with ``Annotated`` parameters, added by its module's ``register(app)``."""

from __future__ import annotations

import ast
from pathlib import Path

CLI = Path(__file__).resolve().parent.parent / "src" / "coachcli" / "cli"


def _modules() -> list[tuple[str, ast.Module]]:
    return [(path.name, ast.parse(path.read_text(encoding="utf-8"))) for path in CLI.glob("*.py")]


def _typer_call(node: ast.AST | None) -> str | None:
    """``Option``/``Argument`` when ``node`` is ``typer.Option(...)``/``typer.Argument(...)``."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "typer"
        and node.func.attr in ("Option", "Argument")
    ):
        return node.func.attr
    return None


def test_no_parameter_has_a_typer_default():
    found = []
    for name, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                args = node.args
                for default in [*args.defaults, *args.kw_defaults]:
                    kind = _typer_call(default)
                    if kind:
                        found.append(f"{name}:{default.lineno} = typer.{kind}(...)")
    assert not found, "use Annotated[..., typer.Option(...)] instead: " + ", ".join(found)


def test_no_command_is_registered_by_a_decorator_or_defined_inside_register():
    found = []
    for name, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                for decorator in node.decorator_list:
                    target = decorator.func if isinstance(decorator, ast.Call) else decorator
                    if isinstance(target, ast.Attribute) and target.attr in ("command", "callback"):
                        found.append(f"{name}:{node.lineno} @...{target.attr}")
                if node.name == "register":
                    inner = [n for n in ast.walk(node) if isinstance(n, ast.FunctionDef)]
                    found += [f"{name}:{n.lineno} {n.name} inside register" for n in inner[1:]]
    assert not found, "define commands at module level, add them in register(app): " + ", ".join(
        found
    )


def test_the_table_of_command_modules_is_what_the_modules_register():
    import importlib

    import typer

    from coachcli.cli import app as cli

    found = {}
    for module in cli.MODULES:
        part = typer.Typer()
        importlib.import_module(f"coachcli.cli.{module}").register(part)
        for info in part.registered_commands:
            found[info.name] = module
        for info in part.registered_groups:
            found[info.name] = module
    assert found == cli.MODULE_OF
    registering = [
        path.stem
        for path in Path(cli.__file__).parent.glob("*.py")
        if "\ndef register(" in path.read_text(encoding="utf-8")
    ]
    assert sorted(registering) == sorted(cli.MODULES)  # a new command module is in the table


def test_help_lists_commands_in_the_same_order_whatever_ran_first(capsys):
    from coachcli.cli import app as cli

    cli.run(["--help"])
    first = capsys.readouterr().out
    cli._parts.clear()
    cli._built.clear()
    cli.run(["people"])
    cli.run(["check-step", "Email Kim by friday"])
    capsys.readouterr()
    cli.run(["--help"])
    assert capsys.readouterr().out == first
