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

from engine.build.writer import safe_target, write_atomic
from engine.errors import Diagnostic, Location, relative_path
from engine.source.files import file_digest

MANIFEST = ".plainly-manifest.json"


SHARD_MANIFEST = ".plainly-manifest.shard-{k}-of-{n}.json"


FORMAT = 1


MISSING = "missing"


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

    def __init__(self, root: Path, glossaries: Mapping[str, Any]):
        self.root = root
        self.glossaries = glossaries
        self._cache: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if name not in self._cache:
            self._cache[name] = self._hash(name)
        return self._cache[name]

    def _hash(self, name: str) -> str:
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

    @classmethod
    def load(cls, path: Path, root: Path | None = None) -> Manifest:
        manifest = cls(path, root)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return manifest
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return manifest
        if data.get("engine") != engine_fingerprint():
            return manifest  # a different engine: everything is rebuilt
        manifest.engine = data["engine"]
        manifest.jobs = dict(data.get("jobs") or {})
        manifest.runs = dict(data.get("runs") or {})
        manifest.articles = dict(data.get("articles") or {})
        return manifest

    def unchanged(self, output: str, key: str, inputs: Mapping[str, str], output_dir: Path) -> bool:
        recorded = self.jobs.get(output)
        return (
            recorded is not None
            and recorded.get("key") == key
            and recorded.get("inputs") == dict(inputs)
            and (output_dir / output).is_file()
        )

    def record(
        self,
        output: str,
        key: str,
        inputs: Mapping[str, str],
        warnings: Sequence[Diagnostic] = (),
    ) -> None:
        entry: dict[str, Any] = {"key": key, "inputs": dict(sorted(inputs.items()))}
        if warnings:
            entry["warnings"] = [_diagnostic_json(d, self.root) for d in warnings]
        self.jobs[output] = entry

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
        if not all((output_dir / o).is_file() for o in outputs):
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
        text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
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
        if not all((output_dir / output).is_file() for output in record.get("outputs") or []):
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


SITE_KEY = "site"


@dataclass
class Session:
    """The incremental side of one ``plainly build``: what to skip, what to record."""

    root: Path
    output_dir: Path
    options: str
    files: dict[str, str]
    lookup: Manifest
    """What earlier builds recorded (the main manifest, and this shard's)."""

    out: Manifest
    """What this build will save."""

    force: bool = False
    shard: tuple[int, int] | None = None
    finalize: bool = False

    @classmethod
    def open(
        cls,
        root: Path,
        output_dir: Path,
        inputs: Sequence[str],
        options: Mapping[str, Any],
        force: bool = False,
        shard: tuple[int, int] | None = None,
        finalize: bool = False,
    ) -> Session:
        main = output_dir / MANIFEST
        root = root.resolve()
        lookup = Manifest(main, root) if force else Manifest.load(main, root)
        if shard is not None:
            path = output_dir / SHARD_MANIFEST.format(k=shard[0], n=shard[1])
            if not force:
                lookup.merge(Manifest.load(path, root))
            out = Manifest(path, root)
        else:
            out = lookup
        files: dict[str, str] = {}
        for name in inputs:
            path = root / name
            if path.is_dir():
                found = project_files(path, exclude=[output_dir])
                files.update({f"{name}/{k}": v for k, v in found.items()})
            else:
                files[name] = file_hash(path)
        key = run_options(**options, shard=shard, finalize=finalize)
        return cls(root, output_dir, key, files, lookup, out, force, shard, finalize)

    def replay(self) -> tuple[list[str], list[Diagnostic], int, list[str]] | None:
        """When nothing at all changed since the same build: its outputs, diagnostics,
        article count and readability lines."""
        if self.force or self.shard is not None or self.finalize:
            return None
        found = self.lookup.replay(self.options, self.files, self.output_dir)
        if found is None:
            return None
        run = self.lookup.runs[self.options]
        return found[0], found[1], int(run.get("articles", 0)), list(run.get("readability", []))

    def record_jobs(
        self,
        jobs: Sequence[Any],
        hashes: Mapping[str, Mapping[str, str]],
        written: Iterable[str],
        warnings: Mapping[str, Sequence[Diagnostic]],
    ) -> None:
        made = set(written)
        for job in jobs:
            if job.output in made:
                found = warnings.get(job.output, ())
                self.out.record(job.output, job.key, hashes[job.output], found)
            elif self.lookup.unchanged(job.output, job.key, hashes[job.output], self.output_dir):
                found = self.lookup.warnings(job.output)
                self.out.record(job.output, job.key, hashes[job.output], found)
            else:
                self.out.forget(job.output)

    def prune(self, keep: set[str], protected_slugs: set[str]) -> list[str]:
        """Delete outputs earlier builds made that this one does not, except those of
        ``protected_slugs``; only files the manifest records are ever touched."""
        removed = []
        for output, entry in sorted(self.out.jobs.items()):
            slug = str(entry.get("key", "")).split(":")[1:2]
            if output in keep or (slug and slug[0] in protected_slugs):
                continue
            target = safe_target(self.output_dir, output)
            target.unlink(missing_ok=True)
            self.out.forget(output)
            removed.append(output)
        return removed

    def remember_article(self, slug: str, record: dict[str, Any] | None) -> None:
        """Keep what an article's build gave, or forget it when it must be read next time."""
        if record is None:
            self.out.articles.pop(slug, None)
        else:
            self.out.articles[slug] = record

    def forget_articles_except(self, slugs: set[str]) -> None:
        """Drop the records of articles that are gone."""
        self.out.articles = {s: r for s, r in self.out.articles.items() if s in slugs}

    def site_inputs(self, site_options: Mapping[str, Any]) -> dict[str, str]:
        body = json.dumps([self.files, site_options], sort_keys=True, default=str)
        return {"project": hashlib.sha256(body.encode()).hexdigest()}

    def site_unchanged(self, inputs: Mapping[str, str]) -> list[str] | None:
        """The site-wide pages, if they are up to date."""
        if self.force or self.finalize:
            return None
        pages = [o for o, job in self.lookup.jobs.items() if job.get("key") == SITE_KEY]
        if pages and all(
            self.lookup.unchanged(p, SITE_KEY, inputs, self.output_dir) for p in pages
        ):
            return pages
        return None

    def record_site(self, pages: Iterable[str], inputs: Mapping[str, str]) -> None:
        for output in [o for o, job in self.out.jobs.items() if job.get("key") == SITE_KEY]:
            self.out.forget(output)
        for page in pages:
            self.out.record(page, SITE_KEY, inputs)

    def save(
        self,
        outputs: Sequence[str],
        diagnostics: Sequence[Diagnostic],
        articles: int,
        clean: bool,
        readability: Sequence[str] = (),
    ) -> None:
        """Write the manifest; ``clean`` builds (no job failed) can be replayed next time."""
        if self.finalize:
            for path in sorted(self.output_dir.glob(SHARD_MANIFEST.format(k="*", n="*"))):
                self.out.merge(Manifest.load(path, self.root))
        if clean and self.shard is None:
            self.out.remember_run(self.options, self.files, outputs, diagnostics)
            self.out.runs[self.options]["articles"] = articles
            self.out.runs[self.options]["readability"] = list(readability)
        else:
            self.out.runs = {}
        self.out.save(self.output_dir)
        if self.finalize:
            for path in self.output_dir.glob(SHARD_MANIFEST.format(k="*", n="*")):
                path.unlink()
