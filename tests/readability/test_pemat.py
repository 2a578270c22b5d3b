"""The PEMAT-P pre-check through `plainly check --json`: automated items and the rest listed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import Invoke
from tests.readability.fixture_rows import FIXTURES


def _pemat(plainly: Invoke, project: Path, article: Path, audience: str) -> dict[str, Any]:
    result = plainly("check", "--project", project, article, "--audience", audience, "--json")
    whole = next(
        r
        for r in json.loads(result.output)["results"]
        if r["section"] is None and r["locale"] == "en-US"
    )
    pemat: dict[str, Any] = whole["pemat"]
    return pemat


def _ratings(pemat: dict[str, Any]) -> dict[int, str]:
    return {item["item"]: item["rating"] for item in pemat["items"]}


def test_the_sample_patient_page_meets_every_automated_item(project: Path, plainly: Invoke) -> None:
    pemat = _pemat(plainly, project, project / "articles" / "vitamin-d-k2.yaml", "patient")
    ratings = _ratings(pemat)
    assert set(ratings) == {4, 5, 7, 8, 9, 11, 17, 19, 20, 21, 22}
    assert ratings[17] == "n/a"  # no images
    assert {r for n, r in ratings.items() if n != 17} == {"agree"}
    assert pemat["understandability"] == 100 and pemat["actionability"] == 100
    person = {item["item"] for item in pemat["needs_a_person"]}
    assert {1, 2, 3, 6, 10, 12, 23} <= person and not person & set(ratings)


def test_problems_a_reviewer_would_mark_down(project: Path, plainly: Invoke) -> None:
    text = (FIXTURES / "sentence_rules.yaml").read_text()
    text = text.replace(
        "text: Look at the picture.",
        "text: Patients should calculate 10 mg per kg of body weight. The dose is given by "
        "the nurse. The pill is taken at night. It is swallowed whole.",
    ).replace("        caption: A pill and a glass of water\n", "")
    article = project / "articles" / "pemat-draft.yaml"
    article.write_text(text)
    (project / "assets").mkdir(exist_ok=True)
    (project / "assets" / "pill.png").write_bytes(b"")
    ratings = _ratings(_pemat(plainly, project, article, "clinician"))
    assert ratings[7] == "disagree"  # a calculation asked of the reader
    assert ratings[21] == "disagree"  # "Patients should ..."
    assert ratings[17] == "disagree"  # an image with no caption
    assert ratings[5] == "agree"  # a few passives among many active sentences: 80% or more active


def test_clinician_variants_are_not_judged_on_plain_terms(project: Path, plainly: Invoke) -> None:
    pemat = _pemat(plainly, project, project / "articles" / "vitamin-d-k2.yaml", "clinician")
    ratings = _ratings(pemat)
    assert ratings[4] == "n/a"
    assert ratings[7] == "agree"  # "their effects add up" asks nothing of the reader
