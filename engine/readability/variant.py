"""Scoring a variant (and plain drafts) whole and per section, with the findings for writers."""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from engine.adapt.variant import Node, Variant
from engine.inline.tokens import Text, Token
from engine.load.glossary import refusal_note
from engine.readability.findings import Finding, Rules, Seen, find
from engine.readability.pemat import pre_check
from engine.readability.scores import (
    Counts,
    ReadabilityResult,
    count,
    judge,
    language_of,
    reported_formulas,
    scores,
    total,
)
from engine.readability.segment import Sentence, split_unit
from engine.schema.profile import AudienceProfile

HIDDEN_FIELDS = frozenset({"alt", "id", "level", "style", "kind", "src"})
"""Node fields a reader does not take in as prose on the page: left out entirely."""


LABEL_FIELDS = frozenset({"title", "caption", "columns", "rows"})
"""Headings, table captions, column headings and cells: not sentences, scored apart."""


_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


OWN_WORDING_BLOCKS = frozenset({"paragraph", "list", "callout", "get_help"})
"""Block types that should carry their own wording for plain-language audiences."""


def units(value: Any) -> Iterator[tuple[Token, ...]]:
    """Every prose text of a node, in reading order (headings, tables, captions left out)."""
    return (tokens for label, tokens in classified_units(value) if not label)


def label_units(value: Any) -> Iterator[tuple[Token, ...]]:
    """The headings, table cells, captions and list labels of a node, in reading order."""
    return (tokens for label, tokens in classified_units(value) if label)


def classified_units(value: Any, label: bool = False) -> Iterator[tuple[bool, tuple[Token, ...]]]:
    """(is a label, tokens) for every text of a node, in reading order.

    Health-literacy practice counts prose only (see docs/readability.md): headings,
    table captions, column headings and cells are labels; a list item is a
    sentence of its own, except one that only labels a nested list (it has
    nested items and no sentence-ending mark, as in "Foods with vitamin K:"),
    which is a heading.
    """
    if isinstance(value, Node):
        for name, item in value.fields.items():
            if name in HIDDEN_FIELDS:
                continue
            labels = label or name in LABEL_FIELDS
            if value.type == "listitem" and name == "text" and value.fields.get("items"):
                labels = labels or not _ENDS_SENTENCE.search(_plain(item))
            yield from classified_units(item, labels)
    elif isinstance(value, tuple) and all(isinstance(t, Token) for t in value):
        if value:
            yield label, value
    elif isinstance(value, list):
        for item in value:
            yield from classified_units(item, label)


def _plain(tokens: Any) -> str:
    return "".join(t.plain() for t in tokens) if isinstance(tokens, tuple) else ""


def _sentences(texts: Iterable[tuple[Token, ...]]) -> list[Sentence]:
    return [sentence for tokens in texts for sentence in split_unit(tokens)]


SENTENCE_WORDS_RATIO = {"es": 1.15}
"""How many more words a sentence takes in a language than in English for the same content:
the sample's Spanish translation has 1.21 (clinician), 1.11 (patient) and 1.145 (caregiver)
times the English words per sentence. Scales ``sentence_words`` unless the profile gives
``sentence_words_by_locale``."""


def sentence_words(profile: AudienceProfile | None, locale: str) -> int | None:
    """The longest sentence this audience reads well in this locale."""
    if profile is not None and locale in profile.sentence_words_by_locale:
        return profile.sentence_words_by_locale[locale]
    words = 25 if profile is None else profile.sentence_words
    ratio = SENTENCE_WORDS_RATIO.get(language_of(locale), 1.0)
    return None if words is None else round(words * ratio)


def rules_for(profile: AudienceProfile | None, locale: str) -> Rules:
    """Which findings apply: plain-language ones only where the audience has targets."""
    language = language_of(locale)
    limit = sentence_words(profile, locale)
    if profile is None:
        return Rules(language, sentence_words=limit, plain=True)
    return Rules(language, limit, plain=bool(profile.targets.get(locale)))


_SCORED: weakref.WeakKeyDictionary[Variant, list[ReadabilityResult]] = weakref.WeakKeyDictionary()
"""Results by variant, kept while the variant lives: pages, reports and the build summary
all ask for them, and a variant never changes once adapted."""


_COUNTED: weakref.WeakKeyDictionary[Variant, list[ReadabilityResult]] = weakref.WeakKeyDictionary()
"""Scores and verdicts without findings, by variant (see :func:`variant_scores`)."""


