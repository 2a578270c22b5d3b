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

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .errors import Location
from .source import LocatedStr


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
    """A number as a fact: value or range, unit, comparator and frequency.

    ``raw`` is the text as written; ``low``/``high`` are exact decimals so
    variants and languages can be compared by value, not by spelling.
    """

    raw: str
    kind: str
    low: Decimal
    high: Decimal | None = None
    unit: str = ""
    comparator: str = ""
    per: str = ""
    decimals: int = 0

    def source_text(self) -> str:
        return self.raw

    @property
    def fact(self) -> tuple[str, Decimal, Decimal | None, str, str]:
        """What must stay the same in every variant and language."""
        return (self.comparator, self.low, self.high, self.unit, self.per)

    def describe(self) -> str:
        value = f"{self.low}" if self.high is None else f"{self.low}-{self.high}"
        parts = [self.comparator + value, self.unit, f"per {self.per}" if self.per else ""]
        return " ".join(p for p in parts if p)


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


# --- numbers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberFormat:
    """How a locale writes numbers: decimal and group separators."""

    decimal: str = "."
    group: str = ","

    def parse(self, text: str) -> tuple[Decimal, int]:
        """The exact value of a written number and how many decimals it was written with."""
        cleaned = text.replace("\u2212", "-").replace(self.group, "").replace("\u202f", "")
        cleaned = cleaned.replace("\u00a0", "")
        if self.decimal != ".":
            cleaned = cleaned.replace(self.decimal, ".")
        try:
            value = Decimal(cleaned)
        except InvalidOperation as error:  # pragma: no cover - the pattern admits only numbers
            raise ValueError(text) from error
        decimals = len(cleaned.split(".")[1]) if "." in cleaned else 0
        return value, decimals


UNITS: dict[str, tuple[str, str]] = {
    # written form (lowercase) -> (canonical unit, kind when no comparator)
    "mcg": ("mcg", "dose"),
    "mg": ("mg", "dose"),
    "g": ("g", "dose"),
    "kg": ("kg", "dose"),
    "iu": ("IU", "dose"),
    "ui": ("IU", "dose"),
    "units": ("units", "dose"),
    "unidades": ("units", "dose"),
    "ml": ("mL", "dose"),
    "ng/ml": ("ng/mL", "threshold"),
    "nmol/l": ("nmol/L", "threshold"),
    "mg/dl": ("mg/dL", "threshold"),
    "mmol/l": ("mmol/L", "threshold"),
    "%": ("%", "percentage"),
    "percent": ("%", "percentage"),
    "por ciento": ("%", "percentage"),
    "hours": ("h", "count"),
    "horas": ("h", "count"),
    "years": ("years", "count"),
    "años": ("years", "count"),
}
MICROGRAM_SIGNS = ("μg", "µg", "ug")

COMPARATORS: dict[str, str] = {
    "≥": "≥",
    ">=": "≥",
    "≤": "≤",
    "<=": "≤",
    ">": ">",
    "<": "<",
    "at least": "≥",
    "no less than": "≥",
    "at most": "≤",
    "no more than": "≤",
    "up to": "≤",
    "more than": ">",
    "greater than": ">",
    "over": ">",
    "above": ">",
    "less than": "<",
    "fewer than": "<",
    "below": "<",
    "under": "<",
    "al menos": "≥",
    "como mínimo": "≥",
    "como máximo": "≤",
    "hasta": "≤",
    "más de": ">",
    "por encima de": ">",
    "menos de": "<",
    "por debajo de": "<",
}

FREQUENCIES: dict[str, str] = {
    "/day": "day",
    "/d": "day",
    "per day": "day",
    "a day": "day",
    "each day": "day",
    "every day": "day",
    "daily": "day",
    "al día": "day",
    "por día": "day",
    "cada día": "day",
    "diarios": "day",
    "diarias": "day",
    "diaria": "day",
    "diario": "day",
    "/week": "week",
    "per week": "week",
    "a week": "week",
    "weekly": "week",
    "a la semana": "week",
    "por semana": "week",
    "semanales": "week",
}


