"""The fact lock on what each audience reads: its adapted variant, text by text.

Each audience's variant (:func:`engine.adapt.variant.adapt`: the blocks that
reach it, its own wording where it has one, then the glossary pass) is walked
beside the source, and every text is held to the ``default`` text of the same
place by :func:`engine.validate.facts.compare_facts`. The glossary pass keeps
each term a token of its own, so a measure named by a term ("INR", shown to
patients as "clotting test result") stays that measure; and whatever words the
pass shows (a plain wording, a definition) are read for facts too, so no
glossary entry can put a number on a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from engine.adapt.glossary_pass import GlossedTerm
from engine.adapt.variant import EVERY_MEDIUM, Node, Variant, adapt, reaches
from engine.errors import Diagnostic, Location
from engine.inline.qualifiers import qualifiers
from engine.inline.quantities import recognise
from engine.inline.tokens import (
    InlineError,
    Quantity,
    Text,
    Token,
    Tokens,
    first_location,
    plain_text,
    walk,
)
from engine.inline.units import CLAUSE_BREAKS, NEGATIONS
from engine.load.glossary import refusal_note
from engine.load.project import Article, Project, number_format
from engine.schema.text import VariantText
from engine.schema.walk import Place, TextAt
from engine.validate.facts import Side, compare_facts, describe_place, rules_for


def shown_quantities(
    tokens: Sequence[Token], locale: str, marks: dict[int, frozenset[str]] | None = None
) -> list[Quantity]:
    """The facts a reader sees in adapted tokens, in order: Quantity tokens, and any fact in
    the words a glossary term is shown with. A plain wording that says "not" or "never"
    where its term does not negates the facts after it in its clause, as the reader reads
    them. ``marks`` (a token's qualifiers by ``id``) follows a token it replaces."""
    found: list[Quantity] = []
    language = number_format(locale).language
    negating = False
    for token in walk(tokens):
        if isinstance(token, Text) and re.search(CLAUSE_BREAKS, token.text, re.IGNORECASE):
            negating = False
        if isinstance(token, Quantity):
            negated = token.fact.negated or negating
            shown = token
            if negated != token.fact.negated:
                shown = replace(token, fact=replace(token.fact, negated=negated))
                if marks is not None and id(token) in marks:
                    marks[id(shown)] = marks[id(token)]
            found.append(shown)
        elif isinstance(token, GlossedTerm) and (token.mode != "keep" or token.aside):
            negating = negating or _negates(token.shown, token.surface, language)
            try:
                facts = recognise(token.plain(), number_format(locale))
            except InlineError:
                facts = []
            found.extend(
                Quantity(fact.raw, fact, origin=token.origin, offset=token.offset) for fact in facts
            )
    return found


def _negates(shown: str, surface: str, language: str) -> bool:
    """Whether the words shown for a term say "not" where the term itself does not."""

    def negations(text: str) -> set[str]:
        return set(re.findall(r"[\w']+", text.lower())) & set(NEGATIONS.get(language, ()))

    return bool(negations(shown) - negations(surface))


def _aligned(
    model: Any, adapted: Any, audience: str, place: Place, owner: BaseModel | None
) -> Iterator[tuple[TextAt, Tokens]]:
    """(source text, the tokens the audience reads there) for every text of a model."""
    if isinstance(model, VariantText) and isinstance(adapted, tuple):
        yield TextAt(place if place.block else Place(place.field, ""), owner, model), adapted
    elif isinstance(model, BaseModel) and isinstance(adapted, Node):
        block_id = getattr(model, "id", None)
        if isinstance(block_id, str):
            place, owner = Place(block_id, ""), model
        for name in type(model).model_fields:
            if name in adapted.fields:
                label = f"{place.field}.{name}".lstrip(".")
                here = Place(place.block, label)
                yield from _aligned(
                    getattr(model, name), adapted.fields[name], audience, here, owner
                )
    elif isinstance(model, list) and isinstance(adapted, list):
        kept = [(i, item) for i, item in enumerate(model) if reaches(item, audience)]
        for (index, item), shown in zip(kept, adapted, strict=False):
            here = Place(place.block, f"{place.field}[{index}]")
            yield from _aligned(item, shown, audience, here, owner)


def _variant_texts(variant: Variant) -> Iterator[tuple[TextAt, Tokens]]:
    source, audience = variant.article.source, variant.audience.name
    top = [("title", source.title, variant.title), ("bottom_line", source.bottom_line,
           variant.bottom_line)]  # fmt: skip
    for name, text, tokens in top:
        yield from _aligned(text, tokens, audience, Place(name, ""), None)
    sections = [s for s in source.sections if reaches(s, audience)]
    for index, (section, node) in enumerate(zip(sections, variant.sections, strict=False)):
        yield from _aligned(section, node, audience, Place("", f"sections[{index}]"), None)


def _variant_problems(variant: Variant) -> list[Diagnostic]:
    """Every way one audience's variant breaks the fact lock against the default texts."""
    article, audience = variant.article, variant.audience
    fallback = Location(article.display)
    problems: list[Diagnostic] = []
    for at, tokens in _variant_texts(variant):
        text = at.text
        if not isinstance(text, VariantText):
            continue  # _aligned yields only per-audience texts
        marks = qualifiers(tokens)
        shown = shown_quantities(tokens, article.locale, marks)
        if not text.has_own(audience.name) and shown == [
            t for t in walk(text.default) if isinstance(t, Quantity)
        ]:
            continue  # the default text itself, glossed without adding anything
        reference = Side("the clinician text", [t for t in walk(text.default)
                                                if isinstance(t, Quantity)], fallback,
                         qualifiers(text.default))  # fmt: skip
        own = text.for_audience(audience.name)
        wording = Side(
            f"{audience.name} wording of {describe_place(at)}",
            shown,
            first_location(own, first_location(text.default, fallback)),
            marks,
        )
        found = compare_facts(reference, wording, rules_for(at.owner, audience.profile.may_omit))
        if found and variant.glossary is not None:
            note = refusal_note(variant.glossary.refused_in(plain_text(own)))
            found = [replace(d, message=d.message + note) for d in found]
        problems.extend(found)
    return problems


def audience_problems(project: Project, article: Article) -> list[Diagnostic]:
    """The fact lock on every audience's adapted variant of one article."""
    problems: list[Diagnostic] = []
    for audience in project.audiences.values():
        # What reaches the audience on the page or on paper: a print-only block too.
        problems.extend(_variant_problems(adapt(project, article, audience, EVERY_MEDIUM)))
    return problems
