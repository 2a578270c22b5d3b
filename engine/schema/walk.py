"""Walking an article source: its sections, its blocks and every text, with its place.

:func:`iter_texts` is the one walk over an article's texts: the fact lock, the
translation check and the citation check all read the article through it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from engine.inline.tokens import Token, Tokens, walk
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


@dataclass(frozen=True)
class Place:
    """Where a text sits in an article, in words a writer recognises."""

    block: str
    """The id of the enclosing block or section, or the top-level field's name."""

    field: str
    """The field inside it, such as ``text``, ``items[2].text`` or ``rows[1][0]``."""

    def __str__(self) -> str:
        return f"'{self.block}' ({self.field})" if self.field else f"'{self.block}'"


@dataclass(frozen=True)
class TextAt:
    """One text of an article: its place, the block (or section) it belongs to, the text."""

    place: Place
    owner: BaseModel | None
    """The block or section with an id that holds the text; None for the article's own fields."""

    text: VariantText | Tokens
    """Text with per-audience wordings, or inline text every audience reads (disclaimers)."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.place.block, self.place.field)


def iter_texts(value: Any, place: Place | None = None, owner: Any = None) -> Iterator[TextAt]:
    """Every text of a model in document order, with its place and owning block."""
    place = place or Place("", "")
    if isinstance(value, VariantText):
        yield TextAt(_top(place), owner, value)
    elif isinstance(value, tuple) and all(isinstance(item, Token) for item in value):
        yield TextAt(_top(place), owner, value)
    elif isinstance(value, BaseModel):
        block_id = getattr(value, "id", None)
        if isinstance(block_id, str):
            place, owner = Place(block_id, ""), value
        for name in type(value).model_fields:
            label = f"{place.field}.{name}".lstrip(".")
            yield from iter_texts(getattr(value, name), Place(place.block, label), owner)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_texts(item, Place(place.block, f"{place.field}[{index}]"), owner)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_texts(item, Place(place.block, f"{place.field}.{key}"), owner)


def _top(place: Place) -> Place:
    """An article-level field ("title", "disclaimers.all") is its own place."""
    return place if place.block else Place(place.field, "")


def iter_tokens(value: Any) -> Iterator[Token]:
    """Every token of every text in a model, for checks that look at all of them."""
    for found in iter_texts(value):
        if isinstance(found.text, VariantText):
            yield from walk(found.text.default)
            for tokens in found.text.overrides.values():
                yield from walk(tokens)
        else:
            yield from walk(found.text)
