"""A whole build: every article in turn (or in workers), then the site-wide pages, then the manifest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.build.article import ArticleBuild, Selection
from engine.build.builder import BuildReport
from engine.build.jobs import FORMATS, Job
from engine.build.lock import output_lock
from engine.build.session import Session
from engine.build.workers import run_articles
from engine.build.writer import write_atomic
from engine.errors import Diagnostic, unknown_choice
from engine.load.approvals import REVIEWS_DIR
from engine.load.articles import catalogue
from engine.load.project import (
    ARTICLES_DIR,
    CONFIG_FILE,
    GLOSSARY_FILE,
    Project,
)
from engine.load.settings import find_root, load_config, load_settings
from engine.site.assets import engine_assets, project_assets
from engine.site.pages import Listing, site_pages


@dataclass(frozen=True)
class Request:
    """What a build makes, as the command line asked for it."""

    slugs: tuple[str, ...]
    audiences: tuple[str, ...]
    drafts: bool
    formats: tuple[str, ...]
    locales: tuple[str, ...]
    today: dt.date

    def options(self) -> dict[str, Any]:
        """The options as the manifest keys them (the date apart)."""
        return {
            "slugs": sorted(self.slugs),
            "audiences": sorted(self.audiences),
            "drafts": self.drafts,
            "formats": sorted(self.formats),
            "locales": sorted(self.locales),
        }

    @property
    def complete(self) -> bool:
        """Every article, audience and locale: what it does not make is pruned."""
        return not (self.slugs or self.audiences or self.locales)


def today_utc() -> dt.date:
    """The default build date: today in UTC, so that a build does not depend on the
    machine's time zone."""
    return dt.datetime.now(dt.UTC).date()


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
    date staleness is judged on (today in UTC by default), an input like any other:
    a rebuild of the same inputs with the same date is byte-identical. ``run`` says
    how: worker processes, forced or incremental, one shard of the jobs, or only the
    site-wide pages (``finalize``). One build at a time writes an output folder.
    """
    run = run or RunOptions()
    request = Request(
        tuple(slugs), tuple(audiences), drafts, tuple(formats), tuple(locales), as_of or today_utc()
    )
    root = find_root(project_dir)
    config = load_config(root, run.output)
    output_dir = (root / config.output).resolve()
    with output_lock(output_dir):
        session = Session.open(
            root,
            output_dir,
            [
                CONFIG_FILE,
                GLOSSARY_FILE,
                "variants",
                "templates",
                ARTICLES_DIR,
                REVIEWS_DIR,
                config.assets,
            ],
            {**request.options(), "as_of": request.today.isoformat()},
            force=run.force,
            shard=run.shard,
            finalize=run.finalize,
        )
        replayed = session.replay()
        if replayed is not None:  # nothing changed: parse nothing, write nothing
            outputs, diagnostics, count, lines = replayed
            return Project(root, config, {}, {}), BuildReport(
                failed=[d for d in diagnostics if d.severity == "error"],
                warnings=[d for d in diagnostics if d.severity != "error"],
                unchanged=outputs,
                articles=count,
                readability=lines,
            )
        project = load_settings(root, config)
        return project, _build_project(project, request, run, session)


def _build_project(
    project: Project, request: Request, run: RunOptions, session: Session
) -> BuildReport:
    """The articles, then the site-wide pages, then the manifest."""
    check_selection(project, request.audiences, request.locales)
    files, misplaced = catalogue(project, request.slugs)
    selection = Selection(
        request.audiences,
        request.formats,
        request.drafts,
        request.locales,
        request.today,
        run.shard,
        jobs=not run.finalize,
        key="" if run.shard or run.finalize else session.options,
        world=session.world(request.today.isoformat()),
    )
    # the glossary entries refused, and old names in profiles
    report = BuildReport(failed=[*project.problems, *misplaced], warnings=list(project.warnings))
    results = run_articles(project, files, selection, session, run.workers, run.progress)
    jobs, planned, listed = _gather(results, report, session, bool(selection.key))
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
        pages = _site(project, listed, request, session, report)
    made = set(report.written) | set(report.unchanged)
    outputs = [output for output in planned if output in made] + pages
    withdrawn = {
        (result.slug, locale)
        for result in results
        if result.published is not None
        for locale in project.config.locales
        if locale not in result.published
    }
    report.removed = session.withdraw(withdrawn)
    if request.complete and not (run.shard or run.finalize):
        # What a failing article built last time goes too: its current form is not approved.
        report.removed += session.prune(set(planned) | set(pages), request.formats)
        session.forget_articles_except(set(files))
    diagnostics = [*report.failed, *report.warnings]
    session.save(outputs, diagnostics, report.articles, clean, report.readability)
    if (warning := session.lookup.warning()) is not None:  # not replayed: said once
        report.warnings.insert(0, warning)
    return report


def _gather(
    results: Sequence[ArticleBuild],
    report: BuildReport,
    session: Session,
    remember: bool,
) -> tuple[list[Job], list[str], list[Listing]]:
    """Add each article's outcome to the report; its jobs, planned outputs and listings."""
    jobs: list[Job] = []
    planned: list[str] = []
    listed: list[Listing] = []
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
        if remember:
            session.remember_article(result.slug, result.record)
    return jobs, planned, listed


def _site(
    project: Project,
    listed: Sequence[Listing],
    request: Request,
    session: Session,
    report: BuildReport,
) -> list[str]:
    """Write the site-wide pages and assets unless they are up to date; their paths."""
    site_inputs = session.site_inputs({**request.options(), "as_of": request.today.isoformat()})
    up_to_date = session.site_unchanged(site_inputs)
    if up_to_date is None:
        pages, refused = write_site(project, listed)
        report.written.extend(pages)
        report.failed.extend(refused)
    else:
        pages = up_to_date
        report.unchanged.extend(pages)
    session.record_site(pages, site_inputs)
    return pages


def check_selection(project: Project, audiences: Sequence[str], locales: Sequence[str]) -> None:
    """Refuse unknown audience and locale names before any article is loaded."""
    for name in audiences:
        if name not in project.audiences:
            raise unknown_choice("audience", name, project.audiences)
    for tag in locales:
        if tag not in project.config.locales:
            raise unknown_choice("locale", tag, project.config.locales)


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

    output: Path | None = None
    """An output folder given on the command line, instead of the configured one; it may
    lie outside the project (to deploy elsewhere), never over its sources."""


def write_site(project: Project, listed: Sequence[Listing]) -> tuple[list[str], list[Diagnostic]]:
    """Write the site-wide pages and assets; their paths, which the manifest records (so
    that an asset removed from the project is removed from the site), and every asset
    refused."""
    pages = site_pages(project, listed)
    assets, refused = project_assets(project)
    files: dict[str, str | bytes] = {**pages, **assets, **engine_assets()}  # engine's win
    for name, data in files.items():
        write_atomic(project.output_dir, name, data)
    return list(files), refused
