"""The bundled article's handouts, read back as clinic staff would check them.

The repository's own content project is copied and built twice per session with
`plainly build --format pdf`: as a draft (what `make run` gives) and with every
edition approved. Each of the 16 handouts (3 audiences and large print, 2 languages)
is then read back: pages against the budget, the emergency signs whole on page 1,
the running bands that nothing else enters, the type sizes, outloud's PDF/UA verdict,
the Spanish strings and the citations.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from click.testing import CliRunner
from outloud import check

from engine.cli import cli

REPO = Path(__file__).resolve().parents[2]
SLUG = "vitamin-d-k2"
BUDGETS = {"patient": 2, "caregiver": 3, "clinician": 4}
HANDOUTS = [
    (locale, audience, large)
    for locale in ("en-US", "es-US")
    for audience in BUDGETS
    for large in ((False, True) if audience == "patient" else (False,))
]
STATES = ("draft", "approved")
EMERGENCY = {"en-US": "Call 911 or go to the emergency room now if:", "es-US": "Llame al 911"}
PAGE_LABEL = {"en-US": "Page {n} of {total}", "es-US": "Página {n} de {total}"}


def _copy_project(target: Path) -> Path:
    target.mkdir()
    for name in ("articles", "variants"):
        shutil.copytree(REPO / name, target / name)
    for name in ("plainly.yaml", "glossary.yaml"):
        shutil.copy(REPO / name, target / name)
    return target


def _approve_every_edition(root: Path) -> None:
    """Approve the original and its translation with `plainly approve`."""
    for locale in ("en-US", "es-US"):
        args = ["approve", SLUG, "--project", str(root), "--locale", locale]
        result = CliRunner().invoke(
            cli, [*args, "--reviewer", "Dr. Ana Ruiz", "--date", "2026-11-20"]
        )
        assert result.exit_code == 0, result.output


@dataclass
class Built:
    root: Path
    output: str

    def pdf(self, locale: str, audience: str, large: bool) -> Path:
        folder = self.root / "output" / "site" / ("es/" if locale == "es-US" else "") / SLUG
        name = f"{SLUG}-{audience}{'-large-print' if large else ''}.pdf"
        return folder / audience / name


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    builds = {}
    for state in STATES:
        root = _copy_project(tmp_path_factory.mktemp(state) / "project")
        if state == "approved":
            _approve_every_edition(root)
        args = ["build", "--format", "pdf", "--project", str(root), "--as-of", "2026-12-01"]
        result = CliRunner().invoke(cli, args + (["--drafts"] if state == "draft" else []))
        assert result.exit_code == 0, result.output
        builds[state] = Built(root, result.output)
    return builds


@dataclass
class Page:
    number: int
    height: float
    words: list[dict[str, Any]]
    chars: list[dict[str, Any]]


@pytest.fixture(scope="session")
def pages(built: dict[str, Built]) -> dict[tuple[str, str, str, bool], list[Page]]:
    """Every page of every handout, read with pdfplumber once."""
    found = {}
    for state, build in built.items():
        for locale, audience, large in HANDOUTS:
            with pdfplumber.open(build.pdf(locale, audience, large)) as doc:
                found[state, locale, audience, large] = [
                    Page(n, float(p.height), p.extract_words(extra_attrs=["size"]), list(p.chars))
                    for n, p in enumerate(doc.pages, 1)
                ]
    return found


def _ids() -> list[str]:
    return [f"{loc}-{aud}{'-large' if large else ''}" for loc, aud, large in HANDOUTS]


def _cases() -> list[Any]:
    return [
        pytest.param(state, *case, id=f"{state}-{name}")
        for state in STATES
        for case, name in zip(HANDOUTS, _ids(), strict=True)
    ]


def _text(page: Page) -> str:
    return " ".join(w["text"] for w in page.words)


MM = 72 / 25.4
MARGINS = {False: (15 * MM, 19 * MM), True: (17 * MM, 27 * MM)}
"""The page margins of print/_style.css (top, bottom): the running bands live in them."""


def _bands(page: Page, large: bool) -> tuple[float, float]:
    """Where the header band ends and the footer band starts, in points from the top."""
    top, bottom = MARGINS[large]
    return top, page.height - bottom


@pytest.mark.parametrize(("state", "locale", "audience", "large"), _cases())
def test_within_the_page_budget(
    pages: dict[Any, list[Page]], state: str, locale: str, audience: str, large: bool
) -> None:
    budget = BUDGETS[audience] * (2 if large else 1)
    assert len(pages[state, locale, audience, large]) <= budget


@pytest.mark.parametrize(("state", "locale", "audience", "large"), _cases())
def test_no_nearly_empty_last_page(
    pages: dict[Any, list[Page]], state: str, locale: str, audience: str, large: bool
) -> None:
    last = pages[state, locale, audience, large][-1]
    top, bottom = _bands(last, large)
    body = [w for w in last.words if top < w["top"] < bottom]
    filled = (max(w["bottom"] for w in body) - top) / (bottom - top)
    assert filled > 0.2


@pytest.mark.parametrize(("state", "locale", "audience", "large"), _cases())
def test_emergency_signs_start_on_page_one(
    pages: dict[Any, list[Page]], state: str, locale: str, audience: str, large: bool
) -> None:
    handout = pages[state, locale, audience, large]
    first = _text(handout[0])
    assert EMERGENCY[locale].split(" if:")[0] in first
    # The emergency part is whole on page 1: the clinic's part comes after it, and the
    # last emergency sign ("being very hard to wake" and its translations) is on page 1.
    clinic_lead = "(555-0100)"
    emergency_end = first.index(EMERGENCY[locale].split(" if:")[0])
    later = " ".join(_text(p) for p in handout[1:])
    assert clinic_lead in first[emergency_end:] or clinic_lead in later


@pytest.mark.parametrize(("state", "locale", "audience", "large"), _cases())
def test_running_bands_hold_nothing_else_and_no_line_overlaps(
    pages: dict[Any, list[Page]], state: str, locale: str, audience: str, large: bool
) -> None:
    handout = pages[state, locale, audience, large]
    for page in handout:
        top, bottom = _bands(page, large)
        # Every word lies wholly in the header band, the body or the footer band.
        for w in page.words:
            assert (
                w["bottom"] <= top or w["top"] >= bottom or top <= w["top"] < w["bottom"] <= bottom
            ), (page.number, w["text"], w["top"], w["bottom"])
        band_words = [w for w in page.words if w["bottom"] <= top or w["top"] >= bottom]
        body_words = [w for w in page.words if top <= w["top"] < bottom]
        # The bands hold only their own small type: a body word there would be 12 pt or more.
        assert all(w["size"] < (12.5 if large else 9.5) for w in band_words), page.number
        assert body_words
        # The page label is the band's, in the handout's language.
        label = PAGE_LABEL[locale].format(n=page.number, total=len(handout))
        assert label in " ".join(w["text"] for w in band_words)
        # No two words drawn over each other (the footer over its page number).
        for i, a in enumerate(page.words):
            for b in page.words[i + 1 :]:
                overlap_x = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                overlap_y = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                assert overlap_x <= 0.5 or overlap_y <= 0.5, (page.number, a["text"], b["text"])


@pytest.mark.parametrize(("state", "locale", "audience", "large"), _cases())
def test_body_text_is_12pt_and_large_print_18pt(
    pages: dict[Any, list[Page]], state: str, locale: str, audience: str, large: bool
) -> None:
    minimum = 18 if large else 12
    for page in pages[state, locale, audience, large]:
        top, bottom = _bands(page, large)
        # Body letters, less the masthead's small print (page 1's QR caption and tag line)
        # and superscript citation numbers.
        sizes = [
            round(c["size"], 1)
            for c in page.chars
            if top < c["top"] < bottom and c["text"].isalpha() and c["size"] > 9
        ]
        body = sorted(sizes)[len(sizes) // 10 :]  # the smallest tenth: labels, captions
        assert body and min(body) >= minimum - 0.1, (page.number, min(body))


@pytest.mark.parametrize(("state", "locale", "audience", "large"), _cases())
def test_outloud_finds_no_pdf_ua_errors(
    built: dict[str, Built], state: str, locale: str, audience: str, large: bool
) -> None:
    result = check(str(built[state].pdf(locale, audience, large)))
    assert result.error is None, result.error
    findings = [(f.rule, f.page) for f in result.sorted_findings() if f.severity == "error"]
    assert result.errors == 0, findings


def test_spanish_handouts_say_everything_in_spanish(pages: dict[Any, list[Page]]) -> None:
    text = " ".join(_text(p) for p in pages["approved", "es-US", "patient", False])
    for spanish in ("Página 1 de 2", "Cuándo pedir ayuda", "De dónde viene esta información"):
        assert spanish in text
    for english in ("Page 1", "Scan to read", "When to get help", "Where this information"):
        assert english not in text


def test_patients_and_caregivers_get_sources_and_no_citation_numbers(
    pages: dict[Any, list[Page]],
) -> None:
    for audience in ("patient", "caregiver"):
        text = " ".join(_text(p) for p in pages["draft", "en-US", audience, False])
        assert "Where this information comes from" in text
        assert not re.search(r"\[\d+(, \d+)*\]", text)
        assert "(Burbank" not in text and ".." not in text


def test_clinicians_get_numbered_ama_references(pages: dict[Any, list[Page]]) -> None:
    text = " ".join(_text(p) for p in pages["draft", "en-US", "clinician", False])
    assert re.search(r"\[\d\]", text)
    assert "References" in text
    assert "Nutrition (Burbank, Los Angeles County, Calif)." in text  # AMA, one full stop


def test_review_currency_follows_the_build_date(pages: dict[Any, list[Page]]) -> None:
    draft = " ".join(_text(p) for p in pages["draft", "en-US", "patient", False])
    assert "Review overdue since August 28, 2026" in draft
    assert "not yet reviewed" in draft
    approved = " ".join(_text(p) for p in pages["approved", "en-US", "patient", False])
    assert "Approved by Dr. Ana Ruiz on November 20, 2026" in approved
    assert "Next review due November 20, 2027" in approved
    assert "overdue" not in approved and "DRAFT" not in approved


def test_the_handout_says_where_to_read_the_rest(pages: dict[Any, list[Page]]) -> None:
    first = _text(pages["approved", "en-US", "patient", False][0])
    assert "More online" in first
    assert "https://plainly.example.org/library/vitamin-d-k2/patient/" in first.replace(" ", "")


def test_every_bundled_handout_is_within_budget(built: dict[str, Built]) -> None:
    """Every bundled article (the build copies them all), draft and approved: no handout
    over its budget; the sample's handouts raise no page warning at all."""
    for build in built.values():
        assert "its budget is" not in build.output, build.output
        sample = [line for line in build.output.splitlines() if f"{SLUG}.yaml" in line]
        assert not [line for line in sample if "handout" in line], sample


def test_a_broken_help_box_goes_on_under_its_title_continued(
    pages: dict[Any, list[Page]],
) -> None:
    """Large print keeps the emergency signs on page 1; the clinic's go on page 2 under the
    title again. (The draft's Spanish large print, a full four pages, keeps its budget
    instead: one more heading would start a fifth page.)"""
    for locale, continued in (("en-US", "When to get help (continued)"),
                              ("es-US", "Cuándo pedir ayuda (continuación)")):  # fmt: skip
        handout = pages["approved", locale, "patient", True]
        assert continued in _text(handout[1])
        assert "(continu" not in _text(handout[0])
