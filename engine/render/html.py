"""A variant's page, an article's chooser (landing) page and a locale's index page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from engine.adapt.variant import Variant
from engine.i18n import formats as i18n
from engine.load.project import Article, Project
from engine.readability.scores import reading_band
from engine.readability.variant import variant_scores
from engine.render.environment import InlineRenderer, environment
from engine.render.navigation import chooser_order, contents, first_help, languages
from engine.render.urls import (
    handout_name,
    landing_path,
    locale_folder,
    page_url,
    quantity_locale,
    relative_root,
    tel_href,
    variant_path,
)
from engine.schema.base import localized
from engine.validate.review import review_status
from engine.validate.translation import stale_translation


@dataclass(frozen=True)
class ArticleSummary:
    """What page and handout templates are told about an article beyond its variant:
    plain values, never the source model."""

    updated: dt.date
    topics: tuple[str, ...]


def article_summary(article: Article) -> ArticleSummary:
    return ArticleSummary(article.source.updated, tuple(article.source.topics))


def page_context(project: Project, locale: str, page_path: str) -> dict[str, Any]:
    """What every page template gets."""
    config = project.config
    gettext = i18n.translations(locale).gettext
    root = relative_root(page_path)
    return {
        "site_title": localized(config.title, locale, config.default_locale),
        "lang": locale,
        "root": root,
        "home": root + locale_folder(project, locale) + "index.html",
        "page_path": page_path,
        "base_url": config.base_url,
        "canonical": page_url(project, page_path),
        "audiences": chooser_order(project),
        "default_audience": project.default_audience,
        # A label given as one string is translated through the catalogs, so a profile
        # may say "For health professionals" once and read it in Spanish too.
        "label": lambda audience: gettext(
            localized(audience.profile.label, locale, config.default_locale)
        ),
        "describe": lambda audience: gettext(
            localized(audience.profile.description, locale, config.default_locale)
        ),
        "noun": lambda audience: gettext(
            localized(
                audience.profile.noun or audience.profile.label, locale, config.default_locale
            )
        ),
        "clinic": config.clinic,
        "emergency_number": config.emergency_number,
        "tel": tel_href,
        "languages": languages(project, locale, root, lambda folder: None),
    }


def published_in(project: Project, slug: str, tag: str, drafts_too: bool) -> bool:
    """Whether an article's edition in a locale is published alongside a page.

    A draft page links to draft translations (they are built alongside it); an
    approved page links only to approved ones, so no link can be broken.
    """
    article = project.article(slug, tag)
    return article is not None and (article.approved or drafts_too)


def _same_page(
    project: Project, slug: str, drafts_too: bool, path: Callable[[str], str]
) -> Callable[[str], str | None]:
    """``page_in`` for :func:`languages`: the page of ``slug`` in a locale's folder."""
    tags = {locale_folder(project, tag): tag for tag in project.config.locales}

    def page_in(folder: str) -> str | None:
        return path(folder) if published_in(project, slug, tags[folder], drafts_too) else None

    return page_in


def render_variant(
    project: Project,
    variant: Variant,
    extra: dict[str, Any] | None = None,
) -> str:
    """The HTML page of one variant; "Review overdue" is judged on its build date."""
    slug, name = variant.slug, variant.audience.name
    path = variant_path(slug, name, locale_folder(project, variant.locale))
    env = environment(project, name, variant.locale)
    context = page_context(project, variant.locale, path)
    page_in = _same_page(
        project, slug, not variant.article.approved, lambda folder: variant_path(slug, name, folder)
    )
    profile = variant.audience.profile
    context.update(
        variant=variant,
        article=article_summary(variant.article),
        audience=variant.audience,
        inline=InlineRenderer(
            variant,
            quantity_locale=quantity_locale(project, variant.locale),
            article_link=lambda slug: (
                context["root"]
                + variant_path(slug, variant.audience.name, locale_folder(project, variant.locale))
            ),
            reference_label=i18n.translations(variant.locale).gettext("Reference %(number)s"),
            cite_inline=profile.citations == "inline",
        ),
        translation_stale=stale_translation(project, variant.article),
        review=review_status(variant.article, project.config, variant.as_of or dt.date.today()),
        others=[a for a in chooser_order(project) if a.name != name],
        handouts=handouts(variant),
        reading_level=reading_level(variant),
        languages=languages(project, variant.locale, context["root"], page_in),
        contents=contents(variant),
        first_help=first_help(variant),
        extra=extra or {},
    )
    return env.get_template("variant.html").render(context)


def handouts(variant: Variant) -> list[tuple[str, str]]:
    """The variant's PDF handouts as (kind, file name); they sit beside the page."""
    slug, audience = variant.slug, variant.audience.name
    found = [("standard", handout_name(slug, audience))]
    if variant.audience.profile.large_print:
        found.append(("large", handout_name(slug, audience, large_print=True)))
    return found


def reading_level(variant: Variant) -> dict[str, Any]:
    """The variant's reading level (band and grade) from the readability stage.

    Templates phrase it through the catalogs, so Spanish pages say it in Spanish.
    """

    band, grade = reading_band(variant_scores(variant)[0])
    return {"band": band, "grade": grade}


def render_landing(project: Project, slug: str, variants: dict[str, Variant]) -> str:
    """The article's landing page with the persona chooser."""
    first = next(iter(variants.values()))
    path = landing_path(slug, locale_folder(project, first.locale))
    env = environment(project, None, first.locale)
    context = page_context(project, first.locale, path)
    page_in = _same_page(project, slug, not first.article.approved, lambda f: landing_path(slug, f))
    context.update(
        languages=languages(project, first.locale, context["root"], page_in),
        article=article_summary(first.article),
        # In the default audience's words, as the index card said it.
        title=first.article.source.title.for_audience(project.default_audience),
        article_approved=first.article.approved,
        slug=slug,
        variants=variants,
        inline=InlineRenderer(
            None, link_terms=False, quantity_locale=quantity_locale(project, first.locale)
        ),
        translation_stale=stale_translation(project, first.article),
    )
    return env.get_template("landing.html").render(context)


def render_index(
    project: Project, locale: str, entries: list[dict[str, Any]], prefix: str = "", **extra: Any
) -> str:
    """The library's index page in one language (``prefix`` is its folder, "" or "es/")."""
    env = environment(project, None, locale)
    context = page_context(project, locale, f"{prefix}index.html")
    # Every language's library is written, if only to say nothing is published yet.
    index_in = languages(project, locale, context["root"], lambda folder: f"{folder}index.html")
    context.update(entries=entries, languages=index_in, **extra)
    return env.get_template("index.html").render(context)
