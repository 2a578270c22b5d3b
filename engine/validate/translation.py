"""Translations checked against their original.

A translation (``articles/<locale>/<slug>.yaml``) must say the same thing as
the article it translates, in another language:

- the same section and block ids, so pages, anchors and the fact lock line up;
- the same references, by key;
- the same facts in every text and for every audience, in place and in order,
  by the fact lock's own comparison (:func:`engine.validate.facts.compare_facts`),
  after each language has read its own number format (``1.000 mg`` in Spanish
  from Spain is ``1,000 mg`` in English).

Any of these drifting is an error, located in the translation. A translation
records which revision of the original it renders (``translation_of.revision``,
the original's content hash); when the original has changed since, the
translation is *stale*: a warning, and a banner on its pages.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from engine.errors import Diagnostic, Location, unknown_choice
from engine.i18n.formats import locale_prefix
from engine.inline.qualifiers import qualifiers
from engine.inline.tokens import Tokens, first_location
from engine.load.project import Article, Project
from engine.schema.article import Limitable, Table
from engine.schema.text import VariantText
from engine.schema.walk import TextAt, iter_blocks, iter_sections, iter_texts
from engine.validate.facts import (
    Side,
    compare_facts,
    describe_place,
    quantities,
    rules_for,
)
from engine.validate.headings import TableSide, grid_of, own_wordings, table_problems


def translation_lags(original: Article, translation: Article) -> bool:
    """True when the translation does not render the original's current content."""
    recorded = translation.source.translation_of
    if recorded is None:
        return True
    return not original.content_hash.startswith(recorded.revision)


def stale_translation(project: Project, article: Article) -> bool:
    """The page flag: True for a translation whose original changed since it was translated."""
    if article.locale == project.config.default_locale:
        return False
    original = project.articles.get(article.slug)
    return original is not None and translation_lags(original, article)


def check_translation(
    original: Article, translation: Article, left_out: frozenset[str] = frozenset()
) -> list[Diagnostic]:
    """Every drift of a translation from its original (errors), and staleness (a warning).

    ``left_out``: where one of them failed its schema, the blocks and sections (and top-level
    fields) something was taken out of to read the rest: they are not compared, since the
    schema errors say what is wrong there."""
    problems = list(_structure(original, translation, left_out))
    if "references" not in left_out:
        problems.extend(_references(original, translation))
    problems.extend(_facts(original, translation, left_out))
    problems.extend(_tables(original, translation, left_out))
    problems.extend(_lists(original, translation, left_out))
    problems.extend(_limited(original, translation, left_out))
    problems.extend(_staleness(original, translation))
    return problems


def _ids(article: Article) -> dict[str, Location]:

    found: dict[str, Location] = {}
    fallback = Location(article.display)
    for section in iter_sections(article.source.sections):
        for node in [section, *section.blocks]:
            found.setdefault(node.id, node.location or fallback)
    return found


def _structure(
    original: Article, translation: Article, left_out: frozenset[str]
) -> Iterator[Diagnostic]:
    want, have = _ids(original), _ids(translation)
    where = Location(translation.display)
    for node_id in want:
        if node_id not in have and node_id not in left_out:
            yield Diagnostic(
                where,
                f"translation '{translation.slug}' ({translation.locale}) has no section or "
                f"block '{node_id}' (the original has it at line {want[node_id].line})",
                f"translate every block of {original.display}, keeping its id",
            )
    for node_id, location in have.items():
        if node_id not in want and node_id not in left_out:
            yield Diagnostic(
                location,
                f"'{node_id}' is not a section or block id of the original {original.display}",
                "a translation keeps the original's ids; do not rename, add or remove blocks",
            )


def _references(original: Article, translation: Article) -> Iterator[Diagnostic]:
    want = {r.key for r in original.source.references}
    fallback = Location(translation.display)
    have: set[str] = set()
    for reference in translation.source.references:
        have.add(reference.key)
        if reference.key not in want:
            yield Diagnostic(
                reference.location or fallback,
                f"reference '{reference.key}' is not in the original {original.display}",
                f"the original's references: {', '.join(sorted(want)) or 'none'}",
            )
    for key in sorted(want - have):
        yield Diagnostic(
            fallback,
            f"translation '{translation.slug}' ({translation.locale}) lacks the original's "
            f"reference '{key}'",
            "keep every reference of the original, with the same key",
        )


