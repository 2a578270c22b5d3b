"""Sentences and words for readability, cut from inline tokens.

Every text a reader takes in as one piece (a paragraph, a list item, a table
cell, a caption) is a *unit*, segmented on its own: a list item or table cell
is at least one sentence even without a full stop. Citation markers drop out
(their tokens read as nothing), numbers with their units stay whole, and a
full stop ends a sentence only where a reader would stop: not inside "2.5 mg"
or "RR 0.73, 95% CI 0.65 to 0.81", not after "e.g." or "Dr.", and not before
a lowercase word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .errors import Location
from .glossary import GlossedTerm
from .inline import Quantity, Term, Text, Token, walk

ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "vs",
        "cf",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "approx",
        "fig",
        "figs",
        "no",
        "nos",
        "al",
        "ca",
        "jr",
        "sr",
        "mt",
        "dept",
        "min",
        "max",
        "avg",
        "est",
        "incl",
        "e.g.,",
        "i.e.,",
        "a.m",
        "p.m",
    ]
)
"""Words whose full stop does not end a sentence when a capital follows (lowercase, no final stop)."""

_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
_WORD = re.compile(r"\w+(?:[-'’.,]\w+)*")


@dataclass(frozen=True)
class Word:
    """A word as readability counts it."""

    text: str
    syllables: int | None = None
    """A fixed count (from the glossary entry it belongs to), or None to look it up."""

    quantity: bool = False
    """Part of a number and its unit: not flagged as a hard word or abbreviation."""

    glossary: bool = False
    """Shown by the glossary pass: the glossary already explains it."""

    first: bool = False
    """First word of its sentence (capitals there are not proper names)."""


@dataclass(frozen=True)
class Sentence:
    """A sentence: its text, its words and where it starts in its source."""

    text: str
    words: tuple[Word, ...]
    location: Location | None = None


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    token: Token


def _flatten(tokens: Sequence[Token]) -> Iterator[Token]:
    """The leaf tokens a reader sees, in order (links and emphasis opened up)."""
    for token in walk(tokens):
        if isinstance(token, Text | Quantity | GlossedTerm | Term):
            yield token


def sentence_ends(text: str, protected: Sequence[tuple[int, int]] = ()) -> list[int]:
    """Offsets just after each sentence-ending mark in ``text``."""
    ends: list[int] = []
    for match in _END.finditer(text):
        at = match.end()
        if any(start < at <= end for start, end in protected):
            continue
        rest = text[at:].lstrip()
        if rest and rest[0].islower():
            continue
        if text[match.start()] == ".":
            before = re.search(r"(\S+)$", text[: match.start()])
            word = before.group(1).lower().lstrip("([\"'") if before else ""
            if word in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
                continue
        ends.append(at)
    return ends


def split_unit(tokens: Sequence[Token]) -> list[Sentence]:
    """The sentences of one unit of inline tokens."""
    parts: list[str] = []
    spans: list[_Span] = []
    position = 0
    for token in _flatten(tokens):
        shown = token.plain()
        spans.append(_Span(position, position + len(shown), token))
        parts.append(shown)
        position += len(shown)
    text = "".join(parts)
    protected = [(s.start, s.end) for s in spans if not isinstance(s.token, Text)]
    sentences: list[Sentence] = []
    start = 0
    for end in [*sentence_ends(text, protected), len(text)]:
        sentence = _sentence(text, start, end, spans)
        if sentence is not None:
            sentences.append(sentence)
        start = end
    return sentences


def split_text(text: str) -> list[Sentence]:
    """The sentences of plain text that has no tokens (one unit)."""
    return split_unit([Text(text)])


def _sentence(text: str, start: int, end: int, spans: Sequence[_Span]) -> Sentence | None:
    words: list[Word] = []
    location: Location | None = None
    fixed = _fixed_syllables(text, start, end, spans)
    for match in _WORD.finditer(text, start, end):
        span = next((s for s in spans if s.start <= match.start() < s.end), None)
        token = span.token if span else None
        words.append(
            Word(
                match.group(0),
                fixed.get(match.start()),
                quantity=isinstance(token, Quantity),
                glossary=isinstance(token, GlossedTerm | Term),
                first=not words,
            )
        )
        if location is None and token is not None and token.origin is not None:
            location = _locate(token, text[match.start() : min(end, match.start() + 20)])
    if not words:
        return None
    # A dropped citation marker leaves a space before the punctuation that followed it.
    quote = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(text[start:end].split()))
    return Sentence(quote, tuple(words), location)


def _fixed_syllables(text: str, start: int, end: int, spans: Sequence[_Span]) -> dict[int, int]:
    """Word offsets -> syllables, where a glossary entry gives the term's count.

    The count is for the term as the entry writes it, so it applies only where
    that wording is shown, shared out over its words.
    """
    fixed: dict[int, int] = {}
    for span in spans:
        token = span.token
        if not isinstance(token, GlossedTerm) or token.entry.syllables is None:
            continue
        shown = text[span.start : span.end]
        at = shown.lower().find(token.entry.term.lower())
        if at < 0:
            continue
        region_start = span.start + at
        region_end = region_start + len(token.entry.term)
        if region_end <= start or region_start >= end:
            continue
        matches = list(_WORD.finditer(text, region_start, region_end))
        share, extra = divmod(token.entry.syllables, len(matches) or 1)
        for index, match in enumerate(matches):
            fixed[match.start()] = max(share + (1 if index < extra else 0), 1)
    return fixed


def _locate(token: Token, fragment: str) -> Location | None:
    if token.origin is None:
        return None
    if isinstance(token, Text):
        return token.origin.locate(fragment, token.offset)
    return token.location