def _alternation(words: Sequence[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _number_pattern(fmt: NumberFormat) -> str:
    group, decimal = re.escape(fmt.group), re.escape(fmt.decimal)
    return rf"[-\u2212]?(?:\d{{1,3}}(?:{group}\d{{3}})+|\d+)(?:{decimal}\d+)?"


def _quantity_regex(fmt: NumberFormat) -> re.Pattern[str]:
    number = _number_pattern(fmt)
    units = _alternation([*UNITS, *MICROGRAM_SIGNS])
    comparators = _alternation(list(COMPARATORS))
    frequencies = _alternation(list(FREQUENCIES))
    dash = r"\s*[-–]\s*|\s+(?:to|a)\s+"
    return re.compile(
        rf"""
        (?<![\w.,/])
        (?:(?P<comparator>{comparators})\s*)?
        (?:(?P<level>\d{{2}})\s*%\s*CI:?\s*|IC\s+(?:del\s+)?(?P<level_es>\d{{2}})\s*%:?\s*)?
        (?P<low>{number})
        (?:\s*(?P<unit1>{units})(?!\w))?
        (?:(?P<dash>{dash})(?P<high>{number}))?
        (?:\s*(?P<unit>{units})(?!\w))?
        (?:\s*(?P<per>{frequencies})(?!\w))?
        (?![\w(])
        """,
        re.VERBOSE | re.IGNORECASE,
    )


_QUANTITY_CACHE: dict[NumberFormat, re.Pattern[str]] = {}


def _classify(
    unit_kind: str, comparator: str, low: Decimal, high: Decimal | None, ci: bool, decimals: int
) -> str:
    if ci:
        return "statistic"
    if comparator:
        return "threshold"
    if unit_kind:
        return unit_kind
    if decimals or low < 0:
        return "statistic"
    return "count"


def _quantities(
    text: str, fmt: NumberFormat, base: int, origin: LocatedStr | None
) -> Iterator[Token]:
    pattern = _QUANTITY_CACHE.get(fmt)
    if pattern is None:
        pattern = _QUANTITY_CACHE.setdefault(fmt, _quantity_regex(fmt))
    position = 0
    for match in pattern.finditer(text):
        raw = match.group(0)
        if match.group("high") is None and match.group("dash") is not None:
            continue  # pragma: no cover - the pattern requires both together
        unit_text = (match.group("unit") or match.group("unit1") or "").lower()
        unit_text = re.sub(r"\s+", " ", unit_text)
        if unit_text in MICROGRAM_SIGNS:
            raise InlineError(
                f"'{raw}' writes micrograms as '{match.group('unit') or match.group('unit1')}'",
                "write micrograms as 'mcg': 'μg' is on the list of error-prone abbreviations",
                base + match.start(),
                raw,
            )
        comparator_text = re.sub(r"\s+", " ", (match.group("comparator") or "").lower())
        comparator = COMPARATORS.get(comparator_text, "")
        if not comparator and match.group("comparator"):
            comparator = COMPARATORS.get(match.group("comparator"), "")
        low, decimals = fmt.parse(match.group("low"))
        high = None
        if match.group("high"):
            high, high_decimals = fmt.parse(match.group("high"))
            decimals = max(decimals, high_decimals)
        unit, unit_kind = UNITS.get(unit_text, ("", ""))
        level = match.group("level") or match.group("level_es")  # "95% CI", "IC 95%"
        if level:
            unit = f"{level}% CI"
        per_text = re.sub(r"\s+", " ", (match.group("per") or "").lower())
        per = FREQUENCIES.get(per_text, "")
        # A bare word such as "over" or "under" before a plain count is prose, not a threshold.
        if comparator_text.isalpha() and not unit and not per and not level:
            comparator = ""
            start = match.start("low")
            raw = text[start : match.end()]
        else:
            start = match.start()
        if raw.strip() != raw:
            stripped = raw.rstrip()
            raw = stripped
        if start > position:
            yield Text(text[position:start], origin=origin, offset=base + position)
        kind = _classify(unit_kind, comparator, low, high, bool(level), decimals)
        yield Quantity(
            raw,
            kind,
            low,
            high,
            unit,
            comparator,
            per,
            decimals,
            origin=origin,
            offset=base + start,
        )
        position = start + len(raw)
    if position < len(text):
        yield Text(text[position:], origin=origin, offset=base + position)


# --- glossary terms ------------------------------------------------------------------------


class TermMatcher:
    """Finds glossary terms in text: whole words only, longest match first, any case."""

    def __init__(self, forms: dict[str, str]):
        # forms: written form (any case) -> glossary key
        self.forms = {form.lower(): key for form, key in forms.items()}
        self.pattern: re.Pattern[str] | None = None
        if self.forms:
            self.pattern = re.compile(
                rf"(?<![\w-])(?:{_alternation(list(self.forms))})(?![\w-])", re.IGNORECASE
            )

    def split(
        self, text: str, fmt: NumberFormat, base: int, origin: LocatedStr | None
    ) -> Iterator[Token]:
        position = 0
        if self.pattern is not None:
            for match in self.pattern.finditer(text):
                if match.start() > position:
                    yield from _quantities(
                        text[position : match.start()], fmt, base + position, origin
                    )
                surface = match.group(0)
                key = self.forms[re.sub(r"\s+", " ", surface.lower())]
                yield Term(surface, key, origin=origin, offset=base + match.start())
                position = match.end()
        if position < len(text):
            yield from _quantities(text[position:], fmt, base + position, origin)


NO_TERMS = TermMatcher({})

# --- markup --------------------------------------------------------------------------------

_CITATION = re.compile(r"\[(@[\w:.-]+(?:\s*[;,]\s*@[\w:.-]+)*)\]")
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))*)\)")
_HTML = re.compile(r"<(?:[A-Za-z!/?]|$)")
_ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def check_url(url: str) -> str | None:
    """Why a link target is refused, or None when it is fine."""
    if not url:
        return "a link needs a target"
    if any(ord(c) < 32 or c.isspace() for c in url):
        return "a link target may not contain spaces or control characters"
    scheme = _SCHEME.match(url)
    if scheme:
        if scheme.group(1).lower() not in _ALLOWED_SCHEMES:
            return f"links with '{scheme.group(1)}:' are not allowed"
        return None
    if url.startswith("//") or url.startswith("\\"):
        return "write the full address starting with https://"
    return None


