"""The plain-language glossary and the pass that applies it to a variant.

The pass only ever replaces :class:`~engine.inline.Term` tokens with
:class:`GlossedTerm` tokens; quantities, citations, links and emphasis pass
through untouched by construction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from engine.inline.tokens import Emphasis, Link, Term, Text, Token
from engine.load.glossary import Glossary
from engine.schema.glossary import GlossaryTerm


@dataclass(frozen=True)
class GlossedTerm(Token):
    """A glossary term as one audience reads it.

    ``mode`` comes from the audience profile: ``keep`` shows the term,
    ``define`` the term and, the first time, its definition, ``plain`` the plain
    wording and, the first time, the term beside it.
    """

    surface: str
    entry: GlossaryTerm
    mode: str
    first: bool
    capitalize: bool = False

    @property
    def shown(self) -> str:
        """The words that stand in the sentence."""
        if self.mode == "plain":
            words = self.entry.plain_for(self.surface)
            return words[:1].upper() + words[1:] if self.capitalize else words
        return self.surface

    @property
    def substituted(self) -> bool:
        """Whether the glossary changed the words in the sentence (plain wording shown)."""
        return self.shown.lower() != self.surface.lower()

    @property
    def aside(self) -> str:
        """What stands in brackets after it the first time, if anything."""
        if not self.first:
            return ""
        if self.mode == "define":
            return self.entry.definition
        if self.mode == "plain" and self.surface.lower() not in self.shown.lower():
            return self._written() if self.capitalize else self.surface
        return ""

    def _written(self) -> str:
        """The form as the glossary writes it (its case), for the one the text used."""
        lower = " ".join(self.surface.lower().split())
        return next((f for f in self.entry.all_forms if f.lower() == lower), self.entry.term)

    def source_text(self) -> str:
        return self.surface

    def plain(self) -> str:
        return f"{self.shown} ({self.aside})" if self.aside else self.shown


_SENTENCE_END = re.compile(r"(^|[.!?:]\s*)$")


class GlossaryPass:
    """Applies one audience's glossary treatment to token runs in document order."""

    def __init__(self, glossary: Glossary, mode: str, *, first_mention: bool = False):
        self.glossary = glossary
        self.mode = mode
        self.first_mention = first_mention
        """With plain: plain wording at the first mention in a section only (entries may override)."""
        self.seen: dict[str, GlossaryTerm] = {}
        self.in_section: set[str] = set()
        """Terms met since the current section began (see :meth:`start_section`)."""

    def start_section(self) -> None:
        """A new section begins: its first mention of each term is a first mention again."""
        self.in_section = set()

    def _mode_for(self, entry: GlossaryTerm, heading: bool) -> tuple[str, bool]:
        """(mode, first) for one mention: first-mention entries keep the term after the first."""
        first = entry.key not in self.seen and not heading
        by_mention = entry.first_mention if entry.first_mention is not None else self.first_mention
        if self.mode != "plain" or not by_mention:
            return self.mode, first
        if heading or entry.key in self.in_section:
            return "keep", False
        self.in_section.add(entry.key)
        return "plain", True

    @property
    def used(self) -> list[GlossaryTerm]:
        """Terms met so far, in order of first use: the "Words to know"."""
        return list(self.seen.values())

    def apply(self, tokens: Iterable[Token], *, heading: bool = False) -> tuple[Token, ...]:
        result: list[Token] = []
        previous = ""
        for token in tokens:
            if isinstance(token, Link | Emphasis):
                token = replace(token, children=self.apply(token.children, heading=heading))
            elif isinstance(token, Term):
                entry = self.glossary.terms.get(token.key)
                if entry is not None:
                    mode, first = self._mode_for(entry, heading)
                    if not heading:
                        self.seen.setdefault(entry.key, entry)
                    starts_sentence = bool(_SENTENCE_END.search(previous))
                    surface = token.surface
                    title_case = surface[:1].isupper() and not surface.isupper()
                    token = GlossedTerm(
                        surface,
                        entry,
                        mode,
                        first,
                        starts_sentence or (title_case and entry.term[:1].islower()),
                        origin=token.origin,
                        offset=token.offset,
                    )
            previous = token.text if isinstance(token, Text) else (previous + token.plain())[-3:]
            result.append(token)
        return tuple(result)
