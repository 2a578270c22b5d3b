"""Counts and formulas: every readability score from our own counts, judged against targets."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from engine.errors import Diagnostic, Location
from engine.readability import syllables
from engine.readability.familiar import dale_chall, on_dale_chall
from engine.readability.findings import Finding
from engine.readability.pemat import Pemat
from engine.readability.segment import Sentence, Word
from engine.schema.profile import FORMULAS, ReadingTarget

SPANISH_FORMULAS = ("fernandez_huerta", "szigriszt_pazos")
"""The formulas normed on Spanish text: the only ones shown for Spanish variants."""


SMOG_MIN_SENTENCES = 30
"""SMOG was normed on 30-sentence samples; below that it is shown but does not gate."""


@dataclass(frozen=True)
class Counts:
    """What the formulas are computed from."""

    sentences: int
    words: int
    syllables: int
    letters: int
    polysyllables: int
    """Words of three or more syllables (SMOG)."""

    complex_words: int
    """Gunning fog's hard words: three or more syllables, not names or compounds."""

    difficult_words: int | None
    """Words not on the Dale-Chall list of familiar words (English only)."""


@dataclass
class ReadabilityResult:
    """Scores of one text (a plain file, or one variant whole or one section of it)."""

    path: str
    locale: str
    counts: Counts
    scores: dict[str, float | None]
    article: str | None = None
    audience: str | None = None
    section: str | None = None
    """Section id, or None for the whole text."""

    section_title: str | None = None
    target: dict[str, ReadingTarget] | None = None
    """The audience's targets for this locale; None when there is no audience or no target."""

    passed: bool | None = None
    """Every gating formula within its bound; None when nothing gates."""

    misses: list[str] = field(default_factory=list)
    """One line per missed target, such as "flesch_kincaid_grade 7.2 > 6"."""

    notes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    strict_sections: bool = False
    """Whether this section's miss fails ``check`` and ``build --strict`` (the profile says so)."""

    pemat: Pemat | None = None
    """On a whole variant: the PEMAT-P pre-check (see :mod:`.pemat`)."""

    section_misses: list[str] = field(default_factory=list)
    """On the whole: "Heading: miss" for each section that gates and misses its target."""

    refused: str = ""
    """" (the glossary entry 'x' at glossary.yaml:12 was refused and not applied here)" when
    a refused glossary entry's term stands in this text: its scores read the term as written."""

    labels: Counts | None = None
    """Headings, table captions and cells, and list labels: not sentences, so counted apart
    (each label one piece) and never part of the scores or the verdict; None when there are none."""

    @property
    def label_scores(self) -> dict[str, float | None]:
        """The formulas over the labels alone, each label read as one sentence."""
        if self.labels is None:
            return {}
        every = scores(self.labels)
        return {name: every[name] for name in reported_formulas(self.locale)}

    @property
    def words(self) -> int:
        return self.counts.words

    @property
    def sentences(self) -> int:
        return self.counts.sentences

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "article": self.article,
            "audience": self.audience,
            "locale": self.locale,
            "section": self.section,
            "words": self.counts.words,
            "sentences": self.counts.sentences,
            "syllables": self.counts.syllables,
            "scores": self.scores,
            "target": (
                {name: target.model_dump(exclude_none=True) for name, target in self.target.items()}
                if self.target is not None
                else None
            ),
            "passed": self.passed,
            "misses": self.misses,
            "section_title": self.section_title,
            "strict_sections": self.strict_sections,
            "notes": self.notes,
            "findings": [finding.as_dict() for finding in self.findings],
            "pemat": None if self.pemat is None else self.pemat.as_dict(),
            "labels": None
            if self.labels is None
            else {
                "pieces": self.labels.sentences,
                "words": self.labels.words,
                "scores": self.label_scores,
            },
        }


def word_syllables(word: Word, language: str) -> int:
    if word.syllables is not None:
        return word.syllables
    return syllables.count(word.text, language)


@cache
def _complex(text: str, count: int, first: bool, language: str) -> bool:
    """Gunning fog's hard word (cached per word: vocabulary repeats across a library)."""
    if count < 3 or "-" in text or (text[:1].isupper() and not first):
        return False
    for suffix in ("es", "ed", "ing"):
        if text.lower().endswith(suffix):
            return syllables.count(text[: -len(suffix)], language) >= 3
    return True


