"""The build: a list of jobs, each with its declared inputs, then running them.

A job makes one output file for one article, audience, locale and format (or
one site-wide file). Its ``inputs`` name everything it depends on, so that
later stages can run jobs in parallel, skip unchanged ones and shard the list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import TemplateError

from .adapt import Variant, adapt
from .errors import Diagnostic, InputError, Location, PlainlyError, UsageError, relative_path
from .inline import Term
from .project import (
    ARTICLES_DIR,
    CONFIG_FILE,
    GLOSSARY_FILE,
    Article,
    Project,
    _texts,
    load_project,
)
from .render_html import render_landing, render_variant, template_dirs
from .writer import write_atomic

if TYPE_CHECKING:
    from .incremental import InputHasher, Manifest
    from .project import ArticleFiles
    from .site import Listing


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
    unchanged: list[str] = field(default_factory=list)
    """Outputs an incremental build found up to date and did not rewrite."""

    articles: int = 0
    """How many articles the project has (as loaded, or as of the last build)."""

    readability: list[str] = field(default_factory=list)
    """A line per variant built: its whole-variant scores against its targets."""

    removed: list[str] = field(default_factory=list)
    """Outputs of earlier builds that this build no longer makes (an article deleted or
    no longer approved), removed so that nothing unpublished stays online."""

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
            raise UsageError(f"no audience '{name}'; audiences: {', '.join(project.audiences)}")
    from .translation import editions

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
            inputs = (
                source,
                str(audience.path.relative_to(project.root)),
                *common,
                *glossary,
                *_template_inputs(project, name),
            )
            folder = f"site/{prefix}{slug}/{name}"
            if "html" in formats:
                jobs.append(Job("page", f"{folder}/index.html", locale, slug, name, inputs))
            if "pdf" in formats:
                printed = (*inputs, *assets)
                jobs.append(Job("pdf", f"{folder}/{slug}-{name}.pdf", locale, slug, name, printed))
                if audience.profile.large_print:
                    large = f"{folder}/{slug}-{name}-large-print.pdf"
                    jobs.append(Job("pdf-large", large, locale, slug, name, printed))
        if "html" in formats:
            inputs = (source, *profiles, *common)
            jobs.append(Job("landing", f"site/{prefix}{slug}/index.html", locale, slug, "", inputs))
        if "report" in formats:
            inputs = (source, *profiles, *common, *glossary)
            jobs.append(Job("report", f"reports/{prefix}{slug}.html", locale, slug, "", inputs))
    return jobs


class Builder:
    """Runs jobs against a loaded project, caching variants between jobs."""

    def __init__(self, project: Project):
        self.project = project
        self._variants: dict[tuple[str, str, str], Variant] = {}
        self.warnings: list[Diagnostic] = []
        """Warnings from jobs that still wrote their file (a handout over its page budget)."""

    def variant(self, slug: str, audience: str, locale: str) -> Variant:
        key = (slug, audience, locale)
        if key not in self._variants:
            article = self.project.article(slug, locale)
            if article is None:
                raise UsageError(f"no article '{slug}' in {locale}")
            self._variants[key] = adapt(self.project, article, self.project.audiences[audience])
        return self._variants[key]

    def all(self) -> list[Variant]:
        """Every variant made so far, in the order they were made."""
        return list(self._variants.values())

    def variants(self, slug: str, locale: str) -> dict[str, Variant]:
        """Every audience's variant of an article."""
        return {name: self.variant(slug, name, locale) for name in self.project.audiences}

    def render(self, job: Job) -> bytes:
        return RENDERERS[job.kind](self, job)

    def run(self, jobs: Iterable[Job], report: BuildReport) -> None:
        for job in jobs:
            try:
                data = self.render(job)
                write_atomic(self.project.output_dir, job.output, data)
            except InputError as error:
                report.failed.extend(error.diagnostics)
                continue
            except TemplateError as error:
                report.failed.append(template_diagnostic(error, job))
                continue
            except PlainlyError as error:
                report.failed.append(Diagnostic(Location(job.key), str(error), ""))
                continue
            report.written.append(job.output)
        report.warnings.extend(self.warnings)
        self.warnings.clear()