def _facts(
    original: Article, translation: Article, left_out: frozenset[str]
) -> Iterator[Diagnostic]:
    """Every text of the translation holds the original's facts at the same place, for every
    audience: the same comparison as the audience check, table row labels included."""
    theirs = {at.key: at for at in iter_texts(original.source)}
    blocks = {block for block, _field in theirs}
    fallback = Location(translation.display)
    seen: set[tuple[str, str]] = set()
    for at in iter_texts(translation.source):
        seen.add(at.key)
        source = theirs.get(at.key)
        if at.place.block in left_out:
            continue
        if source is None:  # an extra block is reported by the structure check, by its id
            if at.place.block in blocks:
                yield from _added(translation, at)
            continue  # an extra block or item: reported by the structure check, if by id
        for audience, wanted, mine in _wordings(source.text, at.text):
            who = "" if audience == "default" else f" ({audience} wording)"
            reference = Side(f"the original{who}", quantities(wanted), fallback, qualifiers(wanted))
            wording = Side(
                f"the {translation.locale} translation{who} of {describe_place(at)}",
                quantities(mine),
                first_location(mine, fallback),
                qualifiers(mine),
            )
            yield from compare_facts(reference, wording, rules_for(source.owner, ()))
    for key, at in theirs.items():
        stated = quantities(at.text.default if isinstance(at.text, VariantText) else at.text)
        if key not in seen and stated and key[0] not in left_out:
            yield Diagnostic(
                fallback,
                f"translation '{translation.slug}' ({translation.locale}) has no text at "
                f"{describe_place(at)}, where the original states "
                + ", ".join(f"'{q.raw}'" for q in stated),
                "translate every text of the original, with the same list items and cells",
            )


def _added(translation: Article, at: TextAt) -> Iterator[Diagnostic]:
    """The facts of a text the original does not have (a list item or row of its own)."""
    texts = [at.text.default, *at.text.overrides.values()] if isinstance(
        at.text, VariantText) else [at.text]  # fmt: skip
    for quantity in [q for tokens in texts for q in quantities(tokens)][:1]:
        yield Diagnostic(
            quantity.location or Location(translation.display),
            f"the {translation.locale} translation adds {quantity.raw} ({quantity.kind}"
            f"{', ' + quantity.unit if quantity.unit else ''}) at {describe_place(at)}, where "
            "the original has no text",
            "translate every text of the original, with the same list items and cells, and add "
            "none: a fact stated only in a translation is stated to no clinician",
        )


def _tables(
    original: Article, translation: Article, left_out: frozenset[str]
) -> Iterator[Diagnostic]:
    """Every table of the translation keeps the original's rows and columns in place, for
    every audience (:mod:`engine.validate.headings`)."""
    theirs = {b.id: b for _s, b in iter_blocks(original.source.sections) if isinstance(b, Table)}
    fallback = Location(translation.display)
    for _section, block in iter_blocks(translation.source.sections):
        table = theirs.get(block.id)
        if not isinstance(block, Table) or table is None or block.id in left_out:
            continue
        where = block.location or fallback
        for audience in ["", *sorted(set(own_wordings(table)) | set(own_wordings(block)))]:
            who = f" ({audience} wording)" if audience else ""
            reference = TableSide(f"the original{who}", grid_of(table, audience or None), where)
            mine = TableSide(f"the {translation.locale} translation{who}",
                             grid_of(block, audience or None), where)  # fmt: skip
            yield from table_problems(block.id, reference, mine, same_language=False)


ITEM_LISTS = ("items", "call_clinic", "call_emergency")
"""The lists of a block whose items a translation keeps, as many and in the same order."""


def _lists(
    original: Article, translation: Article, left_out: frozenset[str]
) -> Iterator[Diagnostic]:
    """Every list of the translation has the original's items: a sign moved from "call
    emergency services" to "call the clinic" changes what a reader does, numbers or not."""
    theirs = {b.id: b for _s, b in iter_blocks(original.source.sections)}
    fallback = Location(translation.display)
    for _section, block in iter_blocks(translation.source.sections):
        source = theirs.get(block.id)
        if source is None or block.id in left_out:
            continue
        pairs = [(name, getattr(source, name, None), getattr(block, name, None))
                 for name in ITEM_LISTS]  # fmt: skip
        while pairs:
            name, want, have = pairs.pop(0)
            if not isinstance(want, list) or not isinstance(have, list):
                continue
            for n, (a, b) in enumerate(zip(want, have, strict=False)):
                yield from _limits(f"'{block.id}' ({name}[{n}])", a, b, translation,
                                   b.location or block.location or fallback)  # fmt: skip
            if len(want) != len(have):
                yield Diagnostic(
                    block.location or fallback,
                    f"the {translation.locale} translation of '{block.id}' has {len(have)} "
                    f"{name} items; the original has {len(want)}",
                    "translate every item of the original in its own list and place; add none",
                )
                continue
            pairs.extend((f"{name}[{n}].items", a.items, b.items)
                         for n, (a, b) in enumerate(zip(want, have, strict=True)))  # fmt: skip