def score_variant(variant: Variant) -> list[ReadabilityResult]:
    """The variant whole (first), then each top-level section, judged against its targets,
    with the findings for writers and the PEMAT-P pre-check."""
    if variant not in _SCORED:
        _SCORED[variant] = _score_variant(variant, with_findings=True)
    return list(_SCORED[variant])


def variant_scores(variant: Variant) -> list[ReadabilityResult]:
    """As :func:`score_variant`, without findings or PEMAT-P (empty): the same scores and
    verdicts, for pages and build summaries, at less than half the cost (the preview)."""
    if variant in _SCORED:
        return list(_SCORED[variant])
    if variant not in _COUNTED:
        _COUNTED[variant] = _score_variant(variant, with_findings=False)
    return list(_COUNTED[variant])


def _score_variant(variant: Variant, *, with_findings: bool) -> list[ReadabilityResult]:
    profile = variant.audience.profile
    locale = variant.locale
    rules = rules_for(profile, locale)
    targets = profile.targets.get(locale) or None
    parts: list[tuple[str, str, Node | None]] = [("bottom-line", "Bottom line", None)]
    for top in variant.sections:
        title = "".join(t.plain() for t in top.title) if top.title else top.id
        parts.append((top.id, title, top))
    seen = Seen()
    sections: list[ReadabilityResult] = []
    every: list[Sentence] = []
    unit_words: list[list[int]] = []
    for section_id, title, node in parts:
        split = [split_unit(u) for u in (units(node) if node else [variant.bottom_line])]
        if node is not None:
            unit_words.append([sum(len(s.words) for s in unit) for unit in split])
        prose = [sentence for unit in split for sentence in unit]
        every += prose
        labels = [split_unit(unit) for unit in label_units(node)] if node else []
        findings = (
            _section_findings(variant, rules, section_id, node, prose, labels, seen)
            if with_findings
            else []
        )
        findings = _noted(variant, findings)
        result = _result(variant, count(prose, language_of(locale)), section_id, title, findings)
        result.refused = _refused(variant, prose)
        result.labels = _label_counts(labels, locale)
        result.strict_sections = profile.strict_sections
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
    if with_findings:
        whole.pemat = pre_check(variant, every, whole.findings, unit_words, plain=rules.plain)
    whole.strict_sections = profile.strict_sections
    whole.section_misses = [
        f"{r.section_title}: " + "; ".join(r.misses)
        for r in sections
        if r.strict_sections and r.passed is False
    ]
    whole.labels = total([r.labels for r in sections if r.labels]) if sections else None
    whole.refused = _refused(variant, every)
    if whole.refused:
        whole.notes.append(whole.refused.strip(" ()") + ": the scores read its term as written")
    judge(whole, targets)
    return [whole, *sections]


def _section_findings(
    variant: Variant,
    rules: Rules,
    section_id: str,
    node: Node | None,
    prose: Sequence[Sentence],
    labels: Sequence[list[Sentence]],
    seen: Seen,
) -> list[Finding]:
    findings = find(((section_id, s) for s in prose), rules, seen=seen)
    label_rules = replace(rules, sentence_words=None)  # a heading is not a long sentence
    findings += find(((section_id, s) for u in labels for s in u), label_rules, seen=seen)
    if rules.plain and node is not None:
        findings += _without_own_wording(section_id, _blocks(node), variant.audience.name)
    return findings


def _refused(variant: Variant, sentences: Sequence[Sentence]) -> str:
    """The note naming the refused glossary entries whose terms stand in these sentences."""
    if variant.glossary is None:
        return ""
    text = " ".join(sentence.text for sentence in sentences)
    return refusal_note(variant.glossary.refused_in(text))


def _noted(variant: Variant, findings: list[Finding]) -> list[Finding]:
    """Findings in a sentence where a refused glossary entry would have applied say so."""
    if variant.glossary is None or not variant.glossary.refused:
        return findings
    noted = []
    for finding in findings:
        note = refusal_note(variant.glossary.refused_in(finding.sentence))
        noted.append(replace(finding, message=finding.message + note) if note else finding)
    return noted


def _label_counts(labels: Sequence[list[Sentence]], locale: str) -> Counts | None:
    """Counts of headings, cells and captions, each one piece however it is punctuated."""
    pieces = [unit for unit in labels if unit]
    if not pieces:
        return None
    counted = count([s for unit in pieces for s in unit], language_of(locale))
    return replace(counted, sentences=len(pieces))


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
    return [variant_scores(variant)[0] for variant in variants]
