"""Every block of one article in every audience and language, next to each other.

For writers and reviewers: one row per block, one column per (language,
audience). Glossary substitutions are marked (the term the source wrote is in
the mark's title), each block shows its fact-lock status (the fact-lock
problems that name it, from :func:`~engine.validate.facts.check_facts` and
:func:`~engine.validate.facts.lost_blocks`), and each section shows its score
in every column. The article is loaded without the gate the build applies, so
the page is written when the fact lock fails: that is when a writer needs it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape

from engine.adapt.glossary_pass import GlossedTerm
from engine.adapt.variant import Node, Variant, adapt
from engine.errors import Diagnostic, InputError
from engine.inline.tokens import Citation, Emphasis, Link, Token, walk
from engine.load.articles import catalogue, load_article
from engine.load.project import Article, Project
from engine.load.settings import load_settings
from engine.readability.scores import headline_formula
from engine.readability.variant import classified_units, variant_scores
from engine.render.environment import environment
from engine.validate.adapted import audience_problems
from engine.validate.facts import check_facts
from engine.validate.reach import lost_blocks, reach_problems
from engine.validate.translation import check_translation

_BLOCK = re.compile(r"(?:block |of |lost [\w ]+ )'([^']+)'")
"""Where a fact-lock message names its block: "block 'x'", "wording of 'x'", "lost caution 'x'"."""


@dataclass
class Row:
    """One block (or a section heading) across every column."""

    id: str
    section: bool
    cells: list[Markup | None] = field(default_factory=list)
    """HTML per column; None where the block does not reach that audience."""

    problems: list[str] = field(default_factory=list)
    """Fact-lock messages that name this block (empty: the fact lock holds for it)."""


@dataclass
class SideBySide:
    slug: str
    columns: list[tuple[str, str]]
    """(locale, audience) per column."""

    rows: list[Row]
    unplaced: list[str]
    """Problems (loading or fact lock) that name no block shown here."""


def load(root: Path | None, slug: str) -> tuple[Project, list[Variant], list[Diagnostic]]:
    """Every edition's variants of one article, and its fact-lock problems, ungated."""
    project = load_settings(root)
    files, problems = catalogue(project, [slug])
    variants: list[Variant] = []
    editions: dict[str, Article] = {}
    for locale, path in files.get(slug, {}).items():
        try:
            article = load_article(path, slug, locale, project.glossary(locale), project.audiences)
        except InputError as error:
            problems.extend(error.diagnostics)
            continue
        editions[locale] = article
        source, display = article.source, article.display
        problems.extend(check_facts(slug, display, source, project.audiences))
        problems.extend(reach_problems(slug, display, source.sections, project.audiences))
        problems.extend(audience_problems(project, article))
        for audience in project.audiences.values():
            variant = adapt(project, article, audience)
            problems.extend(lost_blocks(variant))
            variants.append(variant)
    original = editions.get(project.config.default_locale)
    for translation in editions.values():
        if original is not None and translation is not original:
            problems.extend(check_translation(original, translation))
    return project, variants, problems


def side_by_side(
    slug: str, variants: Sequence[Variant], problems: Sequence[Diagnostic]
) -> SideBySide:
    columns = [(v.locale, v.audience.name) for v in variants]
    rows: dict[str, Row] = {}
    for index, variant in enumerate(variants):
        results = {r.section: r for r in variant_scores(variant)}
        formula = headline_formula(variant.locale)
        for section, block in _walk(variant.sections):
            if section is not None:
                row = rows.setdefault(section.id, Row(section.id, True))
                result = results.get(section.id)
                score = result.scores.get(formula) if result else None
                verdict = "" if result is None or result.passed is None else (
                    " pass" if result.passed else " MISS")  # fmt: skip
                heading = _html(section.fields.get("title") or ())
                shown = f"{score:g}" if score is not None else "–"
                cell = Markup(f"<strong>{heading}</strong><br><small>{escape(formula)} "
                              f"{shown}{verdict}</small>")  # fmt: skip
            else:
                assert block is not None
                row = rows.setdefault(block.id, Row(block.id, False))
                cell = _block_html(block)
            row.cells += [None] * (index - len(row.cells))
            row.cells.append(cell)
    for row in rows.values():
        row.cells += [None] * (len(columns) - len(row.cells))
    unplaced = []
    for problem in problems:
        match = _BLOCK.search(problem.message)
        named = match.group(1) if match else None
        if named is not None and named in rows:
            rows[named].problems.append(f"{problem.location}: {problem.message}")
        else:
            unplaced.append(f"{problem.location}: {problem.message}")
    return SideBySide(slug, columns, list(rows.values()), unplaced)


def _walk(sections: Sequence[Node]) -> list[tuple[Node | None, Node | None]]:
    found: list[tuple[Node | None, Node | None]] = []
    for section in sections:
        found.append((section, None))
        found += [(None, block) for block in section.blocks]
        found += _walk(section.sections)
    return found


def _block_html(block: Node) -> Markup:
    parts = [_html(tokens) for _, tokens in classified_units(block)]
    return Markup("<br>").join(parts)


def _html(tokens: Sequence[Token]) -> Markup:
    out: list[str] = []
    for token in walk(tokens):
        if isinstance(token, GlossedTerm):
            title = escape(f"glossary: {token.surface} → {token.shown}")
            css = "glossed" if token.substituted else "term"
            out.append(f'<mark class="{css}" title="{title}">{escape(token.plain())}</mark>')
        elif not isinstance(token, Citation | Link | Emphasis):  # containers: children follow
            out.append(str(escape(token.plain())))
    return Markup("".join(out))


def render_side_by_side(root: Path | None, slug: str) -> str:
    """The side-by-side page of one article (loaded fresh, fact lock or not)."""
    project, variants, problems = load(root, slug)
    table = side_by_side(slug, variants, problems)
    env = environment(project, None, project.config.default_locale)
    return env.get_template("side_by_side.html").render(page=table)
