"""The fact lock by every route, through `plainly validate`, in English and Spanish.

Each test writes a small warfarin article (and its Spanish translation) into a
copy of the bundled project, changes one thing, and reads the messages: exit
status 1, the wording's own line, both sides of the fact, a hint, and every
problem of the project in the same run.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Invoke

SLUG = "warfarin"

ENGLISH = """\
title: How do I take warfarin?
bottom_line:
  default: Keep the INR 2.0 to 3.0 [@acc].
  patient: {bottom_patient}
updated: 2025-01-15
review: {{state: submitted}}
sections:
  - id: dosing
    title: Dosing
    blocks:
      - id: dose
        type: paragraph
        {dose_marks}text:
          default: Adults take 600 IU daily; adults over 70 take 800 IU daily [@acc].
          patient: {dose_patient}
{extra_blocks}      - id: help
        type: get_help
        call_clinic:
          - text:
              default: Call if a nosebleed does not stop within 10 minutes.
              patient: {help_patient}
      - id: table
        type: table
        caption: Doses by age
        columns: [Who, Dose]
        rows:
          - [Adults 19 to 70, 600 IU daily]
          - [Adults over 70, 800 IU daily]
references:
  - key: acc
    kind: guideline
    title: Warfarin guideline
    source: A society
    year: 2024
"""

SPANISH = """\
title: ¿Cómo tomo warfarina?
bottom_line:
  default: Mantenga el INR 2.0 a 3.0 [@acc].
  patient: {bottom_patient}
updated: 2025-01-15
review: {{state: submitted}}
translation_of: {{revision: '000000000000'}}
sections:
  - id: dosing
    title: Dosis
    blocks:
      - id: dose
        type: paragraph
        text:
          default: {dose_default}
          patient: {dose_patient}
{extra_blocks}      - id: help
        type: get_help
        call_clinic:
          - text:
              default: Llame si un sangrado de nariz no para en 10 minutos.
              patient: Llame si la nariz sangra y no para en 10 minutos.
      - id: table
        type: table
        caption: Dosis por edad
        columns: [Quién, Dosis]
        rows:
{rows}references:
  - key: acc
    kind: guideline
    title: Warfarin guideline
    source: A society
    year: 2024
