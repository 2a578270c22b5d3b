"""One build's incremental side: what the manifest lets it skip, and what it records."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.build.jobs import JobKey, format_of
from engine.build.manifest import (
    MANIFEST,
    SHARD_MANIFEST,
    Manifest,
    file_hash,
    project_files,
    run_options,
)
from engine.build.writer import safe_target
from engine.errors import Diagnostic
from engine.load.project import ARTICLES_DIR, GLOSSARY_FILE

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

    def prune(self, keep: set[str], formats: Iterable[str]) -> list[str]:
        """Delete outputs of ``formats`` that earlier builds made and this one does not;
        only files the manifest records are touched."""
        made = {*formats, SITE_KEY}
        return self._delete(lambda output, key: output not in keep and format_of(key) in made)

    def withdraw(self, editions: set[tuple[str, str]]) -> list[str]:
        """Delete every output, of any format, of these (slug, locale) editions: an edition
        no longer published must not stay online because this build made only some formats,
        audiences or articles."""
        return self._delete(lambda _output, key: JobKey.parse(key).edition in editions)

    def _delete(self, doomed: Callable[[str, str], bool]) -> list[str]:
        """Delete the recorded outputs ``doomed(output, job key)`` picks, and forget them."""
        removed = []
        for output, entry in sorted(self.out.jobs.items()):
            if not doomed(output, str(entry.get("key", ""))):
                continue
            target = safe_target(self.output_dir, output)
            target.unlink(missing_ok=True)
            _remove_empty_folders(target.parent, self.output_dir.resolve())
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

    def world(self, as_of: str) -> str:
        """The digest of :data:`WORLD`: every project file but the articles' and the
        glossary's (whose parts are inputs of their own), and the build date."""
        kept = {
            name: digest
            for name, digest in self.files.items()
            if not name.startswith(f"{ARTICLES_DIR}/") and name != GLOSSARY_FILE
        }
        body = json.dumps([kept, as_of], sort_keys=True)
        return hashlib.sha256(body.encode()).hexdigest()

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
        """Record the site-wide outputs this build made. Those it no longer makes (an
        asset removed from the project) stay recorded until :meth:`prune` deletes them."""
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


def _remove_empty_folders(folder: Path, output_dir: Path) -> None:
    """Remove ``folder`` and its parents up to the output folder while they are empty,
    so a removed article leaves no empty folder behind."""
    while folder != output_dir and folder.is_relative_to(output_dir):
        try:
            folder.rmdir()
        except OSError:  # not empty (or gone): what is left is someone's
            return
        folder = folder.parent
