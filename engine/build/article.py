"""Building one article: its editions loaded and checked, its jobs run, what it gave recorded."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any

from engine.adapt.variant import MEDIA
from engine.build.builder import Builder, BuildReport
from engine.build.jobs import FORMATS, Job, plan, publishable
from engine.build.manifest import WORLD, InputHasher, Manifest, article_record, shard_of
from engine.errors import Diagnostic, Location, relative_path
from engine.load.project import (
    CONFIG_FILE,
    ArticleFiles,
    Project,
)
from engine.readability.scores import missed_targets, summary_line
from engine.readability.variant import summarize
from engine.site.pages import Listing, listings
from engine.validate.editions import load_editions
from engine.validate.reach import lost_blocks
from engine.validate.review import held_back, stale_warning
from engine.validate.translation import editions


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

    world: str = ""
    """The digest of everything but articles and the glossary (see manifest.WORLD)."""


@dataclass
class ArticleBuild:
    """What building one article (all its editions) gave: small enough to keep a
    whole library's worth, so that only one article is in memory at a time."""

    slug: str
    report: BuildReport = field(default_factory=BuildReport)
    jobs: list[Job] = field(default_factory=list)
    hashes: dict[str, dict[str, str]] = field(default_factory=dict)
    job_warnings: dict[str, list[Diagnostic]] = field(default_factory=dict)
    jobs_failed: bool = False
    listings: list[Listing] = field(default_factory=list)
    record: dict[str, Any] | None = None
    """For the manifest: what this clean build gave and from what (None: read it next time)."""

    published: tuple[str, ...] | None = None
    """The locales whose editions this build publishes, whatever it was asked to make
    (none when the original fails its checks); None when taken from the manifest. What an
    earlier build published of the others is withdrawn."""


def build_article_contained(
    settings: Project,
    slug: str,
    files: ArticleFiles,
    selection: Selection,
    recorded: Manifest,
    hasher: InputHasher,
) -> ArticleBuild:
    """:func:`build_article`, where a bug met in one article fails that article alone.

    The machine's faults (a full disk) are not the article's: they stop the build."""
    try:
        return build_article(settings, slug, files, selection, recorded, hasher)
    except OSError:
        raise
    except Exception as error:
        first = next(iter(files.values()))
        outcome = ArticleBuild(slug, published=())  # what it built before is withdrawn
        outcome.report.failed.append(
            Diagnostic(
                Location(relative_path(first)),
                f"internal error while building this article: {type(error).__name__}: {error}",
                "this is a bug in Plainly: please report it with this article; "
                "the other articles were built",
            )
        )
        return outcome


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

    sources = [str(path.relative_to(settings.root)) for path in files.values()]
    if selection.key:
        found = recorded.reusable(slug, selection.key, sources, hasher, settings.output_dir)
        if found is not None:
            return _reused(slug, *found)
    project = dataclasses.replace(settings, articles={}, translations={}, problems=[], warnings=[])
    load_editions(project, slug, files)
    outcome = ArticleBuild(slug, published=())
    report = outcome.report
    report.failed.extend(project.problems)
    report.warnings.extend(project.warnings)
    original = project.articles.get(slug)
    if original is None:
        return outcome  # an edition that fails its checks is not in its approved form
    report.articles = 1
    published = publishable(project, selection.drafts)
    if not selection.drafts:
        report.warnings.extend(held_back(project, slug))
    if warning := stale_warning(original, project.config, selection.today):
        report.warnings.append(warning)
    builder = Builder(project, selection.today)
    # The fact lock on the adapted variants: an article that lost a caution is not built.
    for article, medium in itertools.product(published, MEDIA):
        for variant in builder.variants(article.slug, article.locale, medium).values():
            lost = lost_blocks(variant)
            report.failed.extend(lost)
            if lost:
                published = []
    outcome.published = tuple(
        locale for _article, locale, _prefix in editions(project, published, (), selection.drafts)
    )
    if published and selection.jobs:
        _run_jobs(project, builder, selection, recorded, hasher, outcome, files)
    if published:
        outcome.listings = listings(project, original, builder.variants, selection.drafts)
    _readability(builder, report)
    if selection.key and outcome.jobs and not report.failed:
        outcome.record = _record(project, files, selection.key, hasher, outcome)
    return outcome


def _readability(builder: Builder, report: BuildReport) -> None:
    """One line per page variant; a warning per page or handout that misses its target
    (the handout is read on its own: what prints is held to the same targets)."""
    results = summarize(v for v in builder.all() if v.medium == "web")
    report.readability = [summary_line(result) for result in results]
    report.warnings.extend(missed_targets(results))
    on_paper = summarize(v for v in builder.all() if v.medium == "print")
    report.warnings.extend(
        missed_targets(dataclasses.replace(r, audience=f"{r.audience} handout") for r in on_paper)
    )


def _run_jobs(
    project: Project,
    builder: Builder,
    selection: Selection,
    recorded: Manifest,
    hasher: InputHasher,
    outcome: ArticleBuild,
    files: ArticleFiles,
) -> None:
    """Plan one article's jobs and run those whose inputs changed since they last ran.

    Besides its declared inputs, each job depends on every file of its article (a
    translation's page shows whether the original changed since) and on the world."""

    report = outcome.report
    jobs = plan(
        project, selection.audiences, selection.formats, selection.drafts, selection.locales
    )
    if selection.shard is not None:
        k, n = selection.shard
        jobs = [job for job in jobs if shard_of(job.key, n) == k]
    outcome.jobs = jobs
    failed_before = len(report.failed)
    # The world holds the build date: a page whose review falls overdue is rebuilt then.
    common = [*(str(path.relative_to(project.root)) for path in files.values()), WORLD]
    for job in jobs:
        inputs = hasher.inputs([*job.inputs, *common])
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

    sources = [str(path.relative_to(project.root)) for path in files.values()]
    profiles = [str(a.path.relative_to(project.root)) for a in project.audiences.values()]
    folders = [f"listing:{name}" for name in ("variants", "templates", project.config.assets)]
    vocabularies = [f"vocabulary:{locale}" for locale in files]
    inputs = hasher.inputs([*sources, *profiles, CONFIG_FILE, *folders, *vocabularies, WORLD])
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

    report = BuildReport(
        warnings=warnings,
        unchanged=list(record["outputs"]),
        articles=1,
        readability=list(record["readability"]),
    )
    listings = [Listing.from_json(data) for data in record["listings"]]
    return ArticleBuild(slug, report=report, listings=listings, record=record)
