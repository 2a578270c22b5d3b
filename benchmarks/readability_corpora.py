"""Validate the readability checker on text nobody on this project wrote.

Usage: python benchmarks/readability_corpora.py PATH/TO/corpora

Reads OneStopEnglish (three levels of the same 189 texts) and the Cochrane
technical abstracts paired with their plain-language summaries from the
given folder (never copied into this repository) and prints how often the
levels come out in order, the mean grade gap, and how long scoring took.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from engine.commands.check import text_units
from engine.inline.tokens import Text
from engine.readability.variant import check_text

FK = "flesch_kincaid_grade"


def grade(text: str) -> float:
    units = [(Text(unit),) for unit in text_units(text, markdown=False)]
    score = check_text(text, "corpus", "en-US", tokens=units).scores[FK]
    assert score is not None
    return score


def onestopenglish(root: Path) -> None:
    folder = root / "onestopenglish"
    levels = {"ele": "Ele-Txt", "int": "Int-Txt", "adv": "Adv-Txt"}
    grades: dict[str, dict[str, float]] = {}
    for level, sub in levels.items():
        for path in sorted((folder / sub).glob(f"*-{level}.txt")):
            stem = path.name[: -len(f"-{level}.txt")]
            grades.setdefault(stem, {})[level] = grade(path.read_text(encoding="utf-8-sig"))
    complete = [g for g in grades.values() if len(g) == 3]
    ordered = sum(1 for g in complete if g["ele"] < g["int"] < g["adv"])
    print(f"OneStopEnglish: {len(complete)} texts at three levels")
    print(f"  Flesch-Kincaid strict order ele < int < adv: {ordered}/{len(complete)} "
          f"({100 * ordered / len(complete):.1f}%)")  # fmt: skip
    for level in levels:
        mean = statistics.mean(g[level] for g in complete)
        print(f"  mean grade {level}: {mean:.2f}")


def cochrane(root: Path) -> None:
    folder = root / "cochrane-plain-language"
    technical = (folder / "technical.txt").read_text(encoding="utf-8").splitlines()
    plain = (folder / "plain.txt").read_text(encoding="utf-8").splitlines()
    pairs = [(t, p) for t, p in zip(technical, plain, strict=True) if t.strip() and p.strip()]
    gaps = [grade(t) - grade(p) for t, p in pairs]
    harder = sum(1 for gap in gaps if gap > 0)
    print(f"Cochrane: {len(pairs)} abstract / plain-summary pairs")
    print(f"  technical harder than plain (FK): {harder}/{len(pairs)} "
          f"({100 * harder / len(pairs):.1f}%)")  # fmt: skip
    print(f"  mean FK gap technical - plain: {statistics.mean(gaps):.2f} grades "
          f"(median {statistics.median(gaps):.2f})")  # fmt: skip


def speed(root: Path) -> None:
    lines = (root / "cochrane-plain-language" / "plain.txt").read_text(encoding="utf-8")
    texts = [line for line in lines.splitlines() if line.strip()]
    texts = (texts * (1000 // len(texts) + 1))[:1000]
    started, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        check_text(text, "bench.txt", "en-US")
    elapsed, used = time.perf_counter() - started, time.process_time() - cpu
    words = sum(len(t.split()) for t in texts)
    print(f"Speed: 1000 texts ({words} words) scored with findings in {elapsed:.2f} s "
          f"({used:.2f} s of CPU)")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path, help="the shared corpora folder")
    args = parser.parse_args()
    started = time.perf_counter()
    grade("Warm up the dictionaries.")
    print(f"Loading CMUdict and word lists: {time.perf_counter() - started:.2f} s")
    onestopenglish(args.corpora)
    cochrane(args.corpora)
    speed(args.corpora)
    return 0


if __name__ == "__main__":
    sys.exit(main())
