"""Running headers, footers and links of a tagged handout, as PDF/UA wants them.

WeasyPrint tags ``@page`` margin boxes like body text but leaves their elements out
of the structure tree (an artifact element needs PDF 2.0). Those are exactly the
running heads, footers and page numbers, so their marked content becomes
``/Artifact /Pagination``, with a ``/Header`` or ``/Footer`` subtype from where on the
page it is drawn. Links get the Print flag. Called by :mod:`engine.render.pdf.tags`.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, Pdf

_PRINT, _HIDDEN, _NOVIEW = 4, 2, 32
"""Annotation flag bits (ISO 32000-1, table 165)."""

_Matrix = tuple[float, float, float, float, float, float]
_Op = pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def mark_running_content(
    doc: Pdf, parent_tree: dict[int, Object], reachable: set[tuple[int, int]]
) -> None:
    """Re-mark content whose element is not in the tree as pagination artifacts.

    ``parent_tree`` maps each page's StructParents key to its MCID owners;
    ``reachable`` holds the object ids of every element reachable from the root.
    """
    for page in doc.pages:
        key = page.obj.get("/StructParents")
        entry = parent_tree.get(int(key)) if key is not None else None
        if not isinstance(entry, Array):
            continue
        orphans = {
            mcid
            for mcid, owner in enumerate(entry)
            if isinstance(owner, Dictionary) and owner.objgen not in reachable
        }
        if not orphans:
            continue
        height = _page_height(page)
        ops = pikepdf.parse_content_stream(page)
        new_ops = _remark(ops, orphans, height)
        page.obj.Contents = doc.make_stream(pikepdf.unparse_content_stream(new_ops))
        for mcid in orphans:
            entry[mcid] = None


def _page_height(page: pikepdf.Page) -> float:
    box = [float(v) for v in page.mediabox]
    return box[3] - box[1]


def _multiply(m: _Matrix, n: _Matrix) -> _Matrix:
    """m × n, PDF row-vector convention (apply m, then n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _remark(ops: list[_Op], orphans: set[int], height: float) -> list[_Op]:
    """The page's instructions with each orphan's BDC turned into a pagination artifact.

    The graphics state is followed (q, Q, cm) so the first text position inside each
    orphan tells whether it is drawn in the top or the bottom half of the page.
    """
    ctm = _IDENTITY
    saved: list[_Matrix] = []
    pending: list[tuple[int, _Matrix]] = []  # (index of BDC, CTM there) awaiting a Tm
    where: dict[int, str] = {}
    for index, instruction in enumerate(ops):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue
        op = str(instruction.operator)
        operands = list(instruction.operands)
        if op == "q":
            saved.append(ctm)
        elif op == "Q":
            ctm = saved.pop() if saved else _IDENTITY
        elif op == "cm":
            m = tuple(float(v) for v in operands)
            ctm = _multiply((m[0], m[1], m[2], m[3], m[4], m[5]), ctm)
        elif op == "BDC" and len(operands) == 2 and isinstance(operands[1], Dictionary):
            mcid = operands[1].get("/MCID")
            if mcid is not None and int(mcid) in orphans:
                pending.append((index, ctm))
        elif op in ("Tm", "Td", "TD") and pending:
            # The text origin, in user space, through the CTM current at the text.
            x, y = (float(operands[-2]), float(operands[-1]))
            y_page = ctm[1] * x + ctm[3] * y + ctm[5]
            for bdc, _ in pending:
                where[bdc] = "/Header" if y_page > height / 2 else "/Footer"
            pending = []
    result: list[_Op] = []
    for index, instruction in enumerate(ops):
        operands = list(instruction.operands)
        is_orphan = (
            isinstance(instruction, pikepdf.ContentStreamInstruction)
            and str(instruction.operator) == "BDC"
            and len(operands) == 2
            and isinstance(operands[1], Dictionary)
            and int(operands[1].get("/MCID", -1)) in orphans
        )
        if is_orphan:
            props = Dictionary(Type=Name.Pagination)
            if index in where:
                props.Subtype = Name(where[index])
            instruction = pikepdf.ContentStreamInstruction(
                [Name.Artifact, props], pikepdf.Operator("BDC")
            )
        result.append(instruction)
    return result


def print_links(doc: Pdf) -> None:
    """Links print and show: PDF/UA wants the same content on paper and screen."""
    for page in doc.pages:
        for annot in page.obj.get("/Annots", Array()):
            if annot.get("/Subtype") != Name.Link:
                continue
            flags = int(annot.get("/F", 0))
            annot.F = (flags | _PRINT) & ~(_HIDDEN | _NOVIEW)
