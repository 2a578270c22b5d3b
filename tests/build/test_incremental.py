"""Incremental, parallel and sharded builds, through the command line.

Small projects made with `plainly init`, built as HTML only so the tests stay
fast; the same manifest and runner serve handouts and reports.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from engine.build.manifest import MANIFEST
from tests.conftest import Invoke

SECOND = """\
title: How much sodium is in bread?
topics: [heart health]
bottom_line:
  default: "One slice of bread can hold about 150 mg of sodium [@label]."
updated: 2025-01-15
review:
  state: submitted
sections:
  - id: reading-labels
    title: Reading the label
    blocks:
      - id: label-paragraph
        type: paragraph
        text:
          default: "The label lists sodium per slice [@label]."
      - id: call-for-help
        type: get_help
        call_clinic:
          - "You are not sure what to buy."
        call_emergency:
          - "You have chest pain or trouble breathing."
references:
  - key: label
    kind: guideline
    title: Reading food labels
    source: Your clinical team
    year: 2025
"""

SUMMARY = re.compile(r"Built (\d+), unchanged (\d+), failed (\d+)")


def make_project(plainly: Invoke, where: Path) -> Path:
    result = plainly("init", where)
    assert result.exit_code == 0, result.output
    (where / "articles" / "bread.yaml").write_text(SECOND, encoding="utf-8")
    return where


def build(plainly: Invoke, project: Path, *extra: str) -> tuple[int, int, int]:
    result = plainly("build", "--drafts", "--format", "html", "--project", project, *extra)
    assert result.exit_code == 0, result.output
    found = SUMMARY.search(result.output)
    assert found, result.output
    built, unchanged, failed = (int(n) for n in found.groups())
    return built, unchanged, failed


def tree(project: Path, manifests: bool = False) -> dict[str, str]:
    output = project / "output"
    return {
        p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(output.rglob("*"))
        if p.is_file() and (manifests or not p.name.startswith(".plainly-manifest"))
    }


def stamps(project: Path) -> dict[str, int]:
    output = project / "output"
    return {str(p): p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}


def manifest_jobs(project: Path) -> dict[str, object]:
    data = json.loads((project / "output" / MANIFEST).read_text(encoding="utf-8"))
    jobs: dict[str, object] = data["jobs"]
    return jobs


def rebuilt_outputs(project: Path, before: dict[str, str]) -> set[str]:
    after = tree(project)
    return {path for path, digest in after.items() if before.get(path) != digest}


@pytest.fixture
def small(plainly: Invoke, tmp_path: Path) -> Path:
    project = make_project(plainly, tmp_path / "small")
    build(plainly, project, "--jobs", "1")
    return project


def test_noop_rebuild_changes_nothing(plainly: Invoke, small: Path) -> None:
    before, times = tree(small, manifests=True), stamps(small)
    built, unchanged, failed = build(plainly, small, "--jobs", "1")
    assert (built, failed) == (0, 0)
    assert unchanged == len(manifest_jobs(small))
    assert tree(small, manifests=True) == before
    assert stamps(small) == times


def test_noop_rebuild_from_another_folder_names_files_from_there(
    plainly: Invoke, small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(small)
    first = plainly("build", "--drafts", "--format", "html", "--force")
    assert "articles/bread.yaml:1:1: warning: stale" in first.output
    monkeypatch.chdir(small.parent)
    again = plainly("build", "--drafts", "--format", "html", "--project", "small")
    assert again.exit_code == 0, again.output
    assert "Built 0, " in again.output
    assert "small/articles/bread.yaml:1:1: warning: stale" in again.output


def test_changing_one_article_rebuilds_only_its_jobs(plainly: Invoke, small: Path) -> None:
    source = small / "articles" / "bread.yaml"
    source.write_text(SECOND.replace("150 mg", "200 mg"), encoding="utf-8")
    times = stamps(small)
    built, unchanged, _ = build(plainly, small, "--jobs", "1")
    changed = {
        path
        for path, stamp in stamps(small).items()
        if times.get(path) != stamp and "/site/bread/" in path
    }
    # three audience pages and the landing page of bread, nothing of example
    assert len(changed) == 4
    example = small / "output" / "site" / "example"
    assert all(times[str(p)] == p.stat().st_mtime_ns for p in example.rglob("*") if p.is_file())
    assert built >= 4 and unchanged >= 4


def test_new_asset_reprints_handouts_and_rebuilds_pages(plainly: Invoke, small: Path) -> None:
    result = plainly("build", "--drafts", "--format", "pdf", "--project", small, "--jobs", "1")
    assert result.exit_code == 0, result.output
    (small / "assets").mkdir(exist_ok=True)
    (small / "assets" / "note.txt").write_text("a file a handout might show", encoding="utf-8")
    again = plainly("build", "--drafts", "--format", "pdf", "--project", small, "--jobs", "1")
    found = SUMMARY.search(again.output)
    assert found, again.output
    assert int(found.group(1)) >= 6 and found.group(2) == "0"
    # Every job depends on the project's files besides articles and glossary (the world,
    # see engine.build.manifest.WORLD): what the build cannot prove unchanged, it rebuilds.
    built, unchanged, _ = build(plainly, small, "--jobs", "1")
    assert unchanged == 0 and built > 4


def test_glossary_entry_rebuilds_only_variants_using_it(plainly: Invoke, small: Path) -> None:
    glossary = small / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    changed = text.replace(
        "blood pushing too hard against the walls of your blood vessels",
        "blood pressing too hard on the walls of your blood vessels",
    )
    assert changed != text
    glossary.write_text(changed, encoding="utf-8")
    before = tree(small)
    build(plainly, small, "--jobs", "1")
    rebuilt = rebuilt_outputs(small, before)
    article_pages = {p for p in rebuilt if p.startswith("site/") and p.count("/") == 3}
    # 'hypertension' is used by the example article only, not by bread
    assert article_pages
    assert all(p.startswith("site/example/") for p in article_pages)
    untouched = [o for o in manifest_jobs(small) if o.startswith("site/bread/")]
    assert untouched and not set(untouched) & rebuilt


def test_unchanged_articles_are_not_read_again(
    plainly: Invoke, small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import engine.validate.editions

    read: list[str] = []
    load_article = engine.validate.editions.load_article

    def counting(path: Path, *args: object, **kwargs: object) -> object:
        read.append(path.name)
        return load_article(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine.validate.editions, "load_article", counting)
    source = small / "articles" / "bread.yaml"
    source.write_text(SECOND.replace("150 mg", "200 mg"), encoding="utf-8")
    build(plainly, small, "--jobs", "1")
    assert read == ["bread.yaml"]


def test_incremental_builds_match_a_full_build(plainly: Invoke, small: Path) -> None:
    """A new glossary term, a changed article and a new template override, each built
    incrementally, give the same files as building everything again."""
    glossary = small / "glossary.yaml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8")
        + "  - term: label\n    plain: food label\n    definition: the panel of facts on a food\n",
        encoding="utf-8",
    )
    build(plainly, small, "--jobs", "1")
    assert "food label" in (small / "output/site/bread/patient/index.html").read_text("utf-8")
    source = small / "articles" / "bread.yaml"
    source.write_text(SECOND.replace("150 mg", "200 mg"), encoding="utf-8")
    build(plainly, small, "--jobs", "2")
    override = small / "templates" / "_footer_note.html"
    override.parent.mkdir(exist_ok=True)
    override.write_text("<p>local note</p>\n", encoding="utf-8")
    build(plainly, small, "--jobs", "1")
    incremental = tree(small)
    build(plainly, small, "--jobs", "1", "--force")
    assert tree(small) == incremental


def test_force_rebuilds_everything(plainly: Invoke, small: Path) -> None:
    built, unchanged, _ = build(plainly, small, "--jobs", "1", "--force")
    assert unchanged == 0
    assert built == len(manifest_jobs(small))


def test_missing_output_is_rebuilt(plainly: Invoke, small: Path) -> None:
    page = small / "output" / "site" / "bread" / "patient" / "index.html"
    page.unlink()
    built, _, _ = build(plainly, small, "--jobs", "1")
    assert page.is_file()
    assert built == 1


def test_shards_and_finalize_give_the_full_build(plainly: Invoke, tmp_path: Path) -> None:
    full = make_project(plainly, tmp_path / "full")
    build(plainly, full, "--jobs", "1")
    sharded = tmp_path / "sharded"
    shutil.copytree(full, sharded, ignore=shutil.ignore_patterns("output"))
    counts = [build(plainly, sharded, "--jobs", "1", "--shard", f"{k}/2")[0] for k in (1, 2)]
    assert all(counts), "each shard should build some jobs"
    assert not (sharded / "output" / "site" / "index.html").exists()
    build(plainly, sharded, "--finalize")
    assert tree(sharded) == tree(full)
    assert manifest_jobs(sharded) == manifest_jobs(full)
    assert not list((sharded / "output").glob(".plainly-manifest.shard-*"))


def test_bad_shard_is_a_usage_error(plainly: Invoke, small: Path) -> None:
    result = plainly("build", "--project", small, "--shard", "3/2")
    assert result.exit_code == 2
    assert "K/N" in result.output


def test_two_workers_write_the_same_bytes_as_one(plainly: Invoke, tmp_path: Path) -> None:
    one = make_project(plainly, tmp_path / "one")
    two = tmp_path / "two"
    shutil.copytree(one, two)
    build(plainly, one, "--jobs", "1")
    build(plainly, two, "--jobs", "2")
    assert tree(one) == tree(two)


def test_workers_are_replaced_without_stalling(
    plainly: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seven articles with workers replaced every two: a ProcessPoolExecutor with
    max_tasks_per_child hangs here on Python 3.11 (CPython gh-115634)."""
    import signal

    import engine.build.workers

    def stalled(_signal: int, _frame: object) -> None:
        raise TimeoutError("the build stalled when its workers were replaced")

    in_process = make_project(plainly, tmp_path / "in-process")
    for n in range(5):
        shutil.copy(in_process / "articles" / "bread.yaml", in_process / f"articles/loaf-{n}.yaml")
    in_workers = {jobs: tmp_path / f"jobs-{jobs}" for jobs in ("1", "2")}
    for folder in in_workers.values():
        shutil.copytree(in_process, folder)
    build(plainly, in_process, "--jobs", "1")
    monkeypatch.setattr(engine.build.workers, "ARTICLES_PER_WORKER", 2)
    previous = signal.signal(signal.SIGALRM, stalled)
    try:
        for jobs, folder in in_workers.items():
            signal.alarm(240)
            build(plainly, folder, "--jobs", jobs)
            signal.alarm(0)
            assert tree(folder) == tree(in_process)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
