"""Load and validate a content project: configuration, profiles, glossary, articles.

Everything is read and checked before anything is rendered. Problems in the
configuration, the profiles or the glossary stop the load (every article
depends on them); a bad article is reported and left out, and the others
still build.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol
from pydantic import BaseModel, TypeAdapter, ValidationError

from .errors import Diagnostic, InputError, Location, relative_path
from .factlock import check_facts
from .glossary import Glossary
from .inline import Citation, NumberFormat, Token, walk
from .schema import (
    SLUG,
    ArticleSource,
    AudienceProfile,
    Block,
    Callout,
    GetHelp,
    GlossaryTerm,
    Image,
    ListItem,
    ParseContext,
    ProjectConfig,
    Section,
    VariantText,
)
from .source import LocatedDict, LocatedStr, load_yaml, locate_path

CONFIG_FILE = "plainly.yaml"
GLOSSARY_FILE = "glossary.yaml"
PROFILES_DIR = "variants"
ARTICLES_DIR = "articles"
ALWAYS_SHOWN = ("caution",)
"""Callout kinds that must reach every audience unless the source says why not."""


@dataclass(frozen=True)
class Audience:
    """An audience profile, by name."""

    name: str
    profile: AudienceProfile
    path: Path


@dataclass(frozen=True)
class Article:
    """A validated article source in one locale."""

    slug: str
    locale: str
    path: Path
    display: str
    source: ArticleSource
    content_hash: str
    """Hash of everything but the review state: what an approval approves."""

    raw_hash: str
    """Hash of the file's bytes: what incremental builds compare."""

    @property
    def approved(self) -> bool:
        review = self.source.review
        return review.state == "approved" and review.approved_hash == self.content_hash


@dataclass
class Project:
    """A content project, loaded and validated."""

    root: Path
    config: ProjectConfig
    audiences: dict[str, Audience]
    glossaries: dict[str, Glossary]
    articles: dict[str, Article] = field(default_factory=dict)
    translations: dict[tuple[str, str], Article] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    """Errors in articles that were left out."""

    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def output_dir(self) -> Path:
        return (self.root / self.config.output).resolve()

    @property
    def asset_dir(self) -> Path:
        return (self.root / self.config.assets).resolve()

    def glossary(self, locale: str) -> Glossary:
        return self.glossaries.get(locale) or Glossary.build(locale, [])

    def display(self, path: Path) -> str:
        return relative_path(path)

    def article(self, slug: str, locale: str | None = None) -> Article | None:
        if locale is None or locale == self.config.default_locale:
            return self.articles.get(slug)
        return self.translations.get((slug, locale))


def number_format(locale: str) -> NumberFormat:
    tag = locale.replace("-", "_")
    return NumberFormat(get_decimal_symbol(tag), get_group_symbol(tag))


# --- schema errors as diagnostics ----------------------------------------------------------

_HINTS = {
    "missing": "add it",
    "literal_error": "use one of the values listed",
    "bool_type": "write true or false",
    "int_type": "write a whole number",
    "int_parsing": "write a whole number",
    "date_from_datetime_parsing": "write the date as YYYY-MM-DD",
    "date_type": "write the date as YYYY-MM-DD",
    "list_type": "write a list, one `- item` a line",
    "dict_type": "write a mapping of `name: value` lines",
    "string_type": "write it as text (quote it if it looks like a number or date)",
    "string_pattern_mismatch": "check the format",
}


def _model_fields(model: type[BaseModel] | None) -> list[str]:
    return list(model.model_fields) if model is not None else []


