"""Which words a lay reader already knows, so hard-word findings can leave them alone.

This module owns the familiar-word decision for English and Spanish:

- English: the Dale-Chall list of words most fourth-graders know, read at run time
  from the copy textstat installs as package data (``textstat/resources/en/
  easy_words.txt``; located with ``importlib.util.find_spec`` so textstat's code is
  never imported and nothing is copied into this repository), plus our own list of
  everyday health words (``engine/readability/data/health_words_en.txt``).
- Spanish: our own list of everyday health words (``data/health_words_es.txt``).

The Dale-Chall *formula* counts only the Dale-Chall list itself (:func:`on_dale_chall`),
as it was normed; the health words widen only what findings leave alone.
  textstat's Spanish ``easy_words.txt`` is a 20,000-word frequency list, not a
  list of words children know, so it is not used as one.

Both languages accept simple inflections of a listed word; English also accepts a
closed compound of two familiar words ("nosebleeds", "bloodstream").
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
_ENGLISH_SUFFIXES = (
    # (ending, replacement): "allergies" -> "allergy", "bruising" -> "bruise", "bled" is listed.
    ("ies", "y"), ("ied", "y"), ("ily", "y"), ("es", ""), ("s", ""), ("'s", ""), ("ing", ""),
    ("ing", "e"), ("ed", ""), ("ed", "e"), ("ly", ""), ("er", ""), ("est", ""),
)  # fmt: skip
# Plurals, o/a agreement, and the feminine of -or nouns ("cuidadora" -> "cuidador").
_SPANISH_ENDINGS = (("es", ""), ("s", ""), ("a", "o"), ("as", "o"), ("o", "a"), ("os", "o"),
                    ("a", ""), ("as", ""))  # fmt: skip


def dale_chall_path() -> Path | None:
    """Where the installed textstat keeps its Dale-Chall easy-word list (None if absent)."""
    spec = importlib.util.find_spec("textstat")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "resources" / "en" / "easy_words.txt"
    return path if path.is_file() else None


@cache
def dale_chall() -> frozenset[str]:
    """The Dale-Chall words, lowercase; empty when textstat is not installed."""
    path = dale_chall_path()
    if path is None:
        return frozenset()
    return frozenset(w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines() if w)


@cache
def on_dale_chall(word: str) -> bool:
    """Whether a word (or a plural, past or -ing form) is on the Dale-Chall list itself.

    The formula's own notion of a familiar word; cached per word (vocabulary repeats).
    """
    easy = dale_chall()
    lower = word.lower()
    if not lower.isalpha() or lower in easy:
        return True
    for suffix, replacement in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", "")):
        if lower.endswith(suffix) and lower[: -len(suffix)] + replacement in easy:
            return True
    return False


def _read_list(name: str) -> frozenset[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@cache
def health_words(locale: str) -> frozenset[str]:
    """Our own everyday health words for a locale ("en" or "es"), as written in the data file."""
    return _read_list(f"health_words_{_language(locale)}.txt")


@cache
def _spanish_folded() -> frozenset[str]:
    # Folded so that plurals that lose or gain an accent still match (riñón, riñones).
    return frozenset(fold(w) for w in health_words("es"))


@cache
def fold(text: str) -> str:
    """Lowercase without acute accents or diaeresis, keeping ñ ("Riñón" -> "riñon")."""
    out = []
    for char in text.lower():
        if char == "ñ":
            out.append(char)
            continue
        base = unicodedata.normalize("NFD", char)[0]
        out.append(base)
    return "".join(out)


def _language(locale: str) -> str:
    return locale.split("-")[0].split("_")[0].lower()


def _english_listed(word: str, easy: frozenset[str], own: frozenset[str]) -> bool:
    if word in easy or word in own:
        return True
    for ending, replacement in _ENGLISH_SUFFIXES:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            for candidate in (stem + replacement, stem[:-1] if stem[-1:] == stem[-2:-1] else ""):
                # The second candidate undoes a doubled consonant ("bleeding" no, "stopped" yes).
                if candidate and (candidate in easy or candidate in own):
                    return True
    return False


@cache
def _english(word: str) -> bool:
    easy, own = dale_chall(), health_words("en")
    if _english_listed(word, easy, own):
        return True
    if "-" in word:
        return all(_english(part) for part in word.split("-") if part)
    # A closed compound of two familiar words; both halves at least three letters
    # so that "a" + "bortion" style accidents cannot happen.
    for cut in range(3, len(word) - 2):
        if _english_listed(word[:cut], easy, own) and _english_listed(word[cut:], easy, own):
            return True
    return False


@cache
def _spanish(word: str) -> bool:
    folded = fold(word)
    known = _spanish_folded()
    if folded in known:
        return True
    for ending, replacement in _SPANISH_ENDINGS:
        if folded.endswith(ending) and folded[: -len(ending)] + replacement in known:
            return True
    if "-" in word:
        return all(_spanish(part) for part in word.split("-") if part)
    return False


def is_familiar(word: str, locale: str = "en") -> bool:
    """Whether a lay reader knows the word (or a simple inflection of it) without help."""
    lower = word.lower().strip("'’.,;:")
    if not lower:
        return True
    if _language(locale) == "es":
        return _spanish(lower)
    return _english(lower.replace("’", "'"))
