"""Precision and recall of the hard-word and jargon findings on a labelled word list.

Usage: python benchmarks/word_findings.py [--show tuning]

The list (tests/readability/fixtures/labelled_words.tsv) was labelled before any
rule was written (in the prototype's history, then moved here). Each entry goes to
the tuning or the held-out half by the first byte of the SHA-256 of
"locale<TAB>word", so the split never moves with the rules. Rules are tuned by
looking at the tuning half only (``--show tuning``); the held-out half is the
honest figure.

Each entry is checked as a text of its own, through the engine's findings
(:func:`engine.readability.findings.find`, plain-language rules on). Three
figures per locale and half:

- ``any flag``: an entry labelled hard or jargon should get a flag of either kind
  (hard words, jargon or abbreviation); a familiar entry should get none. This is
  what a writer sees.
- ``jargon``: the jargon or abbreviation flag against the jargon label.
- ``hard``: the hard-word flag against the hard label.
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from engine.readability.findings import Rules, find
from engine.readability.segment import split_text

LABELS = Path(__file__).resolve().parent.parent / "tests/readability/fixtures/labelled_words.tsv"


@dataclass(frozen=True)
class Entry:
    word: str
    locale: str
    label: str
    line: int

    @property
    def half(self) -> str:
        digest = hashlib.sha256(f"{self.locale}\t{self.word}".encode()).digest()
        return "tuning" if digest[0] % 2 == 0 else "held-out"


def load(path: Path = LABELS) -> list[Entry]:
    """The labelled entries, with their line numbers for messages."""
    entries: list[Entry] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        word, locale, label = line.split("\t")
        if label not in ("hard", "jargon", "familiar"):
            raise ValueError(f"{path}:{number}: unknown label {label!r}")
        entries.append(Entry(word, locale, label, number))
    return entries


Flags = tuple[bool, bool]
"""(hard-word flag, jargon or abbreviation flag)"""


def flags(entry: Entry) -> Flags:
    """What the engine flags for one entry, checked as a text on its own."""
    sentences = [(None, s) for s in split_text(entry.word)]
    kinds = {f.kind for f in find(sentences, Rules(entry.locale, plain=True))}
    return "hard_words" in kinds, bool(kinds & {"jargon", "abbreviation"})


def precision_recall(pairs: Iterable[tuple[bool, bool]]) -> tuple[float, float, int, int, int]:
    """Precision, recall, true and false positives, false negatives of (flagged, positive)."""
    tp = fp = fn = 0
    for flagged, positive in pairs:
        tp += flagged and positive
        fp += flagged and not positive
        fn += positive and not flagged
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def report(entries: list[Entry], rule: Callable[[Entry], Flags] = flags) -> list[str]:
    """One line per locale, half and figure."""
    lines: list[str] = []
    for locale in ("en", "es"):
        for half in ("tuning", "held-out"):
            results = [(e, rule(e)) for e in entries if e.locale == locale and e.half == half]
            figures = {
                "any flag": [(h or j, e.label != "familiar") for e, (h, j) in results],
                "jargon": [(j, e.label == "jargon") for e, (h, j) in results],
                "hard": [(h, e.label == "hard") for e, (h, j) in results],
            }
            for figure, pairs in figures.items():
                p, r, tp, fp, fn = precision_recall(pairs)
                lines.append(
                    f"{locale} {half:8} n={len(results):3} {figure:8} "
                    f"precision {p:.2f} recall {r:.2f} (tp {tp}, fp {fp}, fn {fn})"
                )
    return lines


def misflagged(entries: list[Entry], half: str) -> list[str]:
    """Misflagged entries of one half, for tuning (use only with the tuning half)."""
    out: list[str] = []
    for entry in entries:
        if entry.half != half:
            continue
        hard, technical = flags(entry)
        if (hard or technical) != (entry.label != "familiar") or (
            entry.label == "jargon"
        ) != technical:
            got = "jargon" if technical else "hard" if hard else "none"
            out.append(
                f"{LABELS.name}:{entry.line}: {entry.word!r} ({entry.locale}) "
                f"labelled {entry.label}, flagged {got}"
            )
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--show", choices=("tuning",), help="list the misflagged tuning entries")
    args = parser.parse_args(argv)
    entries = load()
    print("\n".join(report(entries)))
    if args.show:
        print("\n".join(misflagged(entries, args.show)))


if __name__ == "__main__":
    main()
