"""An approval covers every word a reader sees, and nothing is published past it.

Each test approves the bundled metformin article in a copy of the project with
`plainly approve`, changes one thing a reader's words depend on (the source, a
glossary entry, a profile's wording settings, an audience, a translation, the
approval record itself) and builds the pages, as a site operator would: the page
is published only while the approval covers it, and the build says why not.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import Invoke

SLUG = "metformin"
PAGE = Path("output/site/metformin/patient/index.html")
SPANISH_PAGE = Path("output/site/es/metformin/patient/index.html")
REVIEWER = ("--reviewer", "Dr. Ana Ruiz", "--date", "2026-11-20")


@pytest.fixture
def approved(plainly: Invoke, project: Path) -> Path:
    """The project with metformin approved in English and built."""
    result = plainly("approve", SLUG, "--project", project, *REVIEWER)
    assert result.exit_code == 0, result.output
    assert "reviews/en-US/metformin.yaml" in result.output
    _build(plainly, project)
    assert (project / PAGE).is_file()
    return project


def _build(plainly: Invoke, project: Path) -> str:
    result = plainly("build", SLUG, "--project", project, "--format", "html")
    assert result.exit_code == 0, result.output
    return result.output


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _held(output: str, path: str = "articles/metformin.yaml") -> str:
    lines = [line for line in output.splitlines() if f"{path}:1:1: warning: not published" in line]
    assert lines, output
    return lines[0]


def _published(output: str, path: str = "articles/metformin.yaml") -> bool:
    return f"{path}:1:1: warning: not published" not in output


def test_the_record_holds_the_hashes_and_the_text_each_audience_approved(approved: Path) -> None:
    record = yaml.safe_load((approved / "reviews/en-US/metformin.yaml").read_text("utf-8"))
    assert (record["article"], record["locale"], record["reviewer"]) == (
        SLUG,
        "en-US",
        "Dr. Ana Ruiz",
    )
    assert "egfr" in record["glossary"] and set(record["profiles"]) == {
        "patient",
        "caregiver",
        "clinician",
    }
    patient = record["renderings"]["patient"]["text"]
    assert "kidney score (eGFR) is below 30 mL/min/1.73 m²" in patient
    assert "eGFR" in record["renderings"]["clinician"]["text"]


def test_an_edited_glossary_entry_holds_the_article_back_until_the_entry_is_approved(
    plainly: Invoke, approved: Path
) -> None:
    source = (approved / "articles/metformin.yaml").read_bytes()
    _edit(approved / "glossary.yaml", "plain: kidney score\n", "plain: kidney filter score\n")
    held = _held(_build(plainly, approved))
    assert "glossary entry 'eGFR' (en-US) changed" in held
    assert "plainly diff metformin" in held
    assert not (approved / PAGE).exists(), "the page approved before the change stays online"
    checked = plainly("validate", "--project", approved)
    assert checked.exit_code == 0, checked.output
    assert "not published: since the approval, glossary entry 'eGFR'" in checked.output
    assert "a1c-test.yaml:1:1: warning: not published" not in checked.output  # never approved

    diff = plainly("diff", SLUG, "--project", approved, "--audience", "patient")
    assert diff.exit_code == 0, diff.output
    assert "=== metformin: patient page (en-US), approved by Dr. Ana Ruiz on 2026-11-20" in (
        diff.output
    )
    assert "=== metformin: patient handout (en-US), approved by" in diff.output
    assert "~ Metformin lowers blood sugar" in diff.output and "kidney {+filter +}score" in (
        diff.output
    )

    result = plainly("approve", "--glossary", "eGFR", "--project", approved, *REVIEWER)
    assert result.exit_code == 0, result.output
    assert _published(_build(plainly, approved))
    assert (approved / PAGE).is_file()
    diff = plainly("diff", SLUG, "--project", approved, "--audience", "patient")
    assert "! glossary entry 'egfr' was approved on its own since, by Dr. Ana Ruiz" in diff.output
    assert (approved / "articles/metformin.yaml").read_bytes() == source


def test_a_new_glossary_term_needs_one_review_not_one_per_article(
    plainly: Invoke, approved: Path
) -> None:
    entry = (
        "  - term: surgery\n    plain: an operation\n    definition: an operation in a hospital\n"
    )
    _edit(approved / "glossary.yaml", "  - term: eGFR\n", entry + "  - term: eGFR\n")
    assert "glossary entry 'surgery' (en-US) is new" in _held(_build(plainly, approved))
    result = plainly("approve", "--glossary", "surgery", "--project", approved, *REVIEWER)
    assert result.exit_code == 0, result.output
    assert "Approved 1 glossary entry (en-US)" in result.output
    assert _published(_build(plainly, approved))


def test_a_removed_glossary_entry_holds_the_article_back(plainly: Invoke, approved: Path) -> None:
    glossary = approved / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    start = text.index("  - term: eGFR\n")
    end = text.index("  - term:", start + 10)
    glossary.write_text(text[:start] + text[end:], encoding="utf-8")
    assert "glossary entry 'egfr' (en-US) no longer applies" in _held(_build(plainly, approved))


def test_a_profile_that_words_articles_differently_needs_the_article_approved_again(
    plainly: Invoke, approved: Path
) -> None:
    _edit(approved / "variants/caregiver.yaml", "glossary: define", "glossary: plain")
    assert "profile 'caregiver' words articles differently" in _held(_build(plainly, approved))
    assert plainly("approve", SLUG, "--project", approved, *REVIEWER).exit_code == 0
    assert _published(_build(plainly, approved))


def test_a_profile_setting_that_changes_no_wording_does_not_hold_it_back(
    plainly: Invoke, approved: Path
) -> None:
    _edit(approved / "variants/patient.yaml", "page_budget: 2", "page_budget: 3")
    assert _published(_build(plainly, approved))


def test_a_new_audience_has_not_been_approved(plainly: Invoke, approved: Path) -> None:
    profile = approved / "variants/teen.yaml"
    profile.write_text(
        "extends: patient\nlabel: Teen\ndescription: I am a teenager.\norder: 5\n",
        encoding="utf-8",
    )
    assert "audience 'teen' is new" in _held(_build(plainly, approved))


def test_each_translation_is_approved_on_its_own(plainly: Invoke, approved: Path) -> None:
    spanish = "articles/es-US/metformin.yaml"
    assert "not approved (its review state is 'submitted')" in _held(
        _build(plainly, approved), spanish
    )
    assert not (approved / SPANISH_PAGE).exists()
    result = plainly("approve", SLUG, "--locale", "es-US", "--project", approved, *REVIEWER)
    assert result.exit_code == 0, result.output
    assert "reviews/es-US/metformin.yaml" in result.output
    assert _published(_build(plainly, approved), "articles/es-US/metformin.yaml")
    assert (approved / SPANISH_PAGE).is_file()

    _edit(approved / spanish, "Tómela con las comidas", "Tómela con la comida")
    held = _held(_build(plainly, approved), spanish)
    assert "its text changed since Dr. Ana Ruiz approved it on 2026-11-20" in held
    assert "--locale es-US" in held
    assert not (approved / SPANISH_PAGE).exists()
    assert (approved / PAGE).is_file(), "the English edition is still approved"


def test_an_edited_approval_record_approves_nothing(plainly: Invoke, approved: Path) -> None:
    record = approved / "reviews/en-US/metformin.yaml"
    text = record.read_text(encoding="utf-8")
    digest = yaml.safe_load(text)["source"]
    record.write_text(text.replace(digest, "f" * 64), encoding="utf-8")
    assert "approval record is of another article, edition or text" in _held(
        _build(plainly, approved)
    )
    record.unlink()
    assert "reviews/en-US/metformin.yaml is missing" in _held(_build(plainly, approved))


def test_a_broken_approval_record_is_located(plainly: Invoke, approved: Path) -> None:
    record = approved / "reviews/en-US/metformin.yaml"
    record.write_text("article: metformin\nlocale: [\n", encoding="utf-8")
    result = plainly("build", SLUG, "--project", approved, "--format", "html")
    assert result.exit_code == 1
    assert "reviews/en-US/metformin.yaml:3:1: error:" in result.output
    assert "Traceback" not in result.output


def test_diff_shows_a_changed_wording_and_a_fact_lock_mark(plainly: Invoke, approved: Path) -> None:
    unchanged = plainly("diff", SLUG, "--project", approved, "--locale", "en-US")
    assert unchanged.exit_code == 0, unchanged.output
    assert unchanged.output.count(": no change") == 6  # 3 audiences, page and handout
    _edit(
        approved / "articles/metformin.yaml",
        "      - id: kidney-list\n",
        "      - id: kidney-list\n        fact_order: free\n",
    )
    changed = plainly(
        "diff", SLUG, "--project", approved, "--audience", "patient", "--locale", "en-US"
    )
    assert "~ [kidney-list] list{+ (fact_order: free)+}" in changed.output


def test_diff_of_an_edition_never_approved_shows_every_line_as_new(
    plainly: Invoke, project: Path
) -> None:
    result = plainly(
        "diff", SLUG, "--project", project, "--locale", "es-US", "--audience", "patient"
    )
    assert result.exit_code == 0, result.output
    assert "nothing approved yet: every line is new" in result.output
    assert "+ # ¿Cómo tomo la metformina sin riesgos?" in result.output


def test_only_entries_the_glossary_accepts_can_be_approved(plainly: Invoke, project: Path) -> None:
    result = plainly("approve", "--glossary", "warfarinex", "--project", project, *REVIEWER)
    assert result.exit_code == 2
    assert "no glossary entry 'warfarinex' in en-US" in result.output
    _edit(project / "glossary.yaml", "plain: kidney score\n", "plain: kidney score of 30\n")
    whole = plainly("approve", "--glossary", "--project", project, *REVIEWER)
    assert whole.exit_code == 1
    assert "glossary.yaml:122:12: error:" in whole.output
    assert not (project / "reviews/glossary.yaml").exists()


def test_approve_names_one_article(plainly: Invoke, project: Path) -> None:
    result = plainly("approve", SLUG, "a1c-test", "--project", project, *REVIEWER)
    assert result.exit_code == 2
    assert "name one article to approve" in result.output


def test_a_reviews_folder_leading_out_of_the_project_is_refused(
    plainly: Invoke, project: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    os.symlink(outside, project / "reviews")
    result = plainly("approve", SLUG, "--project", project, *REVIEWER)
    assert result.exit_code != 0
    assert "leads out of the project" in result.output
    assert list(outside.iterdir()) == []


def test_the_reviewer_readers_are_shown_is_the_one_recorded(
    plainly: Invoke, approved: Path
) -> None:
    article = approved / "articles/metformin.yaml"
    _edit(article, 'reviewer: "Dr. Ana Ruiz"', 'reviewer: "Dr. Gregory House"')
    assert "names another reviewer or date than its approval record" in _held(
        _build(plainly, approved)
    )
    _edit(article, 'reviewer: "Dr. Gregory House"', 'reviewer: "Dr. Ana Ruiz"')
    _edit(article, "  date: 2026-11-20", "  date: 2028-05-01")  # a review made to look new
    assert "names another reviewer or date" in _held(_build(plainly, approved))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--reviewer", "Dr <b>X</b>"), "--reviewer holds markup"),
        (("--reviewer", "Dr. X", "--date", "2999-01-01"), "is after today"),
    ],
)
def test_approve_refuses_markup_and_a_date_ahead(
    plainly: Invoke, project: Path, options: tuple[str, ...], message: str
) -> None:
    before = (project / "articles/metformin.yaml").read_bytes()
    result = plainly("approve", SLUG, "--project", project, *options)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert (project / "articles/metformin.yaml").read_bytes() == before
    assert not (project / "reviews").exists()


def test_settings_and_images_an_article_shows_are_covered(plainly: Invoke, approved: Path) -> None:
    config = approved / "plainly.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + 'emergency_number: "9111"\n', encoding="utf-8")
    assert "plainly.yaml's emergency number or clinic changed" in _held(_build(plainly, approved))
    config.write_text(text, encoding="utf-8")
    assert _published(_build(plainly, approved))

    (approved / "articles/es-US/metformin.yaml").unlink()  # it would lack the new image
    (approved / "assets").mkdir()
    (approved / "assets/chart.png").write_bytes(b"\x89PNG first")
    article = approved / "articles/metformin.yaml"
    image = (
        "      - id: dose-chart\n        type: image\n        src: chart.png\n"
        "        alt: A chart of the doses\n"
    )
    _edit(article, "      - id: kidney-list\n", image + "      - id: kidney-list\n")
    assert plainly("approve", SLUG, "--project", approved, *REVIEWER).exit_code == 0
    assert _published(_build(plainly, approved))
    (approved / "assets/chart.png").write_bytes(b"\x89PNG second")
    assert "the asset 'chart.png' it shows changed" in _held(_build(plainly, approved))


def test_an_edition_that_fails_its_checks_is_withdrawn(plainly: Invoke, approved: Path) -> None:
    assert (
        plainly("approve", SLUG, "--locale", "es-US", "--project", approved, *REVIEWER).exit_code
        == 0
    )
    _build(plainly, approved)
    assert (approved / SPANISH_PAGE).is_file()
    # A new dose in English the Spanish does not state: once English is approved again, the
    # Spanish page that still says the old dose must not stay online.
    _edit(approved / "articles/metformin.yaml", "500 mg twice daily", "1,000 mg twice daily")
    result = plainly("build", SLUG, "--project", approved, "--format", "html")
    assert result.exit_code == 1
    assert not (approved / PAGE).exists() and not (approved / SPANISH_PAGE).exists()
    (approved / "articles/metformin.yaml").unlink()
    result = plainly("build", "--project", approved, "--format", "html")
    assert result.exit_code == 1
    assert not list((approved / "output/site").glob("**/metformin/**/*.html"))


def test_a_term_listed_twice_is_refused(plainly: Invoke, project: Path) -> None:
    entry = "  - term: Lactic Acidosis\n    plain: acid in the blood\n    definition: acid\n"
    _edit(project / "glossary.yaml", "  - term: eGFR\n", entry + "  - term: eGFR\n")
    result = plainly("validate", "--project", project)
    assert result.exit_code == 1
    assert re.search(
        r"glossary.yaml:\d+:11: error: '(lactic acidosis|Lactic Acidosis)' is the "
        r"same entry as '(Lactic Acidosis|lactic acidosis)'",
        result.output,
    )


def test_diff_shows_what_a_reader_is_told_to_do_and_where_links_lead(
    plainly: Invoke, approved: Path
) -> None:
    article = approved / "articles/metformin.yaml"
    text = article.read_text(encoding="utf-8")
    clinic, emergency = text.index("call_clinic:"), text.index("call_emergency:")
    assert clinic < emergency
    # The two lists of "when to get help" swapped: the same signs, another instruction.
    text = text.replace("call_clinic:", "CLINIC:").replace("call_emergency:", "call_clinic:")
    article.write_text(text.replace("CLINIC:", "call_emergency:"), encoding="utf-8")
    _edit(article, "kind: caution", "kind: tip")
    _edit(article, "https://www.fda.gov/", "https://evil.example/")
    diff = plainly(
        "diff", SLUG, "--project", approved, "--audience", "patient", "--locale", "en-US"
    )
    assert diff.exit_code == 0, diff.output
    assert "~ [caution-lactic] callout: [-caution-]{+tip+}" in diff.output
    assert "-   call_clinic: - You are going to have a scan with dye" in diff.output
    assert "+   call_emergency: - You are going to have a scan with dye" in diff.output
    assert "{+https://evil.example/" in diff.output
    assert "! the source changed since the approval" in diff.output
