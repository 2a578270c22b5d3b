"""``plainly render`` and ``plainly handouts``: one variant, or a pack of handouts, without a build."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from engine.adapt.variant import adapt
from engine.build.builder import Builder
from engine.errors import Diagnostic, InputError, Location, UsageError, unknown_choice
from engine.render.html import render_variant
from engine.render.pdf.context import render_print_html
from engine.render.pdf.handout import Handout, render, render_pack
from engine.schema.article import Medium
from engine.validate.editions import load_project


def render_one(
    project_dir: Path | None,
    slug: str,
    audience: str,
    locale: str | None = None,
    output_format: str = "html",
    large_print: bool = False,
    as_of: dt.date | None = None,
) -> tuple[str | bytes, list[Diagnostic]]:
    """One variant as a page, print HTML or PDF, with the warnings it raised; ``as_of`` is
    the date a review is judged overdue on (today by default)."""
    project = load_project(project_dir, [slug])
    if project.problems:
        raise InputError(project.problems)
    if audience not in project.audiences:
        raise unknown_choice("audience", audience, project.audiences)
    locale = locale or project.config.default_locale
    if locale not in project.config.locales:
        raise unknown_choice("locale", locale, project.config.locales)
    as_of = as_of or dt.date.today()
    medium: Medium = "web" if output_format == "html" else "print"
    variant = Builder(project, as_of).variant(slug, audience, locale, medium)
    if output_format == "pdf":
        handout = render(project, variant, large_print)
        return handout.pdf, handout.warnings
    if output_format == "print-html":
        return render_print_html(project, variant, large_print), []
    return render_variant(project, variant), []


def handouts(
    project_dir: Path | None,
    slugs: Sequence[str],
    audience: str,
    locale: str | None = None,
    large_print: bool = False,
) -> Handout:
    """Load a project and render a printed pack of handouts for one audience and locale."""
    project = load_project(project_dir, slugs)
    if project.problems:
        raise InputError(project.problems)
    if audience not in project.audiences:
        raise unknown_choice("audience", audience, project.audiences)
    chosen = locale or project.config.default_locale
    variants = []
    drafts = []
    for slug in slugs:
        article = project.article(slug, chosen)
        if article is None:
            raise UsageError(f"no article '{slug}' in {chosen}")
        variants.append(adapt(project, article, project.audiences[audience], "print"))
        if not article.approved:
            drafts.append(
                Diagnostic(
                    Location(article.display),
                    "not approved in its current form: its handout in the pack is marked DRAFT",
                    "hand out only approved handouts; see `plainly build` for why it is held back",
                    "warning",
                )
            )
    pack = render_pack(project, variants, large_print)
    pack.warnings[:0] = drafts
    return pack
