"""A built two-article site, served on 127.0.0.1, and Debian's Chromium driven by Playwright.

One browser for the whole session; each test gets a fresh context, so nothing a
reader chose in one test (localStorage) leaks into the next. Every request a
page makes is recorded, and anything not addressed to the local server is
refused and reported.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

from engine.build.run import build
from engine.commands.init import create_project
from tests.conftest import copy_project

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

SECOND_ARTICLE = """\
title: Can a daily walk lower blood pressure?
topics: [exercise]
bottom_line:
  default: "Walking 30 minutes on most days lowers blood pressure in adults with hypertension."
  patient: "A walk of 30 minutes on most days can lower your blood pressure."
updated: 2025-02-01
review:
  state: submitted
sections:
  - id: how-walking-helps
    title: How walking helps
    blocks:
      - id: stroll
        type: paragraph
        text:
          default: "A brisk stroll after dinner makes the heart stronger and helps with hypertension."
          patient: "A brisk stroll after dinner makes your heart stronger."
"""
"""A second article, so a choice can be seen carrying from one article to another.
"stroll" appears only in its body: the search test looks for it."""


def make_project(root: Path) -> Path:
    """A new content project (the `plainly init` one) plus the walking article."""
    create_project(root)
    (root / "articles" / "walking.yaml").write_text(SECOND_ARTICLE, encoding="utf-8")
    return root


def build_site(root: Path) -> Path:
    project, report = build(root, drafts=True, formats=("html",))
    assert report.ok, [str(d) for d in report.failed]
    return project.output_dir / "site"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(make_project(tmp_path_factory.mktemp("browser") / "project"))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(site: Path) -> Iterator[str]:
    """A built site served by Python's own HTTP server, as any static host would."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    yield from serve(site)


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own bilingual project, built with --drafts: its articles ship
    unapproved (tests that need an approved page approve a copy)."""
    return build_site(copy_project(tmp_path_factory.mktemp("bundled") / "project"))


@pytest.fixture(scope="session")
def bundled_url(bundled_site: Path) -> Iterator[str]:
    yield from serve(bundled_site)


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths from its root."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is missing: install it with `apt-get install chromium`")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Traffic:
    """Every request pages made, and those refused for leaving the site."""

    allowed_host: str
    seen: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        url = route.request.url
        self.seen.append(url)
        parts = urlsplit(url)
        if parts.scheme == "file" or (parts.scheme == "http" and parts.netloc == self.allowed_host):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()


def open_context(browser: Browser, base_url: str, **options: Any) -> tuple[BrowserContext, Traffic]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    traffic = Traffic(urlsplit(base_url).netloc)
    context.route("**/*", traffic.route)
    return context, traffic


@pytest.fixture
def traffic_and_page(browser: Browser, base_url: str) -> Iterator[tuple[Traffic, Page]]:
    context, traffic = open_context(browser, base_url)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield traffic, page
    context.close()
    assert not errors, f"script errors: {errors}"
    assert not traffic.refused, f"requests left the site: {traffic.refused}"


@pytest.fixture
def page(traffic_and_page: tuple[Traffic, Page]) -> Page:
    return traffic_and_page[1]
