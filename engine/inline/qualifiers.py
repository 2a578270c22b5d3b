"""Who a fact is for and when it is taken, as the words around it say: "Women take 5 mg a
day", "10 mg at night".

Two doses of one kind keep their order in every wording, but the words that say whose
dose each is can still swap ("Men take 5 mg a day. Women take 10 mg a day."). Each fact
gets the group its sentence names last before it (the same
bilingual word list a table's row labels are read with, :mod:`engine.inline.labels`);
the time of day and the meal named after it, before the next fact ("10 mg at night",
"before breakfast"); and, for a duration, what the time is ("for", "within" or "after 10
days"). The fact lock compares each where both sides name one.
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


DURATION_ROLES: dict[str, str] = {
    "for": "for", "during": "for", "durante": "for", "por": "for",
    "within": "within", "in": "within", "en": "within", "dentro": "within",
    "after": "after", "después": "after", "tras": "after", "later": "after",
}  # fmt: skip
"""The word before a duration that says what the time is: how long ("for 10 days"), the
time within which ("within 10 minutes") or after which ("after 10 minutes")."""

_MEAL = re.compile(
    r"\b(before|after|with|antes|después|con)\s+(?:(?:de|del|the|a|el|la|las|los|sus?|your)\s+)*"
    r"(breakfast|lunch|dinner|supper|meals?|food|desayuno|almuerzo|cena|comidas?)\b",
    re.IGNORECASE,
)
_RELATIONS = {"antes": "before", "después": "after", "con": "with"}

CATEGORIES = ("who", "when", "duration", "meal")
"""What a mark says of its fact, each compared on its own: "who:women", "when:night",
"duration:within", "meal:before"."""


def _groups(text: str) -> set[str]:
    """The group the sentence names last before the fact ("Children under 12 take 250 mg":
    children; "women take 5 mg and men take 10 mg": men for the 10 mg)."""
    for word in reversed(_WORD.findall(text)):
        marks = {m for m in label_marks([word]) if group_of(m) in ("age", "sex", "state")}
        if marks:
            return {f"who:{m}" for m in marks}
    return set()


def _times(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    found = {f"when:{TIMES_OF_DAY[w]}" for w in words if w in TIMES_OF_DAY}
    meal = _MEAL.search(text)
    if meal is not None:
        relation = meal.group(1).lower()
        found.add(f"meal:{_RELATIONS.get(relation, relation)}")
    return found


def _role(before: str, quantity: Quantity) -> set[str]:
    words = _WORD.findall(before.lower())
    while words and words[-1] in ("de", "del", "of", "the", "a", "los", "las"):
        words.pop()  # "después de 10 días", "dentro de 1 semana"
    if quantity.kind != "duration" or not words or words[-1] not in DURATION_ROLES:
        return set()
    return {f"duration:{DURATION_ROLES[words[-1]]}"}


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
        found[id(piece)] = frozenset(_groups(before) | _times(after) | _role(before, piece))
        before += piece.raw  # the sentence goes on: a group named before still counts
    return found
