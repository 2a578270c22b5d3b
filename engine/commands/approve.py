"""``plainly approve``: recording a reviewer's approval of an article as it stands."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import TypeAdapter, ValidationError

from engine.build.writer import replace_atomically
from engine.errors import (
    Diagnostic,
    InputError,
    Location,
    PlainlyError,
    UsageError,
    relative_path,
    unknown_choice,
)
from engine.load.approvals import (
    GLOSSARY_APPROVALS,
    dump_yaml,
    entry_hash,
    read_glossary_approvals,
    record_path,
)
from engine.load.articles import catalogue, load_article
from engine.load.glossary import Glossary
from engine.load.project import ARTICLES_DIR, Article, Project
from engine.load.settings import find_root, load_config, load_settings
from engine.schema.approval import ApprovalRecord, EntryApproval
from engine.schema.base import SLUG, PlainStr
from engine.schema.glossary import GlossaryTerm
from engine.source.located import LOADER
from engine.validate.approval import reader_inputs
from engine.validate.editions import load_editions

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Approval:
    """What ``plainly approve`` recorded."""

    path: Path
    display: str
    reviewer: str
    date: dt.date
    content_hash: str
    record: str
    """Where the approval record is, relative to the project."""


def _check_reviewer(reviewer: str) -> str:
    name = reviewer.strip()
    if not name:
        raise UsageError("--reviewer needs the name of the person who approved the article")
    # Control, format and line-separator characters would make the review unreadable or
    # let a "name" smuggle extra YAML into the source.
    odd = [
        c
        for c in name
        if unicodedata.category(c)[0] == "C" or unicodedata.category(c) in ("Zl", "Zp")
    ]
    if odd:
        raise UsageError(f"--reviewer contains a control character ({odd[0]!r}); write a name")
    if len(name) > 200:
        raise UsageError("--reviewer is longer than 200 characters; write a name")
    try:
        TypeAdapter(PlainStr).validate_python(name)
    except ValidationError:
        raise UsageError("--reviewer holds markup ('<'); write a name") from None
    return name


def _check_date(day: dt.date) -> dt.date:
    # A review dated ahead would put the next review due later than it is.
    if day > dt.date.today():
        raise UsageError(
            f"--date {day.isoformat()} is after today: date an approval when it is given"
        )
    return day


def review_block(reviewer: str, date: dt.date, content_hash: str, indent: str = "") -> str:
    """The ``review:`` mapping as YAML, at the indentation of its key."""
    quoted = json.dumps(reviewer, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
    inner = indent + "  "
    return (
        f"review:\n"
        f"{inner}state: approved\n"
        f"{inner}reviewer: {quoted}\n"
        f"{inner}date: {date.isoformat()}\n"
        f"{inner}approved_hash: {content_hash}"
    )


def _last_end(node: yaml.Node) -> int:
    """Where a node's own text ends: block collections end at their last child's end.

    A block mapping's end mark lies after the comments and blank lines that
    follow it; splicing to there would eat them.
    """
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return _last_end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _last_end(node.value[-1])
    return int(node.end_mark.index)


def splice_review(text: str, block: str, display: str) -> str:
    """``text`` with its top-level ``review:`` mapping replaced by ``block``."""
    root = yaml.compose(text, Loader=LOADER)
    if not isinstance(root, yaml.MappingNode):
        raise InputError([Diagnostic(Location(display), "expected a mapping of fields", "")])
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "review":
            start = key.start_mark.index
            if key.start_mark.column != 0:
                break  # a flow-style top level: no line of its own to replace
            end = _last_end(value)
            return text[:start] + block + text[end:]
    raise InputError(
        [
            Diagnostic(
                Location(display),
                "no top-level `review:` mapping to record the approval in",
                "add `review:` with `state: submitted` on a line of its own",
            )
        ]
    )


def _edition(root: Path, slug: str, locale: str) -> tuple[Project, Article]:
    """The project with the article's editions loaded and checked; the one to approve must
    pass every check (the fact lock and the translation checks included)."""
    project = load_settings(root)
    files, _misplaced = catalogue(project, [slug])
    path = files.get(slug, {}).get(locale)
    if path is None:
        where = (
            ARTICLES_DIR if locale == project.config.default_locale else f"{ARTICLES_DIR}/{locale}"
        )
        raise UsageError(f"no article '{slug}' in {locale} (looked for {where}/{slug}.yaml)")
    refused = list(project.problems)  # the glossary's refused entries are not the article's
    load_editions(project, slug, files[slug])
    display = relative_path(path)
    errors = [p for p in project.problems if p not in refused and p.location.path == display]
    article = project.article(slug, locale)
    if errors or article is None:
        raise InputError(
            errors
            or [
                Diagnostic(
                    Location(display),
                    "it does not pass its checks",
                    f"run `plainly validate {slug}` to see why",
                )
            ]
        )
    return project, article


def _write_record(project: Project, article: Article, reviewer: str, when: dt.date) -> None:
    """The approval record in ``reviews/``, with what readers read now."""
    inputs = reader_inputs(project, article, with_text=True)
    record = ApprovalRecord(
        article=article.slug,
        locale=article.locale,
        reviewer=reviewer,
        date=when,
        source=article.content_hash,
        glossary=inputs.glossary,
        profiles=inputs.profiles,
        settings=inputs.settings,
        assets=inputs.assets,
        renderings=inputs.renderings,
    )
    path = record_path(project.root, article.locale, article.slug)
    heading = (
        f"The approval of {article.display}, written by `plainly approve`. Commit it beside\n"
        f"the article: `plainly diff {article.slug}` compares today's text with the text below."
    )
    _write_in_project(project.root, path, dump_yaml(record.model_dump(), heading))


def _write_in_project(root: Path, path: Path, text: str) -> None:
    """Write a file of ``reviews/``, refusing a folder that leads out of the project."""
    existing = path.parent
    while not existing.exists() and not existing.is_symlink():
        existing = existing.parent
    _inside(root, existing)  # before a folder is made through a link
    path.parent.mkdir(parents=True, exist_ok=True)
    _inside(root, path.parent)
    replace_atomically(path, text.encode("utf-8"))


def _inside(root: Path, folder: Path) -> None:
    if not folder.resolve().is_relative_to(root.resolve()):
        raise UsageError(f"{relative_path(folder)} leads out of the project; make it a folder")


def approve(
    project_dir: Path | None,
    slug: str,
    reviewer: str,
    date: dt.date | None = None,
    locale: str | None = None,
) -> Approval:
    """Record that ``reviewer`` approved article ``slug`` (in ``locale``) as it stands."""
    reviewer = _check_reviewer(reviewer)
    if not SLUG.match(slug):
        raise UsageError(f"'{slug}' is not an article name; use the file name without .yaml")
    root = find_root(project_dir)
    config = load_config(root)
    locale = locale or config.default_locale
    if locale not in config.locales:
        raise unknown_choice("locale", locale, config.locales)
    project, article = _edition(root, slug, locale)
    when = _check_date(date or dt.date.today())
    _write_record(project, article, reviewer, when)
    path = article.path
    raw = path.read_bytes()
    bom = raw.startswith(BOM)
    text = raw[len(BOM) if bom else 0 :].decode("utf-8")
    block = review_block(reviewer, when, article.content_hash)
    if "\r\n" in text:
        block = block.replace("\n", "\r\n")  # the file's own line endings
    updated = splice_review(text, block, article.display)
    data = (BOM if bom else b"") + updated.encode("utf-8")
    _replace_checked(project, article, data)
    record = relative_path(record_path(root, locale, slug))
    return Approval(path, article.display, reviewer, when, article.content_hash, record)


def _replace_checked(project: Project, article: Article, data: bytes) -> None:
    """Write the new source beside the old one, prove it approved, then rename over it."""
    path = article.path

    def still_approved(written: Path) -> None:
        glossary = project.glossary(article.locale)
        check = load_article(written, article.slug, article.locale, glossary, project.audiences)
        if not check.source_approved or check.content_hash != article.content_hash:
            raise PlainlyError(
                f"recording the approval in {path} would have changed its content; "
                "the file was left as it was"
            )

    replace_atomically(path, data, path.stat().st_mode & 0o7777, still_approved)


@dataclass(frozen=True)
class GlossaryApproval:
    """What ``plainly approve --glossary`` recorded."""

    locale: str
    terms: list[str]
    reviewer: str
    date: dt.date


def _entry(glossary: Glossary, name: str) -> GlossaryTerm:
    key = glossary.matcher.forms.get(" ".join(name.lower().split()))
    if key is None:
        raise UsageError(
            f"no glossary entry '{name}' in {glossary.locale} that can be approved (an entry "
            "`plainly validate` refuses cannot be); name a term or form of glossary.yaml"
        )
    return glossary.terms[key]


def approve_glossary(
    project_dir: Path | None,
    terms: Sequence[str],
    reviewer: str,
    date: dt.date | None = None,
    locale: str | None = None,
) -> GlossaryApproval:
    """Record that ``reviewer`` approved glossary entries (all of a locale's when ``terms``
    is empty) as they stand, for every article that uses them."""
    reviewer = _check_reviewer(reviewer)
    root = find_root(project_dir)
    project = load_settings(root)
    locale = locale or project.config.default_locale
    if locale not in project.config.locales:
        raise unknown_choice("locale", locale, project.config.locales)
    glossary = project.glossary(locale)
    if not terms and project.problems:
        raise InputError(project.problems)  # the whole glossary, refused entries included
    chosen = [_entry(glossary, name) for name in terms] or list(glossary.terms.values())
    approvals = read_glossary_approvals(root)
    when = _check_date(date or dt.date.today())
    entries = approvals.setdefault(locale, {})
    for entry in chosen:
        entries[entry.key] = EntryApproval(hash=entry_hash(entry), reviewer=reviewer, date=when)
    data = {
        tag: {key: entries[key].model_dump() for key in sorted(entries)}
        for tag, entries in sorted(approvals.items())
    }
    heading = (
        "Glossary entries approved on their own, written by `plainly approve --glossary`.\n"
        "An approved entry reaches every article that uses it without another review."
    )
    _write_in_project(root, root / GLOSSARY_APPROVALS, dump_yaml(data, heading))
    return GlossaryApproval(locale, [entry.term for entry in chosen], reviewer, when)
