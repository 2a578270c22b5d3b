"""The rules behind :mod:`jargon`: the term list, phrase matching and single-word tests.

This module owns what makes one word or phrase technical, kept apart from
:mod:`jargon` (which owns findings and explanations) so each stays small:

- terms from ``data/jargon_terms.tsv``, matched word by word so that plurals,
  Spanish gender agreement and "p value"/"p-value" spellings all match;
- abbreviations: two or more capitals ("INR", "HbA1c") that are not common ones;
- drug names by the endings of WHO International Nonproprietary Name stems;
- medical word forms built from Greek and Latin parts (hyper-, -emia, -patía);
- rare words: below Zipf 2.5 in wordfreq (about 3 uses per billion words), or
  for English below 3.5 and unknown to CMUdict, as the engine does today.

Familiar words (:mod:`familiar`) are never jargon, whatever they look like.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from engine.readability import familiar, syllables
from engine.readability.frequency import zipf

DATA = Path(__file__).parent / "data"
RARE_ZIPF = 2.5
"""Below this Zipf frequency (about 3 uses per billion words) a word counts as rare."""

UNCOMMON_ZIPF = 3.5
"""Below this, an English word CMUdict does not know counts as technical."""

_PLACEHOLDERS = {
    "<level>": re.compile(r"^(?:i{1,3}|iv|v|[1-5][a-c]?|[1-5][+-]?)$"),
    "<grade>": re.compile(r"^[a-d]$"),
}
COMMON_ABBREVIATIONS = frozenset(
    [
        "US",
        "USA",
        "UK",
        "OK",
        "TV",
        "DNA",
        "PM",
        "AM",
        "ID",
        "FAQ",
        "PDF",
        "EU",
        "UN",
        "ER",
        "ICU",
        "ADN",
        "UE",
        "EEUU",
        "OMS",
        "SIDA",
        "VIH",
        "UCI",
    ]
)
"""Abbreviations most readers know without a spelled-out form (English and Spanish)."""
_ABBREVIATION = re.compile(r"^[A-Za-z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*$")
_ROMAN = re.compile(r"^[IVXL]+$")

DRUG_ENDINGS = {
    "en": ("pril", "sartan", "statin", "olol", "dipine", "prazole", "tidine", "floxacin",
           "cycline", "mycin", "cillin", "azole", "mab", "nib", "parin", "xaban", "gatran",
           "vir", "gliptin", "gliflozin", "glitazone", "triptan", "afil", "oxetine", "azepam",
           "lukast", "dronate", "semide", "thiazide", "profen", "formin"),
    "es": ("pril", "sartán", "statina", "olol", "dipino", "prazol", "tidina", "floxacino",
           "ciclina", "micina", "cilina", "azol", "mab", "nib", "parina", "xabán", "gatrán",
           "vir", "gliptina", "gliflozina", "glitazona", "triptán", "afilo", "oxetina",
           "azepam", "lukast", "dronato", "semida", "tiazida", "profeno", "formina"),
}  # fmt: skip
"""Endings of generic drug names (WHO INN stems), in each language's spelling."""

MEDICAL_PREFIXES = {
    "en": ("hyper", "hypo", "brady", "tachy", "dys", "thrombo", "cardio", "nephr", "neuro",
           "hepat", "gastro", "osteo", "hemat", "haemat", "hemo", "haemo", "myo", "broncho",
           "cerebro", "pulmo", "subcutan", "intraven", "intramusc", "subling", "anti",
           "erythem", "coagul", "immuno"),
    "es": ("hiper", "hipo", "bradi", "taqui", "dis", "trombo", "cardio", "nefr", "neuro",
           "hepat", "gastro", "osteo", "hemat", "hemo", "mio", "bronco", "cerebro", "pulmo",
           "subcután", "subcutan", "intraven", "intramusc", "subling", "anti", "eritem",
           "coagul", "inmuno"),
}  # fmt: skip
MEDICAL_SUFFIXES = {
    "en": ("itis", "emia", "aemia", "osis", "pathy", "ectomy", "otomy", "plasty", "scopy",
           "algia", "penia", "uria", "cardia", "lysis", "genic", "rrhage", "phagia", "pepsia",
           "plegia", "trophy", "megaly", "ology", "ologic", "ological", "ic", "axis", "stasis",
           "rhythmia"),
    "es": ("itis", "emia", "osis", "patía", "ectomía", "otomía", "plastia", "scopia",
           "algia", "penia", "uria", "cardia", "lisis", "génico", "rragia", "fagia", "pepsia",
           "plejía", "trofia", "megalia", "ología", "ológico", "ico", "ica", "axis", "axia",
           "stasis", "ritmia"),
}  # fmt: skip
"""Greek and Latin word parts of clinical terms; ``word_kind`` needs a long word to use them."""


