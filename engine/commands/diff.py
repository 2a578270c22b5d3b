"""``plainly diff``: what readers would read now against what the reviewer approved.

Per audience and language, a word-level diff of the rendered text (glossary applied,
the writer's fact-lock marks shown) against the rendering kept in the approval record,
and the blocks the handout leaves off paper. The article is loaded without the gate
the build applies: a writer needs the diff most when a check fails.
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
from engine.load.settings import load_settings
from engine.schema.approval import ApprovalRecord

CONTEXT = 2
"""Unchanged lines shown around each change."""


@dataclass
class EditionDiff:
    """One audience's text in one language, against its approval."""

    slug: str
    locale: str
    audience: str
    approval: str
    """Who approved it and when, or that nothing was approved."""

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
            pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            out.extend(f"~ {word_diff(old[i1 + k], new[j1 + k])}" for k in range(pairs))
            out.extend(f"- {line}" for line in old[i1 + pairs : i2])
            out.extend(f"+ {line}" for line in new[j1 + pairs : j2])
    return out


def _approval(record: ApprovalRecord | None) -> str:
    if record is None:
        return "nothing approved yet: every line is new"
    return f"approved by {record.reviewer} on {record.date.isoformat()}"


def _paper(approved: Sequence[str], now: Sequence[str]) -> list[str]:
    lines = [f"- left off paper: {i}" for i in approved if i not in now]
    return lines + [f"+ left off paper: {i}" for i in now if i not in approved]


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
        for name in audiences or list(project.audiences):
            page, handout = (adapt(project, article, project.audiences[name], m) for m in MEDIA)
            approved = record.renderings.get(name) if record else None
            old = approved.text.splitlines() if approved else []
            lines = line_diff(old, variant_text(page).splitlines())
            lines += _paper(approved.print_leaves_out if approved else [], handout.left_off)
            diffs.append(EditionDiff(slug, locale, name, _approval(record), lines))
    return diffs, problems


def format_diffs(diffs: Sequence[EditionDiff]) -> Iterator[str]:
    """The diffs as a reviewer reads them, one heading per audience and language."""
    for diff in diffs:
        verdict = f"{len([x for x in diff.lines if x[:1] in '+-~'])} changed line(s)"
        state = verdict if diff.lines else "no change"
        yield f"=== {diff.slug}: {diff.audience} ({diff.locale}), {diff.approval}: {state}"
        yield from diff.lines