class _Parser:
    def __init__(
        self,
        text: str,
        terms: TermMatcher,
        fmt: NumberFormat,
        origin: LocatedStr | None,
    ):
        self.text = text
        self.terms = terms
        self.fmt = fmt
        self.origin = origin

    def parse(self, start: int, end: int, *, in_link: bool = False) -> list[Token]:
        tokens: list[Token] = []
        buffer: list[str] = []
        buffer_start = start
        text = self.text

        def flush(at: int) -> None:
            nonlocal buffer, buffer_start
            if buffer:
                chunk = "".join(buffer)
                matcher = NO_TERMS if in_link else self.terms
                tokens.extend(matcher.split(chunk, self.fmt, buffer_start, self.origin))
            buffer = []
            buffer_start = at

        i = start
        while i < end:
            char = text[i]
            if char == "\\" and i + 1 < end and text[i + 1] in "\\*[]()@<_`":
                if not buffer:
                    buffer_start = i
                buffer.append(text[i + 1])
                i += 2
                continue
            if char == "<" and _HTML.match(text, i):
                raise InlineError(
                    "raw HTML is not allowed in text",
                    "write plain text; use *emphasis* and [label](https://...) for markup",
                    i,
                    text[i : i + 10],
                )
            if char == "[":
                citation = _CITATION.match(text, i)
                if citation and citation.end() <= end:
                    flush(i)
                    keys = tuple(
                        k.strip().lstrip("@") for k in re.split(r"[;,]", citation.group(1))
                    )
                    tokens.append(Citation(keys, origin=self.origin, offset=i))
                    i = citation.end()
                    buffer_start = i
                    continue
                link = _LINK.match(text, i)
                if link and link.end() <= end and not in_link:
                    url = link.group(2)
                    problem = check_url(url)
                    if problem:
                        raise InlineError(
                            problem,
                            "links may use http, https, mailto or tel",
                            link.start(2),
                            url,
                        )
                    flush(i)
                    children = self.parse(link.start(1), link.end(1), in_link=True)
                    tokens.append(Link(url, tuple(children), origin=self.origin, offset=i))
                    i = link.end()
                    buffer_start = i
                    continue
            if char == "*":
                strong = text.startswith("**", i)
                marker = "**" if strong else "*"
                close = self._closing(marker, i + len(marker), end)
                if close is not None and close > i + len(marker):
                    flush(i)
                    children = self.parse(i + len(marker), close, in_link=in_link)
                    tokens.append(Emphasis(tuple(children), strong, origin=self.origin, offset=i))
                    i = close + len(marker)
                    buffer_start = i
                    continue
            if not buffer:
                buffer_start = i
            buffer.append(char)
            i += 1
        flush(end)
        return tokens

    def _closing(self, marker: str, start: int, end: int) -> int | None:
        i = start
        while i < end:
            if self.text[i] == "\\":
                i += 2
                continue
            if self.text.startswith(marker, i):
                if marker == "*" and self.text.startswith("**", i):
                    i += 2
                    continue
                return i
            i += 1
        return None


def parse_inline(
    text: str,
    *,
    terms: TermMatcher = NO_TERMS,
    number_format: NumberFormat = NumberFormat(),
    origin: LocatedStr | None = None,
) -> Tokens:
    """Parse inline text into tokens, raising :class:`InlineError` on refused markup."""
    text = text.strip()
    parser = _Parser(text, terms, number_format, origin)
    return tuple(_merge_text(parser.parse(0, len(text))))


def _merge_text(tokens: list[Token]) -> Iterator[Token]:
    pending: Text | None = None
    for token in tokens:
        if isinstance(token, Text):
            if pending is None:
                pending = token
            else:
                pending = Text(
                    pending.text + token.text, origin=pending.origin, offset=pending.offset
                )
            continue
        if pending is not None:
            yield pending
            pending = None
        yield token
    if pending is not None:
        yield pending
