"""An article's editions loaded with every check the schema cannot express.

An edition that fails one is left out as a problem, and the others still build.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from engine.errors import Diagnostic, InputError
from engine.load.articles import article_paths, catalogue, read_article
from engine.load.project import Article, ArticleFiles, Project
from engine.load.settings import load_settings
from engine.validate.adapted import audience_problems
from engine.validate.approval import approval_gaps
from engine.validate.article import check_article
from engine.validate.facts import check_facts
from engine.validate.paper import handout_problems
from engine.validate.reach import reach_problems
from engine.validate.translation import check_translation


def _checked(
    project: Project, slug: str, locale: str, path: Path
) -> tuple[Article, list[Diagnostic], frozenset[str] | None]:
    """One edition and every problem of its own (errors and warnings), and None; or, for a
    file that fails its schema, the parts that parse, the schema errors with what the fact
    lock finds in those parts (so one run shows both), and the ids of the blocks and
    sections something was taken out of. InputError when nothing of the file parses."""
    glossary = project.glossary(locale)
    article, errors, left_out = read_article(path, slug, locale, glossary, project.audiences)
    source, display = article.source, article.display
    facts = check_facts(slug, display, source, project.audiences)
    if errors:
        return article, [*errors, *facts, *audience_problems(project, article)], left_out
    default = project.config.default_locale
    slugs = {path.stem for path in article_paths(project.root, default, default)}
    problems = list(check_article(source, display, project.audiences, project.asset_dir, slugs))
    problems.extend(facts)
    problems.extend(reach_problems(slug, display, source.sections, project.audiences))
    problems.extend(audience_problems(project, article))
    problems.extend(handout_problems(project, article))
    return article, problems, None


def checked_article(
    project: Project, slug: str, locale: str, path: Path
) -> tuple[Article, list[Diagnostic]]:
    """One edition and its warnings, once it passes the cross-checks and the fact lock;
    errors raise InputError."""
    article, problems, _left_out = _checked(project, slug, locale, path)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(errors)
    return article, problems


def load_editions(project: Project, slug: str, files: ArticleFiles) -> None:
    """Load one article's original and translations into ``project``, checking each
    translation against the original; bad ones are left out as problems. A translation
    whose own wordings fail is still compared with the original, so one run reports both;
    so is the part that parses of an edition that fails its schema (see :func:`_checked`)."""
    failed: dict[str, Article] = {}
    partial: dict[str, frozenset[str]] = {}
    for locale, path in files.items():
        try:
            article, found, left_out = _checked(project, slug, locale, path)
        except InputError as error:
            project.problems.extend(error.diagnostics)
            continue
        project.warnings.extend(d for d in found if d.severity != "error")
        errors = [d for d in found if d.severity == "error"]
        project.problems.extend(errors)
        if left_out is not None:
            partial[locale] = left_out
        if errors:
            failed[locale] = article
            continue
        gaps, unreadable = approval_gaps(project, article)
        project.problems.extend(unreadable)
        article = dataclasses.replace(article, unapproved=tuple(gaps))
        if locale == project.config.default_locale:
            project.articles[slug] = article
        else:
            project.translations[(slug, locale)] = article
    default = project.config.default_locale
    original = project.articles.get(slug) or failed.get(default)
    for locale in files:
        translation = project.translations.get((slug, locale)) or failed.get(locale)
        if original is None or translation is None or locale == default:
            continue  # the original's own errors are reported already
        taken = [partial[edition] for edition in (default, locale) if edition in partial]
        left_out = frozenset[str]().union(*taken)
        found = check_translation(original, translation, left_out)
        project.warnings.extend(d for d in found if d.severity != "error")
        errors = [d for d in found if d.severity == "error"]
        if errors:
            project.problems.extend(errors)
            project.translations.pop((slug, locale), None)


def load_project(project: Path | None = None, slugs: Sequence[str] = ()) -> Project:
    """Read and check a whole content project (or only the named articles)."""
    result = load_settings(project)
    files, found = catalogue(result, slugs)
    result.problems.extend(found)  # after the glossary's refused entries, if any
    for slug, paths in files.items():
        load_editions(result, slug, paths)
    return result
