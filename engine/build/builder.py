"""Running jobs against a loaded project: each job's renderer, its file written, its failure reported."""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound

from engine.adapt.variant import Variant, adapt
from engine.build.jobs import Job
from engine.build.writer import write_atomic
from engine.errors import Diagnostic, InputError, Location, PlainlyError, UsageError, relative_path
from engine.load.project import (
    Project,
)
from engine.render.html import render_landing, render_variant
from engine.render.pdf.handout import render
from engine.render.report import render_report
from engine.schema.article import Medium


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


class Builder:
    """Runs jobs against a loaded project, caching variants between jobs."""

    def __init__(self, project: Project, today: dt.date | None = None):
        self.project = project
        self.today = today
        """The build date: pages and handouts judge review currency at it."""
        self._variants: dict[tuple[str, str, str, str], Variant] = {}
        self.warnings: list[Diagnostic] = []
        """Warnings from jobs that still wrote their file (a handout over its page budget)."""

    def variant(self, slug: str, audience: str, locale: str, medium: Medium = "web") -> Variant:
        key = (slug, audience, locale, medium)
        if key not in self._variants:
            article = self.project.article(slug, locale)
            if article is None:
                raise UsageError(f"no article '{slug}' in {locale}")
            profile = self.project.audiences[audience]
            self._variants[key] = adapt(self.project, article, profile, medium, self.today)
        return self._variants[key]

    def all(self) -> list[Variant]:
        """Every variant made so far, pages and handouts, in the order they were made."""
        return list(self._variants.values())

    def variants(self, slug: str, locale: str, medium: Medium = "web") -> dict[str, Variant]:
        """Every audience's variant of an article, on one medium."""
        return {name: self.variant(slug, name, locale, medium) for name in self.project.audiences}

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
            except (ArithmeticError, LookupError, TypeError, ValueError) as error:
                # Raised inside a template override ({{ 1/0 }}): that override's fault,
                # located there; only the jobs that use it fail.
                found = template_frame(error)
                if found is None:
                    raise
                report.failed.append(template_diagnostic(error, job, found))
                continue
            report.written.append(job.output)
        report.warnings.extend(self.warnings)
        self.warnings.clear()


def template_frame(error: BaseException) -> tuple[str, int] | None:
    """The template file and line an error was raised at, if it was raised in one.

    Jinja rewrites tracebacks so that template frames name the template's file."""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if not frame.filename.endswith(".py") and Path(frame.filename).is_file()
    ]
    if not frames:
        return None
    return frames[-1].filename, frames[-1].lineno or 1


def template_diagnostic(
    error: Exception, job: Job, frame: tuple[str, int] | None = None
) -> Diagnostic:
    """A broken template override, reported at its file and line."""
    name = getattr(error, "filename", None)
    line = getattr(error, "lineno", None)
    if name is None:
        # Errors met while rendering (an include that is not found) carry no file of their own.
        name, line = frame or template_frame(error) or (None, None)
    name = name or getattr(error, "name", None) or "template"
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    if isinstance(error, TemplateNotFound):
        message = f"no template '{error.name}' inside the template folders"
    elif not isinstance(error, TemplateError):
        message = f"{type(error).__name__}: {message}"
    return Diagnostic(
        Location(relative_path(Path(name)), line or 1),
        f"template error while building {job.key}: {message}",
        "fix the template override, or remove it to use the default",
    )


def _page(builder: Builder, job: Job) -> bytes:
    variant = builder.variant(job.slug, job.audience, job.locale)
    return render_variant(builder.project, variant).encode()


def _landing(builder: Builder, job: Job) -> bytes:
    variants = builder.variants(job.slug, job.locale)
    return render_landing(builder.project, job.slug, variants).encode()


def _pdf(builder: Builder, job: Job) -> bytes:
    variant = builder.variant(job.slug, job.audience, job.locale, "print")
    handout = render(builder.project, variant, large_print=job.kind == "pdf-large")
    builder.warnings.extend(handout.warnings)
    return handout.pdf


def _report(builder: Builder, job: Job) -> bytes:
    return render_report(builder.project, builder.variants(job.slug, job.locale)).encode()


RENDERERS: dict[str, Callable[[Builder, Job], bytes]] = {
    "page": _page,
    "landing": _landing,
    "pdf": _pdf,
    "pdf-large": _pdf,
    "report": _report,
}
