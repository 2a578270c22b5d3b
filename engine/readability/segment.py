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
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from engine.adapt.glossary_pass import GlossedTerm
from engine.errors import Location
from engine.inline.tokens import Quantity, Term, Text, Token, walk

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


NUMBER_SIGNS = frozenset(["no", "nos"])
"""Abbreviations only before a number: elsewhere "No." is a one-word sentence."""


_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")


_WORD = re.compile(r"\w+(?:[-'’.,]\w+)*")


_NEXT_CHARACTER = re.compile(r"\s*(\S)")


_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")


_SPACE_BEFORE_MARK = re.compile(r"\s+([.,;:!?])")


class Word(NamedTuple):
    """A word as readability counts it.

    A named tuple rather than a frozen dataclass: a variant has thousands of words,
    and a frozen dataclass takes about three times as long to make.
    """

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
        following = _NEXT_CHARACTER.match(text, at)
        if following and following.group(1).islower():
            continue
        if text[match.start()] == ".":
            word = _word_before(text, match.start()).lower().lstrip("([\"'")
            if word in NUMBER_SIGNS and not (following and following.group(1).isdigit()):
                pass  # "No. 5" is a number sign; "No. Call us." is two sentences
            elif word in ABBREVIATIONS or _INITIALS.fullmatch(word):
                continue
        ends.append(at)
    return ends


def _word_before(text: str, at: int) -> str:
    """The run of non-space characters that ends at ``at`` ("" after a space).

    Scans back from ``at``: a regular expression anchored at the end would try
    every earlier position of a long paragraph first. As ``(\\S+)$`` did, it also
    takes the word before a newline that ends the text.
    """
    end = at - 1 if at and text[at - 1] == "\n" else at
    start = end
    while start and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


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
    unit = _Unit(text, spans, [s.start for s in spans], _fixed_syllables(text, spans))
    sentences: list[Sentence] = []
    start = 0
    for end in [*sentence_ends(text, protected), len(text)]:
        sentence = _sentence(unit, start, end)
        if sentence is not None:
            sentences.append(sentence)
        start = end
    return sentences


def split_text(text: str) -> list[Sentence]:
    """The sentences of plain text that has no tokens (one unit)."""
    return split_unit([Text(text)])


@dataclass(frozen=True)
class _Unit:
    """One unit's text and tokens, worked out once for all of its sentences."""

    text: str
    spans: Sequence[_Span]
    starts: Sequence[int]
    """Where each span starts, in order (spans follow one another), for bisecting."""

    fixed: dict[int, int]
    """Word offsets -> syllables fixed by a glossary entry (see :func:`_fixed_syllables`)."""

    def token_at(self, offset: int) -> Token | None:
        """The token whose text holds ``offset``, if any."""
        # Spans are back to back, so only the last one starting at or before the
        # offset can hold it (an empty span holds nothing).
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.spans[index].end:
            return self.spans[index].token
        return None


def _sentence(unit: _Unit, start: int, end: int) -> Sentence | None:
    text = unit.text
    words: list[Word] = []
    location: Location | None = None
    for match in _WORD.finditer(text, start, end):
        at = match.start()
        token = unit.token_at(at)
        words.append(
            Word(
                match.group(0),
                unit.fixed.get(at),
                isinstance(token, Quantity),
                isinstance(token, GlossedTerm | Term),
                not words,
            )
        )
        if location is None and token is not None and token.origin is not None:
            location = _locate(token, text[at : min(end, at + 20)])
    if not words:
        return None
    # A dropped citation marker leaves a space before the punctuation that followed it.
    quote = _SPACE_BEFORE_MARK.sub(r"\1", " ".join(text[start:end].split()))
    return Sentence(quote, tuple(words), location)


def _fixed_syllables(text: str, spans: Sequence[_Span]) -> dict[int, int]:
    """Word offsets -> syllables, where a glossary entry gives the term's count.

    The count is for the term as the entry writes it, so it applies only where
    that wording is shown, shared out over its words. Worked out once per unit:
    a sentence only looks up the offsets of its own words.
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
