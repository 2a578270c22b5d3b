"""Properties of the fact lock, on text, in English and Spanish.

- A value-equal rewrite of a text (grouping, trailing zeros, "twice a day" for
  "2 times a day", number words for dose forms) always passes.
- Any single change to the text of one fact (its value, unit, frequency or
  polarity), any removal, and any swap of two facts of one kind always fails,
  but for the removal of a study statistic where the profile allows it.

Texts are read by ``parse_inline`` as the engine reads a source, and judged by
the one comparison both the audience and the translation checks use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import Location
from engine.inline.parse import parse_inline
from engine.load.project import number_format
from engine.validate.facts import Rules, Side, compare_facts, quantities

NOWHERE = Location("case")


@dataclass(frozen=True)
class Clause:
    kind: str  # dose, duration, interval, statistic, clinical
    value: int
    cents: int = 0
    unit: str = "mg"
    times: int = 1  # times a day, for doses
    negated: bool = False


UNITS = {"en": ["mg", "mcg", "IU", "mL", "tablets"], "es": ["mg", "mcg", "UI", "mL", "tabletas"]}
WORDS = {
    "en": {1: "one", 2: "two", 3: "three", 4: "four"},
    "es": {1: "una", 2: "dos", 3: "tres", 4: "cuatro"},
}
OFTEN = {
    "en": {1: ("1 time a day", "once a day"), 2: ("2 times a day", "twice a day")},
    "es": {1: ("1 vez al día", "una vez al día"), 2: ("2 veces al día", "dos veces al día")},
}


def number(value: int, cents: int, tag: str, grouped: bool, zeros: int) -> str:
    fmt = number_format(tag)  # en-US and es-US write 1,500.5; es-ES writes 1.500,5
    decimal, group = fmt.decimal, fmt.group
    decimals = (f"{cents:02d}".rstrip("0") if cents else "") + "0" * zeros
    if len(decimals) == 3:
        decimals += "0"  # "1.500" is refused as ambiguous, never read
    whole = f"{value:,}".replace(",", group) if grouped else str(value)
    return f"{whole}{decimal}{decimals}" if decimals else whole


def sentence(clause: Clause, tag: str, grouped: bool, zeros: int, spelled: bool) -> str:
    language = tag[:2]
    en = language == "en"
    units = UNITS[language]
    if clause.kind == "duration":
        return f"for {clause.value} days" if en else f"durante {clause.value} días"
    if clause.kind == "interval":
        return f"every {clause.value} hours" if en else f"cada {clause.value} horas"
    if clause.kind == "statistic":
        return f"in {clause.value} trials" if en else f"en {clause.value} ensayos"
    if clause.kind == "clinical":
        return f"keep the INR {clause.value} to {clause.value + 1}" if en else (
            f"mantenga el INR {clause.value} a {clause.value + 1}")  # fmt: skip
    unit = clause.unit if clause.unit in units else units[0]
    tablets = unit in ("tablets", "tabletas")
    if tablets and spelled and clause.value in WORDS[language]:
        amount = WORDS[language][clause.value]
    elif tablets:
        amount = str(clause.value)
    else:
        amount = number(clause.value, clause.cents, tag, grouped, zeros)
    often = OFTEN[language][clause.times][1 if spelled else 0]
    verb = ("do not take" if en else "no tome") if clause.negated else ("take" if en else "tome")
    return f"{verb} {amount} {unit} {often}"


def text(
    plan: list[Clause], tag: str, grouped: bool = False, zeros: int = 0, spelled: bool = False
) -> str:
    return "; ".join(sentence(c, tag, grouped, zeros, spelled) for c in plan) + "."


def judge(reference: str, wording: str, tag: str, omit: bool = False) -> list[str]:
    fmt = number_format(tag)
    rules = Rules(omissible=lambda q: q.kind == "statistic") if omit else Rules()
    found = compare_facts(
        Side("the clinician text", quantities(parse_inline(reference, number_format=fmt)), NOWHERE),
        Side("patient wording", quantities(parse_inline(wording, number_format=fmt)), NOWHERE),
        rules,
    )
    return [d.message for d in found]


def clause(tag: str) -> st.SearchStrategy[Clause]:
    language = tag[:2]
    return st.builds(
        Clause,
        kind=st.sampled_from(["dose", "dose", "duration", "interval", "statistic", "clinical"]),
        value=st.integers(1, 4) | st.integers(5, 25000),
        cents=st.integers(0, 99),
        unit=st.sampled_from(UNITS[language]),
        times=st.integers(1, 2),
    )


def plans(tag: str) -> st.SearchStrategy[list[Clause]]:
    def valid(plan: list[Clause]) -> list[Clause]:
        # tablets are counted whole; the clinical and timing clauses carry no decimals
        return [
            replace(c, cents=0) if c.kind != "dose" or c.unit in ("tablets", "tabletas") else c
            for c in plan
        ]

    return st.lists(clause(tag), min_size=1, max_size=4).map(valid)


LANGUAGES = st.sampled_from(["en-US", "es-US", "es-ES"])


@settings(max_examples=80, deadline=None)
@given(LANGUAGES.flatmap(lambda lang: st.tuples(st.just(lang), plans(lang))), st.booleans(),
       st.integers(0, 2), st.booleans())  # fmt: skip
def test_a_value_equal_rewrite_passes(
    planned: tuple[str, list[Clause]], grouped: bool, zeros: int, spelled: bool
) -> None:
    tag, plan = planned
    reference = text(plan, tag)
    wording = text(plan, tag, grouped, zeros, spelled)
    assert judge(reference, wording, tag) == [], (reference, wording)


def mutated(plan: list[Clause], index: int, how: str, tag: str) -> list[Clause] | None:
    """The plan with one fact changed, removed or swapped; None when that is no change."""
    language = tag[:2]
    changed = list(plan)
    target = plan[index]
    if how == "value":
        changed[index] = replace(target, value=target.value + 1)
    elif how == "unit" and target.kind == "dose":
        others = [u for u in UNITS[language] if u != target.unit]
        changed[index] = replace(target, unit=others[target.value % len(others)], cents=0)
    elif how == "times" and target.kind == "dose":
        changed[index] = replace(target, times=3 - target.times)
    elif how == "negate" and target.kind == "dose":
        changed[index] = replace(target, negated=True)
    elif how == "remove":
        del changed[index]
    elif how == "swap":
        shown = sentence(target, tag, False, 0, False)
        same = [
            i
            for i, c in enumerate(plan)
            if c.kind == target.kind and sentence(c, tag, False, 0, False) != shown
        ]
        if not same:
            return None
        changed[index], changed[same[0]] = plan[same[0]], target
    else:
        return None
    return changed


@settings(max_examples=150, deadline=None)
@given(LANGUAGES.flatmap(lambda lang: st.tuples(st.just(lang), plans(lang))), st.data())
def test_any_single_change_to_a_fact_fails(
    planned: tuple[str, list[Clause]], data: st.DataObject
) -> None:
    tag, plan = planned
    index = data.draw(st.integers(0, len(plan) - 1))
    how = data.draw(st.sampled_from(["value", "unit", "times", "negate", "remove", "swap"]))
    changed = mutated(plan, index, how, tag)
    if changed is None:
        return
    reference, wording = text(plan, tag), text(changed, tag, spelled=True)
    statistic_dropped = how == "remove" and plan[index].kind == "statistic"
    assert judge(reference, wording, tag), (reference, wording)
    if statistic_dropped:
        assert judge(reference, wording, tag, omit=True) == [], (reference, wording)


@settings(max_examples=100, deadline=None)
@given(LANGUAGES.flatmap(lambda lang: st.tuples(st.just(lang), plans(lang))), st.data())
def test_any_number_edited_in_the_text_fails(
    planned: tuple[str, list[Clause]], data: st.DataObject
) -> None:
    """Edit the written text itself: one digit run becomes another number."""
    tag, plan = planned
    reference = text(plan, tag)
    runs = list(re.finditer(r"(?<![\d.,])\d+(?![\d.,]\d)", reference))
    run = runs[data.draw(st.integers(0, len(runs) - 1))]
    new = str(int(run.group()) + data.draw(st.integers(1, 9)))
    wording = reference[: run.start()] + new + reference[run.end() :]
    assert judge(reference, wording, tag), (reference, wording)
