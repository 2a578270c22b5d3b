"""The handout is a variant of its own: what the writer and the profile put on paper."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from engine.adapt.variant import Node, adapt
from engine.cli import cli
from engine.validate.editions import load_project
from tests.conftest import copy_project

SLUG = "vitamin-d-k2"


def _ids(nodes: list[Node]) -> set[str]:
    found: set[str] = set()
    for node in nodes:
        found.add(node.id)
        found |= _ids(node.fields.get("blocks", []))
        found |= _ids(node.fields.get("sections", []))
    return found


def _variants(root: Path, audience: str) -> tuple[set[str], set[str], list[str]]:
    project = load_project(root, [SLUG])
    article = project.articles[SLUG]
    page = adapt(project, article, project.audiences[audience])
    paper = adapt(project, article, project.audiences[audience], "print")
    return _ids(page.sections), _ids(paper.sections), paper.left_off


def test_patient_paper_leaves_out_the_roles_its_profile_names(tmp_path: Path) -> None:
    page, paper, left_off = _variants(copy_project(tmp_path / "p"), "patient")
    assert {"evidence", "how-they-work", "pitfalls"} <= page - paper
    assert {"evidence", "how-they-work", "pitfalls"} <= set(left_off)
    # Cautions, the help box and the dosing table always print; `media: [web, print]` on
    # the dosing section keeps its introduction although its role is left out.
    assert {"get-help", "caution-warfarin", "dosing-table", "dosing-intro"} <= paper


def test_clinician_paper_keeps_everything(tmp_path: Path) -> None:
    page, paper, left_off = _variants(copy_project(tmp_path / "p"), "clinician")
    assert page == paper and left_off == []


def test_a_block_can_be_kept_off_paper_and_a_section_put_on_it(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    path = root / "articles" / f"{SLUG}.yaml"
    text = path.read_text()
    text = text.replace("  - id: evidence\n", "  - id: evidence\n    media: [web, print]\n", 1)
    text = text.replace("  - id: summary\n", "  - id: summary\n    media: [print]\n", 1)
    text = text.replace("  - id: pitfalls\n", "  - id: pitfalls\n    media: [web, print]\n", 1)
    text = text.replace(
        "      - id: pitfall-d-alone\n", "      - id: pitfall-d-alone\n        media: [web]\n"
    )
    path.write_text(text)
    page, paper, _left_off = _variants(root, "patient")
    assert "evidence-bone" in paper and "evidence-bone" in page
    assert "pitfall-d-alone" in page and "pitfall-d-alone" not in paper
    assert "pitfall-dosing" in paper
    assert "summary-text" in paper and "summary-text" not in page


def test_keeping_a_dose_off_paper_is_a_located_error(tmp_path: Path) -> None:
    """The falls note gives a dose that no printed block gives: the handout cannot lose it."""
    root = copy_project(tmp_path / "p")
    path = root / "articles" / f"{SLUG}.yaml"
    lines = path.read_text().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == "- id: note-falls")
    lines.insert(at + 1, "        media: [web]\n")
    path.write_text("".join(lines))
    result = CliRunner().invoke(cli, ["validate", "--project", str(root)])
    assert result.exit_code == 1
    assert f"articles/{SLUG}.yaml:{at + 1}:" in result.output
    assert "the patient handout of vitamin-d-k2 (en-US) leaves 'note-falls' off paper" in (
        result.output
    )
    assert "and with it 700-1000 IU a day (dose), 19% (percentage)" in result.output


def test_keeping_a_caution_off_paper_is_a_located_error(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    path = root / "articles" / f"{SLUG}.yaml"
    lines = path.read_text().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == "- id: caution-warfarin")
    lines.insert(at + 1, "        media: [web]\n")
    path.write_text("".join(lines))
    result = CliRunner().invoke(cli, ["validate", "--project", str(root)])
    assert result.exit_code == 1
    assert f"articles/{SLUG}.yaml:{at + 1}:" in result.output
    assert "'caution-warfarin' always prints" in result.output


def test_what_always_prints_prints_whole_in_a_section_kept_off_paper(tmp_path: Path) -> None:
    """A section limited to the web keeps its help box on paper, every sign of it, not an
    empty frame."""
    root = tmp_path / "p"
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    path = root / "articles" / "example.yaml"
    section = "  - id: why-it-matters\n"
    path.write_text(path.read_text().replace(section, section + "    media: [web]\n", 1))
    project = load_project(root, ["example"])
    assert not project.problems, project.problems
    article = project.articles["example"]
    for audience in ("patient", "caregiver"):
        page = adapt(project, article, project.audiences[audience])
        paper = adapt(project, article, project.audiences[audience], "print")
        blocks = {
            medium: {block.id: block for _section, block in variant.blocks()}
            for medium, variant in (("web", page), ("print", paper))
        }
        assert "sodium-and-pressure" not in blocks["print"]
        help_box = blocks["print"]["call-for-help"].fields
        assert help_box == blocks["web"]["call-for-help"].fields
        assert help_box["call_clinic"] and help_box["call_emergency"]
