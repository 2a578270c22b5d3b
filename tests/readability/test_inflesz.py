"""Spanish formulas on our own counts (RAE syllables), and the INFLESZ bands."""

from __future__ import annotations

import pytest

from engine.readability.inflesz import inflesz_band
from engine.readability.variant import check_text, rules_for
from engine.schema.profile import AudienceProfile

TEXT = "Tome la pastilla con agua. Si tiene náuseas, hable con su médico."
# Hand count: to-me la pas-ti-lla con a-gua (9) / si tie-ne náu-se-as ha-ble con su mé-di-co (13).


def test_counts_by_hand() -> None:
    result = check_text(TEXT, "es.txt", "es-US")
    assert (result.counts.words, result.counts.sentences, result.counts.syllables) == (12, 2, 22)


def test_formulas_and_only_spanish_ones_are_shown() -> None:
    scores = check_text(TEXT, "es.txt", "es-US").scores
    assert scores["szigriszt_pazos"] == pytest.approx(206.835 - 62.3 * 22 / 12 - 6, abs=0.05)
    assert scores["fernandez_huerta"] == pytest.approx(206.84 - 60 * 22 / 12 - 1.02 * 6, abs=0.05)
    assert set(scores) == {"fernandez_huerta", "szigriszt_pazos"}


@pytest.mark.parametrize(
    ("score", "band"),
    [(-5, "muy difícil"), (39.9, "muy difícil"), (40, "algo difícil"), (54.9, "algo difícil"),
     (55, "normal"), (64.9, "normal"), (65, "bastante fácil"), (80, "muy fácil"),
     (95, "muy fácil")],
)  # fmt: skip
def test_bands(score: float, band: str) -> None:
    assert inflesz_band(score) == band


def test_spanish_sentences_may_run_longer_unless_the_profile_says() -> None:
    base = {"label": {"en-US": "P"}, "description": {"en-US": "p"}, "noun": {"en-US": "p"}}
    profile = AudienceProfile.model_validate({**base, "sentence_words": 20})
    assert rules_for(profile, "en-US").sentence_words == 20
    assert rules_for(profile, "es-US").sentence_words == 23
    fixed = AudienceProfile.model_validate(
        {**base, "sentence_words": 20, "sentence_words_by_locale": {"es-US": 18}}
    )
    assert rules_for(fixed, "es-US").sentence_words == 18
