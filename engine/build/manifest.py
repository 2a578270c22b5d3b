"""Incremental builds: content hashes of every job's declared inputs, kept in a manifest.

The manifest lives in the output folder (``.plainly-manifest.json``). For each
output file it records the job that made it and a hash of each declared input:
the raw bytes of project files (article, profile, ``plainly.yaml``, template
overrides) and, for glossary entries (``glossary:<locale>:<key>``), the entry
itself, so that editing one term rebuilds only the variants that use it. A job
is skipped when its inputs hash the same, the engine is the same and its output
file still exists; file times are never trusted.

For each article built cleanly it keeps a record: every input the article
depends on (its jobs' inputs, and the names of the files in the folders that
could add one, and the glossary's vocabulary), its outputs, warnings,
readability lines and index listing. When all of those hash the same, the
build takes the article from the record instead of reading it.

For a rebuild with nothing changed at all, the manifest also keeps, per set of
build options, the raw hash of every file in the project: when they all match,
the build parses nothing and replays the diagnostics of the last run.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.build.manifest_schema import FORMAT, read_manifest
from engine.build.writer import write_atomic
from engine.errors import Diagnostic, Location, relative_path
from engine.source.files import file_digest

MANIFEST = ".plainly-manifest.json"


SHARD_MANIFEST = ".plainly-manifest.shard-{k}-of-{n}.json"


MISSING = "missing"


WORLD = "world"
"""The input every job has: everything a job could read besides articles and the
glossary (plainly.yaml, every profile, template override and asset, by content) and
the build date. Declared inputs can fall behind the code that reads files; this one
cannot, so what the build cannot prove unchanged, it rebuilds."""


_ENGINE_DIR = Path(__file__).resolve().parents[1]


_ENGINE_FINGERPRINT: str | None = None


def engine_fingerprint() -> str:
    """A hash of the engine's own code, templates and data: a new engine rebuilds all."""
    global _ENGINE_FINGERPRINT
    if _ENGINE_FINGERPRINT is None:
        digest = hashlib.sha256()
        for path in sorted(_ENGINE_DIR.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.relative_to(_ENGINE_DIR).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
        _ENGINE_FINGERPRINT = digest.hexdigest()
    return _ENGINE_FINGERPRINT


def file_hash(path: Path) -> str:
    return file_digest(path) or MISSING


def project_files(root: Path, exclude: Sequence[Path] = ()) -> dict[str, str]:
    """The raw hash of every file in a content project, output folder left out."""
    skip = [p.resolve() for p in exclude]
    found: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and (here / d).resolve() not in skip and d != "__pycache__"
        )
        for name in sorted(files):
            if not name.startswith("."):
                path = here / name
                found[path.relative_to(root).as_posix()] = file_hash(path)
    return found


