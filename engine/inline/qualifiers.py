"""Who a fact is for and when it is taken, as the words around it say: "Women take 5 mg a
day", "10 mg at night".

Two doses of one kind keep their order in every wording, but the words that say whose
dose each is can still swap ("Men take 5 mg a day. Women take 10 mg a day."). Each fact
gets the groups named before it in its sentence, since the previous fact (the same
bilingual word list a table's row labels are read with, :mod:`engine.inline.labels`), and
the time of day named after it, before the next fact; the fact lock compares them where
both sides name one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from engine.inline.labels import group_of, label_marks
from engine.inline.tokens import Emphasis, Link, Quantity, Token, walk

TIMES_OF_DAY: dict[str, str] = {
    word: mark
    for mark, words in (
        ("morning", "morning mornings mañana mañanas"),
        ("night", "night nights nightly bedtime noche noches acostarse"),
        ("evening", "evening evenings tarde tardes"),
        ("breakfast", "breakfast desayuno desayunar"),
        ("lunch", "lunch almuerzo almorzar comida"),
        ("dinner", "dinner supper cena cenar"),
    )
    for word in words.split()
}
"""When in the day a dose is taken, English and Spanish words for one mark."""

_SENTENCE_END = re.compile(r"[.!?;]\s")

_WORD = re.compile(r"[^\W\d_]+")


def _groups(text: str) -> frozenset[str]:
    return frozenset(m for m in label_marks([text]) if group_of(m) in ("age", "sex", "state"))


def _times(text: str) -> frozenset[str]:
    return frozenset(TIMES_OF_DAY[w] for w in _WORD.findall(text.lower()) if w in TIMES_OF_DAY)


def qualifiers(tokens: Sequence[Token]) -> dict[int, frozenset[str]]:
    """The marks of each Quantity token (by ``id``) that say whom and when it is for."""
    pieces: list[Quantity | str] = []
    for token in walk(tokens):
        if isinstance(token, Quantity):
            pieces.append(token)
        elif not isinstance(token, Link | Emphasis):  # their children come next
            pieces.append(token.plain())
    found: dict[int, frozenset[str]] = {}
    before = ""
    for index, piece in enumerate(pieces):
        if isinstance(piece, str):
            before = _SENTENCE_END.split(before + piece)[-1]
            continue
        after = ""
        for following in pieces[index + 1 :]:
            if isinstance(following, Quantity):
                break
            after += following
        after = _SENTENCE_END.split(after + " ")[0]
        found[id(piece)] = _groups(before) | _times(after)
        before = ""
    return found
