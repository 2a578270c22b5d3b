"""``plainly approve``: recording a reviewer's approval of an article as it stands."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from engine.build.writer import replace_atomically
from engine.errors import Diagnostic, InputError, Location, PlainlyError, UsageError
from engine.load.project import ARTICLES_DIR, Article, Project
from engine.load.settings import find_root, load_config, load_glossaries, load_profiles
from engine.schema.base import SLUG
from engine.schema.config import ProjectConfig
from engine.source.located import LOADER
from engine.validate.editions import checked_article

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Approval:
    """What ``plainly approve`` recorded."""

    path: Path
    display: str
    reviewer: str
    date: dt.date
    content_hash: str


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
    return name


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


def _load(root: Path, path: Path, slug: str, config: ProjectConfig) -> Article:
    audiences = load_profiles(root, config.locales)
    project = Project(root, config, audiences, load_glossaries(root, config.locales))
    article, _warnings = checked_article(project, slug, config.default_locale, path)
    return article


def approve(
    project_dir: Path | None, slug: str, reviewer: str, date: dt.date | None = None
) -> Approval:
    """Record that ``reviewer`` approved article ``slug`` as it stands, on ``date``."""
    reviewer = _check_reviewer(reviewer)
    if not SLUG.match(slug):
        raise UsageError(f"'{slug}' is not an article name; use the file name without .yaml")
    root = find_root(project_dir)
    config = load_config(root)
    path = root / ARTICLES_DIR / f"{slug}.yaml"
    if not path.is_file():
        raise UsageError(f"no article '{slug}' (looked for {ARTICLES_DIR}/{slug}.yaml)")
    # Only a valid article can be approved: the load runs every check, the fact lock included.
    article = _load(root, path, slug, config)
    when = date or dt.date.today()
    raw = path.read_bytes()
    bom = raw.startswith(BOM)
    text = raw[len(BOM) if bom else 0 :].decode("utf-8")
    updated = splice_review(
        text, review_block(reviewer, when, article.content_hash), article.display
    )
    data = (BOM if bom else b"") + updated.encode("utf-8")
    _replace_checked(path, data, root, slug, config, article.content_hash)
    return Approval(path, article.display, reviewer, when, article.content_hash)


def _replace_checked(
    path: Path, data: bytes, root: Path, slug: str, config: ProjectConfig, expected: str
) -> None:
    """Write the new source beside the old one, prove it approved, then rename over it."""

    def still_approved(written: Path) -> None:
        check = _load(root, written, slug, config)
        if not check.approved or check.content_hash != expected:
            raise PlainlyError(
                f"recording the approval in {path} would have changed its content; "
                "the file was left as it was"
            )

    replace_atomically(path, data, path.stat().st_mode & 0o7777, still_approved)
