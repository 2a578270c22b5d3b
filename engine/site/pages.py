"""Site-wide output: the index with its search index, the sitemap, the 404 page and assets."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

from markupsafe import Markup

from engine.adapt.variant import Node, Variant
from engine.i18n.formats import locale_prefix
from engine.inline.tokens import Citation, Text, Token, plain_text
from engine.load.project import Article, Project
from engine.render.environment import InlineRenderer, environment
from engine.render.html import page_context, render_index
from engine.render.urls import landing_path, variant_path
from engine.validate.translation import editions

SEARCH_INDEX = "assets/search-index.js"
"""A script, not a JSON file: browsers refuse fetch() on file:// pages, but load scripts."""


def fold(text: str) -> str:
    """Lower case without accents, so "Vitamina" finds "vitamína"; plainly.js folds the same way."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def topic_key(topic: str) -> str:
    """A topic as a filter key: "Heart health" becomes "heart-health"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(topic)).strip("-")


def words(texts: Iterable[str]) -> list[str]:
    """The distinct words of some texts, folded, for the search index."""
    found = set()
    for text in texts:
        found.update(re.findall(r"\w+", fold(text)))
    return sorted(found)


def texts(value: Any) -> Iterator[str]:
    """Each text of a variant's body as plain text, one by one so words never run together."""
    if isinstance(value, Node):
        for item in value.fields.values():
            yield from texts(item)
    elif isinstance(value, tuple) and all(isinstance(t, Token) for t in value):
        yield plain_text(value)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)


@dataclass(frozen=True)
class Listing:
    """What the site-wide pages need of one published edition of an article."""

    slug: str
    locale: str
    prefix: str
    updated: dt.date
    card: dict[str, Any]
    """The index page's card: title and bottom line (HTML) in each audience's wording."""

    search: str
    """The search index's record (JSON): the folded title and every word of every variant."""

    in_sitemap: bool
    """Published without ``--drafts`` too: drafts ask not to be indexed."""

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "updated": self.updated.isoformat()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Listing:
        return cls(**{**data, "updated": dt.date.fromisoformat(data["updated"])})


def listings(
    project: Project,
    original: Article,
    variants_of: Callable[[str, str], dict[str, Variant]],
    drafts: bool,
) -> list[Listing]:
    """One article's published editions, as the index, search index and sitemap list them;
    ``variants_of(slug, locale)`` gives an edition's variants by audience."""

    indexed = {tag for _, tag, _ in editions(project, [original], (), drafts=False)}
    found = []
    for article, locale, prefix in editions(project, [original], (), drafts):
        variants = variants_of(article.slug, locale)
        found.append(
            Listing(
                article.slug,
                locale,
                prefix,
                article.source.updated,
                index_card(project, article),
                search_record(article, list(variants.values())),
                locale in indexed,
            )
        )
    return found


def without_citations(tokens: Sequence[Token]) -> list[Token]:
    """Text for a list of articles, where a citation has no reference list to point to."""
    kept: list[Token] = []
    for token in tokens:
        if isinstance(token, Citation):
            if kept and isinstance(kept[-1], Text):
                kept[-1] = Text(kept[-1].text.rstrip())
            continue
        kept.append(token)
    return kept


def index_card(project: Project, article: Article) -> dict[str, Any]:
    """What the index page shows of an article, its text already HTML: plain data that
    the manifest can keep, so an unchanged article need not be read again."""
    source = article.source
    html = InlineRenderer(None, link_terms=False)
    return {
        "slug": article.slug,
        "href": landing_path(article.slug),
        "title": str(html(source.title.default)),
        "bottom_line": str(html(without_citations(source.bottom_line.default))),
        # Each audience's own wording, shown by plainly.js to a reader who chose it.
        "titles": {
            name: str(html(text))
            for name, text in source.title.overrides.items()
            if name in project.audiences
        },
        "bottom_lines": {
            name: str(html(without_citations(text)))
            for name, text in source.bottom_line.overrides.items()
            if name in project.audiences
        },
        "topics": [[topic_key(t), str(t)] for t in source.topics],
        "approved": article.approved,
    }