"""

GOOD_EN = {
    "bottom_patient": "Keep your INR 2.0 to 3.0 [@acc].",
    "dose_marks": "",
    "dose_patient": "Most adults take 600 IU daily. Over age 70, take 800 IU daily [@acc].",
    "extra_blocks": "",
    "help_patient": "Call if your nose bleeds and does not stop within 10 minutes.",
}
GOOD_ES = {
    "bottom_patient": "Mantenga su INR 2.0 a 3.0 [@acc].",
    "dose_default": "Los adultos toman 600 UI al día; los mayores de 70 toman 800 UI al día [@acc].",
    "dose_patient": "La mayoría toma 600 UI al día. Después de los 70, 800 UI al día [@acc].",
    "extra_blocks": "",
    "rows": "          - [Adultos de 19 a 70, 600 UI al día]\n"
    "          - [Adultos mayores de 70, 800 UI al día]\n",
}


def write(
    project: Path, english: dict[str, str] | None = None, spanish: dict[str, str] | None = None
) -> None:
    (project / "articles" / f"{SLUG}.yaml").write_text(
        ENGLISH.format(**{**GOOD_EN, **(english or {})})
    )
    (project / "articles" / "es-US" / f"{SLUG}.yaml").write_text(
        SPANISH.format(**{**GOOD_ES, **(spanish or {})})
    )


def line_of(project: Path, text: str, locale: str = "") -> int:
    path = project / "articles" / locale / f"{SLUG}.yaml"
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": error: " in line]


def test_the_good_article_passes_in_both_languages(project: Path, plainly: Invoke) -> None:
    write(project)
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 0, result.output


def test_an_override_that_changes_the_inr_goal_names_both_sides(
    project: Path, plainly: Invoke
) -> None:
    write(project, {"bottom_patient": "Keep your INR 2.0 to 4.0 [@acc]."})
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    line = line_of(project, "INR 2.0 to 4.0")
    assert re.search(
        rf"articles/{SLUG}\.yaml:{line}:\d+: error: patient wording of 'bottom_line' says "
        r"2\.0 to 4\.0; the clinician text says 2\.0 to 3\.0 \(INR\) Hint: write the same",
        result.output,
    ), result.output


@pytest.mark.parametrize(
    ("wording", "wanted"),
    [
        ("Adults take 800 IU daily; over 70, 600 IU daily [@acc].", "in another order"),
        ("Adults take 600 IU daily [@acc].", "leaves out 800 IU daily"),
        (
            "Adults take 600 IU twice a day; over 70, 800 IU daily [@acc].",
            "says 600 IU twice a day",
        ),
        ("Adults take 600 mcg daily; over 70, 800 IU daily [@acc].", "says 600 mcg daily"),
        (
            "Adults take six hundred IU daily; over 70, 800 IU daily, for 1 week [@acc].",
            "adds 1 week",
        ),
    ],
)
def test_an_override_may_not_swap_drop_change_or_add_a_dose(
    project: Path, plainly: Invoke, wording: str, wanted: str
) -> None:
    write(project, {"dose_patient": wording})
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    assert any(wanted in e for e in errors(result.output)), result.output


def test_fact_order_free_lets_a_wording_reorder_doses(project: Path, plainly: Invoke) -> None:
    swapped = "Over 70, take 800 IU daily. Younger adults take 600 IU daily [@acc]."
    write(project, {"dose_patient": swapped})
    assert plainly("validate", "--project", project, SLUG).exit_code == 1
    write(project, {"dose_patient": swapped, "dose_marks": "fact_order: free\n        "})
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 0, result.output


def test_dropping_the_minutes_of_when_to_get_help_fails(project: Path, plainly: Invoke) -> None:
    write(project, {"help_patient": "Call if your nose bleeds a long time."})
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    line = line_of(project, "bleeds a long time")
    assert re.search(
        rf"{SLUG}\.yaml:{line}:\d+: error: patient wording of 'help' \(call_clinic\[0\]\.text\) "
        r"leaves out 10 minutes \(duration, minute\), which the clinician text states",
        result.output,
    ), result.output


def test_a_negation_the_default_lacks_fails_unless_confirmed(
    project: Path, plainly: Invoke
) -> None:
    negated = "Adults do not take 600 IU daily; over 70, 800 IU daily [@acc]."
    write(project, {"dose_patient": negated})
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    assert "patient wording of 'dose' (text) negates 600 IU daily" in result.output
    assert "`negation: confirmed`" in result.output
    write(project, {"dose_patient": negated, "dose_marks": "negation: confirmed\n        "})
    assert plainly("validate", "--project", project, SLUG).exit_code == 0


def test_a_glossary_number_or_unit_is_refused_and_articles_are_still_checked(
    project: Path, plainly: Invoke
) -> None:
    glossary = project / "glossary.yaml"
    glossary.write_text(
        glossary.read_text()
        .replace(
            "en-US:\n",
            "en-US:\n  - term: IU\n    plain: drops\n    definition: a unit\n"
            "  - term: nosebleed\n    plain: nose bleed\n    definition: bleeding for 10 minutes\n",
            1,
        )
        .replace(
            "es-US:\n",
            "es-US:\n  - term: '1.500'\n    plain: mil quinientos\n    definition: un número\n",
            1,
        )
    )
    write(project, {"bottom_patient": "Keep your INR 2.0 to 4.0 [@acc]."})
    result = plainly("validate", "--project", project)
    assert result.exit_code == 1
    found = errors(result.output)
    assert any(
        re.search(r"glossary\.yaml:\d+:\d+: error: glossary term 'IU' is a number or a unit", e)
        for e in found
    ), result.output
    assert any("the definition of glossary term 'nosebleed' states a fact: '10 minutes'" in e
               for e in found), result.output  # fmt: skip
    assert any("glossary term '1.500' is a number or a unit" in e for e in found), result.output
    assert any("says 2.0 to 4.0; the clinician text says 2.0 to 3.0 (INR)" in e for e in found)


def test_an_inflected_forms_plain_wording_may_not_carry_a_fact(
    project: Path, plainly: Invoke
) -> None:
    """An inflection's own plain wording reaches patients as the entry's does."""
    glossary = project / "glossary.yaml"
    glossary.write_text(
        glossary.read_text().replace(
            "en-US:\n",
            "en-US:\n  - term: nosebleed\n    plain: nose bleed\n    definition: blood from the nose\n"
            "    inflections:\n      - form: nosebleeds\n        plain: 2 nose bleeds a day\n",
            1,
        )
    )
    result = plainly("validate", "--project", project)
    assert result.exit_code == 1
    assert re.search(
        r"glossary\.yaml:\d+:\d+: error: the plain wording for 'nosebleeds' of glossary term "
        r"'nosebleed' states a fact",
        result.output,
    ), result.output


LIMITED = """\
      - id: patient-dose
        type: paragraph
        audiences: [patient, caregiver]
        {restates}text: Take 900 IU daily.
