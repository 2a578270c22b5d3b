"""Building articles one at a time: in this process, or in a pool of worker processes.

The unit of work is one article with all its editions: a worker loads it,
checks it, adapts each variant once for all of its pages, handouts and
reports, runs the jobs whose inputs changed and sends back a small summary
(what it wrote, what failed, the input hashes for the manifest, the lines the
site-wide pages need). Nothing else of the article outlives its turn, so
memory stays flat however large the library is. Each worker receives the
project's configuration, profiles and glossary once, imports WeasyPrint and
builds its font configuration once, and is replaced after a bounded number of
articles. ``--jobs 1`` builds in the calling process, or, for a library larger
than a worker's lifetime, in one worker that is replaced in the same way.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from engine.build.article import ArticleBuild, Selection, build_article_contained
from engine.build.manifest import InputHasher, Manifest
from engine.build.session import Session
from engine.load.project import ArticleFiles, Project
from engine.render.pdf.fetcher import _weasyprint, font_config

ARTICLES_PER_WORKER = 40
"""A worker is replaced after this many articles (``max_tasks_per_child``)."""


Progress = Callable[[int, int], None]
"""Called with (articles done, articles in all) as articles finish."""


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def recorded_by_slug(manifest: Manifest) -> dict[str, Manifest]:
    """What the manifest recorded, split by article, so each worker gets only its own."""
    split: dict[str, Manifest] = {}

    def part(slug: str) -> Manifest:
        return split.setdefault(slug, Manifest(manifest.path, manifest.root))

    for output, entry in manifest.jobs.items():
        parts = str(entry.get("key", "")).split(":")
        if len(parts) > 1:
            part(parts[1]).jobs[output] = entry
    for slug, record in manifest.articles.items():
        part(slug).articles[slug] = record
    return split


def run_articles(
    project: Project,
    files: Mapping[str, ArticleFiles],
    selection: Selection,
    session: Session,
    workers: int = 1,
    progress: Progress | None = None,
) -> list[ArticleBuild]:
    """Build each article, in catalogue order whatever the number of workers."""
    recorded = recorded_by_slug(session.lookup)
    nothing = Manifest(session.lookup.path, session.lookup.root)
    tasks = [(slug, paths, recorded.get(slug, nothing)) for slug, paths in files.items()]
    results: list[ArticleBuild] = []
    # One worker process, replaced like the others, once a library is larger than what
    # a worker builds in its life: rendering leaves some memory behind in the process.
    if len(tasks) <= 1 or (workers <= 1 and len(tasks) <= ARTICLES_PER_WORKER):
        hasher = InputHasher(project.root, project.glossaries, selection.world)
        outcomes: Iterator[ArticleBuild] = (
            build_article_contained(project, slug, paths, selection, entries, hasher)
            for slug, paths, entries in tasks
        )
        for outcome in outcomes:
            results.append(outcome)
            if progress:
                progress(len(results), len(tasks))
        return results
    # multiprocessing's Pool, not concurrent.futures: on Python 3.11 to 3.13 a
    # ProcessPoolExecutor with max_tasks_per_child stops replacing workers and hangs
    # once they have all reached the limit (CPython gh-115634).
    with _context().Pool(
        processes=min(workers, len(tasks)),
        initializer=_start_worker,
        initargs=(project, selection.jobs and "pdf" in selection.formats, selection.world),
        maxtasksperchild=ARTICLES_PER_WORKER,
    ) as pool:
        for outcome in pool.imap(_build_article, [(selection, *task) for task in tasks]):
            results.append(outcome)
            if progress:
                progress(len(results), len(tasks))
    return results


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        # Imported once in the fork server, so each worker starts with them loaded.
        context.set_forkserver_preload(
            ["engine.build.article", "engine.render.pdf.handout", "weasyprint"]
        )
        return context
    return multiprocessing.get_context("spawn")


_project: Project | None = None


_hasher: InputHasher | None = None


def _start_worker(project: Project, warm_pdf: bool, world: str) -> None:
    global _project, _hasher
    _project = project
    _hasher = InputHasher(project.root, project.glossaries, world)
    if warm_pdf:
        _weasyprint()
        font_config()


def _build_article(task: tuple[Selection, str, ArticleFiles, Manifest]) -> ArticleBuild:
    assert _project is not None and _hasher is not None, "worker not initialised"
    selection, slug, files, recorded = task
    return build_article_contained(_project, slug, files, selection, recorded, _hasher)
