"""Inline text -> tokens, and the glossary pass, as small cases in fixture files.

Each case carries its fixture line number, so a failure points at its case.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from engine.adapt.glossary_pass import GlossaryPass
from engine.inline.parse import parse_inline
from engine.inline.tokens import (
    Citation,
    Emphasis,
    InlineError,
    Link,
    Quantity,
    Term,
    Text,
    Token,
    plain_text,
    walk,
)
from engine.load.glossary import Glossary
from engine.schema.glossary import GlossaryTerm

FIXTURES = Path(__file__).parents[1] / "fixtures"

GLOSSARY = Glossary.build(
    "en-US",
    [
        GlossaryTerm(
            term="osteocalcin",
            plain="a bone protein",
            definition="a protein that binds calcium into bone",
        ),
        GlossaryTerm(
            term="matrix Gla protein",
            forms=["MGP"],
            plain="a protein that guards arteries",
            definition="a protein that keeps calcium out of artery walls",
        ),
        GlossaryTerm(
            term="INR", plain="blood clotting test", definition="a test of how fast blood clots"
        ),
        GlossaryTerm(
            term="calcification",
            plain="calcium buildup",
            definition="calcium settling where it does not belong",
        ),
        GlossaryTerm(
            term="warfarin",
            plain="the blood thinner warfarin",
            definition="a medicine that slows blood clotting",
        ),
    ],
)


@dataclass
class Case:
    line: int
    source: str
    expected: list[str]
    mode: str = ""


def read_cases(name: str) -> Iterator[Case]:
    current: Case | None = None
    mode = ""
    for number, raw in enumerate((FIXTURES / name).read_text().splitlines(), 1):
        if raw.startswith("#"):
            continue
        if not raw.strip():
            if current:
                yield current
            current = None
        elif raw.startswith("mode: "):
            mode = raw.removeprefix("mode: ").strip()
        elif raw.startswith("=> "):
            assert current is not None, f"{name}:{number}: expectation without input"
            current.expected.append(raw.removeprefix("=> "))
        else:
            current = Case(number, raw, [], mode)
    if current:
        yield current


def describe(token: Token) -> str:
    if isinstance(token, Text):
        return f'text "{token.text}"'
    if isinstance(token, Term):
        return f'term {token.key} "{token.surface}"'
    if isinstance(token, Quantity):
        return f'quantity {token.kind} "{token.raw}" {token.describe()}'
    if isinstance(token, Citation):
        return "cite " + ",".join(token.keys)
    if isinstance(token, Link):
        return f'link {token.url} "{plain_text(token.children)}"'
    if isinstance(token, Emphasis):
        return f'{"strong" if token.strong else "em"} "{plain_text(token.children)}"'
    raise AssertionError(token)


TOKEN_CASES = list(read_cases("tokens.txt"))


@pytest.mark.parametrize("case", TOKEN_CASES, ids=[f"tokens.txt:{c.line}" for c in TOKEN_CASES])
def test_tokens(case: Case) -> None:
    where = f"fixtures/tokens.txt:{case.line}"
    if case.expected[0].startswith("error "):
        message = case.expected[0].removeprefix("error ").strip('"')
        with pytest.raises(InlineError) as raised:
            parse_inline(case.source, terms=GLOSSARY.matcher)
        assert message in str(raised.value), where
        return
    tokens = parse_inline(case.source, terms=GLOSSARY.matcher)
    assert [describe(t) for t in tokens] == case.expected, where


GLOSSARY_CASES = list(read_cases("glossary_pass.txt"))


@pytest.mark.parametrize(
    "case", GLOSSARY_CASES, ids=[f"glossary_pass.txt:{c.line}" for c in GLOSSARY_CASES]
)
def test_glossary_pass(case: Case) -> None:
    tokens = parse_inline(case.source, terms=GLOSSARY.matcher)
    glossed = GlossaryPass(GLOSSARY, case.mode).apply(tokens)
    assert plain_text(glossed) == case.expected[0], f"fixtures/glossary_pass.txt:{case.line}"
    # The pass never touches a quantity, a citation or a link target.
    before = [t for t in walk(tokens) if isinstance(t, Quantity | Citation | Link)]
    after = [t for t in walk(glossed) if isinstance(t, Quantity | Citation | Link)]
    assert [(type(t), t.source_text()) for t in before] == [
        (type(t), t.source_text()) for t in after
    ]


def test_quantities_compare_by_value_not_spelling() -> None:
    (a,) = [t for t in parse_inline("1,000 mg") if isinstance(t, Quantity)]
    (b,) = [t for t in parse_inline("1000 mg") if isinstance(t, Quantity)]
    assert a.fact == b.fact
    assert (a.low, a.high, a.unit, a.kind) == (Decimal("1000"), None, "mg", "dose")


def test_tokens_keep_their_source_location(tmp_path: Path) -> None:
    from engine.source.located import load_yaml

    path = tmp_path / "a.yaml"
    path.write_text("text: >-\n  Long text that folds\n  onto a second line with 800 IU daily.\n")
    data = load_yaml(path, "a.yaml")
    tokens = parse_inline(data["text"], origin=data["text"])
    (dose,) = [t for t in tokens if isinstance(t, Quantity)]
    assert str(dose.location) == "a.yaml:3:27"
