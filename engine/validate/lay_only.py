"""Parts of an article only lay readers get may not state a fact of their own.

A block only lay audiences see restates a clinician block (`restates:`, checked by
:func:`engine.validate.facts.restated_problems`). Smaller parts have no such mark, so the
facts in them would reach patients with no clinician text holding them: a list item or a
"when to get help" sign limited to lay audiences inside a block the clinician reads, and a
disclaimer for a lay audience. Each is an error where it states a fact.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from engine.errors import Diagnostic, Location
from engine.inline.tokens import Quantity, Tokens, walk
from engine.load.project import Audience
from engine.schema.article import ArticleSource, ListItem, Section

ITEM_LISTS = ("items", "call_clinic", "call_emergency")


def lay_only_problems(
    source: ArticleSource, audiences: Mapping[str, Audience], fallback: Location
) -> Iterator[Diagnostic]:
    """Every fact stated in a list item or disclaimer no professional audience reads."""
    professional = frozenset(
        n for n, a in audiences.items() if a.profile.disclaimer == "professional"
    )
    if not professional:
        return
    for key, tokens in source.disclaimers.items():
        if key != "all" and key not in professional:
            yield from _first_fact([tokens], f"the {key} disclaimer", fallback,
                                   "state it in a block the clinician sees too, or in the "
                                   "`all` disclaimer")  # fmt: skip
    for section in source.sections:
        yield from _section(section, frozenset(audiences), professional, fallback)


def _section(
    section: Section, seen: frozenset[str], professional: frozenset[str], fallback: Location
) -> Iterator[Diagnostic]:
    here = seen & frozenset(section.audiences) if section.audiences else seen
    for block in section.blocks:
        shown = here & frozenset(block.audiences) if block.audiences else here
        if shown & professional:  # a block only lay readers see restates one (`restates:`)
            for name in ITEM_LISTS:
                for item in getattr(block, name, []):
                    yield from _item(item, shown, professional, block.id, fallback)
    for child in section.sections:
        yield from _section(child, here, professional, fallback)


def _item(
    item: ListItem, seen: frozenset[str], professional: frozenset[str], block: str,
    fallback: Location,
) -> Iterator[Diagnostic]:  # fmt: skip
    shown = seen & frozenset(item.audiences) if item.audiences else seen
    if shown and not shown & professional:
        readers = ", ".join(sorted(shown))
        texts = [item.text.default, *item.text.overrides.values()]
        yield from _first_fact(texts, f"an item of '{block}' shown only to {readers}",
                               item.location or fallback,
                               "show the item to the clinician too, or put it in a block of "
                               "its own that names the clinician block it restates "
                               "(`restates:`)")  # fmt: skip
    elif shown:
        for child in item.items:
            yield from _item(child, shown, professional, block, fallback)


def _first_fact(
    texts: Sequence[Tokens], what: str, fallback: Location, fix: str
) -> Iterator[Diagnostic]:
    found = [t for tokens in texts for t in walk(tokens) if isinstance(t, Quantity)]
    for quantity in found[:1]:
        unit = f", {quantity.unit}" if quantity.unit else ""
        yield Diagnostic(
            quantity.location or fallback,
            f"{what} states {quantity.raw} ({quantity.kind}{unit}), which no clinician reads",
            f"a fact reaches lay readers only with a clinician text that holds it: {fix}",
        )
