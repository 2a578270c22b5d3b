"""The site's assets: the engine's script, styles and fonts, and the project's own files.

Project assets are published on the site's origin, so they are held to rules:
dotfiles are never published; a link is followed only to a regular file inside the
project; nothing but regular files is read; a project file may not take the place
of one of the engine's (``plainly.js``, ``plainly.css``, ``favicon.svg``, ``search-index*.js``,
``fonts/``); and an SVG that carries script, event handlers or references to other
files or sites is refused (an SVG opened from the site runs its script there). Only
images, PDFs, fonts and plain text are published: a page or script in the asset folder
would reach readers on the site's origin, unreviewed.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import fontpkg_atkinson_hyperlegible as atkinson

from engine.errors import Diagnostic, InputError, Location, relative_path
from engine.load.project import Project
from engine.source.files import read_source_bytes

FONT_FILES = [
    atkinson.ROOT / "files" / f"AtkinsonHyperlegible-{style}.ttf"
    for style in ("Regular", "Bold", "Italic", "BoldItalic")
]
"""Atkinson Hyperlegible, shipped by a PyPI package under the SIL Open Font License."""


MAX_ASSET_BYTES = 20_000_000
"""Larger asset files are refused: a logo or a figure needs far less."""


ENGINE_NAMES = re.compile(
    r"^(plainly\.(js|css)|favicon\.svg|search-index(-[^/]*)?\.js|fonts(/.*)?)$"
)
"""Paths under site/assets/ that belong to the engine: a project asset there would
replace the site's own script on every page."""


UNSAFE_SVG = re.compile(
    r"<\s*script\b|<\s*foreignobject\b|<!entity|\son[a-z]+\s*=|"
    r"(?:href|src)\s*=\s*[\"']?\s*(?!#)[^\s\"'>]|url\(\s*[\"']?\s*(?!#)[^\s\"')]|@import",
    re.IGNORECASE,
)
"""What an SVG asset may not hold: script, event handlers, embedded HTML, entity
declarations, and references to anything but its own fragments (``#id``)."""


PUBLISHED_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".pdf", ".woff",
     ".woff2", ".ttf", ".otf", ".txt", ".csv"}
)  # fmt: skip
"""The kinds of asset file a project may publish: images, documents, fonts, plain text."""


def engine_assets() -> dict[str, bytes]:
    """The engine's own script, styles and fonts, by output path."""
    files: dict[str, bytes] = {}
    static = resources.files("engine") / "static"
    for item in sorted(static.iterdir(), key=lambda p: p.name):
        if item.is_file():
            files[f"site/assets/{item.name}"] = item.read_bytes()
    for font in FONT_FILES:
        files[f"site/assets/fonts/{font.name}"] = font.read_bytes()
    return files


def project_assets(project: Project) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """The project's asset files by output path, and every asset refused (and why)."""
    folder = project.asset_dir
    root = project.root.resolve()
    files: dict[str, bytes] = {}
    problems: list[Diagnostic] = []
    if not folder.is_dir():
        return files, problems
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue  # dotfiles (.git, .env, .DS_Store) are never published
        if path.is_dir() and not path.is_symlink():
            continue
        display = relative_path(path)
        try:
            files[f"site/assets/{relative}"] = _asset(path, relative, display, root)
        except InputError as error:
            problems.extend(error.diagnostics)
    return files, problems


def _refused(display: str, message: str, hint: str) -> InputError:
    return InputError([Diagnostic(Location(display), message, hint)])


def _asset(path: Path, relative: str, display: str, root: Path) -> bytes:
    """One asset's bytes, or InputError saying why it is not published."""
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root) or not target.is_file():
            raise _refused(
                display,
                "asset is a link to something that is not a file inside the project",
                "copy the file into the asset folder instead of linking to it",
            )
    if ENGINE_NAMES.match(relative):
        raise _refused(
            display,
            f"asset '{relative}' would replace the site's own file of that name",
            "rename it: plainly.js, plainly.css, search-index*.js and fonts/ are the engine's",
        )
    if path.suffix.lower() not in PUBLISHED_SUFFIXES:
        raise _refused(
            display,
            f"asset '{relative}' is not a kind of file the site publishes",
            "assets are images, PDFs, fonts and plain text ("
            + ", ".join(sorted(PUBLISHED_SUFFIXES))
            + "); a page or script would reach readers unreviewed",
        )
    data = read_source_bytes(path, display, MAX_ASSET_BYTES)
    if path.suffix.lower() == ".svg":
        text = data.decode("utf-8", errors="replace")
        found = UNSAFE_SVG.search(text)
        if found is not None:
            line = text.count("\n", 0, found.start()) + 1
            raise InputError(
                [
                    Diagnostic(
                        Location(display, line),
                        "SVG asset holds script, event handlers or references to other files",
                        "export it again as a plain SVG, or use a PNG",
                    )
                ]
            )
    return data
