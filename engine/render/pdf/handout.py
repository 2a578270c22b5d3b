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


@dataclass
class Handout:
    """A rendered handout: the PDF and what the build should hear about it."""

    pdf: bytes
    pages: int
    warnings: list[Diagnostic] = field(default_factory=list)


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