def template_diagnostic(error: TemplateError, job: Job) -> Diagnostic:
    """A broken template override, reported at its file and line."""
    name = getattr(error, "filename", None)
    line = getattr(error, "lineno", None)
    if name is None:
        # Errors met while rendering (an include that is not found) carry no file of their
        # own; Jinja rewrites the traceback so that template frames name the template.
        frames = [
            frame
            for frame in traceback.extract_tb(error.__traceback__)
            if not frame.filename.endswith(".py") and Path(frame.filename).is_file()
        ]
        if frames:
            name, line = frames[-1].filename, frames[-1].lineno
    name = name or getattr(error, "name", None) or "template"
    line = line or 1
    return Diagnostic(
        Location(relative_path(Path(name)), line),
        f"template error while building {job.key}: {error.message or error}",
        "fix the template override, or remove it to use the default",
    )


# Stage modules are imported only when a job needs them, so `plainly --help`
# and `plainly check` never import WeasyPrint.


def _page(builder: Builder, job: Job) -> bytes:
    variant = builder.variant(job.slug, job.audience, job.locale)
    return render_variant(builder.project, variant).encode()


def _landing(builder: Builder, job: Job) -> bytes:
    variants = builder.variants(job.slug, job.locale)
    return render_landing(builder.project, job.slug, variants).encode()


def _pdf(builder: Builder, job: Job) -> bytes:
    from .render_pdf import render

    variant = builder.variant(job.slug, job.audience, job.locale)
    handout = render(builder.project, variant, large_print=job.kind == "pdf-large")
    builder.warnings.extend(handout.warnings)
    return handout.pdf


def _report(builder: Builder, job: Job) -> bytes:
    from .report import render_report

    return render_report(builder.project, builder.variants(job.slug, job.locale)).encode()


RENDERERS: dict[str, Callable[[Builder, Job], bytes]] = {
    "page": _page,
    "landing": _landing,
    "pdf": _pdf,
    "pdf-large": _pdf,
    "report": _report,
}


def _available() -> set[str]:
    """Job kinds whose stage module exists (stages land one issue at a time)."""
    import importlib.util

    kinds = {"page", "landing"}
    if importlib.util.find_spec("engine.render_pdf"):
        kinds |= {"pdf", "pdf-large"}
    if importlib.util.find_spec("engine.report"):
        kinds.add("report")
    return kinds


@dataclass(frozen=True)
class Selection:
    """What a build makes, the same for every article."""

    audiences: tuple[str, ...] = ()
    formats: tuple[str, ...] = FORMATS
    drafts: bool = False
    locales: tuple[str, ...] = ()
    today: dt.date = dt.date.min
    shard: tuple[int, int] | None = None
    jobs: bool = True
    """False when finalizing: the site-wide pages only."""

    key: str = ""
    """The build's options as the manifest keys them; set when articles nothing of which
    changed may be taken from the manifest instead of being read again."""


@dataclass
class ArticleBuild:
    """What building one article (all its editions) gave: small enough to keep a
    whole library's worth, so that only one article is in memory at a time."""

    slug: str
    broken: bool = False
    """Some file of it failed to load: what it built before is kept, not pruned."""

    report: BuildReport = field(default_factory=BuildReport)
    jobs: list[Job] = field(default_factory=list)
    hashes: dict[str, dict[str, str]] = field(default_factory=dict)
    job_warnings: dict[str, list[Diagnostic]] = field(default_factory=dict)
    jobs_failed: bool = False
    listings: list[Listing] = field(default_factory=list)
    record: dict[str, Any] | None = None
    """For the manifest: what this clean build gave and from what (None: read it next time)."""


