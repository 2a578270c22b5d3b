"""Locale-dependent formatting and interface translations, all through babel.

Message catalogs live in ``engine/locales/<lang>/LC_MESSAGES/plainly.po``;
they are compiled in memory the first time a locale is used, so an installed
Plainly needs no build step and a build never rewrites them.
"""

from __future__ import annotations

import copy
import datetime as dt
import gettext
import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from babel import Locale
from babel.core import get_global
from babel.dates import format_date as babel_format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_percent, parse_pattern
from babel.support import Translations

from engine.inline.tokens import Quantity

DOMAIN = "plainly"


def babel_locale(tag: str) -> Locale:
    return Locale.parse(tag.replace("-", "_"))


def language(tag: str) -> str:
    return tag.split("-")[0].lower()


def format_date(value: dt.date, tag: str) -> str:
    """A date as readers of the locale write it: "August 28, 2025", "28 de agosto de 2025"."""
    return babel_format_date(value, format="long", locale=babel_locale(tag))


@lru_cache(maxsize=16)
def translations(tag: str) -> gettext.NullTranslations:
    """The interface translations for a locale (English needs none)."""
    catalog_dir = resources.files("engine") / "locales"
    for name in (tag.replace("-", "_"), language(tag)):
        po = catalog_dir / name / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.is_file():
            import io

            with po.open("rb") as stream:
                catalog = read_po(stream, locale=name)
            buffer = io.BytesIO()
            write_mo(buffer, catalog)
            buffer.seek(0)
            return Translations(buffer, domain=DOMAIN)
    return gettext.NullTranslations()


LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PR", "GT", "SV", "HN", "NI", "CR", "PA", "DO", "VE", "CO", "CL", "PH", "BZ"})  # fmt: skip
"""Territories whose paper is US Letter (CLDR's paperSize data); everywhere else uses A4."""


def paper_size(tag: str) -> str:
    """The paper a locale's readers print on: "letter" for es-US or en-CA, "A4" for es-ES."""
    return "letter" if territory(tag) in LETTER_TERRITORIES else "A4"


def territory(tag: str) -> str:
    """The territory of a locale tag, CLDR's likely one when the tag names none."""
    parsed = babel_locale(tag)
    if parsed.territory:
        return str(parsed.territory)
    likely = get_global("likely_subtags").get(parsed.language, "")
    return str(likely.split("_")[-1]) if likely else ""


def locale_prefix(tag: str, locales: Sequence[str], default_locale: str) -> str:
    """The folder a locale's pages go in under ``site/``: "" for the default, else "es/".

    The full tag ("es-es/") is used only where two configured locales share a language.
    """
    if tag == default_locale:
        return ""
    shared = sum(1 for other in locales if language(other) == language(tag)) > 1
    return (tag.lower() if shared else language(tag)) + "/"


_RANGE_WORD = {"en": "to", "es": "a"}


_CI = {"en": "{level}% CI {value}", "es": "IC {level}%: {value}"}


_COMPARATOR_WORDS = {
    "en": {"≥": "at least", "≤": "up to", ">": "more than", "<": "less than"},
    "es": {"≥": "al menos", "≤": "hasta", ">": "más de", "<": "menos de"},
}


_PER = {
    "en": {"day": "a day", "week": "a week"},
    "es": {"day": "al día", "week": "a la semana"},
}


_UNITS = {
    "es": {"IU": "UI", "units": "unidades", "years": "años", "h": "horas"},
    "en": {"units": "units", "years": "years", "h": "hours"},
}


MICROGRAMS = "mcg"
"""Always "mcg": babel's "μg" is on the list of error-prone abbreviations in medicine."""


def format_number(value: Decimal, decimals: int, tag: str) -> str:
    """A number grouped as the locale groups it, with exactly the decimals it was written with."""
    locale = babel_locale(tag)
    pattern = copy.copy(parse_pattern(locale.decimal_formats[None].pattern))
    pattern.frac_prec = (decimals, decimals)
    return str(pattern.apply(value, locale))


RANGE_DASH = "\u2013"
"""Between the ends of a range ("800–2,000 IU"): a line may break after it, never before."""

NO_BREAK = "\u00a0"
"""Between a number and its unit, so that "500 mcg" never ends one line and starts the next."""

_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_HYPHENATED_RANGE = re.compile(r"(?<=\d)\s*[-\u2013]\s*(?=\d)")
_NUMBER_THEN_WORD = re.compile(r"(\d|%) (?=[^\d\s])")


def left_as_written(quantity: Quantity) -> bool:
    """A count without a unit is a phone number, a year, a PMID: babel would regroup it
    ("2,019"), so it is printed exactly as written in every language."""
    return quantity.kind == "count" and not quantity.unit


def _grouped(match: re.Match[str], tag: str) -> str:
    written = match.group(0).replace(",", "")
    decimals = len(written.split(".")[1]) if "." in written else 0
    return format_number(Decimal(written), decimals, tag)


def format_quantity_as_written(quantity: Quantity, tag: str) -> str:
    """A quantity in the source's own language: the writer's words and units, with the
    numbers grouped by babel, an en dash in ranges and a no-break space before the unit
    ("800-2000 IU daily" gives "800–2,000 IU daily").

    A count without a unit (a phone number, a year, a PMID) is left exactly as written.
    """
    if left_as_written(quantity):
        return quantity.raw
    text = _NUMBER.sub(lambda match: _grouped(match, tag), quantity.raw)
    text = _HYPHENATED_RANGE.sub(RANGE_DASH, text)
    return _NUMBER_THEN_WORD.sub(rf"\1{NO_BREAK}", text, count=1)


def format_quantity(quantity: Quantity, tag: str) -> str:
    """A quantity token as the locale writes it: "1,000–1,200 mg al día", "≥30 ng/mL".

    Values, units, comparators and frequencies come from the token, never from
    its spelling, so they are the same facts in every language. A comparator
    written as a symbol stays a symbol; one written in words is written in the
    locale's words. Counts without a unit (phone numbers, years) are left as written.
    """
    if left_as_written(quantity) or not _writable(quantity):
        return quantity.raw
    # Words before the number that are not its comparator ("de 700-1,000 UI") are the
    # translator's own, kept as written.
    words = _WORDS_BEFORE.match(quantity.raw)
    interval = quantity.fact.measure.endswith("% CI")  # its words are the locale's own
    before = words.group(0) if words and not quantity.comparator and not interval else ""
    return before + _formatted(quantity, tag)


_WORDS_BEFORE = re.compile(r"[^\W\d][^\d≥≤<>\u2212-]*?\s+(?=[0-9])|")


def _formatted(quantity: Quantity, tag: str) -> str:
    lang = language(tag)
    low = format_number(quantity.low, quantity.decimals, tag)
    value = low
    if quantity.high is not None:
        high = format_number(quantity.high, quantity.decimals, tag)
        # Words where a hyphen would read as a minus sign, and in confidence intervals.
        interval = quantity.fact.measure.endswith("% CI")
        spelled = quantity.low < 0 or quantity.high < 0 or interval
        joiner = f" {_RANGE_WORD.get(lang, 'to')} " if spelled else RANGE_DASH
        value = f"{low}{joiner}{high}"
    unit = quantity.unit
    if quantity.fact.measure.endswith("% CI"):
        level = quantity.fact.measure.removesuffix("% CI")
        text = _CI.get(lang, _CI["en"]).format(level=level, value=value)
        unit = ""
    elif unit == "%":
        percent = get_percent_symbol_pattern(tag)
        text = percent.replace("#", value)
        unit = ""
    else:
        text = value
    if unit:
        shown = MICROGRAMS if unit == "mcg" else _UNITS.get(lang, {}).get(unit, unit)
        text = f"{text}{NO_BREAK}{shown}"
    if quantity.comparator:
        symbol = quantity.raw.lstrip()[:1] in "≥≤<>"
        words = _COMPARATOR_WORDS.get(lang, _COMPARATOR_WORDS["en"])
        text = f"{quantity.comparator}{text}" if symbol else f"{words[quantity.comparator]} {text}"
    if quantity.per:
        text = f"{text} {_PER.get(lang, _PER['en']).get(quantity.per, quantity.per)}"
    return text


_WRITABLE_UNITS = frozenset(
    {"", "mcg", "mg", "g", "kg", "IU", "mL", "L", "ng/mL", "nmol/L", "mg/dL", "mmol/L", "%"}
)
_WRITABLE_KINDS = frozenset({"dose", "clinical", "percentage", "statistic", "count"})


def _writable(quantity: Quantity) -> bool:
    """Facts this module can write in another locale without losing anything: digits, at most
    a once-a-day or once-a-week frequency, no named measure but a confidence interval; the
    rest (durations, "twice a day", number words, pairs) stay as the translator wrote them."""
    fact = quantity.fact
    frequency_ok = fact.frequency is None or (
        fact.frequency.times == 1 and fact.frequency.period in ("day", "week")
    )
    measure_ok = not fact.measure or fact.measure.endswith("% CI")
    digits = any(c.isdigit() for c in quantity.raw)
    # A range written in words ("entre 2 y 3") stays as written: only "2-3" is rewritten.
    dashed = re.search(r"[0-9]\s*[-–]\s*[-\u2212]?[0-9]", quantity.raw) is not None
    leading = fact.high is None or dashed or fact.measure.endswith("% CI")
    simple = fact.second is None and not fact.negated and fact.unit in _WRITABLE_UNITS
    after = bool(fact.comparator) and quantity.raw.lstrip()[:1].isdigit()  # "70 or more"
    written = digits and leading and simple and not after
    return fact.kind in _WRITABLE_KINDS and frequency_ok and measure_ok and written


def get_percent_symbol_pattern(tag: str) -> str:
    """How the locale writes a percentage around its number: "#%" or "# %" (with a no-break space)."""
    sample = format_percent(Decimal("0.07"), locale=babel_locale(tag))
    return sample.replace("7", "#", 1)
