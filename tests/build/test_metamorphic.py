"""Incremental equals full: after each kind of change, an incremental build gives, byte
for byte, what a fresh `--force` build of the same inputs gives.

One small project (the `plainly init` article and a Spanish translation of it), built
as HTML pages and readability reports only: handouts are made by the same jobs and
manifest, and they take seconds each. The changes run in one sequence, each on the
state the one before left, and after each one the incremental output (in the
project's output folder, kept from build to build) is compared with a fresh build
into an empty folder given with `--output`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine.build.lock import TIMEOUT_SEAM
from engine.build.writer import HOLD_AFTER_WRITES
from engine.cli import cli
from engine.load.project import content_hash
from engine.source.located import load_yaml

AS_OF = "2025-06-01"
FORMATS = ["--format", "html", "--format", "report"]

SPANISH = """\
translation_of:
  revision: {revision}
title: ¿Cuánta sal es demasiada si tengo hipertensión?
topics: [salud del corazón]
bottom_line:
  default: "La mayoría de los adultos con hipertensión deben consumir menos de 1,500 mg al día de sodio [@example-guideline]."
updated: 2025-01-15
review:
  state: submitted
sections:
  - id: why-it-matters
    title: Por qué importa el sodio
    blocks:
      - id: sodium-and-pressure
        type: paragraph
        text: "El sodio hace que el cuerpo retenga agua, lo que sube la presión [@example-guideline]."
      - id: call-for-help
        type: get_help
        call_clinic:
          - "Sus lecturas en casa siguen altas."
        call_emergency:
          - "Tiene dolor de pecho o le cuesta respirar."
references:
  - key: example-guideline
    kind: guideline
    title: Replace this with a real guideline
    source: Your clinical team
    year: 2025