def build_article(
    settings: Project,
    slug: str,
    files: ArticleFiles,
    selection: Selection,
    recorded: Manifest,
    hasher: InputHasher,
) -> ArticleBuild:
    """Load one article's editions, check them, run the jobs whose inputs changed.

    ``settings`` is the project without articles; ``recorded`` holds what earlier
    builds recorded of this article's outputs.
    """
    from .approve import stale_warning
    from .factlock import check_variant
    from .project import load_editions
    from .readability import missed_targets, summarize, summary_line
    from .site import listings

    sources = [str(path.relative_to(settings.root)) for path in files.values()]
    if selection.key:
        found = recorded.reusable(slug, selection.key, sources, hasher, settings.output_dir)
        if found is not None:
            return _reused(slug, *found)
    project = dataclasses.replace(settings, articles={}, translations={}, problems=[], warnings=[])
    load_editions(project, slug, files)
    outcome = ArticleBuild(slug, broken=bool(project.problems))
    report = outcome.report
    report.failed.extend(project.problems)
    report.warnings.extend(project.warnings)
    original = project.articles.get(slug)
    if original is None:
        return outcome
    report.articles = 1
    published = publishable(project, selection.drafts)
    if not published:
        report.warnings.append(
            Diagnostic(
                Location(original.display),
                "not published: not approved in its current form",
                "approve it with `plainly approve`, or build with --drafts",
                "warning",
            )
        )
    if warning := stale_warning(original, project.config, selection.today):
        report.warnings.append(warning)
    builder = Builder(project)
    # The fact lock on the adapted variants: an article that lost a caution is not built.
    for article in published:
        for variant in builder.variants(article.slug, article.locale).values():
            lost = check_variant(variant)
            report.failed.extend(lost)
            if lost:
                published = []
    if published and selection.jobs:
        _run_jobs(project, builder, selection, recorded, hasher, outcome)
    if published:
        outcome.listings = listings(project, builder, original, selection.drafts)
    results = summarize(builder.all())
    report.readability = [summary_line(result) for result in results]
    report.warnings.extend(missed_targets(results))
    if selection.key and outcome.jobs and not report.failed:
        outcome.record = _record(project, files, selection.key, hasher, outcome)
    return outcome


def _run_jobs(
    project: Project,
    builder: Builder,
    selection: Selection,
    recorded: Manifest,
    hasher: InputHasher,
    outcome: ArticleBuild,
) -> None:
    """Plan one article's jobs and run those whose inputs changed since they last ran."""
    from .incremental import shard_of

    report = outcome.report
    available = _available()
    jobs = [
        job
        for job in plan(
            project, selection.audiences, selection.formats, selection.drafts, selection.locales
        )
        if job.kind in available
    ]
    if selection.shard is not None:
        k, n = selection.shard
        jobs = [job for job in jobs if shard_of(job.key, n) == k]
    outcome.jobs = jobs
    failed_before = len(report.failed)
    for job in jobs:
        inputs = hasher.inputs(job.inputs)
        outcome.hashes[job.output] = inputs
        if recorded.unchanged(job.output, job.key, inputs, project.output_dir):
            report.unchanged.append(job.output)
            outcome.job_warnings[job.output] = recorded.warnings(job.output)
            continue
        before = len(report.warnings)
        builder.run([job], report)
        outcome.job_warnings[job.output] = report.warnings[before:]
    outcome.jobs_failed = len(report.failed) > failed_before
    report.warnings.extend(w for output in report.unchanged for w in outcome.job_warnings[output])


