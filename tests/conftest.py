"""Shared fixtures: copies of the bundled content project, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from engine.cli import cli

REPO = Path(__file__).resolve().parent.parent
PROJECT_FILES = ["plainly.yaml", "glossary.yaml", "variants", "articles"]


def copy_project(target: Path) -> Path:
    """A private copy of the repository's content project (no output folder)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.exists():
            shutil.copy2(source, target / name)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


Invoke = Callable[..., Result]


@pytest.fixture
def plainly() -> Invoke:
    """Run the `plainly` command line in-process and return click's Result."""
    runner = CliRunner()

    def invoke(*args: str | Path, input: str | None = None) -> Result:
        return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke
