"""The vocabulary of facts, per language: units, dose forms, times, frequencies, comparators.

Every written form maps to one normalised spelling, so "5 milligrams" and
"5 mg", "2 cucharaditas" and "2 teaspoons" are the same fact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

MICROGRAM_SIGNS = ("μg", "µg", "ug")
"""Refused: 'μg' is on the ISMP list of error-prone abbreviations; we write mcg."""

_MASS = {
    "mcg": "mcg", "microgram": "mcg", "micrograms": "mcg", "microgramo": "mcg",
    "microgramos": "mcg", "mg": "mg", "milligram": "mg", "milligrams": "mg",
    "miligramo": "mg", "miligramos": "mg", "g": "g", "gram": "g", "grams": "g",
    "gramo": "g", "gramos": "g", "kg": "kg", "iu": "IU", "ui": "IU",
    "international units": "IU", "unidades internacionales": "IU", "ml": "mL",
    "milliliter": "mL", "milliliters": "mL", "millilitre": "mL", "millilitres": "mL",
    "mililitro": "mL", "mililitros": "mL", "l": "L", "mmhg": "mmHg",
}  # fmt: skip
_FORMS = {
    "teaspoon": "teaspoon", "teaspoons": "teaspoon", "tsp": "teaspoon",
    "tablespoon": "tablespoon", "tablespoons": "tablespoon", "tbsp": "tablespoon",
    "cup": "cup", "cups": "cup", "tablet": "tablet", "tablets": "tablet", "pill": "tablet",
    "pills": "tablet", "capsule": "capsule", "capsules": "capsule", "puff": "puff",
    "puffs": "puff", "drop": "drop", "drops": "drop", "spray": "spray", "sprays": "spray",
    "patch": "patch", "patches": "patch", "unit": "unit", "units": "unit",
    "cucharadita": "teaspoon", "cucharaditas": "teaspoon", "cucharada": "tablespoon",
    "cucharadas": "tablespoon", "taza": "cup", "tazas": "cup", "tableta": "tablet",
    "tabletas": "tablet", "comprimido": "tablet", "comprimidos": "tablet",
    "pastilla": "tablet", "pastillas": "tablet", "cápsula": "capsule", "cápsulas": "capsule",
    "inhalación": "puff", "inhalaciones": "puff", "disparo": "puff", "disparos": "puff",
    "gota": "drop", "gotas": "drop", "atomización": "spray", "atomizaciones": "spray",
    "pulverización": "spray", "pulverizaciones": "spray", "parche": "patch", "parches": "patch",
    "unidad": "unit", "unidades": "unit",
}  # fmt: skip
_CLINICAL = {
    "ng/ml": "ng/mL", "nmol/l": "nmol/L", "mg/dl": "mg/dL", "mmol/l": "mmol/L",
    "mmol/mol": "mmol/mol", "%": "%", "percent": "%", "per cent": "%", "por ciento": "%",
    # Kidney function (eGFR) is per body surface: the whole unit is the fact's unit.
    "ml/min/1.73 m²": "mL/min/1.73 m²", "ml/min/1.73 m2": "mL/min/1.73 m²",
    "ml/min/1.73m²": "mL/min/1.73 m²", "ml/min/1.73m2": "mL/min/1.73 m²", "ml/min": "mL/min",
}  # fmt: skip
_PER_BODY = {"mg/kg": "mg/kg", "mcg/kg": "mcg/kg", "g/kg": "g/kg", "ml/kg": "mL/kg",
             "mg/m2": "mg/m2", "mg/m²": "mg/m2", "iu/kg": "IU/kg", "ui/kg": "IU/kg",
             "units/kg": "unit/kg", "unidades/kg": "unit/kg"}  # fmt: skip
TIMES = {
    "second": "second", "seconds": "second", "sec": "second",
    "minute": "minute", "minutes": "minute", "min": "minute", "hour": "hour", "hours": "hour",
    "h": "hour", "hr": "hour", "hrs": "hour", "day": "day", "days": "day", "week": "week",
    "weeks": "week", "month": "month", "months": "month", "year": "year", "years": "year",
    "segundo": "second", "segundos": "second", "minuto": "minute", "minutos": "minute",
    "hora": "hour", "horas": "hour", "día": "day", "días": "day", "semana": "week",
    "semanas": "week", "mes": "month", "meses": "month", "año": "year", "años": "year",
}  # fmt: skip
COUNTED = {
    "trial": "studies", "trials": "studies", "rct": "studies", "rcts": "studies",
    "eca": "studies", "ecas": "studies", "study": "studies", "studies": "studies",
    "participant": "people", "participants": "people", "people": "people",
    "patients": "people", "adults": "people", "women": "people", "men": "people",
    "ensayos": "studies", "ensayo": "studies", "estudio": "studies", "estudios": "studies",
    "participantes": "people", "personas": "people", "pacientes": "people",
    "adultos": "people", "mujeres": "people", "hombres": "people",
}  # fmt: skip
"""Nouns after a number that make it a study statistic (sample size, number of studies)."""

_CLOCK = {"a.m.": "a.m.", "am": "a.m.", "a. m.": "a.m.", "p.m.": "p.m.", "pm": "p.m.",
          "p. m.": "p.m."}  # fmt: skip
"""Times of day: "8 a.m." and "8 p.m." are two times to take a dose."""

UNITS: dict[str, tuple[str, str]] = (
    {k: (v, "dose") for k, v in {**_MASS, **_FORMS}.items()}
    | {k: (v, "clinical") for k, v in _CLINICAL.items()}
    | {k: (v, "dose_per_weight") for k, v in _PER_BODY.items()}
    | {k: (v, "duration") for k, v in TIMES.items()}
    | {k: (v, "statistic") for k, v in COUNTED.items()}
    | {k: (v, "time") for k, v in _CLOCK.items()}
)
"""Written unit (lowercase) -> (normalised unit, the kind it makes a number)."""
UNITS["%"] = ("%", "percentage")
UNITS["percent"] = UNITS["per cent"] = UNITS["por ciento"] = ("%", "percentage")
DOSE_FORMS = frozenset(_FORMS) | {"mg", "mcg", "ml", "g", "iu", "ui"}
WORD_UNITS = frozenset(
    k for k, (_, kind) in UNITS.items() if kind in ("dose", "dose_per_weight", "duration")
)
"""Units a number word may count: "two tablets", "ten minutes", "ten mg" (not "two trials")."""

COMPARATORS: dict[str, str] = {
    "≥": "≥", ">=": "≥", "≤": "≤", "<=": "≤", ">": ">", "<": "<",
    "at least": "≥", "no less than": "≥", "a minimum of": "≥", "at most": "≤",
    "no more than": "≤", "not more than": "≤", "up to": "≤", "a maximum of": "≤",
    "more than": ">", "greater than": ">", "over": ">", "above": ">", "less than": "<",
    "fewer than": "<", "below": "<", "under": "<", "older than": ">", "younger than": "<",
    "al menos": "≥", "como mínimo": "≥",
    "no menos de": "≥", "como máximo": "≤", "no más de": "≤", "hasta": "≤", "más de": ">",
    "mayor de": ">", "mayor que": ">", "por encima de": ">", "menos de": "<",
    "menor de": "<", "menor que": "<", "menores de": "<", "mayores de": ">", "por debajo de": "<",
}  # fmt: skip
COMPARATORS_AFTER: dict[str, str] = {
    "or more": "≥", "or higher": "≥", "or above": "≥", "or greater": "≥", "or over": "≥",
    "or older": "≥", "or longer": "≥", "and older": "≥", "and over": "≥", "and above": "≥",
    "and up": "≥", "or less": "≤", "or lower": "≤", "or below": "≤", "or fewer": "≤",
    "or under": "≤", "or younger": "≤", "or shorter": "≤", "and under": "≤",
    "and younger": "≤", "and below": "≤", "at most": "≤", "at least": "≥",
    "o más": "≥", "o mayor": "≥", "o mayores": "≥", "o superior": "≥", "y más": "≥",
    "o más años": "≥", "como mínimo": "≥", "o menos": "≤", "o menor": "≤", "o menores": "≤",
    "o inferior": "≤", "como máximo": "≤",
}  # fmt: skip
"""Comparators written after the value ("6.5% or above", "65 años o más")."""
PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year", "hour": "hour",
           "día": "day", "semana": "week", "mes": "month", "año": "year", "hora": "hour",
           "d": "day"}  # fmt: skip
_EN_PER = r"(?:a|an|per|each|every|/)\s*(?P<period>day|week|month|year|hour|d)\b"
_ES_PER = r"(?:al|a\s+la|por|cada|/)\s*(?P<period>día|semana|mes|año|hora)"
FREQUENCY_PATTERNS: dict[str, list[tuple[str, str]]] = {
    # (pattern, what it counts): "N" = times from the group 'times', a digit or word
    "en": [
        (rf"(?P<times>once|twice|thrice)\s+(?:{_EN_PER}|(?P<ly>daily|weekly|monthly|yearly))", ""),
        (rf"(?P<times>{{N}})\s+times?\s+(?:{_EN_PER}|(?P<ly>daily|weekly|monthly|yearly))", ""),
        (r"(?P<ly>daily|weekly|monthly|yearly|nightly|hourly)", "1"),
        (r"(?:/|per\s+|a\s+|each\s+)(?P<period>day|week|month|year|d)\b", "1"),
        (r"(?:every|each)\s+(?P<period>day|week|month|year|night|morning)\b", "1"),
        (r"every\s+other\s+(?P<period>day|week|month)\b", "0.5"),
        (r"(?P<times>once|twice)", "-"),
    ],
    "es": [
        (rf"(?P<times>una|{{N}})\s+(?:vez|veces)\s+"
         rf"(?:{_ES_PER}|(?P<ly>diari[oa]s?|semanal(?:es)?))", ""),
        (r"(?P<ly>diari[oa]s?|semanal(?:es)?|mensual(?:es)?)", "1"),
        (r"(?:/|al\s+|por\s+|a\s+la\s+)(?P<period>día|semana|mes|año)", "1"),
        (r"(?:cada|todos\s+los|todas\s+las)\s+"
         r"(?P<period>día|días|semana|semanas|noche|noches)\b", "1"),
        (r"un\s+(?P<period>día)\s+sí\s+y\s+otro\s+no|en\s+(?P<period2>días)\s+alternos", "0.5"),
        (r"(?P<times>una)\s+(?:sola\s+)?vez", "-"),
    ],
}  # fmt: skip
"""Frequency phrases; '1' means once per period, '0.5' every other one ("every other day"),
'-' a one-off ("once", "una vez")."""
LY = {"daily": "day", "nightly": "day", "weekly": "week", "monthly": "month",
      "yearly": "year", "hourly": "hour", "diario": "day", "diaria": "day",
      "diarios": "day", "diarias": "day", "semanal": "week", "semanales": "week",
      "mensual": "month", "mensuales": "month"}  # fmt: skip
TIMES_WORDS = {"once": Decimal(1), "twice": Decimal(2), "thrice": Decimal(3), "una": Decimal(1)}

MEASURES: dict[str, dict[str, tuple[str, str]]] = {
    # written name -> (normalised measure, kind)
    "en": {
        "inr": ("INR", "clinical"), "hba1c": ("HbA1c", "clinical"), "a1c": ("HbA1c", "clinical"),
        "blood pressure": ("blood pressure", "clinical"), "bp": ("blood pressure", "clinical"),
        "ldl": ("LDL", "clinical"), "glucose": ("glucose", "clinical"),
        "blood sugar": ("glucose", "clinical"), "temperature": ("temperature", "clinical"),
        "heart rate": ("heart rate", "clinical"), "bmi": ("BMI", "clinical"),
        "egfr": ("eGFR", "clinical"), "25(oh)d": ("25(OH)D", "clinical"),
        "p": ("p", "statistic"), "p-value": ("p", "statistic"), "n": ("n", "statistic"),
        "hr": ("HR", "statistic"), "or": ("OR", "statistic"), "rr": ("RR", "statistic"),
        "smd": ("SMD", "statistic"), "md": ("MD", "statistic"), "i2": ("I2", "statistic"),
        "hazard ratio": ("HR", "statistic"), "odds ratio": ("OR", "statistic"),
        "relative risk": ("RR", "statistic"), "risk ratio": ("RR", "statistic"),
        "effect size": ("effect size", "statistic"),
        "pooled effect size": ("effect size", "statistic"), "nnt": ("NNT", "statistic"),
    },
    "es": {
        "inr": ("INR", "clinical"), "hba1c": ("HbA1c", "clinical"), "a1c": ("HbA1c", "clinical"),
        "presión arterial": ("blood pressure", "clinical"),
        "tensión arterial": ("blood pressure", "clinical"), "pa": ("blood pressure", "clinical"),
        "ldl": ("LDL", "clinical"), "glucosa": ("glucose", "clinical"),
        "azúcar en sangre": ("glucose", "clinical"), "temperatura": ("temperature", "clinical"),
        "frecuencia cardiaca": ("heart rate", "clinical"), "imc": ("BMI", "clinical"),
        "tfge": ("eGFR", "clinical"), "25(oh)d": ("25(OH)D", "clinical"),
        "p": ("p", "statistic"), "n": ("n", "statistic"), "hr": ("HR", "statistic"),
        "or": ("OR", "statistic"), "rr": ("RR", "statistic"), "dme": ("SMD", "statistic"),
        "smd": ("SMD", "statistic"), "dm": ("MD", "statistic"), "i2": ("I2", "statistic"),
        "cociente de riesgos": ("HR", "statistic"), "razón de momios": ("OR", "statistic"),
        "riesgo relativo": ("RR", "statistic"), "tamaño del efecto": ("effect size", "statistic"),
        "tamaño del efecto combinado": ("effect size", "statistic"), "nnt": ("NNT", "statistic"),
    },
}  # fmt: skip
"""Named measures: a number after one is that measure's value, with or without a unit."""
MEASURE_LINK = {
    "en": r"(?:\s*(?:goal|target|range|of|is|was|at|around|level)\b)*\s*(?:[:=]\s*)?",
    "es": r"(?:\s*(?:objetivo|meta|de|es|fue|en|nivel)\b)*\s*(?:[:=]\s*)?",
}
CI = {"en": r"(?P<level>\d{2})\s*%\s*CI:?", "es": r"IC\s*(?:del\s*)?(?P<level>\d{2})\s*%:?"}
RANGE = {
    "en": r"\s*[-–—]\s*|\s+to\s+|(?(between)\s+and\s+|(?!))",
    "es": r"\s*[-–—]\s*|\s+a\s+|(?(between)\s+y\s+|(?!))",
}
BETWEEN = {"en": r"between|from", "es": r"entre|de"}
"""'and'/'y' make a range only after 'between'/'entre': "2 mg and 2 mg" is two doses."""
EVERY = {"en": r"every|each", "es": r"cada"}
DURATION_WORDS = {
    "en": r"for|within|in|over|after|during",
    "es": r"durante|en|por|tras|después\s+de",
}
NEGATIONS = {
    "en": ("not", "never", "no", "don't", "doesn't", "didn't", "cannot", "can't", "won't",
           "without", "neither", "nor"),
    "es": ("no", "nunca", "jamás", "sin", "ni", "tampoco"),
}  # fmt: skip
AVOID = {"en": ("avoid", "avoiding"), "es": ("evite", "evitar", "evita", "evitando")}
"""Verbs that negate the fact they govern ("avoid more than 2 drinks"): only within
AVOID_REACH words before it, so "to avoid an upset stomach, take 500 mg" is no negation."""
AVOID_REACH = 3
DOSING_VERBS = {
    "en": ("take", "give", "use", "chew", "swallow", "apply", "put", "inhale", "add", "dissolve"),
    "es": ("tome", "tomar", "toma", "dé", "dar", "use", "usar", "mastique", "trague", "aplique",
           "ponga", "inhale", "añada", "disuelva", "administre", "administrar"),
}  # fmt: skip
CLAUSE_BREAKS = (
    r"[.;:!?()\[\]]|,\s*(?:but|and|or|then|pero|y|o|luego)\b|\b(?:but|if|unless|pero|si)\b"
)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first, any run of spaces between words."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())