def _limited(
    original: Article, translation: Article, left_out: frozenset[str]
) -> Iterator[Diagnostic]:
    """Every section and block of the translation reaches the audiences and media the
    original's does: a translation that limits the dosing block to clinicians drops its
    facts for Spanish patients."""
    theirs: dict[str, Limitable] = {s.id: s for s in iter_sections(original.source.sections)}
    theirs.update((b.id, b) for _s, b in iter_blocks(original.source.sections))
    fallback = Location(translation.display)
    mine = [*iter_sections(translation.source.sections),
            *(b for _s, b in iter_blocks(translation.source.sections))]  # fmt: skip
    for node in mine:
        source = theirs.get(node.id)
        if source is not None and node.id not in left_out:
            yield from _limits(f"'{node.id}'", source, node, translation,
                               node.location or fallback)  # fmt: skip


def _limits(
    what: str, source: Limitable, node: Limitable, translation: Article, where: Location
) -> Iterator[Diagnostic]:
    for name in ("audiences", "media"):
        want, have = getattr(source, name), getattr(node, name)
        if (sorted(want) if want else want) != (sorted(have) if have else have):
            yield Diagnostic(
                where,
                f"the {translation.locale} translation of {what} limits `{name}` to "
                f"{have if have is not None else 'none'}; the original to "
                f"{want if want is not None else 'none (everyone)'}",
                f"keep the original's `{name}`: a translation reaches the readers it does",
            )


def _wordings(
    original: VariantText | Tokens, translated: VariantText | Tokens
) -> Iterator[tuple[str, Tokens, Tokens]]:
    """(audience, the original's tokens, the translation's) for every wording either has."""
    if not isinstance(original, VariantText) or not isinstance(translated, VariantText):
        plain = original.default if isinstance(original, VariantText) else original
        mine = translated.default if isinstance(translated, VariantText) else translated
        yield "default", plain, mine
        return
    yield "default", original.default, translated.default
    for audience in sorted(set(original.overrides) | set(translated.overrides)):
        yield audience, original.for_audience(audience), translated.for_audience(audience)


def _staleness(original: Article, translation: Article) -> Iterator[Diagnostic]:
    recorded = translation.source.translation_of
    where = Location(translation.display)
    if recorded is None:
        yield Diagnostic(
            where,
            f"translation '{translation.slug}' ({translation.locale}) does not say which "
            "revision of the original it translates",
            f"add `translation_of: {{revision: {original.content_hash}}}` once it matches "
            f"{original.display}",
            "warning",
        )
    elif not original.content_hash.startswith(recorded.revision):
        yield Diagnostic(
            recorded.location or where,
            f"translation '{translation.slug}' ({translation.locale}) is stale: "
            f"{original.display} changed since revision {recorded.revision[:12]}",
            f"update the translation, then set `translation_of.revision` to "
            f"{original.content_hash}",
            "warning",
        )


def editions(
    project: Project,
    originals: Sequence[Article],
    locales: Sequence[str] = (),
    drafts: bool = False,
) -> Iterator[tuple[Article, str, str]]:
    """Each published article in each wanted locale: (article, locale, output folder prefix).

    ``locales`` defaults to every configured locale. A translation is published
    when its original is, and it is approved itself (or ``drafts``); the default
    locale's pages have no prefix, the others ``es/`` (``es-es/`` where two
    configured locales share a language).
    """

    config = project.config
    for tag in locales:
        if tag not in config.locales:
            raise unknown_choice("locale", tag, config.locales)
    wanted = [tag for tag in config.locales if not locales or tag in locales]
    for original in originals:
        for tag in wanted:
            article = project.article(original.slug, tag)
            if article is None or not (drafts or article.approved):
                continue
            yield article, tag, locale_prefix(tag, config.locales, config.default_locale)
