"""A project's settings: ``plainly.yaml``, the audience profiles and the glossaries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from pydantic import TypeAdapter

from engine.errors import Diagnostic, InputError, Location, relative_path
from engine.load.approvals import read_glossary_approvals
from engine.load.diagnostics import _validate
from engine.load.folders import folder_problems, locale_problems
from engine.load.glossary import Glossary, RefusedEntry, fact_problems
from engine.load.project import (
    CONFIG_FILE,
    GLOSSARY_FILE,
    PROFILES_DIR,
    Audience,
    Project,
    number_format,
)
from engine.schema.base import SLUG
from engine.schema.config import ProjectConfig
from engine.schema.glossary import GlossaryTerm
from engine.schema.profile import AudienceProfile
from engine.source.located import LocatedDict, load_yaml, locate_path


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


def load_config(root: Path, output: Path | None = None) -> ProjectConfig:
    """``plainly.yaml``, checked; ``output`` is a folder given on the command line, which
    replaces the configured one."""
    path = root / CONFIG_FILE
    display = relative_path(path)
    data = load_yaml(path, display)
    config: ProjectConfig = _validate(ProjectConfig, data, display)
    problems = locale_problems(config, data, display)
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
    problems.extend(folder_problems(root, config, data, display, output))
    if problems:
        raise InputError(problems)
    if output is not None:
        return config.model_copy(update={"output": str(output.resolve())})
    return config


def load_profiles(root: Path, locales: Sequence[str]) -> dict[str, Audience]:
    """Every audience profile, each merged over the profiles it extends."""
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
    raw, problems = _read_profiles(files)
    audiences: dict[str, Audience] = {}
    for name, (path, _) in raw.items():
        try:
            merged = _extended(name, raw, problems)
            audiences[name] = Audience(
                name, _validate(AudienceProfile, merged, relative_path(path)), path
            )
        except InputError as error:
            problems.extend(error.diagnostics)
    problems.extend(_unlisted_targets(audiences, locales))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(errors)
    return dict(sorted(audiences.items(), key=lambda item: (item[1].profile.order, item[0])))


Profiles = dict[str, tuple[Path, LocatedDict]]


def _read_profiles(files: Sequence[Path]) -> tuple[Profiles, list[Diagnostic]]:
    raw: Profiles = {}
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
    return raw, problems


def _extended(name: str, raw: Profiles, problems: list[Diagnostic]) -> LocatedDict:
    """A profile's fields over those of the profiles it extends, located in its own file."""
    data = raw[name][1]
    chain = [name]
    current = data
    while isinstance(current.get("extends"), str):
        base = str(current["extends"])
        if base in chain or base not in raw:
            reason = (
                "profiles extend each other in a cycle" if base in chain else f"no profile '{base}'"
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
    merged: dict[str, Any] = {}
    for link in reversed(chain):
        merged.update({k: v for k, v in raw[link][1].items() if k != "extends"})
    located = LocatedDict(merged)
    located.source, located.start, located.end = data.source, data.start, data.end
    located.key_starts = {**data.key_starts}
    return located


def _unlisted_targets(audiences: dict[str, Audience], locales: Sequence[str]) -> list[Diagnostic]:
    return [
        Diagnostic(
            Location(relative_path(audience.path)),
            f"targets for '{locale}', which plainly.yaml does not list",
            f"configured locales: {', '.join(locales)}",
            severity="warning",
        )
        for audience in audiences.values()
        for locale in audience.profile.targets
        if locale not in locales
    ]


def _without_facts(
    data: Any,
    locale: str,
    terms: list[GlossaryTerm],
    display: str,
    refused: list[Diagnostic],
    at: list[int],
) -> tuple[list[GlossaryTerm], list[RefusedEntry]]:
    """The entries that carry no fact, and those refused; each refused one is reported
    where it is written. Articles are then checked against the valid entries, so one
    glossary error does not hide theirs, and their findings name the refused entries that
    would have applied."""
    valid = []
    left_out = []
    for index, term in enumerate(terms):
        problems = fact_problems(term, number_format(locale))
        for path, message, hint in problems:
            field_path: list[str | int] = [locale, at[index], *path]
            refused.append(
                Diagnostic(locate_path(data, field_path, Location(display)), message, hint)
            )
        if problems:
            where = locate_path(data, [locale, at[index], "term"], Location(display))
            left_out.append(RefusedEntry(term, where))
        else:
            valid.append(term)
    return valid, left_out


def _clashes(
    data: Any, locale: str, terms: list[GlossaryTerm], display: str, at: list[int]
) -> list[Diagnostic]:
    """Two entries for one term, or one form in two entries: the matcher would keep one."""
    problems: list[Diagnostic] = []
    owners: dict[str, str] = {}
    keys: dict[str, int] = {}
    for index, term in enumerate(terms):
        if term.key in keys:
            problems.append(
                Diagnostic(
                    locate_path(data, [locale, at[index], "term"], Location(display)),
                    f"'{term.term}' is in the {locale} glossary twice (entries "
                    f"{keys[term.key] + 1} and {index + 1})",
                    "keep one entry and merge their forms",
                )
            )
        keys.setdefault(term.key, index)
        for form in term.all_forms:
            other = owners.get(form.lower())
            if other is not None and other != term.key:
                problems.append(
                    Diagnostic(
                        locate_path(data, [locale, at[index]], Location(display)),
                        f"'{form}' belongs to both '{other}' and '{term.term}'",
                        "a form may belong to one term only: remove it from one of them",
                    )
                )
            owners[form.lower()] = term.key
    return problems


def _valid_entries(
    data: Any, display: str, refused: list[Diagnostic]
) -> dict[str, tuple[list[GlossaryTerm], list[int]]]:
    """Each locale's entries that pass the schema, with their places in the file's list;
    each one that does not is added to ``refused`` at its place, so that one bad entry does
    not hide the articles' errors."""
    _validate(TypeAdapter(dict[str, list[Any]]), data, display)  # the file's own shape
    entries: dict[str, tuple[list[GlossaryTerm], list[int]]] = {}
    for locale, items in data.items():
        terms, at = entries.setdefault(locale, ([], []))
        for index, item in enumerate(items):
            try:
                terms.append(_validate(GlossaryTerm, item, display))
                at.append(index)
            except InputError as error:
                refused.extend(error.diagnostics)
    return entries


def load_glossaries(
    root: Path, locales: Sequence[str], refused: list[Diagnostic] | None = None
) -> dict[str, Glossary]:
    """Each locale's glossary; entries carrying a fact are left out and added to ``refused``."""
    refused = [] if refused is None else refused
    path = root / GLOSSARY_FILE
    display = relative_path(path)
    if not path.is_file():
        return {locale: Glossary.build(locale, []) for locale in locales}
    data = load_yaml(path, display)
    entries = _valid_entries(data, display, refused)
    problems: list[Diagnostic] = []
    glossaries: dict[str, Glossary] = {}
    for locale, (terms, at) in entries.items():
        if locale not in locales:
            refused.append(
                Diagnostic(
                    data.key_location(locale),
                    f"glossary for '{locale}', which plainly.yaml does not list",
                    f"configured locales: {', '.join(locales)}",
                )
            )
            continue
        problems.extend(_clashes(data, locale, terms, display, at))
        valid, left_out = _without_facts(data, locale, terms, display, refused, at)
        at = [place for term, place in zip(terms, at, strict=True) if term in valid]
        terms = valid
        glossaries[locale] = Glossary.build(locale, terms, left_out)
        for index, term in enumerate(terms):
            cycle = glossaries[locale].plain_cycle(term.key)
            if cycle:
                problems.append(
                    Diagnostic(
                        locate_path(data, [locale, at[index], "plain"], Location(display)),
                        f"plain wordings lead in a circle: {' -> '.join(cycle)}",
                        "write each plain wording in everyday words, not other glossary terms",
                    )
                )
    if problems:
        raise InputError(problems)
    for locale in locales:
        glossaries.setdefault(locale, Glossary.build(locale, []))
    return glossaries


def check_default_audience(
    root: Path, config: ProjectConfig, audiences: Mapping[str, Audience]
) -> None:
    """``default_audience``, when it is set, must name a profile."""
    if "default_audience" not in config.model_fields_set or config.default_audience in audiences:
        return
    path = root / CONFIG_FILE
    display = relative_path(path)
    data = load_yaml(path, display)
    raise InputError(
        [
            Diagnostic(
                locate_path(data, ["default_audience"], Location(display)),
                f"default audience '{config.default_audience}' has no profile",
                f"name one of: {', '.join(audiences)}",
            )
        ]
    )


def load_settings(project: Path | None = None, config: ProjectConfig | None = None) -> Project:
    """A project's configuration, profiles and glossaries: what every article depends on;
    ``config`` when the caller has read ``plainly.yaml`` already."""
    root = find_root(project)
    config = config or load_config(root)
    audiences = load_profiles(root, config.locales)
    check_default_audience(root, config, audiences)
    refused: list[Diagnostic] = []
    glossaries = load_glossaries(root, config.locales, refused)
    loaded = Project(root, config, audiences, glossaries)
    loaded.problems.extend(refused)
    try:
        loaded.glossary_approvals = read_glossary_approvals(root)
    except InputError as error:  # then no entry counts as approved on its own
        loaded.problems.extend(error.diagnostics)
    loaded.warnings.extend(_old_names(audiences))
    return loaded


def _old_names(audiences: dict[str, Audience]) -> list[Diagnostic]:
    """`may_omit: [count]` still reads as `statistic` (its old name), with a warning."""
    return [
        Diagnostic(
            Location(relative_path(audience.path)),
            f"profile '{name}': `may_omit: [count]` is the old name of `statistic`",
            "write `may_omit: [statistic]`: only study statistics may be left out; a count "
            'of doses ("2 tablets") is a dose',
            "warning",
        )
        for name, audience in audiences.items()
        if "count" in audience.profile.may_omit
    ]
