"""Languages: babel formatting, translations checked against their original, catalogs."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from engine.i18n import formats as i18n
from engine.i18n.catalogs import LOCALES, extract
from engine.inline.parse import parse_inline
from engine.inline.quantities import NumberFormat
from engine.inline.tokens import Quantity
from engine.load.project import number_format
from engine.validate.editions import load_project
from tests.conftest import Invoke

SLUG = "vitamin-d-k2"
SPANISH = Path("articles/es-US") / f"{SLUG}.yaml"


def quantity(text: str, tag: str = "en-US") -> Quantity:
    found = [
        t for t in parse_inline(text, number_format=number_format(tag)) if isinstance(t, Quantity)
    ]
    assert len(found) == 1, found
    return found[0]


# --- babel formatting ------------------------------------------------------------------------


def test_dates_in_both_languages() -> None:
    day = dt.date(2025, 8, 28)
    assert i18n.format_date(day, "en-US") == "August 28, 2025"
    assert i18n.format_date(day, "es-US") == "28 de agosto de 2025"


# "–" is an en dash between the ends of a range; "\u00a0" keeps a number with its unit.
@pytest.mark.parametrize(
    ("written", "tag", "expected"),
    [
        ("1,000-1,200 mg daily", "en-US", "1,000–1,200\u00a0mg a day"),
        ("1,000-1,200 mg daily", "es-US", "1,000–1,200\u00a0mg al día"),
        ("1,000-1,200 mg daily", "es-ES", "1.000–1.200\u00a0mg al día"),
        ("less than 500 mcg a day", "es-US", "menos de 500\u00a0mcg al día"),
        ("800-2000 IU daily", "es-US", "800–2,000\u00a0UI al día"),
        ("≥30 ng/mL", "es-ES", "≥30\u00a0ng/mL"),
        ("2.50 mg", "es-ES", "2,50\u00a0mg"),
        ("95% CI -1.113 to -0.778", "es-US", "IC 95%: -1.113 a -0.778"),
        ("19%", "en-US", "19%"),
        # Phone numbers, years and PMIDs are counts without a unit: left as written.
        ("555-0100", "es-ES", "555-0100"),
        ("2019", "es-US", "2019"),
        ("12345678", "en-US", "12345678"),
    ],
)
def test_doses_and_numbers_are_formatted_by_babel(written: str, tag: str, expected: str) -> None:
    assert i18n.format_quantity(quantity(written), tag) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("800-2000 IU daily", "800–2,000\u00a0IU daily"),
        ("1,000-1,200 mg a day", "1,000–1,200\u00a0mg a day"),
        ("less than 500 mcg a day", "less than 500\u00a0mcg a day"),
        ("above 30 ng/mL", "above 30\u00a0ng/mL"),
        ("19%", "19%"),
        ("555-0100", "555-0100"),
        ("2019", "2019"),
    ],
)
def test_the_default_locale_keeps_the_writers_words_and_units(written: str, expected: str) -> None:
    """Units as written; babel groups the numbers, ranges take an en dash."""
    assert i18n.format_quantity_as_written(quantity(written), "en-US") == expected


def test_micrograms_are_never_written_with_the_greek_mu() -> None:
    for tag in ("en-US", "es-US", "es-ES", "de-DE"):
        shown = i18n.format_quantity(quantity("500 mcg"), tag)
        assert "mcg" in shown and "μ" not in shown and "µ" not in shown


def test_each_language_reads_its_own_number_format_to_the_same_value() -> None:
    english = quantity("1,000 mg")
    spanish = parse_inline("1.000 mg", number_format=NumberFormat(",", "."))[0]
    assert isinstance(spanish, Quantity)
    assert spanish.fact == english.fact
    assert english.low == Decimal(1000)
    assert quantity("IC 95%: 0.031 a 0.601", "es-US").fact == quantity("95% CI 0.031 to 0.601").fact


def test_paper_follows_the_territory() -> None:
    assert i18n.paper_size("es-US") == "letter"
    assert i18n.paper_size("en-US") == "letter"
    assert i18n.paper_size("es-ES") == "A4"
    assert i18n.paper_size("en-GB") == "A4"


def test_output_folders_use_the_full_tag_only_when_a_language_is_shared() -> None:
    assert i18n.locale_prefix("en-US", ["en-US", "es-US"], "en-US") == ""
    assert i18n.locale_prefix("es-US", ["en-US", "es-US"], "en-US") == "es/"
    assert i18n.locale_prefix("es-ES", ["en-US", "es-US", "es-ES"], "en-US") == "es-es/"


# --- the Spanish article ---------------------------------------------------------------------


def test_the_spanish_translation_matches_its_original(project: Path) -> None:
    loaded = load_project(project)
    assert not loaded.problems
    assert not [w for w in loaded.warnings if "translation" in w.message]
    spanish = loaded.translations[(SLUG, "es-US")]
    assert spanish.source.translation_of is not None
    assert spanish.source.translation_of.revision == loaded.articles[SLUG].content_hash


def test_the_spanish_patient_variant_meets_its_reading_target(project: Path) -> None:
    from engine.build.builder import Builder
    from engine.readability.variant import score_variant

    loaded = load_project(project)
    whole = score_variant(Builder(loaded).variant(SLUG, "patient", "es-US"))[0]
    assert whole.target and "fernandez_huerta" in whole.target
    assert whole.passed is True, whole.misses


def test_spanish_pages_are_in_spanish(project: Path, plainly: Invoke) -> None:
    result = plainly(
        "render", SLUG, "--audience", "patient", "--locale", "es-US", "--project", project
    )
    assert result.exit_code == 0, result.output
    page = result.output
    assert '<html lang="es-US"' in page
    assert "Lo más importante" in page and "Palabras que debe conocer" in page
    assert "Paciente" in page or "paciente" in page
    assert "The bottom line" not in page
    assert "1,000–1,200\u00a0mg al día" in page
    assert "μg" not in page


def test_build_writes_other_locales_under_their_language(project: Path, plainly: Invoke) -> None:
    result = plainly(
        "build",
        "--drafts",
        "--format",
        "html",
        "-j",
        "1",
        "--locale",
        "es-US",
        "--project",
        project,
    )
    assert result.exit_code == 0, result.output
    page = project / "output/site/es" / SLUG / "patient/index.html"
    assert page.is_file()
    assert 'lang="es-US"' in page.read_text()
    assert not (project / "output/site" / SLUG / "patient/index.html").exists()


# --- drift and staleness ---------------------------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_drifted_dose_is_an_error_located_in_the_translation(
    project: Path, plainly: Invoke
) -> None:
    _edit(project / SPANISH, "1,000-1,200 mg al día", "1,000-1,500 mg al día")
    result = plainly("validate", "--project", project)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    line = next(
        n
        for n, text in enumerate((project / SPANISH).read_text().splitlines(), 1)
        if "1,000-1,500" in text
    )
    assert re.search(
        rf"articles/es-US/{SLUG}\.yaml:{line}:\d+: error: .*says 1,000-1,500 mg al día; "
        r"the original says 1,000-1,200 mg daily.*Hint: ",
        result.output,
    ), result.output


def test_renamed_blocks_and_extra_references_are_errors(project: Path, plainly: Invoke) -> None:
    _edit(project / SPANISH, "- id: pitfall-diet", "- id: pitfall-food")
    _edit(
        project / SPANISH,
        "references:\n",
        "references:\n  - {key: extra2020, kind: other, title: Otra, source: Otra, year: 2020}\n",
    )
    result = plainly("validate", "--project", project)
    assert result.exit_code == 1
    assert "has no section or block 'pitfall-diet'" in result.output
    assert "'pitfall-food' is not a section or block id of the original" in result.output
    assert "reference 'extra2020' is not in the original" in result.output


def test_the_other_articles_still_load_when_a_translation_drifts(project: Path) -> None:
    _edit(project / SPANISH, "en un 19% [@praxis2025]", "en un 18% [@praxis2025]")
    loaded = load_project(project)
    assert loaded.problems
    assert SLUG in loaded.articles
    assert (SLUG, "es-US") not in loaded.translations


def test_a_stale_translation_is_a_warning_and_a_banner(project: Path, plainly: Invoke) -> None:
    _edit(project / f"articles/{SLUG}.yaml", "Dr.Oracle Medical", "Dr. Oracle Medical")
    result = plainly("validate", "--project", project)
    assert result.exit_code == 0, result.output
    assert re.search(rf"articles/es-US/{SLUG}\.yaml:\d+:\d+: warning: .* is stale", result.output)
    page = plainly(
        "render", SLUG, "--audience", "caregiver", "--locale", "es-US", "--project", project
    )
    assert page.exit_code == 0
    assert "Esta traducción es anterior a la versión más reciente" in page.output
    current = plainly("render", SLUG, "--audience", "caregiver", "--project", project)
    assert "banner-translation" not in current.output


# --- catalogs --------------------------------------------------------------------------------


def test_every_template_string_is_translated_in_every_catalog(tmp_path: Path) -> None:
    template = extract(tmp_path / "plainly.pot")
    with template.open("rb") as stream:
        wanted = {m.id for m in read_po(stream) if m.id}
    assert len(wanted) > 20, "extraction found almost nothing: check babel.cfg's extensions"
    catalogs = sorted(LOCALES.glob("*/LC_MESSAGES/plainly.po"))
    assert catalogs
    for po in catalogs:
        with po.open("rb") as stream:
            catalog = read_po(stream)
        have = {m.id: m for m in catalog if m.id}
        missing = [i for i in wanted if i not in have or not have[i].string or have[i].fuzzy]
        assert not missing, f"{po}: run `make catalogs` and translate: {missing}"


def test_no_compiled_catalogs_are_kept() -> None:
    assert not list(LOCALES.rglob("*.mo"))


def test_pages_link_to_their_other_languages(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from engine.cli import cli
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "p")
    result = CliRunner().invoke(
        cli, ["build", "--drafts", "--format", "html", "--jobs", "2", "--project", str(project)]
    )
    assert result.exit_code == 0, result.output
    english = (project / "output/site/vitamin-d-k2/patient/index.html").read_text()
    spanish = (project / "output/site/es/vitamin-d-k2/patient/index.html").read_text()
    link = (
        '<a class="language-link" href="../../es/vitamin-d-k2/patient/index.html" hreflang="es-US"'
    )
    assert link in english
    assert (
        'hreflang="es-US" href="https://plainly.example.org/library/es/vitamin-d-k2/patient/"'
        in english
    )
    back = (
        '<a class="language-link" href="../../../vitamin-d-k2/patient/index.html" hreflang="en-US"'
    )
    assert back in spanish


def test_each_language_has_its_own_index_and_search(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from engine.cli import cli
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "p")
    result = CliRunner().invoke(
        cli, ["build", "--drafts", "--format", "html", "--project", str(project)]
    )
    assert result.exit_code == 0, result.output
    site = project / "output" / "site"
    spanish = (site / "es" / "index.html").read_text()
    assert '<html lang="es-US">' in spanish
    assert '<script src="../assets/search-index-es.js" defer></script>' in spanish
    assert 'href="vitamin-d-k2/index.html"' in spanish
    assert "huesos" in (site / "assets" / "search-index-es.js").read_text()
    english = (site / "index.html").read_text()
    assert '<script src="assets/search-index.js" defer></script>' in english
    page = (site / "es/vitamin-d-k2/patient/index.html").read_text()
    assert '<a class="site-title" href="../../../es/index.html">' in page
