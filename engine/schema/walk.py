"""Walking an article source: its sections, its blocks and every token of every text."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel

from engine.inline.tokens import Token, walk
from engine.schema.article import Block, Section
from engine.schema.text import VariantText


def iter_blocks(sections: Sequence[Section]) -> Iterator[tuple[Section, Block]]:
    for section in sections:
        for block in section.blocks:
            yield section, block
        yield from iter_blocks(section.sections)


def iter_sections(sections: Sequence[Section]) -> Iterator[Section]:
    for section in sections:
        yield section
        yield from iter_sections(section.sections)


def _texts(value: Any) -> Iterator[Token]:
    """Every token of every text in a model, for checks that look at all of them."""
    if isinstance(value, VariantText):
        yield from walk(value.default)
        for tokens in value.overrides.values():
            yield from walk(tokens)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            if isinstance(item, Token):
                yield from walk([item])
            else:
                yield from _texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
