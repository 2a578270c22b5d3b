"""A locale's glossary as loaded: its entries by key and the matcher that finds their terms."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from engine.errors import Location
from engine.inline.facts import scan
from engine.inline.numerals import WORDS, NumberFormat
from engine.inline.parse import NO_TERMS, TermMatcher
from engine.inline.units import (
    AVOID,
    COMPARATORS,
    COMPARATORS_AFTER,
    DOSE_FORMS,
    DOSING_VERBS,
    DURATION_WORDS,
    LY,
    NEGATIONS,
    TIMES_WORDS,
    UNITS,
    squash,
)
from engine.schema.glossary import GlossaryTerm

FACT_WORDS = (
    frozenset(word for word, (_unit, kind) in UNITS.items() if kind != "statistic")
    | frozenset(LY)
    | frozenset(TIMES_WORDS)
    | frozenset(COMPARATORS)
)
"""Words that are part of a fact (units, dose forms, times, frequencies, comparators): a
glossary term written so would rewrite doses ("mg" -> "grams"), so none may be one. What a
study counts ("trials", "RCTs") is not among them: such a term stays a term."""

BOUNDS = {
    "en": ("maximum", "minimum", "max", "min", "exceed", "stop", "skip"),
    "es": ("máximo", "máxima", "mínimo", "mínima", "exceda", "exceder", "deje", "suspenda"),
}  # fmt: skip
"""Words besides the comparators that bound or stop a dose ("the maximum dose")."""


def _words(text: str) -> list[str]:
    return re.findall(r"[\w']+", text.lower())


def steering_words(language: str) -> frozenset[str]:
    """Words that set what a fact means: its comparator or bound, its polarity, its dosing
    verb, the role of its time ("within", "after"). A glossary term written so would turn
    "do not exceed 1,200 mg" into "do not stay below 1,200 mg"."""
    durations = DURATION_WORDS.get(language, "").replace("\\s+", " ").split("|")
    return frozenset(
        [*NEGATIONS.get(language, ()), *AVOID.get(language, ()), *BOUNDS.get(language, ())]
        + [*DOSING_VERBS.get(language, ()), *durations]
        + [c for c in [*COMPARATORS, *COMPARATORS_AFTER] if c.isalpha() or " " in c]
    )


def _added_words(wording: str, entry: GlossaryTerm, language: str, plain: bool) -> list[str]:
    """Words of a wording that no form of its term holds and that a reader takes as part
    of a fact. In a plain wording, which stands in the sentence in the term's place: number
    words, dose forms, negations, bounds and comparator phrases. In a definition, shown
    beside it: a range in number words ("aim for two to four")."""
    own = {w for form in entry.all_forms for w in _words(form)}
    counted = set(WORDS.get(language, {})) - {"one", "uno", "una", "un", "zero", "cero"}
    if not plain:
        number = "|".join(sorted(counted, key=len, reverse=True))
        pattern = rf"\b(?:{number})\s+(?:to|or|a|o|-)\s+(?:{number})\b"
        return re.findall(pattern, wording.lower())
    turning = {*NEGATIONS.get(language, ()), *AVOID.get(language, ()), *BOUNDS.get(language, ())}
    found = [w for w in _words(wording) if w not in own and w in counted | DOSE_FORMS | turning]
    text, written = " ".join(_words(wording)), " ".join(sorted(own))
    phrases = [c for c in [*COMPARATORS, *COMPARATORS_AFTER] if " " in c and c not in written]
    found += [c for c in phrases if re.search(rf"\b{re.escape(c)}\b", text)]
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class RefusedEntry:
    """A glossary entry left out because it would carry or change a fact."""

    entry: GlossaryTerm
    where: Location
    """Where the entry is written in the glossary."""

    def note(self) -> str:
        return (
            f"the glossary entry '{self.entry.term}' at {self.where.path}:{self.where.line} "
            "was refused"
        )


@dataclass(frozen=True)
class Glossary:
    """The terms of one locale, and the matcher that finds them in text; the entries
    refused, and the matcher that finds their terms (each finding those terms would have
    changed says so)."""

    locale: str
    terms: Mapping[str, GlossaryTerm]
    matcher: TermMatcher = field(compare=False)
    refused: Mapping[str, RefusedEntry] = field(default_factory=dict, compare=False)
    refused_matcher: TermMatcher = field(default=NO_TERMS, compare=False)

    @classmethod
    def build(
        cls, locale: str, entries: Sequence[GlossaryTerm], refused: Sequence[RefusedEntry] = ()
    ) -> Glossary:
        forms = {form: entry.key for entry in entries for form in entry.all_forms}
        left_out = {r.entry.key: r for r in refused if r.entry.key not in forms.values()}
        refused_forms = {form: key for key, r in left_out.items() for form in r.entry.all_forms}
        taken = {form.lower() for form in forms}  # a valid entry's form stays that entry's
        return cls(
            locale,
            {entry.key: entry for entry in entries},
            TermMatcher(forms),
            left_out,
            TermMatcher({f: k for f, k in refused_forms.items() if f.lower() not in taken}),
        )

    def refused_in(self, text: str) -> list[RefusedEntry]:
        """The refused entries whose terms stand in ``text``, in order of first mention."""
        pattern = self.refused_matcher.pattern
        if pattern is None:
            return []
        keys = (
            self.refused_matcher.forms[" ".join(m.lower().split())] for m in pattern.findall(text)
        )
        return [self.refused[key] for key in dict.fromkeys(keys)]

    def plain_cycle(self, key: str) -> list[str]:
        """Terms whose plain wordings lead back to ``key`` ([] when none do).

        A patient reading "natrium" for sodium and "sodium" for natrium learns
        nothing; such a glossary is refused.
        """

        def uses(entry: GlossaryTerm) -> list[str]:
            pattern = self.matcher.pattern
            found = pattern.findall(entry.plain) if pattern is not None else []
            keys = (self.matcher.forms[" ".join(f.lower().split())] for f in found)
            return [k for k in keys if k != entry.key]

        path = [key]
        seen: set[str] = set()
        while True:
            following = [k for k in uses(self.terms[path[-1]]) if k not in seen]
            if not following:
                return []
            if key in following:
                return [*path, key]
            seen.add(following[0])
            path.append(following[0])


def refusal_note(entries: Sequence[RefusedEntry], what: str = "applied here") -> str:
    """ " (the glossary entry 'mg' at glossary.yaml:12 was refused and not applied here)",
    for a finding those entries would have changed; "" when there are none."""
    if not entries:
        return ""
    return f" ({'; '.join(e.note() for e in entries)} and not {what})"


def fact_problems(
    entry: GlossaryTerm, fmt: NumberFormat
) -> list[tuple[tuple[str | int, ...], str, str]]:
    """Why a glossary entry would carry or change a fact: (field path, message, hint) each.

    The glossary's words reach patients in place of a term, so a term that is a number
    or a unit would rewrite doses, and a plain wording (the entry's own or an inflected
    form's) or a definition that holds a fact would state a number no clinician text
    states.
    """
    found: list[tuple[tuple[str | int, ...], str, str]] = []
    words = frozenset(WORDS.get(fmt.language, {}))
    steering = steering_words(fmt.language)
    for form in entry.all_forms:
        key = squash(form)
        if key in FACT_WORDS or key in words or not key.strip("0123456789.,/ -½¼¾"):
            found.append((
                ("term",),
                f"glossary term '{form}' is a number or a unit",
                "numbers and units are facts: the glossary may not rewrite them; remove the entry",
            ))  # fmt: skip
        elif key in steering:
            found.append((
                ("term",),
                f"glossary term '{form}' is a word that sets what a fact means",
                "comparators, bounds, negations, dosing verbs and words such as 'within' are "
                "part of the facts they govern: the glossary may not reword them; remove it",
            ))  # fmt: skip
    wordings: list[tuple[tuple[str | int, ...], str, str]] = [
        (("plain",), "plain wording", entry.plain),
        (("definition",), "definition", entry.definition),
        *(
            (("inflections", n, "plain"), f"plain wording for '{i.form}'", i.plain)
            for n, i in enumerate(entry.inflections)
        ),
    ]
    for path, what, text in wordings:
        facts, problems = scan(text, fmt)
        added = _added_words(text, entry, fmt.language, plain=path[0] != "definition")
        if added and not (facts or problems):
            found.append((
                path,
                f"the {what} of glossary term '{entry.term}' adds '{added[0]}', which its term "
                "does not say",
                "a number word, dose form, negation or comparator in a glossary wording changes "
                "the facts it stands beside; write it without one",
            ))  # fmt: skip
        if facts or problems:
            found.append((
                path,
                f"the {what} of glossary term '{entry.term}' states a fact: "
                f"'{facts[0].raw if facts else text}'",
                "a glossary entry reaches patients wherever the term stands, so it may not carry "
                "a number, dose, time or frequency; write it without one",
            ))  # fmt: skip
    return found
