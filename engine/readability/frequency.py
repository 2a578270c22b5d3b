"""How common a word is (Zipf scale), from wordfreq's own word lists.

Importing wordfreq costs about a quarter of a second (its tokenizer brings ftfy,
langcodes, regex and wcwidth), and its first look-up builds a dictionary of every
word in the language. Plainly asks only about single words, and only whether each
is rarer than a threshold. For a word of lowercase ASCII letters, wordfreq's
normalizing and tokenizing hand the word back unchanged, so reading its
(installed, offline) word list directly gives the very number it would; every
other word still goes to wordfreq itself. ``tests/test_frequency.py`` holds the
two to the same answers.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
from functools import cache
from pathlib import Path

WORDFREQ_MINIMUM = 1e-9
"""The frequency wordfreq gives an unlisted word (Zipf 0, its default minimum)."""


def zipf(word: str, language: str, floor: float) -> float | None:
    """``wordfreq.zipf_frequency(word, language)``, or None when that is below ``floor``."""
    table = _table(language, floor) if word.isascii() and word.isalpha() else None
    if table is None or not word.islower():
        from wordfreq import zipf_frequency

        found = float(zipf_frequency(word, language))
        return found if found >= floor else None
    if word in table:
        return table[word]
    # Unlisted (wordfreq returns its minimum as it is), or listed below the floor. A
    # listed word is never below an unlisted one, so if the unlisted value reaches the
    # floor, every listed word is in the table and this word is unlisted.
    unlisted = round(math.log(WORDFREQ_MINIMUM, 10) + 9, 2)
    return unlisted if unlisted >= floor else None


@cache
def _table(language: str, floor: float) -> dict[str, float] | None:
    """Word -> Zipf frequency for the listed words at ``floor`` or above (None: no list)."""
    buckets = _word_list(language)
    if buckets is None:
        return None
    table: dict[str, float] = {}
    for index, bucket in enumerate(buckets):
        # Bucket n holds the words of frequency -n centibels (wordfreq's cB_to_freq).
        value = _zipf_of(10 ** (-index / 100))
        if value >= floor:
            table.update(dict.fromkeys(bucket, value))
    return table


def _word_list(language: str) -> list[list[str]] | None:
    """The buckets of wordfreq's "large" list for the language (its "best" where there is one)."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "data" / f"large_{language}.msgpack.gz"
    if not path.is_file():
        return None
    import msgpack

    data = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        return None  # a format this reader does not know: let wordfreq read it
    buckets: list[list[str]] = data[1:]
    return buckets


def _zipf_of(frequency: float) -> float:
    """The Zipf value wordfreq reports for a one-token word of this listed frequency.

    The same steps in the same order as wordfreq 3's ``_word_frequency`` and
    ``zipf_frequency``, so that the floating-point result is the same to the last bit.
    """
    combined = 1.0 / (0.0 + 1.0 / frequency)  # 1/f = 1/f1 + ... over the word's one token
    unrounded = max(combined, WORDFREQ_MINIMUM)
    rounded = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)
