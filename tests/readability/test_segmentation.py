"""Sentence segmentation, as cases in tests/fixtures/readability/segmentation.txt.

Each case carries its fixture line number, so a failure points at its case.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from engine.inline.parse import parse_inline
from engine.readability.segment import split_unit

FIXTURE = Path(__file__).parents[1] / "fixtures" / "readability" / "segmentation.txt"


@dataclass(frozen=True)
class Case:
    line: int
    text: str
    expected: list[str]


def cases() -> list[Case]:
    found = []
    for number, line in enumerate(FIXTURE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        text, expected = line.split(" => ")
        found.append(Case(number, text, [s.strip() for s in expected.split(" | ")]))
    return found


@pytest.mark.parametrize("case", cases(), ids=lambda c: f"{FIXTURE.name}:{c.line}")
def test_segmentation(case: Case) -> None:
    sentences = [s.text for s in split_unit(parse_inline(case.text))]
    assert sentences == case.expected, f"{FIXTURE}:{case.line}: {case.text!r}"


def test_numbers_and_units_are_not_flagged_as_abbreviations() -> None:
    (sentence,) = split_unit(parse_inline("Take 800-2000 IU daily."))
    iu = next(word for word in sentence.words if word.text == "IU")
    assert iu.quantity
