"""An article's editions loaded with every check the schema cannot express.

An edition that fails one is left out as a problem, and the others still build.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from engine.errors import Diagnostic, InputError
from engine.load.articles import article_paths, catalogue, load_article
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
) -> tuple[Article, list[Diagnostic]]:
    """One edition and every problem of its own (errors and warnings); schema errors raise
    InputError."""
    article = load_article(path, slug, locale, project.glossary(locale), project.audiences)
    source, display = article.source, article.display
    default = project.config.default_locale
    slugs = {path.stem for path in article_paths(project.root, default, default)}
    problems = list(check_article(source, display, project.audiences, project.asset_dir, slugs))
    problems.extend(check_facts(slug, display, source, project.audiences))
    problems.extend(reach_problems(slug, display, source.sections, project.audiences))
    problems.extend(audience_problems(project, article))
    problems.extend(handout_problems(project, article))
    return article, problems


def checked_article(
    project: Project, slug: str, locale: str, path: Path
) -> tuple[Article, list[Diagnostic]]:
    """One edition and its warnings, once it passes the cross-checks and the fact lock;
    errors raise InputError."""
    article, problems = _checked(project, slug, locale, path)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(errors)
    return article, problems


def load_editions(project: Project, slug: str, files: ArticleFiles) -> None:
    """Load one article's original and translations into ``project``, checking each
    translation against the original; bad ones are left out as problems. A translation
    whose own wordings fail is still compared with the original, so one run reports both."""
    failed: dict[str, Article] = {}
    for locale, path in files.items():
        try:
            article, found = _checked(project, slug, locale, path)
        except InputError as error:
            project.problems.extend(error.diagnostics)
            continue
        project.warnings.extend(d for d in found if d.severity != "error")
        errors = [d for d in found if d.severity == "error"]
        project.problems.extend(errors)
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
    original = project.articles.get(slug) or failed.get(project.config.default_locale)
    for locale in files:
        translation = project.translations.get((slug, locale)) or failed.get(locale)
        if original is None or translation is None or locale == project.config.default_locale:
            continue  # the original's own errors are reported already
        found = check_translation(original, translation)
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
