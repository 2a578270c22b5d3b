"""What a laid-out handout looks like on paper: its budget, how full its last page is,
where its emergency signs fell and where pages broke its lists. Read from WeasyPrint's boxes, before any PDF is
written, so that the layout can be redone tighter or refused with a message.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from engine.adapt.variant import Node, Variant, always_prints

NEARLY_EMPTY = 0.2
"""A last page filled less than this is pulled back onto the pages before if it can be."""

EMERGENCY_ATTRIBUTE = "data-emergency"
"""Marks the emergency part of a "when to get help" block; its value is the block's id."""


def page_budget(variant: Variant, large_print: bool) -> int | None:
    """Most pages the handout should take: the profile's budget, twice that in large print."""
    budget = variant.audience.profile.page_budget
    if budget is None:
        return None
    return budget * 2 if large_print else budget


def _body_boxes(page: Any) -> Iterator[Any]:
    """The boxes of the page's body, without its running header and footer."""
    for child in page._page_box.children:
        if type(child).__name__ != "MarginBox":
            yield child
            yield from child.descendants()


def page_fill(page: Any) -> float:
    """How much of the page's body area its text takes, from 0 to 1."""
    box = page._page_box
    top, height = box.content_box_y(), box.height
    bottoms = [
        b.position_y + b.margin_height() for b in _body_boxes(page) if type(b).__name__ == "LineBox"
    ]
    if not bottoms or not height:
        return 0.0
    return float(max(0.0, min(1.0, (max(bottoms) - top) / height)))


def needs_pulling_back(document: Any, budget: int | None) -> bool:
    """Over budget, or a last page that holds only a few lines."""
    pages = document.pages
    over = budget is not None and len(pages) > budget
    return over or (len(pages) > 1 and page_fill(pages[-1]) < NEARLY_EMPTY)


def emergency_pages(document: Any) -> dict[str, list[int]]:
    """For each emergency part (by block id), the page numbers (from 1) it is drawn on."""
    found: dict[str, list[int]] = {}
    for number, page in enumerate(document.pages, start=1):
        for box in _body_boxes(page):
            element = getattr(box, "element", None)
            block = element.get(EMERGENCY_ATTRIBUTE) if element is not None else None
            if block and number not in found.setdefault(block, []):
                found[block].append(number)
    return found


ITEM_ATTRIBUTE = "data-item"
"""Names a top-level item of a list the layout may break: "KEY-N" (print/_continued.html)."""

LIST_ATTRIBUTE = "data-list"
"""Marks the element a list starts in (its box, heading or lead) with the list's KEY."""


def _first_pages(document: Any, attribute: str) -> dict[str, int]:
    """For each value of ``attribute``, the page number (from 1) its element starts on."""
    found: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for box in _body_boxes(page):
            element = getattr(box, "element", None)
            value = element.get(attribute) if element is not None else None
            if value:
                found.setdefault(value, number)
    return found


def list_breaks(document: Any) -> dict[tuple[str, int], int]:
    """Where pages broke lists: (list key, index of an item that begins a new page) and
    that page's number. Before each such item, the list goes on under its heading marked "(continued)". An item begins a new
    page when it lies on a later page than the item before it (the first item: than the
    element its list starts in, so that a list moved whole onto a page is not broken)."""
    starts = _first_pages(document, LIST_ATTRIBUTE)
    pages: dict[str, dict[int, int]] = {}
    for name, number in _first_pages(document, ITEM_ATTRIBUTE).items():
        key, _dash, number_text = name.rpartition("-")
        pages.setdefault(key, {})[int(number_text)] = number
    breaks: dict[tuple[str, int], int] = {}
    for key, items in pages.items():
        previous = starts.get(key, items.get(0))
        for item in sorted(items):
            if previous is not None and items[item] > previous:
                breaks[key, item] = items[item]
            previous = items[item]
    return breaks


def cuttable(variant: Variant) -> list[str]:
    """What a writer could leave off paper, largest first: the printed sections and blocks
    that do not always print, as "'id'" with the section's role when it has one."""
    found: list[tuple[int, str]] = []

    def visit(nodes: list[Node]) -> None:
        for node in nodes:
            blocks = node.fields.get("blocks", [])
            if not any(always_prints(b) for b in blocks):
                role = node.fields.get("role")
                found.append(
                    (len(repr(node.fields)), f"'{node.id}'" + (f" ({role})" if role else ""))
                )
                continue
            found.extend((len(repr(b.fields)), f"'{b.id}'") for b in blocks if not always_prints(b))
            visit(node.fields.get("sections", []))

    visit(variant.sections)
    return [label for _size, label in sorted(found, key=lambda pair: -pair[0])]
