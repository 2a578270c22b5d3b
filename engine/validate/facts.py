"""The fact lock: adapting or translating a text never adds, drops, changes or moves a fact.

One comparison (:func:`compare_facts`) holds a wording to its reference, in
place: the facts of one text (a paragraph, a list item, a table cell keyed by
its row and column) are compared as typed facts (value, range or pair, unit,
measure, comparator, frequency, negation), never as spelling. Facts of one kind
keep their order (two doses cannot swap, dropping one of two equal doses
fails); facts of different kinds may be reordered. The audience check
(:func:`check_facts`, every audience's wording against the ``default`` text,
and audience-limited blocks against the block they restate) and the
translation check (:mod:`engine.validate.translation`) both call it.

The lock reads what readers get: an audience reads its own wording (or the
default) through the glossary pass, which only ever swaps Term tokens, and the
glossary carries no facts (:mod:`engine.load.glossary` refuses an entry with a
number or unit), so the Quantity tokens compared here are the facts on the page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from pydantic import BaseModel

from engine.errors import Diagnostic, Location
from engine.inline.facts import Fact
from engine.inline.qualifiers import CATEGORIES
from engine.inline.tokens import Quantity, Token, Tokens, first_location, plain_text, walk
from engine.load.project import Audience
from engine.schema.article import ArticleSource, BlockBase, GetHelp, Section, Table
from engine.schema.text import VariantText
from engine.schema.walk import TextAt, iter_blocks, iter_texts
from engine.validate.headings import wording_problems
from engine.validate.lay_only import lay_only_problems
from engine.validate.reach import must_reach

OMISSIBLE = "statistic"
"""The one kind of fact a profile's ``may_omit`` can let a wording leave out."""


@dataclass(frozen=True)
class Side:
    """One side of a comparison: whose text it is, its facts, where it is written."""

    label: str
    """Who says it, in a message: "patient wording", "the clinician text"."""

    quantities: list[Quantity]
    where: Location
    """The text's own location, for a finding that has no token of its own (an omission)."""

    qualifiers: Mapping[int, frozenset[str]] = field(default_factory=dict)
    """Whom and when each fact is for, by the ``id`` of its token (see
    :func:`engine.inline.qualifiers.qualifiers`); compared where both sides name one."""


@dataclass(frozen=True)
class Rules:
    """How strictly a wording is held to its reference."""

    omissible: Callable[[Quantity], bool] = lambda _quantity: False
    """Which of the reference's facts the wording may leave out."""

    ordered: bool = True
    """Facts of one kind keep their order (False: the block is marked `fact_order: free`)."""

    negation_confirmed: bool = False
    """The writer confirmed a change of polarity (the block is marked `negation: confirmed`)."""

    locked: bool = False
    """No fact may be left out here (a caution, "when to get help", a table, a locked block)."""


def quantities(tokens: Sequence[Token]) -> list[Quantity]:
    return [token for token in walk(tokens) if isinstance(token, Quantity)]


def fact_key(fact: Fact) -> Fact:
    """What must match: everything but polarity (checked on its own); a clinical value with a
    unit is known by the unit, so "25(OH)D ≥30 ng/mL" and "a blood level of at least 30
    ng/mL" are one fact."""
    if fact.kind == "clinical" and fact.unit:
        return replace(fact, negated=False, measure="")
    if fact.kind == "count":  # a bare number's comparator is checked on its own
        return replace(fact, negated=False, comparator="")
    return replace(fact, negated=False)


def _context(quantity: Quantity) -> str:
    fact = quantity.fact
    return fact.measure or (f"{fact.kind}, {fact.unit}" if fact.unit else fact.kind)


def _shown(quantity: Quantity) -> str:
    return f"{quantity.raw} ({_context(quantity)})"


