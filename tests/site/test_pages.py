"""The site's pages as a reader meets them: patient-first, languages, help within reach,
tap-to-call numbers, sources instead of citation numbers, review state, the 404 page."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from tests.conftest import Invoke, copy_project

SLUG = "vitamin-d-k2"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from engine.cli import cli

    project = copy_project(tmp_path_factory.mktemp("pages") / "project")
    args = ["build", "--drafts", "--format", "html", "--as-of", "2026-01-15", "--jobs", "1"]
    result = CliRunner().invoke(cli, [*args, "--project", str(project)])
    assert result.exit_code == 0, result.output
    return project / "output" / "site"


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_index_cards_speak_in_the_default_audiences_words(site: Path) -> None:
    index = read(site, "index.html")
    card = index[index.index(f'data-slug="{SLUG}"') :]
    card = card[: card.index("</li>")]
    shown = re.search(r'<p data-wording="default">(.*?)</p>', card, re.S)
    assert shown and shown.group(1).startswith("Vitamin D helps your body take in calcium.")
    # The clinician's own words are there for a reader who chose them, hidden by default.
    assert re.search(r'<p data-wording="clinician" hidden>[^<]*vitamin K-dependent', card)
    assert 'data-wording="patient"' not in card, "the shown wording is not repeated"


def test_the_chooser_lists_the_default_audience_first(site: Path) -> None:
    landing = read(site, f"{SLUG}/index.html")
    order = re.findall(r'class="persona" href="[^"]+" data-audience="(\w+)"', landing)
    assert order == ["patient", "caregiver", "clinician"]
    assert "For health professionals" in landing
    spanish = read(site, f"es/{SLUG}/index.html")
    assert "Para profesionales de la salud" in spanish


def test_default_audience_reorders_the_chooser(tmp_path: Path, plainly: Invoke) -> None:
    project = copy_project(tmp_path / "p")
    config = project / "plainly.yaml"
    config.write_text(config.read_text() + "default_audience: caregiver\n")
    result = plainly("build", "--drafts", "--format", "html", "--jobs", "1", "--project", project)
    assert result.exit_code == 0, result.output
    landing = (project / "output" / "site" / SLUG / "index.html").read_text()
    order = re.findall(r'class="persona" href="[^"]+" data-audience="(\w+)"', landing)
    assert order == ["caregiver", "patient", "clinician"]


def test_a_default_audience_without_a_profile_is_an_error(tmp_path: Path, plainly: Invoke) -> None:
    project = copy_project(tmp_path / "p")
    config = project / "plainly.yaml"
    lines = config.read_text().splitlines()
    config.write_text("\n".join([*lines, "default_audience: pharmacist"]) + "\n")
    result = plainly("build", "--drafts", "--project", project)
    assert result.exit_code == 1
    assert f"plainly.yaml:{len(lines) + 1}:" in result.output
    assert "default audience 'pharmacist' has no profile" in result.output
    assert "Traceback" not in result.output


def test_variant_pages_say_which_version_and_link_to_the_others(site: Path) -> None:
    patient = read(site, f"{SLUG}/patient/index.html")
    assert "Version: <strong>Patient</strong>" in patient
    assert '<a href="../index.html#choose" data-change-version>Change version</a>' in patient
    to_clinician = '<a href="../clinician/index.html" hreflang="en-US" data-version="clinician">'
    assert to_clinician + "For health professionals</a>" in patient
    spanish = read(site, f"es/{SLUG}/caregiver/index.html")
    assert "Versión: <strong>Cuidador</strong>" in spanish
    assert ">Para profesionales de la salud</a>" in spanish


def test_patients_read_no_citation_numbers_and_end_with_sources(site: Path) -> None:
    for audience in ("patient", "caregiver"):
        for prefix in ("", "es/"):
            page = read(site, f"{prefix}{SLUG}/{audience}/index.html")
            assert 'class="cite"' not in page, (prefix, audience)
            article = page[page.index("<article") : page.index("</article>")]
            assert article.rstrip().endswith("</section>")
            last = article[article.rindex("<section") :]
            assert 'class="references"' in last, "the sources list ends the page"
    clinician = read(site, f"{SLUG}/clinician/index.html")
    assert 'class="cite"' in clinician


def test_every_page_links_to_the_other_language(site: Path) -> None:
    expected = {
        "index.html": "es/index.html",
        f"{SLUG}/index.html": f"es/{SLUG}/index.html",
        f"{SLUG}/patient/index.html": f"es/{SLUG}/patient/index.html",
        f"es/{SLUG}/clinician/index.html": f"{SLUG}/clinician/index.html",
        "es/index.html": "index.html",
    }
    for page, target in expected.items():
        html = read(site, page)
        header = html[html.index("<header") : html.index("</header>")]
        root = "../" * page.count("/")
        assert re.search(rf'class="language-link" href="{re.escape(root + target)}"', header), page
    variant = read(site, f"{SLUG}/patient/index.html")
    base = "https://plainly.example.org/library/"
    assert f'<link rel="alternate" hreflang="en-US" href="{base}{SLUG}/patient/">' in variant
    assert f'<link rel="alternate" hreflang="es-US" href="{base}es/{SLUG}/patient/">' in variant
    assert 'lang="es-US">Español</a>' in variant
    assert 'lang="en-US">English</a>' in read(site, "es/index.html")


def test_a_page_not_in_the_other_language_links_to_its_library(
    tmp_path: Path, plainly: Invoke
) -> None:
    project = copy_project(tmp_path / "p")
    for translation in (project / "articles" / "es-US").glob("*.yaml"):
        translation.unlink()
    result = plainly("build", "--drafts", "--format", "html", "--jobs", "1", "--project", project)
    assert result.exit_code == 0, result.output
    site = project / "output" / "site"
    page = (site / SLUG / "patient" / "index.html").read_text()
    assert 'class="language-link" href="../../es/index.html"' in page
    assert 'hreflang="es-US" href="https' not in page, "no alternate for a missing page"
    spanish = (site / "es" / "index.html").read_text()
    assert "Todavía no se ha publicado ningún artículo." in spanish
    assert 'class="language-link" href="../index.html"' in spanish


def test_help_is_reached_from_the_top_and_numbers_are_tap_to_call(site: Path) -> None:
    page = read(site, f"{SLUG}/patient/index.html")
    bottom_line = page.index('class="bottom-line"')
    jump = page.index('class="help-jump"')
    contents = page.index('class="toc"')
    first_section = page.index('class="section level-2"')
    assert bottom_line < jump < contents < first_section
    toc = page[contents : page.index("</nav>", contents)]
    assert 'class="toc-help"' in toc
    help_id = re.search(r'class="help-jump"><a href="#([\w-]+)"', page)
    assert help_id and f'id="{help_id.group(1)}"' in page
    assert '<a class="tel" href="tel:911">911</a>' in page
    assert '<a class="tel" href="tel:5550100">555-0100</a>' in page
    assert 'rel="icon" href="../../assets/favicon.svg"' in page
    assert (site / "assets" / "favicon.svg").read_text().startswith("<svg")


def test_review_overdue_follows_the_date_given(project: Path, plainly: Invoke) -> None:
    args = ("render", SLUG, "--audience", "patient", "--project", project)
    before = plainly(*args, "--as-of", "2026-08-28")
    assert before.exit_code == 0
    assert "Review overdue" not in before.output
    after = plainly(*args, "--as-of", "2026-08-29")
    assert "Review overdue since August 28, 2026" in after.output


def test_an_approved_page_names_its_reviewer_and_next_review(
    project: Path, plainly: Invoke
) -> None:
    approve = ("approve", SLUG, "--reviewer", "Dr. Ana Ruiz", "--date", "2026-03-02")
    assert plainly(*approve, "--project", project).exit_code == 0
    args = ("render", SLUG, "--audience", "caregiver", "--as-of", "2026-06-01")
    page = plainly(*args, "--project", project).output
    assert "Approved by Dr. Ana Ruiz on March 2, 2026" in page
    assert "Next review due March 2, 2027" in page
    assert "Review overdue" not in page


def test_a_daily_rebuild_rewrites_the_pages_that_fall_overdue(
    project: Path, plainly: Invoke
) -> None:
    args = ("build", "--format", "html", "--drafts", "--jobs", "1", "--project", project)
    assert plainly(*args, "--as-of", "2026-08-27").exit_code == 0
    page = project / "output" / "site" / SLUG / "patient" / "index.html"
    assert "Review overdue" not in page.read_text()
    assert plainly(*args, "--as-of", "2026-08-28").exit_code == 0
    assert "Review overdue" not in page.read_text()
    assert plainly(*args, "--as-of", "2026-08-29").exit_code == 0
    assert "Review overdue" in page.read_text()


def test_the_404_page_styles_itself_under_its_policy(site: Path) -> None:
    page = read(site, "404.html")
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    assert style
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    assert f"style-src 'self' 'sha256-{digest}'" in page
    assert 'rel="stylesheet"' not in page and "<script" not in page
    assert 'rel="icon" href="data:image/svg+xml;base64,' in page
    assert 'class="language-link" href="/library/es/index.html"' in page
