"""Spanish syllables against the hand-checked RAE fixture, one test per fixture line."""

from __future__ import annotations

import pytest

from engine.readability import syllables_es
from tests.readability.fixture_rows import rows

CASES = rows("syllables_es.tsv")


def test_fixture_is_large_enough() -> None:
    assert len(CASES) >= 150
    assert sum("hiatus" in fields[3] for _, fields in CASES) >= 40
    assert sum("diphthong" in fields[3] for _, fields in CASES) >= 60


@pytest.mark.parametrize(
    ("line", "fields"), CASES, ids=[f"syllables_es.tsv:{n}:{f[0]}" for n, f in CASES]
)
def test_word(line: int, fields: list[str]) -> None:
    word, expected_split, expected_count, note = fields
    where = f"tests/readability/fixtures/syllables_es.tsv:{line} {word!r} ({note})"
    assert len(expected_split.split("-")) == int(expected_count), (
        f"{where}: fixture disagrees with itself"
    )
    assert "-".join(syllables_es.split(word)) == expected_split, where
    assert syllables_es.count(word) == int(expected_count), where


def test_numbers_and_abbreviations() -> None:
    assert syllables_es.count("2,5") == 1
    assert syllables_es.count("mg") == 1
    assert syllables_es.split("mg") == ["mg"]


def test_case_and_accents_are_kept() -> None:
    assert syllables_es.split("NÁUSEAS") == ["NÁU", "SE", "AS"]
    assert syllables_es.split("Día") == ["Dí", "a"]
