"""Commands that make output: build, render and handouts."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from engine.build.jobs import FORMATS
from engine.build.run import RunOptions
from engine.build.run import build as run_build
from engine.build.workers import default_workers
from engine.cli.base import (
    ProgressBar,
    cli,
    engine_errors,
    output_option,
    project_option,
    report_diagnostics,
    write_output,
)
from engine.commands.render import handouts as render_handouts
from engine.commands.render import render_one
from engine.errors import (
    UsageError,
)
from engine.readability.scores import is_missed_target


def _parse_shard(
    _context: click.Context, _param: click.Parameter, value: str | None
) -> tuple[int, int] | None:
    if value is None:
        return None
    k, _, n = value.partition("/")
    if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise click.BadParameter(f"'{value}' is not K/N with 1 <= K <= N, like 1/4")
    return int(k), int(n)


@cli.command()
@project_option
@click.option(
    "--audience", "audiences", multiple=True, help="Build only this audience (repeatable)."
)
@click.option(
    "--drafts", is_flag=True, help="Also build articles not approved in their current form."
)
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Judge stale content as of this date, YYYY-MM-DD (default: today in UTC).",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["html", "pdf", "report"]),
    help="Build only this format (repeatable; default: all).",
)
@click.option(
    "--jobs",
    "-j",
    "workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the number of cores; 1 builds in this process).",
)
@click.option("--force", is_flag=True, help="Rebuild everything, even files that are up to date.")
@click.option(
    "--shard",
    default=None,
    callback=_parse_shard,
    metavar="K/N",
    help="Build only shard K of N (a stable 1/N of the jobs), not the site-wide pages.",
)
@click.option(
    "--finalize",
    is_flag=True,
    help="After sharded builds: write the site-wide pages and merge the manifests.",
)
@click.option(
    "--strict", is_flag=True, help="Fail the build when a variant misses a reading target."
)
@click.option(
    "--locale",
    "locales",
    multiple=True,
    help="Build only this locale, such as es-US (repeatable; default: every configured one).",
)
@click.option(
    "--output",
    "output_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Build into DIR instead of the configured output folder (it may be outside the project).",
)
@click.argument("articles", nargs=-1)
@engine_errors
def build(
    project_dir: Path | None,
    audiences: Sequence[str],
    drafts: bool,
    as_of: dt.datetime | None,
    formats: Sequence[str],
    workers: int | None,
    force: bool,
    shard: tuple[int, int] | None,
    finalize: bool,
    strict: bool,
    locales: Sequence[str],
    output_dir: Path | None,
    articles: Sequence[str],
) -> None:
    """Build every article (or the named ones) into the output folder.

    Only articles approved in their current form are published unless
    --drafts is given; drafts carry a DRAFT banner and are not indexed.
    Files whose inputs have not changed since the last build are kept
    (see the manifest in the output folder); --force rebuilds them all.
    """
    import time

    if shard is not None and finalize:
        raise click.UsageError("--shard and --finalize are separate steps: run them one by one")
    started = time.perf_counter()
    bar = ProgressBar()
    options = RunOptions(
        workers=workers or default_workers(),
        force=force,
        shard=shard,
        finalize=finalize,
        progress=bar.update,
        output=output_dir,
    )
    day = as_of.date() if as_of else None
    try:
        project, report = run_build(
            project_dir, articles, audiences, drafts, formats or FORMATS, day, options, locales
        )
    finally:
        bar.close()
    errors, warnings = report_diagnostics([*report.failed, *report.warnings])
    site = project.output_dir / "site"
    click.echo(
        f"Built {len(report.written)}, unchanged {len(report.unchanged)}, failed {errors}"
        + (f", removed {len(report.removed)}" if report.removed else "")
        + f" in {time.perf_counter() - started:.1f} s: {report.articles} article(s) into {site}"
        + (f"; {warnings} warning(s)" if warnings else "")
        + "."
    )

    for line in report.readability:
        click.echo(line)
    if errors or (strict and any(is_missed_target(d) for d in report.warnings)):
        sys.exit(1)


@cli.command()
@project_option
@click.argument("article")
@click.option("--audience", required=True, help="Whose variant to render.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["html", "print-html", "pdf"]),
    default="html",
    show_default=True,
    help="The page, the HTML fed to the PDF renderer, or the PDF handout.",
)
@click.option("--large-print", is_flag=True, help="Large print (print-html and pdf).")
@click.option(
    "--locale", default=None, help="Which language, such as es-US (default: the project's)."
)
@output_option
@engine_errors
def render(
    project_dir: Path | None,
    article: str,
    audience: str,
    output_format: str,
    large_print: bool,
    locale: str | None,
    output: Path | None,
) -> None:
    """Render one variant: its page, its print HTML or its PDF handout.

    HTML goes to standard output unless -o is given; a PDF needs -o FILE.
    """

    if output_format == "pdf" and output is None:
        raise UsageError("--format pdf writes a file: give -o FILE")
    data, warnings = render_one(project_dir, article, audience, locale, output_format, large_print)
    report_diagnostics(warnings)
    write_output(data, output)


@cli.command()
@project_option
@click.argument("articles", nargs=-1, required=True)
@click.option("--audience", required=True, help="Whose handouts to print.")
@click.option("--locale", default=None, help="Language of the handouts (default: the project's).")
@click.option("--large-print", is_flag=True, help="Large print: 18 pt text, one column.")
@output_option
@engine_errors
def handouts(
    project_dir: Path | None,
    articles: Sequence[str],
    audience: str,
    locale: str | None,
    large_print: bool,
    output: Path | None,
) -> None:
    """Write one PDF holding the handouts of ARTICLES, each starting on a new page."""

    if output is None:
        raise UsageError("handouts writes a PDF file: give -o FILE")
    pack = render_handouts(project_dir, articles, audience, locale, large_print)
    report_diagnostics(pack.warnings)
    write_output(pack.pdf, output)
    click.echo(f"Wrote {len(articles)} handout(s), {pack.pages} page(s), to {output}.", err=True)
