"""The approval records: ``reviews/<locale>/<slug>.yaml`` and ``reviews/glossary.yaml``.

`plainly approve` writes them and the build reads them. An approval covers every word
a reader sees: the article's source, each glossary entry its variants use and the
profile settings that change wording. Each is recorded by its hash, so the build can
name what changed since; the approved rendering is kept for `plainly diff`.
"""

from __future__ import annotations

from pydantic import Field

from engine.schema.base import Model, PlainStr, SourceDate

HASH = r"^[0-9a-f]{64}$"


class Rendering(Model):
    """What one audience read when the article was approved."""

    text: str
    """The page's words as a reader sees them (glossary applied), block by block."""

    handout: str = ""
    """The handout's words: the page's, less what paper leaves out, plus what only prints."""


class ApprovalRecord(Model):
    """One edition's approval, written by `plainly approve` beside the review state the
    article's own `review:` keeps. Commit it with the article."""

    article: str
    """The article's name (its file name without .yaml)."""

    locale: str
    """The edition approved: the project's default locale or a translation's."""

    reviewer: PlainStr
    """Who approved it."""

    date: SourceDate
    """When it was approved."""

    source: str = Field(pattern=HASH)
    """Content hash of the article source approved (its `review:` left out)."""

    glossary: dict[str, str] = {}
    """Hash of each glossary entry the edition's variants used, by entry key."""

    profiles: dict[str, str] = {}
    """Hash of each audience profile's wording settings (glossary treatment, what it may
    omit, what its handout leaves out, citations and references, disclaimer), by audience."""

    settings: str = ""
    """Hash of the project settings an article's words show: `emergency_number` and the
    `clinic` (name, phone, logo)."""

    assets: dict[str, str] = {}
    """Hash of each asset file readers see with it (its images, the clinic's logo), by path
    in the asset folder."""

    renderings: dict[str, Rendering] = {}
    """The approved text per audience, which `plainly diff` compares today's with."""


class EntryApproval(Model):
    """A reviewer's approval of one glossary entry as it stands."""

    hash: str = Field(pattern=HASH)
    """Hash of the entry approved."""

    reviewer: PlainStr
    """Who approved it."""

    date: SourceDate
    """When it was approved."""


GlossaryApprovals = dict[str, dict[str, EntryApproval]]
"""``reviews/glossary.yaml``: approved glossary entries by locale, then by entry key. An
approved entry may reach every article that uses it without another review of each."""