def compare_facts(reference: Side, wording: Side, rules: Rules = Rules()) -> list[Diagnostic]:
    """Every way ``wording`` breaks the lock against ``reference``, both sides in each message."""
    kinds: dict[str, tuple[list[Quantity], list[Quantity]]] = {}
    for quantity in reference.quantities:
        kinds.setdefault(quantity.kind, ([], []))[0].append(quantity)
    for quantity in wording.quantities:
        kinds.setdefault(quantity.kind, ([], []))[1].append(quantity)
    found: list[Diagnostic] = []
    for ref, mine in kinds.values():
        found.extend(_compare_kind(ref, mine, reference, wording, rules))
    return found


def _compare_kind(
    ref: list[Quantity], mine: list[Quantity], reference: Side, wording: Side, rules: Rules
) -> Iterator[Diagnostic]:
    a, b = [fact_key(q.fact) for q in ref], [fact_key(q.fact) for q in mine]
    if not rules.ordered:
        ref, mine = _unmatched(ref, a, b), _unmatched(mine, b, a)
        a, b = [fact_key(q.fact) for q in ref], [fact_key(q.fact) for q in mine]
    elif a != b and Counter(a) == Counter(b):
        first = next(i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y)
        yield Diagnostic(
            mine[first].location or wording.where,
            f"{wording.label} puts {_shown(mine[first])} where {reference.label} has "
            f"{_shown(ref[first])}: the {ref[first].kind} facts are in another order",
            f"keep the order of {reference.label}, or mark the block `fact_order: free` "
            "if the plain wording must reorder them",
        )
        return
    for op, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            yield from _polarity(ref[i1:i2], mine[j1:j2], reference, wording, rules)
            yield from _qualified(ref[i1:i2], mine[j1:j2], reference, wording)
            continue
        pairs = min(i2 - i1, j2 - j1)
        for was, now in zip(ref[i1 : i1 + pairs], mine[j1 : j1 + pairs], strict=True):
            yield Diagnostic(
                now.location or wording.where,
                f"{wording.label} says {now.raw}; {reference.label} says {_shown(was)}",
                f"write the same {was.kind} as {reference.label}: {was.raw}",
            )
        for was in ref[i1 + pairs : i2]:
            if not rules.omissible(was):
                yield _omission(was, reference, wording, rules)
        for now in mine[j1 + pairs : j2]:
            yield Diagnostic(
                now.location or wording.where,
                f"{wording.label} adds {_shown(now)}, which {reference.label} does not state",
                f"a wording may not add facts; remove it, or add it to {reference.label} too",
            )


def _qualified(
    ref: list[Quantity], mine: list[Quantity], reference: Side, wording: Side
) -> Iterator[Diagnostic]:
    """The same facts in the same order, said of other people or another time of day."""
    for was, now in zip(ref, mine, strict=True):
        for category in CATEGORIES:
            theirs = _of(reference.qualifiers.get(id(was), frozenset()), category)
            ours = _of(wording.qualifiers.get(id(now), frozenset()), category)
            if theirs and ours and theirs != ours:
                yield Diagnostic(
                    now.location or wording.where,
                    f"{wording.label} gives {now.raw} for {', '.join(ours)}; "
                    f"{reference.label} gives it for {', '.join(theirs)}",
                    "keep each fact with the people, the time of day, the meal and the kind "
                    f"of time it is for, as {reference.label} does",
                )


def _of(marks: frozenset[str], category: str) -> list[str]:
    return sorted(m.split(":", 1)[1] for m in marks if m.startswith(f"{category}:"))


def _unmatched(side: list[Quantity], mine: list[Fact], theirs: list[Fact]) -> list[Quantity]:
    """The facts of one side the other side lacks, counting repeats (for `fact_order: free`)."""
    left = Counter(theirs)
    kept = []
    for quantity, key in zip(side, mine, strict=True):
        if left[key]:
            left[key] -= 1
        else:
            kept.append(quantity)
    return kept


def _omission(was: Quantity, reference: Side, wording: Side, rules: Rules) -> Diagnostic:
    if was.kind not in (OMISSIBLE, "count"):
        why = "only study statistics may be left out, where the profile's `may_omit` allows"
    elif rules.locked:
        why = "in cautions, 'when to get help', tables and locked blocks no fact is left out"
    elif was.kind == "count":
        why = "a bare number is kept unless the block lists it under `statistics`"
    else:
        why = "this audience's profile does not list `statistic` under `may_omit`"
    return Diagnostic(
        wording.where,
        f"{wording.label} leaves out {_shown(was)}, which {reference.label} states",
        f"keep the {was.kind} in this wording: {why}",
    )


