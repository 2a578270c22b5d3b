"""Make WeasyPrint's tagged handout PDFs pass PDF/UA-1 (as checked by outloud).

This module owns the repairs to the *tag tree, marked content and annotations* of a
finished handout that WeasyPrint's ``pdf/ua-1`` variant gets wrong and that no print
template or stylesheet can change:

- table header cells get ``/Scope`` (``/Column`` or ``/Row``, from where they sit),
  because WeasyPrint reads the HTML ``scope`` only to fill ``/Headers`` of data cells;
- lists become ``L > LI > (Lbl, LBody)``: a sub-list goes into the ``LBody`` of the item
  before it, a ``dt``/``dd`` pair in a ``div`` becomes one item (term as ``Lbl``,
  definition as ``LBody``), other stray children are wrapped in items, items outside a
  list get one, and items left empty by a page break are dropped;
- running headers and footers (WeasyPrint's ``@page`` margin boxes: title, clinic,
  footer with the document id, page numbers) become ``/Artifact /Pagination`` marked
  content, because WeasyPrint tags them as ``/Span`` content of elements it never links
  into the tree;
- link annotations get the Print flag (and lose Hidden and NoView).

Everything else (fonts, text, images, metadata, the document ``/ID``) is left as it is,
and the output is a function of the input bytes only, so builds stay byte-identical.
The single entry point is :func:`make_accessible`.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, Pdf

from engine.render.pdf.running import mark_running_content, print_links

__all__ = ["make_accessible"]


def make_accessible(pdf: bytes) -> bytes:
    """Return ``pdf`` (a tagged PDF from WeasyPrint) repaired for PDF/UA-1.

    Deterministic: the same input always gives the same output bytes. Raises
    ``ValueError`` when the input has no structure tree (it was not made tagged).
    """
    with Pdf.open(io.BytesIO(pdf)) as doc:
        if "/StructTreeRoot" not in doc.Root:
            raise ValueError("not a tagged PDF: no /StructTreeRoot")
        tree = _Tree(doc)
        tree.scope_header_cells()
        tree.fix_lists()
        mark_running_content(doc, tree.parent_tree, {e.objgen for e in tree.walk()})
        print_links(doc)
        out = io.BytesIO()
        # qpdf keeps the first half of the input's /ID (WeasyPrint derives it from the
        # handout's identity) and, with deterministic_id, makes the second half from the
        # content instead of the clock. The XMP packet is left byte for byte as it was
        # (fix_metadata_version would rewrite it).
        doc.save(
            out,
            deterministic_id=True,
            fix_metadata_version=False,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
        return out.getvalue()


# --- small helpers on structure elements -----------------------------------------------------


def _is_elem(obj: Object) -> bool:
    """A structure element (not an MCID, marked-content or object reference)."""
    return isinstance(obj, Dictionary) and "/S" in obj


def _kind(obj: Object | None) -> str:
    return str(obj.get("/S", "")) if isinstance(obj, Dictionary) else ""


def _kids(elem: Object) -> list[Object]:
    k = elem.get("/K")
    if k is None:
        return []
    if isinstance(k, Array):
        return list(k)
    return [k]


def _set_kids(elem: Object, kids: list[Object]) -> None:
    elem.K = Array(kids)


def _logical_kids(elem: Object) -> list[Object]:
    """Children with /NonStruct looked through, as readers (and outloud) treat them."""
    out: list[Object] = []
    for kid in _kids(elem):
        if _kind(kid) == "/NonStruct":
            out.extend(_logical_kids(kid))
        elif _is_elem(kid):
            out.append(kid)
    return out


def _logical_parent(elem: Object) -> Object | None:
    parent = elem.get("/P")
    while parent is not None and _kind(parent) == "/NonStruct":
        parent = parent.get("/P")
    return parent


class _Tree:
    """The document's structure tree, with the ParentTree kept in step with moves."""

    def __init__(self, doc: Pdf) -> None:
        self.doc = doc
        self.root = doc.Root.StructTreeRoot
        self.parent_tree: dict[int, Object] = {}
        nums = self.root.get("/ParentTree", Dictionary()).get("/Nums", Array())
        # WeasyPrint writes a flat /Nums array (no /Kids), one entry per page and link.
        for i in range(0, len(nums) - 1, 2):
            self.parent_tree[int(nums[i])] = nums[i + 1]

    def walk(self) -> Iterator[Object]:
        """Every element reachable from the root, in document (pre-)order."""
        stack = [k for k in reversed(_kids(self.root)) if _is_elem(k)]
        while stack:
            elem = stack.pop()
            yield elem
            stack.extend(k for k in reversed(_kids(elem)) if _is_elem(k))

    def new_elem(self, kind: str, parent: Object, kids: list[Object]) -> Object:
        elem = Dictionary(Type=Name.StructElem, S=Name(kind), P=parent, K=Array())
        if "/Pg" in parent:
            elem.Pg = parent.Pg
        elem = self.doc.make_indirect(elem)
        for kid in kids:
            self.adopt(kid, elem)
        _set_kids(elem, kids)
        return elem

    def adopt(self, kid: Object, parent: Object) -> None:
        """Point ``kid`` at its new ``parent`` (the caller puts it in the parent's /K).

        Content references record their owner in the ParentTree, so moving one means
        updating it there; WeasyPrint only puts them in leaf /Span, /Link and /Figure
        elements, which this module never splits, so this is a safeguard.
        """
        if _is_elem(kid):
            kid.P = parent
            return
        page = parent.get("/Pg")
        if isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
            key = kid.Obj.get("/StructParent")
            if key is not None:
                self._set_owner(int(key), None, parent)
            return
        if isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
            page, kid = kid.get("/Pg", page), kid.MCID
        if isinstance(kid, int) and page is not None and "/StructParents" in page:
            self._set_owner(int(page.StructParents), int(kid), parent)

    def _set_owner(self, key: int, mcid: int | None, owner: Object) -> None:
        entry = self.parent_tree.get(key)
        if entry is None:
            return
        if mcid is None:
            nums = self.root.ParentTree.Nums
            for i in range(0, len(nums) - 1, 2):
                if int(nums[i]) == key:
                    nums[i + 1] = owner
            self.parent_tree[key] = owner
        elif isinstance(entry, Array) and mcid < len(entry):
            entry[mcid] = owner

    # --- tables ------------------------------------------------------------------------------

    def scope_header_cells(self) -> None:
        """Give every TH a /Scope: Column in a header row, Row beside data cells.

        A row of header cells only (the ``thead`` row) heads columns; a TH in a row that
        also has data cells (``<th scope="row">`` in the body) heads its row.
        """
        for row in [e for e in self.walk() if _kind(e) == "/TR"]:
            cells = [c for c in _logical_kids(row) if _kind(c) in ("/TH", "/TD")]
            in_head = _kind(_logical_parent(row)) == "/THead"
            all_th = all(_kind(c) == "/TH" for c in cells)
            for cell in cells:
                if _kind(cell) == "/TH":
                    scope = "/Column" if in_head or all_th else "/Row"
                    _table_attributes(cell)[Name.Scope] = Name(scope)

    # --- lists -------------------------------------------------------------------------------

    def fix_lists(self) -> None:
        for lst in [e for e in self.walk() if _kind(e) == "/L"]:
            self._fix_list(lst)
        for lst in [e for e in self.walk() if _kind(e) == "/L"]:
            for item in _kids(lst):
                if _kind(item) == "/LI":
                    self._fix_item(item)
            # Items emptied by a page break (their text is on the page before).
            _set_kids(lst, [k for k in _kids(lst) if not (_kind(k) == "/LI" and not _kids(k))])
        self._wrap_loose_items()

    def _fix_list(self, lst: Object) -> None:
        kept: list[Object] = []
        for kid in _kids(lst):
            kind = _kind(kid)
            if not _is_elem(kid) or kind in ("/LI", "/Caption"):
                kept.append(kid)
            elif kind == "/L":
                # WeasyPrint hangs an <li>'s sub-list on the parent list, after the item;
                # it belongs in that item's body (same reading order, right nesting).
                previous = next((k for k in reversed(kept) if _kind(k) == "/LI"), None)
                if previous is None:
                    kept.append(kid)
                else:
                    body = self._body(previous)
                    self.adopt(kid, body)
                    _set_kids(body, [*_kids(body), kid])
            elif (items := _logical_kids(kid)) and all(_kind(i) == "/LI" for i in items):
                kept.extend(self._unwrap_items(items, lst))
            else:
                item = self.new_elem("/LI", lst, [])
                body = self.new_elem("/LBody", item, [kid])
                _set_kids(item, [body])
                kept.append(item)
        _set_kids(lst, kept)

    def _unwrap_items(self, items: list[Object], lst: Object) -> list[Object]:
        """Items that a group (``<div>`` in a ``<dl>``) held, as children of the list.

        A ``dt`` + ``dd`` pair comes out as two label-less items of one body each; it
        becomes one item, the term as its Lbl and the definition as its LBody.
        """
        pair = len(items) == 2 and all(
            [_kind(k) for k in _logical_kids(i)] == ["/LBody"] for i in items
        )
        if pair:
            term, definition = items
            (label,) = _logical_kids(term)
            (body,) = _logical_kids(definition)
            label.S = Name.Lbl
            self.adopt(body, term)
            _set_kids(term, [label, body])
            items = [term]
        for item in items:
            self.adopt(item, lst)
        return items

    def _body(self, item: Object) -> Object:
        """The item's LBody, made (at the end) if it has none."""
        bodies = [k for k in _kids(item) if _kind(k) == "/LBody"]
        if bodies:
            return bodies[-1]
        body = self.new_elem("/LBody", item, [])
        _set_kids(item, [*_kids(item), body])
        return body

    def _fix_item(self, item: Object) -> None:
        """An item holds a Lbl and an LBody: anything else goes into the LBody."""
        kids = _kids(item)
        stray = [k for k in kids if _kind(k) not in ("/Lbl", "/LBody")]
        if not stray:
            return
        keep = [k for k in kids if _kind(k) in ("/Lbl", "/LBody")]
        bodies = [k for k in keep if _kind(k) == "/LBody"]
        if bodies:
            body = bodies[-1]
            for k in stray:
                self.adopt(k, body)
            _set_kids(body, [*_kids(body), *stray])
            _set_kids(item, keep)
        else:
            _set_kids(item, keep)
            body = self.new_elem("/LBody", item, stray)
            _set_kids(item, [*keep, body])

    def _wrap_loose_items(self) -> None:
        """Runs of items whose parent is not a list get a list of their own."""
        for parent in [self.root, *self.walk()]:
            if _kind(parent) == "/L":
                continue
            kids = _kids(parent)
            if not any(_kind(k) == "/LI" for k in kids):
                continue
            out: list[Object] = []
            run: list[Object] = []
            for kid in [*kids, None]:
                if kid is not None and _kind(kid) == "/LI":
                    run.append(kid)
                    continue
                if run:
                    out.append(self.new_elem("/L", parent, run))
                    run = []
                if kid is not None:
                    out.append(kid)
            _set_kids(parent, out)


def _table_attributes(cell: Object) -> Object:
    """The cell's /A dictionary owned by /Table, made if missing."""
    attrs = cell.get("/A")
    candidates = list(attrs) if isinstance(attrs, Array) else [attrs] if attrs is not None else []
    for a in candidates:
        if isinstance(a, Dictionary) and a.get("/O") == Name.Table:
            return a
    table = Dictionary(O=Name.Table)
    if attrs is None:
        cell.A = table
    elif isinstance(attrs, Array):
        attrs.append(table)
    else:
        cell.A = Array([attrs, table])
    return table
