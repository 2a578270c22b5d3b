"""A build killed part-way leaves every file complete, old or new, and the next build finishes.

A library of several articles is built once (the "old" output). Every article
is then edited, a reference copy is built to learn the "new" output, and a
real `plainly build` subprocess is killed with SIGKILL while it rewrites the
library. Every output file must then be byte-equal to its old or its new
version, and one more build must produce exactly the new output.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from engine.cli import cli

ARTICLES = 6
BUILD = [sys.executable, "-m", "engine", "build", "--drafts", "--as-of", "2025-06-01"]


def hashes(folder: Path) -> dict[str, str]:
    # Temporary files of an interrupted write are hidden (.name.xyz.tmp) and never a page.
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".tmp")
    }


def library(root: Path) -> None:
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    example = (root / "articles/example.yaml").read_text()
    for number in range(ARTICLES):
        text = example.replace("Why sodium matters", f"Why sodium matters, part {number}")
        (root / f"articles/salt-{number}.yaml").write_text(text)


def edit(root: Path) -> None:
    for path in sorted((root / "articles").glob("*.yaml")):
        path.write_text(path.read_text().replace("Why salt matters", "Why salt matters to you"))


def build(root: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(BUILD, cwd=root, capture_output=True, timeout=600)


def test_a_killed_build_leaves_old_or_new_files_and_the_next_build_finishes(
    tmp_path: Path,
) -> None:
    root = tmp_path / "library"
    library(root)
    started = time.monotonic()
    first = build(root)
    duration = time.monotonic() - started
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

    # Kill while the build is busy writing: past start-up, well before the end.
    # Its own process group, so the kill takes the build's workers too, as a power cut would.
    process = subprocess.Popen(
        BUILD,
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(duration * 0.6)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the build finished before it was killed"

    interrupted = hashes(root / "output")
    for name, digest in interrupted.items():
        assert digest in (old.get(name), new.get(name)), f"{name} is neither old nor new"

    again = build(root)
    assert again.returncode == 0, again.stderr.decode()
    assert hashes(root / "output") == new
