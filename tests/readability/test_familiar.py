"""Familiar words: Dale-Chall from textstat's installed data, our health lists, inflections."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.readability import familiar
from tests.readability.fixture_rows import rows

ROOT = Path(__file__).resolve().parents[2]

CASES = rows("familiar_cases.tsv")


@pytest.mark.parametrize(
    ("line", "fields"), CASES, ids=[f"familiar_cases.tsv:{n}:{f[0]}" for n, f in CASES]
)
def test_case(line: int, fields: list[str]) -> None:
    word, locale, expected = fields
    assert familiar.is_familiar(word, locale) is (expected == "yes"), (
        f"tests/readability/fixtures/familiar_cases.tsv:{line}: {word!r} ({locale}) should be "
        f"{'familiar' if expected == 'yes' else 'unfamiliar'}"
    )


def test_dale_chall_comes_from_textstat_package_data() -> None:
    path = familiar.dale_chall_path()
    assert path is not None
    assert path.parts[-4:] == ("textstat", "resources", "en", "easy_words.txt")
    assert ROOT not in path.parents or ".venv" in path.parts  # installed, never copied here
    assert len(familiar.dale_chall()) > 2900


def test_no_copy_of_the_list_in_the_repository() -> None:
    easy = familiar.dale_chall()
    for data in familiar.DATA.glob("*.txt"):
        listed = {w.strip().lower() for w in data.read_text(encoding="utf-8").splitlines()}
        assert len(listed & easy) < 200, f"{data.name} looks like a copy of Dale-Chall"


def test_own_health_lists_are_the_promised_size() -> None:
    assert 140 <= len(familiar.health_words("en")) <= 200
    assert len(familiar.health_words("es")) >= 60
    brief = "vitamin calcium nausea nosebleed doctor medicine pharmacist blood bleeding kidney"
    assert set(brief.split()) <= familiar.health_words("en") | familiar.dale_chall()


def test_fold_keeps_enye() -> None:
    assert familiar.fold("Riñón") == "riñon"
    assert familiar.fold("pingüino") == "pinguino"


def test_missing_textstat_means_empty_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    assert familiar.dale_chall_path() is None
    assert isinstance(Path(__file__), Path)
