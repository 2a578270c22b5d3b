"""The schemas of everything a content project holds, in one place.

- ``plainly.yaml``: :class:`ProjectConfig`
- ``variants/<audience>.yaml``: :class:`AudienceProfile`
- ``glossary.yaml``: :class:`GlossaryFile` of :class:`GlossaryTerm`
- ``articles/<slug>.yaml``: :class:`ArticleSource` and its blocks

Each field's docstring is its documentation (``docs/schema.md`` is generated
from them). Inline text fields are parsed into tokens while validating, using
the glossary and number format of the file's locale passed in the validation
context; :func:`engine.project.load_project` turns every error into a
``path:line:column`` diagnostic.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    PrivateAttr,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

from .errors import Location
from .inline import NO_TERMS, InlineError, NumberFormat, TermMatcher, Tokens, parse_inline
from .source import Located, LocatedStr

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QUANTITY_KINDS = ("dose", "percentage", "count", "statistic", "threshold")
QuantityKind = Literal["dose", "percentage", "count", "statistic", "threshold"]
DEFAULT_KEY = "default"


@dataclass(frozen=True)
class ParseContext:
    """What inline parsing needs to know about the file being validated."""

    terms: TermMatcher = NO_TERMS
    number_format: NumberFormat = field(default_factory=NumberFormat)
    audiences: frozenset[str] = frozenset()


def _context(info: ValidationInfo) -> ParseContext:
    context = info.context
    if isinstance(context, ParseContext):
        return context
    return ParseContext()


def _what(value: Any) -> str:
    """A value's kind in a writer's words, not a Python class name."""
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bytes):
        return "binary data"
    return "nothing" if value is None else f"a {type(value).__name__} value"


_RAW_HTML = re.compile(r"<(?:[A-Za-z!/?]|$)")


def _no_html(value: str) -> str:
    # Glossary wording reaches pages as it is written; refuse markup as inline text does.
    match = _RAW_HTML.search(value)
    if match:
        raise PydanticCustomError(
            "inline",
            "raw HTML is not allowed in text",
            {"hint": "write plain words", "offset": match.start(), "raw": value[match.start() :]},
        )
    return value


PlainStr = Annotated[str, AfterValidator(_no_html)]
"""Plain text without markup."""


def _inline(value: Any, context: ParseContext, at_key: str | None = None) -> Tokens:
    if not isinstance(value, str):
        raise PydanticCustomError(
            "string_type", "expected text, found {found}", {"found": _what(value)}
        )
    if not value.strip():
        raise PydanticCustomError(
            "empty_text", "text is empty", {"at_key": at_key} if at_key else {}
        )
    origin = value if isinstance(value, LocatedStr) else None
    try:
        return parse_inline(
            value, terms=context.terms, number_format=context.number_format, origin=origin
        )
    except InlineError as error:
        ctx: dict[str, Any] = {"hint": error.hint, "offset": error.offset, "raw": error.raw}
        if at_key:
            ctx["at_key"] = at_key
        raise PydanticCustomError("inline", error.message, ctx) from None


def _parse_inline(value: Any, info: ValidationInfo) -> Tokens:
    return _inline(value, _context(info))


@dataclass(frozen=True)
class VariantText:
    """Inline text with optional wording of its own for some audiences.

    In a source it is either plain text, read by every audience, or a mapping
    with ``default`` and one entry per audience that has its own wording.
    """

    default: Tokens
    overrides: Mapping[str, Tokens] = field(default_factory=dict)

    def for_audience(self, audience: str) -> Tokens:
        return self.overrides.get(audience, self.default)

    def has_own(self, audience: str) -> bool:
        return audience in self.overrides


def _parse_variant_text(value: Any, info: ValidationInfo) -> VariantText:
    context = _context(info)
    if isinstance(value, VariantText):
        return value
    if isinstance(value, Mapping):
        if DEFAULT_KEY not in value:
            raise PydanticCustomError(
                "variant_text",
                "text with per-audience wording needs a 'default' entry",
                {"hint": "add `default:` with the text every other audience reads"},
            )
        overrides: dict[str, Tokens] = {}
        for key, text in value.items():
            if key == DEFAULT_KEY:
                continue
            if context.audiences and key not in context.audiences:
                raise PydanticCustomError(
                    "unknown_audience",
                    "'{key}' is not an audience",
                    {
                        "key": key,
                        "at_key": key,
                        "hint": f"known audiences: {', '.join(sorted(context.audiences))}; "
                        f"a new audience needs variants/{key}.yaml",
                    },
                )
            overrides[key] = _inline(text, context, key)
        return VariantText(_inline(value[DEFAULT_KEY], context, DEFAULT_KEY), overrides)
    return VariantText(_inline(value, context))


@dataclass(frozen=True)
class Parsed:
    """Validation by a parsing function alone, for types pydantic need not look into.

    pydantic's ``PlainValidator`` also builds a serialization schema of the annotated
    type, which for tokens and variant text meant reading the source of the token
    classes again for every field that holds text: a good part of Plainly's start-up.
    Nothing dumps these fields through pydantic, so the function is the whole schema;
    validation and its errors are the same.
    """

    parse: core_schema.WithInfoValidatorFunction

    def __get_pydantic_core_schema__(
        self, _source: Any, _handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_plain_validator_function(self.parse)


Inline = Annotated[Tokens, Parsed(_parse_inline)]
"""Inline text read by every audience alike."""

Text = Annotated[VariantText, Parsed(_parse_variant_text)]
"""Inline text, optionally with per-audience wording."""


def _check_slug(value: Any) -> Any:
    if isinstance(value, str) and not SLUG.match(value):
        raise PydanticCustomError(
            "slug",
            "'{value}' is not a valid id",
            {
                "value": value,
                "hint": "use lowercase letters, digits and single hyphens, like `dosing-table`",
            },
        )
    return value


Slug = Annotated[str, BeforeValidator(_check_slug)]


class Model(BaseModel):
    """Base of every schema model: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        arbitrary_types_allowed=True,
    )
    _location: Location | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _remember_location(cls, data: Any, handler: Any) -> Any:
        model = handler(data)
        if isinstance(data, Located) and isinstance(model, Model):
            model._location = data.location
        return model

    @property
    def location(self) -> Location | None:
        return self._location


