"""Cross-checks the schema cannot express: ids, citations, references, audiences, images.

Whether cautions reach every audience is :mod:`engine.validate.reach`'s rule."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

from engine.adapt.variant import always_prints
from engine.errors import Diagnostic, Location
from engine.inline.tokens import Citation, Link
from engine.load.project import Audience
from engine.schema.article import ArticleSource, Image, Table
from engine.schema.bibliography import missing_fields
from engine.schema.walk import iter_blocks, iter_sections, iter_tokens


def check_article(
    source: ArticleSource,
    display: str,
    audiences: Mapping[str, Audience],
    assets: Path,
    slugs: Collection[str] | None = None,
) -> Iterator[Diagnostic]:
    """Every cross-check problem of one article; ``slugs`` are the library's articles, for
    links written `[label](article:slug)` (None: not checked)."""
    fallback = Location(display)
    if slugs is not None:
        yield from _article_links(source, fallback, slugs)
    yield from _duplicate_ids(source, fallback)
    keys = {reference.key for reference in source.references}
    cited: set[str] = set()
    for token in iter_tokens(source):
        if isinstance(token, Citation):
            for key in token.keys:
                cited.add(key)
                if key not in keys:
                    close = difflib.get_close_matches(key, sorted(keys), n=1)
                    yield Diagnostic(
                        token.location or fallback,
                        f"citation '{key}' has no reference",
                        f"did you mean '{close[0]}'?"
                        if close
                        else "add it under `references`, or check the spelling",
                    )
    reference_keys: dict[str, Location] = {}
    for reference in source.references:
        where = reference.location or fallback
        if reference.key in reference_keys:
            yield Diagnostic(
                where, f"duplicate reference key '{reference.key}'", "keys must be unique"
            )
        reference_keys[reference.key] = where
        if reference.url and not reference.url.startswith(("https://", "http://")):
            yield Diagnostic(
                where, f"reference url '{reference.url}' is not a web address", "use https://"
            )
    for key, where in reference_keys.items():
        if key not in cited:
            yield Diagnostic(
                where,
                f"reference '{key}' is never cited",
                "cite it as [@" + key + "] or remove it",
                "warning",
            )
    for key in source.disclaimers:
        if key != "all" and key not in audiences:
            yield Diagnostic(
                fallback,
                f"disclaimer for unknown audience '{key}'",
                f"audiences: all, {', '.join(audiences)}",
            )
    yield from _check_limits(source, display, audiences, assets)
    yield from _check_media(source, fallback)
    yield from _incomplete_references(source, fallback)


def _incomplete_references(source: ArticleSource, fallback: Location) -> Iterator[Diagnostic]:
    """A warning at each reference that lacks a field its kind needs."""
    for reference in source.references:
        if missing := missing_fields(reference):
            yield Diagnostic(
                reference.location or fallback,
                f"reference '{reference.key}' ({reference.kind}) lacks {', '.join(missing)}",
                "add them from the publication itself: the reference list prints what it has",
                "warning",
            )


def _check_media(source: ArticleSource, fallback: Location) -> Iterator[Diagnostic]:
    """Cautions, "when to get help", tables and locked blocks always print, every point of
    them: `media: [web]` on one would leave a fact the lock protects off paper. (A section
    kept off paper still prints the cautions in it.)"""
    for _section, block in iter_blocks(source.sections):
        if not always_prints(block):
            continue
        for node in _limited(block):
            if node.media is not None and "print" not in node.media:
                what = "it" if node is block else "one of its points"
                yield Diagnostic(
                    node.location or block.location or fallback,
                    f"'{block.id}' always prints, but `media` keeps {what} off paper",
                    "remove `media: [web]`; cautions, 'when to get help', tables and locked "
                    "blocks are on every handout, whole",
                )


def _duplicate_ids(source: ArticleSource, fallback: Location) -> Iterator[Diagnostic]:
    seen: dict[str, Location] = {}
    for section in iter_sections(source.sections):
        for node in [section, *section.blocks]:
            node_id = node.id
            where = node.location or fallback
            if node_id in seen:
                yield Diagnostic(
                    where,
                    f"duplicate id '{node_id}' (first used at line {seen[node_id].line})",
                    "give every section and block an id of its own",
                )
            seen.setdefault(node_id, where)


def _article_links(
    source: ArticleSource, fallback: Location, slugs: Collection[str]
) -> Iterator[Diagnostic]:
    for token in iter_tokens(source):
        if isinstance(token, Link) and token.url.startswith("article:"):
            slug = token.url.removeprefix("article:")
            if slug not in slugs:
                close = difflib.get_close_matches(slug, sorted(slugs), n=1)
                yield Diagnostic(
                    token.location or fallback,
                    f"link to article '{slug}', which the library does not have",
                    f"did you mean 'article:{close[0]}'?"
                    if close
                    else "link to an article by its file name, without .yaml",
                )


def _table_shape(table: Table, fallback: Location) -> Iterator[Diagnostic]:
    for number, row in enumerate(table.rows, 1):
        if len(row) != len(table.columns):
            first = row[0].default if row else ()
            where = next((t.location for t in first if t.location), None)
            yield Diagnostic(
                where or table.location or fallback,
                f"row {number} of table '{table.id}' has {len(row)} cells but the table has "
                f"{len(table.columns)} columns",
                "give every row one cell per column",
            )


def _limited(node: Any) -> Iterator[Any]:
    yield node
    for name in ("items", "call_clinic", "call_emergency", "blocks", "sections"):
        for child in getattr(node, name, []) or []:
            yield from _limited(child)


def _check_limits(
    source: ArticleSource, display: str, audiences: Mapping[str, Audience], assets: Path
) -> Iterator[Diagnostic]:
    fallback = Location(display)
    for section in source.sections:
        for node in _limited(section):
            where = node.location or fallback
            limit = node.audiences
            if limit is None:
                continue
            for name in limit:
                if name not in audiences:
                    close = difflib.get_close_matches(name, list(audiences), n=1)
                    yield Diagnostic(
                        where,
                        f"limited to audience '{name}', which has no profile",
                        f"did you mean '{close[0]}'?" if close else f"add variants/{name}.yaml",
                    )
    for _section, block in iter_blocks(source.sections):
        if isinstance(block, Table):
            yield from _table_shape(block, fallback)
        if isinstance(block, Image):
            target = (assets / block.src).resolve()
            where = block.location or fallback
            if not target.is_relative_to(assets):
                yield Diagnostic(
                    where,
                    f"image '{block.src}' is outside the asset folder",
                    "put images in assets/",
                )
            elif not target.is_file():
                yield Diagnostic(
                    where, f"image '{block.src}' does not exist", "check the path under assets/"
                )
