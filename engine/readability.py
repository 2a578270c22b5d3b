"""Readability: every formula from our own counts, targets per audience, findings.

Sentences come from :mod:`engine.segment` (cut from inline tokens, so numbers,
confidence intervals and abbreviations do not break them), syllables from
:mod:`engine.syllables` (CMUdict, offline). Nothing here uses textstat's
sentence splitter or its process-global language setting, so scoring is safe
in threads and in several languages at once.

A variant is scored whole and per top-level section. Titles, headings, column
headings, image alt text, disclaimers, citation markers and references are
left out: they are not the prose a reader works through.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from . import syllables
from .errors import Diagnostic, Location
from .findings import Finding, Rules, easy_words, familiar, find
from .inline import Token
from .schema import FORMULAS, AudienceProfile, ReadingTarget
from .segment import Sentence, Word, split_unit

if TYPE_CHECKING:
    from .adapt import Node, Variant

SMOG_MIN_SENTENCES = 30
"""SMOG was normed on 30-sentence samples; below that it is shown but does not gate."""

SKIPPED_FIELDS = frozenset({"title", "columns", "alt", "id", "level"})
"""Node fields that are headings or not shown as prose: left out of the counts."""

OWN_WORDING_BLOCKS = frozenset({"paragraph", "list", "callout", "get_help"})
"""Block types that should carry their own wording for plain-language audiences."""


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
            "notes": self.notes,
            "findings": [finding.as_dict() for finding in self.findings],
        }


# --- counting ------------------------------------------------------------------------------


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
    easy = language == "en" and bool(easy_words())
    for sentence in sentences:
        for word in sentence.words:
            n = word_syllables(word, language)
            words += 1
            syllable_total += n
            letters += _letters(word.text)
            poly += n >= 3
            complex_words += _complex(word.text, n, word.first, language)
            if easy and not word.quantity and not familiar(word.text):
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
    spanish = ("fernandez_huerta", "szigriszt_pazos")
    if language_of(locale) == "es":
        return tuple(f for f in FORMULAS if f != "dale_chall_readability_score")
    return tuple(f for f in FORMULAS if f not in spanish)


# --- targets -------------------------------------------------------------------------------


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


# --- what a variant's reader reads ---------------------------------------------------------


def units(value: Any) -> Iterator[tuple[Token, ...]]:
    """Every prose text of a node, in reading order (headings left out)."""
    from .adapt import Node  # once per call, not once per nested value: imports cost

    def walk(value: Any) -> Iterator[tuple[Token, ...]]:
        if isinstance(value, Node):
            for name, item in value.fields.items():
                if name not in SKIPPED_FIELDS:
                    yield from walk(item)
        elif isinstance(value, tuple) and all(isinstance(t, Token) for t in value):
            if value:
                yield value
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    return walk(value)


def _sentences(texts: Iterable[tuple[Token, ...]]) -> list[Sentence]:
    return [sentence for tokens in texts for sentence in split_unit(tokens)]


def rules_for(profile: AudienceProfile | None, locale: str) -> Rules:
    """Which findings apply: plain-language ones only where the audience has targets."""
    language = language_of(locale)
    if profile is None:
        return Rules(language, sentence_words=25, plain=True)
    return Rules(language, profile.sentence_words, plain=bool(profile.targets.get(locale)))


def check_variant(variant: Variant) -> list[ReadabilityResult]:
    """The variant whole (first), then each top-level section, judged against its targets."""
    if variant.readability is None:
        variant.readability = _check_variant(variant)
    return list(variant.readability)


def _check_variant(variant: Variant) -> list[ReadabilityResult]:
    profile = variant.audience.profile
    locale = variant.locale
    language = language_of(locale)
    rules = rules_for(profile, locale)
    targets = profile.targets.get(locale) or None
    parts: list[tuple[str, str, list[Sentence], list[Node]]] = [
        ("bottom-line", "Bottom line", _sentences([variant.bottom_line]), [])
    ]
    for section in variant.sections:
        title = "".join(t.plain() for t in section.title) if section.title else section.id
        parts.append((section.id, title, _sentences(units(section)), _blocks(section)))
    seen: set[str] = set()
    sections: list[ReadabilityResult] = []
    for section_id, title, sentences, blocks in parts:
        findings = find(((section_id, s) for s in sentences), rules, seen=seen)
        if rules.plain:
            findings.extend(_without_own_wording(section_id, blocks, variant.audience.name))
        result = _result(variant, count(sentences, language), section_id, title, findings)
        judge(result, targets)
        sections.append(result)
    # The sections together are exactly the whole's sentences: add up their counts.
    whole = _result(
        variant,
        total([result.counts for result in sections]),
        None,
        None,
        [finding for result in sections for finding in result.findings],
    )
    judge(whole, targets)
    return [whole, *sections]


def _result(
    variant: Variant,
    counts: Counts,
    section: str | None,
    title: str | None,
    findings: list[Finding],
) -> ReadabilityResult:
    return ReadabilityResult(
        variant.article.display,
        variant.locale,
        counts,
        _shown(scores(counts), variant.locale),
        article=variant.slug,
        audience=variant.audience.name,
        section=section,
        section_title=title,
        findings=findings,
    )


def _shown(all_scores: dict[str, float | None], locale: str) -> dict[str, float | None]:
    return {name: all_scores[name] for name in reported_formulas(locale)}


def _blocks(section: Node) -> list[Node]:
    found = list(section.blocks)
    for child in section.sections:
        found.extend(_blocks(child))
    return found


def _without_own_wording(section: str, blocks: Sequence[Node], audience: str) -> list[Finding]:
    findings: list[Finding] = []
    for block in blocks:
        if block.own_wording or block.type not in OWN_WORDING_BLOCKS:
            continue
        first = _first_sentence(block)
        if first is None:
            continue
        findings.append(
            Finding(
                "no_own_wording",
                f"block '{block.id}' reaches {audience} readers only as clinician wording "
                f"through the glossary: give it `{audience}:` wording of its own",
                first.text,
                section=section,
                location=first.location,
            )
        )
    return findings


def _first_sentence(block: Node) -> Sentence | None:
    """The block's first sentence, segmenting no further than the unit that holds it."""
    for tokens in units(block):
        sentences = split_unit(tokens)
        if sentences:
            return sentences[0]
    return None