@cache
def _letters(text: str) -> int:
    """Letters and digits of a word (cached per word, like :func:`_complex`)."""
    return sum(c.isalnum() for c in text)


def count(sentences: Sequence[Sentence], language: str) -> Counts:
    words = syllable_total = letters = poly = complex_words = 0
    difficult = 0
    easy = language == "en" and bool(dale_chall())
    for sentence in sentences:
        for word in sentence.words:
            n = word_syllables(word, language)
            words += 1
            syllable_total += n
            letters += _letters(word.text)
            poly += n >= 3
            complex_words += _complex(word.text, n, word.first, language)
            if easy and not word.quantity and not on_dale_chall(word.text):
                difficult += 1
    return Counts(
        len(sentences),
        words,
        syllable_total,
        letters,
        poly,
        complex_words,
        difficult if easy else None,
    )


def total(parts: Sequence[Counts]) -> Counts:
    """The counts of several texts (at least one) read as one.

    Every figure is a sum over sentences or their words, so the whole is the sum of
    its parts, and counting the whole again would only repeat the work.
    ``difficult_words`` is None for every part or for none: it depends only on the
    language.
    """
    difficult = [part.difficult_words or 0 for part in parts]
    return Counts(
        sum(part.sentences for part in parts),
        sum(part.words for part in parts),
        sum(part.syllables for part in parts),
        sum(part.letters for part in parts),
        sum(part.polysyllables for part in parts),
        sum(part.complex_words for part in parts),
        None if parts[0].difficult_words is None else sum(difficult),
    )


def scores(counts: Counts) -> dict[str, float | None]:
    """Every formula from the counts (None where a formula cannot apply)."""
    if not counts.words or not counts.sentences:
        return dict.fromkeys(FORMULAS)
    wps = counts.words / counts.sentences
    spw = counts.syllables / counts.words
    result: dict[str, float | None] = {
        "flesch_kincaid_grade": 0.39 * wps + 11.8 * spw - 15.59,
        "flesch_reading_ease": 206.835 - 1.015 * wps - 84.6 * spw,
        "smog_index": 1.043 * math.sqrt(counts.polysyllables * 30 / counts.sentences) + 3.1291,
        "gunning_fog": 0.4 * (wps + 100 * counts.complex_words / counts.words),
        "coleman_liau_index": 0.0588 * (100 * counts.letters / counts.words)
        - 0.296 * (100 * counts.sentences / counts.words)
        - 15.8,
        "automated_readability_index": 4.71 * counts.letters / counts.words + 0.5 * wps - 21.43,
        "dale_chall_readability_score": None,
        "fernandez_huerta": 206.84 - 60 * spw - 1.02 * wps,
        "szigriszt_pazos": 206.835 - 62.3 * spw - wps,
    }
    if counts.difficult_words is not None:
        share = counts.difficult_words / counts.words
        result["dale_chall_readability_score"] = (
            15.79 * share + 0.0496 * wps + (3.6365 if share > 0.05 else 0)
        )
    return {name: None if value is None else round(value, 1) for name, value in result.items()}


def language_of(locale: str) -> str:
    return locale.split("-")[0].lower()


def reported_formulas(locale: str) -> tuple[str, ...]:
    """The formulas shown for a locale: the Spanish ones only for Spanish text."""
    if language_of(locale) == "es":
        return SPANISH_FORMULAS  # the English formulas were normed on English only
    return tuple(f for f in FORMULAS if f not in SPANISH_FORMULAS)


def headline_formula(locale: str) -> str:
    """The one score a chart or summary shows for a locale: Flesch-Kincaid or Fernández-Huerta."""
    return "fernandez_huerta" if language_of(locale) == "es" else "flesch_kincaid_grade"


