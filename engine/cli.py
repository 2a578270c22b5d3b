"""The ``plainly`` command line: parse options, call the engine, report.

This is the one place where engine errors become messages and exit codes:
0 success, 1 invalid input or a failed check, 2 bad usage.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from engine.build.jobs import FORMATS
from engine.build.run import RunOptions
from engine.build.run import build as run_build
from engine.build.workers import default_workers
from engine.build.writer import write_atomic
from engine.commands.approve import approve as record_approval
from engine.commands.check import STDIN, check_paths, format_table, to_json
from engine.commands.glossary import coverage, format_coverage, format_suggestions, lint, suggest
from engine.commands.init import create_project
from engine.commands.render import handouts as render_handouts
from engine.commands.render import render_one
from engine.commands.serve import serve as run_preview
from engine.errors import (
    Diagnostic,
    InputError,
    PlainlyError,
    UsageError,
    environment_message,
    escape_unsafe,
)
from engine.readability.scores import is_missed_target
from engine.schema.reference import reference
from engine.validate.editions import load_project

F = TypeVar("F", bound=Callable[..., Any])


def project_option(command: F) -> F:
    return click.option(
        "--project",
        "project_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Content project folder (default: the current folder).",
    )(command)


def output_option(command: F) -> F:
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write to FILE (atomically) instead of standard output.",
    )(command)


def write_output(data: str | bytes, output: Path | None) -> None:
    """Write a command's result to a file atomically, or text to standard output."""
    if output is None:
        click.echo(data, nl=False)
        return

    write_atomic(output.resolve().parent, output.name, data)