def shard_of(key: str, shards: int) -> int:
    """The shard (1 to ``shards``) a job belongs to: a stable hash, the same on every machine."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") % shards + 1


class InputHasher:
    """Hashes declared inputs, each at most once per build."""

    def __init__(self, root: Path, glossaries: Mapping[str, Any], world: str = ""):
        self.root = root
        self.glossaries = glossaries
        self.world = world
        self._cache: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if name not in self._cache:
            self._cache[name] = self._hash(name)
        return self._cache[name]

    def _hash(self, name: str) -> str:
        if name == WORLD:
            return self.world
        if name.startswith("vocabulary:"):
            # Every form the glossary matches: a new term can change how an article parses.
            glossary = self.glossaries.get(name.split(":", 1)[1])
            forms = sorted(glossary.matcher.forms.items()) if glossary is not None else []
            return hashlib.sha256(json.dumps(forms).encode()).hexdigest()
        if name.startswith("listing:"):
            # The names of a folder's files: a new template override or logo counts.
            folder = self.root / name.split(":", 1)[1]
            found = sorted(
                p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
            )
            return hashlib.sha256("\0".join(found).encode()).hexdigest()
        if name.startswith("glossary:"):
            _, locale, key = name.split(":", 2)
            glossary = self.glossaries.get(locale)
            term = glossary.terms.get(key) if glossary is not None else None
            if term is None:
                return MISSING
            body = json.dumps(term.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
            return hashlib.sha256(body.encode()).hexdigest()
        return file_hash(self.root / name)

    def inputs(self, names: Iterable[str]) -> dict[str, str]:
        return {name: self(name) for name in names}


def _diagnostic_json(d: Diagnostic, root: Path | None) -> list[Any]:
    path, in_project = d.location.path, False
    shown = Path(path)
    if root is not None and shown.is_file() and shown.resolve().is_relative_to(root):
        # Kept relative to the project, not to the folder the build ran from.
        path, in_project = shown.resolve().relative_to(root).as_posix(), True
    return [path, d.location.line, d.location.column, d.message, d.hint, d.severity, in_project]


def _diagnostic_from(data: Sequence[Any], root: Path | None) -> Diagnostic:
    path, line, column, message, hint, severity, in_project = data
    if in_project and root is not None:
        path = relative_path(root / path)
    return Diagnostic(Location(path, line, column), message, hint, severity)


@dataclass
class Manifest:
    """What the last builds made, and from what."""

    path: Path
    root: Path | None = None
    """The project folder, which diagnostics' file paths are kept relative to."""

    engine: str = ""
    jobs: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Output path -> {"key": job key, "inputs": {input: hash}}."""

    runs: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Build options -> the project's file hashes, outputs and diagnostics of that build."""

    articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Slug -> what the article's last clean build gave and from what (see
    :meth:`reusable`), so that a build does not read an article nothing of which changed."""

    problem: str | None = None
    """Why the manifest read could not be used (it was not valid): the build warns."""

    @classmethod
    def load(cls, path: Path, root: Path | None = None) -> Manifest:
        """The manifest at ``path``; an empty one (rebuild everything) when there is none,
        when another engine wrote it, or when it is not valid (then ``problem`` says why)."""
        manifest = cls(path, root)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return manifest
        except (OSError, ValueError) as error:
            manifest.problem = f"it cannot be read ({error})"
            return manifest
        data, manifest.problem = read_manifest(text)
        if data is None or data["engine"] != engine_fingerprint():
            return manifest  # a different engine: everything is rebuilt
        manifest.engine = data["engine"]
        manifest.jobs = dict(data["jobs"])
        manifest.runs = dict(data["runs"])
        manifest.articles = dict(data["articles"])
        return manifest

    def warning(self) -> Diagnostic | None:
        """The warning for a manifest that could not be used, if it could not."""
        if self.problem is None:
            return None
        shown = relative_path(self.path)
        return Diagnostic(
            Location(shown),
            f"the build manifest is not valid: {self.problem}",
            "nothing to do: everything was rebuilt and a new manifest written",
            "warning",
        )

    def unchanged(self, output: str, key: str, inputs: Mapping[str, str], output_dir: Path) -> bool:
        recorded = self.jobs.get(output)
        return (
            recorded is not None
            and recorded.get("key") == key
            and recorded.get("inputs") == dict(inputs)
            and self.intact(output, output_dir)
        )

    def record(
        self,
        output: str,
        key: str,
        inputs: Mapping[str, str],
        warnings: Sequence[Diagnostic] = (),
    ) -> None:
        entry: dict[str, Any] = {
            "key": key,
            "inputs": dict(sorted(inputs.items())),
            # What the file held when this entry was made: a build interrupted after
            # rewriting it, then a revert of the source, must not find it up to date.
            "output": file_hash(self.path.parent / output),
        }
        if warnings:
            entry["warnings"] = [_diagnostic_json(d, self.root) for d in warnings]
        self.jobs[output] = entry

    def intact(self, output: str, output_dir: Path) -> bool:
        """Whether ``output`` holds what this manifest recorded it was made with."""
        entry = self.jobs.get(output)
        digest = file_hash(output_dir / output)
        return entry is not None and digest != MISSING and entry.get("output") == digest

    def warnings(self, output: str) -> list[Diagnostic]:
        """The warnings the job of ``output`` gave when it last ran."""
        recorded = self.jobs.get(output) or {}
        return [_diagnostic_from(d, self.root) for d in recorded.get("warnings") or []]

    def forget(self, output: str) -> None:
        self.jobs.pop(output, None)

    def remember_run(
        self,
        options: str,
        files: Mapping[str, str],
        outputs: Sequence[str],
        diagnostics: Sequence[Diagnostic],
    ) -> None:
        self.runs = {
            options: {
                "files": dict(files),
                "outputs": sorted(outputs),
                "diagnostics": [_diagnostic_json(d, self.root) for d in diagnostics],
            }
        }

    def replay(
        self, options: str, files: Mapping[str, str], output_dir: Path
    ) -> tuple[list[str], list[Diagnostic]] | None:
        """The outputs and diagnostics of an identical earlier build, if nothing changed."""
        run = self.runs.get(options)
        if not run or run.get("files") != dict(files):
            return None
        outputs = list(run.get("outputs") or [])
        if not all(self.intact(o, output_dir) for o in outputs):
            return None
        return outputs, [_diagnostic_from(d, self.root) for d in run.get("diagnostics") or []]

    def save(self, output_dir: Path) -> None:
        data = {
            "format": FORMAT,
            "engine": engine_fingerprint(),
            "jobs": dict(sorted(self.jobs.items())),
            "runs": self.runs,
            "articles": dict(sorted(self.articles.items())),
        }
        # Not sort_keys: a record keeps the order it was made in (an index card lists
        # each audience's wording in audience order), and a page built from the record
        # must be the page a full build makes. The build's own dicts are sorted above.
        text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
        write_atomic(output_dir, self.path.relative_to(output_dir), text)

    def merge(self, other: Manifest) -> None:
        self.jobs.update(other.jobs)

    def reusable(
        self, slug: str, options: str, files: Sequence[str], hasher: InputHasher, output_dir: Path
    ) -> tuple[dict[str, Any], list[Diagnostic]] | None:
        """What an article's last build gave, when nothing it depends on changed since
        (same options, same files, same hashes, every output still there)."""
        record = self.articles.get(slug)
        if not record or record.get("options") != options or record.get("files") != sorted(files):
            return None
        inputs: dict[str, str] = record.get("inputs") or {}
        if any(hasher(name) != digest for name, digest in inputs.items()):
            return None
        if not all(self.intact(output, output_dir) for output in record.get("outputs") or []):
            return None
        return record, [_diagnostic_from(d, self.root) for d in record.get("warnings") or []]


def article_record(
    root: Path,
    options: str,
    files: Sequence[str],
    inputs: Mapping[str, str],
    outputs: Sequence[str],
    warnings: Sequence[Diagnostic],
    summary: Mapping[str, Any],
) -> dict[str, Any]:
    """What a clean build of one article gave, and every input it depends on (its files,
    profiles, configuration, templates, glossary entries, assets), for the manifest."""
    return {
        "options": options,
        "files": sorted(files),
        "inputs": dict(sorted(inputs.items())),
        "outputs": sorted(outputs),
        "warnings": [_diagnostic_json(d, root) for d in warnings],
        **summary,
    }


def run_options(**options: Any) -> str:
    """A stable key for a set of build options."""
    return json.dumps(options, sort_keys=True, default=str)
