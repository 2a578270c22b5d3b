"""Whether an approval covers an edition as its readers get it, and if not, why.

An edition is published only while its source, every glossary entry its variants use
and every profile's wording settings are as approved. A glossary entry is covered by
the edition's own approval or by an approval of the entry (``reviews/glossary.yaml``),
so a new term needs one review, not one per article.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.adapt.text import variant_text
from engine.adapt.variant import MEDIA, adapt
from engine.errors import Diagnostic, InputError, relative_path
from engine.load.approvals import (
    entry_hash,
    read_record,
    record_path,
    settings_hash,
    wording_hash,
)
from engine.load.project import Article, Project
from engine.schema.approval import ApprovalRecord, Rendering
from engine.schema.article import Image
from engine.schema.walk import iter_blocks
from engine.source.files import file_digest


@dataclass(frozen=True)
class ReaderInputs:
    """What an edition's readers read, as an approval records it."""

    glossary: dict[str, str]
    """Hash of each glossary entry any of its variants uses, page or handout, by key."""

    profiles: dict[str, str]
    """Hash of each profile's wording settings, by audience."""

    settings: str
    """Hash of the project settings its words show."""

    assets: dict[str, str]
    """Hash of each asset file shown with it, by path in the asset folder."""

    renderings: dict[str, Rendering]
    """Each audience's text (empty unless asked for)."""


def _shown_assets(project: Project, article: Article) -> dict[str, str]:
    names = [b.src for _s, b in iter_blocks(article.source.sections) if isinstance(b, Image)]
    if project.config.clinic.logo:
        names.append(project.config.clinic.logo)
    return {name: file_digest(project.asset_dir / name) or "missing" for name in sorted(names)}


def reader_inputs(project: Project, article: Article, with_text: bool = False) -> ReaderInputs:
    """The glossary entries and profile settings an edition's words depend on."""
    glossary: dict[str, str] = {}
    renderings: dict[str, Rendering] = {}
    for name, audience in project.audiences.items():
        page, handout = (adapt(project, article, audience, medium) for medium in MEDIA)
        glossary.update((entry.key, entry_hash(entry)) for entry in [*page.terms, *handout.terms])
        if with_text:
            renderings[name] = Rendering(text=variant_text(page), handout=variant_text(handout))
    profiles = {name: wording_hash(a.profile) for name, a in project.audiences.items()}
    settings = settings_hash(project.config)
    assets = _shown_assets(project, article)
    return ReaderInputs(dict(sorted(glossary.items())), profiles, settings, assets, renderings)


def _source_gap(project: Project, article: Article, record: ApprovalRecord | None) -> str | None:
    review = article.source.review
    if review.state != "approved":
        return f"not approved (its review state is '{review.state}')"
    when = review.date.isoformat() if review.date else "?"
    if review.approved_hash != article.content_hash:
        return f"its text changed since {review.reviewer} approved it on {when}"
    if record is None:
        where = relative_path(record_path(project.root, article.locale, article.slug))
        return f"its approval record {where} is missing"
    if (record.article, record.locale, record.source) != (
        article.slug,
        article.locale,
        article.content_hash,
    ):
        return "its approval record is of another article, edition or text"
    if (record.reviewer, record.date) != (review.reviewer, review.date):
        # Readers are told who approved it and when: that must be what was recorded.
        return "its `review:` names another reviewer or date than its approval record"
    return None


def _glossary_gaps(project: Project, article: Article, record: ApprovalRecord) -> list[str]:
    now = reader_inputs(project, article).glossary
    glossary = project.glossary(article.locale)
    approved = project.glossary_approvals.get(article.locale, {})
    gaps = []
    for key, digest in now.items():
        entry = approved.get(key)
        if record.glossary.get(key) == digest or (entry is not None and entry.hash == digest):
            continue
        change = "changed" if key in record.glossary else "is new"
        gaps.append(f"glossary entry '{glossary.terms[key].term}' ({article.locale}) {change}")
    for key in sorted(record.glossary.keys() - now.keys()):
        gaps.append(f"glossary entry '{key}' ({article.locale}) no longer applies to it")
    return gaps


def _project_gaps(project: Project, article: Article, record: ApprovalRecord) -> list[str]:
    """What changed in the profiles, the project settings and the assets it shows."""
    gaps = []
    if record.settings != settings_hash(project.config):
        gaps.append("plainly.yaml's emergency number or clinic changed")
    for name, digest in _shown_assets(project, article).items():
        if record.assets.get(name) != digest:
            gaps.append(f"the asset '{name}' it shows changed")
    for name, audience in project.audiences.items():
        recorded = record.profiles.get(name)
        if recorded is None:
            gaps.append(f"audience '{name}' is new")
        elif recorded != wording_hash(audience.profile):
            gaps.append(f"profile '{name}' words articles differently")
    return gaps


def approval_gaps(project: Project, article: Article) -> tuple[list[str], list[Diagnostic]]:
    """Why the edition's approval does not cover it as readers get it ([] when it does),
    and the problems of its approval record, if it cannot be read."""
    try:
        record = read_record(project.root, article.locale, article.slug)
    except InputError as error:
        return ["its approval record cannot be read"], error.diagnostics
    gap = _source_gap(project, article, record)
    if gap is not None or record is None:
        return [gap or "not approved"], []
    gaps = _glossary_gaps(project, article, record) + _project_gaps(project, article, record)
    return [f"since the approval, {gap}" for gap in gaps], []
