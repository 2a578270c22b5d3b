"""The facts in one plain-text run of a sentence: doses, times, frequencies, values, statistics.

``find_facts(text, locale)`` returns typed :class:`Fact` objects with their
character spans, or raises :class:`FactError` listing every located problem
(``scan`` returns the problems instead). Facts compare by value, never by
spelling: "2 to 3" equals "2.0 to 3.0", "2 times a day" equals "twice a day".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from engine.inline.numerals import (
    ARTICLES,
    NUMERAL,
    WORDS,
    FactError,
    Problem,
    Symbols,
    foreign_digits,
    read_number,
    simple_fraction,
    symbols,
)
from engine.inline.units import (
    AVOID,
    AVOID_REACH,
    BETWEEN,
    CI,
    CLAUSE_BREAKS,
    COMPARATORS,
    COMPARATORS_AFTER,
    DOSE_FORMS,
    DOSING_VERBS,
    DURATION_WORDS,
    EVERY,
    FREQUENCY_PATTERNS,
    LY,
    MEASURE_LINK,
    MEASURES,
    MICROGRAM_SIGNS,
    NEGATIONS,
    PERIODS,
    RANGE,
    TIMES,
    TIMES_WORDS,
    UNITS,
    WORD_UNITS,
    alternation,
    squash,
)  # fmt: skip

__all__ = ["Fact", "FactError", "Frequency", "Problem", "find_facts", "scan"]

COUNTED_PATTERNS = {"en": 2, "es": 1}
"""How many leading FREQUENCY_PATTERNS count times ("twice a day") and may stand alone."""
RATIOS = frozenset({"HR", "OR", "RR", "SMD", "MD", "effect size", "I2"})
KINDS = ("dose", "dose_per_weight", "duration", "interval", "frequency", "clinical",
         "percentage", "statistic", "count", "time")  # fmt: skip


def _num(value: Decimal) -> str:
    """A value however it was spelled: 2.0 and 2 both show as 2, 1e3 as 1000."""
    return f"{value.normalize():f}"


@dataclass(frozen=True)
class Frequency:
    """How often: ``times`` per ``period`` ('day', 'week', ...); period '' is a one-off ("once")."""

    times: Decimal
    period: str

    def describe(self) -> str:
        if not self.period:
            return "once" if self.times == 1 else f"{_num(self.times)} times"
        return f"{_num(self.times)}×/{self.period}"


@dataclass(frozen=True)
class Fact:
    """One fact. Equality and hashing use the value fields only, never the spelling or place."""

    kind: str
    low: Decimal
    high: Decimal | None = None
    """Upper bound of a range ("2 to 3"); None for a single value."""
    second: Decimal | None = None
    """Second value of a pair such as blood pressure 130/80."""
    unit: str = ""
    measure: str = ""
    """What the value is of, when named: 'INR', 'HbA1c', 'blood pressure', 'p', '95% CI'..."""
    comparator: str = ""
    """'<', '≤', '>', '≥' or ''."""
    frequency: Frequency | None = None
    negated: bool = False
    raw: str = field(default="", compare=False)
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)

    def value_text(self) -> str:
        value = _num(self.low) if self.high is None else f"{_num(self.low)} to {_num(self.high)}"
        return value if self.second is None else f"{value}/{_num(self.second)}"

    def describe(self) -> str:
        parts = ["not" if self.negated else "", self.measure, self.comparator + self.value_text(),
                 self.unit, self.frequency.describe() if self.frequency else ""]  # fmt: skip
        return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class _Grammar:
    quantity: re.Pattern[str]
    standalone: re.Pattern[str]
    frequencies: tuple[tuple[re.Pattern[str], str], ...]


def _measures(language: str) -> str:
    pieces = []
    for name in sorted(MEASURES[language], key=len, reverse=True):
        if name in ("p", "n"):
            pieces.append(rf"{name}(?=\s*[=<>≤≥])")
        elif len(name) <= 3 and name.isalpha():
            pieces.append(rf"(?-i:{name.upper()})")
        else:
            pieces.append(re.escape(name).replace(r"\ ", r"\s+"))
    return "|".join(pieces)


def _frequency_alternation(language: str, count: str) -> str:
    return "|".join(f"(?:{p.format(N=count)})" for p, _ in FREQUENCY_PATTERNS[language][:-1])


@lru_cache(maxsize=8)
def _grammar(language: str) -> _Grammar:
    words = alternation([*WORDS[language], *ARTICLES[language]])
    count = rf"[0-9]+|{alternation(WORDS[language])}"
    number = rf"[1-9]/[2348](?![0-9/])|{NUMERAL}|(?<![\w])(?:{words})(?!\w)"
    units = alternation([*UNITS, *MICROGRAM_SIGNS])
    freq = re.sub(r"\(\?P<\w+>", "(?:", _frequency_alternation(language, count))
    quantity = rf"""
        (?<![\w.,/])
        (?:(?P<measure>{_measures(language)}){MEASURE_LINK[language]})?
        (?:{CI[language]}\s*)?
        (?:(?P<every>{EVERY[language]})\s+)?
        (?:(?P<comparator>{alternation(COMPARATORS)})\s*)?
        (?:(?P<between>{BETWEEN[language]})\s+)?
        (?P<low>{number})
        (?:\s*(?P<unit1>{units})(?!\w))?
        (?:(?:{RANGE[language]})(?P<high>{number}))?
        (?:/(?P<second>[0-9]+)(?![0-9/]))?
        (?:\s*(?P<unit>{units})(?!\w))?
        (?:\s*,?\s*(?P<freq>{freq})(?!\w))?
        (?:\s+(?P<after>{alternation(COMPARATORS_AFTER)})(?!\w)(?!\s*(?:{number})))?
        (?![\w(])
    """
    once = r"(?:once|twice)(?=\s*(?:[.,;)]|$|only\b))" if language == "en" else (
        r"una\s+(?:sola\s+)?vez(?!\s+que)")  # fmt: skip
    always = (r"daily|weekly|monthly|nightly|(?:every|each)\s+(?:day|week|month|night|morning)"
              r"|every\s+other\s+(?:day|week|month)"
              if language == "en" else r"a\s+diario|diariamente|diari[ao]s|diaria|semanalmente|cada\s+(?:día|semana|"
              r"mes|noche)|tod[oa]s\s+l[oa]s\s+(?:días|semanas|noches)"
              r"|un\s+día\s+sí\s+y\s+otro\s+no|en\s+días\s+alternos")  # fmt: skip
    leading = FREQUENCY_PATTERNS[language][: COUNTED_PATTERNS[language]]
    counted = re.sub(r"\(\?P<\w+>", "(?:", "|".join(f"(?:{p.format(N=count)})" for p, _ in leading))
    standalone = rf"(?<!\w)(?P<freq>{counted}|{once}|{always})(?!\w)"
    flags = re.VERBOSE | re.IGNORECASE
    patterns = tuple(
        (re.compile(p.format(N=count), re.IGNORECASE), how)
        for p, how in FREQUENCY_PATTERNS[language]
    )
    return _Grammar(re.compile(quantity, flags), re.compile(standalone, re.IGNORECASE), patterns)


def _count(text: str, language: str) -> Decimal:
    key = squash(text)
    if key in TIMES_WORDS:
        return TIMES_WORDS[key]
    return WORDS[language].get(key) or Decimal(key)


def read_frequency(text: str, language: str) -> Frequency:
    """'twice a day', '2 times daily', 'dos veces al día', 'daily', 'once' as times per period."""
    text = squash(text).lstrip(", ")
    extra = {"a diario": "day", "diariamente": "day", "semanalmente": "week"}
    if text in extra:
        return Frequency(Decimal(1), extra[text])
    for pattern, how in _grammar(language).frequencies:
        found = pattern.fullmatch(text)
        if not found:
            continue
        groups = found.groupdict()
        if how == "-":
            return Frequency(_count(groups["times"], language), "")
        period = LY.get(groups.get("ly") or "") or _period(groups.get("period") or "")
        if how == "0.5":
            return Frequency(Decimal("0.5"), _period(groups.get("period") or groups["period2"]))
        times = Decimal(1) if how == "1" else _count(groups["times"], language)
        return Frequency(times, period)
    raise ValueError(text)  # pragma: no cover - the grammar admits only frequencies


def _period(word: str) -> str:
    word = word.lower()
    singular = {"días": "día", "semanas": "semana", "noches": "día", "noche": "día",
                "night": "day", "morning": "day"}.get(word, word)  # fmt: skip
    return PERIODS.get(singular, singular)


def _clause_start(text: str, position: int) -> int:
    starts = [m.end() for m in re.finditer(CLAUSE_BREAKS, text[:position], re.IGNORECASE)]
    return starts[-1] if starts else 0


def _negated(text: str, start: int, language: str) -> bool:
    before = text[_clause_start(text, start) : start].lower()
    words = re.findall(r"[\w']+", before)
    near = words[-AVOID_REACH:]
    return any(w in NEGATIONS[language] for w in words) or any(w in AVOID[language] for w in near)


def _word_before(text: str, start: int) -> str:
    found = re.search(r"([\w']+)\s*$", text[:start])
    return found.group(1).lower() if found else ""


def _spelled(value: str, language: str) -> bool:
    return squash(value) in WORDS[language] or squash(value) in ARTICLES[language]


def _words_count(match: re.Match[str], text: str, language: str, unit: str) -> bool:
    """Number words count a unit, dose form, time or frequency, or a named measure's value.

    An article ("a", "una") is 1 only before a dose form after a dosing verb
    ("take a tablet", "tome una pastilla") or with a frequency ("una pastilla
    al día"), and before a time after a duration word ("for a week", "durante
    una semana"): elsewhere it is an article ("un médico", "si olvida una pastilla").
    """
    low = squash(match.group("low"))
    if match.group("measure"):
        return low not in ARTICLES[language]
    if low in ARTICLES[language]:
        before = _word_before(text, match.start("low"))
        if unit in DOSE_FORMS:
            return before in DOSING_VERBS[language] or bool(match.group("freq"))
        return unit in TIMES and bool(re.fullmatch(DURATION_WORDS[language], before))
    return unit in WORD_UNITS


def _value(raw: str | None, sym: Symbols, offset: int, strict: bool) -> Decimal | None:
    if raw is None:
        return None
    key = squash(raw)
    if key in WORDS[sym.language]:
        return WORDS[sym.language][key]
    if key in ARTICLES[sym.language]:
        return Decimal(1)
    fraction = simple_fraction(raw)
    return fraction if fraction is not None else read_number(raw, sym, offset, strict)


_ESTIMATE = re.compile(r"\s*[;,]\s*(?:\d{2}\s*%\s*CI|IC\s*(?:del\s*)?\d{2}\s*%)")


def _kind(match: re.Match[str], unit_kind: str, raw: str, sym: Symbols) -> str:
    if match.group("measure"):
        return MEASURES[sym.language][squash(match.group("measure"))][1]
    if match.group("level"):
        return "statistic"
    if unit_kind == "duration" and match.group("every"):
        return "interval"
    if unit_kind:
        return unit_kind
    if match.group("freq"):
        return "frequency"
    # A bare number, decimal or not ("5.5" in "potassium above 5.5"), may be a threshold or
    # a target: kept unless the writer marks it under `statistics`.
    return "count"


def _fact(match: re.Match[str], text: str, sym: Symbols) -> Fact | None:
    language = sym.language
    written_unit = squash(match.group("unit") or match.group("unit1") or "")
    if written_unit in MICROGRAM_SIGNS:
        raise FactError([Problem(match.start(), f"'{match.group(0).strip()}' writes micrograms "
                                 f"as '{written_unit}'", "write micrograms as 'mcg': 'μg' is on "
                                 "the list of error-prone abbreviations")])  # fmt: skip
    unit, unit_kind = UNITS.get(written_unit, ("", ""))
    if _spelled(match.group("low"), language) and not _words_count(
        match, text, language, written_unit
    ):
        return None
    if match.group("every") and unit_kind != "duration":
        return None
    comparator = COMPARATORS.get(squash(match.group("comparator") or ""), "") or (
        COMPARATORS_AFTER.get(squash(match.group("after") or ""), ""))  # fmt: skip
    if squash(match.group("comparator") or "") == "over" and unit_kind == "duration":
        comparator = ""  # "over 30 minutes" is how long, not more than
    measure = (
        MEASURES[language][squash(match.group("measure"))][0] if match.group("measure") else ""
    )
    strict = not match.group("level") and measure not in RATIOS
    low = _value(match.group("low"), sym, match.start("low"), strict)
    assert low is not None
    high = _value(match.group("high"), sym, max(0, match.start("high")), strict)
    second = Decimal(match.group("second")) if match.group("second") else None
    kind = _kind(match, unit_kind, match.group("low"), sym)
    if kind == "count" and _ESTIMATE.match(text, match.end()):
        kind = "statistic"  # "(-0.945; 95% CI ...)": an effect estimate with its interval
    if match.group("level"):
        measure = f"{match.group('level')}% CI"
    start = match.start()
    if match.group("measure") and not match.group("level"):
        # The measure's name and the words that link it ("eGFR is below 30") stay prose on
        # the page; the fact still knows what it measures.
        start = min(match.start(g) for g in ("every", "comparator", "between", "low")
                    if match.group(g) is not None)  # fmt: skip
    if match.group("between") and match.group("high") is None and start == match.start("between"):
        start = match.start("low")  # "de 8 ECA": "de" makes a range only with a second value
    frequency = read_frequency(match.group("freq"), language) if match.group("freq") else None
    if kind == "frequency":
        frequency = None
        kind, unit = "count", ""
    end = match.end()
    return Fact(kind, low, high, second, unit, measure, comparator, frequency,
                _negated(text, start, language), text[start:end].strip(), start, end)  # fmt: skip


def _standalone(match: re.Match[str], text: str, language: str) -> Fact:
    frequency = read_frequency(match.group("freq"), language)
    start, end = match.start(), match.end()
    return Fact("frequency", frequency.times, None, None, "", "", "", frequency,
                _negated(text, start, language), match.group(0), start, end)  # fmt: skip


_DOSE_UNITS = alternation(
    k for k, (_, kind) in UNITS.items() if kind in ("dose", "dose_per_weight")
)
_NAKED = re.compile(rf"(?<![\w.,])[.,][0-9]+\s*(?:{_DOSE_UNITS})(?!\w)", re.IGNORECASE)


def _naked_decimals(text: str) -> list[Problem]:
    """A dose written without its leading zero (".5 mg") is read as 5 mg when the point is
    missed: refused, as the safe-medication lists ask."""
    return [
        Problem(m.start(), f"'{m.group(0)}' has no zero before its decimal point",
                f"write 0{m.group(0)}: a dose without its leading zero is read ten times as large")
        for m in _NAKED.finditer(text)
    ]  # fmt: skip


def scan(text: str, locale: str | Symbols) -> tuple[list[Fact], list[Problem]]:
    """Every fact in ``text`` in order of position, and every located problem."""
    sym = symbols(locale) if isinstance(locale, str) else locale
    grammar = _grammar(sym.language)
    problems = foreign_digits(text) + _naked_decimals(text)
    facts: list[Fact] = []
    position = 0
    while position < len(text):
        single = grammar.standalone.search(text, position)
        several = grammar.quantity.search(text, position)
        tie = single is not None and several is not None and single.start() == several.start()
        if tie and single is not None and several is not None and single.end() > several.end():
            several = None  # "2 times a day" is one frequency, not the count 2
        if several and (single is None or several.start() < single.start() or tie):
            try:
                found = _fact(several, text, sym)
            except FactError as error:
                problems.extend(error.problems)
                found = None
            if found is not None:
                facts.append(found)
                position = several.end()
                continue
            if tie and single is not None:
                facts.append(_standalone(single, text, sym.language))
                position = single.end()
                continue
            # Read again from the number itself when words before it were taken for a
            # measure or comparator: "25(OH)D una vez al año" still holds "una vez al año".
            low_start = several.start("low")
            position = low_start if low_start > several.start() else low_start + max(
                1, len(several.group("low") or ""))  # fmt: skip
        elif single:
            facts.append(_standalone(single, text, sym.language))
            position = single.end()
        else:
            break
    return facts, sorted(problems)


def find_facts(text: str, locale: str | Symbols) -> list[Fact]:
    """Every fact in ``text``, or :class:`FactError` with every located problem."""
    facts, problems = scan(text, locale)
    if problems:
        raise FactError(problems)
    return facts