"""

SPANISH_LIMITED = {
    "extra_blocks": LIMITED.format(restates="restates: dose\n        ").replace(
        "Take 900 IU daily.", "Tome 900 UI al día."
    )
}


def test_a_block_only_lay_readers_see_must_restate_a_clinician_block(
    project: Path, plainly: Invoke
) -> None:
    write(project, {"extra_blocks": LIMITED.format(restates="")}, SPANISH_LIMITED)
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    assert "block 'patient-dose' shows patient 900 IU daily (dose, IU)" in result.output
    assert "`restates: <block-id>`" in result.output
    write(project, {"extra_blocks": LIMITED.format(restates="restates: dose\n        ")},
          SPANISH_LIMITED)  # fmt: skip
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    assert (
        "patient block 'patient-dose' says 900 IU daily; the clinician block 'dose' says "
        "600 IU daily" in result.output
    ), result.output
    good = LIMITED.format(restates="restates: dose\n        ").replace(
        "Take 900 IU daily.", "Take 600 IU daily, or 800 IU daily after 70."
    )
    write(project, {"extra_blocks": good}, {"extra_blocks": good.replace(
        "Take 600 IU daily, or 800 IU daily after 70.", "Tome 600 UI al día, o 800 UI al día "
        "después de los 70.")})  # fmt: skip
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 0, result.output


def test_a_spanish_translation_that_changes_a_dose_names_both_sides(
    project: Path, plainly: Invoke
) -> None:
    write(project, spanish={"dose_default": "Los adultos toman 600 UI al día; los mayores de 70 "
                            "toman 8000 UI al día [@acc]."})  # fmt: skip
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    line = line_of(project, "8000 UI", "es-US")
    assert re.search(
        rf"es-US/{SLUG}\.yaml:{line}:\d+: error: the es-US translation of 'dose' \(text\) says "
        r"8000 UI al día; the original says 800 IU daily \(dose, IU\)",
        result.output,
    ), result.output


def test_a_spanish_patient_wording_is_held_to_the_spanish_default(
    project: Path, plainly: Invoke
) -> None:
    write(project, spanish={"dose_patient": "La mayoría toma 600 UI dos veces al día. Después "
                            "de los 70, 800 UI al día [@acc]."})  # fmt: skip
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    assert "patient wording of 'dose' (text) says 600 UI dos veces al día" in result.output


def test_a_spanish_translation_may_not_swap_the_table_row_labels(
    project: Path, plainly: Invoke
) -> None:
    swapped = (
        "          - [Adultos mayores de 70, 600 UI al día]\n"
        "          - [Adultos de 19 a 70, 800 UI al día]\n"
    )
    write(project, spanish={"rows": swapped})
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    assert re.search(
        r"the es-US translation of 'table' \(row 'Adultos mayores de 70', column 'Quién'\) says",
        result.output,
    ), result.output


@pytest.mark.parametrize(
    ("wording", "wanted"),
    [
        ("Keep your INR ২.0 to 3.0 [@acc].", "'২' is Bengali Digit Two (2), not a Latin digit"),
        ("Keep your INR 2.0 to 3.0; take 1.500 mg [@acc].", "'1.500' is ambiguous"),
        ("Keep your INR 2.0 to 3.0; take 500 μg [@acc].", "writes micrograms as 'μg'"),
    ],
)
def test_a_number_the_recogniser_refuses_is_a_located_error(
    project: Path, plainly: Invoke, wording: str, wanted: str
) -> None:
    write(project, {"bottom_patient": wording})
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    line = line_of(project, wording[:20])
    assert re.search(rf"{SLUG}\.yaml:{line}:\d+: error: .*{re.escape(wanted)}", result.output), (
        result.output
    )
    assert "Traceback" not in result.output


EVIDENCE = """\
      - id: evidence
        type: paragraph
        {marks}text:
          default: In 12 trials, 12 of 40 people bled; take 600 IU daily [@acc].
          patient: {patient}
"""


def evidence(marks: str = "", patient: str = "Take 600 IU daily [@acc].") -> dict[str, str]:
    block = EVIDENCE.format(marks=marks, patient=patient)
    return {"extra_blocks": block}


def spanish_evidence(marks: str = "") -> dict[str, str]:
    """The translation's own marks: `statistics` name numbers as its own text writes them."""
    return {
        "extra_blocks": EVIDENCE.format(marks=marks, patient="Tome 600 UI al día [@acc].").replace(
            "In 12 trials, 12 of 40 people bled; take 600 IU daily [@acc].",
            "En 12 ensayos, 12 de 40 personas sangraron; tome 600 UI al día [@acc].",
        )
    }


def test_a_bare_number_is_kept_unless_marked_a_statistic(project: Path, plainly: Invoke) -> None:
    write(project, evidence(), spanish_evidence())
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    assert "patient wording of 'evidence' (text) leaves out 12 (count)" in result.output
    assert "a bare number is kept unless the block lists it under `statistics`" in result.output
    assert "leaves out 12 trials" not in result.output  # a study count may be omitted
    marks = "statistics: ['12']\n        "
    write(project, evidence(marks), spanish_evidence(marks))
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 0, result.output


def test_a_dose_cannot_be_marked_a_statistic(project: Path, plainly: Invoke) -> None:
    marks = "statistics: ['12', 600 IU daily]\n        "
    write(project, evidence(marks), spanish_evidence())
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    assert "marks '600 IU daily' as a statistic, but it is a dose" in result.output


def test_a_locked_block_keeps_even_its_statistics(project: Path, plainly: Invoke) -> None:
    marks = "locked: true\n        statistics: ['12']\n        "
    write(project, evidence(marks), spanish_evidence())
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    assert "leaves out 12 trials (statistic, studies)" in result.output
    assert "locked blocks no fact is left out" in result.output


@pytest.mark.parametrize(
    ("link", "wanted"),
    [
        ("[vitamin D](article:vitamin-d-k3)", "link to article 'vitamin-d-k3', which the library "
         "does not have Hint: did you mean 'article:vitamin-d-k2'?"),
        ("[vitamin D](../vitamin-d-k2/index.html)", "is a relative link, which a handout cannot "
         "follow"),
        ("[vitamin D](article:Vitamin-D)", "'article:Vitamin-D' does not name an article"),
    ],
)  # fmt: skip
def test_links_between_articles_are_checked_by_validate(
    project: Path, plainly: Invoke, link: str, wanted: str
) -> None:
    write(project, {"bottom_patient": f"Keep your INR 2.0 to 3.0; see {link} [@acc]."})
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    line = line_of(project, "see [vitamin D]")
    assert re.search(rf"{SLUG}\.yaml:{line}:\d+: error: .*{re.escape(wanted)}", result.output), (
        result.output
    )


def test_a_link_to_another_article_goes_to_its_page(project: Path, plainly: Invoke) -> None:
    write(project, {"bottom_patient": "Keep your INR 2.0 to 3.0; see [vitamin D]"
                    "(article:vitamin-d-k2) [@acc]."})  # fmt: skip
    assert plainly("validate", "--project", project, SLUG).exit_code == 0
    page = project / "page.html"
    result = plainly("render", SLUG, "--project", project, "--audience", "patient",
                     "--format", "html", "-o", page)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert '<a href="../../vitamin-d-k2/patient/index.html">vitamin D</a>' in page.read_text()
    handout = project / "print.html"
    result = plainly("render", SLUG, "--project", project, "--audience", "patient",
                     "--format", "print-html", "-o", handout)  # fmt: skip
    assert result.exit_code == 0, result.output
    online = "https://plainly.example.org/library/vitamin-d-k2/patient/"
    assert f'<a href="{online}">vitamin D</a>' in handout.read_text()


def test_may_omit_count_is_read_as_statistic_with_a_warning(project: Path, plainly: Invoke) -> None:
    profile = project / "variants" / "patient.yaml"
    profile.write_text(profile.read_text().replace("may_omit: [statistic]", "may_omit: [count]"))
    marks = "statistics: ['12']\n        "
    write(project, evidence(marks), spanish_evidence(marks))
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 0, result.output
    assert re.search(
        r"variants/patient\.yaml:1:1: warning: profile 'patient': `may_omit: \[count\]` is the old "
        r"name of `statistic`",
        result.output,
    ), result.output


def test_a_table_error_does_not_hide_a_fact_error_in_the_same_file(
    project: Path, plainly: Invoke
) -> None:
    write(project, {"bottom_patient": "Keep your INR 2.0 to 4.0 [@acc]."})
    path = project / "articles" / f"{SLUG}.yaml"
    path.write_text(path.read_text().replace("- [Adults over 70, 800 IU daily]",
                                             "- [Adults over 70, 800 IU daily, twice]"))  # fmt: skip
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    found = errors(result.output)
    assert any("row 2 of table 'table' has 3 cells but the table has 2 columns" in e
               for e in found), result.output  # fmt: skip
    assert any("says 2.0 to 4.0; the clinician text says 2.0 to 3.0 (INR)" in e for e in found)


def test_a_block_in_a_section_only_patients_see_must_restate_too(
    project: Path, plainly: Invoke
) -> None:
    write(project)
    path = project / "articles" / f"{SLUG}.yaml"
    section = (
        "  - id: for-patients\n    title: For you\n    audiences: [patient]\n    blocks:\n"
        "      - id: your-dose\n        type: paragraph\n        text: Take 900 IU daily.\n"
        "references:\n"
    )
    path.write_text(path.read_text().replace("references:\n", section, 1))
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    assert "block 'your-dose' shows patient 900 IU daily (dose, IU)" in result.output


