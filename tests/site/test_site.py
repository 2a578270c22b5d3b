"""Site-wide files: the search index script, the sitemap and the 404 page."""

from __future__ import annotations

import json
from pathlib import Path

from engine.build.run import build
from engine.commands.init import create_project


def built_site(tmp_path: Path, base_url: str) -> Path:
    root = tmp_path / "project"
    create_project(root)
    config = root / "plainly.yaml"
    text = config.read_text(encoding="utf-8")
    lines = [
        f"base_url: {base_url}" if line.startswith("base_url:") else line
        for line in text.splitlines()
    ]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    project, report = build(root, drafts=True, formats=("html",))
    assert report.ok, [str(d) for d in report.failed]
    return project.output_dir / "site"


def test_search_index_is_a_local_script_with_every_audiences_words(tmp_path: Path) -> None:
    site = built_site(tmp_path, "https://health.example.org/")
    script = (site / "assets" / "search-index.js").read_text(encoding="utf-8")
    prefix = "window.PLAINLY_SEARCH = "
    assert script.startswith(prefix)
    records = json.loads(script.removeprefix(prefix).rstrip().removesuffix(";"))
    (record,) = records
    assert record["slug"] == "example"
    # The clinician's "sodium" and the patient's "salt" are both findable.
    assert {"sodium", "salt", "hypertension"} <= set(record["words"])
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/search-index.js"' in index


def test_drafts_stay_out_of_the_sitemap(tmp_path: Path) -> None:
    site = built_site(tmp_path, "https://health.example.org/library/")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://health.example.org/library/</loc>" in sitemap
    assert sitemap.count("<url>") == 1, "the draft article is not listed"


def test_the_404_page_links_from_the_base_urls_path(tmp_path: Path) -> None:
    site = built_site(tmp_path, "https://health.example.org/library/")
    page = (site / "404.html").read_text(encoding="utf-8")
    assert 'href="/library/index.html"' in page
    assert 'url("/library/assets/fonts/AtkinsonHyperlegible-Regular.ttf")' in page
    assert '<meta name="robots" content="noindex">' in page


def test_pages_link_relatively_so_any_subpath_works(tmp_path: Path) -> None:
    site = built_site(tmp_path, "https://health.example.org/library/")
    variant = (site / "example" / "patient" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../assets/plainly.css"' in variant
    assert 'src="../../assets/plainly.js"' in variant
    assert 'href="https://health.example.org/library/example/patient/"' in variant  # canonical
    assert "http://" not in variant.replace("http://www.w3.org", "")


def test_symlinks_in_the_asset_folder_are_not_published(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from engine.cli import cli

    project = tmp_path / "p"
    assert CliRunner().invoke(cli, ["init", str(project)]).exit_code == 0
    (project / "assets").mkdir(exist_ok=True)
    (project / "assets" / "logo.txt").write_text("ours")
    (project / "assets" / "passwd").symlink_to("/etc/passwd")
    result = CliRunner().invoke(
        cli, ["build", "--drafts", "--format", "html", "--project", str(project)]
    )
    # Refused with a located error (issue #14), the rest of the site still built.
    assert result.exit_code == 1, result.output
    assert "assets/passwd:1:1: error: asset is a link to something that is not a file" in (
        result.output
    )
    published = project / "output" / "site" / "assets"
    assert not (published / "passwd").exists()
