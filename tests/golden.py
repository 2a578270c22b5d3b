"""Golden files: the expected output of the bundled project, reviewed by eye.

`make golden` (python -m tests.regenerate) rewrites them; read the diff before
committing it.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from engine.cli import cli

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
AUDIENCES = ("clinician", "patient", "caregiver")


def cases() -> list[tuple[str, list[str]]]:
    """Golden file name -> the `plainly` arguments that produce it."""
    found = []
    for audience in AUDIENCES:
        found.append(
            (
                f"vitamin-d-k2/{audience}.html",
                ["render", "vitamin-d-k2", "--audience", audience, "--project", str(REPO)],
            )
        )
    for audience in AUDIENCES:
        found.append(
            (
                f"vitamin-d-k2/es-US/{audience}.html",
                [
                    *("render", "vitamin-d-k2", "--audience", audience),
                    *("--locale", "es-US", "--project", str(REPO)),
                ],
            )
        )
    # The HTML fed to WeasyPrint, from the PDF tests' own small project: PDFs are
    # checked by reading them back, their input by snapshot.
    pdf_project = str(Path(__file__).resolve().parent / "pdf_project")
    for audience in AUDIENCES:
        args = ["render", "salt", "--audience", audience, "--format", "print-html"]
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