@pytest.mark.parametrize(
    ("old", "new", "wanted"),
    [
        ("updated: 2025-01-15", "updated: 2025-13-45", "cannot read value: month must be"),
        ("updated: 2025-01-15", "updated: 1800-01-01", "'updated'"),
        ("        type: paragraph\n", "        type: paragraph\n        colour: red\n",
         "unknown field 'colour'"),
        ("review: {state: submitted}", "review: {state: done}", "'done' is not allowed"),
        ("      - id: help\n", "      - id: broken\n        type: callout\n        kind: note\n"
         "      - id: help\n", "a callout needs `text` or `items`"),
        ("    kind: guideline\n", "    kind: guideline\n    year: twenty\n", "'year'"),
    ],
)  # fmt: skip
def test_a_schema_error_does_not_hide_a_fact_error_in_the_same_file(
    project: Path, plainly: Invoke, old: str, new: str, wanted: str
) -> None:
    """The parts of a file that parse still go through the fact lock, in the same run."""
    write(project, {"help_patient": "Call if your nose bleeds a long time."})
    path = project / "articles" / f"{SLUG}.yaml"
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    for command in (("validate",), ("build", "--drafts", "--format", "html")):
        result = plainly(*command, "--project", project, SLUG)
        assert result.exit_code == 1, result.output
        found = errors(result.output)
        assert any(wanted in e for e in found), result.output
        line = line_of(project, "bleeds a long time")
        assert any(f"{SLUG}.yaml:{line}:" in e and "leaves out 10 minutes" in e for e in found), (
            result.output
        )
        assert "Traceback" not in result.output


def test_a_schema_error_in_a_translation_does_not_hide_its_fact_errors(
    project: Path, plainly: Invoke
) -> None:
    write(project, spanish={"dose_default": "Los adultos toman 600 UI al día; los mayores de 70 "
                            "toman 8000 UI al día [@acc]."})  # fmt: skip
    path = project / "articles" / "es-US" / f"{SLUG}.yaml"
    path.write_text(path.read_text().replace("title: Dosis\n", "title: Dosis\n    colour: red\n"))
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    found = errors(result.output)
    assert any("unknown field 'colour'" in e for e in found), result.output
    assert any("says 8000 UI al día; the original says 800 IU daily" in e for e in found), (
        result.output
    )
    assert not any("has no section or block" in e for e in found), result.output


GROUPS = """\
      - id: by-group
        type: table
        caption: {caption}
        columns: [{columns}]
        rows:
{rows}"""

GROUP_ROWS_EN = "          - [Adults, Vitamin D, 600 IU daily]\n" \
                "          - [Children, Vitamin K2, 400 IU daily]\n"  # fmt: skip
GROUP_ROWS_ES = "          - [Adultos, Vitamina D, 600 UI al día]\n" \
                "          - [Niños, Vitamina K2, 400 UI al día]\n"  # fmt: skip


def groups(
    rows_en: str = GROUP_ROWS_EN, rows_es: str = GROUP_ROWS_ES
) -> tuple[dict[str, str], dict[str, str]]:
    english = GROUPS.format(caption="Doses by group", columns="Who, Vitamin, Dose", rows=rows_en)
    spanish = GROUPS.format(caption="Dosis por grupo", columns="Quién, Vitamina, Dosis",
                            rows=rows_es)  # fmt: skip
    return {"extra_blocks": english}, {"extra_blocks": spanish}


@pytest.mark.parametrize(
    ("rows", "wanted"),
    [
        ("          - [Niños, Vitamina D, 600 UI al día]\n"
         "          - [Adultos, Vitamina K2, 400 UI al día]\n",
         "puts 'Niños' in row 1, column 1, where the original has 'Adults': it names children, "
         "which is in row 2, column 1 there (swapped or moved)"),
        ("          - [Adultos, Vitamina K2, 600 UI al día]\n"
         "          - [Niños, Vitamina D, 400 UI al día]\n",
         "puts 'Vitamina K2' in row 1, column 2, where the original has 'Vitamin D': it names K2"),
        ("          - [Adultos, Vitamina K2, 400 UI al día]\n"
         "          - [Niños, Vitamina D, 600 UI al día]\n",
         "of 'by-group' (row 'Adultos', column 'Dosis') says 400 UI al día; the original says 600"),
        ("          - [Adultos, Vitamina D, 600 UI al día]\n"
         "          - [Niños, Vitamina K2, 400 UI al día]\n"
         "          - [Bebés, Vitamina K2, 200 UI al día]\n",
         "the es-US translation of table 'by-group' has 3 rows of 3, 3, 3 cells; the original "
         "has 2 rows of 3, 3"),
        ("          - [Adultos, Vitamina D, 600 UI al día]\n"
         "          - [Niños y adultos, Vitamina K2, 400 UI al día]\n",
         "it names adults, which is in row 1, column 1 there"),
    ],
)  # fmt: skip
def test_a_spanish_translation_keeps_every_row_of_a_table_in_place_words_included(
    project: Path, plainly: Invoke, rows: str, wanted: str
) -> None:
    english, spanish = groups()
    write(project, english, spanish)
    assert plainly("validate", "--project", project, SLUG).exit_code == 0
    english, spanish = groups(rows_es=rows)
    write(project, english, spanish)
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    found = errors(result.output)
    assert any(f"es-US/{SLUG}.yaml:" in e and wanted in e for e in found), result.output


