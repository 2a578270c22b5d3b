"""Each variant of the sample article matches its reviewed golden file."""

from __future__ import annotations

import difflib

import pytest

from tests.golden import GOLDEN, cases, produce

CASES = cases()


@pytest.mark.parametrize(("name", "args"), CASES, ids=[name for name, _ in CASES])
def test_matches_golden(name: str, args: list[str]) -> None:
    expected = (GOLDEN / name).read_text()
    actual = produce(args)
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
