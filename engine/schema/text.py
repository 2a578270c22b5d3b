"""Text fields: inline markup parsed to tokens, with a wording of its own per audience."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import (
    GetCoreSchemaHandler,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError, core_schema

from engine.inline.parse import parse_inline
from engine.inline.tokens import InlineError, Tokens
from engine.schema.base import DEFAULT_KEY, ParseContext, _context, _what
from engine.source.located import LocatedStr


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
