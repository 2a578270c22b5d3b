"""The fact lock reads each audience's adapted variant: overrides, then the glossary pass."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.adapt.variant import adapt
from engine.inline.tokens import Quantity, Term, walk
from engine.load import settings
from engine.validate.adapted import audience_problems
from engine.validate.editions import load_project
from tests.conftest import Invoke
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
    assert audience_problems(loaded, article) == []


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


@pytest.mark.parametrize("media", ["[print]", "[web]"])
def test_a_wording_only_one_medium_shows_is_held_to_its_default(
    plainly: Invoke, tmp_path: Path, media: str
) -> None:
    root = tmp_path / "project"
    assert plainly("init", root).exit_code == 0
    path = root / "articles/example.yaml"
    block = (
        f"      - id: paper-dose\n        type: paragraph\n        media: {media}\n"
        "        text:\n          default: Take 5 mg once a day.\n"
        "          patient: Take 10 mg once a day.\n"
    )
    path.write_text(
        path.read_text().replace(
            "      - id: call-for-help\n", block + "      - id: call-for-help\n", 1
        )
    )
    result = plainly("validate", "--project", root)
    assert result.exit_code == 1
    assert re.search(
        r"example\.yaml:\d+:\d+: error: patient wording of 'paper-dose' \(text\) says 10 mg once "
        r"a day; the clinician text says 5 mg once a day",
        result.output,
    ), result.output


@pytest.mark.parametrize(
    ("target", "wanted"), [("nope", "no block of this article"), ("self", "itself")]
)
def test_restates_names_another_block_of_the_article(
    plainly: Invoke, tmp_path: Path, target: str, wanted: str
) -> None:
    root = tmp_path / "project"
    assert plainly("init", root).exit_code == 0
    path = root / "articles/example.yaml"
    name = "restating" if target == "self" else target
    block = (
        "      - id: restating\n        type: paragraph\n"
        f"        restates: {name}\n        text: Salt raises blood pressure.\n"
    )
    text = path.read_text().replace(
        "      - id: call-for-help\n", block + "      - id: call-for-help\n", 1
    )
    path.write_text(text)
    result = plainly("validate", "--project", root)
    assert result.exit_code == 1
    assert f"block 'restating' restates '{name}', which is {wanted}" in result.output
