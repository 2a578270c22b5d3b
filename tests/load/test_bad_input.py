"""One test per class of bad input: every error located, all reported at once, exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Invoke

GOOD_ARTICLE = """\
title: Is this a good article?
bottom_line: "Yes, and it cites its source [@ref]."
updated: 2025-01-02
review: {state: submitted}
sections:
  - id: body
    title: Body
    blocks:
      - id: text
        type: paragraph
        text: "Take 800-2000 IU daily [@ref]."
references:
  - {key: ref, kind: guideline, title: A guideline, source: A body, year: 2024}
"""


def write(project: Path, relative: str, content: str | bytes) -> None:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)


def variant_of(good: str, old: str, new: str) -> str:
    assert old in good, old
    return good.replace(old, new)


CASES = [
    # (file, content, expected "line:column: error: message" fragment, hint fragment)
    ("articles/bad.yaml", "title: [unclosed\n", "bad.yaml:2:1: error: invalid YAML", "Hint:"),
    ("articles/bad.yaml", "title: Fine\n\ttab: x\n", "bad.yaml:2:1: error: invalid YAML", "tabs"),
    (
        "articles/bad.yaml",
        variant_of(
            GOOD_ARTICLE,
            "        type: paragraph\n",
            "        type: paragraph\n        colour: red\n",
        ),
        "bad.yaml:11:9: error: unknown field 'colour'",
        "allowed fields",
    ),
    (
        "articles/bad.yaml",
        variant_of(
            GOOD_ARTICLE,
            "        type: paragraph\n        text:",
            "        type: paragraph\n        txt:",
        ),
        "bad.yaml:11:9: error: unknown field 'txt'",
        "did you mean 'text'?",
    ),
    (
        "articles/bad.yaml",
        variant_of(GOOD_ARTICLE, "updated: 2025-01-02", "updated: yesterday"),
        "bad.yaml:3:10: error: 'updated'",
        "YYYY-MM-DD",
    ),
    (
        "articles/bad.yaml",
        variant_of(GOOD_ARTICLE, "year: 2024", "year: recent"),
        "bad.yaml:13:75: error: 'year'",
        "whole number",
    ),
    (
        "articles/bad.yaml",
        variant_of(GOOD_ARTICLE, 'daily [@ref]."', 'daily [@rfe]."'),
        "bad.yaml:11:39: error: citation 'rfe' has no reference",
        "did you mean 'ref'?",
    ),
    (
        "articles/bad.yaml",
        variant_of(
            GOOD_ARTICLE,
            "        type: paragraph\n",
            "        type: paragraph\n        audiences: [nurse]\n",
        ),
        "bad.yaml:9:9: error: limited to audience 'nurse', which has no profile",
        "variants/nurse.yaml",
    ),
    (
        "articles/bad.yaml",
        variant_of(GOOD_ARTICLE, "      - id: text\n", "      - id: body\n"),
        "bad.yaml:9:9: error: duplicate id 'body' (first used at line 6)",
        "id of its own",
    ),
    (
        "articles/bad.yaml",
        variant_of(GOOD_ARTICLE, "type: paragraph", "type: paragrahp"),
        "bad.yaml:9:9: error: unknown block type 'paragrahp'",
        "did you mean 'paragraph'?",
    ),
    (
        "articles/bad.yaml",
        variant_of(GOOD_ARTICLE, "review: {state: submitted}", "review: {state: done}"),
        "bad.yaml:4:17: error: 'done' is not allowed for 'state'",
        "one of the values",
    ),
    (
        "articles/Bad_Name.yaml",
        GOOD_ARTICLE,
        "Bad_Name.yaml:1:1: error: 'Bad_Name.yaml' is not a valid article file name",
        "lowercase",
    ),
    ("articles/bad.yaml", "", "bad.yaml:1:1: error: file is empty", "plainly init"),
    ("articles/bad.yaml", "   \n\n", "bad.yaml:1:1: error: file is empty", "plainly init"),
    (
        "articles/bad.yaml",
        b"title: caf\xe9\n",
        "bad.yaml:1:11: error: file is not UTF-8 (byte 0xe9)",
        "UTF-8",
    ),
    (
        "articles/bad.yaml",
        variant_of(GOOD_ARTICLE, "800-2000 IU daily", "500 \u03bcg daily"),
        "bad.yaml:11:21: error: '500 \u03bcg daily' writes micrograms as '\u03bcg'",
        "mcg",
    ),
    (
        "articles/bad.yaml",
        variant_of(GOOD_ARTICLE, "Take 800", "Take <b>800</b>"),
        "bad.yaml:11:21: error: raw HTML is not allowed in text",
        "emphasis",
    ),
    (
        "articles/bad.yaml",
        variant_of(GOOD_ARTICLE, "Take 800", "[Click](javascript:alert(1)) 800"),
        "bad.yaml:11:24: error: links with 'javascript:' are not allowed",
        "http, https, mailto or tel",
    ),
    (
        "articles/bad.yaml",
        variant_of(GOOD_ARTICLE, "title: Is this", "title: Is this\ntitle: Again"),
        "bad.yaml:2:1: error: duplicate key 'title'",
        "remove one",
    ),
    (
        "articles/bad.yaml",
        variant_of(GOOD_ARTICLE, 'bottom_line: "Yes', 'bottom_line:\n  default: "Yes').replace(
            ' [@ref]."\nupdated', ' [@ref]."\n  nurse: "Plain."\nupdated', 1
        ),
        "bad.yaml:4:3: error: 'nurse' is not an audience",
        "variants/nurse.yaml",
    ),
    (
        "variants/patient.yaml",
        "label: Patient\ndescription: Me\nglossary: simple\n",
        "variants/patient.yaml:3:11: error: 'simple' is not allowed for 'glossary'",
        "one of the values",
    ),
    (
        "glossary.yaml",
        "en-US:\n  - term: osteocalcin\n    plain: a bone protein\n",
        "glossary.yaml:2:5: error: missing field 'definition'",
        "add it",
    ),
    (
        "plainly.yaml",
        "title: Library\nbase_url: ftp://example.org\n",
        "plainly.yaml:2:11: error: 'base_url'",
        "check the format",
    ),
]


@pytest.mark.parametrize(
    ("relative", "content", "expected", "hint"),
    CASES,
    ids=[f"{i}-{c[2].split('error: ')[1][:30]}" for i, c in enumerate(CASES)],
)
def test_bad_input_is_located_with_a_hint(
    plainly: Invoke, project: Path, relative: str, content: str | bytes, expected: str, hint: str
) -> None:
    write(project, relative, content)
    result = plainly("validate", "--project", project)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    line = next((row for row in result.output.splitlines() if expected in row), None)
    assert line is not None, result.output
    assert hint in line


def test_every_error_is_reported_at_once(plainly: Invoke, project: Path) -> None:
    text = variant_of(GOOD_ARTICLE, "type: paragraph", "type: paragraph\n        colour: red")
    text = variant_of(text, "year: 2024", "year: soon")
    text = variant_of(text, "review: {state: submitted}", "review: {state: done}")
    write(project, "articles/bad.yaml", text)
    result = plainly("validate", "--project", project)
    errors = [
        row for row in result.output.splitlines() if "bad.yaml:" in row and ": error: " in row
    ]
    assert len(errors) == 3, result.output


def test_good_article_next_to_bad_one_still_builds(plainly: Invoke, project: Path) -> None:
    write(project, "articles/good.yaml", GOOD_ARTICLE)
    write(project, "articles/bad.yaml", variant_of(GOOD_ARTICLE, '[@ref]."', '[@nope]."'))
    write(project, "articles/worse.yaml", b"\xff\xfe")
    result = plainly("build", "--drafts", "--project", project)
    assert result.exit_code == 1
    assert "worse.yaml:1:1: error: file is not UTF-8" in result.output
    assert (project / "output/site/good/patient/index.html").is_file()
    assert (project / "output/site/vitamin-d-k2/patient/index.html").is_file()


def test_byte_order_mark_is_accepted(plainly: Invoke, project: Path) -> None:
    write(project, "articles/good.yaml", "\ufeff" + GOOD_ARTICLE)
    result = plainly("validate", "--project", project)
    assert result.exit_code == 0, result.output


def test_fact_lock_covers_table_cells(plainly: Invoke, project: Path) -> None:
    table = """\
      - id: doses
        type: table
        caption: Daily amounts
        columns: [Nutrient, Amount]
        rows:
          - - Vitamin D
            - default: 800-2000 IU daily
              patient: 800-1000 IU daily
"""
    text = GOOD_ARTICLE.replace("references:", table.rstrip() + "\nreferences:", 1)
    write(project, "articles/bad.yaml", text)
    result = plainly("validate", "--project", project)
    assert result.exit_code == 1, result.output
    line = next(row for row in result.output.splitlines() if "bad.yaml:" in row)
    assert "doses" in line and "patient" in line and "800-1000 IU daily" in line, line
