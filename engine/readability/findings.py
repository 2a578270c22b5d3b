"""Findings a writer can act on, each quoting the sentence it is about.

- ``long_sentence``: more words than the audience's ``sentence_words``
- ``hard_words``: long words (English 3+ syllables, Spanish 4+: see
  :mod:`.jargon`) that a lay reader does not already know (:mod:`.familiar`:
  the Dale-Chall list from textstat's data plus our own everyday health words)
- ``jargon``: technical words and phrases the glossary does not cover and the
  text does not explain: evidence and statistics terms ("Level II evidence",
  "pooled effect size"), drug names, medical word forms, rare words
  (:mod:`.jargon_rules`)
- ``abbreviation``: capitals such as "INR" not spelled out in brackets earlier
- ``passive``: a form of "be" or "get", an optional "-ly" word, then a past
  participle (a word ending in "-ed" or a common irregular one): a heuristic
  that misses some passives and flags some adjectives ("is tired")
- ``no_own_wording``: a block that reaches a plain-language audience only as
  clinician wording with the glossary pass over it (see :mod:`engine.readability`)

Hard words, jargon and abbreviations are flagged once per text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from engine.errors import Location
from engine.readability import jargon as jargon_words
from engine.readability.familiar import fold
from engine.readability.jargon_rules import is_abbreviation as _looks_abbreviated
from engine.readability.jargon_rules import word_kind
from engine.readability.segment import Sentence, Word

_BE = (
    r"(?:am|is|are|was|were|be|been|being|get|gets|got|gotten|getting|isn't|aren't|wasn't|weren't)"
)


_IRREGULAR = (
    "given|taken|shown|known|made|done|seen|found|written|built|kept|held|left|lost|paid|put|"
    "set|sent|spent|told|brought|bought|caught|taught|thought|chosen|drawn|driven|eaten|"
    "fallen|felt|forgotten|grown|hidden|hit|hurt|led|meant|read|run|said|sold|spoken|stolen|"
    "struck|thrown|understood|worn|won|cut|begun|broken|frozen|woken"
)


_PASSIVE = re.compile(rf"\b{_BE}\s+(?:not\s+)?(?:\w+ly\s+)?(\w+ed|{_IRREGULAR})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One thing a writer can fix, in one sentence of one section."""

    kind: str
    message: str
    sentence: str
    section: str | None = None
    words: tuple[str, ...] = ()
    location: Location | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "message": self.message,
            "section": self.section,
            "sentence": self.sentence,
            "words": list(self.words),
            "location": str(self.location) if self.location else None,
        }


@dataclass(frozen=True)
class Rules:
    """What to flag: chosen from the audience profile (or defaults for plain text)."""

    language: str = "en"
    sentence_words: int | None = None
    plain: bool = True
    """Whether plain-language findings (hard words, jargon, abbreviations, passive) apply."""


@cache
def is_jargon(word: str, language: str) -> bool:
    """Whether one word looks technical to a lay reader (an abbreviation is not jargon here)."""
    return word_kind(word, language) not in (None, "abbreviation")


def is_abbreviation(word: Word) -> bool:
    return not word.quantity and not word.glossary and _looks_abbreviated(word.text, "en")


@dataclass
class Seen:
    """What a text has had so far, shared across its sections."""

    flagged: set[str] = field(default_factory=set)
    """Words already flagged ("hard:word", "jargon:term", "abbr:INR"): each is flagged once."""

    explained: set[str] = field(default_factory=set)
    """Terms (folded) the text has explained: not jargon from there on."""


def find(
    sentences: Iterable[tuple[str | None, Sentence]],
    rules: Rules,
    *,
    seen: Seen | None = None,
) -> list[Finding]:
    """Findings for (section, sentence) pairs in reading order.

    Hard words, jargon and abbreviations are flagged once per text (``seen`` carries the
    words already flagged and the terms already explained, so a caller can share it
    across sections).
    """
    seen = Seen() if seen is None else seen
    found: list[Finding] = []
    for section, sentence in sentences:
        found.extend(_sentence_findings(section, sentence, rules, seen))
    return found


def _sentence_findings(
    section: str | None, sentence: Sentence, rules: Rules, seen: Seen
) -> Iterator[Finding]:
    def finding(kind: str, message: str, words: Iterable[str] = ()) -> Finding:
        return Finding(
            kind,
            message,
            sentence.text,
            section=section,
            words=tuple(dict.fromkeys(words)),
            location=sentence.location,
        )

    count = len(sentence.words)
    if rules.sentence_words and count > rules.sentence_words:
        yield finding(
            "long_sentence",
            f"{count} words; this audience reads best at {rules.sentence_words} or fewer: split it",
        )
    if not rules.plain:
        return
    hard = _hard_words(sentence, rules.language, seen)
    if hard:
        yield finding(
            "hard_words",
            f"words of {jargon_words.LONG_WORD[rules.language]} or more syllables: use "
            "shorter ones where you can",
            hard,
        )
    technical, abbreviations = _unexplained(sentence, rules.language, seen)
    if technical:
        yield finding(
            "jargon",
            "technical words the glossary does not cover: explain them, or add them to "
            "glossary.yaml",
            technical,
        )
    if abbreviations:
        yield finding(
            "abbreviation",
            "abbreviations not spelled out: write the words, or spell them out once with the "
            "letters in brackets",
            abbreviations,
        )
    passive = (
        [m.group(0) for m in _PASSIVE.finditer(sentence.text)] if rules.language == "en" else []
    )
    if passive:
        yield finding(
            "passive",
            'passive voice: say who does what ("your doctor checks" rather than "is checked")',
            passive,
        )


def _plain_candidates(words: Iterable[Word]) -> Iterator[Word]:
    """Words a finding may name: not part of a quantity, not shown by the glossary."""
    return (
        w for w in words if not w.quantity and not w.glossary and w.text.replace("-", "").isalpha()
    )


def _hard_words(sentence: Sentence, language: str, seen: Seen) -> list[str]:
    flagged = seen.flagged
    words = [
        w.text for w in _plain_candidates(sentence.words) if f"hard:{w.text.lower()}" not in flagged
    ]
    hard = [h.word for h in jargon_words.hard_words(words, language)]
    flagged.update(f"hard:{word.lower()}" for word in hard)
    return hard


def _unexplained(sentence: Sentence, language: str, seen: Seen) -> tuple[list[str], list[str]]:
    """Unexplained technical spans and abbreviations of a sentence, each not flagged before."""
    covered = {w.text for w in sentence.words if w.quantity or w.glossary}
    spans = jargon_words.jargon(sentence.text, language, known=seen.explained)
    technical: list[str] = []
    abbreviations: list[str] = []
    for span in spans:
        if all(word in covered for word in jargon_words.words_of(span.text)):
            continue  # the glossary shows it, or it is part of a number and its unit
        key = ("abbr:" if span.kind == "abbreviation" else "jargon:") + fold(span.term)
        if key in seen.flagged:
            continue
        seen.flagged.add(key)
        (abbreviations if span.kind == "abbreviation" else technical).append(span.text)
    return technical, abbreviations
