"""A build killed part-way leaves every file complete, old or new, and the next build finishes.

A library of several articles is built once (the "old" output). Every article
is then edited, a reference copy is built to learn the "new" output, and a
real `plainly build` subprocess is interrupted while it rewrites the library:
a test seam holds it right after its k-th atomic rename, and the test then
sends the signal, so the point of interruption is chosen, never guessed with a
timer. Every output file must then be byte-equal to its old or its new
version, and one more build must produce exactly the new output.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.build.lock import LOCK_FILE
from engine.build.writer import HOLD_AFTER_WRITES
from engine.cli import cli

ARTICLES = 6
BUILD = [sys.executable, "-m", "engine", "build", "--drafts", "--as-of", "2025-06-01", "-j", "1"]
HELD = 600
"""Seconds to wait for the held build: a guard against a hang, never a measurement."""


def hashes(folder: Path) -> dict[str, str]:
    # Temporary files of an interrupted write are hidden (.name.xyz.tmp) and never a page;
    # the lock's note of its holder lives only while a build runs (a killed one leaves it).
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".tmp") and p.name != LOCK_FILE
    }


def library(root: Path) -> None:
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    example = (root / "articles/example.yaml").read_text()
    for number in range(ARTICLES):
        text = example.replace("Why sodium matters", f"Why sodium matters, part {number}")
        # Every wording keeps the number: the fact lock counts a bare number as a count.
        text = text.replace("Why salt matters", f"Why salt matters, part {number}")
        (root / f"articles/salt-{number}.yaml").write_text(text)


def edit(root: Path) -> None:
    for path in sorted((root / "articles").glob("*.yaml")):
        path.write_text(path.read_text().replace("Why salt matters", "Why salt matters to you"))


def build(root: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(BUILD, cwd=root, capture_output=True, timeout=600)


@pytest.mark.parametrize(
    ("interrupt", "after"),
    [(signal.SIGKILL, 1), (signal.SIGKILL, 9), (signal.SIGTERM, 4), (signal.SIGINT, 14)],
)
def test_an_interrupted_build_leaves_old_or_new_files_and_the_next_build_finishes(
    tmp_path: Path, interrupt: signal.Signals, after: int
) -> None:
    root = tmp_path / "library"
    library(root)
    first = build(root)
    assert first.returncode == 0, first.stderr.decode()
    old = hashes(root / "output")

    edit(root)
    # Learn the new output at the same path (the build's manifest records it), then put
    # the old output back.
    saved = shutil.copytree(root, tmp_path / "saved")
    assert build(root).returncode == 0
    new = hashes(root / "output")
    shutil.rmtree(root)
    saved.rename(root)
    assert any(old[name] != new.get(name) for name in old)

    flag = tmp_path / "held"
    # Its own process group, so the signal takes the build's workers too, as a power cut would.
    process = subprocess.Popen(
        BUILD,
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, HOLD_AFTER_WRITES: f"{after}:{flag}"},
    )
    for _ in range(HELD * 20):
        if flag.exists() or process.poll() is not None:
            break
        signal.sigtimedwait([], 0.05)
    assert flag.exists(), "the build finished before it wrote enough files to be held"
    os.killpg(process.pid, interrupt)
    process.wait(timeout=HELD)

    interrupted = hashes(root / "output")
    for name, digest in interrupted.items():
        assert digest in (old.get(name), new.get(name)), f"{name} is neither old nor new"

    again = build(root)
    assert again.returncode == 0, again.stderr.decode()
    assert hashes(root / "output") == new
