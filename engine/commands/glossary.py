"""Help for glossary writers: ``plainly glossary lint|coverage|suggest``."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from engine.adapt.glossary_pass import GlossedTerm
from engine.build.builder import Builder
from engine.build.jobs import terms_used
from engine.errors import Diagnostic, InputError, Location, relative_path
from engine.inline.tokens import Quantity, Text, Token, walk
from engine.load.project import GLOSSARY_FILE
from engine.load.settings import find_root, load_config, load_glossaries
from engine.readability.findings import is_abbreviation, is_jargon
from engine.readability.scores import language_of
from engine.readability.segment import split_unit
from engine.readability.variant import classified_units, units
from engine.schema.glossary import GlossaryTerm
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
            problems.extend(_definition_problems(entry, where))
    problems.extend(_broken_sentences(project_dir))
    return problems


_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|el|la|los|las|un|una)\s+", re.IGNORECASE)


DETERMINERS = frozenset(
    ["the", "a", "an", "your", "my", "his", "her", "their", "our", "its", "this", "that",
     "these", "those", "some", "any", "el", "la", "los", "las", "un", "una", "unos", "unas",
     "su", "sus", "mi", "mis", "este", "esta", "estos", "estas"]
)  # fmt: skip
"""Words that take no second determiner after them: "your the blood thinner" breaks."""


def _bare(text: str) -> str:
    """Lowercase, spaces collapsed, a leading article dropped: for comparing wordings."""
    return _LEADING_ARTICLE.sub("", " ".join(text.lower().split()))


def _definition_problems(entry: GlossaryTerm, where: Location) -> Iterator[Diagnostic]:
    """A definition that repeats the link text, or explains a term by itself (circular)."""
    definition = _bare(entry.definition)
    wordings = [*entry.all_forms, entry.plain, *(i.plain for i in entry.inflections)]
    shown = [_bare(w) for w in wordings if _bare(w)]
    repeated = next((w for w in shown if definition.startswith(w)), None)
    if repeated is not None:
        yield Diagnostic(
            where,
            f"the definition of '{entry.term}' repeats its link text ('{repeated}')",
            "readers see the term or its plain wording beside the definition: say what it "
            "is or does in other words",
            "warning",
        )
        return
    inside = next(
        (w for w in _circular_wordings(entry) if re.search(rf"\b{re.escape(w)}\b", definition)),
        None,
    )
    if inside is not None:
        yield Diagnostic(
            where,
            f"the definition of '{entry.term}' is circular: it uses '{inside}'",
            "define the term without the term or its plain wording",
            "warning",
        )
    for plain in [entry.plain, *(i.plain for i in entry.inflections)]:
        if re.search(r"[.!?;]\s|[.!?;]$", plain):
            yield Diagnostic(
                where,
                f"the plain wording '{plain}' of '{entry.term}' ends or splits a sentence",
                "plain wording stands where the term stood: write a phrase, not a sentence",
                "warning",
            )


def _circular_wordings(entry: GlossaryTerm) -> list[str]:
    """What a definition must not use: the term's forms, and its plain wordings of two or more
    words, whole or with the term taken out ("blood thinner" of "the blood thinner warfarin").

    A one-word plain wording ("heart" for coronary) may well appear in a good definition.
    """
    forms = [_bare(f) for f in entry.all_forms]
    found = list(forms)
    for plain in [entry.plain, *(i.plain for i in entry.inflections)]:
        bare = _bare(plain)
        for form in forms:
            bare_without = " ".join(re.sub(rf"\b{re.escape(form)}\b", " ", bare).split())
            if bare_without != bare and len(bare_without.split()) >= 2:
                found.append(bare_without)
        if len(bare.split()) >= 2:
            found.append(bare)
    return [w for w in found if w]


def _broken_sentences(project_dir: Path | None) -> Iterator[Diagnostic]:
    """Places where a plain wording, put in for the term, makes the sentence ungrammatical."""
    try:
        project = load_project(project_dir, [])
    except InputError:
        return  # `plainly validate` reports the articles' own problems
    builder = Builder(project)
    reported: set[tuple[str, str]] = set()
    for slug, article in project.articles.items():
        for variant in builder.variants(slug, article.locale).values():
            texts = [variant.title, variant.bottom_line]
            texts += [unit for section in variant.sections for _, unit in classified_units(section)]
            for unit in texts:
                for problem in _clashes(unit):
                    key = (problem.message, str(problem.location))
                    if key not in reported:
                        reported.add(key)
                        yield problem


def _clashes(tokens: Sequence[Token]) -> Iterator[Diagnostic]:
    previous = ""
    for token in walk(tokens):
        if isinstance(token, GlossedTerm) and token.substituted:
            before = previous.split()[-1].lower() if previous.split() else ""
            first = token.shown.split()[0].lower()
            clash = before in DETERMINERS and first in DETERMINERS
            wrong_article = (before == "a" and first[:1] in "aeiou") or (
                before == "an" and first[:1] not in "aeiouh"
            )
            if clash or wrong_article:
                yield Diagnostic(
                    token.location or Location(GLOSSARY_FILE),
                    f"'{before} {token.shown}': the plain wording of '{token.entry.term}' "
                    "breaks this sentence",
                    "reword the sentence, or give the entry a plain wording that fits here "
                    "(inflections can give a form its own)",
                    "warning",
                )
        if isinstance(token, Text | GlossedTerm | Quantity):
            previous = token.plain()


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
