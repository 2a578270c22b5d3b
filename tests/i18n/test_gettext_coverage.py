"""No reader-facing template string bypasses gettext.

Everything a reader sees on a page or a handout must go through `_()`, or the
Spanish pages would show English. The check removes Jinja2 expressions and
statements, HTML tags, comments, scripts and styles from each template, and
expects no words to be left. The readability report and the side-by-side page
are for writers and are in English only (noted in the README), so they are not
checked.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "engine" / "templates"
WRITERS_ONLY = {"report.html", "side_by_side.html"}
IDENTIFIERS = {"doi", "PMID"}
"""Standard identifiers printed as they are in every language."""

CHECKED = sorted(
    p for p in TEMPLATES.rglob("*.html") if p.relative_to(TEMPLATES).as_posix() not in WRITERS_ONLY
)


def words_outside_gettext(source: str) -> list[str]:
    text = re.sub(r"\{%-?\s*block body_class\s*-?%\}.*?\{%-?\s*endblock", " ", source, flags=re.S)
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", text, flags=re.S)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text, flags=re.S)
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    return [w for w in re.findall(r"[A-Za-zÀ-ÿ]{2,}", text) if w not in IDENTIFIERS]


@pytest.mark.parametrize(
    "template", CHECKED, ids=[p.relative_to(TEMPLATES).as_posix() for p in CHECKED]
)
def test_template_text_goes_through_gettext(template: Path) -> None:
    assert words_outside_gettext(template.read_text()) == []


def test_the_check_catches_a_bare_string() -> None:
    assert words_outside_gettext('<p class="x">{{ _("Fine") }} Not translated</p>') == [
        "Not",
        "translated",
    ]
