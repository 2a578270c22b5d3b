"""Render a variant to a printable PDF handout with WeasyPrint.

The print HTML comes from the templates under ``print/`` (same override chain
as the pages). WeasyPrint is imported only here, and only when a PDF is made,
so commands that make no PDF stay fast. Every fetch goes through
:class:`LockedFetcher`, which serves the package's own files and the project's
asset folder and nothing else; a refused fetch, an image without alternative
text or any error WeasyPrint logs fails the handout afterwards, because
WeasyPrint itself only logs them and carries on.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import logging
import mimetypes
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

import fontpkg_atkinson_hyperlegible as atkinson
import segno
from markupsafe import Markup

from .adapt import Node, Variant, adapt
from .errors import Diagnostic, InputError, Location, UsageError
from .i18n import locale_prefix, paper_size
from .project import CONFIG_FILE, Project, iter_blocks, load_project
from .render_html import (
    InlineRenderer,
    environment,
    page_context,
    quantity_locale,
    variant_path,
)
from .schema import localized

PACKAGE_DIR = Path(__file__).resolve().parent
FONT_DIR = (Path(atkinson.ROOT) / "files").resolve()
FONT_FACES = (
    ("Regular", 400, "normal"),
    ("Bold", 700, "normal"),
    ("Italic", 400, "italic"),
    ("BoldItalic", 700, "italic"),
)
PACKAGE_SCHEME = "plainly"
PACKAGE_FOLDERS = {"fonts": FONT_DIR, "static": PACKAGE_DIR / "static"}
"""What ``plainly:<folder>/<file>`` URLs in print templates may fetch."""
SAFE_LINK_SCHEMES = ("http", "https", "mailto", "tel")


@dataclass
class Handout:
    """A rendered handout: the PDF and what the build should hear about it."""

    pdf: bytes
    pages: int
    warnings: list[Diagnostic] = field(default_factory=list)


# --- paper, dates, addresses -----------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the end of shorter months."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review(project: Project, variant: Variant) -> dt.date | None:
    """When the article is next due for review: from the last review, else the last update."""
    source = variant.article.source
    months = source.review_interval_months or project.config.review_interval_months
    if not months:
        return None
    return add_months(source.review.date or source.updated, months)


def document_id(variant: Variant) -> str:
    """Identifies the handout and its revision: slug, audience, locale, short content hash."""
    article = variant.article
    return f"{article.slug}/{variant.audience.name}/{variant.locale}@{article.content_hash[:8]}"


def variant_url(project: Project, variant: Variant) -> str:
    """The online page of the same variant, under the project's base URL."""
    config = project.config
    prefix = locale_prefix(variant.locale, config.locales, config.default_locale)
    page = variant_path(variant.slug, variant.audience.name, prefix)
    return project.config.base_url.rstrip("/") + "/" + page.removesuffix("index.html")


@lru_cache(maxsize=16)
def qr_svg(url: str, title: str) -> Markup:
    """A QR code for ``url`` as inline SVG; the title is its alternative text.

    Kept for the large-print copy of the same handout: segno tries all eight masks
    in Python, half of the print HTML's cost."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        scale=3, border=2, title=title, svgclass="qr", lineclass="qr-line", omitsize=False
    )
    return Markup(svg)


def file_url(path: Path) -> str:
    return path.resolve().as_uri()


def css_string(value: str) -> Markup:
    """A quoted CSS string, for text the templates put in ``content:`` of margin boxes."""
    text = value.unescape() if isinstance(value, Markup) else str(value)
    text = text.strip().replace("\\", "\\\\").replace('"', '\\"')
    text = "\\A ".join(line.strip() for line in text.splitlines())
    return Markup('"{}"').format(Markup(text.replace("<", "\\3C ")))


# --- the locked-down fetcher -----------------------------------------------------------------


@lru_cache(maxsize=1)
def _weasyprint() -> Any:
    import weasyprint

    return weasyprint


@lru_cache(maxsize=1)
def font_config() -> Any:
    """One FontConfiguration per process: building it scans the system fonts."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LockedFetcher(URLFetcher):  # type: ignore[misc]
        """Serves files under the allowed folders; refuses and remembers everything else."""

        def __init__(self, roots: Sequence[Path]):
            super().__init__(allowed_protocols=("file",), allow_redirects=False)
            self.roots = [root.resolve() for root in roots]
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            path = self.allowed_path(url)
            if path is None:
                self.refused.append(url)
                raise ValueError(f"Plainly refused to fetch {url}")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), headers={"Content-Type": kind}
            )

        def allowed_path(self, url: str) -> Path | None:
            parts = urlsplit(url)
            if parts.scheme == PACKAGE_SCHEME:
                # Package files go by a name of their own, so the print HTML names no
                # folder of this machine (and its snapshot is the same everywhere).
                folder, _, name = parts.path.partition("/")
                root = PACKAGE_FOLDERS.get(folder)
                path = (root / unquote(name)).resolve() if root else None
            elif parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(url2pathname(unquote(parts.path))).resolve()
            else:
                return None
            # Resolving follows symlinks and "..", so neither can leave an allowed folder.
            if path and any(path.is_relative_to(r) for r in self.roots) and path.is_file():
                return path
            return None

    return LockedFetcher


