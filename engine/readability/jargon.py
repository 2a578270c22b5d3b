"""Hard words and unexplained jargon, for English and Spanish writer findings.

This module owns two decisions:

- :func:`hard_words`: long words with a plainer alternative. English counts a
  word of 3+ syllables as long, Spanish 4+: in wordfreq's frequency-weighted top
  30,000 words, English 3+ covers 11% of running text and Spanish 4+ 8.8%, while
  Spanish 3+ covers 24% (``threshold_es.py`` recomputes it). Spanish words are
  simply longer (Contreras et al. 1999, the SOL conversion of SMOG, makes the
  same point), so the English cut-off would flag a quarter of all Spanish words.
  Familiar words (:mod:`familiar`) and words that are jargon are left out: a word
  gets one finding, not two.
- :func:`jargon`: spans of text a lay reader needs explained: multi-word evidence
  and statistics terms from ``data/jargon_terms.tsv`` ("Level II evidence",
  "intervalo de confianza"), unknown abbreviations, drug names by their WHO INN
  stems, medical word forms (hyper-, -emia, -patía...), and rare words by
  wordfreq. A term the caller says is explained, or that the text explains
  (in brackets after it, or spelled out before its abbreviation in brackets),
  is not flagged from that point on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from engine.readability import familiar
from engine.readability import syllables as syllable_counts
from engine.readability.jargon_rules import (
    Term,
    is_abbreviation,
    match_terms,
    terms,
    word_kind,
    zipf_of,
)

LONG_WORD = {"en": 3, "es": 4}
"""Syllables from which a word counts as long (see the module docstring for the Spanish 4)."""


EVERYDAY_ZIPF = {"es": 4.8}
"""Spanish words this common (Zipf 4.8, about 60 uses per million words) are everyday words
however long ("necesita", "mayoría", "suficiente"): no word labelled hard in the tuning half
of the labelled list is as common. English relies on the Dale-Chall list instead."""

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_WORDS = r"[^\W\d_]+\s+[^\W\d_]{2,}"
_EXPLAINS_AFTER = re.compile(
    # A bracket, dash or colon followed by at least two words ("INR (a blood test)"), but
    # not a bracketed abbreviation ("hazard ratio (HR)"), or "which/that is/means ...".
    rf"^\s*(?:[(—–:]\s*{_WORDS}|,\s*(?:which|that is|meaning|que|es decir|o sea)\b"
    r"|\s(?:means|significa|quiere decir)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class HardWord:
    """A long word to replace with a shorter one, once per text."""

    word: str
    syllables: int
    locale: str

    @property
    def message(self) -> str:
        return f"{self.word}: {self.syllables} syllables; use a shorter word if you can"


@dataclass(frozen=True)
class JargonSpan:
    """A stretch of text a lay reader needs explained: [start, end) in the text checked."""

    start: int
    end: int
    text: str
    term: str
    kind: str  # "term" (from the list), "abbreviation", "drug_name", "medical_form" or "rare"


def language(locale: str) -> str:
    """The language code of a locale: "es-MX" -> "es"; anything not Spanish is English."""
    return "es" if locale.lower().startswith("es") else "en"


def syllables(word: str, locale: str) -> int:
    """Syllables in a word, by the language's own rules."""
    return syllable_counts.count(word, language(locale))


def words_of(text: str) -> list[str]:
    """The words of a text, hyphenated compounds kept whole ("meta-analysis")."""
    return re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", text)


def hard_words(words: Iterable[str], locale: str) -> list[HardWord]:
    """Long, unfamiliar words in reading order, each once (case-insensitively)."""
    lang = language(locale)
    found: list[HardWord] = []
    seen: set[str] = set()
    for word in words:
        key = word.lower()
        if key in seen or not _word_may_be_hard(word, lang):
            continue
        seen.add(key)
        count = _long(word, lang)
        if count:
            found.append(HardWord(word, count, lang))
    return found


@cache
def _long(word: str, lang: str) -> int:
    """The word's syllables if it is long and not an everyday word, else 0 (cached per word)."""
    count = syllables(word, lang)
    if count < LONG_WORD[lang] or familiar.is_familiar(word, lang):
        return 0
    if lang in EVERYDAY_ZIPF and zipf_of(word.lower(), lang) >= EVERYDAY_ZIPF[lang]:
        return 0
    return count


@cache
def _word_may_be_hard(word: str, lang: str) -> bool:
    """Numbers and abbreviations are not "long words"; jargon is left to :func:`jargon`."""
    if any(c.isdigit() for c in word) or is_abbreviation(word, lang):
        return False
    if familiar.is_familiar(word, lang):
        return False
    if match_terms(_tokens(word), lang):  # a listed term ("placebo", "meta-analysis")
        return False
    return all(word_kind(part, lang) is None for part in word.split("-") if part)


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]


def jargon(
    text: str,
    locale: str,
    explained_terms: Iterable[str] = (),
    *,
    known: set[str] | None = None,
) -> list[JargonSpan]:
    """Unexplained jargon in a text, in order; every unexplained use is reported.

    ``known`` carries the (folded) terms already explained from one text to the next,
    so that a term explained in one sentence is not flagged in the sentences after it;
    terms this text explains are added to it.
    """
    lang = language(locale)
    explained = known if known is not None else set()
    explained.update(familiar.fold(t) for t in explained_terms)
    tokens = _tokens(text)
    spans: list[JargonSpan] = []
    covered: set[int] = set()
    for term, first, last in match_terms(tokens, lang):
        covered.update(range(first, last + 1))
        kind = "abbreviation" if term.exact_case else "term"  # a listed "CI" is an abbreviation
        spans.append(_span(text, tokens, first, last, term.text, kind))
    for index, (start, end, word) in enumerate(tokens):
        if index in covered or _is_name(text, start, word):
            continue
        why = word_kind(word, lang)
        if why is not None:
            spans.append(JargonSpan(start, end, word, word, why))
    spans.sort(key=lambda s: s.start)
    return _unexplained(text, spans, explained)


def _span(text: str, tokens: Sequence[tuple[int, int, str]], first: int, last: int,
          term: str, kind: str) -> JargonSpan:  # fmt: skip
    start, end = tokens[first][0], tokens[last][1]
    return JargonSpan(start, end, text[start:end], term, kind)


def _is_name(text: str, start: int, word: str) -> bool:
    """A capitalised word inside a sentence is a name (Cochrane, Madrid), not jargon."""
    if not word[:1].isupper() or word.isupper():
        return False
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in '.!?¿¡:("“'


def _unexplained(text: str, spans: list[JargonSpan], known: set[str]) -> list[JargonSpan]:
    """Drop spans the caller explains, or the text has explained by that point."""
    kept: list[JargonSpan] = []
    for span in spans:
        keys = {familiar.fold(span.term), familiar.fold(span.text)}
        if keys & known:
            continue
        if _explained_here(text, span):
            known.update(keys)
            continue
        kept.append(span)
    return kept


def _explained_here(text: str, span: JargonSpan) -> bool:
    """Whether this use carries its explanation: "INR (a blood test)" or "... ratio (INR)"."""
    if _EXPLAINS_AFTER.match(text[span.end :]):
        return True
    before, after = text[: span.start].rstrip(), text[span.end :].lstrip()
    # An abbreviation in brackets right after words is their spelled-out form.
    return before.endswith("(") and after.startswith(")") and bool(before[:-1].strip())


@cache
def term_list(locale: str) -> tuple[Term, ...]:
    """The explicit terms for a locale, as read from the data file."""
    return terms(language(locale))
