"""What every command shares: the group, common options, and the one place where
engine errors become messages and exit codes (0 success, 1 invalid input or a failed
check, 2 bad usage)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from engine.build.writer import write_atomic
from engine.errors import (
    Diagnostic,
    InputError,
    PlainlyError,
    UsageError,
    environment_message,
    escape_unsafe,
)

F = TypeVar("F", bound=Callable[..., Any])


def project_option(command: F) -> F:
    return click.option(
        "--project",
        "project_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Content project folder (default: the current folder).",
    )(command)


def output_option(command: F) -> F:
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write to FILE (atomically) instead of standard output.",
    )(command)


def write_output(data: str | bytes, output: Path | None) -> None:
    """Write a command's result to a file atomically, or text to standard output."""
    if output is None:
        click.echo(data, nl=False)
        return

    write_atomic(output.resolve().parent, output.name, data)


def report_diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    errors = warnings = 0
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)
        if diagnostic.severity == "error":
            errors += 1
        else:
            warnings += 1
    return errors, warnings


PLANT_BUG = "PLAINLY_TEST_PLANT_BUG"
"""A test seam: a message makes every command raise RuntimeError with it, as a bug in
the engine would, so a test sees how a bug is reported without patching the engine."""


def engine_errors(command: F) -> F:
    """Translate the engine's exceptions into messages and exit codes."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            if os.environ.get(PLANT_BUG):
                raise RuntimeError(os.environ[PLANT_BUG])
            return command(*args, **kwargs)
        except InputError as error:
            errors, _ = report_diagnostics(error.diagnostics)
            click.echo(
                f"{errors} error{'s' if errors != 1 else ''}; nothing was written.", err=True
            )
            sys.exit(1)
        except UsageError as error:
            raise click.UsageError(str(error)) from None
        except PlainlyError as error:
            click.echo(escape_unsafe(f"error: {error}"), err=True)
            sys.exit(1)
        except OSError as error:  # the machine, not the sources: a full disk, say
            click.echo(environment_message(error), err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted; files already written are complete.", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException):
            raise
        except Exception as error:  # a bug: still a message, never a traceback
            click.echo(
                f"internal error: {type(error).__name__}: {error}. This is a bug in Plainly: "
                "please report it with the command you ran.",
                err=True,
            )
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plainly")
def cli() -> None:
    """Plainly: one trustworthy medical article for every reader.

    Renders structured articles into clinician, patient and caregiver pages
    and handouts, checks reading levels, and keeps every number the same.
    """


class ProgressBar:
    """A progress bar on standard error, counting articles, shown only on a terminal and
    for builds of several articles (each takes seconds once handouts are made)."""

    def __init__(self, minimum: int = 5):
        self.minimum = minimum
        self.bar: Any = None
        self.shown = 0

    def update(self, done: int, total: int) -> None:
        if self.bar is None:
            if total < self.minimum or not sys.stderr.isatty():
                return
            self.bar = click.progressbar(
                length=total, label="Building articles", file=sys.stderr, show_pos=True
            )
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
