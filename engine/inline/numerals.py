"""Numbers as a locale writes them, read exactly or refused with a reason.

A number is read with the locale's CLDR symbols (babel): ``en`` and ``es-US``
write 1,500.5, ``es`` and ``es-ES`` write 1.500,5. A number that the other
convention reads as a different value is refused, never guessed: in English
"1.500" (one and a half, or fifteen hundred?), in Spanish "1,500" and "1,000".
Digits of another script (Bengali ৪ is four, Arabic-Indic, fullwidth) are
refused too: they look like Latin digits and mean something else.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import lru_cache
from typing import NamedTuple

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol


class Problem(NamedTuple):
    """A located problem: offset into the text, what is wrong, how to fix it."""

    offset: int
    message: str
    hint: str


class FactError(ValueError):
    """Raised with every problem found in a text."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(f"{p.offset}: {p.message}" for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class NumberFormat:
    """How a locale writes numbers (its CLDR decimal and group signs), and which
    language's words for units, times and number words the recogniser reads."""

    decimal: str = "."
    group: str = ","
    language: str = "en"


Symbols = NumberFormat

LANGUAGES = ("en", "es")
"""Languages whose fact vocabulary the recogniser knows; others are read with English words."""


@lru_cache(maxsize=32)
def symbols(locale: str) -> NumberFormat:
    """CLDR's separators for a locale tag such as 'en', 'es', 'es-US' or 'es_ES'."""
    parsed = Locale.parse(locale.replace("-", "_"))
    language = parsed.language if parsed.language in LANGUAGES else "en"
    return NumberFormat(get_decimal_symbol(parsed), get_group_symbol(parsed), language)


FRACTION_GLYPHS: dict[str, tuple[int, int]] = {
    "½": (1, 2), "¼": (1, 4), "¾": (3, 4), "⅓": (1, 3), "⅔": (2, 3),
    "⅛": (1, 8), "⅜": (3, 8), "⅝": (5, 8), "⅞": (7, 8), "⅕": (1, 5),
}  # fmt: skip
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")

# Everything a writer might have meant as one number; the reader below decides.
NUMERAL = (
    r"[-\u2212]?[0-9]+(?:[.,][0-9]+)*"
    r"(?:[eE][-+]?[0-9]+|\s?[×x]\s?10(?:\^[-+]?[0-9]+|[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+))?"
    r"(?:\s?[½¼¾⅓⅔⅛⅜⅝⅞⅕]|\s(?:[1-9]/(?:2|3|4|8)(?![0-9/])))?"
    r"|[½¼¾⅓⅔⅛⅜⅝⅞⅕]"
)
_EXPONENT = re.compile(r"(?:[eE]([-+]?[0-9]+)|\s?[×x]\s?10(?:\^([-+]?[0-9]+)|([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)))$")
_SIMPLE_FRACTION = re.compile(r"^([1-9])/(2|3|4|8)$")


def divide(numerator: int, denominator: int) -> Decimal:
    """An exact quotient where one exists; thirds are held to 28 digits, the same every time."""
    with localcontext() as context:
        context.prec = 28
        return Decimal(numerator) / Decimal(denominator)


def foreign_digits(text: str) -> list[Problem]:
    """Digits from a script other than the Latin digits both locales use."""
    found = []
    for index, char in enumerate(text):
        if char.isdecimal() and not "0" <= char <= "9":
            name = unicodedata.name(char, "unknown digit").title()
            found.append(
                Problem(
                    index,
                    f"'{char}' is {name} ({unicodedata.decimal(char)}), not a Latin digit",
                    f"write the number with the digits 0-9: {unicodedata.decimal(char)}",
                )
            )
    return found


def _shape(text: str, decimal: str, group: str) -> Decimal | None:
    """The value of a plain number under one convention, or None if it is not written so."""
    d, g = re.escape(decimal), re.escape(group)
    if not re.fullmatch(rf"-?(?:[0-9]{{1,3}}(?:{g}[0-9]{{3}})+|[0-9]+)(?:{d}[0-9]+)?", text):
        return None
    return Decimal(text.replace(group, "").replace(decimal, "."))


