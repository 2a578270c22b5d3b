"""The works an article cites: one structured reference per work, its fields set by its kind.

A reference is checked in two tiers. Wrong values (a malformed DOI or PMID, an
unknown field, an author that is not "Family GI") are errors, as anywhere in the
schema. Missing values are warnings: which fields a kind needs (AMA style) is
the table :data:`REQUIRED`, and :func:`missing_fields` names what a reference
lacks, so that the build warns at the reference's line and the page still builds.

The fields of the first schema (`kind: research|review|guideline|other` and a
free-text `source`) are still read: research and review become journal articles
whose `source` is the journal; guideline and other become a guideline or a web
page whose `source` is the publisher.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from engine.schema.base import Model

Kind = Literal["journal-article", "guideline", "web-page", "book"]

REQUIRED: dict[str, tuple[str, ...]] = {
    "journal-article": ("authors", "title", "journal", "year", "volume", "pages", "doi|pmid"),
    "guideline": ("publisher", "title", "year"),
    "web-page": ("publisher", "title", "url", "accessed"),
    "book": ("authors", "title", "publisher", "year"),
}
"""The fields each kind needs; "a|b" means either one will do."""

_LEGACY_KINDS = {
    "research": "journal-article",
    "review": "journal-article",
    "guideline": "guideline",
    "other": "web-page",
}
_INITIALS = re.compile(r"^[^\W\d_]{1,4}$")
_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:")


def _is_initials(word: str) -> bool:
    return bool(_INITIALS.match(word)) and word.isupper()


class Author(Model):
    """One author: a person (family name and initials) or a group (family name only)."""

    model_config = ConfigDict(str_strip_whitespace=True)

    family: str = Field(min_length=1)
    """Family name with any particle ("van der Berg"), or a group's whole name."""

    given: str = ""
    """Given names ("Peter") or initials ("PJ"); empty for a group author."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        # "Weber P": the last word is the initials, the rest the family name.
        if not isinstance(data, str):
            return data
        words = data.split()
        if len(words) < 2 or not _is_initials(words[-1]):
            raise ValueError(
                f"author {data!r}: write 'Family GI' (e.g. 'Weber P'), or a mapping "
                "{family, given}; a group author is {family: <group name>}"
            )
        return {"family": " ".join(words[:-1]), "given": words[-1]}

    def initials(self) -> str:
        """The given names as AMA initials, without full stops ("Jean-Paul" gives "JP")."""
        if _is_initials(self.given):
            return self.given
        return "".join(part[0].upper() for part in re.split(r"[\s.\-]+", self.given) if part)


class Reference(Model):
    """A work cited in the text. Which fields it needs depends on its `kind`: journal
    article (authors, title, journal, year, volume, pages, DOI or PMID), guideline
    (publisher, title, year), web page (publisher, title, URL, date accessed) or book
    (authors, title, publisher, year). A missing one is a warning at the reference."""

    model_config = ConfigDict(str_strip_whitespace=True, coerce_numbers_to_str=True)

    key: str = Field(pattern=r"^[\w:.-]+$")
    """The key cited in text as `[@key]`."""

    kind: Kind
    """journal-article, guideline, web-page or book (research, review and other are read
    as journal-article, journal-article and web-page)."""

    title: str | None = Field(default=None, min_length=1)
    """Title of the work, as published (a final '.', '?' or '!' is never doubled)."""

    authors: list[Author] = []
    """Authors in the order printed: "Family GI" strings or {family, given} mappings."""

    journal: str | None = Field(default=None, min_length=1)
    """Journal's full name, as patients and caregivers see it."""

    journal_abbrev: str | None = Field(default=None, min_length=1)
    """NLM abbreviation of the journal ("Integr Med (Encinitas)"), used in AMA references."""

    volume: str | None = Field(default=None, min_length=1)
    """Volume number (journal articles)."""

    issue: str | None = Field(default=None, min_length=1)
    """Issue number (journal articles)."""

    pages: str | None = Field(default=None, min_length=1)
    """Page range ("880-887") or article number ("e012345")."""

    publisher: str | None = Field(default=None, min_length=1)
    """The organisation that issued a guideline or runs a web site, or a book's publisher."""

    edition: str | None = Field(default=None, min_length=1)
    """A book's edition ("2"); leave out for a first edition."""

    year: int | None = Field(default=None, ge=1800, le=2100)
    """Year of publication."""

    published: dt.date | None = None
    """Date a web page was published or last updated."""

    url: str | None = None
    """Web address (http or https) of the work itself."""

    accessed: dt.date | None = None
    """Date the URL was last read (YYYY-MM-DD): "Accessed" or "Consultado el"."""

    doi: str | None = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$")
    """Digital Object Identifier, such as 10.1016/j.nut.2001.01.001."""

    pmid: str | None = Field(default=None, pattern=r"^[1-9]\d{0,8}$")
    """PubMed id (digits only)."""

    language: str = Field(default="en", pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
    """Language the work is written in (BCP 47), so that its title is marked up right."""

    @model_validator(mode="before")
    @classmethod
    def _from_first_schema(cls, data: Any) -> Any:
        if not isinstance(data, Mapping) or data.get("kind") not in _LEGACY_KINDS:
            return data
        fields = dict(data)
        kind = _LEGACY_KINDS[str(fields["kind"])]
        fields["kind"] = kind
        if "source" in fields:
            fields["journal" if kind == "journal-article" else "publisher"] = fields.pop("source")
        if isinstance(fields.get("authors"), str):
            fields["authors"] = [name.strip() for name in fields["authors"].split(",")]
        return fields

    @field_validator("authors", mode="before")
    @classmethod
    def _one_author(cls, value: Any) -> Any:
        return [value] if isinstance(value, str | Mapping) else value

    @field_validator("doi", mode="before")
    @classmethod
    def _bare_doi(cls, value: Any) -> Any:
        if isinstance(value, str):
            for prefix in _DOI_PREFIXES:
                if value.strip().lower().startswith(prefix):
                    return value.strip()[len(prefix) :]
        return value


def missing_fields(reference: Reference) -> list[str]:
    """Fields the reference's kind needs but lacks, in the kind's order ("doi or pmid")."""
    missing: list[str] = []
    for requirement in REQUIRED[reference.kind]:
        names = requirement.split("|")
        if not any(getattr(reference, name) not in (None, "", []) for name in names):
            missing.append(" or ".join(names))
    return missing
