"""Reading and writing the approval records in ``reviews/``, and the hashes they hold.

The hashes are of what changes a reader's words: an entry of the glossary, the settings
of a profile that change wording, and the project settings an article shows (the
emergency number, the clinic). A profile's targets, limits and labels do not count, nor
do templates or the engine.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter

from engine.errors import relative_path
from engine.load.diagnostics import _validate
from engine.schema.approval import ApprovalRecord, GlossaryApprovals
from engine.schema.config import ProjectConfig
from engine.schema.glossary import GlossaryTerm
from engine.schema.profile import AudienceProfile
from engine.source.located import load_yaml

REVIEWS_DIR = "reviews"

GLOSSARY_APPROVALS = f"{REVIEWS_DIR}/glossary.yaml"

WORDING_FIELDS = (
    "glossary",
    "glossary_first_mention",
    "may_omit",
    "print_leaves_out",
    "citations",
    "references",
    "disclaimer",
)
"""The profile settings that change what a reader of the article reads."""


def _digest(model: BaseModel, fields: tuple[str, ...] | None = None) -> str:
    data = model.model_dump(mode="json", include=set(fields) if fields else None)
    body = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


def entry_hash(entry: GlossaryTerm) -> str:
    """The hash of a glossary entry: every field of it changes what readers read."""
    return _digest(entry)


def wording_hash(profile: AudienceProfile) -> str:
    """The hash of a profile's :data:`WORDING_FIELDS` (after ``extends``)."""
    return _digest(profile, WORDING_FIELDS)


def settings_hash(config: ProjectConfig) -> str:
    """The hash of the settings an article's words show: what "when to get help" tells a
    reader to call, and the clinic named on every handout."""
    return _digest(config, ("emergency_number", "clinic"))


def record_path(root: Path, locale: str, slug: str) -> Path:
    """Where the approval of one edition is kept."""
    return root / REVIEWS_DIR / locale / f"{slug}.yaml"


def read_record(root: Path, locale: str, slug: str) -> ApprovalRecord | None:
    """The edition's approval record, None when there is none; a bad one raises
    InputError at its place."""
    path = record_path(root, locale, slug)
    if not path.is_file() and not path.is_symlink():
        return None
    display = relative_path(path)
    record: ApprovalRecord = _validate(ApprovalRecord, load_yaml(path, display), display)
    return record


def read_glossary_approvals(root: Path) -> GlossaryApprovals:
    """The approved glossary entries; none when the file is absent. A bad file raises
    InputError at its place."""
    path = root / GLOSSARY_APPROVALS
    if not path.is_file() and not path.is_symlink():
        return {}
    display = relative_path(path)
    adapter = TypeAdapter(GlossaryApprovals)
    approvals: GlossaryApprovals = _validate(adapter, load_yaml(path, display), display)
    return approvals


class _Dumper(yaml.SafeDumper):
    """Block style for text of several lines, so a reviewer can read the record; no
    anchors (the loader refuses them) where one date object is written twice."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(data: Any, heading: str) -> str:
    """A record as YAML, under a comment that says what wrote it."""
    comment = "".join(f"# {line}\n" for line in heading.splitlines())
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)
    return comment + body
