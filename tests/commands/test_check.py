"""`plainly check`, `plainly glossary` and build's readability summary, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Invoke

HARD = (
    "Pharmacological supplementation with menaquinone demonstrated statistically significant "
    "improvements in bone mineralization parameters among postmenopausal participants.\n"
)


def test_check_scores_every_variant_and_section(project: Path, plainly: Invoke) -> None:
    result = plainly("check", "--project", project, "--json")
    assert result.exit_code == 0, result.output
    results = json.loads(result.output)["results"]
    whole = {r["audience"]: r for r in results if r["section"] is None and r["locale"] == "en-US"}
    assert set(whole) == {"clinician", "patient", "caregiver"}
    assert whole["clinician"]["passed"] is None
    for audience in ("patient", "caregiver"):
        assert whole[audience]["passed"] is True
        assert whole[audience]["target"]["flesch_kincaid_grade"]["max"] > 0
    assert whole["patient"]["scores"]["flesch_kincaid_grade"] <= 6
    assert any(r["section"] == "dosing" for r in results)
    keys = {"path", "article", "audience", "locale", "section", "words", "sentences", "scores"}
    assert keys <= set(results[0])


def test_check_table_is_readable(project: Path, plainly: Invoke) -> None:
    result = plainly("check", "--project", project, project / "articles" / "vitamin-d-k2.yaml")
    assert result.exit_code == 0
    assert "patient" in result.output and "(whole)" in result.output
    assert "target FK ≤6, SMOG ≤8" in result.output


def test_a_hard_draft_misses_the_patient_target(
    project: Path, plainly: Invoke, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(HARD)
    result = plainly("check", "--project", project, "--audience", "patient", draft, "--json")
    assert result.exit_code == 1
    (only,) = json.loads(result.output)["results"]
    assert only["passed"] is False and only["audience"] == "patient"
    assert any(f["kind"] == "hard_words" for f in only["findings"])


def test_a_draft_without_audience_is_only_scored(plainly: Invoke, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("# Heading left out\n\n" + HARD + "\n- a list item\n- another one\n")
    result = plainly("check", draft, "--json")
    assert result.exit_code == 0
    (only,) = json.loads(result.output)["results"]
    assert only["passed"] is None and only["sentences"] == 3


def test_standard_input(plainly: Invoke) -> None:
    result = plainly("check", "-", "--json", input="We sat. The dog ran.")
    assert result.exit_code == 0
    assert json.loads(result.output)["results"][0]["path"] == "<stdin>"


def test_bad_input_is_reported_not_raised(plainly: Invoke, tmp_path: Path) -> None:
    missing = plainly("check", tmp_path / "nope.txt")
    assert missing.exit_code == 1
    assert "nope.txt:1:1: error: no such file" in missing.output
    other = tmp_path / "notes.pdf"
    other.write_bytes(b"%PDF")
    wrong = plainly("check", other)
    assert wrong.exit_code == 2


def test_unknown_audience_is_bad_usage(project: Path, plainly: Invoke) -> None:
    result = plainly("check", "--project", project, "--audience", "pharmacist", "-", input="x")
    assert result.exit_code == 2
    assert "no audience 'pharmacist'" in result.output


def test_glossary_commands(project: Path, plainly: Invoke) -> None:
    lint = plainly("glossary", "lint", "--project", project)
    assert lint.exit_code == 0, lint.output
    coverage = plainly("glossary", "coverage", "--project", project)
    assert coverage.exit_code == 0 and "vitamin-d-k2:" in coverage.output
    suggest = plainly("glossary", "suggest", "--project", project)
    assert suggest.exit_code == 0


def test_glossary_lint_finds_duplicates(project: Path, plainly: Invoke) -> None:
    glossary = project / "glossary.yaml"
    text = glossary.read_text().replace(
        "en-US:\n",
        "en-US:\n  - term: synergy\n    plain: teamwork\n    definition: joint work\n",
        1,
    )
    glossary.write_text(text)
    result = plainly("glossary", "lint", "--project", project)
    assert result.exit_code == 1
    assert "'synergy' is in the en-US glossary twice" in result.output


def test_build_prints_a_summary_and_strict_fails_on_a_miss(project: Path, plainly: Invoke) -> None:
    ok = plainly("build", "--project", project, "--drafts", "--format", "report", "-j", "1")
    assert ok.exit_code == 0, ok.output
    assert "readability vitamin-d-k2 patient en-US" in ok.output
    assert (project / "output" / "reports" / "vitamin-d-k2.html").is_file()
    profile = project / "variants" / "patient.yaml"
    profile.write_text(
        profile.read_text().replace(
            "flesch_kincaid_grade: {max: 6}", "flesch_kincaid_grade: {max: 1}"
        )
    )
    lenient = plainly("build", "--project", project, "--drafts", "--format", "report", "-j", "1")
    assert lenient.exit_code == 0
    assert "MISSED flesch_kincaid_grade" in lenient.output
    strict = plainly(
        "build", "--project", project, "--drafts", "--format", "report", "-j", "1", "--strict"
    )
    assert strict.exit_code == 1


def _caregiver_section_misses(plainly: Invoke, project: Path) -> list[dict[str, object]]:
    result = plainly("check", "--project", project, "--audience", "caregiver", "--json")
    results = json.loads(result.output)["results"]
    return [r for r in results if r["section"] is not None and r["passed"] is False]


def test_a_section_miss_guides_unless_sections_gate(project: Path, plainly: Invoke) -> None:
    article = project / "articles" / "vitamin-d-k2.yaml"
    misses = _caregiver_section_misses(plainly, project)
    assert misses, "the sample's caregiver variant has a section over its target"
    assert plainly("check", "--project", project, article).exit_code == 0
    strict = plainly("check", "--project", project, "--strict-sections", article)
    assert strict.exit_code == 1
    assert "section(s) that gate" in strict.output
    # The table names sections by their heading, not their id.
    assert "Why the two vitami" in strict.output and "overview " not in strict.output


def test_a_profile_can_make_its_sections_gate(project: Path, plainly: Invoke) -> None:
    profile = project / "variants" / "caregiver.yaml"
    profile.write_text(profile.read_text() + "strict_sections: true\n")
    result = plainly("check", "--project", project, project / "articles" / "vitamin-d-k2.yaml")
    assert result.exit_code == 1
    (miss, *_) = _caregiver_section_misses(plainly, project)
    assert miss["strict_sections"] is True and miss["section_title"]


def test_glossary_lint_finds_circular_repeating_and_breaking_wordings(
    project: Path, plainly: Invoke
) -> None:
    glossary = project / "glossary.yaml"
    added = (
        "en-US:\n"
        "  - term: hypercalcemia\n    plain: high blood calcium\n"
        "    definition: high blood calcium that lasts a long time\n"
        "  - term: hypocalcemia\n    plain: low calcium\n"
        "    definition: too little hypocalcemia-causing calcium in the blood\n"
        "  - term: nephrolith\n    plain: kidney stone. It hurts\n"
        "    definition: a hard lump that forms in the kidney\n"
    )
    glossary.write_text(glossary.read_text().replace("en-US:\n", added, 1))
    article = project / "articles" / "vitamin-d-k2.yaml"
    # "your" before a plain wording that starts with "the" breaks the patient's sentence.
    article.write_text(
        article.read_text().replace(
            "Vitamin D helps your body take in calcium.",
            "Vitamin D helps your body take in calcium. Tell us about your warfarin.",
            1,
        )
    )
    result = plainly("glossary", "lint", "--project", project)
    assert result.exit_code == 0, result.output  # warnings: nothing is refused
    out = result.output
    assert "the definition of 'hypercalcemia' repeats its link text" in out
    assert "the definition of 'hypocalcemia' is circular: it uses 'hypocalcemia'" in out
    assert "the definition of 'warfarin' is circular: it uses 'blood thinner'" in out
    assert "plain wording 'kidney stone. It hurts' of 'nephrolith' ends or splits" in out
    assert "'your the blood thinner warfarin': the plain wording of 'warfarin' breaks" in out


def test_a_finding_where_a_refused_glossary_entry_would_apply_says_so(
    project: Path, plainly: Invoke
) -> None:
    """The entry is left out, so the score and the hard-word flag read the term as written."""
    glossary = project / "glossary.yaml"
    glossary.write_text(glossary.read_text().replace(
        "en-US:\n",
        "en-US:\n  - term: fermented\n    plain: soured\n    definition: kept for 3 days\n",
        1,
    ))  # fmt: skip
    result = plainly("check", "--project", project, "--audience", "patient", "--json",
                     project / "articles" / "vitamin-d-k2.yaml")  # fmt: skip
    whole = json.loads(result.stdout)["results"][0]
    (flag,) = [f for f in whole["findings"] if "fermented" in f["words"]]
    assert "(the glossary entry 'fermented' at " in flag["message"]
    assert "glossary.yaml:11 was refused and not applied here)" in flag["message"]
    noted = [f for f in whole["findings"] if "was refused" in f["message"]]
    assert all("fermented" in f["sentence"].lower() for f in noted), noted
    assert any("'fermented'" in note and "the scores read its term" in note
               for note in whole["notes"])  # fmt: skip
