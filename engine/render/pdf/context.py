"""The print HTML of a handout: what its templates are given, and the QR code to the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import segno
from markupsafe import Markup

from engine.adapt.variant import Node, Variant
from engine.i18n.formats import paper_size
from engine.load.project import Project
from engine.render.environment import InlineRenderer, environment
from engine.render.html import article_summary, page_context
from engine.render.pdf.fetcher import (
    FONT_FACES,
    PACKAGE_SCHEME,
    PAGE_MARK,
    PAGES_MARK,
    css_string,
    page_counter,
)
from engine.render.urls import quantity_locale, variant_path, variant_url
from engine.schema.base import localized
from engine.validate.review import review_status


def document_id(variant: Variant) -> str:
    """Identifies the handout and its revision: slug, audience, locale, short content hash."""
    article = variant.article
    return f"{article.slug}/{variant.audience.name}/{variant.locale}@{article.content_hash[:8]}"


@lru_cache(maxsize=16)
def qr_svg(url: str, title: str) -> Markup:
    """A QR code for ``url`` as inline SVG; the title is its alternative text.

    Kept for the large-print copy of the same handout: segno tries all eight masks
    in Python, half of the print HTML's cost."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        scale=3, border=2, title=title, svgclass="qr", lineclass="qr-line", omitsize=False
    )
    return Markup(svg)


def _split_help(sections: Sequence[Node]) -> tuple[list[Node], list[Node]]:
    """The "when to get help" blocks, and the sections without them.

    On paper the help block goes on the first page, where nobody misses it.
    """
    found: list[Node] = []

    def strip(node: Node) -> Node | None:
        blocks = [b for b in node.blocks if b.type != "get_help"]
        found.extend(b for b in node.blocks if b.type == "get_help")
        children = [c for c in (strip(s) for s in node.sections) if c is not None]
        if not blocks and not children:
            return None
        fields = dict(node.fields, blocks=blocks, sections=children)
        return Node(node.type, node.id, fields, node.own_wording)

    kept = [s for s in (strip(section) for section in sections) if s is not None]
    return found, kept


def print_context(
    project: Project,
    variant: Variant,
    large_print: bool,
    fit: int = 0,
    splits: dict[str, list[int]] | None = None,
) -> dict[str, Any]:
    """What the print templates get."""
    config = project.config
    locale = variant.locale
    context = page_context(project, locale, variant_path(variant.slug, variant.audience.name))
    help_blocks, sections = _split_help(variant.sections)
    inline = InlineRenderer(
        variant,
        link_terms=False,
        quantity_locale=quantity_locale(project, locale),
        # A handout links other articles at their online address: it cannot follow a path.
        article_link=lambda slug: variant_url(project, slug, variant.audience.name, locale),
    )
    title = str(inline(variant.title, False).striptags())
    url = variant_url(project, variant.slug, variant.audience.name, variant.locale)
    logo = config.clinic.logo
    context.update(
        variant=variant,
        article=article_summary(variant.article),
        audience=variant.audience,
        audience_label=localized(variant.audience.profile.label, locale, config.default_locale),
        inline=inline,
        plain=InlineRenderer(None, link_terms=False),
        title_text=title,
        help_blocks=help_blocks,
        sections=sections,
        review=review_status(variant.article, config, variant.as_of or dt.date.today()),
        document_id=document_id(variant),
        online_url=url,
        qr=qr_svg(url, f"QR code: {url}"),
        paper=paper_size(locale),
        large_print=large_print,
        fit=fit,
        splits=splits or {},
        lang_tag=locale,
        logo=logo,
        fonts=[
            (f"{PACKAGE_SCHEME}:fonts/AtkinsonHyperlegible-{style}.ttf", weight, slant)
            for style, weight, slant in FONT_FACES
        ],
        css_string=css_string,
        page_counter=page_counter,
        page_marks={"page": PAGE_MARK, "pages": PAGES_MARK},
        author=config.clinic.name or localized(config.title, locale, config.default_locale),
    )
    return context


def render_print_html(
    project: Project,
    variant: Variant,
    large_print: bool = False,
    fit: int = 0,
    splits: dict[str, list[int]] | None = None,
) -> str:
    """The HTML that WeasyPrint lays out for one handout (``fit``: how hard the layout
    pulls a short ending back, 1 with less space between blocks and lines, never smaller
    type, 2 also letting tables break between rows; ``splits``: for each list, the
    items before which it goes on on a new page, "(continued)")."""
    env = environment(project, variant.audience.name, variant.locale)
    context = print_context(project, variant, large_print, fit, splits)
    return env.get_template("print/handout.html").render(context)
