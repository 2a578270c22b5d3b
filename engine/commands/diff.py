"""``plainly diff``: what readers would read now against what the reviewer approved.

Per audience, language and medium (page and handout), a word-level diff of the rendered
text (glossary applied, the writer's fact-lock marks shown) against the rendering kept
in the approval record, with what was approved since on its own (glossary entries) and
whether the source changed where no reader's words did. The article is loaded without
the gate the build applies: a writer needs the diff most when a check fails.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from engine.adapt.text import variant_text
from engine.adapt.variant import MEDIA, adapt
from engine.errors import Diagnostic, InputError, UsageError, unknown_choice
from engine.load.approvals import read_record
from engine.load.articles import catalogue, load_article
from engine.load.project import Article, Project
from engine.load.settings import load_settings
from engine.schema.approval import ApprovalRecord
from engine.validate.approval import reader_inputs

CONTEXT = 2
"""Unchanged lines shown around each change."""

SIMILAR = 0.6
"""How alike two lines must be (difflib's ratio) to be shown as one line edited."""


@dataclass
class EditionDiff:
    """One audience's text in one language, against its approval."""

    slug: str
    locale: str
    audience: str
    medium: str
    approval: str
    """Who approved it and when, or that nothing was approved."""

    notes: list[str] = field(default_factory=list)
    """What the diff of the text cannot show: approvals since, source-only changes."""

    lines: list[str] = field(default_factory=list)
    """The diff: '-' approved only, '+' now only, '~' a line changed word by word
    ([-old-]{+new+}), ' ' context; empty when nothing changed."""


def word_diff(old: str, new: str) -> str:
    """``new`` with the words it lost as [-...-] and the words it gained as {+...+}."""
    before, after = re.findall(r"\S+|\s+", old), re.findall(r"\S+|\s+", new)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after).get_opcodes():
        if tag == "equal":
            out.append("".join(after[j1:j2]))
            continue
        if i2 > i1:
            out.append(f"[-{''.join(before[i1:i2])}-]")
        if j2 > j1:
            out.append(f"{{+{''.join(after[j1:j2])}+}}")
    return "".join(out)


def _replaced(old: Sequence[str], new: Sequence[str]) -> list[str]:
    """Lines replaced by others: one line edited reads best word by word, different lines
    whole, the removed ones before the added ones."""
    out: list[str] = []
    removed: list[str] = []
    added: list[str] = []
    for was, now in zip(old, new, strict=False):
        if difflib.SequenceMatcher(None, was, now).ratio() >= SIMILAR:
            out += [f"- {line}" for line in removed] + [f"+ {line}" for line in added]
            removed, added = [], []
            out.append(f"~ {word_diff(was, now)}")
        else:
            removed.append(was)
            added.append(now)
    pairs = min(len(old), len(new))
    removed += old[pairs:]
    added += new[pairs:]
    return out + [f"- {line}" for line in removed] + [f"+ {line}" for line in added]


def line_diff(old: Sequence[str], new: Sequence[str]) -> list[str]:
    """Changed lines with :data:`CONTEXT` lines around them; [] when equal."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    out: list[str] = []
    for group in matcher.get_grouped_opcodes(CONTEXT):
        if out:
            out.append("  ...")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(f"  {line}" for line in new[j1:j2])
                continue
            out.extend(_replaced(old[i1:i2], new[j1:j2]))
    return out


def _approval(record: ApprovalRecord | None) -> str:
    if record is None:
        return "nothing approved yet: every line is new"
    return f"approved by {record.reviewer} on {record.date.isoformat()}"


def _notes(project: Project, article: Article, record: ApprovalRecord | None) -> list[str]:
    if record is None:
        return []
    notes = []
    if record.source != article.content_hash:
        notes.append(
            "the source changed since the approval, also where no reader's words show it "
            "(such as `updated`, `topics` or a reference): compare it in version control"
        )
    approved = project.glossary_approvals.get(article.locale, {})
    for key, digest in reader_inputs(project, article).glossary.items():
        entry = approved.get(key)
        if record.glossary.get(key) != digest and entry is not None and entry.hash == digest:
            notes.append(
                f"glossary entry '{key}' was approved on its own since, by {entry.reviewer} "
                f"on {entry.date.isoformat()}: its change shows below but is approved"
            )
    return notes


def diff_article(
    project_dir: Path | None,
    slug: str,
    locales: Sequence[str] = (),
    audiences: Sequence[str] = (),
) -> tuple[list[EditionDiff], list[Diagnostic]]:
    """Each chosen edition's diff against its approval, and the problems met loading it."""
    project = load_settings(project_dir)
    config = project.config
    for name in audiences:
        if name not in project.audiences:
            raise unknown_choice("audience", name, project.audiences)
    for tag in locales:
        if tag not in config.locales:
            raise unknown_choice("locale", tag, config.locales)
    files, problems = catalogue(project, [slug])
    if slug not in files:
        raise UsageError(f"no article '{slug}'; see `plainly validate` for the articles")
    diffs: list[EditionDiff] = []
    for locale, path in files[slug].items():
        if locales and locale not in locales:
            continue
        try:
            article = load_article(path, slug, locale, project.glossary(locale), project.audiences)
            record = read_record(project.root, locale, slug)
        except InputError as error:
            problems.extend(error.diagnostics)
            continue
        notes = _notes(project, article, record)
        for name in audiences or list(project.audiences):
            approved = record.renderings.get(name) if record else None
            for medium in MEDIA:
                now = variant_text(adapt(project, article, project.audiences[name], medium))
                was = (approved.text if medium == "web" else approved.handout) if approved else ""
                lines = line_diff(was.splitlines(), now.splitlines())
                where = "page" if medium == "web" else "handout"
                diffs.append(
                    EditionDiff(slug, locale, name, where, _approval(record), notes, lines)
                )
    return diffs, problems


def format_diffs(diffs: Sequence[EditionDiff]) -> Iterator[str]:
    """The diffs as a reviewer reads them, one heading per audience and language."""
    for diff in diffs:
        verdict = f"{len([x for x in diff.lines if x[:1] in '+-~'])} changed line(s)"
        state = verdict if diff.lines else "no change"
        heading = f"{diff.slug}: {diff.audience} {diff.medium} ({diff.locale})"
        yield f"=== {heading}, {diff.approval}: {state}"
        yield from (f"! {note}" for note in diff.notes)
        yield from diff.lines
