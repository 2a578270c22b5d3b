"""Tables keep every row and column in place: labels, headings and cells, words included.

The fact lock compares a table's facts cell by cell, so a number that moves to another
row fails there. A row label with no number in it ("Adults", "Children", "Vitamin D")
would still move unseen: this check reads what else a cell names (:mod:`engine.inline.
labels`: the groups a dosing table is divided by, what a heading or row label says its
column or row holds, such as a dose or an age, and codes such as K2 or the D of "vitamin
D") and holds each cell of a wording (an audience's own, or a translation's) to the same
cell of its reference:

- a translation has the original's rows and columns, as many and in the same order;
- a cell may not name a group or code that another row or column of the reference names
  and its own place does not (two labels swapped, or a row's cells moved under another
  label), nor a group its own place contradicts ("Children" where it says "Adults");
- a code is written in every language as it is: a cell names no code its place lacks (it
  may leave one out, as a plain heading "Result" for "A1C result" does);
- in one language, a cell may not read exactly as another place of the reference does;
  in another, it may not hold a word that reads as a word of another place of the original
  and as none of its own ("Warfarina" in the row of "Heparin").

What none of these can tell (two words that do not look alike in the two languages
swapped, "Hierro" for "Zinc"; cells with no words in common with the original's, such as
"Sí" and "No") is beyond it: such a table relies on its numbers, compared in place.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from engine.errors import Diagnostic, Location
from engine.inline.labels import cognate, group_of, label_marks, long_words
from engine.inline.tokens import Term, Text, Token, Tokens, first_location, walk
from engine.schema.article import ArticleSource, Table
from engine.schema.text import VariantText
from engine.schema.walk import iter_blocks

Grid = list[list[Tokens]]
"""A table as one audience reads it: the column headings first, then each row's cells."""


@dataclass(frozen=True)
class TableSide:
    """One side of a comparison of tables: whose it is, its cells, where it is written."""

    label: str
    """Who says it, in a message: "the original", "the es-US translation", "patient wording"."""

    grid: Grid
    where: Location


def grid_of(table: Table, audience: str | None) -> Grid:
    """The table's texts as ``audience`` reads them (None: the default texts)."""

    def read(text: VariantText) -> Tokens:
        return text.for_audience(audience) if audience else text.default

    return [[read(c) for c in table.columns], *([read(c) for c in row] for row in table.rows)]


def _words(tokens: Sequence[Token]) -> str:
    """The words of a cell, numbers and citations left out (numbers are the facts')."""
    return " ".join(t.plain() for t in walk(tokens) if isinstance(t, Text | Term))


def _plain(tokens: Sequence[Token]) -> str:
    return " ".join("".join(t.plain() for t in tokens).split()).casefold()


def _place(row: int, column: int) -> str:
    return f"the heading of column {column + 1}" if row == 0 else (
        f"row {row}, column {column + 1}")  # fmt: skip


def table_problems(
    table_id: str, reference: TableSide, wording: TableSide, same_language: bool
) -> Iterator[Diagnostic]:
    """Every way ``wording`` moves a row, column or cell of ``reference``."""
    ref, mine = reference.grid, wording.grid
    if len(ref) != len(mine) or any(len(a) != len(b) for a, b in zip(ref, mine, strict=False)):
        yield Diagnostic(
            wording.where,
            f"{wording.label} of table '{table_id}' has {len(mine) - 1} rows of "
            f"{', '.join(str(len(r)) for r in mine[1:])} cells; {reference.label} has "
            f"{len(ref) - 1} rows of {', '.join(str(len(r)) for r in ref[1:])}",
            f"keep every row and column of {reference.label}, in its order",
        )
        return
    marks = [[label_marks([_words(cell)], i == 0 or c == 0) for c, cell in enumerate(row)]
             for i, row in enumerate(ref)]  # fmt: skip
    words = [[long_words(_words(cell)) for cell in row] for row in ref]
    for i, row in enumerate(mine):
        for c, cell in enumerate(row):
            why = _moved(i, c, label_marks([_words(cell)], i == 0 or c == 0), marks)
            if why is None and same_language:
                why = _same_words(i, c, _plain(cell), ref)
            elif why is None:
                why = _cognate_moved(i, c, long_words(_words(cell)), words)
            if why is not None:
                yield Diagnostic(
                    first_location(cell, wording.where),
                    f"{wording.label} of table '{table_id}' puts '{_show(cell)}' in "
                    f"{_place(i, c)}, where {reference.label} has '{_show(ref[i][c])}': {why}",
                    "keep each row's label and cells in that row, and each column in its "
                    f"place, as in {reference.label}",
                )


def _show(tokens: Sequence[Token]) -> str:
    return " ".join("".join(t.plain() for t in tokens).split())


def _moved(i: int, c: int, mine: frozenset[str], marks: list[list[frozenset[str]]]) -> str | None:
    """Why a cell naming ``mine`` is not the reference's cell (i, c), or None."""
    own = marks[i][c]
    for mark in sorted(mine - own):
        elsewhere = [(j, k) for j, row in enumerate(marks) for k, found in enumerate(row)
                     if mark in found and (j == i or k == c) and (j, k) != (i, c)]  # fmt: skip
        if elsewhere and (own or not group_of(mark)):
            j, k = elsewhere[0]
            return f"it names {mark}, which is in {_place(j, k)} there (swapped or moved)"
        if not group_of(mark):
            return f"it names {mark}, which that cell does not"
        if any(group_of(other) == group_of(mark) for other in own):
            named = ", ".join(sorted(o for o in own if group_of(o) == group_of(mark)))
            return f"it names {mark} where that cell names {named}"
    return None


def _cognate_moved(
    i: int, c: int, mine: frozenset[str], words: list[list[frozenset[str]]]
) -> str | None:
    """In another language: a word that reads as a word of another row's (or column's) cell
    of the original, and as none of its own cell's ("Warfarina" where "Heparin" stands)."""
    own = words[i][c]
    for word in sorted(mine):
        if any(cognate(word, other) for other in own):
            continue
        for j, row in enumerate(words):
            for k, found in enumerate(row):
                near = (j == i or k == c) and (j, k) != (i, c)
                match = next((other for other in sorted(found) if cognate(word, other)), None)
                if near and match is not None:
                    return f"'{word}' reads as '{match}' of {_place(j, k)} there (swapped or moved)"
    return None


def _same_words(i: int, c: int, mine: str, ref: Grid) -> str | None:
    if not mine or mine == _plain(ref[i][c]):
        return None
    for j, row in enumerate(ref):
        for k, cell in enumerate(row):
            if (j == i or k == c) and (j, k) != (i, c) and _plain(cell) == mine:
                return f"that is what {_place(j, k)} says (swapped or moved)"
    return None


def wording_problems(source: ArticleSource, fallback: Location) -> Iterator[Diagnostic]:
    """Each audience's own wording of every table, held to its default texts in place."""
    for _section, block in iter_blocks(source.sections):
        if not isinstance(block, Table):
            continue
        where = block.location or fallback
        reference = TableSide("the clinician text", grid_of(block, None), where)
        for audience in own_wordings(block):
            grid = grid_of(block, audience)
            if grid == reference.grid:
                continue
            wording = TableSide(f"{audience} wording", grid, reference.where)
            yield from table_problems(block.id, reference, wording, same_language=True)


def own_wordings(table: Table) -> list[str]:
    """The audiences with a wording of their own somewhere in a table."""
    texts = [*table.columns, *(cell for row in table.rows for cell in row)]
    return sorted({name for text in texts for name in text.overrides})