@pytest.mark.parametrize(
    ("rows", "wanted"),
    [
        ("          - [{default: Adults, patient: Children}, Vitamin D, 600 IU daily]\n"
         "          - [{default: Children, patient: Adults}, Vitamin K2, 400 IU daily]\n",
         "patient wording of table 'by-group' puts 'Children' in row 1, column 1, where the "
         "clinician text has 'Adults': it names children, which is in row 2, column 1 there"),
        ("          - [{default: Adults, patient: Grown-ups}, Vitamin D, 600 IU daily]\n"
         "          - [{default: Children, patient: Kids}, {default: Vitamin K2, patient: "
         "Vitamin D}, 400 IU daily]\n",
         "puts 'Vitamin D' in row 2, column 2, where the clinician text has 'Vitamin K2'"),
        ("          - [{default: Adults, patient: Most people}, Vitamin D, 600 IU daily]\n"
         "          - [{default: Children, patient: Most people}, Vitamin K2, 400 IU daily]\n",
         None),
    ],
)  # fmt: skip
def test_an_audience_wording_keeps_every_row_of_a_table_in_place_words_included(
    project: Path, plainly: Invoke, rows: str, wanted: str | None
) -> None:
    english, spanish = groups(rows_en=rows)
    write(project, english, spanish)
    result = plainly("validate", "--project", project, SLUG)
    if wanted is None:  # a plain label with no group in it: nothing to tell it by
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1
    assert any(wanted in e for e in errors(result.output)), result.output


def test_a_translation_may_not_add_a_text_the_original_lacks(
    project: Path, plainly: Invoke
) -> None:
    write(project)
    path = project / "articles" / "es-US" / f"{SLUG}.yaml"
    extra = "          - Llame si tomó más de 4000 UI en un día.\n"
    anchor = "              patient: Llame si la nariz sangra y no para en 10 minutos.\n"
    path.write_text(path.read_text().replace(anchor, anchor + extra))
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    line = line_of(project, "tomó más de 4000 UI", "es-US")
    assert re.search(
        rf"es-US/{SLUG}\.yaml:{line}:\d+: error: the es-US translation adds más de 4000 UI "
        r"\(dose, IU\) at 'help' \(call_clinic\[1\]\.text\), where the original has no text",
        result.output,
    ), result.output


def test_a_finding_where_a_refused_glossary_entry_would_apply_says_so(
    project: Path, plainly: Invoke
) -> None:
    glossary = project / "glossary.yaml"
    glossary.write_text(glossary.read_text().replace(
        "en-US:\n",
        "en-US:\n  - term: nosebleed\n    plain: nose bleed\n    definition: bleeding for 10 "
        "minutes\n",
        1,
    ))  # fmt: skip
    entry = next(n for n, t in enumerate(glossary.read_text().splitlines(), 1) if "nosebleed" in t)
    write(project, {"help_patient": "Call if your nosebleed lasts a long time.",
                    "bottom_patient": "Keep your INR 2.0 to 4.0 [@acc]."})  # fmt: skip
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    found = errors(result.output)
    note = rf"\(the glossary entry 'nosebleed' at \S*glossary\.yaml:{entry} was refused and not " \
        r"applied here\)"  # fmt: skip
    assert any("leaves out 10 minutes" in e and re.search(note, e) for e in found), result.output
    assert any("says 2.0 to 4.0" in e and "was refused" not in e for e in found), result.output


@pytest.mark.parametrize(
    ("rows", "wanted"),
    [
        ("          - [Warfarina, Prediabetes]\n          - [Heparina, Diabetes]\n", None),
        ("          - [Heparina, Prediabetes]\n          - [Warfarina, Diabetes]\n",
         "puts 'Heparina' in row 1, column 1, where the original has 'Warfarin': 'heparina' "
         "reads as 'heparin' of row 2, column 1 there (swapped or moved)"),
        ("          - [Warfarina, Diabetes]\n          - [Heparina, Prediabetes]\n",
         "puts 'Diabetes' in row 1, column 2, where the original has 'Prediabetes'"),
    ],
)  # fmt: skip
def test_a_translation_may_not_swap_words_that_read_alike_in_both_languages(
    project: Path, plainly: Invoke, rows: str, wanted: str | None
) -> None:
    english = GROUPS.format(caption="Medicines", columns="Medicine, When",
                            rows="          - [Warfarin, Prediabetes]\n"
                                 "          - [Heparin, Diabetes]\n")  # fmt: skip
    spanish = GROUPS.format(caption="Medicinas", columns="Medicina, Cuándo", rows=rows)
    write(project, {"extra_blocks": english}, {"extra_blocks": spanish})
    result = plainly("validate", "--project", project, SLUG)
    if wanted is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1
    assert any(wanted in e for e in errors(result.output)), result.output