def report_diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    errors = warnings = 0
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)
        if diagnostic.severity == "error":
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def engine_errors(command: F) -> F:
    """Translate the engine's exceptions into messages and exit codes."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InputError as error:
            errors, _ = report_diagnostics(error.diagnostics)
            click.echo(
                f"{errors} error{'s' if errors != 1 else ''}; nothing was written.", err=True
            )
            sys.exit(1)
        except UsageError as error:
            raise click.UsageError(str(error)) from None
        except PlainlyError as error:
            click.echo(escape_unsafe(f"error: {error}"), err=True)
            sys.exit(1)
        except OSError as error:  # the machine, not the sources: a full disk, say
            click.echo(environment_message(error), err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted; files already written are complete.", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException):
            raise
        except Exception as error:  # a bug: still a message, never a traceback
            click.echo(
                f"internal error: {type(error).__name__}: {error}. This is a bug in Plainly: "
                "please report it with the command you ran.",
                err=True,
            )
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plainly")
def cli() -> None:
    """Plainly: one trustworthy medical article for every reader.

    Renders structured articles into clinician, patient and caregiver pages
    and handouts, checks reading levels, and keeps every number the same.
    """


class _ProgressBar:
    """A progress bar on standard error, counting articles, shown only on a terminal and
    for builds of several articles (each takes seconds once handouts are made)."""

    def __init__(self, minimum: int = 5):
        self.minimum = minimum
        self.bar: Any = None
        self.shown = 0

    def update(self, done: int, total: int) -> None:
        if self.bar is None:
            if total < self.minimum or not sys.stderr.isatty():
                return
            self.bar = click.progressbar(
                length=total, label="Building articles", file=sys.stderr, show_pos=True
            )
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


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
    help="Judge stale content as of this date, YYYY-MM-DD (default: today).",
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
    bar = _ProgressBar()
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


@cli.command()
@project_option
@click.argument("articles", nargs=-1)
@engine_errors
def validate(project_dir: Path | None, articles: Sequence[str]) -> None:
    """Check configuration, profiles, glossary and articles; write nothing."""

    project = load_project(project_dir, articles)
    errors, warnings = report_diagnostics([*project.problems, *project.warnings])
    checked = len(project.articles) + len(project.translations)
    click.echo(
        f"Checked {checked} article file(s), {len(project.audiences)} profile(s), glossary "
        f"and plainly.yaml: {errors} error(s), {warnings} warning(s)."
    )
    if errors:
        sys.exit(1)


@cli.command()
@project_option
@click.argument("article")
@click.option("--reviewer", required=True, help="Name of the clinician who approved it.")
@click.option(
    "--date",
    "date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date of the approval, YYYY-MM-DD (default: today).",
)
@engine_errors
def approve(
    project_dir: Path | None, article: str, reviewer: str, date: dt.datetime | None
) -> None:
    """Record that REVIEWER approved ARTICLE as it stands now.

    Writes only the article's `review:` state (reviewer, date and the hash of
    the approved content); every other byte of the file is kept. Editing the
    text afterwards makes it "changed since approval" until approved again.
    """

    done = record_approval(project_dir, article, reviewer, date.date() if date else None)
    click.echo(
        f"Approved {done.display}: reviewed by {done.reviewer} on {done.date.isoformat()} "
        f"(content {done.content_hash[:12]})."
    )


@cli.command()
@project_option
@click.argument("paths", nargs=-1)
@click.option("--audience", default=None, help="Judge drafts (and articles) for this audience.")
@click.option("--locale", default=None, help="Locale of .txt/.md drafts (default: the project's).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of a table.")
@engine_errors
def check(
    project_dir: Path | None,
    paths: Sequence[str],
    audience: str | None,
    locale: str | None,
    as_json: bool,
) -> None:
    """Score reading level against each audience's targets, with findings to fix.

    PATHS are article sources (.yaml), drafts (.txt, .md) or - for standard
    input; with none, every article of the project. Exit status 1 when a
    target is missed or an input is invalid.
    """

    stdin = sys.stdin.read() if STDIN in paths else None
    outcome = check_paths(paths, project_dir, audience, locale, stdin)
    report_diagnostics(outcome.problems)
    click.echo(to_json(outcome) if as_json else format_table(outcome))
    if not outcome.ok:
        sys.exit(1)


@cli.group()
def glossary() -> None:
    """Help for glossary writers: lint, coverage and suggestions."""


@glossary.command("lint")
@project_option
@engine_errors
def glossary_lint(project_dir: Path | None) -> None:
    """Duplicate terms, replacements that are glossary terms, empty definitions, collisions."""

    errors, warnings = report_diagnostics(lint(project_dir))
    click.echo(f"Glossary: {errors} error(s), {warnings} warning(s).")
    if errors:
        sys.exit(1)


@glossary.command("coverage")
@project_option
@click.argument("articles", nargs=-1)
@engine_errors
def glossary_coverage(project_dir: Path | None, articles: Sequence[str]) -> None:
    """Which glossary terms each article uses, and which terms no article uses."""

    click.echo(format_coverage(coverage(project_dir, articles)))


@glossary.command("suggest")
@project_option
@click.argument("articles", nargs=-1)
@engine_errors
def glossary_suggest(project_dir: Path | None, articles: Sequence[str]) -> None:
    """Jargon in the articles that the glossary lacks, with plain alternatives where known."""

    click.echo(format_suggestions(suggest(project_dir, articles)))


@cli.command()
@project_option
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--drafts/--no-drafts", default=True, show_default=True, help="Preview unapproved articles."
)
@engine_errors
def serve(project_dir: Path | None, port: int, drafts: bool) -> None:
    """Preview the site on 127.0.0.1; rebuild and reload the page when sources change."""

    def built(report: Any, error: PlainlyError | None) -> None:
        if error is not None:
            if isinstance(error, InputError):
                report_diagnostics(error.diagnostics)
            else:
                click.echo(f"error: {error}", err=True)
            return
        report_diagnostics(report.failed)
        click.echo(f"Built {len(report.written)} files ({len(report.failed)} error(s)).")

    def ready(address: str) -> None:
        click.echo(f"Serving {address} (press Ctrl+C to stop)", err=False)

    try:
        run_preview(project_dir, port, drafts, built, ready)
    except KeyboardInterrupt:
        click.echo("Stopped.")


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@engine_errors
def init(directory: Path) -> None:
    """Create a new content project in DIRECTORY, ready to build."""

    created = create_project(directory)
    for path in created:
        click.echo(f"created {path}")
    click.echo(f"Next: cd {directory} && plainly build")


@cli.command()
def schema() -> None:
    """Print the reference of every source field (articles, profiles, glossary, config)."""

    click.echo(reference(), nl=False)


def main(argv: Sequence[str] | None = None) -> None:
    cli.main(args=list(argv) if argv is not None else None, prog_name="plainly")


if __name__ == "__main__":  # pragma: no cover
    main()
