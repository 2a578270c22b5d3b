"""Reading a source file's text: only regular files, only so many bytes, only UTF-8,
only characters a source may hold. Every refusal is located."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from engine.errors import UNSAFE_CHARACTERS, Diagnostic, InputError, Location

MAX_BYTES = 2_000_000
"""Larger sources are refused: no article needs them, and they slow every build."""


def describe(character: str) -> str:
    """A character as a message can show it without its effect: U+001B, say."""
    if character == "\x00":
        return "a NUL character"
    if "\ud800" <= character <= "\udfff":
        return f"a lone surrogate (U+{ord(character):04X})"
    return f"the invisible character U+{ord(character):04X}"


def forbidden_character(text: str) -> tuple[int, str] | None:
    """The offset and description of the first character no source may hold, or None."""
    found = UNSAFE_CHARACTERS.search(text)
    if found is None:
        return None
    return found.start(), describe(found.group())


@dataclass(frozen=True)
class SourceFile:
    """A source file's display path and decoded text."""

    path: str
    text: str

    def location(self, index: int) -> Location:
        """The line and column of a character offset in the text."""
        index = max(0, min(index, len(self.text)))
        before = bisect_left(self._newlines, index)  # newlines before the offset
        line_start = self._newlines[before - 1] + 1 if before else 0
        return Location(self.path, before + 1, index - line_start + 1)

    @cached_property
    def _newlines(self) -> list[int]:
        """Offsets of every newline: readability locates each sentence, and counting
        newlines from the top of the file each time grows with the file."""
        return [match.start() for match in re.finditer("\n", self.text)]


def _refuse(display: str, message: str, hint: str, line: int = 1, column: int = 1) -> InputError:
    return InputError([Diagnostic(Location(display, line, column), message, hint)])


def read_source_bytes(path: Path, display: str, limit: int = MAX_BYTES) -> bytes:
    """A source's bytes, refusing before reading anything that is not a regular file
    (a FIFO would hang, /dev/zero never ends) or is over ``limit`` bytes."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise _refuse(display, f"cannot read file: {error.strerror}", _os_hint(error)) from None
    with os.fdopen(handle, "rb") as stream:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            raise _refuse(
                display,
                "not a regular file (a device, pipe or socket), so it is not read",
                "sources must be ordinary files; remove it or replace it with one",
            )
        if status.st_size > limit:
            raise _too_large(display, status.st_size, limit)
        data = stream.read(limit + 1)
    if len(data) > limit:  # grew while we read it
        raise _too_large(display, len(data), limit)
    return data


def _too_large(display: str, size: int, limit: int) -> InputError:
    return _refuse(
        display,
        f"file is {size:,} bytes, over the limit of {limit:,}",
        "split it into several articles" if limit == MAX_BYTES else "make the file smaller",
    )


def _os_hint(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "let the user running Plainly read it (check its permissions)"
    return "check that the file exists and can be read"


def decode(path: Path, display: str) -> SourceFile:
    """Read a file as UTF-8 text, refusing what no source should be."""
    return decode_bytes(read_source_bytes(path, display), display)


def decode_bytes(data: bytes, display: str) -> SourceFile:
    """A source's bytes as text, refusing other encodings and forbidden characters."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = data[: error.start]
        line = prefix.count(b"\n") + 1
        column = len(prefix) - (prefix.rfind(b"\n") + 1) + 1
        raise _refuse(
            display,
            f"file is not UTF-8 (byte 0x{data[error.start]:02x})",
            "save the file as UTF-8 in your editor",
            line,
            column,
        ) from None
    found = forbidden_character(text)
    if found is not None:
        index, what = found
        where = SourceFile(display, text).location(index)
        raise InputError(
            [
                Diagnostic(
                    where,
                    f"file contains {what}",
                    "delete it: save the file as plain UTF-8 text",
                )
            ]
        )
    return SourceFile(display, text)


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a regular file's bytes; None when there is no such file. A device,
    pipe or socket is never read (a FIFO would hang, /dev/zero never ends): it hashes
    as its kind, so that replacing a file with one is a change."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(handle, "rb") as stream:
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):
            return f"not-a-regular-file:{stat.S_IFMT(mode):o}"
        digest = hashlib.sha256()
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
