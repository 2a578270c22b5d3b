"""The inline parser: markup, citations and links, with glossary terms and quantities inside text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from engine.inline.quantities import NumberFormat, alternation, tokens_of
from engine.inline.tokens import Citation, Emphasis, InlineError, Link, Text, Token, Tokens
from engine.source.located import LocatedStr


class TermMatcher:
    """Finds glossary terms in text: whole words only, longest match first, any case."""

    def __init__(self, forms: dict[str, str]):
        # forms: written form (any case) -> glossary key
        self.forms = {form.lower(): key for form, key in forms.items()}
        self.pattern: re.Pattern[str] | None = None
        if self.forms:
            self.pattern = re.compile(
                rf"(?<![\w-])(?:{alternation(list(self.forms))})(?![\w-])", re.IGNORECASE
            )

    def split(
        self, text: str, fmt: NumberFormat, base: int, origin: LocatedStr | None
    ) -> Iterator[Token]:
        """Text, Term and Quantity tokens of a run of plain text."""
        return tokens_of(text, fmt, base, origin, self.pattern, self.forms)


NO_TERMS = TermMatcher({})


_CITATION = re.compile(r"\[(@[\w:.-]+(?:\s*[;,]\s*@[\w:.-]+)*)\]")


_LINK = re.compile(r"\[([^\[\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))*)\)")


_HTML = re.compile(r"<(?:[A-Za-z!/?]|$)")


_ALLOWED_SCHEMES = ("http", "https", "mailto", "tel", "article")


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


_ARTICLE_LINK = re.compile(r"^article:[a-z0-9]+(?:-[a-z0-9]+)*$")


def check_url(url: str) -> str | None:
    """Why a link target is refused, or None when it is fine.

    Links go to the web (http, https), to mail or a phone, or to another article of the
    library as ``article:slug``; a relative address is refused here, since a handout
    cannot follow it and a page would break when the library moves.
    """
    if not url:
        return "a link needs a target"
    if any(ord(c) < 32 or c.isspace() for c in url):
        return "a link target may not contain spaces or control characters"
    scheme = _SCHEME.match(url)
    if scheme:
        if scheme.group(1).lower() not in _ALLOWED_SCHEMES:
            return f"links with '{scheme.group(1)}:' are not allowed"
        if scheme.group(1).lower() == "article" and not _ARTICLE_LINK.match(url):
            return f"'{url}' does not name an article: write article:slug, the file name"
        return None
    if url.startswith("//") or url.startswith("\\"):
        return "write the full address starting with https://"
    return f"'{url}' is a relative link, which a handout cannot follow"


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
        """The tokens of ``text[start:end]``; plain runs are split into terms and facts."""
        tokens: list[Token] = []
        buffer: list[str] = []
        buffer_start = start
        i = start
        while i < end:
            char = self.text[i]
            if char == "\\" and i + 1 < end and self.text[i + 1] in "\\*[]()@<_`":
                buffer_start = buffer_start if buffer else i
                buffer.append(self.text[i + 1])
                i += 2
                continue
            markup = self._markup(i, end, in_link)
            if markup is not None:
                self._flush(tokens, buffer, buffer_start, in_link)
                buffer = []
                token, i = markup
                tokens.append(token)
                buffer_start = i
                continue
            buffer_start = buffer_start if buffer else i
            buffer.append(char)
            i += 1
        self._flush(tokens, buffer, buffer_start, in_link)
        return tokens

    def _flush(self, tokens: list[Token], buffer: list[str], at: int, in_link: bool) -> None:
        if buffer:
            matcher = NO_TERMS if in_link else self.terms
            tokens.extend(matcher.split("".join(buffer), self.fmt, at, self.origin))

    def _markup(self, i: int, end: int, in_link: bool) -> tuple[Token, int] | None:
        """The markup token starting at ``i`` and where it ends, or None for plain text."""
        text, char = self.text, self.text[i]
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
                keys = tuple(k.strip().lstrip("@") for k in re.split(r"[;,]", citation.group(1)))
                return Citation(keys, origin=self.origin, offset=i), citation.end()
            link = _LINK.match(text, i)
            if link and link.end() <= end and not in_link:
                return self._link(link), link.end()
        if char == "*":
            marker = "**" if text.startswith("**", i) else "*"
            close = self._closing(marker, i + len(marker), end)
            if close is not None and close > i + len(marker):
                children = self.parse(i + len(marker), close, in_link=in_link)
                strong = marker == "**"
                emphasis = Emphasis(tuple(children), strong, origin=self.origin, offset=i)
                return emphasis, close + len(marker)
        return None

    def _link(self, link: re.Match[str]) -> Link:
        url = link.group(2)
        problem = check_url(url)
        if problem:
            hint = "links may use http, https, mailto or tel, or article:slug for another article"
            raise InlineError(problem, hint, link.start(2), url)
        children = self.parse(link.start(1), link.end(1), in_link=True)
        return Link(url, tuple(children), origin=self.origin, offset=link.start())

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