def allowed_roots(project: Project) -> list[Path]:
    return [*PACKAGE_FOLDERS.values(), project.asset_dir]


class _CapturedLog(logging.Handler):
    """Collects what WeasyPrint logs on this thread while one handout renders."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.records.append(record)


@contextmanager
def _capture_weasyprint_log() -> Iterator[_CapturedLog]:
    logger = logging.getLogger("weasyprint")
    handler = _CapturedLog()
    logger.addHandler(handler)
    # WeasyPrint's own handler prints to stderr; the build reports these itself.
    saved = logger.propagate
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = saved


# --- print HTML ------------------------------------------------------------------------------


def _split_help(sections: Sequence[Node]) -> tuple[list[Node], list[Node]]:
    """The "when to get help" blocks, and the sections without them.

    On paper the help block goes on the first page, where nobody misses it.
    """
    found: list[Node] = []

    def strip(node: Node) -> Node | None:
        blocks = [b for b in node.blocks if b.type != "get_help"]
        found.extend(b for b in node.blocks if b.type == "get_help")
        children = [c for c in (strip(s) for s in node.sections) if c is not None]
        if not blocks and not children:
            return None
        fields = dict(node.fields, blocks=blocks, sections=children)
        return Node(node.type, node.id, fields, node.own_wording)

    kept = [s for s in (strip(section) for section in sections) if s is not None]
    return found, kept


def _review_state(variant: Variant) -> str:
    review = variant.review
    if review.state == "approved" and variant.article.approved:
        return "approved"
    if review.state == "approved":
        return "changed"
    return review.state


def print_context(project: Project, variant: Variant, large_print: bool) -> dict[str, Any]:
    """What the print templates get."""
    config = project.config
    locale = variant.locale
    context = page_context(project, locale, variant_path(variant.slug, variant.audience.name))
    help_blocks, sections = _split_help(variant.sections)
    inline = InlineRenderer(
        variant, link_terms=False, quantity_locale=quantity_locale(project, locale)
    )
    title = str(inline(variant.title, False).striptags())
    url = variant_url(project, variant)
    logo = config.clinic.logo
    context.update(
        variant=variant,
        article=variant.article.source,
        audience=variant.audience,
        audience_label=localized(variant.audience.profile.label, locale, config.default_locale),
        inline=inline,
        plain=InlineRenderer(None, link_terms=False),
        title_text=title,
        help_blocks=help_blocks,
        sections=sections,
        review_state=_review_state(variant),
        next_review=next_review(project, variant),
        document_id=document_id(variant),
        online_url=url,
        qr=qr_svg(url, f"QR code: {url}"),
        paper=paper_size(locale),
        large_print=large_print,
        lang_tag=locale,
        logo=logo,
        fonts=[
            (f"{PACKAGE_SCHEME}:fonts/AtkinsonHyperlegible-{style}.ttf", weight, slant)
            for style, weight, slant in FONT_FACES
        ],
        css_string=css_string,
        author=config.clinic.name or localized(config.title, locale, config.default_locale),
    )
    return context


def render_print_html(project: Project, variant: Variant, large_print: bool = False) -> str:
    """The HTML that WeasyPrint lays out for one handout."""
    env = environment(project, variant.audience.name, variant.locale)
    context = print_context(project, variant, large_print)
    return env.get_template("print/handout.html").render(context)


# --- rendering -------------------------------------------------------------------------------


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


def _document(project: Project, variant: Variant, large_print: bool) -> tuple[Any, str]:
    """Lay out one handout; fails with every refused fetch and logged error at once."""
    weasyprint = _weasyprint()
    html = render_print_html(project, variant, large_print)
    base = file_url(project.asset_dir) + "/"
    fetcher = _fetcher_class()(allowed_roots(project))
    fatal: BaseException | None = None
    with _capture_weasyprint_log() as log:
        try:
            document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher).render(
                font_config=font_config(), pdf_variant="pdf/ua-1"
            )
        except weasyprint.urls.FatalURLFetchingError as error:
            # A BaseException: `except Exception` would let it through as a traceback.
            fatal = error
    problems = _failures(project, variant, html, base, fetcher.refused, log)
    if fatal is not None and not problems:
        problems.append(Diagnostic(Location(variant.article.display), str(fatal), ""))
    if problems:
        raise InputError(problems)
    return document, html


def _pdf_bytes(document: Any, identity: str, variants: Sequence[Variant]) -> bytes:
    # A fixed identifier and no dates keep the bytes the same from run to run.
    identifier = hashlib.sha256(identity.encode()).hexdigest()[:32].encode()
    # WeasyPrint tags the PDF (and logs images without alt text) only while writing it.
    with _capture_weasyprint_log() as log:
        data: bytes = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier)
    errors = [r.getMessage() for r in log.records if r.levelno >= logging.ERROR]
    if errors:
        raise InputError(
            Diagnostic(
                Location(variant.article.display),
                f"handout of {variant.slug} ({variant.audience.name}, {variant.locale}): {error}",
                "give every image alternative text (`alt`); check the print templates",
            )
            for variant in variants
            for error in errors
        )
    return data


def _over_budget(variant: Variant, pages: int, large_print: bool) -> list[Diagnostic]:
    """A warning when a handout takes more pages than its audience's budget.

    Large print is meant to take more paper, so only the regular handout is held to it.
    """
    budget = variant.audience.profile.page_budget
    if large_print or not budget or pages <= budget:
        return []
    name = variant.audience.name
    return [
        Diagnostic(
            Location(variant.article.display),
            f"the {name} handout of {variant.slug} ({variant.locale}) takes {pages} pages; "
            f"its budget is {budget}",
            f"shorten the {name} wording, or limit some blocks to other audiences",
            "warning",
        )
    ]


def render(project: Project, variant: Variant, large_print: bool = False) -> Handout:
    """Render one handout and check it against the audience's page budget."""
    document, _html = _document(project, variant, large_print)
    pages = len(document.pages)
    identity = document_id(variant) + (":large" if large_print else "")
    pdf = _pdf_bytes(document, identity, [variant])
    return Handout(pdf, pages, _over_budget(variant, pages, large_print))


