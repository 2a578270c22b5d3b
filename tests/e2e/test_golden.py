"""Each variant of the sample article, and the site's index, chooser and 404 pages,
match their reviewed golden files."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.golden import GOLDEN, SITE_PAGES, built_site, cases, produce

CASES = cases()


def check(name: str, actual: str) -> None:
    expected = (GOLDEN / name).read_text()
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                f"golden/{name}",
                "rendered",
                n=2,
            )
        )
        pytest.fail(
            f"{name} differs from its golden file (run `make golden`, review):\n{diff[:4000]}"
        )


@pytest.mark.parametrize(("name", "args"), CASES, ids=[name for name, _ in CASES])
def test_matches_golden(name: str, args: list[str]) -> None:
    check(name, produce(args))


@pytest.fixture(scope="module")
def site() -> Iterator[Path]:
    with built_site() as folder:
        yield folder


@pytest.mark.parametrize("name", sorted(SITE_PAGES))
def test_site_page_matches_golden(site: Path, name: str) -> None:
    check(name, (site / SITE_PAGES[name]).read_text(encoding="utf-8"))