# --- articles ------------------------------------------------------------------------------


class Limitable(Model):
    audiences: list[str] | None = None
    """Limit this block to these audiences; leave out to show it to everyone."""

    omit_reason: str | None = None
    """Why a caution or "when to get help" block is kept from some audiences (required then)."""


class ListItem(Limitable):
    """One item of a list: text, optionally with a nested list."""

    text: Text
    """The item's text."""

    items: list[ListItem] = []
    """A nested list under this item."""

    style: Literal["bulleted", "numbered"] = "bulleted"
    """How the nested list is marked."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        # An item is often just text, or text with per-audience wording.
        if isinstance(data, str) or (isinstance(data, dict) and "default" in data):
            return {"text": data}
        return data


class BlockBase(Limitable):
    id: Slug
    """A stable id, unique in the article: translations and overrides refer to it."""


class Paragraph(BlockBase):
    type: Literal["paragraph"]
    text: Text
    """The paragraph."""


class ListBlock(BlockBase):
    type: Literal["list"]
    style: Literal["bulleted", "numbered"] = "bulleted"
    """Bullets or numbers."""

    intro: Text | None = None
    """A sentence that leads into the list."""

    items: list[ListItem] = Field(min_length=1)
    """The items; each is text or a mapping with `text` and nested `items`."""


class Callout(BlockBase):
    type: Literal["callout"]
    kind: Literal["caution", "pitfall", "note", "tip"]
    """What sort of callout: cautions reach every audience unless opted out with a reason."""

    title: Text | None = None
    """A short heading; a default one is shown for the kind when left out."""

    text: Text | None = None
    """The callout's text."""

    items: list[ListItem] = []
    """Points listed in the callout."""

    @model_validator(mode="after")
    def _has_content(self) -> Callout:
        if self.text is None and not self.items:
            raise PydanticCustomError(
                "empty_callout",
                "a callout needs `text` or `items`",
                {"hint": "add the callout's text"},
            )
        return self


class GetHelp(BlockBase):
    type: Literal["get_help"]
    title: Text | None = None
    """A heading; "When to get help" by default."""

    call_clinic: list[ListItem] = []
    """Signs that mean calling the clinic or doctor."""

    call_emergency: list[ListItem] = []
    """Signs that mean calling emergency services now."""

    @model_validator(mode="after")
    def _has_content(self) -> GetHelp:
        if not self.call_clinic and not self.call_emergency:
            raise PydanticCustomError(
                "empty_get_help",
                "a get_help block needs `call_clinic` or `call_emergency`",
                {"hint": "list the signs that mean calling for help"},
            )
        return self


