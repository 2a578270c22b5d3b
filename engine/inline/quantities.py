"""Quantities inside text: numbers with their unit, comparator and frequency, as exact decimals."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from engine.inline.tokens import InlineError, Quantity, Text, Token
from engine.source.located import LocatedStr


@dataclass(frozen=True)
class NumberFormat:
    """How a locale writes numbers: decimal and group separators."""

    decimal: str = "."
    group: str = ","

    def parse(self, text: str) -> tuple[Decimal, int]:
        """The exact value of a written number and how many decimals it was written with."""
        cleaned = text.replace("\u2212", "-").replace(self.group, "").replace("\u202f", "")
        cleaned = cleaned.replace("\u00a0", "")
        if self.decimal != ".":
            cleaned = cleaned.replace(self.decimal, ".")
        try:
            value = Decimal(cleaned)
        except InvalidOperation as error:  # pragma: no cover - the pattern admits only numbers
            raise ValueError(text) from error
        decimals = len(cleaned.split(".")[1]) if "." in cleaned else 0
        return value, decimals


UNITS: dict[str, tuple[str, str]] = {
    # written form (lowercase) -> (canonical unit, kind when no comparator)
    "mcg": ("mcg", "dose"),
    "mg": ("mg", "dose"),
    "g": ("g", "dose"),
    "kg": ("kg", "dose"),
    "iu": ("IU", "dose"),
    "ui": ("IU", "dose"),
    "units": ("units", "dose"),
    "unidades": ("units", "dose"),
    "ml": ("mL", "dose"),
    "ng/ml": ("ng/mL", "threshold"),
    "nmol/l": ("nmol/L", "threshold"),
    "mg/dl": ("mg/dL", "threshold"),
    "mmol/l": ("mmol/L", "threshold"),
    "%": ("%", "percentage"),
    "percent": ("%", "percentage"),
    "por ciento": ("%", "percentage"),
    "hours": ("h", "count"),
    "horas": ("h", "count"),
    "years": ("years", "count"),
    "años": ("years", "count"),
}


MICROGRAM_SIGNS = ("μg", "µg", "ug")


COMPARATORS: dict[str, str] = {
    "≥": "≥",
    ">=": "≥",
    "≤": "≤",
    "<=": "≤",
    ">": ">",
    "<": "<",
    "at least": "≥",
    "no less than": "≥",
    "at most": "≤",
    "no more than": "≤",
    "up to": "≤",
    "more than": ">",
    "greater than": ">",
    "over": ">",
    "above": ">",
    "less than": "<",
    "fewer than": "<",
    "below": "<",
    "under": "<",
    "al menos": "≥",
    "como mínimo": "≥",
    "como máximo": "≤",
    "hasta": "≤",
    "más de": ">",
    "por encima de": ">",
    "menos de": "<",
    "por debajo de": "<",
}


FREQUENCIES: dict[str, str] = {
    "/day": "day",
    "/d": "day",
    "per day": "day",
    "a day": "day",
    "each day": "day",
    "every day": "day",
    "daily": "day",
    "al día": "day",
    "por día": "day",
    "cada día": "day",
    "diarios": "day",
    "diarias": "day",
    "diaria": "day",
    "diario": "day",
    "/week": "week",
    "per week": "week",
    "a week": "week",
    "weekly": "week",
    "a la semana": "week",
    "por semana": "week",
    "semanales": "week",
}


def _alternation(words: Sequence[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _number_pattern(fmt: NumberFormat) -> str:
    group, decimal = re.escape(fmt.group), re.escape(fmt.decimal)
    return rf"[-\u2212]?(?:\d{{1,3}}(?:{group}\d{{3}})+|\d+)(?:{decimal}\d+)?"


def _quantity_regex(fmt: NumberFormat) -> re.Pattern[str]:
    number = _number_pattern(fmt)
    units = _alternation([*UNITS, *MICROGRAM_SIGNS])
    comparators = _alternation(list(COMPARATORS))
    frequencies = _alternation(list(FREQUENCIES))
    dash = r"\s*[-–]\s*|\s+(?:to|a)\s+"
    return re.compile(
        rf"""
        (?<![\w.,/])
        (?:(?P<comparator>{comparators})\s*)?
        (?:(?P<level>\d{{2}})\s*%\s*CI:?\s*|IC\s+(?:del\s+)?(?P<level_es>\d{{2}})\s*%:?\s*)?
        (?P<low>{number})
        (?:\s*(?P<unit1>{units})(?!\w))?
        (?:(?P<dash>{dash})(?P<high>{number}))?
        (?:\s*(?P<unit>{units})(?!\w))?
        (?:\s*(?P<per>{frequencies})(?!\w))?
        (?![\w(])
        """,
        re.VERBOSE | re.IGNORECASE,
    )


_QUANTITY_CACHE: dict[NumberFormat, re.Pattern[str]] = {}


def _classify(
    unit_kind: str, comparator: str, low: Decimal, high: Decimal | None, ci: bool, decimals: int
) -> str:
    if ci:
        return "statistic"
    if comparator:
        return "threshold"
    if unit_kind:
        return unit_kind
    if decimals or low < 0:
        return "statistic"
    return "count"


def _quantities(
    text: str, fmt: NumberFormat, base: int, origin: LocatedStr | None
) -> Iterator[Token]:
    pattern = _QUANTITY_CACHE.get(fmt)
    if pattern is None:
        pattern = _QUANTITY_CACHE.setdefault(fmt, _quantity_regex(fmt))
    position = 0
    for match in pattern.finditer(text):
        raw = match.group(0)
        if match.group("high") is None and match.group("dash") is not None:
            continue  # pragma: no cover - the pattern requires both together
        unit_text = (match.group("unit") or match.group("unit1") or "").lower()
        unit_text = re.sub(r"\s+", " ", unit_text)
        if unit_text in MICROGRAM_SIGNS:
            raise InlineError(
                f"'{raw}' writes micrograms as '{match.group('unit') or match.group('unit1')}'",
                "write micrograms as 'mcg': 'μg' is on the list of error-prone abbreviations",
                base + match.start(),
                raw,
            )
        comparator_text = re.sub(r"\s+", " ", (match.group("comparator") or "").lower())
        comparator = COMPARATORS.get(comparator_text, "")
        if not comparator and match.group("comparator"):
            comparator = COMPARATORS.get(match.group("comparator"), "")
        low, decimals = fmt.parse(match.group("low"))
        high = None
        if match.group("high"):
            high, high_decimals = fmt.parse(match.group("high"))
            decimals = max(decimals, high_decimals)
        unit, unit_kind = UNITS.get(unit_text, ("", ""))
        level = match.group("level") or match.group("level_es")  # "95% CI", "IC 95%"
        if level:
            unit = f"{level}% CI"
        per_text = re.sub(r"\s+", " ", (match.group("per") or "").lower())
        per = FREQUENCIES.get(per_text, "")
        # A bare word such as "over" or "under" before a plain count is prose, not a threshold.
        if comparator_text.isalpha() and not unit and not per and not level:
            comparator = ""
            start = match.start("low")
            raw = text[start : match.end()]
        else:
            start = match.start()
        if raw.strip() != raw:
            stripped = raw.rstrip()
            raw = stripped
        if start > position:
            yield Text(text[position:start], origin=origin, offset=base + position)
        kind = _classify(unit_kind, comparator, low, high, bool(level), decimals)
        yield Quantity(
            raw,
            kind,
            low,
            high,
            unit,
            comparator,
            per,
            decimals,
            origin=origin,
            offset=base + start,
        )
        position = start + len(raw)
    if position < len(text):
        yield Text(text[position:], origin=origin, offset=base + position)
