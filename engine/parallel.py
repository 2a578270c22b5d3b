"""Running build jobs: in this process, or in a pool of worker processes.

Jobs are grouped by article, so that a worker adapts each variant once for all
of that article's pages, handouts and reports. Each worker receives the
project's configuration, profiles and glossary once, imports WeasyPrint and
builds its font configuration once, and is replaced after a bounded number of
articles so that its memory stays flat however large the library is. Workers
write their own output files (atomically) and send back only what they wrote
and what failed.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from .build import Builder, BuildReport, Job
from .errors import Diagnostic
from .project import Article, Project

ARTICLES_PER_WORKER = 40
"""A worker is replaced after this many articles (``max_tasks_per_child``)."""

Progress = Callable[[int, int], None]
"""Called with (jobs done, jobs in all) as jobs finish."""

PDF_KINDS = ("pdf", "pdf-large")


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _groups(jobs: Sequence[Job]) -> list[list[Job]]:
    """Jobs by article (site-wide jobs each on their own), in first-seen order."""
    groups: dict[tuple[str, str], list[Job]] = {}
    for job in jobs:
        groups.setdefault((job.slug or job.output, job.locale), []).append(job)
    return list(groups.values())


def _articles(project: Project, group: Sequence[Job]) -> list[Article]:
    """Every edition of the group's article: a page links to its other languages."""
    slug = group[0].slug if group else ""
    if not slug:
        return []
    editions = [project.article(slug, tag) for tag in project.config.locales]
    return [article for article in editions if article is not None]


def run_jobs(
    project: Project,
    builder: Builder,
    jobs: Sequence[Job],
    report: BuildReport,
    workers: int = 1,
    progress: Progress | None = None,
) -> dict[str, list[Diagnostic]]:
    """Run ``jobs``, adding what was written and what failed to ``report``.

    Returns the warnings of each job (by output), for the manifest to keep.
    """
    total, done = len(jobs), 0
    groups = _groups(jobs)
    warnings: dict[str, list[Diagnostic]] = {}
    if workers <= 1 or len(groups) <= 1:
        for group in groups:
            written, failed, found = _run(builder, group)
            report.written.extend(written)
            report.failed.extend(failed)
            _add_warnings(report, warnings, found)
            done += len(group)
            if progress:
                progress(done, total)
        return warnings
    skeleton = dataclasses.replace(project, articles={}, translations={}, problems=[], warnings=[])
    warm_pdf = any(job.kind in PDF_KINDS for job in jobs)
    context = _context()
    with ProcessPoolExecutor(
        max_workers=min(workers, len(groups)),
        mp_context=context,
        initializer=_start_worker,
        initargs=(skeleton, warm_pdf),
        max_tasks_per_child=ARTICLES_PER_WORKER,
    ) as pool:
        futures: list[tuple[int, Future[Outcome]]] = [
            (len(group), pool.submit(_run_group, _articles(project, group), group))
            for group in groups
        ]
        for size, future in futures:
            written, failed, found = future.result()
            report.written.extend(written)
            report.failed.extend(failed)
            _add_warnings(report, warnings, found)
            done += size
            if progress:
                progress(done, total)
    return warnings


Outcome = tuple[list[str], list[Diagnostic], dict[str, list[Diagnostic]]]
"""What running some jobs gave: outputs written, failures, each job's warnings."""


def _run(builder: Builder, jobs: Sequence[Job]) -> Outcome:
    report = BuildReport()
    found: dict[str, list[Diagnostic]] = {}
    for job in jobs:
        before = len(report.warnings)
        builder.run([job], report)
        found[job.output] = report.warnings[before:]
    return report.written, report.failed, found


def _add_warnings(
    report: BuildReport, warnings: dict[str, list[Diagnostic]], found: dict[str, list[Diagnostic]]
) -> None:
    for output, items in found.items():
        report.warnings.extend(items)
        warnings[output] = items


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        # Imported once in the fork server, so each worker starts with them loaded.
        context.set_forkserver_preload(["engine.build", "engine.render_pdf", "weasyprint"])
        return context
    return multiprocessing.get_context("spawn")


# --- inside a worker -----------------------------------------------------------------------

_project: Project | None = None


def _start_worker(project: Project, warm_pdf: bool) -> None:
    global _project
    _project = project
    if warm_pdf:
        try:
            from .render_pdf import _weasyprint, font_config
        except ImportError:  # pragma: no cover - PDF stage not installed
            return
        _weasyprint()
        font_config()


def _run_group(articles: list[Article], jobs: list[Job]) -> Outcome:
    assert _project is not None, "worker not initialised"
    project = dataclasses.replace(
        _project,
        articles={a.slug: a for a in articles if a.locale == _project.config.default_locale},
        translations={
            (a.slug, a.locale): a for a in articles if a.locale != _project.config.default_locale
        },
    )
    return _run(Builder(project), jobs)
