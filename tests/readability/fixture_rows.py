"""Fixture files of tests/readability/fixtures, read as tab-separated rows with line numbers."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def rows(name: str) -> list[tuple[int, list[str]]]:
    """(line number, tab-separated fields) for each data line of a fixture file."""
    out: list[tuple[int, list[str]]] = []
    for number, line in enumerate((FIXTURES / name).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            out.append((number, line.split("\t")))
    return out
