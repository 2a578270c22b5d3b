"""What helps a reader find their way: the chooser's order, language links, "On this page"."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from engine.adapt.variant import Node, Variant
from engine.i18n import formats as i18n
from engine.load.project import Audience, Project
from engine.render.urls import locale_folder, page_url


def chooser_order(project: Project) -> list[Audience]:
    """The default audience first, then the others by their profiles' ``order``."""
    first = project.default_audience
    audiences = list(project.audiences.values())
    return sorted(audiences, key=lambda audience: audience.name != first)


def language_name(tag: str) -> str:
    """A language named in itself, capitalised as a link label: "English", "Español"."""
    name = i18n.babel_locale(tag).language_name or tag
    return name[:1].upper() + name[1:]


def languages(
    project: Project, locale: str, root: str, page_in: Callable[[str], str | None]
) -> list[dict[str, Any]]:
    """Every configured language, for the header's language links and hreflang alternates.

    ``page_in(folder)`` gives the same page in a locale's folder when it is published
    there, else None: the link then leads to that language's library, and no alternate
    is declared for it. One language alone needs no links.
    """
    found = []
    for tag in project.config.locales:
        folder = locale_folder(project, tag)
        same = page_in(folder)
        page = same or folder + "index.html"
        found.append(
            {
                "tag": tag,
                "name": language_name(tag),
                "href": root + page,
                "url": page_url(project, page),
                "same_page": same is not None,
                "current": tag == locale,
            }
        )
    return found if len(found) > 1 else []


def _help_blocks(section: Node) -> Iterator[Node]:
    for block in section.blocks:
        if block.type == "get_help":
            yield block
    for child in section.sections:
        yield from _help_blocks(child)


def contents(variant: Variant) -> list[dict[str, Any]]:
    """The "On this page" list: each top-level section, with its "when to get help"
    blocks listed under it, so the reader can jump there from the top of the page."""
    entries = []
    for section in variant.sections:
        helps = [{"id": block.id, "title": block.title} for block in _help_blocks(section)]
        entries.append({"id": section.id, "title": section.title, "help": helps})
    return entries


def first_help(variant: Variant) -> str | None:
    """The id of the page's first "when to get help" block, for the link at its top."""
    for section in variant.sections:
        for block in _help_blocks(section):
            return str(block.id)
    return None
