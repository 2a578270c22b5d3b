"""The PDF renderer fetches only package files and the project's assets.

A refused fetch, an unsafe link or an image without alternative text fails the
handout with a message naming the article, block and URL; no PDF is written.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from engine.cli import cli
from tests.render.test_pdf import copy_pdf_project

OVERRIDE = Path("variants/patient/templates/print/blocks")


def render(project: Path, target: Path) -> Result:
    args = ["render", "salt", "--audience", "patient", "--format", "pdf", "-o", str(target)]
    return CliRunner().invoke(cli, [*args, "--project", str(project)], catch_exceptions=False)


def override(project: Path, name: str, html: str) -> None:
    folder = project / OVERRIDE
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(html)


def test_template_image_of_etc_passwd_fails_naming_block_and_url(tmp_path: Path) -> None:
    project = copy_pdf_project(tmp_path / "project")
    override(
        project,
        "_paragraph.html",
        '<p id="{{ block.id }}">{{ inline(block.text) }}'
        '<img src="file:///etc/passwd" alt="secrets"></p>\n',
    )
    target = tmp_path / "out.pdf"
    result = render(project, target)
    assert result.exit_code == 1
    assert "articles/salt.yaml:" in result.stderr
    assert "handout of salt (patient, en-US): block 'sodium-and-pressure'" in result.stderr
    assert "refers to 'file:///etc/passwd'" in result.stderr
    assert "Traceback" not in result.output
    assert not target.exists()


def test_file_link_in_a_template_fails(tmp_path: Path) -> None:
    project = copy_pdf_project(tmp_path / "project")
    override(
        project,
        "_paragraph.html",
        '<p id="{{ block.id }}"><a href="file:///etc/passwd">{{ inline(block.text) }}</a></p>\n',
    )
    result = render(project, tmp_path / "out.pdf")
    assert result.exit_code == 1
    assert "block 'sodium-and-pressure' refers to 'file:///etc/passwd'" in result.stderr


def test_logo_outside_the_asset_folder_fails_at_plainly_yaml(tmp_path: Path) -> None:
    project = copy_pdf_project(tmp_path / "project")
    config = project / "plainly.yaml"
    config.write_text(config.read_text().replace("logo: logo.svg", "logo: ../../../etc/passwd"))
    result = render(project, tmp_path / "out.pdf")
    assert result.exit_code == 1
    assert "plainly.yaml:" in result.stderr
    assert "the clinic logo refers to 'file:///" in result.stderr
    assert "etc/passwd'" in result.stderr


def test_symlink_out_of_the_asset_folder_is_refused(tmp_path: Path) -> None:
    project = copy_pdf_project(tmp_path / "project")
    (project / "assets" / "passwd.svg").symlink_to("/etc/passwd")
    config = project / "plainly.yaml"
    config.write_text(config.read_text().replace("logo: logo.svg", "logo: passwd.svg"))
    result = render(project, tmp_path / "out.pdf")
    assert result.exit_code == 1
    assert "the clinic logo refers to" in result.stderr
    assert "passwd.svg" in result.stderr


def test_network_stylesheet_in_a_template_is_refused(tmp_path: Path) -> None:
    project = copy_pdf_project(tmp_path / "project")
    override(
        project,
        "_table.html",
        '<link rel="stylesheet" href="https://tracker.example.net/a.css">'
        '{% include "plainly/print/blocks/_table.html" %}',
    )
    result = render(project, tmp_path / "out.pdf")
    assert result.exit_code == 1
    assert "'https://tracker.example.net/a.css'" in result.stderr


def test_image_without_alt_text_fails(tmp_path: Path) -> None:
    project = copy_pdf_project(tmp_path / "project")
    override(
        project, "_image.html", '<figure id="{{ block.id }}"><img src="{{ block.src }}"></figure>\n'
    )
    result = render(project, tmp_path / "out.pdf")
    assert result.exit_code == 1
    assert "articles/salt.yaml:" in result.stderr
    assert "image 'plate.svg' in block 'plate' has no alternative text" in result.stderr


def test_build_fails_only_the_handout_jobs(tmp_path: Path) -> None:
    project = copy_pdf_project(tmp_path / "project")
    config = project / "plainly.yaml"
    config.write_text(config.read_text().replace("logo: logo.svg", "logo: file:///etc/passwd"))
    result = CliRunner().invoke(
        cli, ["build", "--drafts", "--project", str(project)], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert "the clinic logo refers to 'file:///etc/passwd'" in result.stderr
    assert not list((project / "output").rglob("*.pdf"))