def test_a_glossary_plain_wording_may_not_negate_a_fact(project: Path, plainly: Invoke) -> None:
    """The glossary carries no polarity either: "never" in a plain wording negates the dose
    after it on the patient page, which the clinician text does not."""
    glossary = project / "glossary.yaml"
    glossary.write_text(glossary.read_text().replace(
        "en-US:\n", "en-US:\n  - term: supplement\n    plain: never a pill\n"
        "    definition: a pill of a vitamin or mineral\n", 1))  # fmt: skip
    write(project, {"extra_blocks": "      - id: extra\n        type: paragraph\n        text: "
                    "Take the supplement 600 IU daily [@acc].\n"},
          {"extra_blocks": "      - id: extra\n        type: paragraph\n        text: "
                           "Tome 600 UI al día [@acc].\n"})  # fmt: skip
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    assert any("the plain wording of glossary term 'supplement' adds 'never'" in e
               for e in errors(result.output)), result.output  # fmt: skip


@pytest.mark.parametrize(
    ("locale", "entry", "wanted"),
    [
        (
            "en-US",
            "term: maximum\n    plain: smallest",
            "glossary term 'maximum' is a word that sets",
        ),
        (
            "en-US",
            "term: exceed\n    plain: stay below",
            "glossary term 'exceed' is a word that sets",
        ),
        ("en-US", "term: within\n    plain: after", "glossary term 'within' is a word that sets"),
        ("en-US", "term: Take\n    plain: Avoid", "glossary term 'Take' is a word that sets"),
        ("en-US", "term: scoops\n    plain: tablespoons", "adds 'tablespoons'"),
        ("en-US", "term: dropperful\n    plain: teaspoon", "adds 'teaspoon'"),
        ("en-US", "term: heparin\n    plain: blood thinner to avoid", "adds 'avoid'"),
        ("en-US", "term: enoxaparin\n    plain: blood thinner, at most", "adds 'at most'"),
        ("en-US", "term: PT/INR\n    plain: clotting test with goal two to four", "adds 'two'"),
        ("es-US", "term: máxima\n    plain: mínima", "glossary term 'máxima' is a word that sets"),
        ("es-US", "term: Tome\n    plain: Evite", "glossary term 'Tome' is a word that sets"),
        ("es-US", "term: pastilla\n    plain: pastilla de dos a cuatro", "adds 'dos'"),
    ],
)
def test_a_glossary_entry_may_not_reword_what_a_fact_means(
    project: Path, plainly: Invoke, locale: str, entry: str, wanted: str
) -> None:
    glossary = project / "glossary.yaml"
    text = glossary.read_text()
    assert f"{locale}:\n" in text
    text = text.replace(f"{locale}:\n", f"{locale}:\n  - {entry}\n    definition: a word\n", 1)
    glossary.write_text(text)
    result = plainly("validate", "--project", project)
    assert result.exit_code == 1
    assert any(wanted in e and "glossary.yaml:" in e for e in errors(result.output)), result.output


def test_a_definition_may_count_things_but_not_give_a_range(project: Path, plainly: Invoke) -> None:
    glossary = project / "glossary.yaml"
    benign = "  - term: dyad\n    plain: pair\n    definition: two people, or a pill and a spray\n"
    ranged = (
        "  - term: INR goal\n    plain: clotting goal\n    definition: most aim for two to four\n"
    )
    glossary.write_text(glossary.read_text().replace("en-US:\n", "en-US:\n" + benign + ranged, 1))
    result = plainly("validate", "--project", project)
    assert result.exit_code == 1
    found = errors(result.output)
    assert any("the definition of glossary term 'INR goal' adds 'two to four'" in e for e in found)
    assert not any("'dyad'" in e for e in found), result.output


def test_a_disclaimer_only_patients_read_may_not_state_a_fact(
    project: Path, plainly: Invoke
) -> None:
    write(project)
    path = project / "articles" / f"{SLUG}.yaml"
    path.write_text(
        path.read_text().replace(
            "sections:\n",
            "disclaimers:\n  patient: Never take more than 5000 IU daily.\nsections:\n",
            1,
        )
    )
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    line = line_of(project, "5000 IU")
    assert re.search(rf"{SLUG}\.yaml:{line}:\d+: error: the patient disclaimer states more than "
                     r"5000 IU daily \(dose, IU\), which no clinician reads", result.output), (
        result.output)  # fmt: skip


STEPS = """\
      - id: steps
        type: list
        items:
          - {first}
          - text: {second}
            audiences: [patient]
"""


def test_a_list_item_only_lay_readers_see_may_not_state_a_fact(
    project: Path, plainly: Invoke
) -> None:
    english = STEPS.format(first="Take it with food.", second="Take 900 IU daily.")
    spanish = STEPS.format(first="Tómelo con comida.", second="Tome 900 UI al día.")
    write(project, {"extra_blocks": english}, {"extra_blocks": spanish})
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    found = errors(result.output)
    for locale, raw in (("", "900 IU daily"), ("es-US", "900 UI al día")):
        line = line_of(project, raw, locale)
        assert any(re.search(rf"{locale}/?{SLUG}\.yaml:{line}:\d+: error: an item of 'steps' shown "
                             rf"only to patient states {raw} \(dose, IU\), which no clinician "
                             r"reads", e) for e in found), result.output  # fmt: skip
    fine = STEPS.format(first="Take it with food.", second="Eat a snack.")
    write(project, {"extra_blocks": fine}, {"extra_blocks": STEPS.format(
        first="Tómelo con comida.", second="Coma algo.")})  # fmt: skip
    assert plainly("validate", "--project", project, SLUG).exit_code == 0


