"""The loaded project's model: the project, its audiences and its articles."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.errors import Diagnostic, relative_path
from engine.inline.numerals import NumberFormat, symbols
from engine.load.glossary import Glossary
from engine.schema.approval import GlossaryApprovals
from engine.schema.article import ArticleSource
from engine.schema.config import ProjectConfig
from engine.schema.profile import AudienceProfile

CONFIG_FILE = "plainly.yaml"


GLOSSARY_FILE = "glossary.yaml"


PROFILES_DIR = "variants"


ARTICLES_DIR = "articles"


@dataclass(frozen=True)
class Audience:
    """An audience profile, by name."""

    name: str
    profile: AudienceProfile
    path: Path


@dataclass(frozen=True)
class Article:
    """A validated article source in one locale."""

    slug: str
    locale: str
    path: Path
    display: str
    source: ArticleSource
    content_hash: str
    """Hash of everything but the review state: what an approval approves."""

    raw_hash: str
    """Hash of the file's bytes: what incremental builds compare."""

    unapproved: tuple[str, ...] | None = None
    """Why its approval does not cover the edition as readers get it (empty: it does);
    None until :func:`engine.validate.approval.approval_gaps` has judged it."""

    @property
    def source_approved(self) -> bool:
        """Whether its ``review:`` approves this source, as written."""
        review = self.source.review
        return review.state == "approved" and review.approved_hash == self.content_hash

    @property
    def approved(self) -> bool:
        """Approved in its current form: the source, and every glossary entry and profile
        setting its readers' words depend on."""
        return self.source_approved and self.unapproved == ()


@dataclass
class Project:
    """A content project, loaded and validated."""

    root: Path
    config: ProjectConfig
    audiences: dict[str, Audience]
    glossaries: dict[str, Glossary]
    articles: dict[str, Article] = field(default_factory=dict)
    translations: dict[tuple[str, str], Article] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    """Errors in articles that were left out."""

    glossary_approvals: GlossaryApprovals = field(default_factory=dict)
    """Glossary entries approved on their own (``reviews/glossary.yaml``)."""

    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def output_dir(self) -> Path:
        return (self.root / self.config.output).resolve()

    @property
    def asset_dir(self) -> Path:
        return (self.root / self.config.assets).resolve()

    @property
    def default_audience(self) -> str:
        """The audience first-time readers see (``default_audience`` in plainly.yaml); the
        first profile by order when the setting is left at "patient" and there is none."""
        name = self.config.default_audience
        return name if name in self.audiences else next(iter(self.audiences), name)

    def glossary(self, locale: str) -> Glossary:
        return self.glossaries.get(locale) or Glossary.build(locale, [])

    def display(self, path: Path) -> str:
        return relative_path(path)

    def article(self, slug: str, locale: str | None = None) -> Article | None:
        if locale is None or locale == self.config.default_locale:
            return self.articles.get(slug)
        return self.translations.get((slug, locale))


def number_format(locale: str) -> NumberFormat:
    """How the locale writes numbers (CLDR), and which language's fact words it reads."""
    return symbols(locale)


def content_hash(data: Any) -> str:
    """A hash of an article's content, review state left out."""
    body = {k: v for k, v in data.items() if k != "review"} if isinstance(data, dict) else data
    encoded = json.dumps(body, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


ArticleFiles = dict[str, Path]
"""One article's source files by locale: the original and its translations."""
