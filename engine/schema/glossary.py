"""The glossary schema: ``glossary.yaml``, one list of terms per locale."""

from __future__ import annotations

import re

from pydantic import (
    Field,
)

from engine.schema.base import Model, PlainStr


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

    syllables: int | None = Field(default=None, ge=1, le=20)
    """Syllables in the term, for names that dictionaries lack."""

    @property
    def key(self) -> str:
        return re.sub(r"[^\w]+", "-", self.term.lower()).strip("-")

    @property
    def all_forms(self) -> list[str]:
        return [self.term, *self.forms]