def check_text(
    text: str,
    path: str,
    locale: str = "en-US",
    profile: AudienceProfile | None = None,
    audience: str | None = None,
    tokens: Sequence[tuple[Token, ...]] | None = None,
) -> ReadabilityResult:
    """Score a plain text (already cut into units as ``tokens``, or one unit of ``text``)."""
    from .inline import Text

    texts = list(tokens) if tokens is not None else [(Text(text),)]
    sentences = _sentences(texts)
    rules = rules_for(profile, locale)
    counts = count(sentences, language_of(locale))
    result = ReadabilityResult(
        path,
        locale,
        counts,
        _shown(scores(counts), locale),
        audience=audience,
        findings=find(((None, s) for s in sentences), rules),
    )
    judge(result, profile.targets.get(locale) if profile else None)
    return result


def summarize(variants: Iterable[Variant]) -> list[ReadabilityResult]:
    """The whole-variant result of each variant, for the build's one-line summaries."""
    return [check_variant(variant)[0] for variant in variants]


def summary_line(result: ReadabilityResult) -> str:
    """One line per variant: "vitamin-d-k2 patient en-US: FK 3.3, SMOG 7.3: pass"."""
    shown = list(result.target) if result.target else ["flesch_kincaid_grade"]
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
"""How a missed target reads in a build warning; ``build --strict`` fails on these."""


def missed_targets(results: Iterable[ReadabilityResult]) -> list[Diagnostic]:
    """A build warning per whole variant that misses a target (replayed by unchanged builds)."""
    return [
        Diagnostic(
            Location(result.path),
            f"the {result.audience} variant ({result.locale}) {MISSED_TARGET}: "
            + "; ".join(result.misses),
            f"rewrite its {result.audience} wording (see reports/{result.article}.html)",
            "warning",
        )
        for result in results
        if result.section is None and result.passed is False
    ]


def is_missed_target(diagnostic: Diagnostic) -> bool:
    return MISSED_TARGET in diagnostic.message
