"""The glossary schema: ``glossary.yaml``, one list of terms per locale."""

from __future__ import annotations

import re

from pydantic import (
    Field,
)

from engine.schema.base import Model, PlainStr


class Inflection(Model):
    """An inflected form of a term (a plural, a verb form) with plain wording that fits it."""

    form: PlainStr = Field(min_length=1)
    """The form as it is written in articles, such as "anticoagulants"."""

    plain: PlainStr = Field(min_length=1)
    """Plain wording that replaces this form, in the same number and tense."""


class GlossaryTerm(Model):
    """A technical term with a plain-language replacement and definition."""

    term: PlainStr = Field(min_length=1)
    """The term as it is usually written."""

    forms: list[PlainStr] = []
    """Other forms that count as the term: plurals, inflections, abbreviations."""

    plain: PlainStr = Field(min_length=1)
    """Plain wording that replaces it for patients."""

    definition: PlainStr = Field(min_length=1)
    """A short plain definition, shown to caregivers and in "Words to know"."""

    inflections: list[Inflection] = []
    """Inflected forms that each take a plain wording of their own (plural, verb forms)."""

    first_mention: bool | None = None
    """For plain audiences: true shows the plain wording at the term's first mention in each
    section only (later mentions and headings keep the term); unset follows the profile."""

    syllables: int | None = Field(default=None, ge=1, le=20)
    """Syllables in the term, for names that dictionaries lack."""

    @property
    def key(self) -> str:
        return re.sub(r"[^\w]+", "-", self.term.lower()).strip("-")

    @property
    def all_forms(self) -> list[str]:
        return [self.term, *self.forms, *(i.form for i in self.inflections)]

    def plain_for(self, surface: str) -> str:
        """The plain wording for the form written: an inflection's own, else the term's."""
        lower = " ".join(surface.lower().split())
        for inflection in self.inflections:
            if inflection.form.lower() == lower:
                return inflection.plain
        return self.plain