def test_a_translation_may_not_swap_the_column_headings(project: Path, plainly: Invoke) -> None:
    english = GROUPS.format(
        caption="Doses by age",
        columns="Age, Dose",
        rows="          - [Adults, 600 IU daily]\n          - [Children, 400 IU daily]\n",
    )
    spanish = GROUPS.format(
        caption="Dosis por edad",
        columns="Dosis, Edad",
        rows="          - [Adultos, 600 UI al día]\n          - [Niños, 400 UI al día]\n",
    )
    write(project, {"extra_blocks": english}, {"extra_blocks": spanish})  # fmt: skip
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    assert any("puts 'Dosis' in the heading of column 1, where the original has 'Age': it names "
               "dose, which is in the heading of column 2 there" in e
               for e in errors(result.output)), result.output  # fmt: skip
    write(project, {"extra_blocks": english},
          {"extra_blocks": spanish.replace("Dosis, Edad", "Edad, Dosis")})  # fmt: skip
    assert plainly("validate", "--project", project, SLUG).exit_code == 0


def test_a_translation_may_not_move_a_sign_from_emergency_to_clinic(
    project: Path, plainly: Invoke
) -> None:
    """No number moves, but "call 911" becomes "call the clinic" for Spanish readers."""
    english = (
        "      - id: signs\n        type: get_help\n        call_clinic:\n"
        "          - A rash.\n        call_emergency:\n          - Trouble breathing.\n"
    )
    spanish = (
        "      - id: signs\n        type: get_help\n        call_clinic:\n"
        "          - Un sarpullido.\n          - Dificultad para respirar.\n"
    )
    write(project, {"extra_blocks": english}, {"extra_blocks": spanish})  # fmt: skip
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    found = errors(result.output)
    assert any("the es-US translation of 'signs' has 2 call_clinic items; the original has 1"
               in e for e in found), result.output  # fmt: skip
    assert any("has 0 call_emergency items; the original has 1" in e for e in found)


@pytest.mark.parametrize(
    ("old", "new", "wanted"),
    [
        ("      - id: dose\n        type: paragraph\n",
         "      - id: dose\n        type: paragraph\n        audiences: [clinician]\n",
         "the es-US translation of 'dose' limits `audiences` to ['clinician']; the original to "
         "none (everyone)"),
        ("      - id: table\n        type: table\n",
         "      - id: table\n        type: table\n        media: [print]\n",
         "the es-US translation of 'table' limits `media` to ['print']"),
    ],
)  # fmt: skip
def test_a_translation_reaches_the_readers_the_original_does(
    project: Path, plainly: Invoke, old: str, new: str, wanted: str
) -> None:
    write(project)
    path = project / "articles" / "es-US" / f"{SLUG}.yaml"
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    assert any(wanted in e for e in errors(result.output)), result.output


def test_a_spanish_patient_wording_keeps_the_table_rows_in_place(
    project: Path, plainly: Invoke
) -> None:
    rows = (
        "          - [{default: Adultos, patient: Niños}, Vitamina D, 600 UI al día]\n"
        "          - [{default: Niños, patient: Adultos}, Vitamina K2, 400 UI al día]\n"
    )
    english, spanish = groups(rows_es=rows)
    write(project, english, spanish)
    result = plainly("validate", "--project", project, SLUG)
    assert result.exit_code == 1
    assert any(f"es-US/{SLUG}.yaml:" in e and "patient wording of table 'by-group' puts 'Niños' "
               "in row 1, column 1, where the clinician text has 'Adultos'" in e
               for e in errors(result.output)), result.output  # fmt: skip


def test_a_glossary_entry_the_schema_refuses_hides_no_article_error(
    project: Path, plainly: Invoke
) -> None:
    glossary = project / "glossary.yaml"
    bad = "  - term: ''\n    plain: nothing\n    definition: nothing\n"
    glossary.write_text(glossary.read_text().replace("en-US:\n", "en-US:\n" + bad, 1))
    article = project / "articles" / "metformin.yaml"
    dose = "              patient: 500 mg twice daily, or 850 mg once daily"
    text = article.read_text()
    assert dose in text
    article.write_text(text.replace(dose, dose.replace("500 mg", "5000 mg"), 1))
    result = plainly("validate", "--project", project)
    assert result.exit_code == 1
    found = errors(result.output)
    assert any("glossary.yaml:" in e and "'term'" in e for e in found), result.output
    assert any("metformin.yaml" in e and "5000 mg" in e for e in found), result.output