def _record(
    project: Project, files: ArticleFiles, key: str, hasher: InputHasher, outcome: ArticleBuild
) -> dict[str, Any]:
    """What the manifest keeps of an article built cleanly, with every input it read:
    besides its jobs' inputs, the names of the files in the folders that could add one
    (a new profile, template override or asset) and the glossary's vocabulary (a new
    term can change how the article parses)."""
    from .incremental import article_record

    sources = [str(path.relative_to(project.root)) for path in files.values()]
    profiles = [str(a.path.relative_to(project.root)) for a in project.audiences.values()]
    folders = [f"listing:{name}" for name in ("variants", "templates", project.config.assets)]
    vocabularies = [f"vocabulary:{locale}" for locale in files]
    inputs = hasher.inputs([*sources, *profiles, CONFIG_FILE, *folders, *vocabularies])
    for hashes in outcome.hashes.values():
        inputs.update(hashes)
    report = outcome.report
    return article_record(
        project.root,
        key,
        sources,
        inputs,
        [job.output for job in outcome.jobs],
        report.warnings,
        {
            "readability": report.readability,
            "listings": [listing.as_json() for listing in outcome.listings],
        },
    )


def _reused(slug: str, record: dict[str, Any], warnings: list[Diagnostic]) -> ArticleBuild:
    """An article as its last build left it: nothing it depends on has changed."""
    from .site import Listing

    report = BuildReport(
        warnings=warnings,
        unchanged=list(record["outputs"]),
        articles=1,
        readability=list(record["readability"]),
    )
    listings = [Listing.from_json(data) for data in record["listings"]]
    return ArticleBuild(slug, report=report, listings=listings, record=record)


def build(
    project_dir: Path | None = None,
    slugs: Sequence[str] = (),
    audiences: Sequence[str] = (),
    drafts: bool = False,
    formats: Sequence[str] = FORMATS,
    as_of: dt.date | None = None,
    run: RunOptions | None = None,
    locales: Sequence[str] = (),
) -> tuple[Project, BuildReport]:
    """Load, check and build a content project; bad articles are reported, others built.

    Articles are loaded and built one at a time (in worker processes with
    ``run.workers``), so memory does not grow with the library. ``as_of`` is the
    date staleness is judged on (today by default), so that a rebuild of the
    same inputs with the same date is byte-identical. ``run`` says how: worker
    processes, forced or incremental, one shard of the jobs, or only the
    site-wide pages (``finalize``).
    """
    from .incremental import Session
    from .parallel import run_articles
    from .project import catalogue, find_root, load_config, load_settings
    from .site import write_site_pages

    run = run or RunOptions()
    today = as_of or dt.date.today()
    root = find_root(project_dir)
    config = load_config(root)
    output_dir = (root / config.output).resolve()
    options = {
        "slugs": sorted(slugs),
        "audiences": sorted(audiences),
        "drafts": drafts,
        "formats": sorted(formats),
        "locales": sorted(locales),
    }
    session = Session.open(
        root,
        output_dir,
        [CONFIG_FILE, GLOSSARY_FILE, "variants", "templates", ARTICLES_DIR, config.assets],
        {**options, "as_of": today.isoformat()},
        force=run.force,
        shard=run.shard,
        finalize=run.finalize,
    )
    replayed = session.replay()
    if replayed is not None:  # nothing changed: parse nothing, write nothing
        outputs, diagnostics, count, lines = replayed
        skeleton = Project(root, config, {}, {})
        return skeleton, BuildReport(
            failed=[d for d in diagnostics if d.severity == "error"],
            warnings=[d for d in diagnostics if d.severity != "error"],
            unchanged=outputs,
            articles=count,
            readability=lines,
        )

    project = load_settings(project_dir)
    check_selection(project, audiences, locales)
    files, misplaced = catalogue(project, slugs)
    selection = Selection(
        tuple(audiences),
        tuple(formats),
        drafts,
        tuple(locales),
        today,
        run.shard,
        jobs=not run.finalize,
        key="" if run.shard or run.finalize else session.options,
    )
    report = BuildReport(failed=list(misplaced))
    results = run_articles(project, files, selection, session, run.workers, run.progress)
    jobs: list[Job] = []
    planned: list[str] = []
    listed: list[Listing] = []
    protected = {Path(d.location.path).stem for d in misplaced}
    for result in results:
        part = result.report
        report.failed.extend(part.failed)
        report.warnings.extend(part.warnings)
        report.written.extend(part.written)
        report.unchanged.extend(part.unchanged)
        report.readability.extend(part.readability)
        report.articles += part.articles
        jobs.extend(result.jobs)
        planned.extend(job.output for job in result.jobs)
        if not result.jobs and result.record:  # taken from the manifest, not read
            planned.extend(result.record["outputs"])
        listed.extend(result.listings)
        if result.broken:
            protected.add(result.slug)
        if selection.key:
            session.remember_article(result.slug, result.record)
    # Errors in sources come back the same next time; a job that failed must run again.
    clean = not any(result.jobs_failed for result in results)
    session.record_jobs(
        jobs,
        {output: h for result in results for output, h in result.hashes.items()},
        report.written,
        {output: w for result in results for output, w in result.job_warnings.items()},
    )
    pages: list[str] = []
    if run.shard is None:
        site_inputs = session.site_inputs(options)
        up_to_date = session.site_unchanged(site_inputs)
        if up_to_date is None:
            before = len(report.written)
            write_site_pages(project, listed, report, drafts)
            pages = report.written[before:]
        else:
            pages = up_to_date
            report.unchanged.extend(pages)
        session.record_site(pages, site_inputs)
    made = set(report.written) | set(report.unchanged)
    outputs = [output for output in planned if output in made] + pages
    complete = not (slugs or audiences or locales or run.shard or run.finalize)
    if complete and set(formats) >= set(FORMATS):
        # Keep what a failing article built last time; its errors are reported.
        report.removed = session.prune(set(planned) | set(pages), protected)
        session.forget_articles_except(set(files))
    diagnostics = [*report.failed, *report.warnings]
    session.save(outputs, diagnostics, report.articles, clean, report.readability)
    return project, report


