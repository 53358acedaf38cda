"""The core is pure: only the command line touches files, the network, the environment or the clock."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "adservice"
# The command line is the one module allowed to do I/O.
EXEMPT = {"cli.py", "__main__.py"}
CORE = sorted(p for p in SRC.rglob("*.py") if p.name not in EXEMPT)
FORBIDDEN_CALLS = {"now", "utcnow", "today", "time", "print", "open", "input", "getenv", "localtime"}
FORBIDDEN_MODULES = {
    "os",
    "sys",
    "io",
    "pathlib",
    "socket",
    "time",
    "random",
    "subprocess",
    "logging",
    "shutil",
}


def test_the_core_is_what_we_think_it_is() -> None:
    names = {str(p.relative_to(SRC)) for p in CORE}
    assert {
        "calendar/workcalendar.py",
        "engagement/lifecycle.py",
        "deadlines/plans.py",
        "portfolio/obligations.py",
        "present/html.py",
    } <= names


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(SRC)))
def test_module_is_pure(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            assert name not in FORBIDDEN_CALLS, f"{path.name}:{node.lineno} calls {name}()"
        elif isinstance(node, ast.Import):
            modules = {a.name.split(".")[0] for a in node.names}
            assert not modules & FORBIDDEN_MODULES, f"{path.name}:{node.lineno} imports {modules}"
        elif isinstance(node, ast.ImportFrom):
            module = (node.module or "").split(".")[0]
            assert module not in FORBIDDEN_MODULES, f"{path.name}:{node.lineno} imports {module}"
        elif isinstance(node, ast.Attribute):
            assert node.attr != "environ", f"{path.name}:{node.lineno} reads the environment"
