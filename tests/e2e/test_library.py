"""The bundled starter library, built whole: search, topic filters, index, sitemap, handout packs.

These tests build the repository's own articles (HTML only, except one handout pack), so they
fail when an article is added, dropped or mis-tagged without the site following it.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from pypdf import PdfReader

from engine.cli import cli
from tests.conftest import REPO, copy_project

AS_OF = "2026-12-01"
SLUGS = sorted(p.stem for p in (REPO / "articles").glob("*.yaml"))
SPANISH = sorted(p.stem for p in (REPO / "articles" / "es-US").glob("*.yaml"))
AUDIENCES = sorted(p.stem for p in (REPO / "variants").glob("*.yaml"))


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def build_html(root: Path, *extra: str) -> Result:
    result = run("build", "--project", root, "--format", "html", "--as-of", AS_OF, *extra)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def drafts_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The library as a writer previews it: every article built with --drafts."""
    root = copy_project(tmp_path_factory.mktemp("library") / "project")
    build_html(root, "--drafts")
    return root / "output" / "site"


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The library after a reviewer approved every article: what a hospital would publish."""
    root = copy_project(tmp_path_factory.mktemp("published") / "project")
    for slug in SLUGS:
        result = run("approve", slug, "--project", root, "--reviewer", "Dr. Test", "--date", AS_OF)
        assert result.exit_code == 0, result.output
    build_html(root)
    return root / "output" / "site"


def search_index(site: Path, name: str) -> list[dict[str, object]]:
    """The entries of a search index script (`window.PLAINLY_SEARCH = [...]`)."""
    text = (site / "assets" / name).read_text(encoding="utf-8")
    entries: list[dict[str, object]] = json.loads(text[text.index("[") : text.rindex("]") + 1])
    return entries


def cards(index_html: str) -> dict[str, set[str]]:
    """Each article card of an index page: its slug and its topic keys."""
    found = re.findall(r'data-slug="([^"]+)" data-topics="([^"]*)"', index_html)
    return {slug: set(topics.split()) for slug, topics in found}


def topic_key(name: str) -> str:
    """The filter key of a topic name, as the index writes it ("Salud del corazón": salud-del-corazon)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def source_topics(path: Path) -> set[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {topic_key(t) for t in data.get("topics", [])}


# --- the library itself --------------------------------------------------------------------


def test_the_library_holds_six_articles_at_least_three_of_them_in_spanish() -> None:
    assert len(SLUGS) >= 6
    assert len(SPANISH) >= 3
    assert set(SPANISH) <= set(SLUGS)


def test_every_article_is_valid_and_ships_unapproved() -> None:
    result = run("validate", "--project", REPO)
    assert result.exit_code == 0, result.output
    assert " 0 error(s)" in result.output
    for path in sorted((REPO / "articles").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["review"]["state"] == "submitted", path


def test_every_patient_and_caregiver_variant_meets_its_reading_targets() -> None:
    paths = sorted((REPO / "articles").rglob("*.yaml"))
    result = run("check", "--project", REPO, *paths)
    assert result.exit_code == 0, result.output
    assert "0 missed a target" in result.output


def test_no_article_loosens_the_fact_lock() -> None:
    # No reordering, no numbers declared statistics, no negation waved through: the library
    # passes the lock as written.
    loosening = re.compile(r"^\s*(?:fact_order|statistics|negation):", re.MULTILINE)
    for path in sorted((REPO / "articles").rglob("*.yaml")):
        assert not loosening.search(path.read_text(encoding="utf-8")), path


# --- search ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("index_file", "word"),
    [("search-index.js", "metformin"), ("search-index-es.js", "metformina")],
)
def test_search_finds_the_drug_name_in_its_article_in_both_languages(
    drafts_site: Path, index_file: str, word: str
) -> None:
    matches = {e["slug"] for e in search_index(drafts_site, index_file) if word in e["words"]}  # type: ignore[operator]
    assert matches == {"metformin"}


def test_the_spanish_search_index_holds_exactly_the_spanish_editions(drafts_site: Path) -> None:
    assert sorted(e["slug"] for e in search_index(drafts_site, "search-index-es.js")) == SPANISH  # type: ignore[type-var]
    assert sorted(e["slug"] for e in search_index(drafts_site, "search-index.js")) == SLUGS  # type: ignore[type-var]


# --- topics ----------------------------------------------------------------------------------


def test_each_topic_filter_shows_exactly_its_articles(drafts_site: Path) -> None:
    index = (drafts_site / "index.html").read_text(encoding="utf-8")
    shown = cards(index)
    assert sorted(shown) == SLUGS
    expected: dict[str, set[str]] = {}
    for slug in SLUGS:
        for key in source_topics(REPO / "articles" / f"{slug}.yaml"):
            expected.setdefault(key, set()).add(slug)
    buttons = set(re.findall(r'data-topic="([^"]+)"', index))
    assert buttons == set(expected)
    for key, slugs in expected.items():
        assert {slug for slug, topics in shown.items() if key in topics} == slugs, key
    assert expected["diabetes"] == {"a1c-test", "metformin"}


def test_spanish_topic_filters_follow_the_spanish_sources(drafts_site: Path) -> None:
    shown = cards((drafts_site / "es" / "index.html").read_text(encoding="utf-8"))
    assert sorted(shown) == SPANISH
    for slug in SPANISH:
        assert shown[slug] == source_topics(REPO / "articles" / "es-US" / f"{slug}.yaml"), slug


# --- index and sitemap -------------------------------------------------------------------------


def test_drafts_stay_out_of_the_sitemap(drafts_site: Path) -> None:
    sitemap = (drafts_site / "sitemap.xml").read_text(encoding="utf-8")
    assert not any(f"/{slug}/" in sitemap for slug in SLUGS)


def test_the_index_and_sitemap_list_every_published_article(published_site: Path) -> None:
    assert sorted(cards((published_site / "index.html").read_text(encoding="utf-8"))) == SLUGS
    sitemap = (published_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = set(re.findall(r"<loc>https://plainly\.example\.org/library/([^<]*)</loc>", sitemap))
    for slug in SLUGS:
        for audience in AUDIENCES:
            assert f"{slug}/{audience}/" in locs, (slug, audience)
            assert (published_site / slug / audience / "index.html").is_file()
    # Translations are reviewed on their own: approving the originals publishes no Spanish
    # page, and the build says so for each.
    assert "DRAFT" not in (published_site / "metformin" / "patient" / "index.html").read_text(
        encoding="utf-8"
    )
    assert not (published_site / "es" / "metformin").exists()


def test_approving_a_translation_publishes_it_beside_its_original(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    for locale in ("en-US", "es-US"):
        result = run(
            "approve", "a1c-test", "--locale", locale, "--project", root,
            "--reviewer", "Dr. Test", "--date", AS_OF,
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    built = run("build", "--project", root, "--format", "html", "--as-of", AS_OF)
    assert built.exit_code == 0, built.output
    assert "articles/es-US/a1c-test.yaml:1:1: warning: not published" not in built.output
    page = root / "output/site/es/a1c-test/patient/index.html"
    assert "DRAFT" not in page.read_text(encoding="utf-8")
    assert not (root / "output/site/es/metformin").exists()


# --- handout packs -------------------------------------------------------------------------------


def test_a_handout_pack_holds_each_article_from_a_new_page(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    pack = tmp_path / "pack.pdf"
    chosen = ["metformin", "a1c-test", "high-blood-pressure"]
    result = run("handouts", *chosen, "--project", root, "--audience", "patient", "-o", pack)
    assert result.exit_code == 0, result.output
    for slug in chosen:  # the library ships unapproved: staff are told what they print
        assert f"articles/{slug}.yaml:1:1: warning: not approved in its current form" in (
            result.output
        )
    reader = PdfReader(pack)
    firsts = [
        number
        for number, page in enumerate(reader.pages)
        if "The bottom line" in (page.extract_text() or "")
    ]
    assert len(firsts) == len(chosen)
    titles = ["How do I take metformin safely?", "What is the A1C test?"]
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    for title in [*titles, "What do my blood pressure numbers mean?"]:
        assert title in re.sub(r"\s+", " ", text), title
    shutil.rmtree(root)
