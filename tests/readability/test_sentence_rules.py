"""Sentences as health-literacy practice counts them, on the rules fixture article.

The fixture (tests/readability/fixtures/sentence_rules.yaml) has one section per rule;
the expected counts are written beside each section there.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.readability.segment import split_text
from tests.conftest import Invoke
from tests.readability.fixture_rows import FIXTURES

EXPECTED = {
    # section: (prose sentences, label pieces)
    "bottom-line": (1, None),
    "imperatives": (2, 1),
    "table-only": (0, 8),
    "lists": (8, 2),
    "figure": (1, 2),
}


@pytest.fixture
def rules_article(project: Path) -> Path:
    target = project / "articles" / "sentence-rules.yaml"
    shutil.copy(FIXTURES / "sentence_rules.yaml", target)
    (project / "assets").mkdir(exist_ok=True)
    (project / "assets" / "pill.png").write_bytes(b"")
    return target


def _results(plainly: Invoke, project: Path, article: Path) -> list[dict[str, object]]:
    result = plainly("check", "--project", project, article, "--audience", "clinician", "--json")
    assert result.exit_code == 0, result.output
    results: list[dict[str, object]] = json.loads(result.output)["results"]
    return [r for r in results if r["locale"] == "en-US"]


def test_each_rule_counts_as_documented(
    project: Path, rules_article: Path, plainly: Invoke
) -> None:
    results = _results(plainly, project, rules_article)
    by_section = {r["section"]: r for r in results}
    for section, (sentences, pieces) in EXPECTED.items():
        got = by_section[section]
        labels = got["labels"]
        assert got["sentences"] == sentences, section
        assert (labels["pieces"] if isinstance(labels, dict) else None) == pieces, section


def test_labels_are_scored_apart_from_the_whole(
    project: Path, rules_article: Path, plainly: Invoke
) -> None:
    results = _results(plainly, project, rules_article)
    whole = next(r for r in results if r["section"] is None)
    assert whole["sentences"] == sum(s for s, _ in EXPECTED.values())
    labels = whole["labels"]
    assert isinstance(labels, dict)
    assert labels["pieces"] == sum(p or 0 for _, p in EXPECTED.values())
    assert "flesch_kincaid_grade" in labels["scores"]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Stop. Call 911.", ["Stop.", "Call 911."]),
        ("No. Do not take more.", ["No.", "Do not take more."]),
        ("See No. 5 below.", ["See No. 5 below."]),
        ("Rest! Drink. Sleep?", ["Rest!", "Drink.", "Sleep?"]),
        ("Take 2.5 mg, e.g. Dr. Lee's dose.", ["Take 2.5 mg, e.g. Dr. Lee's dose."]),
    ],
)
def test_short_imperatives_are_sentences(text: str, sentences: list[str]) -> None:
    assert [s.text for s in split_text(text)] == sentences
