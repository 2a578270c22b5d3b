"""What a table heading or cell names besides its numbers: who (age group, sex, pregnancy)
and which thing (a code such as K2, B12, A1C, or a letter such as the D of "vitamin D").

A table's row label is part of each fact in its row, and a translation writes the label
in other words: "Adults" is "Adultos", "Children" is "Niños". Numbers in a label are
facts and compared as such; these marks are what else can be compared across languages
honestly: a small bilingual word list of the groups dosing tables are divided by, and
codes that no language translates; and, across English and Spanish, words that read
alike in both (:func:`cognate`: "Calcium" and "Calcio", "Warfarin" and "Warfarina"). A
label with none of these ("Iron", "Hierro") can be checked by its place only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_GROUPS: dict[str, tuple[str, str]] = {}
"""Written word (lowercase) -> (what it names, the set of names it excludes)."""

for _mark, _group, _words in (
    ("infants", "age", "baby babies infant infants newborn newborns bebé bebés bebe bebes "
     "lactante lactantes recién"),
    ("children", "age", "child children kid kids niño niños niña niñas nino ninos nina ninas "
     "infancia pediatric pediátrico pediátricos pediátrica pediátricas"),
    ("teenagers", "age", "teen teens teenager teenagers adolescent adolescents adolescente "
     "adolescentes"),
    ("adults", "age", "adult adults grown-up grown-ups adulto adultos adulta adultas"),
    ("women", "sex", "woman women female females mujer mujeres femenino"),
    ("men", "sex", "man men male males hombre hombres varón varones masculino"),
    ("pregnancy", "state", "pregnant pregnancy embarazada embarazadas embarazo"),
    ("breastfeeding", "state", "breastfeeding lactating lactancia amamantando amamantar"),
):  # fmt: skip
    for _word in _words.split():
        _GROUPS[_word] = (_mark, _group)

_HEADINGS: dict[str, str] = {}
"""Written word -> what a heading or row label says its column or row holds."""

for _mark, _words in (
    ("dose", "dose doses dosage dosis dosificación"),
    ("frequency", "frequency frecuencia"),
    ("duration", "duration duración"),
    ("age", "age ages edad edades"),
    ("weight", "weight peso"),
):  # fmt: skip
    for _word in _words.split():
        _HEADINGS[_word] = _mark

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_CODE = re.compile(r"(?<![\w.,])(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{2,8}(?![\w.,])")
"""Letters and digits together: K2, D3, B12, A1C, HbA1c (not 1st, 2nd: see _ORDINAL)."""
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|er|o|a)", re.IGNORECASE)
_LETTER = re.compile(r"(?<=[^\W\d_])[ \u00a0]([A-HJ-Z])(?![\w'’])")
"""A capital letter standing alone after a word: the D of "vitamin D", the B of "hepatitis
B" (not "I", and never first or after a full stop, where a language writes "A" or "Y")."""


def group_of(mark: str) -> str:
    """Which exclusive set a mark belongs to: 'age', 'sex', 'state', 'holds' (what a heading
    says its column holds); '' for a code."""
    if mark in _HEADINGS.values():
        return "holds"
    return next((group for name, group in _GROUPS.values() if name == mark), "")


def label_marks(texts: Iterable[str], heading: bool = False) -> frozenset[str]:
    """The groups and codes written in the words of a cell (numbers aside); for a heading or
    row label (``heading``), also what it says its column or row holds ("Dose", "Edad")."""
    found: set[str] = set()
    for text in texts:
        for word in _WORD.findall(text):
            for part in (word, *word.split("-")):
                named = _GROUPS.get(part.lower())
                if named is not None:
                    found.add(named[0])
                if heading and part.lower() in _HEADINGS:
                    found.add(_HEADINGS[part.lower()])
        found.update(
            code.group(0).upper()
            for code in _CODE.finditer(text)
            if not _ORDINAL.fullmatch(code.group(0))
        )
        found.update(letter.group(1) for letter in _LETTER.finditer(text))
    return frozenset(found)


COGNATE_PREFIX = 5
"""Letters two words must start with alike to be taken for one word in two languages."""


def long_words(text: str) -> frozenset[str]:
    """The words of at least COGNATE_PREFIX letters, lowercase and without accents."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return frozenset(w for w in _WORD.findall(plain) if len(w) >= COGNATE_PREFIX)


def cognate(a: str, b: str) -> bool:
    """Whether two folded words read as one word in English and Spanish: "calcium" and
    "calcio", "warfarin" and "warfarina", "diabetes" and "diabetes" (not "prediabetes").
    They share their first letters, at least COGNATE_PREFIX and all but three of the
    shorter word's."""
    shared = next((n for n, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                  min(len(a), len(b)))  # fmt: skip
    return shared >= max(COGNATE_PREFIX, min(len(a), len(b)) - 3)
