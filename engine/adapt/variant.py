"""Adapt an article to one audience: a :class:`Variant`.

The variant is the blocks meant for that audience, with its own wording where
the source gives one, then the glossary pass, in document order so that "the
first time a term appears" means what a reader would think.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from engine.adapt.glossary_pass import GlossaryPass
from engine.inline.tokens import Citation, Token, Tokens, walk
from engine.load.glossary import Glossary
from engine.load.project import Article, Audience, Project
from engine.schema.article import Medium, Review, Section
from engine.schema.bibliography import Reference
from engine.schema.text import VariantText


@dataclass
class Node:
    """A block, section or list item as one audience reads it.

    ``fields`` holds the source's fields with every text resolved to tokens for
    the audience; templates read them as attributes (``node.text``).
    """

    type: str
    id: str
    fields: dict[str, Any]
    own_wording: bool = True
    """False when some text reaches this audience only as the source's default wording."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["fields"][name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass(eq=False)
class Variant:
    """One article as one audience reads it, in one locale; equal only to itself."""

    article: Article
    audience: Audience
    locale: str
    title: Tokens
    bottom_line: Tokens
    sections: list[Node]
    disclaimers: list[Tokens]
    references: list[Reference]
    """References in order of first citation; the clinician profile keeps unused ones too."""

    terms: list[Any] = field(default_factory=list)
    """Glossary terms the variant uses, in order of first use."""

    medium: AnyMedium = "web"
    """Where it is read: the web page, or the printed handout (a variant of its own)."""

    left_off: list[str] = field(default_factory=list)
    """Ids of the sections and blocks the page has but paper leaves out (print only)."""

    as_of: dt.date | None = None
    """The build date, at which review currency is judged (None: the day it is rendered)."""

    glossary: Glossary | None = None
    """The glossary the variant was adapted with: findings name its refused entries that
    would have applied where they are."""

    @property
    def slug(self) -> str:
        return self.article.slug

    @property
    def review(self) -> Review:
        return self.article.source.review

    def citation_number(self, key: str) -> int:
        for number, reference in enumerate(self.references, 1):
            if reference.key == key:
                return number
        return 0

    def blocks(self) -> Iterator[tuple[Node, Node]]:
        """Every (section, block) pair, subsections included, in order."""

        def visit(sections: Sequence[Node]) -> Iterator[tuple[Node, Node]]:
            for section in sections:
                for block in section.blocks:
                    yield section, block
                yield from visit(section.sections)

        return visit(self.sections)


MEDIA: tuple[Medium, ...] = ("web", "print")
"""Every medium a variant is made for: the page, and the handout."""

AnyMedium = Medium | Literal["every"]
"""A medium, or "every" (see :data:`EVERY_MEDIUM`)."""

EVERY_MEDIUM: Literal["every"] = "every"
"""Not a medium readers get: the variant with what reaches the audience on any medium,
which the fact lock reads so that a block only the page or only paper shows is checked."""


def reaches(node: Any, audience: str) -> bool:
    limit = getattr(node, "audiences", None)
    return limit is None or audience in limit


def reaches_page(node: Any, audience: str) -> bool:
    """Whether a source block, section or item is on the audience's web page: it reaches
    the audience, and its `media` (if any) includes the web."""
    media = getattr(node, "media", None)
    return reaches(node, audience) and (media is None or "web" in media)


def always_prints(node: Any) -> bool:
    """Cautions, "when to get help", tables and locked blocks go on paper whatever the
    selection says.

    Asked of source blocks and of adapted nodes alike: both carry ``type``, ``kind`` and
    ``locked``.
    """
    kind = getattr(node, "type", None)
    return (
        kind in ("get_help", "table")
        or (kind == "callout" and getattr(node, "kind", None) == "caution")
        or getattr(node, "locked", False) is True
    )


def _holds_always_printed(section: Section) -> bool:
    return any(always_prints(b) for b in section.blocks) or any(
        _holds_always_printed(s) for s in section.sections
    )


