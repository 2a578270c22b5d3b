"""Plainly's exception tree and the diagnostics it carries.

The engine raises these; only ``engine/cli.py`` turns them into messages and
exit codes. Every problem a user can fix is a :class:`Diagnostic` that points
at ``path:line:column`` and says how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; line and column count from 1."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the user's input, with a hint on how to fix it."""

    location: Location
    message: str
    hint: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity}: {self.message}"
        if self.hint:
            text += f" Hint: {self.hint}"
        return text


def relative_path(path: Path, root: Path | None = None) -> str:
    """Show a path relative to the working folder (or ``root``) when it can."""
    base = root if root is not None else Path.cwd()
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


class PlainlyError(Exception):
    """Base of every error the engine raises on purpose."""


class InputError(PlainlyError):
    """The user's sources, glossary, profiles or configuration are invalid.

    Raised by the loader after it has collected every problem it can find.
    """

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=lambda d: d.location)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class UsageError(PlainlyError):
    """A command was asked for something that cannot be done (exit status 2)."""