def read_plain(text: str, sym: Symbols, offset: int, strict: bool = True) -> Decimal:
    """A number without exponent or fraction, in the locale's convention, or FactError.

    ``strict=False`` (ratios and effect sizes: a confidence interval, HR 1.125,
    a negative value) accepts "1.125" as written: no one means 1125 there.
    """
    text = text.replace("\u2212", "-")
    mine = _shape(text, sym.decimal, sym.group)
    other = _shape(text, sym.group, sym.decimal)
    digits = text.lstrip("-")
    looks_grouped = strict and re.fullmatch(
        rf"[1-9][0-9]{{0,2}}{re.escape(sym.decimal)}[0-9]{{3}}", digits
    )
    if mine is not None and other is not None and mine != other and looks_grouped:
        raise FactError([Problem(offset, f"'{text}' is ambiguous: it reads as {mine} here and "
                                 f"as {other} where '{sym.group}' is the decimal sign",
                                 _ambiguity_hint(mine, other, sym))])  # fmt: skip
    if mine is not None:
        return mine
    if other is not None:
        shown = (
            text.replace(sym.group, "\0").replace(sym.decimal, sym.group).replace("\0", sym.decimal)
        )
        raise FactError([Problem(offset, f"'{text}' is not written the way this locale writes "
                                 f"numbers (decimal '{sym.decimal}', group '{sym.group}')",
                                 f"write it as {shown}")])  # fmt: skip
    raise FactError([Problem(offset, f"'{text}' is not a number", "write digits with at most "
                             f"one decimal sign '{sym.decimal}'")])  # fmt: skip


def _ambiguity_hint(mine: Decimal, other: Decimal, sym: Symbols) -> str:
    whole = f"{int(other):,}".replace(",", sym.group)
    plain = str(mine.normalize()).replace(".", sym.decimal)
    plain = plain + "0" if len(plain.split(sym.decimal)[-1]) == 3 else plain
    return f"write {whole} or {int(other)} for {int(other)}, or {plain} for {mine.normalize()}"


def read_number(text: str, sym: Symbols, offset: int = 0, strict: bool = True) -> Decimal:
    """The exact value of a numeral matched by NUMERAL: 1,500.5, 1e3, 1×10^3, 1½, 1 1/2, ½."""
    text = text.strip()
    if text in FRACTION_GLYPHS:
        return divide(*FRACTION_GLYPHS[text])
    fraction = Decimal(0)
    if text[-1] in FRACTION_GLYPHS:
        fraction = divide(*FRACTION_GLYPHS[text[-1]])
        text = text[:-1].rstrip()
    elif " " in text and _SIMPLE_FRACTION.match(text.rsplit(" ", 1)[1]):
        text, part = text.rsplit(" ", 1)
        top, bottom = part.split("/")
        fraction = divide(int(top), int(bottom))
    exponent = 0
    found = _EXPONENT.search(text)
    if found:
        written = found.group(1) or found.group(2) or found.group(3).translate(SUPERSCRIPTS)
        exponent = int(written)
        text = text[: found.start()]
    value = read_plain(text, sym, offset, strict and not text.startswith(("-", "\u2212")))
    if fraction and (exponent or value != value.to_integral_value() or value < 0):
        raise FactError([Problem(offset, f"'{text}' cannot take a fraction", "write one number")])
    return (value + fraction).scaleb(exponent) if exponent else value + fraction


def simple_fraction(text: str) -> Decimal | None:
    """'1/2' as a half (numerator 1-9 over 2, 3, 4 or 8); anything else is not a fraction."""
    found = _SIMPLE_FRACTION.match(text)
    if not found:
        return None
    top, bottom = int(found.group(1)), int(found.group(2))
    return divide(top, bottom) if top < bottom else None


WORDS: dict[str, dict[str, Decimal]] = {
    "en": {
        w: Decimal(i)
        for i, w in enumerate(
            ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
             "seventeen", "eighteen", "nineteen", "twenty"]
        )
    }
    | {"thirty": Decimal(30), "forty": Decimal(40), "fifty": Decimal(50), "sixty": Decimal(60),
       "ninety": Decimal(90), "hundred": Decimal(100), "a hundred": Decimal(100),
       "half a": Decimal("0.5"), "half an": Decimal("0.5"), "one half": Decimal("0.5"),
       "one and a half": Decimal("1.5"), "two and a half": Decimal("2.5")},
    "es": {
        w: Decimal(i)
        for i, w in enumerate(
            ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
             "diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete",
             "dieciocho", "diecinueve", "veinte"]
        )
    }
    | {"treinta": Decimal(30), "cuarenta": Decimal(40), "cincuenta": Decimal(50),
       "sesenta": Decimal(60), "noventa": Decimal(90), "cien": Decimal(100),
       "media": Decimal("0.5"), "medio": Decimal("0.5"), "uno y medio": Decimal("1.5"),
       "una y media": Decimal("1.5"), "dos y media": Decimal("2.5"), "dos y medio": Decimal("2.5")},
}  # fmt: skip
"""Number words; they count only before a unit, dose form, time or as a named measure's value."""

ARTICLES: dict[str, frozenset[str]] = {
    "en": frozenset({"a", "an"}),
    "es": frozenset({"un", "una"}),
}
"""Indefinite articles: 1 only before a dose form in a dosing phrase (see facts.py)."""
