"""The engine stays readable: small modules, short functions, stages that say what they own,
and engine imports at module level only (import-linter sees them all; `make test` runs it)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parents[1] / "engine"
MODULES = sorted(ENGINE.rglob("*.py"))
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _name(path: Path) -> str:
    return path.relative_to(ENGINE.parent).as_posix()


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_modules_are_small_enough_to_read_in_one_sitting(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{_name(path)} has {lines} lines"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_functions_are_short(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines, line {node.lineno})"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{_name(path)}: {', '.join(long)}"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_every_module_says_what_it_owns(path: Path) -> None:
    if path.name == "__main__.py":
        return
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert docstring, f"{_name(path)} has no docstring"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_engine_imports_stand_at_module_level(path: Path) -> None:
    """An engine import inside a function is a choice about start-up time, never a dodge:
    it is allowed only to keep a heavy third-party library (WeasyPrint, pikepdf,
    citeproc-py) off `--help` and `check`, and the comment above it says so."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    hidden = [
        f"line {child.lineno}"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for child in ast.walk(node)
        if isinstance(child, ast.ImportFrom)
        and (child.level > 0 or (child.module or "").split(".")[0] == "engine")
        and "off `--help`" not in lines[child.lineno - 2]
    ]
    assert not hidden, f"{_name(path)} imports engine modules inside functions: {hidden}"
