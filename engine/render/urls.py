"""Where every published file lives: page paths, handout file names and absolute URLs.

Pages link to each other with relative paths, so a site works at a domain's root,
under a subpath and opened from disk; only the sitemap, the 404 page and the
handouts' QR codes need the base URL.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

from engine.i18n import formats as i18n
from engine.load.project import Project


def locale_folder(project: Project, locale: str) -> str:
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


def handout_name(slug: str, audience: str, large_print: bool = False) -> str:
    """A handout's file name; it sits beside its variant's page."""
    return f"{slug}-{audience}{'-large-print' if large_print else ''}.pdf"


def page_url(project: Project, page_path: str) -> str:
    """A page's address under the project's base URL, folders ending in "/"."""
    return project.config.base_url.rstrip("/") + "/" + page_path.removesuffix("index.html")


def variant_url(project: Project, slug: str, audience: str, locale: str) -> str:
    """A variant's online page, under the project's base URL."""
    return page_url(project, variant_path(slug, audience, locale_folder(project, locale)))


def base_path(project: Project) -> str:
    """The base URL's path, "/library/": what the 404 page links from, since it may be
    shown at any address."""
    return urlsplit(project.config.base_url).path.rstrip("/") + "/"


def tel_href(number: str) -> str:
    """A phone number as a tap-to-call link: "555-0100" becomes "tel:5550100"."""
    return "tel:" + re.sub(r"[^0-9+]", "", number)
