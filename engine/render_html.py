"""Render variants and site pages to HTML with Jinja2.

Templates are found in the audience's folder first
(``variants/<audience>/templates/``), then the project's ``templates/``, then
the package's. The package's are also reachable as ``plainly/<name>`` so an
override can extend the template it replaces. Autoescape is on; inline tokens
become HTML here, in Python, not in templates.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup, escape

from . import i18n
from .adapt import Variant
from .glossary import GlossedTerm
from .inline import Citation, Emphasis, Link, Quantity, Text, Token
from .project import Audience, Project
from .schema import localized
from .translation import stale_translation


def template_dirs(project: Project, audience: str | None) -> list[Path]:
    """The folders searched before the package's templates, most specific first."""
    dirs = []
    if audience:
        dirs.append(project.root / "variants" / audience / "templates")
    dirs.append(project.root / "templates")
    return [d for d in dirs if d.is_dir()]


@lru_cache(maxsize=64)
def _environment(dirs: tuple[Path, ...], locale: str) -> Environment:
    package = PackageLoader("engine", "templates")
    loader = ChoiceLoader(
        [
            *(FileSystemLoader(str(d)) for d in dirs),
            package,
            PrefixLoader({"plainly": package}),
        ]
    )
    env = Environment(
        loader=loader,
        autoescape=select_autoescape(["html", "xml", "svg"], default=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(i18n.translations(locale), newstyle=True)  # type: ignore[attr-defined]
    env.filters["date"] = lambda value: i18n.format_date(value, locale)
    return env


def environment(project: Project, audience: str | None, locale: str) -> Environment:
    return _environment(tuple(template_dirs(project, audience)), locale)


@dataclass
class InlineRenderer:
    """Turns tokens into HTML for one page; numbers tooltips so ids stay unique."""

    variant: Variant | None = None
    link_terms: bool = True
    counter: int = field(default=0)
    quantity_locale: str | None = None
    """Set for a translation: quantities are written by babel in this locale (``i18n``)."""
    reference_label: str = "Reference %(number)s"
    """What screen readers hear for a citation number, in the page's language."""

    def __call__(self, tokens: Sequence[Token] | None, link_terms: bool = True) -> Markup:
        """HTML for tokens; headings and captions pass ``link_terms=False``."""
        if not tokens:
            return Markup("")
        return Markup("").join(self.token(t, link_terms) for t in tokens)

    # The HTML below is put together with f-strings over escape()d values: the same
    # text Markup.format() makes, without its string.Formatter machinery, which cost
    # more than everything else a page does with a token.

    def token(self, token: Token, link_terms: bool = True) -> Markup:
        if isinstance(token, Text):
            return escape(token.text)
        if isinstance(token, Quantity):
            shown = token.raw
            if self.quantity_locale:
                shown = i18n.format_quantity(token, self.quantity_locale)
            return Markup(f'<span class="qty">{escape(shown)}</span>')
        if isinstance(token, Citation):
            return self.citation(token)
        if isinstance(token, Link):
            external = token.url.startswith(("http://", "https://"))
            rel = ' rel="noopener noreferrer"' if external else ""
            children = self(token.children, False)
            return Markup(f'<a href="{escape(token.url)}"{rel}>{children}</a>')
        if isinstance(token, Emphasis):
            tag = "strong" if token.strong else "em"
            return Markup(f"<{tag}>{self(token.children, link_terms)}</{tag}>")
        if isinstance(token, GlossedTerm):
            return self.term(token, link_terms)
        return escape(token.plain())

    def citation(self, token: Citation) -> Markup:
        if self.variant is None:
            return Markup("")
        links = []
        for key in token.keys:
            number = self.variant.citation_number(key)
            if number:
                label = escape(self.reference_label % {"number": number})
                links.append(f'<a href="#ref-{escape(key)}" aria-label="{label}">{number}</a>')
        if not links:
            return Markup("")
        return Markup(f'<sup class="cite">[{", ".join(links)}]</sup>')

    def term(self, token: GlossedTerm, link_terms: bool) -> Markup:
        shown = escape(token.shown)
        aside = f' <span class="term-aside">({escape(token.aside)})</span>' if token.aside else ""
        if token.mode == "keep" or not (self.link_terms and link_terms):
            return Markup(f"{shown}{aside}")
        self.counter += 1
        key = escape(token.entry.key)
        tip = escape(f"tip-{token.entry.key}-{self.counter}")
        return Markup(
            f'<span class="term"><a class="term-link" href="#word-{key}" aria-describedby="{tip}">'
            f'{shown}</a><span class="term-tip" role="tooltip" id="{tip}">'
            f"{escape(token.entry.definition)}</span></span>{aside}"
        )


def _prefix(project: Project, locale: str) -> str:
    """The folder of a locale's pages under the site root ("" for the default locale)."""
    config = project.config
    return i18n.locale_prefix(locale, config.locales, config.default_locale)


def quantity_locale(project: Project, locale: str) -> str | None:
    """The locale babel writes quantities in: None keeps the default locale's text as written."""
    return None if locale == project.config.default_locale else locale


def relative_root(page_path: str) -> str:
    """The relative prefix from a page to the site root: ``../../`` for ``a/b/index.html``."""
    depth = page_path.count("/")
    return "../" * depth


def variant_path(slug: str, audience: str, locale_prefix: str = "") -> str:
    return posixpath.join(locale_prefix, slug, audience, "index.html")


def landing_path(slug: str, locale_prefix: str = "") -> str:
    return posixpath.join(locale_prefix, slug, "index.html")


def page_context(project: Project, locale: str, page_path: str) -> dict[str, Any]:
    """What every page template gets."""
    config = project.config
    return {
        "site_title": localized(config.title, locale, config.default_locale),
        "lang": locale,
        "root": relative_root(page_path),
        "home": relative_root(page_path) + _prefix(project, locale) + "index.html",
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
    path = variant_path(variant.slug, variant.audience.name, _prefix(project, variant.locale))
    env = environment(project, variant.audience.name, variant.locale)
    context = page_context(project, variant.locale, path)
    context.update(
        variant=variant,
        article=variant.article.source,
        audience=variant.audience,
        inline=InlineRenderer(
            variant,
            quantity_locale=quantity_locale(project, variant.locale),
            reference_label=i18n.translations(variant.locale).gettext("Reference %(number)s"),
        ),
        translation_stale=stale_translation(project, variant.article),
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
        page = variant_path(variant.slug, variant.audience.name, _prefix(project, tag))
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
    """The variant's PDF handouts as (kind, file name), once the PDF stage exists.

    The names match the build's PDF jobs, which sit beside the page.
    """
    import importlib.util

    if importlib.util.find_spec("engine.render_pdf") is None:
        return []
    stem = f"{variant.slug}-{variant.audience.name}"
    found = [("standard", f"{stem}.pdf")]
    if variant.audience.profile.large_print:
        found.append(("large", f"{stem}-large-print.pdf"))
    return found


def reading_level(variant: Variant) -> dict[str, Any]:
    """The variant's reading level (band and grade) from the readability stage.

    Templates phrase it through the catalogs, so Spanish pages say it in Spanish.
    """
    from .readability import check_variant, reading_band

    band, grade = reading_band(check_variant(variant)[0])
    return {"band": band, "grade": grade}


def render_landing(project: Project, slug: str, variants: dict[str, Variant]) -> str:
    """The article's landing page with the persona chooser."""
    first = next(iter(variants.values()))
    path = landing_path(slug, _prefix(project, first.locale))
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


def audience_of(project: Project, name: str) -> Audience:
    return project.audiences[name]
