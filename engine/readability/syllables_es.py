"""Spanish syllabification by the RAE's rules (Ortografía de la lengua española, 2010).

This module owns one job: cutting a Spanish word into orthographic syllables, so
that readability formulas (Fernández-Huerta, Szigriszt-Pazos) and the long-word
rule count what a Spanish reader sees. It replaces "count the vowel groups":

- Vowels are strong (a, e, o, also accented) or weak (i, u, ü). Two strong
  vowels are always a hiatus (le-er, ma-re-o); a weak vowel next to any other
  vowel forms a diphthong (cau-sa, ciu-dad), or a triphthong (buey, es-tu-diáis),
  unless the weak vowel carries the stress mark and its neighbour is strong
  (dí-a, pa-ís, o-í-do). "ui" and "iu" stay one syllable even with an accent
  (cons-truí, a-cuí-fe-ro), as the 2010 rules say; so "guion" and "huir" are one.
- "u" after "q", and after "g" before e/i, is spelling, not sound (gue-rra,
  guí-a); "ü" is sounded (pin-güi-no).
- "y" is a vowel when no vowel follows it (hoy, muy, Uru-guay) and a consonant
  otherwise (a-yu-da, re-yes).
- "h" between vowels does not break a diphthong (prohi-bir, ahu-mar, rehu-sar)
  but does open a syllable before "hue"/"hie" (ca-ca-hue-te).
- Consonants between vowels: one goes right (ca-sa); two split unless they are
  an onset cluster such as "pr", "bl", "tr" (san-gre); of three, the last two go
  right only if they are a cluster (com-pra vs. ins-tan-te); four split 2+2.
  "ch", "ll" and "rr" are single consonants. "tl" is split the peninsular way
  (at-le-ta); American a-tle-ta has the same count.

Prefix-conscious divisions the RAE also allows (sub-ra-yar, des-or-den) change
where a cut falls but never the count, so they are not modelled.
"""

from __future__ import annotations

import itertools
from functools import cache
from typing import NamedTuple

STRONG = frozenset("aeoáéó")
WEAK = frozenset("iuü")
ACCENTED_WEAK = frozenset("íú")
VOWELS = STRONG | WEAK | ACCENTED_WEAK
ONSET_CLUSTERS = frozenset(
    ["pl", "pr", "bl", "br", "fl", "fr", "cl", "cr", "gl", "gr", "tr", "dr", "kl", "kr"]
)
"""Consonant pairs that begin a syllable together in Spanish (RAE 2010, §4.1.1.1)."""
_FRONT = frozenset("eiéí")


class _Unit(NamedTuple):
    """A letter or digraph of the word, with where it sits in the original text."""

    start: int
    end: int
    vowel: str | None  # the lowercase vowel letter, or None for a consonant
    text: str  # lowercase spelling, for cluster checks


def _units(lower: str) -> list[_Unit]:
    """Letters grouped into sounds: digraphs become one consonant, silent u joins its q/g."""
    units: list[_Unit] = []
    i = 0
    while i < len(lower):
        pair = lower[i : i + 2]
        after = lower[i + 2 : i + 3]
        if pair in ("ch", "ll", "rr") or (pair in ("qu", "gu") and after in _FRONT):
            units.append(_Unit(i, i + 2, None, pair))
            i += 2
            continue
        char = lower[i]
        if char == "y":
            # A consonant before a vowel (ayuda, yo); otherwise a weak vowel (hoy, y).
            vowel = None if lower[i + 1 : i + 2] in VOWELS else "i"
            units.append(_Unit(i, i + 1, vowel, char))
        else:
            units.append(_Unit(i, i + 1, char if char in VOWELS else None, char))
        i += 1
    return units


def _hiatus(first: str, second: str) -> bool:
    """Whether two adjacent vowels belong to different syllables."""
    if first in STRONG and second in STRONG:
        return True
    pair = {first, second}
    if pair & ACCENTED_WEAK and pair & STRONG:
        return True  # a stressed i/u beside a, e, o is its own syllable (dí-a, pa-ís)
    # "ii" and "uu" (chi-i-ta); "ui"/"iu" are a diphthong whatever the accent.
    return _plain(first) == _plain(second) and first in WEAK | ACCENTED_WEAK


def _plain(vowel: str) -> str:
    return {"í": "i", "ú": "u", "ü": "u", "á": "a", "é": "e", "ó": "o"}.get(vowel, vowel)


def _nuclei(units: list[_Unit]) -> list[tuple[int, int]]:
    """Index ranges [first, last] of units forming each syllable's vowel nucleus.

    An "h" between two vowels is carried inside a nucleus when the vowels form a
    diphthong, which is how the RAE divides "prohi-bir".
    """
    nuclei: list[tuple[int, int]] = []
    i = 0
    while i < len(units):
        if units[i].vowel is None:
            i += 1
            continue
        start = end = i
        while True:
            nxt = end + 1
            if nxt < len(units) and units[nxt].text == "h":
                nxt += 1  # look through a silent h to the vowel behind it
                if nxt + 1 < len(units) and units[nxt + 1].vowel is not None:
                    break  # "hue", "hie": the h opens a syllable (ca-ca-hue-te)
            if nxt >= len(units) or units[nxt].vowel is None:
                break
            if _hiatus(_vowel(units[end]), _vowel(units[nxt])):
                break
            end = nxt
        nuclei.append((start, end))
        i = end + 1
    return nuclei


def _vowel(unit: _Unit) -> str:
    assert unit.vowel is not None  # callers pass only vowel units
    return unit.vowel


def _onset_size(consonants: list[_Unit]) -> int:
    """How many of the consonants between two nuclei begin the next syllable."""
    if len(consonants) <= 1:
        return len(consonants)
    if len(consonants) >= 4:
        return 2  # four consonants divide two and two (cons-truir, abs-trac-to)
    # Two or three: a final onset cluster goes right (san-gre, com-pra), else one (ins-tan-te).
    return 2 if consonants[-2].text + consonants[-1].text in ONSET_CLUSTERS else 1


def _split_part(part: str) -> list[str]:
    """Syllables of one hyphen-free part, keeping the original letters and case."""
    lower = part.lower()
    units = _units(lower)
    nuclei = _nuclei(units)
    if not nuclei:
        return [part] if part else []
    cuts: list[int] = []  # unit index where each syllable after the first begins
    for (_, end), (start, _) in itertools.pairwise(nuclei):
        between = units[end + 1 : start]
        if between and between[-1].text == "h":
            cuts.append(start - 1)  # an h before a vowel opens its syllable (des-ha-cer, co-he-te)
        else:
            cuts.append(start - _onset_size(between))
    bounds = [0] + [units[c].start for c in cuts] + [len(part)]
    return [part[a:b] for a, b in itertools.pairwise(bounds)]


@cache
def split(word: str) -> list[str]:
    """The word's syllables in order ("día" -> ["dí", "a"]); hyphenated parts are split apart.

    Characters other than letters stay with the syllable they touch; a part with no
    vowel (an abbreviation such as "mg") is one syllable.
    """
    syllables: list[str] = []
    for part in word.split("-"):
        syllables.extend(_split_part(part))
    return syllables or [word]


@cache
def count(word: str) -> int:
    """Syllables in a Spanish word; a word with digits counts one (a number is read at a glance)."""
    if any(c.isdigit() for c in word):
        return 1
    return max(len(split(word)), 1)
