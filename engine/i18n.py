"""Locale-dependent formatting and interface translations, all through babel.

Message catalogs live in ``engine/locales/<lang>/LC_MESSAGES/plainly.po``;
they are compiled in memory the first time a locale is used, so an installed
Plainly needs no build step and a build never rewrites them.
"""

from __future__ import annotations

import datetime as dt
import gettext
from functools import lru_cache
from importlib import resources

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DOMAIN = "plainly"


def babel_locale(tag: str) -> Locale:
    return Locale.parse(tag.replace("-", "_"))


def language(tag: str) -> str:
    return tag.split("-")[0].lower()


def format_date(value: dt.date, tag: str) -> str:
    """A date as readers of the locale write it: "August 28, 2025", "28 de agosto de 2025"."""
    return babel_format_date(value, format="long", locale=babel_locale(tag))


@lru_cache(maxsize=16)
def translations(tag: str) -> gettext.NullTranslations:
    """The interface translations for a locale (English needs none)."""
    catalog_dir = resources.files("engine") / "locales"
    for name in (tag.replace("-", "_"), language(tag)):
        po = catalog_dir / name / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.is_file():
            import io

            with po.open("rb") as stream:
                catalog = read_po(stream, locale=name)
            buffer = io.BytesIO()
            write_mo(buffer, catalog)
            buffer.seek(0)
            return Translations(buffer, domain=DOMAIN)
    return gettext.NullTranslations()
