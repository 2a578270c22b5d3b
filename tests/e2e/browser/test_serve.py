"""`plainly serve`: the writer's preview rebuilds on a change and the open page reloads itself."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.browser.conftest import make_project


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = make_project(tmp_path / "project")
    process = subprocess.Popen(
        [sys.executable, "-m", "engine", "serve", "--project", str(root), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("Serving "):
                address = line.split()[1]
                break
        else:
            pytest.fail("plainly serve stopped before serving")
        yield root, address
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_answers_on_localhost_with_a_404_page(preview: tuple[Path, str]) -> None:
    _, address = preview
    assert address.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(address + "example/patient/") as response:
        assert b"/__plainly__/live.js" in response.read()
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(address + "no-such-page/")
    assert missing.value.code == 404
    assert b"find that page" in missing.value.read()


def test_an_edited_article_is_rebuilt_and_the_page_reloads(
    preview: tuple[Path, str], browser: Browser
) -> None:
    root, address = preview
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(address + "walking/patient/index.html")
        heading = page.locator("h1")
        expect(heading).to_have_text("Can a daily walk lower blood pressure?")
        article = root / "articles" / "walking.yaml"
        text = article.read_text(encoding="utf-8")
        article.write_text(text.replace("a daily walk", "a short daily walk"), encoding="utf-8")
        expect(heading).to_have_text("Can a short daily walk lower blood pressure?", timeout=20_000)
    finally:
        context.close()
