"""Where a project's output and assets may be: inside the project, apart from its sources.

An output folder inside ``articles/`` would have the build write among the sources
(and a later prune delete there); an asset folder naming a home folder would publish
``.ssh/id_rsa``. Both are refused with a located error in ``plainly.yaml``; an output
folder given on the command line (``--output DIR``, to deploy elsewhere) may lie
outside the project, but never over its sources.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.errors import Diagnostic, Location, UsageError
from engine.load.approvals import REVIEWS_DIR
from engine.load.project import ARTICLES_DIR, CONFIG_FILE, GLOSSARY_FILE, PROFILES_DIR
from engine.schema.config import ProjectConfig
from engine.source.located import locate_path

TEMPLATES_DIR = "templates"

SOURCES = (ARTICLES_DIR, PROFILES_DIR, TEMPLATES_DIR, REVIEWS_DIR, CONFIG_FILE, GLOSSARY_FILE)
"""What a project's sources are, relative to its folder."""


def _overlaps(a: Path, b: Path) -> bool:
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)


def _clash(folder: Path, root: Path, others: dict[str, Path]) -> str | None:
    """Why ``folder`` cannot hold output or assets, or None."""
    if folder == root or root.is_relative_to(folder):
        return "it is the project folder itself, or holds it"
    for name, other in others.items():
        if _overlaps(folder, other):
            return f"it overlaps the project's {name}"
    return None


def folder_problems(
    root: Path, config: ProjectConfig, data: Any, display: str, output: Path | None = None
) -> list[Diagnostic]:
    """Every reason the configured output and asset folders are not allowed."""
    root = root.resolve()
    sources = {name: (root / name).resolve() for name in SOURCES}
    assets = (root / config.assets).resolve()
    output_dir = output.resolve() if output is not None else (root / config.output).resolve()
    problems: list[Diagnostic] = []
    hint = (
        "name a folder inside the project, apart from articles/, variants/, templates/ and reviews/"
    )
    for field, folder, others in (
        ("assets", assets, {**sources, "output folder": output_dir}),
        ("output", output_dir, {**sources, "asset folder": assets}),
    ):
        if field == "output" and output is not None:
            reason = _clash(folder, root, others)
            if reason is not None:
                raise UsageError(f"--output {output}: {reason}; choose another folder")
            continue
        reason = (
            "it is outside the project" if not folder.is_relative_to(root) else None
        ) or _clash(folder, root, others)
        if reason is not None:
            where = locate_path(data, [field], Location(display))
            problems.append(Diagnostic(where, f"'{field}': {reason}", hint))
    return problems


def locale_problems(config: ProjectConfig, data: Any, display: str) -> list[Diagnostic]:
    """A locale listed twice would build its index twice over."""
    seen: set[str] = set()
    problems = []
    for index, tag in enumerate(config.locales):
        if tag in seen:
            problems.append(
                Diagnostic(
                    locate_path(data, ["locales", index], Location(display)),
                    f"locale '{tag}' is listed twice",
                    "list each locale once",
                )
            )
        seen.add(tag)
    return problems
