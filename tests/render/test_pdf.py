"""PDF handouts, read back: pypdf for structure, poppler for text, zbar for the QR code.

Each handout is rendered once per session (through the CLI) and shared by the tests.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from engine.cli import cli

PDF_PROJECT = Path(__file__).resolve().parents[1] / "pdf_project"
LETTER = (612.0, 792.0)
A4 = (595.28, 841.89)
ONLINE = "https://health.example.org/library/salt/patient/"


def copy_pdf_project(target: Path, locale: str = "en-US") -> Path:
    """A private copy of the test project, its locale changed when asked."""
    shutil.copytree(PDF_PROJECT, target)
    if locale != "en-US":
        for name in ("plainly.yaml", "glossary.yaml"):
            path = target / name
            path.write_text(path.read_text().replace("en-US", locale))
    return target


def plainly(*args: str | Path) -> Any:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


class Rendered:
    """One handout rendered through `plainly render --format pdf`."""

    def __init__(self, path: Path, stderr: str):
        self.path = path
        self.stderr = stderr
        self.reader = PdfReader(path)

    def text(self, first: int | None = None, last: int | None = None) -> str:
        pages = [] if first is None else ["-f", str(first), "-l", str(last or first)]
        out = subprocess.run(
            ["pdftotext", *pages, str(self.path), "-"], check=True, capture_output=True, text=True
        )
        # One space between words, so that checks do not depend on where lines wrap.
        return " ".join(out.stdout.split())


@pytest.fixture(scope="session")
def render_pdf(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Rendered]:
    project = copy_pdf_project(tmp_path_factory.mktemp("pdf") / "project")
    cache: dict[tuple[str, ...], Rendered] = {}

    def render(audience: str, *flags: str) -> Rendered:
        key = (audience, *flags)
        if key not in cache:
            target = project / "out" / f"{'-'.join(key)}.pdf"
            result = plainly(
                "render", "salt", "--audience", audience, "--format", "pdf", "-o", target,
                "--project", project, *flags,
            )  # fmt: skip
            assert result.exit_code == 0, result.output
            cache[key] = Rendered(target, result.stderr)
        return cache[key]

    return render


@pytest.fixture(scope="session")
def patient(render_pdf: Callable[..., Rendered]) -> Rendered:
    return render_pdf("patient")


@pytest.fixture(scope="session")
def clinician(render_pdf: Callable[..., Rendered]) -> Rendered:
    return render_pdf("clinician")


@pytest.fixture(scope="session")
def large(render_pdf: Callable[..., Rendered]) -> Rendered:
    return render_pdf("patient", "--large-print")


def page_size(reader: PdfReader) -> tuple[float, float]:
    box = reader.pages[0].mediabox
    return (round(float(box.width), 2), round(float(box.height), 2))


def structure(node: Any) -> Iterator[dict[str, Any]]:
    """Every element of a PDF structure tree."""
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for child in node:
            yield from structure(child)
    elif isinstance(node, dict):
        if "/S" in node:
            yield node
        if "/K" in node:
            yield from structure(node["/K"])


def test_letter_for_us_and_a4_for_great_britain(
    patient: Rendered, tmp_path: Path, render_pdf: Callable[..., Rendered]
) -> None:
    assert page_size(patient.reader) == LETTER
    project = copy_pdf_project(tmp_path / "gb", "en-GB")
    target = tmp_path / "gb.pdf"
    result = plainly(
        "render", "salt", "--audience", "clinician", "--format", "pdf", "-o", target,
        "--project", project,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert page_size(PdfReader(target)) == A4


def test_page_count_matches_footer_and_budget_warning(patient: Rendered) -> None:
    pages = len(patient.reader.pages)
    text = patient.text()
    assert f"Page {pages} of {pages}" in text
    assert f"Page 1 of {pages}" in patient.text(1)
    # The patient profile's budget is one page; the handout takes more, which is a warning.
    assert pages > 1
    assert f"takes {pages} pages; its budget is 1" in patient.stderr


def test_metadata_title_author_subject_language(patient: Rendered) -> None:
    info = patient.reader.metadata
    assert info is not None
    assert info["/Title"] == "How much salt is too much?"
    assert info["/Author"] == "Riverside Family Clinic"
    assert info["/Subject"].startswith("Handout for Patient: If you have high blood pressure")
    assert "[1]" not in info["/Subject"]
    root = patient.reader.trailer["/Root"]
    assert root["/Lang"] == "en-US"
    assert root["/MarkInfo"]["/Marked"]
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp


def test_no_dates_in_the_file(patient: Rendered) -> None:
    info = patient.reader.metadata
    assert info is not None
    assert "/CreationDate" not in info and "/ModDate" not in info


def test_structure_tree_tags_headings_lists_tables_and_figures(patient: Rendered) -> None:
    elements = list(structure(patient.reader.trailer["/Root"]["/StructTreeRoot"]))
    tags = Counter(str(e["/S"]) for e in elements)
    for tag in ("/H1", "/H2", "/L", "/LI", "/Table", "/TH", "/TD", "/Figure", "/P"):
        assert tags[tag] >= 1, tag
    assert tags["/H1"] == 1
    alts = {str(e["/Alt"]) for e in elements if e["/S"] == "/Figure"}
    assert "A plate divided in four; half of it is vegetables and fruit." in alts
    assert f"QR code: {ONLINE}" in alts
    assert "Riverside Family Clinic" in alts


def test_fonts_are_embedded_and_atkinson_sets_the_text(patient: Rendered) -> None:
    listing = subprocess.run(
        ["pdffonts", str(patient.path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert listing
    for line in listing:
        assert re.search(r"\byes\s+yes\s+yes\b", line), line  # embedded, subset, unicode
    assert any("Atkinson-Hyperlegible" in line for line in listing)
    # The footer is a margin box: its text must be in Atkinson Hyperlegible too.
    fonts: Counter[str] = Counter()

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if "Page 1 of" in text or "Document salt" in text:
            fonts[str(font["/BaseFont"])] += 1

    patient.reader.pages[0].extract_text(visitor_text=visit)
    assert fonts and all("Atkinson" in name for name in fonts), fonts


def test_title_dose_and_help_on_page_one(patient: Rendered) -> None:
    first = patient.text(1)
    assert "How much salt is too much?" in first
    assert "1,500 mg a day" in first
    assert "When to get help" in first
    assert "Call your clinic (555-0142) if:" in first
    assert "Call 911 or go to the emergency room now if:" in first
    text = patient.text()
    assert "Words to know" in text and "Where this information comes from" in text
    assert "μg" not in text


def test_clinician_gets_full_numbered_references(clinician: Rendered) -> None:
    text = clinician.text()
    assert "References" in text
    assert "doi:10.1161/example.2021.001" in text
    assert "Words to know" not in text
    assert "health professionals" in text


def test_two_renders_are_byte_identical(patient: Rendered, tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    project = patient.path.parent.parent
    result = plainly(
        "render", "salt", "--audience", "patient", "--format", "pdf", "-o", again,
        "--project", project,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert again.read_bytes() == patient.path.read_bytes()


def test_qr_code_decodes_to_the_online_variant(patient: Rendered, tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "200", "-f", "1", "-l", "1", str(patient.path), "page"],
        cwd=tmp_path,
        check=True,
    )
    image = next(tmp_path.glob("page*.png"))
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(image)], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert decoded == ONLINE


def test_large_print_is_at_least_18pt(large: Rendered, patient: Rendered) -> None:
    def body_size(rendered: Rendered) -> float:
        sizes: Counter[float] = Counter()

        def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
            if text.strip():
                sizes[round(size * tm[0] * cm[0], 1)] += len(text)

        for page in rendered.reader.pages:
            page.extract_text(visitor_text=visit)
        return sizes.most_common(1)[0][0]

    assert body_size(large) >= 18
    assert body_size(patient) < 18
    assert len(large.reader.pages) > len(patient.reader.pages)
    assert "large print" in large.text(1).lower()


def test_handouts_pack_starts_each_handout_on_a_new_page(
    patient: Rendered, clinician: Rendered
) -> None:
    project = patient.path.parent.parent
    target = project / "out" / "pack.pdf"
    result = plainly(
        "handouts", "salt", "salt", "--audience", "patient", "-o", target, "--project", project
    )
    assert result.exit_code == 0, result.output
    pack = PdfReader(target)
    single = len(patient.reader.pages)
    assert len(pack.pages) == 2 * single
    # The page label's spaces are no-break spaces, so it never wraps.
    second_start = pack.pages[single].extract_text().replace("\xa0", " ")
    assert "How much salt is too much?" in second_start
    assert "Page 1 of" in second_start


def test_build_writes_handouts_beside_the_page(tmp_path: Path) -> None:
    project = copy_pdf_project(tmp_path / "project")
    result = plainly("build", "--drafts", "--project", project)
    # Only the handout jobs are asserted here; pages are another stage's tests.
    assert not [line for line in result.stderr.splitlines() if "pdf" in line.split(": ")[0]]
    folder = project / "output" / "site" / "salt" / "patient"
    assert (folder / "salt-patient.pdf").is_file()
    assert (folder / "salt-patient-large-print.pdf").is_file()
    assert not (project / "output/site/salt/clinician/salt-clinician-large-print.pdf").exists()
    assert "the patient handout of salt (en-US) takes" in result.stderr


def test_pdf_without_output_file_is_a_usage_error() -> None:
    result = plainly(
        "render", "salt", "--audience", "patient", "--format", "pdf", "--project", PDF_PROJECT
    )
    assert result.exit_code == 2
    assert "give -o FILE" in result.output
