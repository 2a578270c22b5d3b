"""The job list: one output file per article, audience, locale and format, with its declared inputs."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from engine.errors import unknown_choice
from engine.inline.tokens import Term
from engine.load.project import (
    CONFIG_FILE,
    Article,
    Project,
)
from engine.render.environment import template_dirs
from engine.render.urls import handout_name
from engine.schema.walk import iter_tokens
from engine.validate.translation import editions


@dataclass(frozen=True)
class Job:
    """One output file and what it is made from."""

    kind: str
    output: str
    locale: str
    slug: str = ""
    audience: str = ""
    inputs: tuple[str, ...] = ()
    """Project files (relative paths) and glossary entries (``glossary:<locale>:<key>``)."""

    @property
    def key(self) -> str:
        """The job's name in the manifest and in messages: :class:`JobKey` as text."""
        return str(JobKey(self.kind, self.slug, self.audience, self.locale))


class JobKey(NamedTuple):
    """What a job key names; written ``kind:slug:audience:locale``, with empty parts left
    out, and read back only through :meth:`parse`."""

    kind: str
    slug: str = ""
    audience: str = ""
    locale: str = ""

    def __str__(self) -> str:
        return ":".join(part for part in self if part)

    @property
    def edition(self) -> tuple[str, str]:
        """(slug, locale): the article edition the job makes a file of."""
        return self.slug, self.locale

    @classmethod
    def parse(cls, text: str) -> JobKey:
        """A key as the manifest holds it: every article job names its slug second and its
        locale last; pages and handouts name their audience between them."""
        parts = text.split(":")
        slug = parts[1] if len(parts) > 1 else ""
        audience = parts[2] if len(parts) > 3 else ""
        locale = parts[-1] if len(parts) > 2 else ""
        return cls(parts[0], slug, audience, locale)


def terms_used(article: Article) -> list[str]:
    """The glossary keys an article's text uses, in any audience's wording."""
    keys = {token.key for token in iter_tokens(article.source) if isinstance(token, Term)}
    return sorted(keys)


def _template_inputs(project: Project, audience: str | None) -> list[str]:
    files: list[str] = []
    for folder in template_dirs(project, audience):
        files.extend(
            str(p.relative_to(project.root)) for p in sorted(folder.rglob("*")) if p.is_file()
        )
    return files


def _asset_inputs(project: Project) -> list[str]:
    folder = project.asset_dir
    if not folder.is_dir():
        return []
    return [
        os.path.relpath(p, project.root)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    ]


def publishable(project: Project, drafts: bool) -> list[Article]:
    """Articles approved in their current form, or all of them with ``drafts``."""
    return [a for a in project.articles.values() if drafts or a.approved]


FORMATS = ("html", "pdf", "report")
"""Every output format a build can make."""


FORMAT_OF_KIND = {"page": "html", "landing": "html", "pdf": "pdf", "pdf-large": "pdf"}
"""Which ``--format`` makes each kind of job (a report is the "report" format)."""


def format_of(key: str) -> str:
    """The format of the job with this key; the site-wide pages are made by every build."""
    kind = JobKey.parse(key).kind
    return FORMAT_OF_KIND.get(kind, kind)


def plan(
    project: Project,
    audiences: Sequence[str] = (),
    formats: Sequence[str] = FORMATS,
    drafts: bool = False,
    locales: Sequence[str] = (),
) -> list[Job]:
    """The jobs that build the project's output, in a stable order.

    Job outputs are relative to the output folder: pages and handouts under
    ``site/``, readability reports under ``reports/``.
    """
    chosen = list(audiences) or list(project.audiences)
    for name in chosen:
        if name not in project.audiences:
            raise unknown_choice("audience", name, project.audiences)

    jobs: list[Job] = []
    common = [CONFIG_FILE]
    profiles = [str(a.path.relative_to(project.root)) for a in project.audiences.values()]
    # A handout embeds the images it shows (the clinic's logo): a new logo reprints it.
    assets = _asset_inputs(project) if "pdf" in formats else []
    for article, locale, prefix in editions(project, publishable(project, drafts), locales, drafts):
        slug = article.slug
        source = str(article.path.relative_to(project.root))
        glossary = [f"glossary:{locale}:{key}" for key in terms_used(article)]
        for name in chosen:
            audience = project.audiences[name]
            # Every profile and glossary entry: the review state each page shows depends on
            # whether the approval still covers all of them.
            inputs = (source, *profiles, *common, *glossary, *_template_inputs(project, name))
            folder = f"site/{prefix}{slug}/{name}"
            if "html" in formats:
                jobs.append(Job("page", f"{folder}/index.html", locale, slug, name, inputs))
            if "pdf" in formats:
                printed = (*inputs, *assets)
                jobs.append(
                    Job("pdf", f"{folder}/{handout_name(slug, name)}", locale, slug, name, printed)
                )
                if audience.profile.large_print:
                    large = f"{folder}/{handout_name(slug, name, large_print=True)}"
                    jobs.append(Job("pdf-large", large, locale, slug, name, printed))
        if "html" in formats:
            inputs = (source, *profiles, *common, *glossary)
            jobs.append(Job("landing", f"site/{prefix}{slug}/index.html", locale, slug, "", inputs))
        if "report" in formats:
            inputs = (source, *profiles, *common, *glossary)
            jobs.append(Job("report", f"reports/{prefix}{slug}.html", locale, slug, "", inputs))
    return jobs
