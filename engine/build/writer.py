"""Writing output files: atomically, and never outside the output folder."""

from __future__ import annotations

import errno
import os
import tempfile
import time
from pathlib import Path

from engine.errors import PlainlyError


class OutputPathError(PlainlyError):
    """A computed output path would leave the output folder."""


def safe_target(output_dir: Path, relative: str | Path) -> Path:
    """The absolute path of ``relative`` inside ``output_dir``, refusing escapes."""
    base = output_dir.resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base) or target == base:
        raise OutputPathError(f"refusing to write outside {base}: {relative}")
    return target


def make_folders(folder: Path) -> None:
    """Create ``folder`` and its missing parents with mode 0755 whatever the umask, as
    files get 0644: the same build publishes the same tree on any machine."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for created in reversed(missing):
        created.mkdir(exist_ok=True)
        os.chmod(created, 0o755)


def write_atomic(output_dir: Path, relative: str | Path, data: bytes | str) -> Path:
    """Write a file so that readers see either the old or the new file, never a part.

    The data goes to a temporary file in the same folder, is flushed to disk,
    and replaces the target with one rename.
    """
    target = safe_target(output_dir, relative)
    _fail_if_asked(target)
    make_folders(target.parent)
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
    _hold_if_asked()
    return target


HOLD_AFTER_WRITES = "PLAINLY_TEST_HOLD_AFTER_WRITES"
"""A test seam: ``N:FLAG`` makes the process that writes its N-th file create FLAG and
stop there until it is killed, so tests interrupt a build at a chosen point, not after
a guessed delay."""

_written = 0


def _hold_if_asked() -> None:
    global _written
    asked = os.environ.get(HOLD_AFTER_WRITES)
    if not asked:
        return
    _written += 1
    count, _, flag = asked.partition(":")
    if _written == int(count):
        Path(flag).write_text(str(os.getpid()))
        while True:  # held for the test to interrupt
            time.sleep(60)


FAIL_WRITES = "PLAINLY_TEST_FAIL_WRITES"
"""A test seam: an errno name (``ENOSPC``, ``EACCES``, ``ENAMETOOLONG``, ``EROFS``) makes
every write fail with that OSError, as a full disk or a read-only folder would; tests
run as root, which file modes do not stop."""


def _fail_if_asked(target: Path) -> None:
    name = os.environ.get(FAIL_WRITES)
    if name:
        code = getattr(errno, name)
        raise OSError(code, os.strerror(code), str(target))