def _direction(quantity: Quantity) -> str:
    """Which way a bare number's comparator points ("over 70": up), '' without one. A prose
    number may lose its comparator ("after 70" for "over 70"); it may not turn it round."""
    if quantity.kind != "count":
        return ""
    return {">": "up", "≥": "up", "<": "down", "≤": "down"}.get(quantity.comparator, "")


def _polarity(
    ref: list[Quantity], mine: list[Quantity], reference: Side, wording: Side, rules: Rules
) -> Iterator[Diagnostic]:
    for was, now in zip(ref, mine, strict=True):
        if _direction(was) and _direction(now) and _direction(was) != _direction(now):
            yield Diagnostic(
                now.location or wording.where,
                f"{wording.label} says {now.raw}; {reference.label} says {_shown(was)}",
                f"keep the comparison of {reference.label}: {was.raw}",
            )
    if rules.negation_confirmed:
        return
    for was, now in zip(ref, mine, strict=True):
        if was.fact.negated != now.fact.negated:
            says, lacks = (wording, reference) if now.fact.negated else (reference, wording)
            yield Diagnostic(
                now.location or wording.where,
                f"{says.label} negates {_shown(now)}; {lacks.label} does not",
                "keep the polarity of the default text; if both wordings mean the same, "
                "mark the block `negation: confirmed`",
            )


def fact_locked(owner: BaseModel | None) -> bool:
    """Blocks no audience may leave a fact out of: cautions, "when to get help", tables,
    and any block the writer marks `locked`."""
    if isinstance(owner, Table | GetHelp) or must_reach(owner):
        return True
    return isinstance(owner, BlockBase) and owner.locked


def rules_for(owner: BaseModel | None, may_omit: Sequence[str]) -> Rules:
    """The lock's rules for a text of ``owner`` read by an audience that may omit ``may_omit``."""
    marked = frozenset(owner.statistics) if isinstance(owner, BlockBase) else frozenset()
    allowed = bool(may_omit) and not fact_locked(owner)

    def omissible(quantity: Quantity) -> bool:
        statistic = quantity.kind == OMISSIBLE or (
            quantity.kind == "count" and quantity.raw in marked
        )
        return allowed and statistic

    block = owner if isinstance(owner, BlockBase) else None
    return Rules(
        omissible,
        ordered=block is None or block.fact_order == "kept",
        negation_confirmed=block is not None and block.negation == "confirmed",
        locked=fact_locked(owner),
    )


def describe_place(at: TextAt) -> str:
    """The place of a text for a message; a table cell by its row label and column heading."""
    owner, field = at.owner, at.place.field
    if isinstance(owner, Table) and field.startswith("rows["):
        row, column = (int(n) for n in field[5:-1].split("]["))
        if column >= len(owner.columns):  # a misshapen row: reported on its own
            return str(at.place)
        label = plain_text(owner.rows[row][0].default)
        heading = plain_text(owner.columns[column].default)
        return f"'{at.place.block}' (row '{label}', column '{heading}')"
    return str(at.place)


def check_facts(
    slug: str, display: str, source: ArticleSource, audiences: Mapping[str, Audience]
) -> list[Diagnostic]:
    """The fact lock's checks on the source itself: the writer's `statistics` marks, and
    audience-limited blocks against the clinician blocks they restate, and each audience's
    own wording of a table's rows and columns, in place. Each audience's own
    wording is checked on its adapted variant (:mod:`engine.validate.adapted`)."""
    fallback = Location(display)
    problems = list(_mark_problems(source, fallback))
    problems.extend(restated_problems(source, audiences, fallback))
    problems.extend(wording_problems(source, fallback))
    problems.extend(lay_only_problems(source, audiences, fallback))
    return problems


