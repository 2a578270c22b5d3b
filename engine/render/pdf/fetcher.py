"""WeasyPrint, loaded only when a handout is made, with fonts and a fetcher locked to our files."""

from __future__ import annotations

import logging
import mimetypes
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import fontpkg_atkinson_hyperlegible as atkinson
from markupsafe import Markup

from engine.load.project import Project

PACKAGE_DIR = Path(__file__).resolve().parents[2]
"""The engine package: its static files are the only package files a handout may load."""


FONT_DIR = (Path(atkinson.ROOT) / "files").resolve()


FONT_FACES = (
    ("Regular", 400, "normal"),
    ("Bold", 700, "normal"),
    ("Italic", 400, "italic"),
    ("BoldItalic", 700, "italic"),
)


PACKAGE_SCHEME = "plainly"


PACKAGE_FOLDERS = {"fonts": FONT_DIR, "static": PACKAGE_DIR / "static"}
"""What ``plainly:<folder>/<file>`` URLs in print templates may fetch."""


SAFE_LINK_SCHEMES = ("http", "https", "mailto", "tel")


def file_url(path: Path) -> str:
    return path.resolve().as_uri()


def css_string(value: str) -> Markup:
    """A quoted CSS string, for text the templates put in ``content:`` of margin boxes."""
    text = value.unescape() if isinstance(value, Markup) else str(value)
    text = text.strip().replace("\\", "\\\\").replace('"', '\\"')
    text = "\\A ".join(line.strip() for line in text.splitlines())
    return Markup('"{}"').format(Markup(text.replace("<", "\\3C ")))


PAGE_MARK, PAGES_MARK = "\ue000", "\ue001"
"""Stand-ins for the page counters in the translated "Page %(page)s of %(pages)s"."""


def page_counter(label: str) -> Markup:
    """CSS ``content`` for a translated page label: "Página " counter(page) " de " ..."""
    parts: list[str] = []
    for piece in re.split(f"([{PAGE_MARK}{PAGES_MARK}])", str(label)):
        if piece == PAGE_MARK:
            parts.append("counter(page)")
        elif piece == PAGES_MARK:
            parts.append("counter(pages)")
        elif piece:
            # Escaped as css_string does, but not stripped: "Page " keeps its space, a
            # no-break one, so "Page 7 of 10" never wraps onto two lines of the footer.
            text = piece.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
            text = text.replace(" ", "\u00a0")
            parts.append(f'"{text}"')
    return Markup(" ".join(parts))


@lru_cache(maxsize=1)
def _weasyprint() -> Any:
    import weasyprint

    return weasyprint


@lru_cache(maxsize=1)
def font_config() -> Any:
    """One FontConfiguration per process: building it scans the system fonts."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LockedFetcher(URLFetcher):  # type: ignore[misc]
        """Serves files under the allowed folders; refuses and remembers everything else."""

        def __init__(self, roots: Sequence[Path]):
            super().__init__(allowed_protocols=("file",), allow_redirects=False)
            self.roots = [root.resolve() for root in roots]
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            path = self.allowed_path(url)
            if path is None:
                self.refused.append(url)
                raise ValueError(f"Plainly refused to fetch {url}")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), headers={"Content-Type": kind}
            )

        def allowed_path(self, url: str) -> Path | None:
            parts = urlsplit(url)
            if parts.scheme == PACKAGE_SCHEME:
                # Package files go by a name of their own, so the print HTML names no
                # folder of this machine (and its snapshot is the same everywhere).
                folder, _, name = parts.path.partition("/")
                root = PACKAGE_FOLDERS.get(folder)
                path = (root / unquote(name)).resolve() if root else None
            elif parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(url2pathname(unquote(parts.path))).resolve()
            else:
                return None
            # Resolving follows symlinks and "..", so neither can leave an allowed folder.
            if path and any(path.is_relative_to(r) for r in self.roots) and path.is_file():
                return path
            return None

    return LockedFetcher


def allowed_roots(project: Project) -> list[Path]:
    return [*PACKAGE_FOLDERS.values(), project.asset_dir]


class _CapturedLog(logging.Handler):
    """Collects what WeasyPrint logs on this thread while one handout renders."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.records.append(record)


@contextmanager
def _capture_weasyprint_log() -> Iterator[_CapturedLog]:
    logger = logging.getLogger("weasyprint")
    handler = _CapturedLog()
    logger.addHandler(handler)
    # WeasyPrint's own handler prints to stderr; the build reports these itself.
    saved = logger.propagate
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = saved