class Table(BlockBase):
    type: Literal["table"]
    caption: Text
    """What the table shows; read aloud by screen readers."""

    columns: list[Text] = Field(min_length=1)
    """Column headings."""

    rows: list[list[Text]] = Field(min_length=1)
    """Rows of cells, as many cells as columns."""

    @model_validator(mode="after")
    def _rows_fit(self) -> Table:
        for number, row in enumerate(self.rows, 1):
            if len(row) != len(self.columns):
                raise PydanticCustomError(
                    "table_shape",
                    "row {number} has {cells} cells but the table has {columns} columns",
                    {
                        "number": number,
                        "cells": len(row),
                        "columns": len(self.columns),
                        "hint": "give every row one cell per column",
                    },
                )
        return self


class Image(BlockBase):
    type: Literal["image"]
    src: str
    """Path of the image inside the project's asset folder."""

    alt: Text
    """Alternative text: what the image shows, for readers who cannot see it."""

    caption: Text | None = None
    """A caption shown under the image."""


Block = Annotated[
    Paragraph | ListBlock | Callout | GetHelp | Table | Image,
    Field(discriminator="type"),
]


class Section(Limitable):
    id: Slug
    """A stable id, unique in the article."""

    title: Text
    """The section heading."""

    blocks: list[Block] = []
    """The section's content, in order."""

    sections: list[Section] = []
    """Subsections."""


class Review(Model):
    state: Literal["submitted", "under_review", "approved"]
    """Where the article is in clinical review."""

    reviewer: str | None = None
    """Who reviewed or approved it."""

    date: dt.date | None = None
    """When it was last reviewed."""

    approved_hash: str | None = None
    """Content hash of the text that was approved (written by `plainly approve`)."""

    @model_validator(mode="after")
    def _approval_is_complete(self) -> Review:
        if self.state == "approved" and (not self.reviewer or self.date is None):
            raise PydanticCustomError(
                "approval",
                "an approved article needs `reviewer` and `date`",
                {"hint": "record approval with `plainly approve ARTICLE --reviewer NAME`"},
            )
        return self


class Reference(Model):
    key: str = Field(pattern=r"^[\w:.-]+$")
    """The key cited in text as `[@key]`."""

    kind: Literal["guideline", "research", "review", "other"]
    """Guideline, research, review or other."""

    title: str
    """Title of the work."""

    source: str
    """Journal, publisher or body."""

    year: int = Field(ge=1800, le=2100)
    """Year of publication."""

    authors: str | None = None
    """Authors, as they should be printed."""

    url: str | None = None
    """Web address (http or https)."""

    doi: str | None = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$")
    """Digital Object Identifier, such as 10.1016/j.nut.2001.01.001."""

    pmid: str | None = Field(default=None, pattern=r"^\d{1,9}$")
    """PubMed id."""


class TranslationOf(Model):
    revision: str = Field(pattern=r"^[0-9a-f]{12,64}$")
    """Content hash of the original that this translation renders."""


class ArticleSource(Model):
    """An article: a medical question and its answer, for every audience."""

    title: Text
    """The question the article answers."""

    topics: list[str] = []
    """Topics for the index's filters."""

    bottom_line: Text
    """The short answer, shown first."""

    updated: dt.date
    """When the content last changed."""

    review: Review
    """Clinical review state."""

    review_interval_months: int | None = Field(default=None, ge=1, le=120)
    """Months until the next review is due; defaults to the project's setting."""

    disclaimers: dict[str, Inline] = {}
    """Disclaimers of this article, by audience (or `all`), shown beside the profile's standard one."""

    sections: list[Section] = Field(min_length=1)
    """The body."""

    references: list[Reference] = []
    """Works cited in the text."""

    translation_of: TranslationOf | None = None
    """For a translation: which revision of the original it renders."""


# --- audience profiles ---------------------------------------------------------------------

Localized = str | dict[str, str]
"""Text for every locale, or a mapping from locale tag to text."""


class ReadingTarget(Model):
    max: float | None = None
    """The highest acceptable score (grade formulas)."""

    min: float | None = None
    """The lowest acceptable score (ease formulas)."""


Formula = Literal[
    "flesch_kincaid_grade",
    "flesch_reading_ease",
    "smog_index",
    "gunning_fog",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "fernandez_huerta",
    "szigriszt_pazos",
]
FORMULAS: tuple[str, ...] = get_args(Formula)
"""Every readability formula a profile may set a target for."""