class _Adapter:
    def __init__(self, audience: Audience, glossary_pass: GlossaryPass, medium: AnyMedium = "web"):
        self.audience = audience
        self.name = audience.name
        self.glossary = glossary_pass
        self.own = True
        self.medium = medium
        self.leaves_out = set(audience.profile.print_leaves_out) if medium == "print" else set()
        self.off_paper = False
        """Whether the section being adapted is left off paper (only its always-printed
        blocks are kept)."""
        self.left_off: list[str] = []

    def shown(self, node: Any) -> bool:
        """Whether a block or section reaches this audience on this medium."""
        if not reaches(node, self.name):
            return False
        if self.medium == EVERY_MEDIUM:
            return True
        if self.medium == "web" or always_prints(node):
            return getattr(node, "media", None) is None or self.medium in node.media
        media = getattr(node, "media", None)
        if media is not None:
            on = self.medium in media
        elif isinstance(node, Section) and node.role in self.leaves_out:
            on = False
        else:
            on = not self.off_paper
        if isinstance(node, Section) and not on and _holds_always_printed(node):
            return True  # kept for its cautions; the rest of it stays off paper
        if not on and isinstance(getattr(node, "id", None), str):
            self.left_off.append(node.id)
        return on

    def section_off_paper(self, section: Section) -> bool:
        if self.medium != "print":
            return False
        if section.media is not None:
            return "print" not in section.media
        return section.role in self.leaves_out or self.off_paper

    def text(self, value: VariantText, *, heading: bool = False) -> Tokens:
        if not value.has_own(self.name):
            self.own = False
        return self.glossary.apply(value.for_audience(self.name), heading=heading)

    def value(self, value: Any, level: int, *, heading: bool = False) -> Any:
        if isinstance(value, VariantText):
            return self.text(value, heading=heading)
        if isinstance(value, BaseModel):
            return self.node(value, level)
        if isinstance(value, list):
            return [self.value(item, level) for item in value if self.shown(item)]
        return value

    def node(self, model: BaseModel, level: int = 2) -> Node:
        if isinstance(model, Section):
            self.glossary.start_section()  # first mentions count per section
        saved, self.own = self.own, True
        saved_off = self.off_paper
        if isinstance(model, Section):
            self.off_paper = self.section_off_paper(model)
        elif always_prints(model):
            self.off_paper = False  # all of it prints: its items and rows too
        fields: dict[str, Any] = {}
        for name in type(model).model_fields:
            raw = getattr(model, name)
            if name == "sections":
                fields[name] = [self.node(child, level + 1) for child in raw if self.shown(child)]
            else:
                fields[name] = self.value(raw, level + 1, heading=name in ("title", "caption"))
        self.off_paper = saved_off
        kind = str(fields.pop("type", type(model).__name__.lower()))
        node = Node(kind, str(fields.get("id", "")), fields, self.own)
        node.fields["level"] = level
        self.own = saved and node.own_wording
        return node


def adapt(
    project: Project,
    article: Article,
    audience: Audience,
    medium: AnyMedium = "web",
    as_of: dt.date | None = None,
) -> Variant:
    """Build the variant of ``article`` for ``audience`` on a medium (page or handout).

    The handout is a variant of its own: the same adaptation, with the sections and
    blocks the writer or the profile leaves off paper taken out, so that the fact lock,
    must-reach and the scores judge what prints.
    """
    source = article.source
    profile = audience.profile
    glossary_pass = GlossaryPass(
        project.glossary(article.locale),
        profile.glossary,
        first_mention=profile.glossary_first_mention,
    )
    adapter = _Adapter(audience, glossary_pass, medium)
    title = adapter.text(source.title, heading=True)
    bottom_line = adapter.text(source.bottom_line)
    sections = [adapter.node(section) for section in source.sections if adapter.shown(section)]
    disclaimers = [
        glossary_pass.apply(tokens)
        for key, tokens in source.disclaimers.items()
        if key in ("all", audience.name)
    ]
    variant = Variant(
        article, audience, article.locale, title, bottom_line, sections, disclaimers, []
    )
    variant.references = _references(
        variant, source.references, keep_all=profile.references == "full"
    )
    variant.terms = glossary_pass.used
    variant.medium = medium
    variant.left_off = adapter.left_off
    variant.as_of = as_of
    variant.glossary = glossary_pass.glossary
    return variant


def _references(
    variant: Variant, references: Sequence[Reference], keep_all: bool
) -> list[Reference]:
    by_key = {reference.key: reference for reference in references}
    order: list[str] = []
    for token in variant_tokens(variant):
        if isinstance(token, Citation):
            order.extend(key for key in token.keys if key not in order and key in by_key)
    if keep_all:
        order.extend(key for key in by_key if key not in order)
    return [by_key[key] for key in order]


def variant_tokens(variant: Variant) -> Iterator[Token]:
    """Every token the variant shows, in document order."""
    yield from walk(variant.title)
    yield from walk(variant.bottom_line)
    for section in variant.sections:
        yield from node_tokens(section)


def node_tokens(value: Any) -> Iterator[Token]:
    if isinstance(value, Node):
        for item in value.fields.values():
            yield from node_tokens(item)
    elif isinstance(value, tuple) and all(isinstance(t, Token) for t in value):
        yield from walk(value)
    elif isinstance(value, list):
        for item in value:
            yield from node_tokens(item)
