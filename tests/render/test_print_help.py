"""The "when to get help" box: one partial for the page and the handout."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Invoke


def test_page_and_handout_give_the_projects_emergency_number(
    project: Path, plainly: Invoke
) -> None:
    config = project / "plainly.yaml"
    config.write_text(config.read_text() + "emergency_number: '112'\n")
    out = {}
    for medium, name in (("html", "page.html"), ("print-html", "print.html")):
        args = ["render", "--project", project, "vitamin-d-k2", "--audience", "patient"]
        result = plainly(*args, "--format", medium, "-o", project / name)
        assert result.exit_code == 0, result.output
        out[medium] = (project / name).read_text()
    assert 'href="tel:112">112</a> or go to the emergency room now if:' in out["html"]
    # On paper the number is printed as written, not a link; the box is a level-2 part
    # of its own, and its signs are named for the layout's measure of where pages fall.
    assert "Call 112 or go to the emergency room now if:" in out["print-html"]
    assert "911" not in out["print-html"].split('class="get-help"')[1].split("</aside>")[0]
    assert '<h2 class="get-help-title"' in out["print-html"]
    assert 'data-emergency="' in out["print-html"] and 'data-item="' in out["print-html"]
    assert "data-emergency" not in out["html"] and "data-item" not in out["html"]
