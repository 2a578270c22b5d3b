"""Inline text parsed once, at load time, into typed tokens.

The inline language is a small Markdown subset:

- ``*emphasis*`` and ``**strong**``
- ``[label](https://example.org)``: links (http, https, mailto and tel only)
- ``[@key]`` or ``[@key1; @key2]``: citations of the article's references
- ``\\*``: a character that would otherwise be markup

Raw HTML is refused. Inside plain text, glossary terms and quantities (doses,
percentages, counts, statistics, thresholds) become tokens of their own, so
every later stage works on tokens and no stage can rewrite a number by
accident: the glossary pass only ever touches :class:`Term` tokens.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from engine.errors import Location
from engine.inline.facts import Fact
from engine.source.located import LocatedStr


class InlineError(ValueError):
    """A problem in inline text at a character offset."""

    def __init__(self, message: str, hint: str, offset: int, raw: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.offset = offset
        self.raw = raw


@dataclass(frozen=True)
class Token:
    """Base of every inline token; ``origin`` and ``offset`` give its location."""

    origin: LocatedStr | None = field(default=None, compare=False, repr=False, kw_only=True)
    offset: int = field(default=0, compare=False, repr=False, kw_only=True)

    @property
    def location(self) -> Location | None:
        if self.origin is None:
            return None
        return self.origin.locate(self.source_text(), self.offset)

    def source_text(self) -> str:
        return ""

    def plain(self) -> str:
        """The token as plain text, for readability scoring and search."""
        return self.source_text()


@dataclass(frozen=True)
class Text(Token):
    text: str

    def source_text(self) -> str:
        return self.text


@dataclass(frozen=True)
class Term(Token):
    """An occurrence of a glossary term; ``key`` names the glossary entry."""

    surface: str
    key: str

    def source_text(self) -> str:
        return self.surface


@dataclass(frozen=True)
class Quantity(Token):
    """A fact in the text: ``raw`` as written, ``fact`` as the recogniser read it.

    The typed :class:`~engine.inline.facts.Fact` (value, range or pair, unit,
    what it measures, comparator, frequency, negation) is what every variant and
    language must keep; it compares by value, never by spelling.
    """

    raw: str
    fact: Fact
    decimals: int = 0
    """How many decimals the value is written with, so a locale writes it the same way."""

    def source_text(self) -> str:
        return self.raw

    @property
    def kind(self) -> str:
        return self.fact.kind

    @property
    def low(self) -> Decimal:
        return self.fact.low

    @property
    def high(self) -> Decimal | None:
        return self.fact.high

    @property
    def unit(self) -> str:
        return self.fact.unit

    @property
    def comparator(self) -> str:
        return self.fact.comparator

    @property
    def per(self) -> str:
        """The period of "once a day"-style frequencies ('day', 'week'); '' for any other."""
        frequency = self.fact.frequency
        return frequency.period if frequency is not None and frequency.times == 1 else ""

    def describe(self) -> str:
        return self.fact.describe()


@dataclass(frozen=True)
class Citation(Token):
    keys: tuple[str, ...]

    def source_text(self) -> str:
        return "[" + "; ".join("@" + k for k in self.keys) + "]"

    def plain(self) -> str:
        return ""


@dataclass(frozen=True)
class Link(Token):
    url: str
    children: tuple[Token, ...]

    def source_text(self) -> str:
        return "[" + "".join(c.source_text() for c in self.children) + "]"

    def plain(self) -> str:
        return "".join(c.plain() for c in self.children)


@dataclass(frozen=True)
class Emphasis(Token):
    children: tuple[Token, ...]
    strong: bool = False

    def source_text(self) -> str:
        return "".join(c.source_text() for c in self.children)

    def plain(self) -> str:
        return "".join(c.plain() for c in self.children)


Tokens = tuple[Token, ...]


def plain_text(tokens: Sequence[Token]) -> str:
    return "".join(t.plain() for t in tokens)


def walk(tokens: Sequence[Token]) -> Iterator[Token]:
    """Every token, depth first, including those inside links and emphasis."""
    for token in tokens:
        yield token
        if isinstance(token, Link | Emphasis):
            yield from walk(token.children)


def first_location(tokens: Sequence[Token], fallback: Location) -> Location:
    """Where a text starts in its source: its first located token's place, else ``fallback``."""
    for token in tokens:
        if token.origin is not None:
            return token.origin.location
    return fallback