def check_selection(project: Project, audiences: Sequence[str], locales: Sequence[str]) -> None:
    """Refuse unknown audience and locale names before any article is loaded."""
    for name in audiences:
        if name not in project.audiences:
            raise UsageError(f"no audience '{name}'; audiences: {', '.join(project.audiences)}")
    for tag in locales:
        if tag not in project.config.locales:
            raise UsageError(f"no locale '{tag}'; locales: {', '.join(project.config.locales)}")


@dataclass(frozen=True)
class RunOptions:
    """How a build runs, as opposed to what it builds."""

    workers: int = 1
    """Worker processes; 1 renders in this process."""

    force: bool = False
    """Rebuild every job, whatever the manifest says."""

    shard: tuple[int, int] | None = None
    """(K, N): build only shard K of N, and not the site-wide pages."""

    finalize: bool = False
    """Build no jobs: write the site-wide pages and merge the shards' manifests."""

    progress: Callable[[int, int], None] | None = None
    """Called with (jobs done, jobs to do) as jobs finish."""


def render_one(
    project_dir: Path | None,
    slug: str,
    audience: str,
    locale: str | None = None,
    output_format: str = "html",
    large_print: bool = False,
) -> tuple[str | bytes, list[Diagnostic]]:
    """One variant as a page, print HTML or PDF, with the warnings it raised."""
    project = load_project(project_dir, [slug])
    if project.problems:
        raise InputError(project.problems)
    if audience not in project.audiences:
        raise UsageError(f"no audience '{audience}'; audiences: {', '.join(project.audiences)}")
    locale = locale or project.config.default_locale
    if locale not in project.config.locales:
        raise UsageError(f"no locale '{locale}'; locales: {', '.join(project.config.locales)}")
    variant = Builder(project).variant(slug, audience, locale)
    if output_format == "pdf":
        from .render_pdf import render

        handout = render(project, variant, large_print)
        return handout.pdf, handout.warnings
    if output_format == "print-html":
        from .render_pdf import render_print_html

        return render_print_html(project, variant, large_print), []
    return render_variant(project, variant), []