def _mark_problems(source: ArticleSource, fallback: Location) -> Iterator[Diagnostic]:
    """A `statistics` mark must name a bare number of the block's default text."""
    for _section, block in iter_blocks(source.sections):
        if not block.statistics:
            continue
        written = {
            q.raw: q
            for at in iter_texts(block)
            if isinstance(at.text, VariantText)
            for q in quantities(at.text.default)
        }
        for raw in block.statistics:
            quantity = written.get(raw)
            where = block.location or fallback
            if quantity is None:
                yield Diagnostic(
                    where,
                    f"block '{block.id}' marks '{raw}' as a statistic, but its default text "
                    "has no number written so",
                    f"write the number as it stands in the text; its numbers: "
                    f"{', '.join(repr(r) for r in written) or 'none'}",
                )
            elif quantity.kind not in ("count", OMISSIBLE):
                yield Diagnostic(
                    quantity.location or where,
                    f"block '{block.id}' marks '{raw}' as a statistic, but it is a "
                    f"{quantity.kind} ({quantity.describe()})",
                    "doses, thresholds, targets, durations and frequencies are never "
                    "statistics; remove it from `statistics`",
                )


def restated_problems(
    source: ArticleSource, audiences: Mapping[str, Audience], fallback: Location
) -> Iterator[Diagnostic]:
    """Blocks shown only to lay audiences restate a clinician block's facts, in order."""
    professional = {n for n, a in audiences.items() if a.profile.disclaimer == "professional"}
    blocks = {block.id: block for _section, block in iter_blocks(source.sections)}
    seen = _seen_by(source.sections, frozenset(audiences))
    for block in blocks.values():
        if block.restates is not None and block.restates not in blocks.keys() - {block.id}:
            yield Diagnostic(
                block.location or fallback,
                f"block '{block.id}' restates '{block.restates}', which is "
                + ("itself" if block.restates == block.id else "no block of this article"),
                "name the clinician block whose facts it restates, by its id",
            )
            continue
        limit = [name for name in audiences if name in seen.get(block.id, frozenset())]
        if professional & set(limit) or not professional:
            continue  # a clinician reads its default: the lay wordings are held to that
        for audience in limit:
            facts = _block_quantities(block, audience)
            if not facts:
                continue
            where = first_location([*facts], block.location or fallback)
            target = blocks.get(block.restates or "")
            if target is None or not professional & seen.get(target.id, frozenset()):
                yield Diagnostic(
                    where,
                    f"block '{block.id}' shows {audience} {_shown(facts[0])}, and the clinician "
                    "does not see this block"
                    + (f"; '{block.restates}' is not a clinician block" if block.restates else ""),
                    "name the clinician block it restates with `restates: <block-id>`, or "
                    "show the block to the clinician too",
                )
                break
            may_omit = audiences[audience].profile.may_omit if audience in audiences else []
            reference = Side(
                f"the clinician block '{target.id}'",
                _block_quantities(target, None),
                target.location or fallback,
            )
            wording = Side(f"{audience} block '{block.id}'", facts, where)
            yield from compare_facts(reference, wording, rules_for(target, may_omit))


def _seen_by(sections: Sequence[Section], everyone: frozenset[str]) -> dict[str, frozenset[str]]:
    """Who sees each block: its own `audiences` limit and every enclosing section's."""
    found: dict[str, frozenset[str]] = {}

    def visit(section: Section, allowed: frozenset[str]) -> None:
        here = allowed & frozenset(section.audiences) if section.audiences else allowed
        for block in section.blocks:
            found[block.id] = here & frozenset(block.audiences) if block.audiences else here
        for child in section.sections:
            visit(child, here)

    for section in sections:
        visit(section, everyone)
    return found


def _block_quantities(block: BaseModel, audience: str | None) -> list[Quantity]:
    """Every fact of a block as an audience reads it (None: its default text), in order."""
    found: list[Quantity] = []
    for at in iter_texts(block):
        tokens: Tokens
        if isinstance(at.text, VariantText):
            tokens = at.text.for_audience(audience) if audience else at.text.default
        else:
            tokens = at.text
        found.extend(quantities(tokens))
    return found
