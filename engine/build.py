"""The build: a list of jobs, each with its declared inputs, then running them.

A job makes one output file for one article, audience, locale and format (or
one site-wide file). Its ``inputs`` name everything it depends on, so that
later stages can run jobs in parallel, skip unchanged ones and shard the list.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import fontpkg_atkinson_hyperlegible as atkinson

from .adapt import Variant, adapt
from .errors import Diagnostic, InputError, Location, PlainlyError, UsageError
from .inline import Term
from .project import CONFIG_FILE, GLOSSARY_FILE, Article, Project, _texts, load_project
from .render_html import (
    landing_path,
    render_index,
    render_landing,
    render_variant,
    template_dirs,
    variant_path,
)
from .writer import write_atomic

FONT_FILES = [
    atkinson.ROOT / "files" / f"AtkinsonHyperlegible-{style}.ttf"
    for style in ("Regular", "Bold", "Italic", "BoldItalic")
]
"""Atkinson Hyperlegible, shipped by a PyPI package under the SIL Open Font License."""


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
        return ":".join(p for p in (self.kind, self.slug, self.audience, self.locale) if p)


@dataclass
class BuildReport:
    """What a build did, for the command line to summarise."""

    written: list[str] = field(default_factory=list)
    failed: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def terms_used(article: Article) -> list[str]:
    """The glossary keys an article's text uses, in any audience's wording."""
    keys = {token.key for token in _texts(article.source) if isinstance(token, Term)}
    return sorted(keys)


def _template_inputs(project: Project, audience: str | None) -> list[str]:
    files: list[str] = []
    for folder in template_dirs(project, audience):
        files.extend(
            str(p.relative_to(project.root)) for p in sorted(folder.rglob("*")) if p.is_file()
        )
    return files


def publishable(project: Project, drafts: bool) -> list[Article]:
    """Articles approved in their current form, or all of them with ``drafts``."""
    return [a for a in project.articles.values() if drafts or a.approved]


def plan(
    project: Project,
    audiences: Sequence[str] = (),
    formats: Sequence[str] = ("html",),
    drafts: bool = False,
) -> list[Job]:
    """The jobs that build the project's output, in a stable order."""
    chosen = list(audiences) or list(project.audiences)
    for name in chosen:
        if name not in project.audiences:
            raise UsageError(f"no audience '{name}'; audiences: {', '.join(project.audiences)}")
    jobs: list[Job] = []
    locale = project.config.default_locale
    common = [CONFIG_FILE]
    for article in publishable(project, drafts):
        slug = article.slug
        source = str(article.path.relative_to(project.root))
        glossary = [f"glossary:{locale}:{key}" for key in terms_used(article)]
        for name in chosen:
            audience = project.audiences[name]
            inputs = (
                source,
                str(audience.path.relative_to(project.root)),
                *common,
                *glossary,
                *_template_inputs(project, name),
            )
            if "html" in formats:
                jobs.append(Job("page", variant_path(slug, name), locale, slug, name, inputs))
        profiles = [str(a.path.relative_to(project.root)) for a in project.audiences.values()]
        jobs.append(
            Job("landing", landing_path(slug), locale, slug, "", (source, *profiles, *common))
        )
    return jobs


class Builder:
    """Runs jobs against a loaded project, caching variants between jobs."""

    def __init__(self, project: Project):
        self.project = project
        self._variants: dict[tuple[str, str, str], Variant] = {}

    def variant(self, slug: str, audience: str, locale: str) -> Variant:
        key = (slug, audience, locale)
        if key not in self._variants:
            article = self.project.article(slug, locale)
            if article is None:
                raise UsageError(f"no article '{slug}' in {locale}")
            self._variants[key] = adapt(self.project, article, self.project.audiences[audience])
        return self._variants[key]

    def render(self, job: Job) -> bytes:
        renderer = RENDERERS[job.kind]
        return renderer(self, job)

    def run(self, jobs: Iterable[Job], report: BuildReport) -> None:
        for job in jobs:
            try:
                data = self.render(job)
                write_atomic(self.project.output_dir / "site", job.output, data)
            except InputError as error:
                report.failed.extend(error.diagnostics)
                continue
            except PlainlyError as error:
                report.failed.append(Diagnostic(Location(job.key), str(error), ""))
                continue
            report.written.append(job.output)


def _page(builder: Builder, job: Job) -> bytes:
    variant = builder.variant(job.slug, job.audience, job.locale)
    return render_variant(builder.project, variant).encode()


def _landing(builder: Builder, job: Job) -> bytes:
    variants = {
        name: builder.variant(job.slug, name, job.locale) for name in builder.project.audiences
    }
    return render_landing(builder.project, job.slug, variants).encode()


RENDERERS: dict[str, Callable[[Builder, Job], bytes]] = {
    "page": _page,
    "landing": _landing,
}


def write_site_pages(project: Project, articles: Sequence[Article], report: BuildReport) -> None:
    """Index and static assets: the pages that list every article."""
    locale = project.config.default_locale
    entries = []
    for article in sorted(articles, key=lambda a: a.slug):
        slug = article.slug
        source = article.source
        entries.append(
            {
                "slug": slug,
                "href": landing_path(slug),
                "title": source.title.default,
                "bottom_line": source.bottom_line.default,
                "topics": source.topics,
                "updated": source.updated,
                "review": source.review.state,
            }
        )
    html = render_index(project, locale, entries)
    write_atomic(project.output_dir / "site", "index.html", html)
    report.written.append("index.html")
    static = resources.files("engine") / "static"
    for item in sorted(static.iterdir(), key=lambda p: p.name):
        if item.is_file():
            write_atomic(project.output_dir / "site", f"assets/{item.name}", item.read_bytes())
    for font in FONT_FILES:
        write_atomic(project.output_dir / "site", f"assets/fonts/{font.name}", font.read_bytes())
    assets = project.asset_dir
    if assets.is_dir():
        for path in sorted(assets.rglob("*")):
            if path.is_file():
                relative = path.relative_to(assets).as_posix()
                write_atomic(project.output_dir / "site", f"assets/{relative}", path.read_bytes())


def build(
    project_dir: Path | None = None,
    slugs: Sequence[str] = (),
    audiences: Sequence[str] = (),
    drafts: bool = False,
) -> tuple[Project, BuildReport]:
    """Load, check and build a content project; bad articles are reported, others built."""
    project = load_project(project_dir, slugs)
    report = BuildReport(failed=list(project.problems), warnings=list(project.warnings))
    articles = publishable(project, drafts)
    for article in project.articles.values():
        if article not in articles:
            report.warnings.append(
                Diagnostic(
                    Location(article.display),
                    "not published: not approved in its current form",
                    "approve it with `plainly approve`, or build with --drafts",
                    "warning",
                )
            )
    jobs = plan(project, audiences, drafts=drafts)
    builder = Builder(project)
    builder.run(jobs, report)
    write_site_pages(project, articles, report)
    report.variants = list(builder._variants.values())
    return project, report


def clean(project: Project) -> None:
    site = project.output_dir / "site"
    if site.is_dir():
        shutil.rmtree(site)


__all__ = ["GLOSSARY_FILE", "BuildReport", "Job", "build", "plan"]