def render_handout(project: Project, variant: Variant, large_print: bool = False) -> bytes:
    """The PDF bytes of one handout."""
    return render(project, variant, large_print).pdf


def render_pack(
    project: Project, variants: Sequence[Variant], large_print: bool = False
) -> Handout:
    """Several handouts in one PDF, each starting on a new page, for a clinic's printed pack.

    Each keeps its own page numbers ("Page 1 of 2"), as if printed one by one.
    """
    documents = [_document(project, variant, large_print)[0] for variant in variants]
    warnings = [
        warning
        for variant, document in zip(variants, documents, strict=True)
        for warning in _over_budget(variant, len(document.pages), large_print)
    ]
    pages = [page for document in documents for page in document.pages]
    pack = documents[0].copy(pages)
    pack.metadata.title = "; ".join(str(document.metadata.title) for document in documents)
    identity = "|".join(document_id(v) for v in variants) + (":large" if large_print else "")
    return Handout(_pdf_bytes(pack, identity, variants), len(pages), warnings)


__all__ = [
    "Handout",
    "handouts",
    "paper_size",
    "render",
    "render_handout",
    "render_pack",
    "render_print_html",
    "variant_url",
]


def handouts(
    project_dir: Path | None,
    slugs: Sequence[str],
    audience: str,
    locale: str | None = None,
    large_print: bool = False,
) -> Handout:
    """Load a project and render a printed pack of handouts for one audience and locale."""
    project = load_project(project_dir, slugs)
    if project.problems:
        raise InputError(project.problems)
    if audience not in project.audiences:
        raise UsageError(f"no audience '{audience}'; audiences: {', '.join(project.audiences)}")
    chosen = locale or project.config.default_locale
    variants = []
    for slug in slugs:
        article = project.article(slug, chosen)
        if article is None:
            raise UsageError(f"no article '{slug}' in {chosen}")
        variants.append(adapt(project, article, project.audiences[audience]))
    return render_pack(project, variants, large_print)
