"""Facts inside a run of plain text become Quantity tokens; glossary terms around them, Term tokens.

The recogniser (:mod:`engine.inline.facts`) reads the whole run, so a negation
or a named measure ("INR 2.0 to 3.0") is seen with its fact. A glossary term
that names a fact's measure stays a term of its own ("INR" can still be
glossed for patients), and the Quantity after it keeps the measure: the INR
goal is the INR goal however the term is shown. Any other term overlapping a
fact gives way to the fact, so no glossary entry can rewrite a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from engine.inline.facts import Fact, scan
from engine.inline.numerals import NumberFormat
from engine.inline.tokens import InlineError, Quantity, Term, Text, Token
from engine.source.located import LocatedStr

__all__ = ["NumberFormat", "alternation", "recognise", "tokens_of"]


def alternation(words: Sequence[str]) -> str:
    """A regex alternation of words, longest first, any run of spaces between words."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def recognise(text: str, fmt: NumberFormat, base: int = 0) -> list[Fact]:
    """The facts of a run of text, or InlineError at the first refused number."""
    facts, problems = scan(text, fmt)
    if problems:
        first = problems[0]
        raw = text[first.offset : first.offset + 12].split(" ")[0]
        raise InlineError(first.message, first.hint, base + first.offset, raw)
    return facts


def decimals(raw: str, fmt: NumberFormat) -> int:
    """How many decimals the numbers of a fact are written with, the most of them."""
    found = re.findall(rf"[0-9]{re.escape(fmt.decimal)}([0-9]+)", raw)
    return max((len(digits) for digits in found), default=0)


def _trimmed(text: str, fact: Fact, start: int) -> Fact:
    """The fact written from ``start`` on, without the spaces around it."""
    written = text[start : fact.end]
    begin = start + len(written) - len(written.lstrip())
    raw = text[begin : fact.end].rstrip()
    return replace(fact, start=begin, end=begin + len(raw), raw=raw)


def _ending(text: str, fact: Fact, end: int) -> Fact:
    """The fact written up to ``end``, without the spaces before it."""
    raw = text[fact.start : end].rstrip()
    return replace(fact, end=fact.start + len(raw), raw=raw)


def _spans(
    text: str, facts: list[Fact], terms: Sequence[re.Match[str]], forms: dict[str, str]
) -> list[tuple[int, int, Fact | str]]:
    """Facts and terms by position; a term naming a fact's measure stays a term before it."""
    spans: list[tuple[int, int, Fact | str]] = []
    kept = [_trimmed(text, fact, fact.start) for fact in facts]
    for match in terms:
        key = forms[re.sub(r"\s+", " ", match.group(0).lower())]
        overlap = [f for f in kept if match.start() < f.end and f.start < match.end()]
        if not overlap:
            spans.append((match.start(), match.end(), key))
            continue
        fact = overlap[0]
        if fact.measure and match.start() == fact.start and match.end() < fact.end:
            kept[kept.index(fact)] = _trimmed(text, fact, match.end())
            spans.append((match.start(), match.end(), key))
        elif fact.kind == "statistic" and match.end() == fact.end and match.start() > fact.start:
            # "8 RCTs": the count keeps its fact (8 studies), the noun stays a term
            kept[kept.index(fact)] = _ending(text, fact, match.start())
            spans.append((match.start(), match.end(), key))
        # any other overlap: the fact wins, the term is not marked
    spans.extend((f.start, f.end, f) for f in kept)
    return sorted(spans, key=lambda span: span[0])


def tokens_of(
    text: str,
    fmt: NumberFormat,
    base: int,
    origin: LocatedStr | None,
    terms: re.Pattern[str] | None = None,
    forms: dict[str, str] | None = None,
) -> Iterator[Token]:
    """Text, Term and Quantity tokens for a run of plain text at ``base`` in its source."""
    facts = recognise(text, fmt, base)
    found = list(terms.finditer(text)) if terms is not None else []
    position = 0
    for start, end, what in _spans(text, facts, found, forms or {}):
        if start > position:
            yield Text(text[position:start], origin=origin, offset=base + position)
        if isinstance(what, str):
            yield Term(text[start:end], what, origin=origin, offset=base + start)
        else:
            yield Quantity(
                what.raw, what, decimals(what.raw, fmt), origin=origin, offset=base + start
            )
        position = end
    if position < len(text):
        yield Text(text[position:], origin=origin, offset=base + position)