@dataclass(frozen=True)
class Term:
    """One listed term: its text as written and its words as matchers."""

    text: str
    words: tuple[str, ...]
    exact_case: bool  # abbreviations such as "CI" match only in capitals


@cache
def terms(lang: str) -> tuple[Term, ...]:
    """The listed terms for a language ("en" or "es"), longest first so the longest match wins."""
    found: list[Term] = []
    for line in (DATA / "jargon_terms.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        locale, text = line.split("\t")
        if locale != lang:
            continue
        words = tuple(w for w in re.split(r"[\s-]+", text) if w)
        exact = text.isupper()
        found.append(Term(text, tuple(w if exact else familiar.fold(w) for w in words), exact))
    return tuple(sorted(found, key=lambda t: -len(t.words)))


def _word_matches(pattern: str, word: str, exact_case: bool, lang: str) -> bool:
    """One term word against one text word: plurals and, in Spanish, o/a agreement pass."""
    if exact_case:
        return word == pattern or word == pattern + "s"
    folded = familiar.fold(word)
    if pattern in _PLACEHOLDERS:
        return bool(_PLACEHOLDERS[pattern].match(folded))
    if folded in (pattern, pattern + "s", pattern + "es"):
        return True
    if lang == "es" and pattern[-1:] == "o" and len(pattern) > 3:
        return folded in (pattern[:-1] + "a", pattern[:-1] + "as")
    return False


def match_terms(tokens: Sequence[tuple[int, int, str]], lang: str) -> list[tuple[Term, int, int]]:
    """Listed terms found in the tokens, as (term, first token, last token), not overlapping."""
    found: list[tuple[Term, int, int]] = []
    index = 0
    while index < len(tokens):
        hit = _longest_at(tokens, index, lang)
        if hit is None:
            index += 1
            continue
        found.append((hit, index, index + len(hit.words) - 1))
        index += len(hit.words)
    return found


def _longest_at(tokens: Sequence[tuple[int, int, str]], index: int, lang: str) -> Term | None:
    for term in _starting_with(tokens[index][2], lang):  # longest first
        size = len(term.words)
        window = tokens[index : index + size]
        if len(window) == size and all(
            _word_matches(p, t[2], term.exact_case, lang)
            for p, t in zip(term.words, window, strict=True)
        ):
            return term
    return None


@cache
def _starting_with(word: str, lang: str) -> tuple[Term, ...]:
    """The listed terms whose first word can match ``word``, longest first.

    Only these need the full comparison: a text has thousands of words and the list
    hundreds of terms (cached per word: vocabulary repeats).
    """
    return tuple(t for t in terms(lang) if _word_matches(t.words[0], word, t.exact_case, lang))


def is_abbreviation(word: str, lang: str) -> bool:
    """Capitals such as "INR" or "eGFRs" that readers may not know."""
    text = word[:-1] if word.endswith("s") else word
    return (
        2 <= len(text) <= 7
        and bool(_ABBREVIATION.match(text))
        and sum(c.isupper() for c in text) >= 2
        and text not in COMMON_ABBREVIATIONS
        and not _ROMAN.match(text)
    )


@cache
def word_kind(word: str, lang: str) -> str | None:
    """Why one word is jargon: "abbreviation", "drug_name", "medical_form", "rare"; or None."""
    if is_abbreviation(word, lang):
        return "abbreviation"
    lower = word.lower()
    if not lower.isalpha() or len(lower) < 5 or familiar.is_familiar(word, lang):
        return None
    if len(lower) >= 7 and lower.endswith(DRUG_ENDINGS[lang]):
        return "drug_name"
    if _medical_form(lower, lang):
        return "medical_form"
    return "rare" if _rare(lower, lang) else None


def _medical_form(lower: str, lang: str) -> bool:
    """A long word built from a clinical prefix or suffix that the language uses rarely."""
    if len(lower) < 8:
        return False  # short words with these parts are mostly everyday ("antes", "music")
    if not (lower.startswith(MEDICAL_PREFIXES[lang]) or lower.endswith(MEDICAL_SUFFIXES[lang])):
        return False
    # Everyday words share these parts ("history", "basic", "dishes"): they are common.
    return zipf_of(lower, lang) < 3.5


def _rare(lower: str, lang: str) -> bool:
    frequency = zipf_of(lower, lang)
    if frequency < RARE_ZIPF:
        return True
    return lang == "en" and frequency < UNCOMMON_ZIPF and not syllables.in_dictionary(lower)


def zipf_of(lower: str, lang: str) -> float:
    """The word's Zipf frequency, or 0 below ``RARE_ZIPF`` (every threshold here is at or above it)."""
    return zipf(lower, lang, RARE_ZIPF) or 0.0
