"""The fact lock on paper: a handout leaves whole blocks off, never a fact the lock keeps.

A handout is its audience's variant with what the writer (`media: [web]`) or the profile
(`print_leaves_out`) leaves off paper taken out (:func:`engine.adapt.variant.adapt`).
Cautions, "when to get help", tables and locked blocks always print. Any other block left
off paper may hold only facts the audience's wording could leave out anyway (study
statistics its profile may omit) or facts the handout prints elsewhere ("less than 500
mcg a day" in the dosing table); a dose, duration or value it would lose is an error at
the block.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from engine.adapt.variant import Node, Variant, adapt, reaches_page
from engine.errors import Diagnostic, Location
from engine.inline.facts import Fact
from engine.load.project import Article, Project
from engine.schema.article import Section
from engine.schema.text import VariantText
from engine.schema.walk import iter_blocks, iter_sections, iter_texts
from engine.validate.adapted import shown_quantities
from engine.validate.facts import fact_key, rules_for


def _printed(value: Any, locale: str) -> Iterator[Fact]:
    """Every fact an adapted value shows: nodes, lists and token runs, all the way down."""
    if isinstance(value, Node):
        for field in value.fields.values():
            yield from _printed(field, locale)
    elif isinstance(value, list):
        for item in value:
            yield from _printed(item, locale)
    elif isinstance(value, tuple):
        yield from (fact_key(q.fact) for q in shown_quantities(value, locale))


def _on_paper(handout: Variant) -> set[Fact]:
    texts: list[Any] = [handout.title, handout.bottom_line, handout.sections, handout.disclaimers]
    return set(_printed(texts, handout.locale))


def _left_off_blocks(handout: Variant) -> Iterator[Any]:
    """The source blocks the audience's page shows and its handout leaves off."""
    audience = handout.audience.name
    sections = handout.article.source.sections
    by_id: dict[str, Any] = {s.id: s for s in iter_sections(sections)}
    by_id.update((block.id, block) for _section, block in iter_blocks(sections))
    for node_id in dict.fromkeys(handout.left_off):
        node = by_id.get(node_id)
        if isinstance(node, Section):
            yield from _page_blocks(node, audience)
        elif node is not None and reaches_page(node, audience):
            yield node


def _page_blocks(section: Section, audience: str) -> Iterator[Any]:
    if not reaches_page(section, audience):
        return
    yield from (b for b in section.blocks if reaches_page(b, audience))
    for child in section.sections:
        yield from _page_blocks(child, audience)


def facts_left_off(handout: Variant) -> list[Diagnostic]:
    """A located error for each fact the lock keeps that a handout leaves off paper."""
    audience = handout.audience
    printed: set[Fact] | None = None
    problems: list[Diagnostic] = []
    for block in _left_off_blocks(handout):
        rules = rules_for(block, audience.profile.may_omit)
        lost: list[str] = []
        for at in iter_texts(block):
            text = at.text
            tokens = text.for_audience(audience.name) if isinstance(text, VariantText) else text
            for quantity in shown_quantities(tokens, handout.locale):
                if rules.omissible(quantity):
                    continue
                if printed is None:
                    printed = _on_paper(handout)
                if fact_key(quantity.fact) not in printed:
                    lost.append(f"{quantity.raw} ({quantity.kind})")
        if lost:
            problems.append(_left_off(handout, block, lost))
    return problems


def _left_off(handout: Variant, block: Any, lost: list[str]) -> Diagnostic:
    article = handout.article
    return Diagnostic(
        block.location or Location(article.display),
        f"the {handout.audience.name} handout of {article.slug} ({handout.locale}) leaves "
        f"'{block.id}' off paper, and with it {', '.join(lost)}, which its page states",
        "a fact the lock keeps goes on paper: give the block `media: [web, print]` (or its "
        "section, when the profile's `print_leaves_out` leaves the section off: its blocks "
        "print only with it), or state the fact in a block that prints",
    )


def handout_problems(project: Project, article: Article) -> list[Diagnostic]:
    """The fact lock on paper, for every audience's handout of one article."""
    return [
        problem
        for audience in project.audiences.values()
        for problem in facts_left_off(adapt(project, article, audience, "print"))
    ]