def schema_diagnostics(
    error: ValidationError, data: Any, display: str, model: type[BaseModel] | None = None
) -> list[Diagnostic]:
    """Turn every pydantic error into a located diagnostic with a hint."""
    found: list[Diagnostic] = []
    for item in error.errors(include_url=False):
        context: dict[str, Any] = dict(item.get("ctx") or {})
        path = list(item["loc"])
        if "at_key" in context:
            path.append(context["at_key"])
        kind = item["type"]
        at_key = kind in ("extra_forbidden", "unknown_audience")
        where = locate_path(data, path, Location(display), at_key=at_key)
        node = _node_at(data, path)
        if "offset" in context and isinstance(node, LocatedStr):
            where = node.locate(str(context.get("raw", "")), int(context["offset"]))
        name = next((str(p) for p in reversed(item["loc"]) if isinstance(p, str)), "value")
        message = str(item["msg"])
        hint = str(context.get("hint", "")) or _HINTS.get(kind, "")
        if kind == "extra_forbidden":
            message = f"unknown field '{name}'"
            parent = _node_at(data, path[:-1])
            allowed = _allowed_fields(parent, model, path)
            close = difflib.get_close_matches(name, allowed, n=1)
            hint = (
                f"did you mean '{close[0]}'?" if close else f"allowed fields: {', '.join(allowed)}"
            )
        elif kind == "missing":
            message = f"missing field '{name}'"
        elif kind == "union_tag_invalid":
            message = f"unknown block type '{context.get('tag')}'"
            close = difflib.get_close_matches(str(context.get("tag")), _BLOCK_TYPES, n=1)
            hint = (
                f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(_BLOCK_TYPES)}"
            )
        elif kind == "union_tag_not_found":
            message = "block has no `type`"
            hint = f"add `type:` with one of: {', '.join(_BLOCK_TYPES)}"
        elif kind == "literal_error":
            message = f"'{_node_at(data, path)}' is not allowed for '{name}': {message.lower()}"
        elif not message.startswith(("'", "text", "a ", "an ", "row")) and kind not in ("inline",):
            message = f"'{name}': {message[:1].lower()}{message[1:]}"
        found.append(Diagnostic(where, message, hint))
    return found


_BLOCK_TYPES = ["paragraph", "list", "callout", "get_help", "table", "image"]


def _node_at(data: Any, path: Sequence[int | str]) -> Any:
    current = data
    for part in path:
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
    return current


def _allowed_fields(
    parent: Any, model: type[BaseModel] | None, path: Sequence[int | str]
) -> list[str]:
    # Guess the model from the block's `type` or the path; good enough for a hint.
    from . import schema

    if isinstance(parent, dict) and parent.get("type") in _BLOCK_TYPES:
        kinds: dict[str, type[BaseModel]] = {
            "paragraph": schema.Paragraph,
            "list": schema.ListBlock,
            "callout": schema.Callout,
            "get_help": schema.GetHelp,
            "table": schema.Table,
            "image": schema.Image,
        }
        return [f for f in _model_fields(kinds[parent["type"]]) if f != "type"] + ["type"]
    keys = [p for p in path if isinstance(p, str)]
    parent_key = keys[-2] if len(keys) >= 2 else None
    nested: dict[str | None, type[BaseModel]] = {
        "sections": schema.Section,
        "review": schema.Review,
        "references": schema.Reference,
        "items": schema.ListItem,
        "call_clinic": schema.ListItem,
        "call_emergency": schema.ListItem,
        "clinic": schema.Clinic,
        "translation_of": schema.TranslationOf,
    }
    return _model_fields(nested.get(parent_key, model))


def _validate(model: Any, data: Any, display: str, context: ParseContext | None = None) -> Any:
    adapter = model if isinstance(model, TypeAdapter) else None
    try:
        if adapter is not None:
            return adapter.validate_python(data, context=context)
        return model.model_validate(data, context=context)
    except ValidationError as error:
        target = model if isinstance(model, type) else None
        raise InputError(schema_diagnostics(error, data, display, target)) from None


# --- loading -------------------------------------------------------------------------------


def find_root(project: Path | None) -> Path:
    root = (project or Path.cwd()).resolve()
    if not (root / CONFIG_FILE).is_file():
        where = relative_path(root / CONFIG_FILE)
        raise InputError(
            [
                Diagnostic(
                    Location(where),
                    "no plainly.yaml here: this is not a Plainly content project",
                    "run inside a content project, pass --project DIR, or create one with "
                    "`plainly init DIR`",
                )
            ]
        )
    return root


