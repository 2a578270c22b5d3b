"""What every schema builds on: the strict base model, slugs, plain strings and localised text.

The models never see raw HTML and parse inline text with the project's glossary in
context; :func:`engine.load.diagnostics.schema_diagnostics` turns every error into a
located diagnostic.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from engine.errors import Location
from engine.inline.parse import NO_TERMS, TermMatcher
from engine.inline.quantities import NumberFormat
from engine.source.located import Located

MAX_SLUG = 80
"""The longest slug or id: a slug names files (with suffixes such as
`-caregiver-large-print.pdf`), and file names stop at 255 bytes."""

SLUG = re.compile(rf"^(?=.{{1,{MAX_SLUG}}}$)[a-z0-9]+(?:-[a-z0-9]+)*$")


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


def _check_slug(value: Any) -> Any:
    if isinstance(value, str) and not SLUG.match(value):
        raise PydanticCustomError(
            "slug",
            "'{value}' is not a valid id",
            {
                "value": value,
                "hint": f"use lowercase letters, digits and single hyphens (at most {MAX_SLUG}), like `dosing-table`",
            },
        )
    return value


Slug = Annotated[str, BeforeValidator(_check_slug)]

SourceDate = Annotated[dt.date, Field(ge=dt.date(1900, 1, 1), le=dt.date(2199, 12, 31))]
"""A date written in a source: later dates are typing slips, and a review due a year
after 9999-12-31 is a date no calendar holds."""

MAX_MONTHS = 120
"""The longest review interval or staleness limit, in months (ten years)."""


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


Localized = str | dict[str, str]
"""Text for every locale, or a mapping from locale tag to text."""


def localized(value: Localized, locale: str, default_locale: str = "en-US") -> str:
    """Pick the text for a locale from a :data:`Localized` value."""
    if isinstance(value, str):
        return value
    for candidate in (locale, locale.split("-")[0], default_locale):
        if candidate in value:
            return value[candidate]
    return next(iter(value.values()), "")