"""

HELD = 120
"""Seconds to wait for the held build: a guard against a hang, never a measurement."""

OVERRIDE = '{% extends "plainly/NAME" %}\n{% block title %}MARK {{ super() }}{% endblock %}\n'


def run(root: Path, *extra: str, drafts: bool = True) -> str:
    publish = ["--drafts"] if drafts else []
    result = CliRunner().invoke(
        cli,
        ["build", *publish, "--as-of", AS_OF, *FORMATS, "--project", str(root), *extra],
    )
    assert "Traceback" not in result.output and "bug in Plainly" not in result.output
    assert result.exit_code in (0, 1), result.output
    return result.output


def snapshot(output: Path) -> dict[str, str]:
    """Every file of an output folder (and every folder, empty ones too) by content."""
    found: dict[str, str] = {}
    for path in sorted(output.rglob("*")):
        name = path.relative_to(output).as_posix()
        if name.startswith(".plainly-"):  # the manifest and the lock
            continue
        found[name] = "folder" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def assert_incremental_equals_full(
    root: Path, tmp_path: Path, step: str, drafts: bool = True
) -> None:
    incremental = run(root, drafts=drafts)
    fresh = tmp_path / f"fresh-{step}"
    full = run(root, "--force", "--output", str(fresh), drafts=drafts)
    built, expected = snapshot(root / "output"), snapshot(fresh)
    differ = sorted(
        name for name in built.keys() | expected.keys() if built.get(name) != expected.get(name)
    )
    assert not differ, (
        f"after {step}: incremental and full builds differ in {differ[:10]}\n"
        f"incremental:\n{incremental}\nfull:\n{full}"
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def link(path: Path, target: str) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to(target)


def approve(root: Path, *names: str) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "approve",
            *names,
            "--reviewer",
            "Dr. Ng",
            "--date",
            "2025-05-01",
            "--project",
            str(root),
        ],
    )
    assert result.exit_code == 0, result.output


def override(folder: Path, name: str, mark: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(OVERRIDE.replace("NAME", name).replace("MARK", mark))


CHANGES: list[tuple[str, Callable[[Path], None]]] = [
    ("article", lambda r: edit(r / "articles/example.yaml", "Why salt matters", "Why salt counts")),
    ("translation", lambda r: edit(r / "articles/es-US/example.yaml", "Por qué", "Por que")),
    ("original", lambda r: edit(r / "articles/example.yaml", "raises blood", "lifts blood")),
    ("approval", lambda r: approve(r, "example")),
    ("glossary-entry", lambda r: edit(r / "glossary.yaml", "plain: salt", "plain: table salt")),
    (
        "glossary-new",
        lambda r: edit(
            r / "glossary.yaml",
            "en-US:\n",
            "en-US:\n  - term: water\n    plain: fluid\n    definition: what you drink\n",
        ),
    ),
    ("approval-again", lambda r: approve(r, "example")),
    (
        "profile-wording",
        lambda r: edit(r / "variants/caregiver.yaml", "glossary: define", "glossary: plain"),
    ),
    ("profile-field", lambda r: edit(r / "variants/patient.yaml", "Patient\n", "Patient reader\n")),
    (
        "profile-new",
        lambda r: (r / "variants/family.yaml").write_text(
            (r / "variants/caregiver.yaml").read_text().replace("order: 3", "order: 4")
        ),
    ),
    ("profile-removed", lambda r: (r / "variants/family.yaml").unlink()),
    ("override-page", lambda r: override(r / "variants/patient/templates", "variant.html", "ONE")),
    (
        "override-page-edited",
        lambda r: override(r / "variants/patient/templates", "variant.html", "TWO"),
    ),
    ("override-page-removed", lambda r: (r / "variants/patient/templates/variant.html").unlink()),
    ("override-landing", lambda r: override(r / "templates", "landing.html", "LANDING")),
    ("override-index", lambda r: override(r / "templates", "index.html", "INDEX")),
    ("override-report", lambda r: override(r / "templates", "report.html", "REPORT")),
    ("overrides-removed", lambda r: [p.unlink() for p in (r / "templates").iterdir()]),
    ("asset-added", lambda r: (r / "assets/a.png").write_bytes(b"A")),
    ("asset-edited", lambda r: (r / "assets/a.png").write_bytes(b"AA")),
    (
        "asset-linked",
        lambda r: ((r / "assets/b.png").write_bytes(b"B"), link(r / "assets/logo.png", "a.png")),
    ),
    ("asset-retargeted", lambda r: link(r / "assets/logo.png", "b.png")),
    ("asset-removed", lambda r: [(r / "assets" / n).unlink() for n in ("logo.png", "a.png")]),
    (
        "asset-folder",
        lambda r: ((r / "assets/img").mkdir(), (r / "assets/img/c.png").write_bytes(b"C")),
    ),
    (
        "asset-folder-removed",
        lambda r: ((r / "assets/img/c.png").unlink(), (r / "assets/img").rmdir()),
    ),
    (
        "config-title",
        lambda r: edit(r / "plainly.yaml", "title: Health Library", "title: Our Library"),
    ),
    (
        "config-base-url",
        lambda r: edit(r / "plainly.yaml", "health.example.org", "care.example.org"),
    ),
    ("config-clinic", lambda r: edit(r / "plainly.yaml", "name: null", "name: Hill Clinic")),
    (
        "config-stale",
        lambda r: edit(r / "plainly.yaml", "stale_after_months: 12", "stale_after_months: 3"),
    ),
    (
        "config-interval",
        lambda r: edit(
            r / "plainly.yaml", "review_interval_months: 12", "review_interval_months: 6"
        ),
    ),
    ("output-page-deleted", lambda r: (r / "output/site/example/patient/index.html").unlink()),
    ("output-script-deleted", lambda r: (r / "output/site/assets/plainly.js").unlink()),
    (
        "output-fonts-deleted",
        lambda r: [p.unlink() for p in (r / "output/site/assets/fonts").iterdir()],
    ),
    (
        "article-added",
        lambda r: (r / "articles/second.yaml").write_text(
            (r / "articles/example.yaml").read_text()
        ),
    ),
    ("article-removed", lambda r: (r / "articles/second.yaml").unlink()),
    ("config-locale-removed", lambda r: edit(r / "plainly.yaml", "[en-US, es-US]", "[en-US]")),
]


PUBLISHING: list[tuple[str, Callable[[Path], None], tuple[bool, bool]]] = [
    ("approved", lambda r: approve(r, "example"), (True, False)),
    ("translation-approved", lambda r: approve(r, "example", "--locale", "es-US"), (True, True)),
    (
        "glossary-entry",
        lambda r: edit(r / "glossary.yaml", "plain: salt", "plain: table salt"),
        (False, False),
    ),
    ("glossary-entry-approved", lambda r: approve(r, "--glossary", "sodium"), (True, True)),
    (
        "profile-wording",
        lambda r: edit(r / "variants/caregiver.yaml", "glossary: define", "glossary: plain"),
        (False, False),
    ),
    ("approved-again", lambda r: approve(r, "example"), (True, False)),
    ("record-deleted", lambda r: (r / "reviews/en-US/example.yaml").unlink(), (False, False)),
    ("record-restored", lambda r: approve(r, "example"), (True, False)),
    (
        "translation-approved-again",
        lambda r: approve(r, "example", "--locale", "es-US"),
        (True, True),
    ),
    (
        "translation-edited",
        lambda r: edit(r / "articles/es-US/example.yaml", "Por qué", "Por que"),
        (True, False),
    ),
]
"""Changes to what is approved, built without --drafts: what is published follows them."""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    edit(root / "plainly.yaml", "locales: [en-US]", "locales: [en-US, es-US]")
    original = root / "articles/example.yaml"
    revision = content_hash(load_yaml(original, "example.yaml"))
    (root / "articles/es-US").mkdir()
    (root / "articles/es-US/example.yaml").write_text(SPANISH.format(revision=revision))
    return root


def test_every_kind_of_change_builds_incrementally_what_a_full_build_makes(
    project: Path, tmp_path: Path
) -> None:
    assert_incremental_equals_full(project, tmp_path, "start")
    for step, change in CHANGES:
        change(project)
        assert_incremental_equals_full(project, tmp_path, step)


def test_every_change_to_an_approval_publishes_incrementally_what_a_full_build_does(
    project: Path, tmp_path: Path
) -> None:
    assert_incremental_equals_full(project, tmp_path, "unapproved", drafts=False)
    site = project / "output/site"
    for step, change, (english, spanish) in PUBLISHING:
        change(project)
        assert_incremental_equals_full(project, tmp_path, step, drafts=False)
        published = ((site / "example").exists(), (site / "es/example").exists())
        assert published == (english, spanish), step


@pytest.mark.parametrize(
    ("sig", "writes"),
    [(signal.SIGINT, 1), (signal.SIGTERM, 3), (signal.SIGKILL, 2), (signal.SIGKILL, 6)],
)
def test_an_interrupted_build_then_a_revert_builds_what_a_full_build_makes(
    sig: signal.Signals, writes: int, project: Path, tmp_path: Path
) -> None:
    """Killed after its k-th written file (held there by the writer's seam, not a timer),
    a build leaves nothing that the next build, after the source is reverted, keeps."""
    run(project)
    article = project / "articles/example.yaml"
    before = article.read_bytes()
    edit(article, "Why salt matters", "Why salt counts")
    flag = tmp_path / "held"
    env = {**os.environ, HOLD_AFTER_WRITES: f"{writes}:{flag}"}
    command = [sys.executable, "-m", "engine", "build", "--drafts", "--as-of", AS_OF, *FORMATS]
    process = subprocess.Popen(
        [*command, "--jobs", "1", "--project", str(project)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(HELD * 20):  # the seam writes the flag, then holds the process
            if flag.exists() or process.poll() is not None:
                break
            signal.sigtimedwait([], 0.05)
        assert flag.exists(), "the build ended before its held write"
        process.send_signal(sig)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    article.write_bytes(before)  # the revert
    assert_incremental_equals_full(project, tmp_path, f"{sig.name}-{writes}")


def test_a_second_build_of_one_output_folder_waits_then_names_the_first(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build held after its first write holds the lock; another build of the same
    output folder (told by the seam not to wait) stops and names it; the first
    build's files are not touched."""
    flag = tmp_path / "held"
    env = {**os.environ, HOLD_AFTER_WRITES: f"1:{flag}"}
    command = [sys.executable, "-m", "engine", "build", "--drafts", "--as-of", AS_OF, *FORMATS]
    first = subprocess.Popen(
        [*command, "--jobs", "1", "--project", str(project)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(HELD * 20):
            if flag.exists() or first.poll() is not None:
                break
            signal.sigtimedwait([], 0.05)
        assert flag.exists(), "the first build ended before its held write"
        before = snapshot(project / "output")
        monkeypatch.setenv(TIMEOUT_SEAM, "0")
        result = CliRunner().invoke(cli, ["build", "--drafts", *FORMATS, "--project", str(project)])
        assert result.exit_code == 1
        assert f"another build is writing {project / 'output'}: process {first.pid}" in (
            result.output
        )
        assert snapshot(project / "output") == before
    finally:
        first.kill()
        first.wait()
    monkeypatch.delenv(TIMEOUT_SEAM)
    # The kernel released the killed build's lock: the next build runs.
    assert_incremental_equals_full(project, tmp_path, "after-lock")


def _build_in(project: Path, cwd: Path, zone: str, language: str, umask: str) -> tuple[Any, ...]:
    """Build in a fresh process with this working folder, time zone, locale and umask;
    the output's files by content, their modes, and the summary line's counts."""
    command = [sys.executable, "-m", "engine", "build", "--drafts", *FORMATS, "--jobs", "1"]
    env = {**os.environ, "TZ": zone, "LANG": language, "LC_ALL": language}
    result = subprocess.run(
        ["sh", "-c", f'umask {umask} && exec "$@"', "sh", *command, "--project", str(project)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    output = project / "output"
    modes = {
        p.relative_to(output).as_posix(): p.stat().st_mode & 0o777
        for p in output.rglob("*")
        if not p.name.startswith(".plainly-")
    }
    found = snapshot(output), modes, result.stdout.split(" in ")[0]
    shutil.rmtree(output)
    return found


def _differ(one: dict[str, Any], other: dict[str, Any], under: str = "") -> set[str]:
    return {
        n for n in one.keys() | other.keys() if n.startswith(under) and one.get(n) != other.get(n)
    }


def test_builds_are_byte_identical_in_any_time_zone_locale_and_umask(project: Path) -> None:
    files, modes, summary = _build_in(project, project, "UTC", "C.UTF-8", "022")
    other = _build_in(project, project, "Pacific/Kiritimati", "es_US.UTF-8", "077")
    assert _differ(files, other[0]) == set()
    assert _differ(modes, other[1]) == set()
    assert summary == other[2]


def test_builds_are_byte_identical_from_any_working_folder(project: Path, tmp_path: Path) -> None:
    """The site and the readability reports alike: reports name their sources relative to
    the project, whichever folder the build ran from."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    files, modes, summary = _build_in(project, project, "UTC", "C.UTF-8", "022")
    other = _build_in(project, elsewhere, "UTC", "C.UTF-8", "022")
    assert _differ(files, other[0]) == set()
    assert _differ(modes, other[1]) == set()
    assert summary == other[2]
