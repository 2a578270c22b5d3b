"""Writing output files: atomically, and never outside the output folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import PlainlyError


class OutputPathError(PlainlyError):
    """A computed output path would leave the output folder."""


def safe_target(output_dir: Path, relative: str | Path) -> Path:
    """The absolute path of ``relative`` inside ``output_dir``, refusing escapes."""
    base = output_dir.resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base) or target == base:
        raise OutputPathError(f"refusing to write outside {base}: {relative}")
    return target


def write_atomic(output_dir: Path, relative: str | Path, data: bytes | str) -> Path:
    """Write a file so that readers see either the old or the new file, never a part.

    The data goes to a temporary file in the same folder, is flushed to disk,
    and replaces the target with one rename.
    """
    target = safe_target(output_dir, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
