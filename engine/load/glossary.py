"""A locale's glossary as loaded: its entries by key and the matcher that finds their terms."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from engine.inline.parse import TermMatcher
from engine.schema.glossary import GlossaryTerm


@dataclass(frozen=True)
class Glossary:
    """The terms of one locale, and the matcher that finds them in text."""

    locale: str
    terms: Mapping[str, GlossaryTerm]
    matcher: TermMatcher = field(compare=False)

    @classmethod
    def build(cls, locale: str, entries: Sequence[GlossaryTerm]) -> Glossary:
        forms = {form: entry.key for entry in entries for form in entry.all_forms}
        return cls(locale, {entry.key: entry for entry in entries}, TermMatcher(forms))

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
