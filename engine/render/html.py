"""A variant's page, an article's chooser (landing) page and a locale's index page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine.adapt.variant import Variant
from engine.i18n import formats as i18n
from engine.load.project import Project
from engine.readability.scores import reading_band
from engine.readability.variant import variant_scores
from engine.render.environment import InlineRenderer, environment
from engine.render.urls import (
    handout_name,
    landing_path,
    locale_folder,
    quantity_locale,
    relative_root,
    variant_path,
)
from engine.schema.base import localized
from engine.validate.review import review_status
from engine.validate.translation import stale_translation


def page_context(project: Project, locale: str, page_path: str) -> dict[str, Any]:
    """What every page template gets."""
    config = project.config
    return {
        "site_title": localized(config.title, locale, config.default_locale),
        "lang": locale,
        "root": relative_root(page_path),
        "home": relative_root(page_path) + locale_folder(project, locale) + "index.html",
        "page_path": page_path,
        "base_url": config.base_url,
        "canonical": config.base_url.rstrip("/") + "/" + page_path.removesuffix("index.html"),
        "audiences": list(project.audiences.values()),
        "label": lambda audience: localized(audience.profile.label, locale, config.default_locale),
        "describe": lambda audience: localized(
            audience.profile.description, locale, config.default_locale
        ),
        "noun": lambda audience: localized(
            audience.profile.noun or audience.profile.label, locale, config.default_locale
        ),
        "clinic": config.clinic,
    }


def render_variant(project: Project, variant: Variant, extra: dict[str, Any] | None = None) -> str:
    """The HTML page of one variant."""
    path = variant_path(variant.slug, variant.audience.name, locale_folder(project, variant.locale))
    env = environment(project, variant.audience.name, variant.locale)
    context = page_context(project, variant.locale, path)
    context.update(
        variant=variant,
        article=variant.article.source,
        audience=variant.audience,
        inline=InlineRenderer(
            variant,
            quantity_locale=quantity_locale(project, variant.locale),
            article_link=lambda slug: (
                context["root"]
                + variant_path(slug, variant.audience.name, locale_folder(project, variant.locale))
            ),
            reference_label=i18n.translations(variant.locale).gettext("Reference %(number)s"),
        ),
        translation_stale=stale_translation(project, variant.article),
        review=review_status(variant.article, project.config, variant.as_of or dt.date.today()),
        others=[a for a in project.audiences.values() if a.name != variant.audience.name],
        handouts=handouts(variant),
        reading_level=reading_level(variant),
        languages=languages(project, variant, context["root"]),
        extra=extra or {},
    )
    return env.get_template("variant.html").render(context)


def languages(project: Project, variant: Variant, root: str) -> list[dict[str, Any]]:
    """The same variant in every language it is published in, for hreflang and the switcher.

    A draft page links to draft translations (they are built alongside it);
    an approved page links only to approved ones, so no link can be broken.
    """
    found = []
    for tag in project.config.locales:
        article = project.article(variant.slug, tag)
        if article is None or not (article.approved or not variant.article.approved):
            continue
        page = variant_path(variant.slug, variant.audience.name, locale_folder(project, tag))
        name = i18n.babel_locale(tag).language_name or tag
        found.append(
            {
                "tag": tag,
                "name": name[:1].upper() + name[1:],
                "href": root + page,
                "url": project.config.base_url.rstrip("/") + "/" + page.removesuffix("index.html"),
                "current": tag == variant.locale,
            }
        )
    return found if len(found) > 1 else []


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
    context.update(
        article=first.article.source,
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
    context.update(entries=entries, **extra)
    return env.get_template("index.html").render(context)
