"""Properties of the table check (engine/validate/headings.py), English against Spanish.

A table whose rows are labelled by groups ("Adults", "Children", "Women"...) or codes
("Vitamin D", "Vitamin K2") passes when its translation keeps every row in place, and
fails, located, whenever the translation moves any label or any row's cells to another
row, whatever the numbers.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import Location
from engine.inline.parse import parse_inline
from engine.load.project import number_format
from engine.validate.headings import Grid, TableSide, table_problems

LABELS = [  # (English, Spanish): one row label each
    ("Adults", "Adultos"), ("Children", "Niños"), ("Babies", "Bebés"), ("Teens", "Adolescentes"),
    ("Women", "Mujeres"), ("Men", "Hombres"), ("Pregnancy", "Embarazo"),
    ("Vitamin D", "Vitamina D"), ("Vitamin K2", "Vitamina K2"), ("Vitamin B12", "Vitamina B12"),
    ("Warfarin", "Warfarina"), ("Metformin", "Metformina"), ("Calcium", "Calcio"),
]  # fmt: skip
NOWHERE = Location("case")


def grid(locale: str, headings: list[str], rows: list[list[str]]) -> Grid:
    fmt = number_format(locale)
    return [[parse_inline(text, number_format=fmt) for text in row] for row in [headings, *rows]]


def tables(draw: st.DrawFn) -> tuple[list[int], list[int]]:
    labels = draw(st.lists(st.integers(0, len(LABELS) - 1), min_size=2, max_size=5, unique=True))
    doses = draw(st.lists(st.integers(1, 9999), min_size=len(labels), max_size=len(labels)))
    return labels, doses


def compare(labels: list[int], doses: list[int], order: list[int], cells: list[int]) -> list[str]:
    english = grid(
        "en-US",
        ["Who", "Dose"],
        [[LABELS[n][0], f"{d} IU daily"] for n, d in zip(labels, doses, strict=True)],
    )
    spanish = grid("es-US", ["Quién", "Dosis"],
                   [[LABELS[labels[i]][1], f"{doses[j]} UI al día"]
                    for i, j in zip(order, cells, strict=True)])  # fmt: skip
    found = table_problems(
        "t",
        TableSide("the original", english, NOWHERE),
        TableSide("the es-US translation", spanish, NOWHERE),
        False,
    )
    return [d.message for d in found]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.composite(tables)())
def test_a_translation_in_place_passes(table: tuple[list[int], list[int]]) -> None:
    labels, doses = table
    same = list(range(len(labels)))
    assert compare(labels, doses, same, same) == []


@settings(max_examples=100, deadline=None)
@given(st.composite(tables)(), st.data())
def test_moving_any_label_fails_whatever_the_cells(
    table: tuple[list[int], list[int]], data: st.DataObject
) -> None:
    labels, doses = table
    same = list(range(len(labels)))
    order = data.draw(st.permutations(same).filter(lambda p: list(p) != same))
    assert any("swapped or moved" in m for m in compare(labels, doses, list(order), same))
    # the same rows moved whole (label and cells): still a different row at each place
    assert any("swapped or moved" in m for m in compare(labels, doses, list(order), list(order)))
