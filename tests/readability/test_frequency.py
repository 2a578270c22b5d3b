"""Plainly's reading of wordfreq's lists gives wordfreq's own numbers.

``engine.frequency`` reads the installed word lists instead of importing wordfreq;
these tests hold it to ``wordfreq.zipf_frequency`` in every frequency band. (When
it was written it was also checked over every listed lowercase ASCII word of
English and Spanish.)
"""

from __future__ import annotations

import random
import string

import pytest
import wordfreq

from engine.readability import frequency


def expected(word: str, language: str, floor: float) -> float | None:
    found = wordfreq.zipf_frequency(word, language)
    return found if found >= floor else None


def plain(word: str) -> bool:
    """A word the table answers for itself (anything else goes to wordfreq)."""
    return word.isascii() and word.isalpha() and word.islower()


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_band_and_unlisted_words_match_wordfreq(language: str) -> None:
    buckets = frequency._word_list(language)
    assert buckets is not None
    listed = [word for bucket in buckets for word in bucket]
    assert len(listed) == len(set(listed)), "a word listed twice would break the table"
    chooser = random.Random(7)
    words = [next((w for w in bucket if plain(w)), "") for bucket in buckets]
    words += chooser.sample([w for w in listed if plain(w)], 1500)
    words += ["".join(chooser.choices(string.ascii_lowercase, k=9)) for _ in range(300)]
    for floor in (2.5, 0.0):
        for word in filter(None, words):
            assert frequency.zipf(word, language, floor) == expected(word, language, floor), word


@pytest.mark.parametrize(
    ("word", "language"),
    [("Vitamin", "en"), ("INR", "en"), ("naïve", "en"), ("médico", "es"), ("calcificación", "es")],
)
def test_other_words_go_to_wordfreq(word: str, language: str) -> None:
    assert frequency.zipf(word, language, 2.5) == expected(word, language, 2.5)


def test_a_language_without_a_large_list_has_no_table() -> None:
    assert frequency._table("xx", 2.5) is None
