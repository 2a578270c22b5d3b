"""Findings a writer can act on, each quoting the sentence it is about.

- ``long_sentence``: more words than the audience's ``sentence_words``
- ``hard_words``: words of three or more syllables, except those on the
  Dale-Chall list of words most fourth-graders know (each word once)
- ``jargon``: words the glossary does not cover that look technical: a
  drug-name ending, rare by word frequency, or unknown to CMUdict and
  uncommon
- ``abbreviation``: capitals such as "INR" not spelled out in brackets earlier
- ``passive``: a form of "be" or "get", an optional "-ly" word, then a past
  participle (a word ending in "-ed" or a common irregular one): a heuristic
  that misses some passives and flags some adjectives ("is tired")
- ``no_own_wording``: a block that reaches a plain-language audience only as
  clinician wording with the glossary pass over it (see :mod:`engine.readability`)
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from engine.errors import Location
from engine.readability import syllables
from engine.readability.frequency import zipf
from engine.readability.segment import Sentence, Word

DRUG_ENDINGS = (
    "pril", "sartan", "statin", "olol", "dipine", "prazole", "tidine", "floxacin", "cycline",
    "mycin", "cillin", "azole", "mab", "nib", "parin", "vir", "gliptin", "gliflozin",
    "glitazone", "triptan", "afil", "oxetine", "azepam", "lukast", "dronate", "semide",
    "thiazide", "profen", "caine",
)  # fmt: skip
"""Endings of generic drug names (WHO INN stems) that mark a word as a medicine."""


RARE_ZIPF = 2.5
"""Below this Zipf frequency (about 3 uses per billion words) a word counts as rare."""


UNCOMMON_ZIPF = 3.5
"""Below this, a word CMUdict does not know counts as technical."""


COMMON_ABBREVIATIONS = frozenset(
    [
        "US",
        "USA",
        "UK",
        "OK",
        "TV",
        "DNA",
        "PM",
        "AM",
        "ID",
        "CEO",
        "FAQ",
        "PDF",
        "USB",
        "EU",
        "UN",
        "OTC",
        "ER",
        "ICU",
    ]
)
"""Abbreviations most readers know without a spelled-out form."""


_BE = (
    r"(?:am|is|are|was|were|be|been|being|get|gets|got|gotten|getting|isn't|aren't|wasn't|weren't)"
)


_IRREGULAR = (
    "given|taken|shown|known|made|done|seen|found|written|built|kept|held|left|lost|paid|put|"
    "set|sent|spent|told|brought|bought|caught|taught|thought|chosen|drawn|driven|eaten|"
    "fallen|felt|forgotten|grown|hidden|hit|hurt|led|meant|read|run|said|sold|spoken|stolen|"
    "struck|thrown|understood|worn|won|cut|begun|broken|frozen|woken"
)


_PASSIVE = re.compile(rf"\b{_BE}\s+(?:not\s+)?(?:\w+ly\s+)?(\w+ed|{_IRREGULAR})\b", re.IGNORECASE)


_ROMAN = re.compile(r"^[IVXL]+$")


_ABBREVIATION = re.compile(r"^[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*$")


@dataclass(frozen=True)
class Finding:
    """One thing a writer can fix, in one sentence of one section."""

    kind: str
    message: str
    sentence: str
    section: str | None = None
    words: tuple[str, ...] = ()
    location: Location | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "message": self.message,
            "section": self.section,
            "sentence": self.sentence,
            "words": list(self.words),
            "location": str(self.location) if self.location else None,
        }


@dataclass(frozen=True)
class Rules:
    """What to flag: chosen from the audience profile (or defaults for plain text)."""

    language: str = "en"
    sentence_words: int | None = None
    plain: bool = True
    """Whether plain-language findings (hard words, jargon, abbreviations, passive) apply."""


@cache
def is_jargon(word: str, language: str) -> bool:
    """Whether a word looks technical to a lay reader (cached: vocabulary repeats)."""
    lower = word.lower()
    if not lower.isalpha() or len(lower) < 5:
        return False
    if lower.endswith(DRUG_ENDINGS) and len(lower) >= 7:
        return True
    frequency = zipf(lower, language, RARE_ZIPF)
    if frequency is None:  # below RARE_ZIPF
        return True
    return language == "en" and frequency < UNCOMMON_ZIPF and not syllables.in_dictionary(lower)


def is_abbreviation(word: Word) -> bool:
    return not word.quantity and not word.glossary and _looks_abbreviated(word.text)


@cache
def _looks_abbreviated(text: str) -> bool:
    """Capitals such as "INR" or "eGFRs" that readers may not know (cached per word)."""
    text = text.rstrip("s") if text.endswith("s") else text
    return (
        2 <= len(text) <= 7
        and bool(_ABBREVIATION.match(text))
        and sum(c.isupper() for c in text) >= 2
        and text not in COMMON_ABBREVIATIONS
        and not _ROMAN.match(text)
    )


def _plain_candidates(words: Iterable[Word]) -> Iterator[Word]:
    return (w for w in words if not w.quantity and not w.glossary and w.text.isalpha())


def find(
    sentences: Iterable[tuple[str | None, Sentence]],
    rules: Rules,
    *,
    seen: set[str] | None = None,
) -> list[Finding]:
    """Findings for (section, sentence) pairs in reading order.

    Hard words, jargon and abbreviations are flagged once per text (``seen`` carries the
    words already flagged, so a caller can share it across sections).
    """
    seen = set() if seen is None else seen
    expanded: set[str] = set()
    found: list[Finding] = []
    for section, sentence in sentences:
        quote = sentence.text
        count = len(sentence.words)
        if rules.sentence_words and count > rules.sentence_words:
            found.append(
                Finding(
                    "long_sentence",
                    f"{count} words; this audience reads best at {rules.sentence_words} or "
                    "fewer: split it",
                    quote,
                    section=section,
                    location=sentence.location,
                )
            )
        if not rules.plain:
            continue
        expanded.update(re.findall(r"\(([A-Z][A-Za-z0-9]+)\)", quote))
        candidates = list(_plain_candidates(sentence.words))
        hard = [
            w.text
            for w in candidates
            if f"hard:{w.text.lower()}" not in seen
            and _syllables(w, rules.language) >= 3
            and not familiar(w.text, rules.language)
        ]
        if hard:
            seen.update(f"hard:{w.lower()}" for w in hard)
            found.append(
                Finding(
                    "hard_words",
                    "words of three or more syllables: use shorter ones where you can",
                    quote,
                    words=tuple(dict.fromkeys(hard)),
                    section=section,
                    location=sentence.location,
                )
            )
        jargon = [
            w.text
            for w in candidates
            if w.text.lower() not in seen
            and not (w.text[:1].isupper() and not w.first and not w.text.isupper())
            and not is_abbreviation(w)
            and is_jargon(w.text, rules.language)
        ]
        if jargon:
            seen.update(w.lower() for w in jargon)
            found.append(
                Finding(
                    "jargon",
                    "technical words the glossary does not cover: explain them, or add them to "
                    "glossary.yaml",
                    quote,
                    words=tuple(dict.fromkeys(jargon)),
                    section=section,
                    location=sentence.location,
                )
            )
        abbreviations = [
            w.text
            for w in sentence.words
            if is_abbreviation(w) and w.text not in expanded and f"abbr:{w.text}" not in seen
        ]
        if abbreviations:
            seen.update(f"abbr:{a}" for a in abbreviations)
            found.append(
                Finding(
                    "abbreviation",
                    "abbreviations not spelled out: write the words, or spell them out once "
                    "with the letters in brackets",
                    quote,
                    words=tuple(dict.fromkeys(abbreviations)),
                    section=section,
                    location=sentence.location,
                )
            )
        if rules.language == "en":
            passive = [m.group(0) for m in _PASSIVE.finditer(quote)]
            if passive:
                found.append(
                    Finding(
                        "passive",
                        'passive voice: say who does what ("your doctor checks" rather than '
                        '"is checked")',
                        quote,
                        words=tuple(passive),
                        section=section,
                        location=sentence.location,
                    )
                )
    return found


@cache
def easy_words() -> frozenset[str]:
    """The Dale-Chall list of familiar words, read from textstat's data (not its code)."""
    spec = importlib.util.find_spec("textstat")
    if spec is None or spec.origin is None:
        return frozenset()
    path = Path(spec.origin).parent / "resources" / "en" / "easy_words.txt"
    if not path.is_file():
        return frozenset()
    return frozenset(line.strip().lower() for line in path.read_text().splitlines() if line)


@cache
def familiar(word: str, language: str = "en") -> bool:
    """Whether an English word (or a simple inflection of it) is on the Dale-Chall list.

    Cached per word: the list is fixed for the process, and vocabulary repeats.
    """
    if language != "en":
        return False
    easy = easy_words()
    lower = word.lower()
    if not lower.isalpha() or lower in easy:
        return True
    for suffix, replacement in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", "")):
        if lower.endswith(suffix) and lower[: -len(suffix)] + replacement in easy:
            return True
    return False


def _syllables(word: Word, language: str) -> int:
    if word.syllables is not None:
        return word.syllables
    return syllables.count(word.text, language)
