"""Schema errors as located diagnostics, with a hint and the fields allowed where one is unknown."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from engine.errors import Diagnostic, InputError, Location
from engine.schema.article import (
    Callout,
    GetHelp,
    Image,
    ListBlock,
    ListItem,
    Paragraph,
    Review,
    Section,
    Table,
    TranslationOf,
)
from engine.schema.base import ParseContext
from engine.schema.bibliography import Reference
from engine.schema.config import Clinic
from engine.source.located import LocatedStr, locate_path

_HINTS = {
    "missing": "add it",
    "literal_error": "use one of the values listed",
    "bool_type": "write true or false",
    "int_type": "write a whole number",
    "int_parsing": "write a whole number",
    "date_from_datetime_parsing": "write the date as YYYY-MM-DD",
    "date_type": "write the date as YYYY-MM-DD",
    "list_type": "write a list, one `- item` a line",
    "dict_type": "write a mapping of `name: value` lines",
    "string_type": "write it as text (quote it if it looks like a number or date)",
    "string_pattern_mismatch": "check the format",
    "less_than_equal": "check for a typing slip: the value is larger than any real one",
    "greater_than_equal": "check for a typing slip: the value is smaller than any real one",
    "less_than": "check for a typing slip: the value is larger than any real one",
    "greater_than": "check for a typing slip: the value is smaller than any real one",
}


def _model_fields(model: type[BaseModel] | None) -> list[str]:
    return list(model.model_fields) if model is not None else []


def schema_diagnostics(
    error: ValidationError, data: Any, display: str, model: type[BaseModel] | None = None
) -> list[Diagnostic]:
    """Turn every pydantic error into a located diagnostic with a hint."""
    found: list[Diagnostic] = []
    for item in error.errors(include_url=False):
        context: dict[str, Any] = dict(item.get("ctx") or {})
        path = list(item["loc"])
        if "at_key" in context:
            path.append(context["at_key"])
        kind = item["type"]
        at_key = kind in ("extra_forbidden", "unknown_audience")
        where = locate_path(data, path, Location(display), at_key=at_key)
        node = _node_at(data, path)
        if "offset" in context and isinstance(node, LocatedStr):
            where = node.locate(str(context.get("raw", "")), int(context["offset"]))
        name = next((str(p) for p in reversed(item["loc"]) if isinstance(p, str)), "value")
        message = str(item["msg"])
        hint = str(context.get("hint", "")) or _HINTS.get(kind, "")
        if kind == "extra_forbidden":
            message = f"unknown field '{name}'"
            parent = _node_at(data, path[:-1])
            allowed = _allowed_fields(parent, model, path)
            close = difflib.get_close_matches(name, allowed, n=1)
            hint = (
                f"did you mean '{close[0]}'?" if close else f"allowed fields: {', '.join(allowed)}"
            )
        elif kind == "missing":
            message = f"missing field '{name}'"
        elif kind == "union_tag_invalid":
            message = f"unknown block type '{context.get('tag')}'"
            close = difflib.get_close_matches(str(context.get("tag")), _BLOCK_TYPES, n=1)
            hint = (
                f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(_BLOCK_TYPES)}"
            )
        elif kind == "union_tag_not_found":
            message = "block has no `type`"
            hint = f"add `type:` with one of: {', '.join(_BLOCK_TYPES)}"
        elif kind == "literal_error":
            message = f"'{_node_at(data, path)}' is not allowed for '{name}': {message.lower()}"
        elif not message.startswith(("'", "text", "a ", "an ", "row")) and kind not in ("inline",):
            message = f"'{name}': {message[:1].lower()}{message[1:]}"
        found.append(Diagnostic(where, message, hint))
    return found


_BLOCK_TYPES = ["paragraph", "list", "callout", "get_help", "table", "image"]


def data_path(data: Any, loc: Sequence[int | str]) -> tuple[int | str, ...]:
    """The part of a schema error's path that exists in the data (union tags and missing
    fields left out)."""
    found: list[int | str] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        else:
            continue
        found.append(part)
    return tuple(found)


def _node_at(data: Any, path: Sequence[int | str]) -> Any:
    current = data
    for part in data_path(data, path):
        current = current[part]
    return current


def _allowed_fields(
    parent: Any, model: type[BaseModel] | None, path: Sequence[int | str]
) -> list[str]:
    # Guess the model from the block's `type` or the path; good enough for a hint.

    if isinstance(parent, dict) and parent.get("type") in _BLOCK_TYPES:
        kinds: dict[str, type[BaseModel]] = {
            "paragraph": Paragraph,
            "list": ListBlock,
            "callout": Callout,
            "get_help": GetHelp,
            "table": Table,
            "image": Image,
        }
        return [f for f in _model_fields(kinds[parent["type"]]) if f != "type"] + ["type"]
    keys = [p for p in path if isinstance(p, str)]
    parent_key = keys[-2] if len(keys) >= 2 else None
    nested: dict[str | None, type[BaseModel]] = {
        "sections": Section,
        "review": Review,
        "references": Reference,
        "items": ListItem,
        "call_clinic": ListItem,
        "call_emergency": ListItem,
        "clinic": Clinic,
        "translation_of": TranslationOf,
    }
    return _model_fields(nested.get(parent_key, model))


def _validate(model: Any, data: Any, display: str, context: ParseContext | None = None) -> Any:
    adapter = model if isinstance(model, TypeAdapter) else None
    try:
        if adapter is not None:
            return adapter.validate_python(data, context=context)
        return model.model_validate(data, context=context)
    except ValidationError as error:
        target = model if isinstance(model, type) else None
        raise InputError(schema_diagnostics(error, data, display, target)) from None
