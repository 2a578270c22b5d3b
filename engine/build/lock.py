"""One build at a time on an output folder: a lock file the second build waits on.

Two builds writing one output folder would interleave their files and manifests.
``plainly build`` and ``plainly serve`` both take the lock (serve for each rebuild);
a second build waits for the first up to a timeout, then stops with a message
naming the process that holds it. The lock is the kernel's (``flock``), so it is
released when its holder exits, however it exits: a killed build leaves no stale lock.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from engine.build.writer import make_folders
from engine.errors import PlainlyError

LOCK_FILE = ".plainly-lock"


LOCK_TIMEOUT = 600.0
"""Seconds a build waits for another build of the same output folder."""


TIMEOUT_SEAM = "PLAINLY_TEST_LOCK_TIMEOUT"
"""A test seam: seconds to wait instead of :data:`LOCK_TIMEOUT` (0: do not wait), so a
test sees the refusal at once instead of after ten minutes."""


class BuildLocked(PlainlyError):
    """Another build holds the output folder's lock."""


def _timeout() -> float:
    asked = os.environ.get(TIMEOUT_SEAM)
    return float(asked) if asked else LOCK_TIMEOUT


@contextmanager
def output_lock(output_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock for the duration of the block."""
    make_folders(output_dir)
    path = output_dir / LOCK_FILE
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + _timeout()
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildLocked(_held_by(path)) from None
                time.sleep(0.2)  # waiting for the other build, not measuring anything
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()} {' '.join(sys.argv[:2])}\n".encode())
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _held_by(path: Path) -> str:
    try:
        holder = path.read_text(encoding="utf-8").strip() or "another process"
    except OSError:
        holder = "another process"
    pid, _, command = holder.partition(" ")
    who = f"process {pid} ({command})" if pid.isdigit() else holder
    return (
        f"another build is writing {path.parent}: {who}. Hint: wait for it to finish, "
        "or stop it, then build again"
    )
