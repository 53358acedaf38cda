"""The layers of SPEC §1.7, read from the source: imports only go down.

Every import counts — at module level, inside functions and under
``TYPE_CHECKING`` (a type named from a higher layer is a dependency on it too).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "adservice"

#: Layer of each top-level name under ``adservice`` (package or module), lowest first.
#: A module may import its own layer's modules only inside its own package, and any lower layer.
LAYERS: dict[str, int] = {
    "errors": 0,
    "_frozen": 0,
    "_json": 1,
    "_display": 1,
    "i18n": 1,
    "calendar": 2,
    "rulebook": 3,
    "deadlines": 4,
    "kernel": 5,
    "engagement": 6,
    "issues": 6,
    "numbering": 5,
    "portfolio": 7,
    "present": 8,
    "demo": 9,
    "_demo_words": 1,
    "testing": 9,
    "cli": 10,
    "__main__": 11,
}
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    out = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> list[tuple[int, str, str]]:
    """``(line, imported module, imported name)`` for every adservice import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            for alias in node.names:
                full = f"{module}.{alias.name}"
                out.append((node.lineno, full if full in MODULES else module, alias.name))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name, "") for a in node.names]
    return [x for x in out if x[1] == "adservice" or x[1].startswith("adservice.")]


def _layer(module: str) -> tuple[str, int]:
    top = module.split(".")[1] if "." in module else ""
    return top, LAYERS[top]


def test_every_part_has_a_layer() -> None:
    tops = {n.split(".")[1] for n in MODULES if "." in n}
    assert tops <= set(LAYERS), f"give these a layer: {sorted(tops - set(LAYERS))}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n != "adservice"))
def test_imports_only_go_down(name: str) -> None:
    top, level = _layer(name)
    for line, module, imported in _imports(name, MODULES[name]):
        if module == "adservice":
            # ``from adservice import x`` names a top-level part; the package itself is the top.
            assert imported in LAYERS, f"{name}:{line} imports the adservice package (the top layer)"
            other, other_level = imported, LAYERS[imported]
        else:
            other, other_level = _layer(module)
        if other == top:
            continue
        assert other_level < level, (
            f"{name}:{line} imports {module} (layer {other_level}, {other}) from layer {level} ({top}): "
            "imports only go down"
        )


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_name_from_another_module(name: str) -> None:
    for line, module, imported in _imports(name, MODULES[name]):
        private_module = module.rpartition(".")[2].startswith("_")
        if imported.startswith("_") and not imported.startswith("__") and not private_module:
            assert module == name, f"{name}:{line} imports private {imported} from {module}"


def test_no_cycle_inside_a_package() -> None:
    graph = {
        name: {m for _, m, _ in _imports(name, path) if m in MODULES and m != name}
        for name, path in MODULES.items()
    }
    # A package's __init__ re-exports its modules; it is their top, not a peer.
    graph = {
        name: {m for m in targets if not name.startswith(m + ".") and m != "adservice"}
        for name, targets in graph.items()
    }
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = [*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt]
                pytest.fail(f"import cycle: {' -> '.join(cycle)}")
            if nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_read_in_one_sitting(name: str) -> None:
    path = MODULES[name]
    if path.name == "__init__.py" and name == "adservice":
        return
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path.relative_to(SRC)} has {lines} lines; split it by concept"
