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
    return found


def produce(args: list[str]) -> str:
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout
