"""The fact lock reads each audience's adapted variant: overrides, then the glossary pass."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.adapt.variant import adapt
from engine.inline.tokens import Quantity, Term, walk
from engine.load import settings
from engine.validate.adapted import variant_problems
from engine.validate.editions import load_project
from tests.validate.test_routes import SLUG, write


def test_a_glossed_measure_keeps_its_identity(project: Path) -> None:
    write(project)
    loaded = load_project(project, [SLUG])
    assert not loaded.problems, loaded.problems
    article = loaded.articles[SLUG]
    tokens = article.source.bottom_line.overrides["patient"]
    term = next(t for t in tokens if isinstance(t, Term))
    quantity = next(t for t in tokens if isinstance(t, Quantity))
    assert (term.key, quantity.fact.measure, quantity.raw) == ("inr", "INR", "2.0 to 3.0")
    patient = adapt(loaded, article, loaded.audiences["patient"])
    shown = "".join(t.plain() for t in walk(patient.bottom_line))
    assert "clotting test result" in shown
    assert variant_problems(patient) == []


def test_a_fact_shown_by_the_glossary_pass_is_caught_on_the_variant(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loader refuses such an entry; with that refusal switched off, the check on the
    adapted variant still catches the number the caregiver page would show."""
    monkeypatch.setattr(settings, "fact_problems", lambda entry, fmt: [])
    glossary = project / "glossary.yaml"
    glossary.write_text(
        glossary.read_text().replace(
            "en-US:\n",
            "en-US:\n  - term: nosebleed\n    plain: nose bleed\n"
            "    definition: bleeding for 20 minutes\n",
            1,
        )
    )
    write(project)
    loaded = load_project(project, [SLUG])
    messages = [str(d) for d in loaded.problems]
    assert any(
        re.search(r"warfarin\.yaml:\d+:\d+: error: caregiver wording of 'help' "
                  r"\(call_clinic\[0\]\.text\) adds 20 minutes", m)
        for m in messages
    ), messages  # fmt: skip
    assert SLUG not in loaded.articles