def judge(result: ReadabilityResult, targets: Mapping[Any, ReadingTarget] | None) -> None:
    """Set ``passed``, ``misses`` and ``notes`` from the targets that gate."""
    if result.counts.sentences < SMOG_MIN_SENTENCES and result.scores.get("smog_index"):
        result.notes.append(
            f"SMOG needs {SMOG_MIN_SENTENCES} or more sentences; this text has "
            f"{result.counts.sentences}, so SMOG is shown but does not decide pass or fail"
        )
    if not targets:
        return
    result.target = {str(name): target for name, target in targets.items()}
    verdicts: list[bool] = []
    for name, target in targets.items():
        score = result.scores.get(name)
        if score is None:
            continue
        if name == "smog_index" and result.counts.sentences < SMOG_MIN_SENTENCES:
            continue
        if target.max is not None:
            ok = score <= target.max
            verdicts.append(ok)
            if not ok:
                result.misses.append(f"{name} {score:g} > {target.max:g}")
        if target.min is not None:
            ok = score >= target.min
            verdicts.append(ok)
            if not ok:
                result.misses.append(f"{name} {score:g} < {target.min:g}")
    result.passed = all(verdicts) if verdicts else None


def reading_band(result: ReadabilityResult) -> tuple[str, int | None]:
    """How hard a text reads, as a band and (for English) a school grade.

    Bands: ``easy``, ``fairly-easy``, ``fairly-hard``, ``hard`` or ``unknown``.
    Spanish text has no grade scale: its band comes from Fernández-Huerta
    (80 and over easy, 70 fairly easy, 50 fairly hard, below that hard).
    """
    ease = result.scores.get("fernandez_huerta")
    if ease is not None:
        band = (
            "easy"
            if ease >= 80
            else "fairly-easy"
            if ease >= 70
            else "fairly-hard"
            if ease >= 50
            else "hard"
        )
        return band, None
    grade = result.scores.get("flesch_kincaid_grade")
    if grade is None:
        return "unknown", None
    level = max(1, round(grade))
    band = (
        "easy"
        if level <= 6
        else "fairly-easy"
        if level <= 8
        else "fairly-hard"
        if level <= 12
        else "hard"
    )
    return band, level


def grade_words(result: ReadabilityResult) -> str:
    """A reader-friendly reading level in English, such as "Easy to read (about grade 5)".

    Pages phrase :func:`reading_band` through the interface catalogs instead.
    """
    band, level = reading_band(result)
    if band == "unknown":
        return "Reading level not known"
    if band == "hard":
        return "Hard to read (college level)" if level else "Hard to read"
    words = {
        "easy": "Easy to read",
        "fairly-easy": "Fairly easy to read",
        "fairly-hard": "Fairly hard to read",
    }[band]
    return f"{words} (about grade {level})" if level else words


def summary_line(result: ReadabilityResult) -> str:
    """One line per variant: "vitamin-d-k2 patient en-US: FK 3.3, SMOG 7.3: pass"."""
    shown = list(result.target) if result.target else [headline_formula(result.locale)]
    scores = ", ".join(
        f"{name} {result.scores.get(name)}" for name in shown if result.scores.get(name) is not None
    )
    verdict = (
        "no target"
        if result.passed is None
        else "pass"
        if result.passed
        else "MISSED " + "; ".join(result.misses)
    )
    return f"readability {result.article} {result.audience} {result.locale}: {scores}: {verdict}"


MISSED_TARGET = "misses its reading target"
"""How a missed target reads in a build warning."""

MISSED_TARGET_CODE = "missed-target"
"""The code of those warnings: ``build --strict`` fails on them."""


def missed_targets(results: Iterable[ReadabilityResult]) -> list[Diagnostic]:
    """A build warning per whole variant that misses a target (replayed by unchanged builds)."""
    return [
        Diagnostic(
            Location(result.path),
            f"the {result.audience} variant ({result.locale}) {MISSED_TARGET}: "
            + "; ".join(result.misses)
            + result.refused,
            f"rewrite its {result.audience} wording (see reports/{result.article}.html)",
            "warning",
            MISSED_TARGET_CODE,
        )
        for result in results
        if result.section is None and result.passed is False
    ] + [
        Diagnostic(
            Location(result.path),
            f"the {result.audience} variant ({result.locale}) has sections that gate and "
            f"{MISSED_TARGET}: " + "; ".join(result.section_misses) + result.refused,
            f"rewrite those sections' {result.audience} wording (see reports/{result.article}.html)",
            "warning",
            MISSED_TARGET_CODE,
        )
        for result in results
        if result.section is None and result.section_misses
    ]


def is_missed_target(diagnostic: Diagnostic) -> bool:
    return diagnostic.code == MISSED_TARGET_CODE
