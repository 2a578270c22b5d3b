"""The manifest's schema: what a manifest read back must be before anything in it is used.

The manifest sits in the output folder, where anyone who can deploy the site can
edit it; a build reads it back. So it is validated as strictly as a source: every
field's type, every path a project-relative one, and every bit of HTML it carries
(an index card's title and bottom line) made only of the elements the engine's
inline renderer writes. Anything else is not an error: the build warns and rebuilds
everything, which is always correct.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from engine.schema.base import SLUG

FORMAT = 1
"""The manifest's layout; another number is another version's manifest."""


def _relative(value: str) -> str:
    if value.startswith(("/", "\\")) or ".." in value.split("/") or "\0" in value:
        raise ValueError(f"{value!r} is not a path inside the folder")
    return value


def _slug(value: str) -> str:
    if not SLUG.match(value):
        raise ValueError(f"{value!r} is not a slug")
    return value


def _json_object(value: str) -> str:
    # Joined as is into search-index.js: only a JSON object may go there, never script.
    if not isinstance(json.loads(value), dict):
        raise ValueError("not a JSON object")
    return value


_ALLOWED = {
    "em": {},
    "strong": {},
    "span": {"class": re.compile(r"^(qty|term-aside)$")},
    "a": {
        "href": re.compile(r"^(https?://|mailto:|tel:|#|[A-Za-z0-9_./-]+(?:$|[#?/]))[^\s\"'<>]*$"),
        "rel": re.compile(r"^noopener noreferrer$"),
    },
}
"""The elements and attributes the inline renderer writes into an index card."""


class _InlineChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        allowed = _ALLOWED.get(tag)
        if allowed is None:
            self.bad = f"element <{tag}>"
            return
        for name, value in attrs:
            pattern = allowed.get(name)
            if pattern is None or value is None or not pattern.match(value):
                self.bad = f"attribute {name} of <{tag}>"

    def handle_endtag(self, tag: str) -> None:
        if tag not in _ALLOWED:
            self.bad = f"element </{tag}>"

    def handle_comment(self, data: str) -> None:
        self.bad = "a comment"

    def handle_decl(self, decl: str) -> None:
        self.bad = "a declaration"

    def handle_pi(self, data: str) -> None:
        self.bad = "a processing instruction"

    def unknown_decl(self, data: str) -> None:
        self.bad = "a declaration"


def _inline_html(value: str) -> str:
    checker = _InlineChecker()
    checker.feed(value)
    checker.close()
    if checker.bad is None and value.count("<") != value.count(">"):
        checker.bad = "an unclosed tag"
    if checker.bad is not None:
        raise ValueError(f"markup the engine does not write: {checker.bad}")
    return value


def _date(value: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("not a date")
    return value


Path = Annotated[str, AfterValidator(_relative)]
SlugStr = Annotated[str, AfterValidator(_slug)]
InlineHtml = Annotated[str, AfterValidator(_inline_html)]
Digests = dict[str, str]
DiagnosticJson = tuple[str, int, int, str, str, Literal["error", "warning"], bool]
"""path, line, column, message, hint, severity, whether the path is the project's."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class JobEntry(_Strict):
    key: str
    inputs: Digests
    output: str
    warnings: list[DiagnosticJson] = []


class RunEntry(_Strict):
    files: Digests
    outputs: list[Path]
    diagnostics: list[DiagnosticJson]
    articles: int = 0
    readability: list[str] = []


class Card(_Strict):
    slug: SlugStr
    href: Path
    title: InlineHtml
    bottom_line: InlineHtml
    titles: dict[str, InlineHtml]
    bottom_lines: dict[str, InlineHtml]
    topics: list[tuple[str, str]]
    approved: bool


class ListingEntry(_Strict):
    slug: SlugStr
    locale: str
    prefix: Path
    updated: Annotated[str, AfterValidator(_date)]
    card: Card
    search: Annotated[str, AfterValidator(_json_object)]
    in_sitemap: bool


class ArticleEntry(_Strict):
    options: str
    files: list[Path]
    inputs: Digests
    outputs: list[Path]
    warnings: list[DiagnosticJson]
    readability: list[str]
    listings: list[ListingEntry]


class ManifestData(_Strict):
    format: Literal[1]
    engine: str
    jobs: dict[Path, JobEntry]
    runs: dict[str, RunEntry]
    articles: dict[SlugStr, ArticleEntry]


def read_manifest(text: str) -> tuple[dict[str, Any] | None, str | None]:
    """A manifest's data when it is valid, else None and why it cannot be used."""
    try:
        data = json.loads(text)
    except ValueError as error:
        return None, f"it is not JSON ({error})"
    if not isinstance(data, dict):
        return None, "it is not a JSON object"
    if data.get("format") != FORMAT:
        return None, f"it has format {data.get('format')!r}, not {FORMAT}: another version wrote it"
    try:
        ManifestData.model_validate_json(text)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        return None, f"{where}: {first['msg']}"
    return data, None
