"""Jargon spans and hard words against their fixtures, one test per fixture line."""

from __future__ import annotations

import pytest

from engine.readability import jargon
from tests.readability.fixture_rows import rows

JARGON = rows("jargon_cases.tsv")
HARD = rows("hard_cases.tsv")


def _split(field: str) -> list[str]:
    return [part for part in field.split("|") if part]


@pytest.mark.parametrize(
    ("line", "fields"), JARGON, ids=[f"jargon_cases.tsv:{n}" for n, _ in JARGON]
)
def test_jargon_case(line: int, fields: list[str]) -> None:
    locale, text, explained, expected = (fields + [""] * 4)[:4]
    spans = jargon.jargon(text, locale, _split(explained))
    got = [s.text for s in spans]
    assert got == _split(expected), f"tests/readability/fixtures/jargon_cases.tsv:{line}: {text!r}"
    for span in spans:
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(("line", "fields"), HARD, ids=[f"hard_cases.tsv:{n}" for n, _ in HARD])
def test_hard_case(line: int, fields: list[str]) -> None:
    locale, words, expected = (fields + [""] * 3)[:3]
    got = [h.word for h in jargon.hard_words(words.split(), locale)]
    assert got == _split(expected), f"tests/readability/fixtures/hard_cases.tsv:{line}: {words!r}"


def test_spanish_threshold_is_four() -> None:
    # Three-syllable Spanish words are everyday words, not "long words".
    assert jargon.hard_words(["ayuda", "comida", "equipo", "receta"], "es") == []
    assert jargon.LONG_WORD == {"en": 3, "es": 4}


def test_kinds_and_message() -> None:
    kinds = {s.text: s.kind for s in jargon.jargon("Ask about eGFR and lisinopril.", "en")}
    assert kinds == {"eGFR": "abbreviation", "lisinopril": "drug_name"}
    word = jargon.hard_words(["approximately"], "en")[0]
    assert "5 syllables" in word.message


def test_names_inside_a_sentence_are_not_jargon() -> None:
    assert jargon.jargon("A review by Cochrane authors.", "en") == []


def test_words_of_keeps_hyphenated_words() -> None:
    assert jargon.words_of("A meta-analysis, p-value.") == ["A", "meta-analysis", "p-value"]


def test_common_long_spanish_words_are_everyday_words() -> None:
    words = ["necesita", "mayoría", "suficiente", "animales", "aproximadamente"]
    assert [h.word for h in jargon.hard_words(words, "es")] == ["aproximadamente"]