def _entry(listing: Listing) -> dict[str, Any]:
    """A card as the index template shows it."""
    card = listing.card
    return {
        **card,
        "title": Markup(card["title"]),
        "bottom_line": Markup(card["bottom_line"]),
        "titles": {name: Markup(text) for name, text in card["titles"].items()},
        "bottom_lines": {name: Markup(text) for name, text in card["bottom_lines"].items()},
        "topics": [tuple(topic) for topic in card["topics"]],
        "updated": listing.updated,
    }


def search_record(article: Article, variants: Sequence[Variant]) -> str:
    """An article's entry in the search index, as JSON: its title and the words of every
    variant (kept as text until the site is written: a list of words takes six times
    the memory)."""
    found_texts: list[str] = [*article.source.topics]
    for variant in variants:
        found_texts.extend(texts([variant.title, variant.bottom_line, *variant.sections]))
        found_texts.extend(term.term for term in variant.terms)
    title = plain_text(article.source.title.default)
    record = {"slug": article.slug, "title": fold(title), "words": words(found_texts)}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def search_index(listings: Sequence[Listing]) -> str:
    """The script that holds every article's words, for the index page's search box."""
    records = ",".join(listing.search for listing in sorted(listings, key=lambda f: f.slug))
    return f"window.PLAINLY_SEARCH = [{records}];\n"


def by_locale(
    project: Project, found: Sequence[Listing]
) -> Iterator[tuple[str, str, list[Listing]]]:
    """Each configured locale, its folder prefix and the editions published in it."""
    config = project.config
    for locale in config.locales:
        prefix = locale_prefix(locale, config.locales, config.default_locale)
        yield locale, prefix, [listing for listing in found if listing.locale == locale]


def sitemap(project: Project, found: Sequence[Listing]) -> str:
    """A sitemap of the published pages; drafts are left out, as they ask not to be indexed."""
    base = project.config.base_url.rstrip("/") + "/"
    rows: list[tuple[str, str | None]] = [("", None)]
    for _locale, prefix, published in by_locale(project, [f for f in found if f.in_sitemap]):
        if prefix and published:
            rows.append((prefix, None))
        for listing in sorted(published, key=lambda f: f.slug):
            changed = listing.updated.isoformat()
            rows.append((landing_path(listing.slug, prefix).removesuffix("index.html"), changed))
            for name in project.audiences:
                page = variant_path(listing.slug, name, prefix)
                rows.append((page.removesuffix("index.html"), changed))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    for page, updated in rows:
        lastmod = f"<lastmod>{updated}</lastmod>" if updated else ""
        lines.append(f"  <url><loc>{xml_escape(base + page)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def not_found_page(project: Project) -> str:
    """The 404 page, linking from the site's root path since any address may show it."""
    locale = project.config.default_locale
    context = page_context(project, locale, "404.html")
    context["root"] = urlsplit(project.config.base_url).path.rstrip("/") + "/"
    context["home"] = context["root"] + "index.html"
    return environment(project, None, locale).get_template("404.html").render(context)


def site_pages(project: Project, found: Sequence[Listing]) -> dict[str, str]:
    """Index and search index per language, sitemap and 404 page, by output path."""
    pages = {
        "site/sitemap.xml": sitemap(project, found),
        "site/404.html": not_found_page(project),
    }
    for locale, prefix, published in by_locale(project, found):
        if not published and prefix:
            continue
        newest_first = sorted(published, key=lambda f: (f.updated, f.slug), reverse=True)
        entries = [_entry(listing) for listing in newest_first]
        topics = sorted({topic for entry in entries for topic in entry["topics"]})
        search = f"assets/search-index-{prefix.rstrip('/')}.js" if prefix else SEARCH_INDEX
        pages[f"site/{prefix}index.html"] = render_index(
            project, locale, entries, prefix, topics=topics, search_index=search
        )
        pages[f"site/{search}"] = search_index(published)
    return pages
