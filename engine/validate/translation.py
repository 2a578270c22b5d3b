"""Translations checked against their original.

A translation (``articles/<locale>/<slug>.yaml``) must say the same thing as
the article it translates, in another language:

- the same section and block ids, so pages, anchors and the fact lock line up;
- the same references, by key;
- the same quantities in every text and for every audience, compared as
  values and units after each language has parsed its own number format
  (``1.000 mg`` in Spanish from Spain is ``1,000 mg`` in English).

Any of these drifting is an error, located in the translation. A translation
records which revision of the original it renders (``translation_of.revision``,
the original's content hash); when the original has changed since, the
translation is *stale*: a warning, and a banner on its pages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel

from engine.errors import Diagnostic, Location, UsageError
from engine.i18n.formats import locale_prefix
from engine.inline.tokens import Quantity, Tokens
from engine.load.project import Article, Project
from engine.schema.text import VariantText
from engine.schema.walk import iter_sections
from engine.validate.facts import Fact, Place, quantities


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


def check_translation(original: Article, translation: Article) -> list[Diagnostic]:
    """Every drift of a translation from its original (errors), and staleness (a warning)."""
    problems = list(_structure(original, translation))
    problems.extend(_references(original, translation))
    problems.extend(_facts(original, translation))
    problems.extend(_staleness(original, translation))
    return problems


def _ids(article: Article) -> dict[str, Location]:

    found: dict[str, Location] = {}
    fallback = Location(article.display)
    for section in iter_sections(article.source.sections):
        for node in [section, *section.blocks]:
            found.setdefault(node.id, node.location or fallback)
    return found


def _structure(original: Article, translation: Article) -> Iterator[Diagnostic]:
    want, have = _ids(original), _ids(translation)
    where = Location(translation.display)
    for node_id in want:
        if node_id not in have:
            yield Diagnostic(
                where,
                f"translation '{translation.slug}' ({translation.locale}) has no section or "
                f"block '{node_id}' (the original has it at line {want[node_id].line})",
                f"translate every block of {original.display}, keeping its id",
            )
    for node_id, location in have.items():
        if node_id not in want:
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


def _texts(value: Any, place: Place) -> Iterator[tuple[Place, VariantText]]:
    """Every per-audience text with its place, table cells (lists of lists) included."""
    if isinstance(value, VariantText):
        yield place, value
    elif isinstance(value, BaseModel):
        block_id = getattr(value, "id", None)
        here = Place(block_id, "") if isinstance(block_id, str) else place
        for name in type(value).model_fields:
            label = f"{here.field}.{name}".lstrip(".")
            yield from _texts(getattr(value, name), Place(here.block, label))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, Place(place.block, f"{place.field}[{index}]"))


def _all_texts(article: Article) -> dict[tuple[str, str], VariantText]:
    return {(p.block, p.field): text for p, text in _texts(article.source, Place("article", ""))}


def _facts(original: Article, translation: Article) -> Iterator[Diagnostic]:
    theirs = _all_texts(original)
    fallback = Location(translation.display)
    for place, text in _texts(translation.source, Place("article", "")):
        source = theirs.get((place.block, place.field))
        if source is None:
            continue  # an extra block or item: reported by the structure check, if by id
        audiences = sorted(set(source.overrides) | set(text.overrides))
        for audience in ["default", *audiences]:
            mine = text.default if audience == "default" else text.for_audience(audience)
            wanted = source.default if audience == "default" else source.for_audience(audience)
            yield from _compare(original, translation, place, audience, wanted, mine, fallback)
    mine_places = _all_texts(translation)
    for key, text in theirs.items():
        if key not in mine_places and quantities(text.default):
            block, name = key
            yield Diagnostic(
                fallback,
                f"translation '{translation.slug}' ({translation.locale}) has no text at "
                f"'{block}' ({name}), where the original states "
                + ", ".join(f"'{q.raw}'" for q in quantities(text.default)),
                "translate every text of the original, with the same list items and cells",
            )


def _located(tokens: Tokens, fallback: Location) -> Location:
    for token in tokens:
        if token.origin is not None:
            return token.location or token.origin.location
    return fallback


def _compare(
    original: Article,
    translation: Article,
    place: Place,
    audience: str,
    wanted: Tokens,
    mine: Tokens,
    fallback: Location,
) -> Iterator[Diagnostic]:
    want: Counter[Fact] = Counter(q.fact for q in quantities(wanted))
    have: Counter[Fact] = Counter(q.fact for q in quantities(mine))
    if want == have:
        return
    missing = [q for q in _unique(quantities(wanted)) if have[q.fact] < want[q.fact]]
    added = [q for q in _unique(quantities(mine)) if want[q.fact] < have[q.fact]]
    who = "" if audience == "default" else f", audience '{audience}'"
    label = f"translation '{translation.slug}' ({translation.locale}), block {place}{who}"
    where = _located(mine, fallback)
    for quantity in added:
        same_unit = [m for m in missing if (m.unit, m.per) == (quantity.unit, quantity.per)]
        if same_unit:
            was = same_unit[0]
            missing.remove(was)
            message = (
                f"{label}: '{quantity.raw}' ({quantity.describe()}) differs from the "
                f"original's '{was.raw}' ({was.describe()})"
            )
            hint = (
                f"write the original's value, {was.describe()}, in {translation.locale} "
                "number format"
            )
        else:
            message = f"{label}: '{quantity.raw}' ({quantity.describe()}) is not in the original"
            hint = "a translation may not add numbers; remove it, or add it to the original too"
        yield Diagnostic(quantity.location or where, message, hint)
    for quantity in missing:
        yield Diagnostic(
            where,
            f"{label}: leaves out the original's '{quantity.raw}' ({quantity.describe()})",
            "keep every number of the original, with its unit and frequency",
        )


def _unique(found: Sequence[Quantity]) -> list[Quantity]:
    seen: set[Fact] = set()
    result = []
    for quantity in found:
        if quantity.fact not in seen:
            seen.add(quantity.fact)
            result.append(quantity)
    return result


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
            raise UsageError(f"no locale '{tag}'; locales: {', '.join(config.locales)}")
    wanted = [tag for tag in config.locales if not locales or tag in locales]
    for original in originals:
        for tag in wanted:
            article = project.article(original.slug, tag)
            if article is None or not (drafts or article.approved):
                continue
            yield article, tag, locale_prefix(tag, config.locales, config.default_locale)
