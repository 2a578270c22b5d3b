"""The must-reach rule: cautions and "when to get help" reach every audience unless the
source says why not (``omit_reason``).

The rule is written once, here, and checked three ways: a limit on the block
itself and a limit on a parent section or on one of its points, when the source
is loaded (:func:`reach_problems`), and on each adapted variant before anything
is rendered (:func:`lost_blocks`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from engine.adapt.variant import Node, Variant
from engine.errors import Diagnostic, Location
from engine.load.project import Audience
from engine.schema.article import Callout, GetHelp, ListItem, Section

MUST_REACH_CALLOUTS = ("caution",)
"""Callout kinds that every audience must see unless the source says why not."""

HINT = (
    "cautions and 'when to get help' reach every audience: remove `audiences`, "
    "or give `omit_reason`"
)


def must_reach(node: Any) -> bool:
    """True for the blocks every audience must see: cautions and "when to get help"."""
    return isinstance(node, GetHelp) or (
        isinstance(node, Callout) and node.kind in MUST_REACH_CALLOUTS
    )


def kept_from(node: Any, audience: str) -> bool:
    """True when the node's own `audiences` limit leaves ``audience`` out."""
    limit = getattr(node, "audiences", None)
    return limit is not None and audience not in limit


def label(node: Any) -> str:
    return "get_help block" if isinstance(node, GetHelp) else "caution"


def _items(node: Any) -> Iterator[ListItem]:
    for name in ("items", "call_clinic", "call_emergency"):
        for item in getattr(node, name, []) or []:
            yield item
            yield from _items(item)


def reach_problems(
    slug: str, display: str, sections: Sequence[Section], audiences: Mapping[str, Audience]
) -> Iterator[Diagnostic]:
    """Cautions kept from an audience without a reason: by their own limit, a parent
    section's, or a limit on one of their points."""

    def visit(node: Any, hidden_by: list[Any]) -> Iterator[Diagnostic]:
        if isinstance(node, Section):
            for child in [*node.blocks, *node.sections]:
                yield from visit(child, [*hidden_by, node])
            return
        if not must_reach(node):
            return
        where = node.location or Location(display)
        missed = [name for name in audiences if kept_from(node, name)]
        if missed and not node.omit_reason:
            yield Diagnostic(
                where,
                f"{label(node).removesuffix(' block')} block '{node.id}' is kept from "
                f"{', '.join(sorted(missed))}",
                HINT,
            )
        for name in audiences:
            silent = [p for p in hidden_by if kept_from(p, name) and not p.omit_reason]
            if silent:
                yield Diagnostic(
                    where,
                    f"article '{slug}': {label(node)} '{node.id}' does not reach "
                    f"'{name}': section '{silent[0].id}' is kept from it",
                    "move the block out of that section, or give the section an `omit_reason`",
                )
        for item in _items(node):
            for name in audiences:
                if kept_from(item, name) and not item.omit_reason:
                    yield Diagnostic(
                        item.location or where,
                        f"article '{slug}': a point of {label(node)} '{node.id}' is kept "
                        f"from '{name}'",
                        "every audience reads every point of a caution or 'when to get "
                        "help'; remove `audiences`, or give `omit_reason`",
                    )

    for section in sections:
        yield from visit(section, [])


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
        out = opted_out or (kept_from(node, audience) and bool(node.omit_reason))
        if must_reach(node):
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
    # The handout is a variant of its own, held to the same rule: what prints.
    on_paper = variant.medium == "print"
    return [
        Diagnostic(
            block.location or Location(article.display),
            f"article '{article.slug}': the {variant.audience.name} "
            f"{'handout' if on_paper else 'variant'} lost {label(block)} '{block.id}'",
            "cautions and 'when to get help' reach every audience unless the source "
            "gives an `omit_reason`" + (", and always print" if on_paper else ""),
        )
        for block in _expected(article.source.sections, variant.audience.name)
        if block.id not in shown
    ]
