"""tests/fixtures/facts_cases.txt, one test per line: a failure names the fixture's line.

Texts go through the engine's own path: ``parse_inline`` with the locale's number
format gives Quantity tokens, and the fact lock's one comparison judges them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from engine.errors import Location
from engine.inline.parse import parse_inline
from engine.inline.qualifiers import qualifiers
from engine.inline.tokens import InlineError, Quantity, Tokens
from engine.load.project import number_format
from engine.validate.facts import Rules, Side, compare_facts, quantities

FIXTURE = Path(__file__).parents[1] / "fixtures" / "facts_cases.txt"
NOWHERE = Location("case")


@dataclass(frozen=True)
class Case:
    line: int
    locale: str
    text: str
    expected: str
    wording_locale: str = ""
    wording: str = ""
    omit: bool = False


def read_cases(path: Path) -> list[Case]:
    cases = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        left, sep, expected = raw.rpartition(" => ")
        assert sep, f"{path.name}:{number}: no ' => ' in {raw!r}"
        head, _, text = left.partition(" | ")
        words = head.split()
        if words[0] in ("lock", "omit"):
            reference, _, wording = text.partition(" || ")
            wording_locale, _, wording = wording.partition(" | ")
            cases.append(
                Case(number, words[1], reference, expected.strip(), wording_locale.strip(),
                     wording, words[0] == "omit")
            )  # fmt: skip
        else:
            cases.append(Case(number, words[0], text, expected.strip()))
    return cases


CASES = read_cases(FIXTURE)


def parsed(text: str, locale: str) -> Tokens:
    return parse_inline(text, number_format=number_format(locale))


def describe(text: str, locale: str) -> str:
    found = [t for t in parsed(text, locale) if isinstance(t, Quantity)]
    return " ; ".join(f"{q.kind} {q.describe()}" for q in found) or "none"


def lock(reference: str, locale: str, wording: str, wording_locale: str, omit: bool) -> list[str]:
    rules = Rules(omissible=lambda q: q.kind == "statistic") if omit else Rules()
    theirs, ours = parsed(reference, locale), parsed(wording, wording_locale)
    found = compare_facts(
        Side("the clinician text", quantities(theirs), NOWHERE, qualifiers(theirs)),
        Side("patient wording", quantities(ours), NOWHERE, qualifiers(ours)),
        rules,
    )
    return [d.message for d in found]


@pytest.mark.parametrize("case", CASES, ids=[f"facts_cases.txt:{c.line}" for c in CASES])
def test_case(case: Case) -> None:
    where = f"tests/fixtures/facts_cases.txt:{case.line}: {case.text!r}"
    if case.wording:
        messages = lock(case.text, case.locale, case.wording, case.wording_locale, case.omit)
        if case.expected == "pass":
            assert not messages, f"{where}: expected to pass, got {messages}"
        else:
            wanted = case.expected.removeprefix("fail").strip()
            assert any(wanted in m for m in messages), f"{where}: wanted {wanted!r} in {messages}"
        return
    if case.expected.startswith("error "):
        wanted = case.expected.removeprefix("error ")
        with pytest.raises(InlineError) as raised:
            parsed(case.text, case.locale)
        assert wanted in raised.value.message, f"{where}: got {raised.value.message!r}"
        return
    got = describe(case.text, case.locale)
    assert got == case.expected, f"{where}: got {got!r}"


def test_the_fixture_covers_both_languages() -> None:
    assert len(CASES) >= 150
    assert {c.locale.split("-")[0] for c in CASES} == {"en", "es"}
    assert any(c.wording and c.locale.startswith("es") for c in CASES)
