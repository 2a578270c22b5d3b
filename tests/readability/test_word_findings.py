"""The labelled word list and the precision measurement (benchmarks/word_findings.py)."""

from __future__ import annotations

from benchmarks import word_findings


def test_labelled_list_sizes() -> None:
    entries = word_findings.load()
    assert sum(e.locale == "en" for e in entries) >= 300
    assert sum(e.locale == "es" for e in entries) >= 150
    assert {e.label for e in entries} == {"hard", "jargon", "familiar"}


def test_no_duplicates() -> None:
    keys = [(e.word.lower(), e.locale) for e in word_findings.load()]
    assert len(keys) == len(set(keys))


def test_split_is_deterministic_and_balanced() -> None:
    entries = word_findings.load()
    assert [e.half for e in entries] == [e.half for e in word_findings.load()]
    for locale in ("en", "es"):
        mine = [e for e in entries if e.locale == locale]
        share = sum(e.half == "tuning" for e in mine) / len(mine)
        assert 0.35 < share < 0.65


def test_precision_recall_arithmetic() -> None:
    pairs = [(True, True), (True, False), (False, True), (False, False)]
    assert word_findings.precision_recall(pairs) == (0.5, 0.5, 1, 1, 1)
    assert word_findings.precision_recall([]) == (1.0, 1.0, 0, 0, 0)


def test_held_out_precision_stays_high() -> None:
    """A writer's flags stay trustworthy on the half nobody tuned on (figures in benchmarks/)."""
    entries = [e for e in word_findings.load() if e.half == "held-out"]
    for locale in ("en", "es"):
        results = [(word_findings.flags(e), e.label) for e in entries if e.locale == locale]
        pairs = [(hard or jargon, label != "familiar") for (hard, jargon), label in results]
        precision, recall, *_ = word_findings.precision_recall(pairs)
        assert precision >= 0.95 and recall >= 0.9, (locale, precision, recall)


def test_the_brief_s_examples() -> None:
    everyday = "vitamin calcium usual serious nausea nosebleeds"
    for word in everyday.split():
        assert word_findings.flags(word_findings.Entry(word, "en", "familiar", 0)) == (False, False)
    for term in ("Level II evidence", "meta-analysis", "pooled effect size"):
        assert word_findings.flags(word_findings.Entry(term, "en", "jargon", 0))[1], term
    for word in ("vitamina", "ayuda", "comida", "equipo"):
        assert word_findings.flags(word_findings.Entry(word, "es", "familiar", 0)) == (False, False)
