"""The audience profile schema: ``variants/<audience>.yaml``, with reading targets."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import (
    Field,
)

from engine.schema.article import Role
from engine.schema.base import Localized, Model


class ReadingTarget(Model):
    max: float | None = None
    """The highest acceptable score (grade formulas)."""

    min: float | None = None
    """The lowest acceptable score (ease formulas)."""


Formula = Literal[
    "flesch_kincaid_grade",
    "flesch_reading_ease",
    "smog_index",
    "gunning_fog",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "fernandez_huerta",
    "szigriszt_pazos",
]


FORMULAS: tuple[str, ...] = get_args(Formula)
"""Every readability formula a profile may set a target for."""


class AudienceProfile(Model):
    """How one audience reads: its label, glossary treatment, targets and limits."""

    extends: str | None = None
    """Another profile whose settings this one starts from."""

    label: Localized
    """Short name in the persona chooser, such as "Patient" or "For health professionals".
    One string is translated through the interface catalogs where they have it."""

    description: Localized
    """One line under the label: who should choose it."""

    order: int = 100
    """Position in the chooser, lowest first, after the project's `default_audience`."""

    glossary: Literal["keep", "define", "plain"] = "keep"
    """keep: technical terms as written; define: the term with a plain definition the first
    time; plain: the plain wording, with the term beside it the first time."""

    glossary_first_mention: bool = False
    """With plain: the plain wording only at a term's first mention in each section, later
    mentions and headings keeping the term (a glossary entry's first_mention overrides)."""

    disclaimer: Literal["professional", "general"] = "general"
    """Which standard disclaimer the variant carries."""

    targets: dict[str, dict[Formula, ReadingTarget]] = {}
    """Reading targets per locale and formula; an empty mapping means unconstrained."""

    strict_sections: bool = False
    """Whether a section that misses a target fails `check` and `build --strict` (not only the whole)."""

    sentence_words: int | None = Field(default=None, ge=5)
    """Sentences longer than this many words are flagged."""

    sentence_words_by_locale: dict[str, int] = {}
    """The same per locale; a locale not given scales sentence_words by its language (Spanish
    sentences take about 15% more words than English ones for the same content)."""

    may_omit: list[Literal["statistic", "count"]] = []
    """What this audience's own wording may leave out (never change), outside cautions,
    "when to get help", tables and locked blocks: `statistic`, the study statistics
    (confidence intervals, p-values, effect sizes, numbers of studies or people). `count` is
    the old name of `statistic`, still read the same; doses, thresholds, targets, durations
    and frequencies are never omitted."""

    citations: Literal["inline", "sources"] = "inline"
    """inline: citation numbers in the text, linked to the references; sources: no numbers
    in the text, the page ends with the list of its sources."""

    references: Literal["full", "sources"] = "full"
    """full: numbered references; sources: a short plain list of sources."""

    page_budget: int | None = Field(default=None, ge=1)
    """Most pages its handout should take; more is a build warning."""

    print_leaves_out: list[Role] = []
    """Section roles its handout leaves off paper (the page keeps them), unless a section or
    block says `media: [print]`; the handout points to the page for the rest."""

    large_print: bool = False
    """Also make a large-print handout."""

    noun: Localized | None = None
    """How the reader is named in "Reading as: ..." (defaults to the label); translated
    like the label."""
