"""Finding a project's article files and parsing one article source into the model."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from engine.errors import Diagnostic, Location, relative_path
from engine.load.diagnostics import _validate
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
from engine.schema.article import ArticleSource
from engine.schema.base import MAX_SLUG, SLUG, ParseContext
from engine.source.files import decode_bytes, read_source_bytes
from engine.source.located import parse_yaml


def load_article(
    path: Path, slug: str, locale: str, glossary: Glossary, audiences: Mapping[str, Audience]
) -> Article:
    """One article source, parsed against the schema; errors raise InputError.

    What the schema cannot express is checked by :mod:`engine.validate`.
    """
    display = relative_path(path)
    raw = read_source_bytes(path, display)
    data = parse_yaml(decode_bytes(raw, display))
    context = ParseContext(glossary.matcher, number_format(locale), frozenset(audiences))
    source: ArticleSource = _validate(ArticleSource, data, display, context)
    raw_hash = hashlib.sha256(raw).hexdigest()  # the bytes parsed, not a second read
    return Article(slug, locale, path, display, source, content_hash(data), raw_hash)


def article_paths(root: Path, locale: str, default_locale: str) -> Iterator[Path]:
    folder = root / ARTICLES_DIR
    if locale != default_locale:
        folder = folder / locale
    if folder.is_dir():
        yield from sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def catalogue(
    project: Project, slugs: Sequence[str] = ()
) -> tuple[dict[str, ArticleFiles], list[Diagnostic]]:
    """Every article's files by slug, read from the folders alone, and misplaced files.

    Nothing is parsed, so a build can load one article at a time however large the
    library is.
    """
    root, config = project.root, project.config
    files: dict[str, ArticleFiles] = {}
    problems: list[Diagnostic] = []
    wanted = set(slugs)
    for locale in config.locales:
        for path in article_paths(root, locale, config.default_locale):
            slug = path.stem
            if wanted and slug not in wanted:
                continue
            display = relative_path(path)
            if not SLUG.match(slug):
                problems.append(
                    Diagnostic(
                        Location(display),
                        f"'{path.name}' is not a valid article file name",
                        "name articles with lowercase letters, digits and hyphens, at most "
                        f"{MAX_SLUG} of them, like `vitamin-d-k2.yaml`",
                    )
                )
                continue
            if (
                locale != config.default_locale
                and not (root / ARTICLES_DIR / f"{slug}.yaml").is_file()
            ):
                problems.append(
                    Diagnostic(
                        Location(display),
                        f"translation '{slug}' has no original articles/{slug}.yaml",
                        "name the translation after the article it translates",
                    )
                )
                continue
            files.setdefault(slug, {})[locale] = path
    folder = root / ARTICLES_DIR
    if folder.is_dir():
        for child in sorted(folder.iterdir()):
            if child.is_dir() and child.name == config.default_locale:
                problems.append(
                    Diagnostic(
                        Location(relative_path(child)),
                        f"folder '{child.name}' is the default locale; its files are never read",
                        f"put {config.default_locale} articles directly in articles/",
                    )
                )
            elif child.is_dir() and child.name not in config.locales:
                problems.append(
                    Diagnostic(
                        Location(relative_path(child)),
                        f"folder '{child.name}' is not a configured locale",
                        f"translations go in articles/<locale>/; configured: {', '.join(config.locales)}",
                    )
                )
    originals = {slug for slug, found in files.items() if config.default_locale in found}
    for slug in sorted(wanted - originals):
        if not any(Path(d.location.path).stem == slug for d in problems):
            problems.append(
                Diagnostic(
                    Location(relative_path(root / ARTICLES_DIR / f"{slug}.yaml")),
                    f"no article '{slug}'",
                    f"articles: {', '.join(p.stem for p in article_paths(root, config.default_locale, config.default_locale))}",
                )
            )
    return files, problems
