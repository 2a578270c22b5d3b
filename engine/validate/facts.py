"""The fact lock: adapting the wording for an audience never changes the medicine.

Two guarantees, checked on every article:

- Every per-audience override of a text carries the same facts as the
  default text: doses, thresholds, frequencies and percentages compared as
  values with units (:attr:`~engine.inline.Quantity.fact`), never as
  spelling. Kinds listed in the profile's ``may_omit`` may be left out of an
  override, but an override may not change a value or add one the default
  does not state.
- Cautions and "when to get help" blocks reach every audience unless the
  source opts one out with ``omit_reason``. The source is checked when it is
  loaded (:func:`check_facts`) and the adapted variants again before anything
  is rendered (:func:`lost_blocks`), so a limit on a parent section cannot
  hide a caution either.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from engine.adapt.variant import Node, Variant
from engine.errors import Diagnostic, Location
from engine.inline.tokens import Quantity, Token, Tokens, walk
from engine.load.project import Audience
from engine.schema.article import ArticleSource, Callout, GetHelp, ListItem, Section
from engine.schema.text import VariantText

MUST_REACH_CALLOUTS = ("caution",)
"""Callout kinds that every audience must see unless the source says why not."""


Fact = tuple[str, Any, Any, str, str]


@dataclass(frozen=True)
class Place:
    """Where a text sits in an article, in words a writer recognises."""

    block: str
    """The id of the enclosing block or section, or the top-level field's name."""

    field: str
    """The field inside it, such as ``text`` or ``items[2].text``."""

    def __str__(self) -> str:
        return f"'{self.block}' ({self.field})" if self.field else f"'{self.block}'"


def quantities(tokens: Sequence[Token]) -> list[Quantity]:
    return [token for token in walk(tokens) if isinstance(token, Quantity)]


def _first_location(tokens: Sequence[Token], fallback: Location) -> Location:
    for token in tokens:
        if token.origin is not None:
            return token.origin.location
    return fallback


def _texts(value: Any, place: Place) -> Iterator[tuple[Place, VariantText]]:
    """Every per-audience text in a model, with the block it belongs to."""
    if isinstance(value, VariantText):
        yield place, value
    elif isinstance(value, list):  # table rows are lists of cells
        for index, item in enumerate(value):
            yield from _texts(item, Place(place.block, f"{place.field}[{index}]"))
    elif isinstance(value, BaseModel):
        block_id = getattr(value, "id", None)
        here = Place(block_id, "") if isinstance(block_id, str) else place
        for name in type(value).model_fields:
            child = getattr(value, name)
            if isinstance(child, list):
                for index, item in enumerate(child):
                    label = f"{here.field}.{name}[{index}]".lstrip(".")
                    yield from _texts(item, Place(here.block, label))
            else:
                label = f"{here.field}.{name}".lstrip(".")
                yield from _texts(child, Place(here.block, label))


def compare(
    default: Tokens, override: Tokens, may_omit: Sequence[str]
) -> tuple[list[Quantity], list[Quantity]]:
    """The default's facts the override lacks, and the override's facts the default lacks.

    Facts are compared as values: ``1,500 mg`` and ``1500 mg`` are the same
    fact; ``800 IU daily`` and ``800 IU per week`` are not. Missing facts of a
    kind in ``may_omit`` are allowed and not returned.
    """
    default_facts = quantities(default)
    override_facts = quantities(override)
    kept = {q.fact for q in override_facts}
    stated = {q.fact for q in default_facts}
    missing: list[Quantity] = []
    for quantity in default_facts:
        lost = quantity.fact not in kept and quantity.kind not in may_omit
        if lost and all(quantity.fact != q.fact for q in missing):
            missing.append(quantity)
    added: list[Quantity] = []
    for quantity in override_facts:
        if quantity.fact not in stated and all(quantity.fact != q.fact for q in added):
            added.append(quantity)
    return missing, added


def _override_problems(
    slug: str,
    display: str,
    place: Place,
    audience: str,
    text: VariantText,
    may_omit: Sequence[str],
) -> Iterator[Diagnostic]:
    override = text.overrides[audience]
    fallback = _first_location(text.default, Location(display))
    where = _first_location(override, fallback)
    missing, added = compare(text.default, override, may_omit)
    for quantity in added:
        changed = [m for m in missing if m.unit == quantity.unit and m.per == quantity.per]
        if changed:
            was = changed[0]
            missing.remove(was)
            message = (
                f"article '{slug}', block {place}, audience '{audience}': "
                f"'{quantity.raw}' ({quantity.describe()}) changes the default's "
                f"'{was.raw}' ({was.describe()})"
            )
            hint = f"write the same value as the default text: {was.raw}"
        else:
            message = (
                f"article '{slug}', block {place}, audience '{audience}': "
                f"'{quantity.raw}' ({quantity.describe()}) is not in the default text"
            )
            hint = "an audience's wording may not add numbers; add it to the default text too"
        yield Diagnostic(quantity.location or where, message, hint)
    for quantity in missing:
        allowed = ", ".join(may_omit) if may_omit else "nothing"
        yield Diagnostic(
            where,
            f"article '{slug}', block {place}, audience '{audience}': leaves out "
            f"'{quantity.raw}' ({quantity.kind}: {quantity.describe()})",
            f"keep the {quantity.kind} in this wording; this audience may leave out: {allowed}",
        )


