"""The preview keeps going after any failed build and shows what went wrong on the page."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from engine.build.writer import FAIL_WRITES
from engine.commands.serve import Preview
from tests.conftest import Invoke


def _page(preview: Preview, path: str) -> str:
    server = preview.server(0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        with urllib.request.urlopen(f"http://{host!s}:{port}/{path}") as response:
            return str(response.read().decode())
    finally:
        server.shutdown()
        server.server_close()


def test_a_failed_build_is_shown_on_the_page_and_the_next_one_clears_it(
    plainly: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "project"
    assert plainly("init", root).exit_code == 0
    reported: list[Any] = []
    preview = Preview(root, True, lambda report, error: reported.append(error))
    preview.build(("html",))
    assert preview.problems == [] and reported == [None]
    glossary = root / "glossary.yaml"
    good = glossary.read_text()
    glossary.write_text("terms: [<script>\n")
    preview.build(("html",))  # an invalid glossary stops the build, not the preview
    assert reported[-1] is not None
    page = _page(preview, "example/patient/")
    assert 'id="plainly-preview-errors"' in page
    assert "glossary.yaml:2:1: error: invalid YAML" in page
    assert "&lt;stream end&gt;" in page  # escaped, as every message on the page
    monkeypatch.setenv(FAIL_WRITES, "ENOSPC")  # the disk fills up
    glossary.write_text(good)
    article = root / "articles/example.yaml"
    article.write_text(article.read_text().replace("Why salt matters", "Why salt counts"))
    preview.build(("html",))
    assert "No space left on device" in preview.problems[0]
    monkeypatch.delenv(FAIL_WRITES)
    preview.build(("html",))  # fixed: the next build clears the message
    assert preview.problems == []
    assert 'id="plainly-preview-errors"' not in _page(preview, "example/patient/")


def test_drafts_are_previewed_apart_from_the_site_a_build_publishes(
    plainly: Invoke, tmp_path: Path
) -> None:
    root = tmp_path / "project"
    assert plainly("init", root).exit_code == 0
    preview = Preview(root, True, lambda report, error: None)
    preview.build(("html",))
    assert "DRAFT" in _page(preview, "example/patient/")
    assert (root / "output/preview/site/example/patient/index.html").is_file()
    assert not (root / "output/site").exists(), "a deploy after a preview would publish drafts"
    published = Preview(root, False, lambda report, error: None)
    assert published.site == (root / "output/site").resolve()
