"""The readability report a writer opens after a build."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Invoke


def test_report_shows_scores_chart_findings_and_review_age(plainly: Invoke, project: Path) -> None:
    result = plainly("build", "--drafts", "--format", "report", "--project", project)
    assert result.exit_code == 0, result.output
    report = (project / "output" / "reports" / "vitamin-d-k2.html").read_text()
    for audience in ("clinician", "patient", "caregiver"):
        assert f'<section id="{audience}">' in report
    assert "meets its targets" in report
    assert report.count("<svg") >= 3  # a section chart per variant
    assert "<mark>" in report  # flagged words highlighted in their sentence
    assert "Never reviewed by a clinician (content dated 2025-08-28)" in report
    assert "counts as stale from 2026-08-28" in report
    spanish = (project / "output" / "reports" / "es" / "vitamin-d-k2.html").read_text()
    assert '<html lang="es-US">' in spanish


def test_report_speaks_each_language_s_own_formulas_and_prechecks_pemat(
    plainly: Invoke, project: Path
) -> None:
    result = plainly("build", "--drafts", "--format", "report", "--project", project)
    assert result.exit_code == 0, result.output
    english = (project / "output" / "reports" / "vitamin-d-k2.html").read_text()
    spanish = (project / "output" / "reports" / "es" / "vitamin-d-k2.html").read_text()
    assert "Flesch-Kincaid grade by section" in english
    assert "Why take them together?" in english  # chart bars carry headings, not ids
    assert "how-they-work</text>" not in english
    assert "Fernández-Huerta by section" in spanish
    for english_only in ("Flesch-Kincaid", "SMOG", "Gunning fog", "Dale-Chall"):
        assert english_only not in spanish
    assert "INFLESZ)" in spanish and ("bastante fácil" in spanish or "muy fácil" in spanish)
    for report in (english, spanish):
        assert "PEMAT-P pre-check" in report
        assert "For a person to judge: 1. The material makes its purpose" in report
        assert "scored apart" in report
