"""Time `plainly serve` from a saved source to the served page that shows the edit.

Usage: python benchmarks/preview.py [--runs 9] [--pause 1.5]

Copies the sample project to a temporary folder, starts ``plainly serve`` on a
free port, and for each run: reads the page's version, saves the article with a
new word in the patient bottom line, holds the request the page's live script
holds (``/__plainly__/wait?since=N``), then fetches the patient page and checks
the new word is on it. The time is from just before the save to the page in
hand, so it includes the watcher, the HTML build, the held request and serving.
``--pause`` seconds pass between runs, so a save usually lands while the last
save's handouts and reports are still building (and cancels them), as when a
writer saves often. Prints every run and the median, with the CPU time the serve
process spent per save (its pages build; the background copy is another process)
and the load average, since on a shared machine the wall time mostly measures the
other processes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROJECT_FILES = ["plainly.yaml", "glossary.yaml", "variants", "articles"]
ARTICLE = "articles/vitamin-d-k2.yaml"
SENTENCE = "Vitamin D helps your body take in calcium."
PAGE = "vitamin-d-k2/patient/"


def fetch(address: str, path: str, timeout: float = 60) -> str:
    with urllib.request.urlopen(address + path, timeout=timeout) as response:
        text: str = response.read().decode()
        return text


def serve(root: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "engine", "serve", "--project", str(root), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("Serving "):
            return process, line.split()[1]
    raise SystemExit("plainly serve stopped before serving")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of one process so far (Linux /proc; 0 elsewhere)."""
    stat = Path(f"/proc/{pid}/stat")
    if not stat.is_file():
        return 0.0
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_run(root: Path, address: str, original: str, marker: str) -> float:
    since = fetch(address, "__plainly__/version")
    article = root / ARTICLE
    started = time.perf_counter()
    article.write_text(original.replace(SENTENCE, f"{SENTENCE[:-1]} {marker}."), encoding="utf-8")
    version = fetch(address, f"__plainly__/wait?since={since}")
    page = fetch(address, PAGE)
    elapsed = time.perf_counter() - started
    if version == since or marker not in page:
        raise SystemExit(f"the page did not show {marker} (version {since} -> {version})")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--pause", type=float, default=1.5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        root.mkdir()
        for name in PROJECT_FILES:
            source = REPO / name
            copy = shutil.copytree if source.is_dir() else shutil.copy2
            copy(source, root / name)
        original = (root / ARTICLE).read_text(encoding="utf-8")
        assert SENTENCE in original
        process, address = serve(root)
        try:
            fetch(address, PAGE)
            time.sleep(args.pause)
            times, cpu = [], []
            for run in range(args.runs):
                before = cpu_seconds(process.pid)
                elapsed = one_run(root, address, original, f"edit{run}")
                cpu.append(cpu_seconds(process.pid) - before)
                times.append(elapsed)
                print(f"run {run + 1}: {elapsed:.3f} s (serve process CPU {cpu[-1]:.2f} s)")
                time.sleep(args.pause)
        finally:
            process.terminate()
            process.wait(timeout=30)
    print(f"save -> served page: median {statistics.median(times):.3f} s "
          f"(min {min(times):.3f}, max {max(times):.3f}, {len(times)} runs); "
          f"CPU of the serve process per save: median {statistics.median(cpu):.2f} s; "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
