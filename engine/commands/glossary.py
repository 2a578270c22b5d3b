"""Help for glossary writers: ``plainly glossary lint|coverage|suggest``."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from engine.build.article import Builder
from engine.build.jobs import terms_used
from engine.errors import Diagnostic, Location, relative_path
from engine.load.project import GLOSSARY_FILE
from engine.load.settings import find_root, load_config, load_glossaries
from engine.readability.findings import is_abbreviation, is_jargon
from engine.readability.scores import language_of
from engine.readability.segment import split_unit
from engine.readability.variant import units
from engine.schema.glossary import GlossaryTerm
from engine.source.located import load_yaml
from engine.validate.editions import load_project


def _where(term: GlossaryTerm, root: Path) -> Location:
    return term.location or Location(relative_path(root / GLOSSARY_FILE))


def _stem(form: str) -> str:
    """A form without a plural ending, to catch "dose"/"doses" given to two terms."""
    lower = form.lower()
    for suffix in ("ies", "es", "s"):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            return lower[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return lower


def lint(project_dir: Path | None) -> list[Diagnostic]:
    """Problems a glossary can have that still load: each with a location and hint."""
    root = find_root(project_dir)
    config = load_config(root)
    problems: list[Diagnostic] = []
    for glossary in load_glossaries(root, config.locales).values():
        entries = list(glossary.terms.values())
        stems: dict[str, GlossaryTerm] = {}
        for entry in entries:
            where = _where(entry, root)
            if not entry.definition.strip() or not entry.plain.strip():
                problems.append(
                    Diagnostic(where, f"'{entry.term}' has an empty plain wording or definition",
                               "write a short plain definition")
                )  # fmt: skip
            pattern = glossary.matcher.pattern
            inside = pattern.search(entry.plain) if pattern else None
            if inside and glossary.matcher.forms.get(inside.group(0).lower()) != entry.key:
                problems.append(
                    Diagnostic(
                        where,
                        f"the plain wording of '{entry.term}' uses the glossary term "
                        f"'{inside.group(0)}'",
                        "plain wording replaces jargon: use words that are not glossary terms",
                        "warning",
                    )
                )
            for form in entry.all_forms:
                other = stems.get(_stem(form))
                # Singular and plural may be separate terms on purpose, when their plain
                # wordings are the singular and plural of each other too.
                paired = other is not None and _stem(other.plain) == _stem(entry.plain)
                if other is not None and other.key != entry.key and not paired:
                    problems.append(
                        Diagnostic(
                            where,
                            f"'{form}' ({entry.term}) and a form of '{other.term}' are "
                            "inflections of the same word with different plain wordings",
                            "give the inflections one term, or make their plain wordings agree",
                            "warning",
                        )
                    )
                stems.setdefault(_stem(form), entry)
    problems.extend(_duplicates(root))
    return problems


def _duplicates(root: Path) -> Iterator[Diagnostic]:
    """The same term written twice (the loader merges them silently by key)."""

    path = root / GLOSSARY_FILE
    if not path.is_file():
        return
    data = load_yaml(path, relative_path(path))
    for locale, entries in data.items():
        seen: dict[str, int] = {}
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            term = entry.get("term") if isinstance(entry, dict) else None
            if not isinstance(term, str):
                continue
            key = re.sub(r"[^\w]+", "-", term.lower()).strip("-")
            if key in seen:
                yield Diagnostic(
                    entry.location if hasattr(entry, "location") else Location(str(path)),
                    f"'{term}' is in the {locale} glossary twice (entries {seen[key] + 1} "
                    f"and {index + 1})",
                    "keep one entry and merge their forms",
                )
            seen.setdefault(key, index)


@dataclass
class Coverage:
    used: dict[str, list[str]] = field(default_factory=dict)
    """Article slug -> glossary terms it uses."""

    unused: list[str] = field(default_factory=list)
    """Glossary terms no checked article uses."""


def coverage(project_dir: Path | None, slugs: Sequence[str] = ()) -> Coverage:
    project = load_project(project_dir, slugs)
    glossary = project.glossary(project.config.default_locale)
    result = Coverage()
    for slug, article in project.articles.items():
        result.used[slug] = [glossary.terms[k].term for k in terms_used(article)]
    everywhere = {term for terms in result.used.values() for term in terms}
    result.unused = [t.term for t in glossary.terms.values() if t.term not in everywhere]
    return result


def format_coverage(result: Coverage) -> str:
    lines = [
        f"{slug}: {len(terms)} term(s): {', '.join(terms)}" for slug, terms in result.used.items()
    ]
    lines.append(f"Unused: {', '.join(result.unused) if result.unused else 'none'}")
    return "\n".join(lines)


@dataclass
class Suggestion:
    word: str
    count: int
    location: Location | None


def suggest(project_dir: Path | None, slugs: Sequence[str] = ()) -> list[Suggestion]:
    """Words that look like jargon in any variant and that the glossary does not cover."""
    project = load_project(project_dir, slugs)
    builder = Builder(project)
    found: dict[str, Suggestion] = {}
    for slug, article in project.articles.items():
        language = language_of(article.locale)
        for variant in builder.variants(slug, article.locale).values():
            for section in variant.sections:
                for unit in units(section):
                    for sentence in split_unit(unit):
                        for word in sentence.words:
                            if word.glossary or word.quantity:
                                continue
                            key = word.text.lower()
                            if is_abbreviation(word) or is_jargon(word.text, language):
                                entry = found.setdefault(
                                    key, Suggestion(word.text, 0, sentence.location)
                                )
                                entry.count += 1
    return sorted(found.values(), key=lambda s: (-s.count, s.word.lower()))


def format_suggestions(suggestions: Sequence[Suggestion]) -> str:
    if not suggestions:
        return "No uncovered jargon found."
    lines = [
        f"{s.location or '?'}: {s.word} ({s.count} use{'s' if s.count != 1 else ''})"
        for s in suggestions
    ]
    lines.append(f"{len(suggestions)} candidate(s): add them to glossary.yaml or reword.")
    return "\n".join(lines)
