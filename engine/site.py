"""Site-wide output: the index with its search index, the sitemap, the 404 page and assets.

Every page links to the others with relative paths, so the site works at a
domain's root, under a subpath and opened from disk. Only the sitemap and the
404 page need the base URL: a sitemap lists absolute addresses, and a server
shows its 404 page at whatever address was asked for.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

import fontpkg_atkinson_hyperlegible as atkinson

from .adapt import Node, Variant, adapt
from .i18n import locale_prefix
from .inline import Citation, Text, Token, plain_text
from .project import Article, Project
from .render_html import environment, landing_path, page_context, render_index, variant_path
from .writer import write_atomic

if TYPE_CHECKING:
    from .build import BuildReport

FONT_FILES = [
    atkinson.ROOT / "files" / f"AtkinsonHyperlegible-{style}.ttf"
    for style in ("Regular", "Bold", "Italic", "BoldItalic")
]
"""Atkinson Hyperlegible, shipped by a PyPI package under the SIL Open Font License."""

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


def _variants(
    project: Project, articles: Sequence[Article], report: BuildReport
) -> dict[str, list[Variant]]:
    """Every audience's variant of each article, reusing those the build already made."""
    made: dict[tuple[str, str, str], Variant] = {
        (v.slug, v.audience.name, v.locale): v for v in report.variants
    }
    by_slug: dict[str, list[Variant]] = {}
    for article in articles:
        by_slug[article.slug] = [
            made.get((article.slug, name, article.locale)) or adapt(project, article, audience)
            for name, audience in project.audiences.items()
        ]
    return by_slug


def _editions_by_locale(
    project: Project, originals: Sequence[Article], drafts: bool
) -> Iterator[tuple[str, str, list[Article]]]:
    """Each configured locale, its folder prefix and the articles published in it."""
    from .translation import editions

    published = list(editions(project, originals, (), drafts))
    for locale in project.config.locales:
        config = project.config
        prefix = locale_prefix(locale, config.locales, config.default_locale)
        yield locale, prefix, [article for article, tag, _ in published if tag == locale]


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


def index_entries(project: Project, articles: Sequence[Article]) -> list[dict[str, Any]]:
    """What the index page shows of each article, newest first."""
    entries = []
    for article in sorted(articles, key=lambda a: (a.source.updated, a.slug), reverse=True):
        source = article.source
        entries.append(
            {
                "slug": article.slug,
                "href": landing_path(article.slug),
                "title": source.title.default,
                "bottom_line": without_citations(source.bottom_line.default),
                # Each audience's own wording, shown by plainly.js to a reader who chose it.
                "titles": {
                    name: text
                    for name, text in source.title.overrides.items()
                    if name in project.audiences
                },
                "bottom_lines": {
                    name: without_citations(text)
                    for name, text in source.bottom_line.overrides.items()
                    if name in project.audiences
                },
                "topics": [(topic_key(t), t) for t in source.topics],
                "updated": source.updated,
                "review": source.review.state,
                "approved": article.approved,
            }
        )
    return entries


def search_index(variants: dict[str, list[Variant]]) -> str:
    """The script that holds every article's words, for the index page's search box."""
    records = []
    for slug, found in sorted(variants.items()):
        found_texts: list[str] = [*found[0].article.source.topics]
        for variant in found:
            found_texts.extend(texts([variant.title, variant.bottom_line, *variant.sections]))
            found_texts.extend(term.term for term in variant.terms)
        title = plain_text(found[0].article.source.title.default)
        records.append({"slug": slug, "title": fold(title), "words": words(found_texts)})
    payload = json.dumps(records, ensure_ascii=False, separators=(",", ":"))
    return f"window.PLAINLY_SEARCH = {payload};\n"


def sitemap(project: Project, articles: Sequence[Article]) -> str:
    """A sitemap of the published pages; drafts are left out, as they ask not to be indexed."""
    base = project.config.base_url.rstrip("/") + "/"
    rows: list[tuple[str, str | None]] = [("", None)]
    for _locale, prefix, editions in _editions_by_locale(project, articles, drafts=False):
        if prefix and editions:
            rows.append((prefix, None))
        for article in sorted(editions, key=lambda a: a.slug):
            changed = article.source.updated.isoformat()
            rows.append((landing_path(article.slug, prefix).removesuffix("index.html"), changed))
            for name in project.audiences:
                page = variant_path(article.slug, name, prefix)
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


def write_site_pages(
    project: Project, articles: Sequence[Article], report: BuildReport, drafts: bool = False
) -> None:
    """Index and search index per language, sitemap, 404 page and static assets."""
    pages = {
        "site/sitemap.xml": sitemap(project, articles),
        "site/404.html": not_found_page(project),
    }
    for locale, prefix, editions in _editions_by_locale(project, articles, drafts):
        if not editions and prefix:
            continue
        variants = _variants(project, editions, report)
        entries = index_entries(project, editions)
        topics = sorted({topic for entry in entries for topic in entry["topics"]})
        search = f"assets/search-index-{prefix.rstrip('/')}.js" if prefix else SEARCH_INDEX
        pages[f"site/{prefix}index.html"] = render_index(
            project, locale, entries, prefix, topics=topics, search_index=search
        )
        pages[f"site/{search}"] = search_index(variants)
    for name, text in pages.items():
        write_atomic(project.output_dir, name, text)
        report.written.append(name)
    static = resources.files("engine") / "static"
    for item in sorted(static.iterdir(), key=lambda p: p.name):
        if item.is_file():
            write_atomic(project.output_dir, f"site/assets/{item.name}", item.read_bytes())
    for font in FONT_FILES:
        write_atomic(project.output_dir, f"site/assets/fonts/{font.name}", font.read_bytes())
    assets = project.asset_dir
    if assets.is_dir():
        for path in sorted(assets.rglob("*")):
            # A symlink could publish any file on the machine: only real files inside.
            if path.is_file() and not path.is_symlink() and path.resolve().is_relative_to(assets):
                relative = path.relative_to(assets).as_posix()
                write_atomic(project.output_dir, f"site/assets/{relative}", path.read_bytes())
