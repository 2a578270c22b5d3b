"""What a handout may load: a scan of the print HTML that names the block behind a refused URL."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from engine.adapt.variant import Variant
from engine.errors import Diagnostic, Location
from engine.load.project import CONFIG_FILE, Project
from engine.render.pdf.fetcher import SAFE_LINK_SCHEMES
from engine.schema.walk import iter_blocks


class _Scan(HTMLParser):
    """Finds link targets a handout must not carry, and the block that holds each URL.

    A block is the nearest element with a ``data-block`` or ``id`` attribute.
    """

    def __init__(self, base: str, urls: set[str]):
        super().__init__(convert_charrefs=True)
        self.base = base
        self.urls = set(urls)
        self.stack: list[str] = []
        self.owner: dict[str, str] = {}
        self.missing_alt: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        owner = values.get("data-block") or values.get("id")
        self.stack.append(owner or (self.stack[-1] if self.stack else ""))
        href = values.get("href", "")
        if tag == "a" and href and not href.startswith("#"):
            target = urljoin(self.base, href)
            # Links are not fetched but would be printed as live links: only web, mail, phone.
            if urlsplit(target).scheme not in SAFE_LINK_SCHEMES:
                self.urls.add(target)
        for value in values.values():
            for url in {value, urljoin(self.base, value)} & self.urls:
                self.owner.setdefault(url, self.stack[-1])
        if tag == "img" and not values.get("alt", "").strip():
            self.missing_alt.append((self.stack[-1], values.get("src", "")))
        if tag in VOID_ELEMENTS:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if self.stack and tag not in VOID_ELEMENTS:
            self.stack.pop()


OWNER_NAMES = {"": "the print template", "clinic-logo": "the clinic logo"}


VOID_ELEMENTS = frozenset({"img", "meta", "link", "br", "hr", "input", "source", "wbr"})


def _block_locations(variant: Variant) -> dict[str, Location]:
    source = variant.article.source
    where: dict[str, Location] = {}
    for _section, block in iter_blocks(source.sections):
        if block.location:
            where[block.id] = block.location
    return where


_HREF = re.compile("href", re.IGNORECASE)


_IMG = re.compile("<img", re.IGNORECASE)


_PLAIN_SAFE_HREFS = (*(f'="{scheme}:' for scheme in SAFE_LINK_SCHEMES), '="#')
"""How every "href" in a handout reads when it can only be a safe link or a same-page one."""


def _scan_may_find(html: str, refused: Sequence[str]) -> bool:
    """Whether :class:`_Scan` could report anything in this handout's HTML.

    Parsing the whole handout costs more than the rest of Plainly's own work on it, and
    almost always finds nothing. It can only report the owner of a refused fetch, an
    image (without alternative text) or a link of another scheme. The last is ruled out
    when every "href" in the text, in any case and whatever it belongs to, is followed
    directly by a double-quoted value that starts with a safe scheme or "#"; anything
    else, such as single quotes or a character reference, gets the full scan.
    """
    if refused or _IMG.search(html):
        return True
    return any(not html.startswith(_PLAIN_SAFE_HREFS, m.end()) for m in _HREF.finditer(html))


def _places(project: Project, variant: Variant) -> dict[str, Location]:
    """Where each block (and the clinic logo) is written, for a scan's diagnostics."""
    places = _block_locations(variant)
    places["clinic-logo"] = project.config.clinic.location or Location(
        project.display(project.root / CONFIG_FILE)
    )
    return places


def _failures(
    project: Project, variant: Variant, html: str, base: str, refused: Sequence[str], log: Any
) -> list[Diagnostic]:
    article = variant.article
    name = f"{article.slug} ({variant.audience.name}, {variant.locale})"
    scan = _Scan(base, set(refused))
    if _scan_may_find(html, refused):
        scan.feed(html)
    found: list[Diagnostic] = []
    places = _places(project, variant) if scan.urls or scan.missing_alt else {}
    for url in sorted(scan.urls):
        block = scan.owner.get(url, "")
        where = places.get(block, Location(article.display))
        what = OWNER_NAMES.get(block, f"block '{block}'")
        found.append(
            Diagnostic(
                where,
                f"handout of {name}: {what} refers to '{url}', which Plainly refuses to fetch "
                "or print",
                "images and logos must be files in the project's asset folder; links must be "
                "http, https, mailto or tel",
            )
        )
    for block, src in scan.missing_alt:
        found.append(
            Diagnostic(
                places.get(block, Location(article.display)),
                f"handout of {name}: image '{src}' in "
                f"{OWNER_NAMES.get(block, f'block {block!r}')} has no alternative text",
                "give every image alternative text (`alt`): what it shows, in words",
            )
        )
    for record in log.records:
        message = record.getMessage()
        if "Plainly refused" in message or record.levelno < logging.ERROR:
            continue
        found.append(
            Diagnostic(
                Location(article.display),
                f"handout of {name}: {message}",
                "give every image alternative text (`alt`)"
                if "alt description" in message
                else "check the image or template named in the message",
            )
        )
    return found
