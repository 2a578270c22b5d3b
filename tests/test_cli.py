"""The command line as a newcomer uses it: exit codes, messages, files written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from engine.cli.base import PLANT_BUG

from .conftest import Invoke


def tree_hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_build_writes_every_variant_and_the_index(plainly: Invoke, project: Path) -> None:
    result = plainly("build", "--drafts", "--project", project)
    assert result.exit_code == 0, result.output
    site = project / "output" / "site"
    for audience in ("clinician", "patient", "caregiver"):
        page = site / "vitamin-d-k2" / audience / "index.html"
        assert page.is_file()
        assert '<html lang="en-US">' in page.read_text()
    assert (site / "vitamin-d-k2" / "index.html").is_file()
    index = (site / "index.html").read_text()
    assert 'href="vitamin-d-k2/index.html"' in index
    assert "Built" in result.output


def test_build_without_drafts_publishes_only_approved_articles(
    plainly: Invoke, project: Path
) -> None:
    result = plainly("build", "--project", project)
    assert result.exit_code == 0
    assert "not published: not approved (its review state is 'submitted')" in result.output
    assert not (project / "output" / "site" / "vitamin-d-k2" / "patient" / "index.html").exists()


def test_pages_link_relatively_so_they_work_from_disk(plainly: Invoke, project: Path) -> None:
    plainly("build", "--drafts", "--project", project)
    page = (project / "output/site/vitamin-d-k2/patient/index.html").read_text()
    assert 'href="../../assets/plainly.css"' in page
    assert 'href="../../index.html"' in page
    assert 'href="../caregiver/index.html"' in page


def test_build_one_audience(plainly: Invoke, project: Path) -> None:
    result = plainly("build", "--drafts", "--audience", "patient", "--project", project)
    assert result.exit_code == 0
    folder = project / "output/site/vitamin-d-k2"
    assert (folder / "patient/index.html").is_file()
    assert not (folder / "clinician/index.html").exists()


def test_unknown_audience_is_bad_usage(plainly: Invoke, project: Path) -> None:
    result = plainly("build", "--drafts", "--audience", "pharmacist", "--project", project)
    assert result.exit_code == 2
    assert "no audience 'pharmacist'" in result.output


def test_render_prints_one_variant(plainly: Invoke, project: Path) -> None:
    result = plainly("render", "vitamin-d-k2", "--audience", "clinician", "--project", project)
    assert result.exit_code == 0
    assert result.output.startswith("<!DOCTYPE html>")
    assert "0.316" in result.output  # the clinician keeps the pooled effect size
    assert not (project / "output" / "site").exists()


def test_render_unknown_article(plainly: Invoke, project: Path) -> None:
    result = plainly("render", "no-such-article", "--audience", "patient", "--project", project)
    assert result.exit_code == 1
    assert "no article 'no-such-article'" in result.output


def test_validate_writes_nothing_and_reports_counts(plainly: Invoke, project: Path) -> None:
    before = tree_hashes(project)
    result = plainly("validate", "--project", project)
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output
    assert tree_hashes(project) == before


def test_build_never_modifies_sources(plainly: Invoke, project: Path) -> None:
    before = tree_hashes(project)
    plainly("build", "--drafts", "--project", project)
    after = {k: v for k, v in tree_hashes(project).items() if not k.startswith("output")}
    assert after == before


def test_not_a_project(plainly: Invoke, tmp_path: Path) -> None:
    result = plainly("build", "--project", tmp_path)
    assert result.exit_code == 1
    assert "plainly.yaml:1:1: error: no plainly.yaml here" in result.output
    assert "plainly init" in result.output


def test_init_creates_a_project_that_builds(plainly: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "clinic-library"
    result = plainly("init", target)
    assert result.exit_code == 0
    assert (target / "plainly.yaml").is_file()
    assert (target / "variants" / "patient.yaml").is_file()
    built = plainly("build", "--drafts", "--project", target)
    assert built.exit_code == 0, built.output
    assert (target / "output/site/example/caregiver/index.html").is_file()


def test_init_refuses_a_folder_in_use(plainly: Invoke, project: Path) -> None:
    result = plainly("init", project)
    assert result.exit_code == 2
    assert "not empty" in result.output


def test_new_audience_is_a_new_profile(plainly: Invoke, project: Path) -> None:
    (project / "variants" / "pharmacist.yaml").write_text(
        "label: Pharmacist\ndescription: I dispense medicines.\nglossary: keep\n"
        "disclaimer: professional\norder: 4\n"
    )
    result = plainly("build", "--drafts", "--project", project)
    assert result.exit_code == 0, result.output
    page = project / "output/site/vitamin-d-k2/pharmacist/index.html"
    assert page.is_file()
    landing = (project / "output/site/vitamin-d-k2/index.html").read_text()
    assert "Pharmacist" in landing


def test_audience_template_override_extends_the_default(plainly: Invoke, project: Path) -> None:
    folder = project / "variants" / "patient" / "templates"
    folder.mkdir(parents=True)
    (folder / "variant.html").write_text(
        '{% extends "plainly/variant.html" %}'
        "{% block title %}Patient edition · {{ super() }}{% endblock %}"
    )
    plainly("build", "--drafts", "--project", project)
    patient = (project / "output/site/vitamin-d-k2/patient/index.html").read_text()
    clinician = (project / "output/site/vitamin-d-k2/clinician/index.html").read_text()
    assert "<title>Patient edition · " in patient
    assert "Patient edition" not in clinician


def test_one_bad_article_does_not_stop_the_others(plainly: Invoke, project: Path) -> None:
    (project / "articles" / "broken.yaml").write_text("title: [unclosed\n")
    result = plainly("build", "--drafts", "--project", project)
    assert result.exit_code == 1
    assert "articles/broken.yaml:2:1: error: invalid YAML" in result.output
    assert (project / "output/site/vitamin-d-k2/patient/index.html").is_file()
    assert "Traceback" not in result.output


def test_python_dash_m_works(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "engine", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "Usage: plainly" in done.stdout


def test_help_and_check_do_not_import_weasyprint() -> None:
    import subprocess
    import sys

    from .conftest import REPO

    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from engine.cli import cli\n"
        "CliRunner().invoke(cli, ['--help'])\n"
        "CliRunner().invoke(cli, ['check', 'articles/vitamin-d-k2.yaml'])\n"
        "print('weasyprint' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"


def test_a_bug_is_reported_as_a_message_not_a_traceback(
    plainly: Invoke, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PLANT_BUG, "something went wrong")
    result = plainly("validate", "--project", project)
    assert result.exit_code == 1
    assert "internal error: RuntimeError: something went wrong" in result.output
    assert "Traceback" not in result.output
