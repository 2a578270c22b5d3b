"""Approval, the fact lock, stale content, byte-identical rebuilds, untouched sources."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from engine.cli import cli

DATE = "2025-06-01"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("starter") / "project"
    assert run("init", root).exit_code == 0
    return root


@pytest.fixture
def project(starter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = shutil.copytree(starter, tmp_path / "project")
    monkeypatch.chdir(root)
    return root


def hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def sources(root: Path) -> dict[str, str]:
    return {k: v for k, v in hashes(root).items() if not k.startswith("output/")}


# --- approval ------------------------------------------------------------------------------


def test_approve_writes_only_the_review_state_and_publishes(project: Path) -> None:
    path = project / "articles/example.yaml"
    before = path.read_text()
    assert run("build", "--as-of", DATE).exit_code == 0
    assert not (project / "output/site/example/patient/index.html").exists()

    result = run("approve", "example", "--reviewer", "Dr. José Ng", "--date", "2025-05-30")
    assert result.exit_code == 0, result.output
    assert "Approved articles/example.yaml" in result.output
    after = path.read_text()
    head, tail = before.split("review:\n  state: submitted\n")
    assert after.startswith(head + "review:\n  state: approved\n")
    assert after.endswith(tail)
    assert '  reviewer: "Dr. José Ng"\n  date: 2025-05-30\n  approved_hash: ' in after

    built = run("build", "--as-of", DATE)
    assert built.exit_code == 0, built.output
    assert (project / "output/site/example/patient/index.html").is_file()
    assert "not published" not in built.output


def test_editing_an_approved_article_unpublishes_it(project: Path) -> None:
    assert run("approve", "example", "--reviewer", "Dr. Ng", "--date", DATE).exit_code == 0
    path = project / "articles/example.yaml"
    path.write_text(path.read_text().replace("Your home readings", "Your readings"))
    result = run("build", "--as-of", DATE)
    assert "articles/example.yaml:1:1: warning: not published" in result.output
    assert not (project / "output/site/example/patient/index.html").exists()


def test_approve_keeps_every_other_byte_including_bom_and_crlf(project: Path) -> None:
    path = project / "articles/example.yaml"
    text = path.read_text().replace("review:\n  state: submitted\n", "review: {state: submitted}\n")
    original = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    path.write_bytes(original)
    result = run("approve", "example", "--reviewer", "Dr. Ng", "--date", DATE)
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    start = original.index(b"review:")
    end = original.index(b"}", start) + 1
    assert after.startswith(original[:start])
    assert after.endswith(original[end:])
    assert run("validate").exit_code == 0


def test_an_invalid_article_cannot_be_approved(project: Path) -> None:
    path = project / "articles/example.yaml"
    path.write_text(
        path.read_text().replace(
            'patient: "If you have hypertension, keep sodium under 1,500 mg a day."',
            'patient: "If you have hypertension, keep sodium under 2,300 mg a day."',
        )
    )
    before = path.read_bytes()
    result = run("approve", "example", "--reviewer", "Dr. Ng")
    assert result.exit_code == 1
    assert "articles/example.yaml:6:" in result.output
    assert (
        "says under 2,300 mg a day; the clinician text says under 1,500 mg a day" in result.output
    )
    assert path.read_bytes() == before


@pytest.mark.parametrize("reviewer", ["", "Dr. Ng\nstate: approved", "a\u2028b"])
def test_approve_refuses_a_reviewer_that_is_not_a_name(project: Path, reviewer: str) -> None:
    before = sources(project)
    result = run("approve", "example", "--reviewer", reviewer)
    assert result.exit_code == 2
    assert sources(project) == before


# --- the fact lock on adapted variants, stale content ---------------------------------------


def test_a_caution_with_a_reason_may_be_kept_from_an_audience(project: Path) -> None:
    path = project / "articles/example.yaml"
    path.write_text(
        path.read_text().replace(
            "      - id: call-for-help\n",
            "      - id: lab-note\n"
            "        type: callout\n"
            "        kind: caution\n"
            "        audiences: [clinician]\n"
            "        omit_reason: Dosing adjustments are made by the clinician.\n"
            "        text: Recheck sodium after 2 weeks.\n"
            "      - id: call-for-help\n",
        )
    )
    result = run("build", "--drafts", "--as-of", DATE)
    assert result.exit_code == 0, result.output
    assert "lab-note" in (project / "output/site/example/clinician/index.html").read_text()


def test_stale_content_is_a_warning_judged_as_of_the_given_date(project: Path) -> None:
    assert run("approve", "example", "--reviewer", "Dr. Ng", "--date", "2024-01-31").exit_code == 0
    fresh = run("build", "--as-of", "2024-12-31")
    assert "warning: stale" not in fresh.output
    stale = run("build", "--as-of", "2025-02-01")
    assert stale.exit_code == 0, stale.output
    assert (
        "articles/example.yaml:1:1: warning: stale: last reviewed 2024-01-31, more than 12 "
        "months before 2025-02-01" in stale.output
    )


# --- nothing lost, nothing changed ----------------------------------------------------------


def test_two_builds_of_the_same_input_are_byte_identical(project: Path) -> None:
    first = run("build", "--drafts", "--as-of", DATE)
    assert first.exit_code == 0, first.output
    once = hashes(project / "output")
    assert any(name.endswith(".pdf") for name in once)
    shutil.rmtree(project / "output")
    second = run("build", "--drafts", "--as-of", DATE)
    assert second.exit_code == 0, second.output
    assert hashes(project / "output") == once


@pytest.mark.parametrize(
    "command",
    [
        ["build", "--drafts", "--as-of", DATE],
        ["build", "--as-of", DATE],
        ["validate"],
        ["render", "example", "--audience", "patient"],
    ],
)
def test_no_command_but_approve_writes_to_a_source(project: Path, command: list[str]) -> None:
    before = sources(project)
    run(*command)
    run(*command)  # a second run (incremental, say) must not touch them either
    assert sources(project) == before


def test_unpublished_articles_leave_the_output(tmp_path: Path) -> None:
    project = tmp_path / "lib"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(project)]).exit_code == 0
    drafts = runner.invoke(cli, ["build", "--drafts", "--project", str(project)])
    assert drafts.exit_code == 0, drafts.output
    page = project / "output/site/example/patient/index.html"
    handout = project / "output/site/example/patient/example-patient.pdf"
    assert page.is_file() and handout.is_file()

    published = runner.invoke(cli, ["build", "--project", str(project)])
    assert published.exit_code == 0, published.output
    assert "removed" in published.output
    assert not page.exists() and not handout.exists()
    assert (project / "output/site/index.html").is_file()
    assert "example/index.html" not in (project / "output/site/index.html").read_text()
