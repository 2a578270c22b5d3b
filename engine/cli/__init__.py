"""The ``plainly`` command line: parse options, call the engine, report.

Commands parse their options and call one engine function; ``base`` holds the one
place where engine errors become messages and exit codes: 0 success, 1 invalid input
or a failed check, 2 bad usage.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.cli import authoring, building  # noqa: F401  (they register the commands)
from engine.cli.base import cli

__all__ = ["cli", "main"]


def main(argv: Sequence[str] | None = None) -> None:
    cli.main(args=list(argv) if argv is not None else None, prog_name="plainly")


if __name__ == "__main__":  # pragma: no cover
    main()
