"""The architecture, checked: packages import only the layers below them, and nothing loops.

Every ``import`` of a ``coachcli`` module is read from the source (top level, inside functions
and under ``TYPE_CHECKING`` alike) and checked against ``LAYERS``, top to bottom. A package may
import its own modules and any package in a lower layer; packages in one layer are independent.
docs/architecture.md explains the layers; change both together.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "coachcli"

LAYERS: list[tuple[str, ...]] = [
    ("__main__",),
    ("entry",),
    ("cli",),
    ("conversation",),
    ("history", "report", "practice", "sync"),
    ("followup",),
    ("banks",),
    ("language", "index"),
    ("ui", "storage"),
    ("core",),
    ("__init__",),  # the version string
]
LEVEL = {package: i for i, names in enumerate(LAYERS) for package in names}
# The longest chain of top-level imports between coachcli modules (9: conversation.mentoring
# subclasses the engine, whose chain is 8).
MAX_CHAIN = 9


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in SRC.rglob("*.py")}


def imports_of(path: Path, known: set[str], *, top_level_only: bool = False) -> set[str]:
    """The coachcli modules ``path`` imports (``from coachcli.x import y`` counts ``x.y`` when
    that is a module, else ``x``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        for name in names:
            if not name.startswith("coachcli"):
                continue
            while name not in known and "." in name:
                name = name.rsplit(".", 1)[0]
            if name in known:
                found.add(name)
                break
    me = module_name(path)
    found.discard(me)
    return found


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def graph(*, top_level_only: bool = False) -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {m: imports_of(p, known, top_level_only=top_level_only) for m, p in mods.items()}


def test_every_package_has_a_layer():
    packages = {package_of(m) for m in modules()}
    assert packages <= set(LEVEL), f"add to LAYERS: {sorted(packages - set(LEVEL))}"


def against_layers(edges: dict[str, set[str]]) -> list[str]:
    """Each ``module -> target`` where the target's package is not in a lower layer."""
    wrong = []
    for module, targets in edges.items():
        mine = package_of(module)
        for target in targets:
            theirs = package_of(target)
            if theirs not in (mine, "__init__") and LEVEL[theirs] <= LEVEL[mine]:
                wrong.append(f"{module} -> {target}")
    return sorted(wrong)


def test_no_package_imports_a_higher_layer_or_a_neighbour():
    wrong = against_layers(graph())
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycles_not_even_under_type_checking():
    cycle = _cycle(graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_import_chains_stay_short():
    edges = graph(top_level_only=True)
    depth: dict[str, int] = {}

    def longest(node: str) -> int:
        if node not in depth:
            depth[node] = 1 + max((longest(n) for n in edges[node]), default=0)
        return depth[node]

    deepest = max(edges, key=longest)
    assert longest(deepest) <= MAX_CHAIN, f"{deepest}: a chain of {longest(deepest)} modules"


def test_the_checks_catch_what_they_are_for():
    made_up = {
        "coachcli.core.model": {"coachcli.storage.store"},  # upward
        "coachcli.index.cache": {"coachcli.language.question"},  # a neighbour in its layer
        "coachcli.cli.app": {"coachcli.core.errors", "coachcli.cli.start"},  # fine
    }
    assert against_layers(made_up) == [
        "coachcli.core.model -> coachcli.storage.store",
        "coachcli.index.cache -> coachcli.language.question",
    ]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
