"""The inline parser: markup, citations and links, with glossary terms and quantities inside text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from engine.inline.quantities import NumberFormat, _alternation, _quantities
from engine.inline.tokens import Citation, Emphasis, InlineError, Link, Term, Text, Token, Tokens
from engine.source.located import LocatedStr


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