def _must_reach(node: Any) -> bool:
    return isinstance(node, GetHelp) or (
        isinstance(node, Callout) and node.kind in MUST_REACH_CALLOUTS
    )


def _kept_from(node: Any, audience: str) -> bool:
    limit = getattr(node, "audiences", None)
    return limit is not None and audience not in limit


def _reach_problems(
    slug: str, display: str, sections: Sequence[Section], audiences: Mapping[str, Audience]
) -> Iterator[Diagnostic]:
    """Cautions hidden by a parent section, and items dropped from a caution, without a reason.

    A limit directly on the caution is checked by the loader; these are the
    ways around it.
    """

    def visit(node: Any, hidden_by: list[Any]) -> Iterator[Diagnostic]:
        if _must_reach(node):
            for name in audiences:
                silent = [p for p in hidden_by if _kept_from(p, name) and not p.omit_reason]
                if silent:
                    yield Diagnostic(
                        node.location or Location(display),
                        f"article '{slug}': {_label(node)} '{node.id}' does not reach "
                        f"'{name}': section '{silent[0].id}' is kept from it",
                        "move the block out of that section, or give the section an `omit_reason`",
                    )
            for item in _items(node):
                for name in audiences:
                    if _kept_from(item, name) and not item.omit_reason:
                        yield Diagnostic(
                            item.location or node.location or Location(display),
                            f"article '{slug}': a point of {_label(node)} '{node.id}' is kept "
                            f"from '{name}'",
                            "every audience reads every point of a caution or 'when to get "
                            "help'; remove `audiences`, or give `omit_reason`",
                        )
            return
        if isinstance(node, Section):
            for child in [*node.blocks, *node.sections]:
                yield from visit(child, [*hidden_by, node])

    for section in sections:
        yield from visit(section, [])


def _items(node: Any) -> Iterator[ListItem]:
    for name in ("items", "call_clinic", "call_emergency"):
        for item in getattr(node, name, []) or []:
            yield item
            yield from _items(item)


def _label(node: Any) -> str:
    return "get_help block" if isinstance(node, GetHelp) else "caution"


def check_facts(
    slug: str, display: str, source: ArticleSource, audiences: Mapping[str, Audience]
) -> list[Diagnostic]:
    """Every fact-lock violation in one article's source."""
    problems: list[Diagnostic] = []
    for place, text in _texts(source, Place("article", "")):
        if place.block == "article":
            place = Place(place.field, "")
        for audience in text.overrides:
            profile = audiences.get(audience)
            may_omit = list(profile.profile.may_omit) if profile is not None else []
            problems.extend(_override_problems(slug, display, place, audience, text, may_omit))
    problems.extend(_reach_problems(slug, display, source.sections, audiences))
    return problems


def _variant_ids(nodes: Sequence[Node]) -> set[str]:
    found: set[str] = set()
    for node in nodes:
        found.add(node.id)
        for name in ("blocks", "sections"):
            children = node.fields.get(name)
            if isinstance(children, list):
                found |= _variant_ids(children)
    return found


def _expected(sections: Sequence[Section], audience: str) -> Iterator[Callout | GetHelp]:
    """Must-reach blocks the audience should see: none of their ancestors opts it out."""

    def visit(node: Any, opted_out: bool) -> Iterator[Callout | GetHelp]:
        out = opted_out or (_kept_from(node, audience) and bool(node.omit_reason))
        if _must_reach(node):
            if not out:
                yield node
            return
        if isinstance(node, Section):
            for child in [*node.blocks, *node.sections]:
                yield from visit(child, out)

    for section in sections:
        yield from visit(section, False)


def lost_blocks(variant: Variant) -> list[Diagnostic]:
    """Cautions and "when to get help" blocks that an adapted variant lost."""
    article = variant.article
    shown = _variant_ids(variant.sections)
    on_paper = variant.medium == "print"
    where = "handout" if on_paper else "variant"
    problems = []
    for block in _expected(article.source.sections, variant.audience.name):
        if block.id not in shown:
            problems.append(
                Diagnostic(
                    block.location or Location(article.display),
                    f"article '{article.slug}': the {variant.audience.name} {where} lost "
                    f"{_label(block)} '{block.id}'",
                    "cautions and 'when to get help' reach every audience unless the source "
                    "gives an `omit_reason`"
                    + (", and always print: remove `media: [web]`" if on_paper else ""),
                )
            )
    return problems
