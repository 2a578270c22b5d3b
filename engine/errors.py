"""Plainly's exception tree and the diagnostics it carries.

The engine raises these; only ``engine/cli/`` turns them into messages and
exit codes. Every problem a user can fix is a :class:`Diagnostic` that points
at ``path:line:column`` and says how to fix it.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""Characters no source may hold and no message may print: control characters other
than tab and line breaks (they drive a terminal or hide text), the bidirectional
overrides and isolates (they make text read differently from how it is stored), and
lone surrogates (no UTF-8 file can hold one, but a YAML escape such as "\\uD800" can
make it)."""


def escape_unsafe(text: str) -> str:
    """Text with every unsafe character shown as an escape (``\\x1b``, ``\\u202e``)."""
    return UNSAFE_CHARACTERS.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


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
        # File names and quoted values come from the project: never let them drive the
        # terminal the message is printed on.
        return escape_unsafe(text)


def relative_path(path: Path, root: Path | None = None) -> str:
    """Show a path relative to the working folder (or ``root``) when it can."""
    base = root if root is not None else Path.cwd()
    # The link itself, not what it points to: a source linked to /dev/zero is shown
    # where it sits in the project.
    where = path.parent.resolve() / path.name
    try:
        return str(where.relative_to(base.resolve()))
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


_ENVIRONMENT_HINTS = {
    errno.ENOSPC: "free some disk space (or choose another output folder), then build again",
    errno.EDQUOT: "free some space within your disk quota, then build again",
    errno.EACCES: "let the user running Plainly write there (check the folder's permissions), "
    "or choose another output folder with --output",
    errno.EPERM: "let the user running Plainly write there, or choose another output folder",
    errno.EROFS: "the disk is read-only: choose another output folder with --output",
    errno.ENAMETOOLONG: "shorten the project's folder path or the article's file name",
    errno.ENOENT: "check that the folder exists and was not removed during the build",
    errno.EMFILE: "close other programs, or raise the limit of open files (ulimit -n)",
}


def environment_message(error: OSError) -> str:
    """What went wrong with the machine (not the sources), and what to do about it."""
    what = error.strerror or type(error).__name__
    where = f" on {error.filename}" if error.filename else ""
    hint = _ENVIRONMENT_HINTS.get(error.errno or 0, "check the disk and the folder, then retry")
    return escape_unsafe(f"error: {what}{where}. Hint: {hint}.")