def load_config(root: Path) -> ProjectConfig:
    path = root / CONFIG_FILE
    display = relative_path(path)
    data = load_yaml(path, display)
    config: ProjectConfig = _validate(ProjectConfig, data, display)
    problems = []
    for index, tag in enumerate(config.locales):
        try:
            Locale.parse(tag.replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            problems.append(
                Diagnostic(
                    locate_path(data, ["locales", index], Location(display)),
                    f"'{tag}' is not a known locale",
                    "use a tag such as en-US or es-US",
                )
            )
    if problems:
        raise InputError(problems)
    return config


def load_profiles(root: Path, locales: Sequence[str]) -> dict[str, Audience]:
    folder = root / PROFILES_DIR
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        raise InputError(
            [
                Diagnostic(
                    Location(relative_path(folder)),
                    "no audience profiles found",
                    "add variants/<audience>.yaml files, or run `plainly init`",
                )
            ]
        )
    raw: dict[str, tuple[Path, LocatedDict]] = {}
    problems: list[Diagnostic] = []
    for path in files:
        display = relative_path(path)
        if not SLUG.match(path.stem):
            problems.append(
                Diagnostic(
                    Location(display),
                    f"'{path.stem}' is not a valid audience name",
                    "name profiles with lowercase letters, digits and hyphens",
                )
            )
            continue
        try:
            raw[path.stem] = (path, load_yaml(path, display))
        except InputError as error:
            problems.extend(error.diagnostics)
    audiences: dict[str, Audience] = {}
    for name, (path, data) in raw.items():
        display = relative_path(path)
        merged: dict[str, Any] = {}
        chain = [name]
        current = data
        while isinstance(current.get("extends"), str):
            base = str(current["extends"])
            if base in chain or base not in raw:
                reason = (
                    "profiles extend each other in a cycle"
                    if base in chain
                    else f"no profile '{base}'"
                )
                problems.append(
                    Diagnostic(
                        current.key_location("extends"),
                        f"cannot extend '{base}': {reason}",
                        f"profiles: {', '.join(sorted(raw))}",
                    )
                )
                break
            chain.append(base)
            current = raw[base][1]
        for link in reversed(chain):
            merged.update(
                {k: v for k, v in raw[link][1].items() if k != "extends"} if link in raw else {}
            )
        located = LocatedDict(merged)
        located.source, located.start, located.end = data.source, data.start, data.end
        located.key_starts = {**data.key_starts}
        try:
            profile = _validate(AudienceProfile, located, display)
            audiences[name] = Audience(name, profile, path)
        except InputError as error:
            problems.extend(error.diagnostics)
    for audience in audiences.values():
        for locale in audience.profile.targets:
            if locale not in locales:
                problems.append(
                    Diagnostic(
                        Location(relative_path(audience.path)),
                        f"targets for '{locale}', which plainly.yaml does not list",
                        f"configured locales: {', '.join(locales)}",
                        severity="warning",
                    )
                )
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(errors)
    return dict(sorted(audiences.items(), key=lambda item: (item[1].profile.order, item[0])))


def load_glossaries(root: Path, locales: Sequence[str]) -> dict[str, Glossary]:
    path = root / GLOSSARY_FILE
    display = relative_path(path)
    if not path.is_file():
        return {locale: Glossary.build(locale, []) for locale in locales}
    data = load_yaml(path, display)
    entries: dict[str, list[GlossaryTerm]] = _validate(
        TypeAdapter(dict[str, list[GlossaryTerm]]), data, display
    )
    problems: list[Diagnostic] = []
    glossaries: dict[str, Glossary] = {}
    for locale, terms in entries.items():
        if locale not in locales:
            problems.append(
                Diagnostic(
                    data.key_location(locale),
                    f"glossary for '{locale}', which plainly.yaml does not list",
                    f"configured locales: {', '.join(locales)}",
                )
            )
            continue
        owners: dict[str, str] = {}
        for index, term in enumerate(terms):
            for form in term.all_forms:
                other = owners.get(form.lower())
                if other is not None and other != term.key:
                    problems.append(
                        Diagnostic(
                            locate_path(data, [locale, index], Location(display)),
                            f"'{form}' belongs to both '{other}' and '{term.term}'",
                            "a form may belong to one term only: remove it from one of them",
                        )
                    )
                owners[form.lower()] = term.key
        glossaries[locale] = Glossary.build(locale, terms)
        for index, term in enumerate(terms):
            cycle = glossaries[locale].plain_cycle(term.key)
            if cycle:
                problems.append(
                    Diagnostic(
                        locate_path(data, [locale, index, "plain"], Location(display)),
                        f"plain wordings lead in a circle: {' -> '.join(cycle)}",
                        "write each plain wording in everyday words, not other glossary terms",
                    )
                )
    if problems:
        raise InputError(problems)
    for locale in locales:
        glossaries.setdefault(locale, Glossary.build(locale, []))
    return glossaries


def content_hash(data: Any) -> str:
    """A hash of an article's content, review state left out."""
    body = {k: v for k, v in data.items() if k != "review"} if isinstance(data, dict) else data
    encoded = json.dumps(body, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def load_article(
    path: Path,
    slug: str,
    locale: str,
    glossary: Glossary,
    audiences: Mapping[str, Audience],
    assets: Path,
) -> tuple[Article, list[Diagnostic]]:
    """One article and its warnings; errors raise InputError."""
    display = relative_path(path)
    data = load_yaml(path, display)
    context = ParseContext(glossary.matcher, number_format(locale), frozenset(audiences))
    source: ArticleSource = _validate(ArticleSource, data, display, context)
    problems = list(check_article(source, display, audiences, assets))
    problems.extend(check_facts(slug, display, source, audiences))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(errors)
    raw_hash = hashlib.sha256(path.read_bytes()).hexdigest()
    article = Article(slug, locale, path, display, source, content_hash(data), raw_hash)
    return article, [p for p in problems if p.severity != "error"]


def article_paths(root: Path, locale: str, default_locale: str) -> Iterator[Path]:
    folder = root / ARTICLES_DIR
    if locale != default_locale:
        folder = folder / locale
    if folder.is_dir():
        yield from sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def load_project(project: Path | None = None, slugs: Sequence[str] = ()) -> Project:
    """Read and validate a whole content project (or only the named articles)."""
    result = load_settings(project)
    files, result.problems = catalogue(result, slugs)
    for slug, paths in files.items():
        load_editions(result, slug, paths)
    return result


def load_settings(project: Path | None = None) -> Project:
    """A project's configuration, profiles and glossaries: what every article depends on."""
    root = find_root(project)
    config = load_config(root)
    audiences = load_profiles(root, config.locales)
    glossaries = load_glossaries(root, config.locales)
    return Project(root, config, audiences, glossaries)


ArticleFiles = dict[str, Path]
"""One article's source files by locale: the original and its translations."""


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
                        "name articles with lowercase letters, digits and hyphens, like "
                        "`vitamin-d-k2.yaml`",
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


def load_editions(project: Project, slug: str, files: ArticleFiles) -> None:
    """Load one article's original and translations into ``project``, checking each
    translation against the original; bad ones are left out as problems."""
    from .translation import check_translation

    for locale, path in files.items():
        try:
            article, warnings = load_article(
                path, slug, locale, project.glossary(locale), project.audiences, project.asset_dir
            )
        except InputError as error:
            project.problems.extend(error.diagnostics)
            continue
        project.warnings.extend(warnings)
        if locale == project.config.default_locale:
            project.articles[slug] = article
        else:
            project.translations[(slug, locale)] = article
    original = project.articles.get(slug)
    for locale in files:
        translation = project.translations.get((slug, locale))
        if original is None or translation is None:
            continue  # the original's own errors are reported already
        found = check_translation(original, translation)
        project.warnings.extend(d for d in found if d.severity != "error")
        errors = [d for d in found if d.severity == "error"]
        if errors:
            project.problems.extend(errors)
            del project.translations[(slug, locale)]


# --- cross-checks the schema cannot express ------------------------------------------------


def iter_blocks(sections: Sequence[Section]) -> Iterator[tuple[Section, Block]]:
    for section in sections:
        for block in section.blocks:
            yield section, block
        yield from iter_blocks(section.sections)


def iter_sections(sections: Sequence[Section]) -> Iterator[Section]:
    for section in sections:
        yield section
        yield from iter_sections(section.sections)


def _texts(value: Any) -> Iterator[Token]:
    """Every token of every text in a model, for checks that look at all of them."""
    if isinstance(value, VariantText):
        yield from walk(value.default)
        for tokens in value.overrides.values():
            yield from walk(tokens)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            if isinstance(item, Token):
                yield from walk([item])
            else:
                yield from _texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)


def check_article(
    source: ArticleSource, display: str, audiences: Mapping[str, Audience], assets: Path
) -> Iterator[Diagnostic]:
    fallback = Location(display)
    seen: dict[str, Location] = {}
    for section in iter_sections(source.sections):
        for node in [section, *section.blocks]:
            node_id = node.id
            where = node.location or fallback
            if node_id in seen:
                yield Diagnostic(
                    where,
                    f"duplicate id '{node_id}' (first used at line {seen[node_id].line})",
                    "give every section and block an id of its own",
                )
            seen.setdefault(node_id, where)
    keys = {reference.key for reference in source.references}
    cited: set[str] = set()
    for token in _texts(source):
        if isinstance(token, Citation):
            for key in token.keys:
                cited.add(key)
                if key not in keys:
                    close = difflib.get_close_matches(key, sorted(keys), n=1)
                    yield Diagnostic(
                        token.location or fallback,
                        f"citation '{key}' has no reference",
                        f"did you mean '{close[0]}'?"
                        if close
                        else "add it under `references`, or check the spelling",
                    )
    reference_keys: dict[str, Location] = {}
    for reference in source.references:
        where = reference.location or fallback
        if reference.key in reference_keys:
            yield Diagnostic(
                where, f"duplicate reference key '{reference.key}'", "keys must be unique"
            )
        reference_keys[reference.key] = where
        if reference.url and not reference.url.startswith(("https://", "http://")):
            yield Diagnostic(
                where, f"reference url '{reference.url}' is not a web address", "use https://"
            )
    for key, where in reference_keys.items():
        if key not in cited:
            yield Diagnostic(
                where,
                f"reference '{key}' is never cited",
                "cite it as [@" + key + "] or remove it",
                "warning",
            )
    for key in source.disclaimers:
        if key != "all" and key not in audiences:
            yield Diagnostic(
                fallback,
                f"disclaimer for unknown audience '{key}'",
                f"audiences: all, {', '.join(audiences)}",
            )
    yield from _check_limits(source, display, audiences, assets)


def _limited(node: Any) -> Iterator[Any]:
    yield node
    for name in ("items", "call_clinic", "call_emergency", "blocks", "sections"):
        for child in getattr(node, name, []) or []:
            yield from _limited(child)


def _check_limits(
    source: ArticleSource, display: str, audiences: Mapping[str, Audience], assets: Path
) -> Iterator[Diagnostic]:
    fallback = Location(display)
    for section in source.sections:
        for node in _limited(section):
            where = node.location or fallback
            limit = node.audiences
            if limit is None:
                continue
            for name in limit:
                if name not in audiences:
                    close = difflib.get_close_matches(name, list(audiences), n=1)
                    yield Diagnostic(
                        where,
                        f"limited to audience '{name}', which has no profile",
                        f"did you mean '{close[0]}'?" if close else f"add variants/{name}.yaml",
                    )
            must_reach = isinstance(node, GetHelp) or (
                isinstance(node, Callout) and node.kind in ALWAYS_SHOWN
            )
            if must_reach and set(audiences) - set(limit) and not node.omit_reason:
                yield Diagnostic(
                    where,
                    f"{'caution' if isinstance(node, Callout) else 'get_help'} block '{node.id}' "
                    f"is kept from {', '.join(sorted(set(audiences) - set(limit)))}",
                    "cautions and 'when to get help' reach every audience: remove `audiences`, "
                    "or give `omit_reason`",
                )
    for _section, block in iter_blocks(source.sections):
        if isinstance(block, Image):
            target = (assets / block.src).resolve()
            where = block.location or fallback
            if not target.is_relative_to(assets):
                yield Diagnostic(
                    where,
                    f"image '{block.src}' is outside the asset folder",
                    "put images in assets/",
                )
            elif not target.is_file():
                yield Diagnostic(
                    where, f"image '{block.src}' does not exist", "check the path under assets/"
                )


__all__ = ["Article", "Audience", "ListItem", "Project", "load_project"]
