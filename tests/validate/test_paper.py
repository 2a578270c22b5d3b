"""The fact lock on paper: a handout may leave whole blocks off, never a fact the lock keeps.

Each test writes one small article into a copy of the bundled project, leaves a block off
the patient handout (by `media: [web]`, or by a section role the patient profile's
`print_leaves_out` names) and builds it: a caution, "when to get help", table or locked
block left off paper, or a dose sentence whose dose prints nowhere else, fails the build
at the block's own line; a study statistic, or a dose the handout prints elsewhere, may go.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Invoke

SLUG = "paper-lock"

ARTICLE = """\
title: How do I take vitamin D?
bottom_line: Take vitamin D with food.
updated: 2025-01-15
review: {{state: submitted}}
sections:
  - id: taking
    title: Taking it
    blocks:
      - id: with-food
        type: paragraph
        text: Take it with a meal.
{printed}
  - id: studies
    title: What studies show
{role}    blocks:
{left_off}
"""

DOSE = """\
      - id: dose
        type: paragraph
{media}        text: Adults take 600 IU daily.
"""


def _build(project: Path, plainly: Invoke, **parts: str) -> tuple[int, str]:
    fields = {"printed": "", "role": "", "left_off": DOSE.format(media=""), **parts}
    (project / "articles" / f"{SLUG}.yaml").write_text(ARTICLE.format(**fields))
    result = plainly("build", "--project", project, "--format", "html", "--drafts", SLUG)
    return result.exit_code, result.output


def _line(project: Path, text: str) -> int:
    path = project / "articles" / f"{SLUG}.yaml"
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def _errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": error: " in line]


@pytest.mark.parametrize(
    "leaves_off",
    [
        pytest.param({"left_off": DOSE.format(media="        media: [web]\n")}, id="media-web"),
        pytest.param({"role": "    role: evidence\n"}, id="print-leaves-out"),
    ],
)
def test_a_dose_left_off_paper_fails_the_build_at_its_block(
    project: Path, plainly: Invoke, leaves_off: dict[str, str]
) -> None:
    code, output = _build(project, plainly, **leaves_off)
    assert code == 1, output
    [error] = [line for line in _errors(output) if "the patient handout" in line]
    assert f"/articles/{SLUG}.yaml:{_line(project, '- id: dose')}:9: error:" in error, error
    assert "the patient handout of paper-lock (en-US) leaves 'dose' off paper" in error
    assert "600 IU daily (dose)" in error
    assert "Hint:" in error and "`media: [web, print]`" in error


@pytest.mark.parametrize(
    ("block", "first_line"),
    [
        (
            "      - id: warn\n        type: callout\n        kind: caution\n"
            "        media: [web]\n        text: Do not take more than 4,000 IU a day.\n",
            "- id: warn",
        ),
        (
            "      - id: help\n        type: get_help\n        media: [web]\n"
            "        call_clinic: [You feel sick after 3 days.]\n",
            "- id: help",
        ),
        (
            "      - id: doses\n        type: table\n        media: [web]\n        caption: Doses\n"
            "        columns: [Who, Dose]\n        rows: [[Adults, 600 IU daily]]\n",
            "- id: doses",
        ),
        (
            "      - id: kept\n        type: paragraph\n        locked: true\n        media: [web]\n"
            "        text: Stop 7 days before surgery.\n",
            "- id: kept",
        ),
    ],
    ids=["caution", "get-help", "table", "locked"],
)
def test_a_block_that_always_prints_cannot_be_kept_off_paper(
    project: Path, plainly: Invoke, block: str, first_line: str
) -> None:
    code, output = _build(project, plainly, left_off=block)
    assert code == 1, output
    block_id = first_line.removeprefix("- id: ")
    [error] = [line for line in _errors(output) if "always prints" in line]
    assert f"/articles/{SLUG}.yaml:{_line(project, first_line)}:9: error:" in error, error
    assert f"'{block_id}' always prints, but `media` keeps it off paper" in error


def test_a_locked_block_in_a_section_left_off_paper_still_prints(
    project: Path, plainly: Invoke
) -> None:
    locked = (
        "      - id: kept\n        type: paragraph\n        locked: true\n"
        "        text: Stop 7 days before surgery.\n"
    )
    code, output = _build(project, plainly, role="    role: evidence\n", left_off=locked)
    assert code == 0, output
    html = project / "print.html"
    result = plainly("render", "--project", project, SLUG, "--audience", "patient",
                     "--format", "print-html", "-o", html)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert '<p id="kept">Stop' in html.read_text()


@pytest.mark.parametrize(
    "parts",
    [
        # The dose is on paper elsewhere: the handout loses no fact.
        {"role": "    role: evidence\n",
         "printed": "      - id: also\n        type: paragraph\n"
                    "        text: Most adults need 600 IU daily.\n"},
        # A study statistic the patient profile may omit.
        {"role": "    role: evidence\n",
         "left_off": "      - id: trial\n        type: paragraph\n"
                     "        text: Fewer falls in one trial (95% CI 0.031 to 0.601).\n"},
    ],
    ids=["printed-elsewhere", "statistic"],
)  # fmt: skip
def test_a_handout_may_leave_off_what_it_loses_no_kept_fact_by(
    project: Path, plainly: Invoke, parts: dict[str, str]
) -> None:
    code, output = _build(project, plainly, **parts)
    assert code == 0, output
    assert not [line for line in _errors(output) if "off paper" in line]
