"""Golden files: the expected output of the bundled project, reviewed by eye.

`make golden` (python -m tests.regenerate) rewrites them; read the diff before
committing it.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner

from engine.cli import cli

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
AUDIENCES = ("clinician", "patient", "caregiver")
AS_OF = "2026-01-15"
"""The date every golden page is judged on (review due, overdue), so none changes with
the calendar."""

SITE_PAGES = {
    "site/index.html": "index.html",
    "site/es/index.html": "es/index.html",
    "site/vitamin-d-k2/index.html": "vitamin-d-k2/index.html",
    "site/es/vitamin-d-k2/index.html": "es/vitamin-d-k2/index.html",
    "site/404.html": "404.html",
}
"""Golden file name -> the page of a build of the bundled project (``--drafts``, since
its articles ship unapproved)."""


def cases() -> list[tuple[str, list[str]]]:
    """Golden file name -> the `plainly` arguments that produce it."""
    found = []
    for audience in AUDIENCES:
        found.append(
            (
                f"vitamin-d-k2/{audience}.html",
                [
                    *("render", "vitamin-d-k2", "--audience", audience),
                    *("--as-of", AS_OF, "--project", str(REPO)),
                ],
            )
        )
    for audience in AUDIENCES:
        found.append(
            (
                f"vitamin-d-k2/es-US/{audience}.html",
                [
                    *("render", "vitamin-d-k2", "--audience", audience),
                    *("--locale", "es-US", "--as-of", AS_OF, "--project", str(REPO)),
                ],
            )
        )
    # The HTML fed to WeasyPrint, from the PDF tests' own small project: PDFs are
    # checked by reading them back, their input by snapshot.
    pdf_project = str(Path(__file__).resolve().parent / "pdf_project")
    for audience in AUDIENCES:
        args = ["render", "salt", "--audience", audience, "--format", "print-html"]
        args += ["--as-of", AS_OF]
        found.append((f"print/salt-{audience}.html", [*args, "--project", pdf_project]))
    found.append(
        (
            "print/salt-patient-large-print.html",
            [*args[:3], "patient", *args[4:], "--large-print", "--project", pdf_project],
        )
    )
    return found


def produce(args: list[str]) -> str:
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@contextmanager
def built_site() -> Iterator[Path]:
    """The bundled project built (HTML only) in a temporary copy; yields its site folder."""
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        project.mkdir()
        for name in ("plainly.yaml", "glossary.yaml", "variants", "articles"):
            source = REPO / name
            if source.is_dir():
                shutil.copytree(source, project / name)
            else:
                shutil.copy2(source, project / name)
        args = ["build", "--drafts", "--format", "html", "--jobs", "1", "--as-of", AS_OF]
        result = CliRunner().invoke(cli, [*args, "--project", str(project)])
        assert result.exit_code == 0, result.output
        yield project / "output" / "site"
