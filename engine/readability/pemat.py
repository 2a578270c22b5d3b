"""A PEMAT-P pre-check: the AHRQ items that can be judged from the structured source.

PEMAT-P (Shoemaker, Wolf and Brach, AHRQ 2013, updated 2014) rates printable
patient material on 17 understandability and 7 actionability items, each Agree
(1), Disagree (0) or N/A, the score being agrees over rated items. Plainly
judges the items its structured source and its own findings can decide, scores
them per variant, and lists the rest for a person. It is a pre-check: a human
rating is still the PEMAT score. How each automated item is judged:

- 4 medical terms defined: no unexplained jargon or abbreviation finding (terms
  the glossary covers are explained on the page).
- 5 active voice: at least 80% of sentences without a passive finding (the
  AHRQ guide's 80% reminder); English only, Spanish goes to a person.
- 7 no calculations asked: no sentence tells the reader to calculate, add up,
  multiply, divide or subtract (an instruction, or "you ..."), or gives a dose
  per kilogram.
- 8 chunked: every top-level section has at most 300 words of prose and no
  paragraph or list item over 80 words (N/A under 100 words: very short).
- 9 sections have headers: two or more sections, each with a title (whether the
  titles inform is for the person; N/A when very short).
- 11 summary: a bottom line up front, or a section titled summary/key points.
- 17 visual aids captioned: every image has a caption (N/A without images).
- 19 simple tables: every table has column headings, at most 6 columns and 12
  rows (N/A without tables).
- 20 at least one action: a "when to get help" block, or a sentence that starts
  with an action word ("Take", "Call", "Ask"...; "Tome", "Llame"...).
- 21 addresses the reader: some sentences say "you" or give an instruction, and
  none tells "patients" what they should do in the third person.
- 22 explicit steps: a numbered list (N/A when no action is identified).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from engine.adapt.variant import Node, Variant
from engine.readability.findings import Finding
from engine.readability.segment import Sentence

PERSON_ITEMS = {
    1: "The material makes its purpose completely evident",
    2: "The material does not include information or content that distracts from its purpose",
    3: "The material uses common, everyday language (findings help)",
    6: "Numbers appearing in the material are clear and easy to understand",
    10: "The material presents information in a logical sequence",
    12: "The material uses visual cues to draw attention to key points",
    15: "The material uses visual aids whenever they could make content more easily understood",
    16: "The material's visual aids reinforce rather than distract from the content",
    18: "The material uses illustrations and photographs that are clear and uncluttered",
    23: "The material provides a tangible tool whenever it could help the user take action",
    25: "The material provides simple instructions or examples of how to perform calculations",
    26: "The material explains how to use charts, graphs, tables or diagrams to take actions",
}
"""The PEMAT-P items that need a person, by AHRQ item number (short wording)."""


VERY_SHORT_WORDS = 100
CHUNK_SECTION_WORDS = 300
CHUNK_UNIT_WORDS = 80
ACTIVE_SHARE = 0.8
TABLE_COLUMNS, TABLE_ROWS = 6, 12

ACTION_WORDS = {
    "en": "take ask call tell talk stop check eat drink keep avoid get go see use bring "
    "write follow start try make do don't never always wash store read plan",
    "es": "tome pregunte llame diga hable deje revise coma beba mantenga evite vaya use "
    "traiga escriba siga empiece intente haga nunca siempre lave guarde lea no",
}
"""First words that make a sentence an instruction to the reader."""

_YOU = {"en": r"\b(?:you|your|yours|yourself)\b", "es": r"\b(?:usted|ustedes|su|sus|tú|te|tu)\b"}
_THIRD_PERSON = re.compile(
    r"\b(?:patients?|the person|pacientes?|el paciente)\s+(?:should|must|need to|debe|deben)\b",
    re.IGNORECASE,
)
_CALCULATION = re.compile(
    # Asked of the reader: an instruction ("Multiply...", "you add up"), or a dose per kilogram.
    r"(?:^|\byou\s+(?:\w+\s+){0,2}|\b(?:to|should|must|please)\s+)"
    r"(?:calculate|add up|multiply|divide|subtract|work out)\b"
    r"|\b(?:calcule|sume|multiplique|divida|reste)\b|\bper (?:kg|kilogram)\b|mg/kg|\bpor kilo",
    re.IGNORECASE,
)
_SUMMARY_TITLE = re.compile(r"summary|key points|main points|resumen|lo más importante", re.I)


@dataclass(frozen=True)
class Item:
    """One rated PEMAT-P item."""

    number: int
    domain: str
    """"understandability" or "actionability"."""

    text: str
    rating: str
    """"agree", "disagree" or "n/a"."""

    why: str

    def as_dict(self) -> dict[str, object]:
        return {"item": self.number, "domain": self.domain, "text": self.text,
                "rating": self.rating, "why": self.why}  # fmt: skip


@dataclass
class Pemat:
    """The automated items of one variant, their scores, and the items left to a person."""

    items: list[Item] = field(default_factory=list)
    person: dict[int, str] = field(default_factory=dict)

    def score(self, domain: str) -> float | None:
        """Percent of rated automated items in the domain that agree (None: none rated)."""
        rated = [i for i in self.items if i.domain == domain and i.rating != "n/a"]
        if not rated:
            return None
        return round(100 * sum(i.rating == "agree" for i in rated) / len(rated))

    def as_dict(self) -> dict[str, Any]:
        return {
            "understandability": self.score("understandability"),
            "actionability": self.score("actionability"),
            "items": [item.as_dict() for item in self.items],
            "needs_a_person": [{"item": n, "text": t} for n, t in self.person.items()],
        }


def _nodes(nodes: Sequence[Any]) -> Iterator[Node]:
    for node in nodes:
        if isinstance(node, Node):
            yield node
            for value in node.fields.values():
                if isinstance(value, list):
                    yield from _nodes(value)


def pre_check(
    variant: Variant,
    sentences: Sequence[Sentence],
    findings: Sequence[Finding],
    unit_words: Sequence[Sequence[int]],
    *,
    plain: bool = True,
) -> Pemat:
    """The PEMAT-P items this variant's source can decide (see the module docstring).

    ``unit_words`` holds, per top-level section, the words of each paragraph or item.
    """
    language = "es" if variant.locale.lower().startswith("es") else "en"
    nodes = list(_nodes(variant.sections))
    words = sum(len(s.words) for s in sentences)
    short = words < VERY_SHORT_WORDS
    result = Pemat(person=dict(PERSON_ITEMS))
    add = result.items.append
    add(_terms_defined(findings, plain))
    add(_active_voice(sentences, findings, language, result))
    calc = [s.text for s in sentences if _CALCULATION.search(s.text)]
    add(_item(7, "The material does not expect the user to perform calculations", not calc,
              f"asks for a calculation: \"{calc[0]}\"" if calc else "no calculation asked"))  # fmt: skip
    add(_chunked(unit_words, short))
    add(_headers(variant, short))
    add(_summary(variant, nodes, short))
    add(_captions(nodes))
    add(_tables(nodes))
    actions = [s for s in sentences if _is_action(s, language)]
    get_help = any(n.type == "get_help" for n in nodes)
    add(_item(20, "The material clearly identifies at least one action the user can take",
              bool(actions) or get_help,
              "a 'when to get help' block" if get_help else
              f"for example \"{actions[0].text}\"" if actions else "no instruction found",
              domain="actionability"))  # fmt: skip
    add(_direct(sentences, actions, language))
    numbered = any(n.type == "list" and n.fields.get("style") == "numbered" for n in nodes)
    add(_item(22, "The material breaks down any action into manageable, explicit steps",
              numbered, "a numbered list of steps" if numbered else "no numbered list of steps",
              domain="actionability", applies=bool(actions) or get_help))  # fmt: skip
    return result


def _item(
    number: int,
    text: str,
    agree: bool,
    why: str,
    *,
    domain: str = "understandability",
    applies: bool = True,
) -> Item:
    rating = "n/a" if not applies else "agree" if agree else "disagree"
    return Item(number, domain, text, rating, why)


def _terms_defined(findings: Sequence[Finding], plain: bool) -> Item:
    if not plain:  # a clinician variant keeps its terms on purpose: no jargon findings
        return _item(4, "Medical terms are defined when used", False,
                     "not judged: this audience has no plain-language findings", applies=False)  # fmt: skip
    left = [w for f in findings if f.kind in ("jargon", "abbreviation") for w in f.words]
    return _item(4, "Medical terms are defined when used", not left,
                 f"not explained: {', '.join(left[:5])}" if left else
                 "every technical term is explained or in the glossary")  # fmt: skip


def _active_voice(
    sentences: Sequence[Sentence], findings: Sequence[Finding], language: str, result: Pemat
) -> Item:
    text = "The material uses the active voice"
    if language != "en":
        result.person = dict(
            sorted({**result.person, 5: text + " (no passive check here)"}.items())
        )
        return _item(5, text, False, "judged by a person for this language", applies=False)
    passive = {f.sentence for f in findings if f.kind == "passive"}
    share = 1 - len(passive) / len(sentences) if sentences else 1.0
    return _item(5, text, share >= ACTIVE_SHARE, f"{share:.0%} of sentences active")


def _chunked(unit_words: Sequence[Sequence[int]], short: bool) -> Item:
    text = 'The material breaks or "chunks" information into short sections'
    long_sections = [u for u in unit_words if sum(u) > CHUNK_SECTION_WORDS]
    long_units = [n for u in unit_words for n in u if n > CHUNK_UNIT_WORDS]
    why = (
        f"{len(long_sections)} section(s) over {CHUNK_SECTION_WORDS} words, {len(long_units)} "
        f"paragraph(s) or item(s) over {CHUNK_UNIT_WORDS}"
    )
    return _item(8, text, not long_sections and not long_units, why, applies=not short)


def _headers(variant: Variant, short: bool) -> Item:
    titled = [s for s in variant.sections if s.fields.get("title")]
    ok = len(variant.sections) >= 2 and len(titled) == len(variant.sections)
    why = (
        f"{len(titled)} of {len(variant.sections)} sections have a heading (are they informative?)"
    )
    return _item(9, "The material's sections have headers", ok, why, applies=not short)


def _summary(variant: Variant, nodes: Sequence[Node], short: bool) -> Item:
    titles = ["".join(t.plain() for t in s.fields.get("title") or ()) for s in variant.sections]
    summary = next((t for t in titles if _SUMMARY_TITLE.search(t)), None)
    ok = bool(variant.bottom_line) or summary is not None
    why = "a bottom line up front" if variant.bottom_line else f"section '{summary}'"
    return _item(11, "The material provides a summary", ok, why if ok else "no summary",
                 applies=not short)  # fmt: skip


def _captions(nodes: Sequence[Node]) -> Item:
    images = [n for n in nodes if n.type == "image"]
    bare = [n.id for n in images if not n.fields.get("caption")]
    return _item(17, "The material's visual aids have clear titles or captions", not bare,
                 f"no caption: {', '.join(bare)}" if bare else f"{len(images)} image(s) captioned",
                 applies=bool(images))  # fmt: skip


def _tables(nodes: Sequence[Node]) -> Item:
    tables = [n for n in nodes if n.type == "table"]
    big = [
        n.id
        for n in tables
        if not n.fields.get("columns")
        or len(n.fields["columns"]) > TABLE_COLUMNS
        or len(n.fields.get("rows", [])) > TABLE_ROWS
    ]
    return _item(19, "The material uses simple tables with short and clear row and column headings",
                 not big, f"not simple: {', '.join(big)}" if big else
                 f"{len(tables)} table(s) with column headings", applies=bool(tables))  # fmt: skip


def _is_action(sentence: Sentence, language: str) -> bool:
    first = sentence.words[0].text.lower() if sentence.words else ""
    return first in ACTION_WORDS[language].split()


def _direct(sentences: Sequence[Sentence], actions: Sequence[Sentence], language: str) -> Item:
    you = [s for s in sentences if re.search(_YOU[language], s.text, re.IGNORECASE)]
    third = [s.text for s in sentences if _THIRD_PERSON.search(s.text)]
    ok = bool(you or actions) and not third
    why = (
        f'speaks of the reader in the third person: "{third[0]}"'
        if third
        else f"{len(you)} sentence(s) say 'you', {len(actions)} give an instruction"
    )
    return _item(21, "The material addresses the user directly when describing actions", ok, why,
                 domain="actionability", applies=bool(you or actions or third))  # fmt: skip
