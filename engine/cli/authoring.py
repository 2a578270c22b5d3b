"""Commands for writers and reviewers: validate, approve, diff, check, glossary, serve,
init and schema."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from engine.cli.base import (
    cli,
    engine_errors,
    project_option,
    report_diagnostics,
)
from engine.commands.approve import approve as record_approval
from engine.commands.approve import approve_glossary
from engine.commands.check import STDIN, check_paths, format_table, to_json, write_side_by_side
from engine.commands.diff import diff_article, format_diffs
from engine.commands.glossary import coverage, format_coverage, format_suggestions, lint, suggest
from engine.commands.init import create_project
from engine.commands.serve import serve as run_preview
from engine.errors import (
    InputError,
    PlainlyError,
    UsageError,
    relative_path,
)
from engine.schema.reference import reference
from engine.validate.editions import load_project
from engine.validate.review import held_back


@cli.command()
@project_option
@click.argument("articles", nargs=-1)
@engine_errors
def validate(project_dir: Path | None, articles: Sequence[str]) -> None:
    """Check configuration, profiles, glossary and articles; write nothing."""

    project = load_project(project_dir, articles)
    held = [d for slug in project.articles for d in held_back(project, slug, changed_only=True)]
    errors, warnings = report_diagnostics([*project.problems, *project.warnings, *held])
    checked = len(project.articles) + len(project.translations)
    click.echo(
        f"Checked {checked} article file(s), {len(project.audiences)} profile(s), glossary "
        f"and plainly.yaml: {errors} error(s), {warnings} warning(s)."
    )
    if errors:
        sys.exit(1)


@cli.command()
@project_option
@click.argument("names", nargs=-1, metavar="ARTICLE | --glossary [TERM]...")
@click.option("--reviewer", required=True, help="Name of the clinician who approved it.")
@click.option(
    "--date",
    "date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date of the approval, YYYY-MM-DD (default: today).",
)
@click.option("--locale", default=None, help="The edition approved (default: the project's).")
@click.option(
    "--glossary",
    "glossary",
    is_flag=True,
    help="Approve glossary entries (the TERMs named, else the whole locale's glossary).",
)
@engine_errors
def approve(
    project_dir: Path | None,
    names: Sequence[str],
    reviewer: str,
    date: dt.datetime | None,
    locale: str | None,
    glossary: bool,
) -> None:
    """Record that REVIEWER approved ARTICLE (or glossary entries) as it stands now.

    An approval covers every word a reader sees: the article's text, each
    glossary entry its variants use and the profiles' wording settings. It is
    kept in reviews/LOCALE/ARTICLE.yaml, with the approved text for `plainly
    diff`, and in the article's `review:` state; every other byte of the source
    is kept. Each translation is approved on its own (--locale). With
    --glossary, entries are approved once for every article that uses them.
    """
    day = date.date() if date else None
    if glossary:
        entries = approve_glossary(project_dir, names, reviewer, day, locale)
        click.echo(
            f"Approved {len(entries.terms)} glossary entr{'y' if len(entries.terms) == 1 else 'ies'} "
            f"({entries.locale}), reviewed by {entries.reviewer} on {entries.date.isoformat()}."
        )
        return
    if len(names) != 1:
        raise UsageError("name one article to approve, or give --glossary to approve entries")
    done = record_approval(project_dir, names[0], reviewer, day, locale)
    click.echo(
        f"Approved {done.display}: reviewed by {done.reviewer} on {done.date.isoformat()} "
        f"(content {done.content_hash[:12]}); the approved text is in {done.record}."
    )


@cli.command()
@project_option
@click.argument("article")
@click.option("--locale", "locales", multiple=True, help="Only this language (repeatable).")
@click.option("--audience", "audiences", multiple=True, help="Only this audience (repeatable).")
@engine_errors
def diff(
    project_dir: Path | None,
    article: str,
    locales: Sequence[str],
    audiences: Sequence[str],
) -> None:
    """Show what readers of ARTICLE would read now against what was approved.

    Per audience and language, a word-level diff of the text ([-removed-],
    {+added+}), the fact-lock marks included, and what the handout leaves off
    paper. Exits 1 only when the article cannot be read.
    """
    diffs, problems = diff_article(project_dir, article, locales, audiences)
    for line in format_diffs(diffs):
        click.echo(line)
    errors, _warnings = report_diagnostics(problems)
    if errors:
        sys.exit(1)


@cli.command()
@project_option
@click.argument("paths", nargs=-1)
@click.option("--audience", default=None, help="Judge drafts (and articles) for this audience.")
@click.option("--locale", default=None, help="Locale of .txt/.md drafts (default: the project's).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of a table.")
@click.option(
    "--strict-sections",
    is_flag=True,
    help="A section that misses its target fails too (profiles can ask with strict_sections).",
)
@click.option(
    "--side-by-side",
    is_flag=True,
    help="Also write reports/<slug>.side-by-side.html (every audience and language).",
)
@engine_errors
def check(
    project_dir: Path | None,
    paths: Sequence[str],
    audience: str | None,
    locale: str | None,
    as_json: bool,
    strict_sections: bool,
    side_by_side: bool,
) -> None:
    """Score reading level against each audience's targets, with findings to fix.

    PATHS are article sources (.yaml), drafts (.txt, .md) or - for standard
    input; with none, every article of the project. Exit status: 0 when every
    target is met; 1 when a whole variant misses a target (or, with
    --strict-sections or a profile's strict_sections, a section does) or an
    input is invalid; 2 for bad usage.
    """

    stdin = sys.stdin.read() if STDIN in paths else None
    outcome = check_paths(
        paths, project_dir, audience, locale, stdin, strict_sections=strict_sections
    )
    report_diagnostics(outcome.problems)
    click.echo(to_json(outcome) if as_json else format_table(outcome))
    if side_by_side:  # written even when the fact lock fails: that is when it helps most
        for written in write_side_by_side(paths, project_dir):
            click.echo(f"wrote {relative_path(written)}", err=as_json)
    if not outcome.ok:
        sys.exit(1)


@cli.group()
def glossary() -> None:
    """Help for glossary writers: lint, coverage and suggestions."""


@glossary.command("lint")
@project_option
@engine_errors
def glossary_lint(project_dir: Path | None) -> None:
    """Duplicate terms, plain wordings that are glossary terms or break a sentence, empty,
    circular or link-repeating definitions, collisions."""

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
