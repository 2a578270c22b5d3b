"""Site-wide output: the index page and the assets every page shares."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING

import fontpkg_atkinson_hyperlegible as atkinson

from .project import Article, Project
from .render_html import landing_path, render_index
from .writer import write_atomic

if TYPE_CHECKING:
    from .build import BuildReport

FONT_FILES = [
    atkinson.ROOT / "files" / f"AtkinsonHyperlegible-{style}.ttf"
    for style in ("Regular", "Bold", "Italic", "BoldItalic")
]
"""Atkinson Hyperlegible, shipped by a PyPI package under the SIL Open Font License."""


def write_site_pages(project: Project, articles: Sequence[Article], report: BuildReport) -> None:
    """Index and static assets: the pages that list every article."""
    locale = project.config.default_locale
    entries = []
    for article in sorted(articles, key=lambda a: a.slug):
        slug = article.slug
        source = article.source
        entries.append(
            {
                "slug": slug,
                "href": landing_path(slug),
                "title": source.title.default,
                "bottom_line": source.bottom_line.default,
                "topics": source.topics,
                "updated": source.updated,
                "review": source.review.state,
            }
        )
    html = render_index(project, locale, entries)
    write_atomic(project.output_dir, "site/" + "index.html", html)
    report.written.append("site/index.html")
    static = resources.files("engine") / "static"
    for item in sorted(static.iterdir(), key=lambda p: p.name):
        if item.is_file():
            write_atomic(project.output_dir, f"site/assets/{item.name}", item.read_bytes())
    for font in FONT_FILES:
        write_atomic(project.output_dir, f"site/assets/fonts/{font.name}", font.read_bytes())
    assets = project.asset_dir
    if assets.is_dir():
        for path in sorted(assets.rglob("*")):
            if path.is_file():
                relative = path.relative_to(assets).as_posix()
                write_atomic(project.output_dir, f"site/assets/{relative}", path.read_bytes())
