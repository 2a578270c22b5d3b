"""The side-by-side page: every block in every audience and language, fact lock or not."""

from __future__ import annotations

import re
import threading
import urllib.request
from pathlib import Path

from engine.commands.serve import Preview
from tests.conftest import Invoke


def _page(project: Path) -> str:
    return (project / "output" / "reports" / "vitamin-d-k2.side-by-side.html").read_text()


def test_every_audience_and_language_next_to_each_other(project: Path, plainly: Invoke) -> None:
    result = plainly("check", "--project", project, "--side-by-side")
    assert result.exit_code == 0, result.output
    page = _page(project)
    columns = re.findall(r"<th>(\w+) · ([\w-]+)</th>", page)
    assert len(columns) == 6 and {locale for _, locale in columns} == {"en-US", "es-US"}
    assert 'title="glossary: warfarin → the blood thinner warfarin"' in page
    assert "fact lock: failed" not in page and "fact lock: holds" in page
    assert "flesch_kincaid_grade 3" in page or "flesch_kincaid_grade 2" in page
    assert "fernandez_huerta" in page  # Spanish columns score by their own formula


def test_written_when_the_fact_lock_fails(project: Path, plainly: Invoke) -> None:
    article = project / "articles" / "vitamin-d-k2.yaml"
    text = article.read_text()
    changed = "patient: Aim for a blood level of at least 40 ng/mL [@nutrition2001]."
    article.write_text(
        text.replace(
            "patient: Aim for a blood level of at least 30 ng/mL [@nutrition2001].", changed
        )
    )
    result = plainly("check", "--project", project, "--side-by-side", article)
    assert result.exit_code == 1  # the fact lock refuses the article
    page = _page(project)
    row = page[page.index('id="dosing-table"') :]
    row = row[: row.index("</tr>", row.index("</tr>") + 5)]
    assert "fact lock: failed" in row and "40 ng/mL" in row
    assert page.count("fact lock: failed") == 1


def test_serve_shows_it_from_the_saved_sources(project: Path) -> None:
    preview = Preview(project, True, lambda report, error: None)
    server = preview.server(0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    try:
        base = f"http://{host!s}:{port}/__plainly__/side-by-side/"
        with urllib.request.urlopen(base, timeout=60) as response:
            assert b'href="vitamin-d-k2/"' in response.read()
        with urllib.request.urlopen(base + "vitamin-d-k2/", timeout=60) as response:
            body = response.read().decode()
        assert "Side by side: vitamin-d-k2" in body and "/__plainly__/live.js" in body
    finally:
        server.shutdown()
        server.server_close()