class AudienceProfile(Model):
    """How one audience reads: its label, glossary treatment, targets and limits."""

    extends: str | None = None
    """Another profile whose settings this one starts from."""

    label: Localized
    """Short name in the persona chooser, such as "Patient"."""

    description: Localized
    """One line under the label: who should choose it."""

    order: int = 100
    """Position in the chooser, lowest first."""

    glossary: Literal["keep", "define", "plain"] = "keep"
    """keep: technical terms as written; define: the term with a plain definition the first
    time; plain: the plain wording, with the term beside it the first time."""

    disclaimer: Literal["professional", "general"] = "general"
    """Which standard disclaimer the variant carries."""

    targets: dict[str, dict[Formula, ReadingTarget]] = {}
    """Reading targets per locale and formula; an empty mapping means unconstrained."""

    sentence_words: int | None = Field(default=None, ge=5)
    """Sentences longer than this many words are flagged."""

    may_omit: list[QuantityKind] = []
    """Kinds of number this audience's own wording may leave out (never change)."""

    references: Literal["full", "sources"] = "full"
    """full: numbered references; sources: a short plain list of sources."""

    page_budget: int | None = Field(default=None, ge=1)
    """Most pages its handout should take; more is a build warning."""

    large_print: bool = False
    """Also make a large-print handout."""

    noun: Localized | None = None
    """How the reader is named in "Reading as: ..." (defaults to the label)."""


# --- glossary ------------------------------------------------------------------------------


class GlossaryTerm(Model):
    """A technical term with a plain-language replacement and definition."""

    term: PlainStr = Field(min_length=1)
    """The term as it is usually written."""

    forms: list[PlainStr] = []
    """Other forms that count as the term: plurals, inflections, abbreviations."""

    plain: PlainStr = Field(min_length=1)
    """Plain wording that replaces it for patients."""

    definition: PlainStr = Field(min_length=1)
    """A short plain definition, shown to caregivers and in "Words to know"."""

    syllables: int | None = Field(default=None, ge=1, le=20)
    """Syllables in the term, for names that dictionaries lack."""

    @property
    def key(self) -> str:
        return re.sub(r"[^\w]+", "-", self.term.lower()).strip("-")

    @property
    def all_forms(self) -> list[str]:
        return [self.term, *self.forms]


GlossaryFile = dict[str, list[GlossaryTerm]]
"""glossary.yaml: locale tag -> terms."""


# --- the project ---------------------------------------------------------------------------


class Clinic(Model):
    name: str | None = None
    """Clinic name printed on handouts."""

    phone: str | None = None
    """Phone number printed in "when to get help"."""

    logo: str | None = None
    """Logo file in the asset folder."""


class ProjectConfig(Model):
    """plainly.yaml: settings of a content project."""

    title: Localized
    """Site title."""

    base_url: str = Field(pattern=r"^https?://[^\s/]+(/\S*)?$")
    """Where the site is published, such as https://health.example.org/library/."""

    locales: list[str] = Field(default=["en-US"], min_length=1)
    """Locale tags, such as en-US and es-US."""

    default_locale: str = "en-US"
    """The locale of `articles/<slug>.yaml`."""

    output: str = "output"
    """Output folder, relative to the project."""

    assets: str = "assets"
    """Folder of images and logos that sources may use."""

    stale_after_months: int = Field(default=12, ge=1)
    """Content whose last review is older than this is flagged."""

    review_interval_months: int | None = Field(default=12, ge=1)
    """Default months between reviews, for "next review due" on handouts."""

    clinic: Clinic = Clinic()
    """Optional branding for handouts."""

    @model_validator(mode="after")
    def _default_is_listed(self) -> ProjectConfig:
        if self.default_locale not in self.locales:
            raise PydanticCustomError(
                "default_locale",
                "default locale '{locale}' is not in `locales`",
                {"locale": self.default_locale, "hint": "add it to `locales`"},
            )
        return self


def localized(value: Localized, locale: str, default_locale: str = "en-US") -> str:
    """Pick the text for a locale from a :data:`Localized` value."""
    if isinstance(value, str):
        return value
    for candidate in (locale, locale.split("-")[0], default_locale):
        if candidate in value:
            return value[candidate]
    return next(iter(value.values()), "")
