"""Finding a project's article files and parsing one article source into the model."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.errors import Diagnostic, InputError, Location, relative_path
from engine.i18n.formats import locale_prefix
from engine.load.diagnostics import schema_diagnostics
from engine.load.glossary import Glossary
from engine.load.project import (
    ARTICLES_DIR,
    Article,
    ArticleFiles,
    Audience,
    Project,
    content_hash,
    number_format,
)
from engine.load.salvage import salvage
from engine.schema.article import ArticleSource
from engine.schema.base import MAX_SLUG, SLUG, ParseContext
from engine.source.files import decode_bytes, read_source_bytes
from engine.source.located import parse_yaml_leniently


def load_article(
    path: Path, slug: str, locale: str, glossary: Glossary, audiences: Mapping[str, Audience]
) -> Article:
    """One article source, parsed against the schema; errors raise InputError.

    What the schema cannot express is checked by :mod:`engine.validate`.
    """
    article, errors, _left_out = read_article(path, slug, locale, glossary, audiences)
    if errors:
        raise InputError(errors)
    return article


def read_article(
    path: Path, slug: str, locale: str, glossary: Glossary, audiences: Mapping[str, Audience]
) -> tuple[Article, list[Diagnostic], frozenset[str]]:
    """One article source and its schema errors. With errors, the article holds only the
    parts that parse (:mod:`engine.load.salvage`), for the fact lock alone, and the ids of
    the blocks and sections something was taken out of; InputError when the file cannot be
    read or nothing of it parses."""
    display = relative_path(path)
    raw = read_source_bytes(path, display)
    data, unreadable = parse_yaml_leniently(decode_bytes(raw, display))
    context = ParseContext(glossary.matcher, number_format(locale), frozenset(audiences))
    raw_hash = hashlib.sha256(raw).hexdigest()  # the bytes parsed, not a second read
    try:
        source = ArticleSource.model_validate(data, context=context)
    except ValidationError as error:
        lines = {problem.location.line for problem in unreadable}
        errors = unreadable + [  # a value that could not be read is reported once
            d for d in schema_diagnostics(error, data, display, ArticleSource)
            if d.location.line not in lines
        ]  # fmt: skip
        salvaged = salvage(data, context)
        if salvaged is None:
            raise InputError(errors) from None
        part = Article(slug, locale, path, display, salvaged.source, content_hash(data), raw_hash)
        return part, errors, salvaged.left_out
    article = Article(slug, locale, path, display, source, content_hash(data), raw_hash)
    return article, unreadable, frozenset()


def article_paths(root: Path, locale: str, default_locale: str) -> Iterator[Path]:
    folder = root / ARTICLES_DIR
    if locale != default_locale:
        folder = folder / locale
    if folder.is_dir():
        yield from sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


RESERVED_SLUGS = frozenset({"assets"})
"""Folder names the site uses for itself (besides each locale's folder, such as es/)."""


def _bad_name(display: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(Location(display), message, hint)


def _name_problem(path: Path, slug: str, reserved: set[str]) -> Diagnostic | None:
    """Why a file cannot be an article of that name, or None."""
    display = relative_path(path)
    if not SLUG.match(slug):
        return _bad_name(
            display,
            f"'{path.name}' is not a valid article file name",
            "name articles with lowercase letters, digits and hyphens, at most "
            f"{MAX_SLUG} of them, like `vitamin-d-k2.yaml`",
        )
    if slug in reserved:
        return _bad_name(
            display,
            f"'{slug}' names a folder the site uses for itself",
            f"choose another file name: {', '.join(sorted(reserved))} are taken",
        )
    if path.suffix == ".yml" and path.with_suffix(".yaml").exists():
        return _bad_name(
            display,
            f"two files for article '{slug}': {slug}.yaml and {path.name}",
            "keep one of them",
        )
    return None


def _folder_problems(root: Path, config: Any) -> list[Diagnostic]:
    """Folders under articles/ that are not a configured locale other than the default."""
    folder = root / ARTICLES_DIR
    problems: list[Diagnostic] = []
    if not folder.is_dir():
        return problems
    for child in sorted(folder.iterdir()):
        if not child.is_dir() or child.name.startswith("."):
            continue
        if child.name == config.default_locale:
            problems.append(
                _bad_name(
                    relative_path(child),
                    f"folder '{child.name}' is the default locale; its files are never read",
                    f"put {config.default_locale} articles directly in articles/",
                )
            )
        elif child.name not in config.locales:
            problems.append(
                _bad_name(
                    relative_path(child),
                    f"folder '{child.name}' is not a configured locale",
                    "translations go in articles/<locale>/; configured: "
                    + ", ".join(config.locales),
                )
            )
    return problems


def catalogue(
    project: Project, slugs: Sequence[str] = ()
) -> tuple[dict[str, ArticleFiles], list[Diagnostic]]:
    """Every article's files by slug, read from the folders alone, and misplaced files.

    Nothing is parsed, so a build can load one article at a time however large the
    library is.
    """
    root, config = project.root, project.config
    reserved = set(RESERVED_SLUGS) | {
        locale_prefix(tag, config.locales, config.default_locale).strip("/")
        for tag in config.locales
        if tag != config.default_locale
    }
    files: dict[str, ArticleFiles] = {}
    problems: list[Diagnostic] = []
    wanted = set(slugs)
    for locale in config.locales:
        for path in article_paths(root, locale, config.default_locale):
            slug = path.stem
            if wanted and slug not in wanted:
                continue
            problem = _name_problem(path, slug, reserved)
            original = root / ARTICLES_DIR / f"{slug}.yaml"
            has_original = original.is_file() or original.with_suffix(".yml").is_file()
            if problem is None and locale != config.default_locale and not has_original:
                problem = _bad_name(
                    relative_path(path),
                    f"translation '{slug}' has no original articles/{slug}.yaml",
                    "name the translation after the article it translates",
                )
            if problem is not None:
                problems.append(problem)
                continue
            files.setdefault(slug, {})[locale] = path
    problems.extend(_folder_problems(root, config))
    originals = {slug for slug, found in files.items() if config.default_locale in found}
    for slug in sorted(wanted - originals):
        if not any(Path(d.location.path).stem == slug for d in problems):
            known = article_paths(root, config.default_locale, config.default_locale)
            problems.append(
                _bad_name(
                    relative_path(root / ARTICLES_DIR / f"{slug}.yaml"),
                    f"no article '{slug}'",
                    f"articles: {', '.join(p.stem for p in known)}",
                )
            )
    return files, problems
