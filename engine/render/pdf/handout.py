"""A variant as a PDF handout, or several as one pack, with the page-budget warnings."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from engine.adapt.variant import Variant
from engine.errors import Diagnostic, InputError, Location
from engine.load.project import Project
from engine.render.pdf.checks import _failures
from engine.render.pdf.context import document_id, render_print_html
from engine.render.pdf.fetcher import (
    _capture_weasyprint_log,
    _fetcher_class,
    _weasyprint,
    allowed_roots,
    file_url,
    font_config,
)
from engine.render.pdf.layout import (
    NEARLY_EMPTY,
    cuttable,
    emergency_pages,
    list_breaks,
    needs_pulling_back,
    page_budget,
    page_fill,
)


@dataclass
class Handout:
    """A rendered handout: the PDF and what the build should hear about it."""

    pdf: bytes
    pages: int
    warnings: list[Diagnostic] = field(default_factory=list)


def _document(
    project: Project,
    variant: Variant,
    large_print: bool,
    fit: int = 0,
    splits: dict[str, list[int]] | None = None,
) -> tuple[Any, str]:
    """Lay out one handout; fails with every refused fetch and logged error at once."""
    weasyprint = _weasyprint()
    html = render_print_html(project, variant, large_print, fit, splits)
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
    # Local, like WeasyPrint's: pikepdf (80 ms to import) stays off `--help` and `check`.
    from engine.render.pdf.tags import make_accessible

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
    # WeasyPrint's tagger gets lists, header scopes, running heads and link flags
    # wrong in ways no template can change; the tag tree is repaired afterwards.
    return make_accessible(data)


FITS = (1, 2)
"""How hard a layout that runs over its budget, ends on a nearly empty page or misplaces
its emergency signs is pulled back: tighter spacing, then tables that break between rows."""


def _laid_out(project: Project, variant: Variant, large_print: bool) -> Any:
    """The handout's layout: laid out again, pulled back harder (never with smaller type),
    when it runs over its budget, ends on a nearly empty page or cannot keep its emergency
    signs whole on page 1, if that mends it; then with every broken list "(continued)"."""
    budget = page_budget(variant, large_print)
    document, _html = _document(project, variant, large_print)
    fit = 0
    misplaced = _emergency_problems(variant, document)
    for harder in FITS:
        if not misplaced and not needs_pulling_back(document, budget):
            break
        pulled, _html = _document(project, variant, large_print, harder)
        mended = _emergency_problems(variant, pulled)
        if (misplaced and not mended) or (
            len(mended) <= len(misplaced) and len(pulled.pages) < len(document.pages)
        ):
            document, misplaced, fit = pulled, mended, harder
    if misplaced:
        raise InputError(misplaced)
    return _continued(project, variant, large_print, document, fit)


def _continued(
    project: Project, variant: Variant, large_print: bool, document: Any, fit: int
) -> Any:
    """Every list the layout broke goes on under its heading marked "(continued)"; kept
    only if the handout stays within its budget (or its pages) and its emergency signs
    whole on page 1, pulled back harder if that is what it takes to keep it so, or to
    keep its last page from being nearly empty."""
    limit = max(page_budget(variant, large_print) or 0, len(document.pages))
    kept: Any = None
    for harder in range(fit, FITS[-1] + 1):
        laid_out = document
        if harder != fit:
            laid_out, _html = _document(project, variant, large_print, harder)
        again = _with_continuations(project, variant, large_print, laid_out, harder)
        if len(again.pages) <= limit and not _emergency_problems(variant, again):
            # The headings may push a few lines onto a page of their own: pull harder.
            if not needs_pulling_back(again, None):
                return again
            kept = kept or again
    return kept or document


def _with_continuations(
    project: Project, variant: Variant, large_print: bool, document: Any, fit: int
) -> Any:
    """Laid out again with a page break and the list's heading before each item that began
    a page, one page at a time: the pages before the first new break stay as they were,
    while everything after it moves by the heading, so later breaks are measured anew."""
    splits: dict[str, list[int]] = {}
    # Each pass settles at least one page; the headings may add a page or two.
    for _pass in range(len(document.pages) + 2):
        new = {place: page for place, page in list_breaks(document).items()
               if place[1] not in splits.get(place[0], [])}  # fmt: skip
        if not new:
            break
        first = min(new.values())
        for (key, index), page in new.items():
            if page == first:
                splits[key] = sorted({*splits.get(key, []), index})
        document, _html = _document(project, variant, large_print, fit, splits)
    return document


def _emergency_problems(variant: Variant, document: Any) -> list[Diagnostic]:
    """Errors unless the emergency signs start on page 1 and stay on one page."""
    problems = []
    for block, pages in emergency_pages(document).items():
        where = "do not fit on one page" if len(pages) > 1 else "do not start on page 1"
        if pages != [1]:
            problems.append(
                Diagnostic(
                    Location(variant.article.display),
                    f"the {variant.audience.name} handout of {variant.slug} ({variant.locale}): "
                    f"the emergency signs of '{block}' {where} (pages "
                    f"{', '.join(map(str, pages))})",
                    "shorten the `call_emergency` list or the bottom line: the emergency part "
                    "is printed whole on the first page",
                )
            )
    return problems


def _page_warnings(variant: Variant, document: Any, large_print: bool) -> list[Diagnostic]:
    """A warning when a handout takes more pages than its budget, or ends on a page with
    only a few lines, saying what could be left off paper."""
    budget = page_budget(variant, large_print)
    pages = len(document.pages)
    over = budget is not None and pages > budget
    sparse = pages > 1 and page_fill(document.pages[-1]) < NEARLY_EMPTY
    if not over and not sparse:
        return []
    name = variant.audience.name + (" large-print" if large_print else "")
    problem = f"its budget is {budget}" if over else "its last page holds only a few lines"
    candidates = cuttable(variant)[:3]
    hint = (
        f"leave some of {', '.join(candidates)} off paper (`media: [web]`, or its role in "
        f"the profile's `print_leaves_out`), or shorten the {variant.audience.name} wording"
        if candidates
        else f"shorten the {variant.audience.name} wording of the blocks that always print"
    )
    return [
        Diagnostic(
            Location(variant.article.display),
            f"the {name} handout of {variant.slug} ({variant.locale}) takes {pages} pages; "
            + problem,
            hint,
            "warning",
        )
    ]


def render(project: Project, variant: Variant, large_print: bool = False) -> Handout:
    """Render one handout and check it against the audience's page budget."""
    document = _laid_out(project, variant, large_print)
    identity = document_id(variant) + (":large" if large_print else "")
    pdf = _pdf_bytes(document, identity, [variant])
    return Handout(pdf, len(document.pages), _page_warnings(variant, document, large_print))


def render_pack(
    project: Project, variants: Sequence[Variant], large_print: bool = False
) -> Handout:
    """Several handouts in one PDF, each starting on a new page, for a clinic's printed pack.

    Each keeps its own page numbers ("Page 1 of 2"), as if printed one by one.
    """
    documents = [_laid_out(project, variant, large_print) for variant in variants]
    warnings = [
        warning
        for variant, document in zip(variants, documents, strict=True)
        for warning in _page_warnings(variant, document, large_print)
    ]
    pages = [page for document in documents for page in document.pages]
    pack = documents[0].copy(pages)
    pack.metadata.title = "; ".join(str(document.metadata.title) for document in documents)
    identity = "|".join(document_id(v) for v in variants) + (":large" if large_print else "")
    return Handout(_pdf_bytes(pack, identity, variants), len(pages), warnings)
