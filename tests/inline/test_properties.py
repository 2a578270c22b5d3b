"""Property-based tests: any input gives a result or a clear error, never a crash.

- the loader: any bytes as a source file give located data or an InputError
- the tokenizer: any text gives tokens that spell the text back, or an InlineError
- the glossary pass: it never alters a quantity, a citation, a link or emphasis
"""

from __future__ import annotations

import re
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.adapt.glossary_pass import GlossaryPass, GlossedTerm
from engine.errors import InputError
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
    walk,
)
from engine.load.glossary import Glossary
from engine.schema.glossary import GlossaryTerm
from engine.source.located import Located, load_yaml

YAMLISH = st.text(
    alphabet=st.sampled_from(list("abc:-[]{}#&*!|>'\"\n\t ,.?@`%0123456789μ<\x00\ufeff")),
    max_size=200,
)


def _load(data: bytes) -> object:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "source.yaml"
        path.write_bytes(data)
        try:
            return load_yaml(path, "source.yaml")
        except InputError as error:
            assert error.diagnostics
            for diagnostic in error.diagnostics:
                assert diagnostic.location.line >= 1 and diagnostic.location.column >= 1
                assert diagnostic.message
            return error


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_the_loader_reads_any_text_or_says_where_it_is_wrong(text: str) -> None:
    result = _load(text.encode())
    assert isinstance(result, InputError | Located)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_the_loader_reads_any_bytes_or_says_where_they_are_wrong(data: bytes) -> None:
    result = _load(data)
    assert isinstance(result, InputError | Located)


INLINE = st.lists(
    st.sampled_from(
        [*"ab *_[]()@;:\\<>/-.,%≥≤0123456789 ", "mg", "IU", " daily", "https://x.org", "μg"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(INLINE)
def test_the_tokenizer_gives_tokens_or_a_located_error(text: str) -> None:
    try:
        tokens = parse_inline(text)
    except InlineError as error:
        assert error.message and error.hint
        assert 0 <= error.offset <= len(text)
        return
    for token in walk(tokens):
        if isinstance(token, Quantity):
            assert token.raw and token.unit not in ("μg", "µg")
            assert isinstance(token.low, Decimal)
        if isinstance(token, Link):
            assert token.url.split(":")[0].lower() in ("http", "https", "mailto", "tel") or (
                ":" not in token.url.split("/")[0]
            )
    if "\\<" not in text:  # only an escaped "<" may reach a token's text before a letter
        # Each text token is escaped on its own when rendered, so "<*a*" (a "<", then
        # an emphasised "a") is not markup: what matters is what one text token holds.
        texts = [token.text for token in walk(tokens) if isinstance(token, Text)]
        assert not any(re.search(r"<[A-Za-z!/?]", piece) for piece in texts)


GLOSSARY = Glossary.build(
    "en-US",
    [
        GlossaryTerm(term="sodium", plain="salt", definition="a mineral in salt"),
        GlossaryTerm(
            term="hypertension", forms=["HTN"], plain="high blood pressure", definition="d"
        ),
        GlossaryTerm(term="mg", plain="milligrams", definition="a unit"),
    ],
)
WORDS = st.lists(
    st.sampled_from(
        [
            "sodium",
            "Sodium",
            "hypertension",
            "HTN",
            "mg",
            "1,500 mg a day",
            "at least 30 ng/mL",
            "[@ref]",
            "*sodium*",
            "**800 IU daily**",
            "[sodium](https://example.org)",
            "and",
            ".",
            " ",
        ]
    ),
    max_size=12,
).map(" ".join)


def _kept(tokens: tuple[Token, ...]) -> list[object]:
    return [t for t in walk(tokens) if isinstance(t, Quantity | Citation)]


def _shape(tokens: tuple[Token, ...]) -> list[object]:
    # Markup as structure: links keep their URL, emphasis its strength, in the same places.
    return [
        (type(t).__name__, getattr(t, "url", None), getattr(t, "strong", None))
        for t in walk(tokens)
        if isinstance(t, Link | Emphasis)
    ]


@settings(max_examples=300, deadline=None)
@given(WORDS, st.sampled_from(["keep", "define", "plain"]))
def test_the_glossary_pass_never_alters_a_quantity_a_citation_or_markup(
    text: str, mode: str
) -> None:
    tokens = parse_inline(text, terms=GLOSSARY.matcher)
    adapted = GlossaryPass(GLOSSARY, mode).apply(tokens)
    assert _kept(adapted) == _kept(tokens)
    assert [q.raw for q in _kept(adapted) if isinstance(q, Quantity)] == [
        q.raw for q in _kept(tokens) if isinstance(q, Quantity)
    ]
    assert _shape(adapted) == _shape(tokens)
    assert not any(isinstance(t, Term) for t in walk(adapted))
    assert sum(isinstance(t, GlossedTerm) for t in walk(adapted)) == sum(
        isinstance(t, Term) for t in walk(tokens)
    )
